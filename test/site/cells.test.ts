/**
 * Unit tests for the pure parts of the live code cells (site/cells): TypeScript stripping and
 * import rewriting, mapping errors to the reader's lines, output capping and formatting, the
 * worker protocol's guards, the page-side client's watchdog (with a fake worker), and the view
 * helpers. The runner is exercised for real (it evaluates code with the engine's AsyncFunction,
 * as the worker does).
 */
import { describe, expect, it, vi, afterEach } from 'vitest'
import fc from 'fast-check'
import * as core from '@go-alloc/core'
import {
  CellSyntaxError,
  findCellFrame,
  rewriteImports,
  stripTypes,
  toCellLine,
} from '../../site/cells/transpile.ts'
import { MAX_FORMAT_NODES, OutputBuffer, formatArgs, formatValue, hex } from '../../site/cells/format.ts'
import { isFromWorker, isToWorker, defaultOutputLimits, type ToWorker } from '../../site/cells/protocol.ts'
import { runCell, functionHeaderLines, CELL_HEAP_LIMIT } from '../../site/cells/runner.ts'
import { CellClient, type WorkerLike } from '../../site/cells/client.ts'
import {
  errorHeadline,
  formatBytes,
  statusLine,
  storageKey,
  summarizeRuntime,
} from '../../site/cells/view.ts'
import { buildCellApi } from '../../site/cells/api.ts'
import { normalizeCellSource } from '../../site/cells/source.ts'

const coreObj = core as unknown as Record<string, unknown>

async function run(code: string, coreMod: Record<string, unknown> = coreObj, limits = defaultOutputLimits) {
  const out: string[] = []
  const outcome = await runCell(code, coreMod, limits, {
    output: (s, t) => out.push(s === 'err' ? `[err] ${t}` : t),
  })
  return { ...outcome, out }
}

describe('stripTypes', () => {
  const cases: Array<[string, string]> = [
    ['let x: number = 1', 'let x = 1'],
    ['const f = (a: string, b?: number): void => {}', 'const f = (a, b) => {}'],
    ['const y = z as unknown as number', 'const y = z'],
    ['function g<T>(v: T): T { return v! }', 'function g(v) { return v }'],
  ]
  it.each(cases)('%s', (ts, js) => {
    expect(stripTypes(ts).replace(/\s+/g, ' ').trim()).toBe(js)
  })

  it('keeps every statement on its own line (property)', () => {
    const tsOnly = [
      'interface I { a: number }',
      'type T = { b: string }',
      'declare const q: number',
      'type U = I | T',
    ]
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(...tsOnly),
            fc.nat(1000).map((n) => `v${n} = ${n}: number`),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        (lines) => {
          // Rewrite the "assignment" items into typed lets, the others stay TypeScript-only lines.
          const src = lines.map((l, i) => (l.startsWith('v') ? `let w${i}: number = ${i}` : l)).join('\n')
          const out = stripTypes(src).split('\n')
          expect(out.length).toBe(lines.length)
          lines.forEach((l, i) => {
            if (l.startsWith('v')) expect(out[i]!.trim()).toBe(`let w${i} = ${i}`)
          })
        },
      ),
      { numRuns: 60 },
    )
  })

  it('reports a parse error at the reader’s line and column', () => {
    try {
      stripTypes('const a = 1\nconst b = (2 +;\n')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(CellSyntaxError)
      expect((e as CellSyntaxError).line).toBe(2)
      expect((e as CellSyntaxError).column).toBe(15)
    }
  })
})

describe('rewriteImports', () => {
  it.each([
    [
      `import { Runtime, describeSize as d } from '@go-alloc/core'`,
      'const { Runtime, describeSize: d } = __goAllocCore;',
    ],
    [`import * as g from "@go-alloc/core";`, 'const g = __goAllocCore;'],
    [`import G, { hex } from '@go-alloc/core'`, 'const G = __goAllocCore; const { hex } = __goAllocCore;'],
    [`import '@go-alloc/core'`, ''],
  ])('%s', (src, want) => {
    expect(rewriteImports(src)).toBe(want)
  })

  it('keeps the line count of multi-line imports', () => {
    const src = `import {\n  Runtime,\n  sizeToClass,\n} from '@go-alloc/core'\nprint(1)`
    const out = rewriteImports(src)
    expect(out.split('\n').length).toBe(src.split('\n').length)
    expect(out.split('\n')[4]).toBe('print(1)')
  })

  it('rejects other modules, naming them and the line', () => {
    expect(() => rewriteImports(`\n\nimport fs from 'node:fs'`)).toThrowError(/node:fs/)
    try {
      rewriteImports(`\n\nimport fs from 'node:fs'`)
    } catch (e) {
      expect((e as CellSyntaxError).line).toBe(3)
    }
  })
})

describe('line mapping', () => {
  it('finds the first cell frame in a stack', () => {
    const stack =
      'Error: x\n    at malloc (core.ts:10:3)\n    at eval (go-alloc-cell.js:7:9)\n    at go-alloc-cell.js:2:1'
    expect(findCellFrame(stack)).toEqual({ line: 7, column: 9 })
    expect(findCellFrame('Error: x\n    at f (other.js:1:1)')).toBeNull()
    expect(toCellLine({ line: 7, column: 9 }, 2, 10)).toEqual({ line: 5, column: 9 })
    expect(toCellLine({ line: 2, column: 1 }, 2, 10)).toBeNull()
    expect(toCellLine({ line: 13, column: 1 }, 2, 10)).toBeNull()
  })

  it('measures the engine’s function header', async () => {
    const n = await functionHeaderLines()
    expect(n).toBeGreaterThanOrEqual(0)
    expect(n).toBeLessThan(10)
  })

  it('an error thrown on line k is reported on line k, through TS stripping (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 25 }),
        fc.integer({ min: 0, max: 24 }),
        fc.boolean(),
        async (n, kRaw, typed) => {
          const k = (kRaw % n) + 1
          const lines: string[] = []
          for (let i = 1; i <= n; i++) {
            if (i === k) lines.push(`  null.boom${i}()`)
            else if (typed && i % 3 === 0) lines.push(`interface I${i} {\n}`.replace('\n', ' '))
            else lines.push(typed ? `let v${i}: number = ${i}` : `let v${i} = ${i}`)
          }
          const r = await run(lines.join('\n'))
          expect(r.status).toBe('error')
          expect(r.error?.name).toBe('TypeError')
          expect(r.error?.line).toBe(k)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('an error raised inside a core function points at the reader’s calling line', async () => {
    const fakeCore = {
      checkedSize(n: number) {
        if (n < 0) throw new RangeError(`size must be a non-negative integer, got ${n}`)
        return n
      },
    }
    const r = await run(`const ok = 1\n\nconst c = checkedSize(-1)\nprint(c)`, fakeCore)
    expect(r.status).toBe('error')
    expect(r.error).toMatchObject({ name: 'RangeError', line: 3, goFatal: false })
  })

  it('first-line columns are not shifted by the wrapper', async () => {
    const r = await run(`null.x`)
    expect(r.error?.line).toBe(1)
    expect(r.error?.column).toBe(6)
  })
})

describe('runCell', () => {
  it('exposes the core exports, print, hex and console', async () => {
    const r = await run(
      `print(sizeToClass(33), classToSize[sizeToClass(33)])\nconsole.log('x', 2 ** 40)\nprint(2 ** 40, hex(255))`,
    )
    expect(r.status).toBe('done')
    expect(r.out).toEqual(['5 48', 'x 1099511627776', '0x10000000000 0xff'])
  })

  it('accepts TypeScript, imports of the core and top-level await', async () => {
    const r = await run(
      `import { sizeToClass as s } from '@go-alloc/core'\nconst n: number = await Promise.resolve(24)\nprint(s(n) as number)`,
    )
    expect(r.status).toBe('done')
    expect(r.out).toEqual(['3'])
  })

  it('lets the reader shadow a cell global', async () => {
    const r = await run(`const print = (x: unknown) => console.log('mine', x)\nprint(1)`)
    expect(r.out).toEqual(['mine 1'])
  })

  it('reports a syntax error V8 finds with status error', async () => {
    const r = await run(`let a = 1\nlet a = 2`)
    expect(r.status).toBe('error')
    expect(r.error?.name).toBe('SyntaxError')
  })

  it('reports non-Error throws (they carry no stack, so no line)', async () => {
    const r = await run(`throw 42`)
    expect(r.error).toMatchObject({ name: 'Uncaught', message: '42', line: null })
  })

  it('caps output and says so', async () => {
    const r = await run(`for (let i = 0; i < 1000; i++) print(i)`, coreObj, {
      maxLines: 10,
      maxChars: 1 << 16,
    })
    expect(r.status).toBe('done')
    expect(r.truncated).toBe(true)
    expect(r.out).toHaveLength(10)
    expect(r.out[9]).toBe('9')
  })

  it('marks messages of the simulated Go runtime as Go fatal errors', async () => {
    const fake = {
      Runtime: class {
        malloc(): number {
          throw new Error(
            'runtime: out of memory: cannot allocate 2147483648-byte block (heapLimit 1073741824)',
          )
        }
      },
    }
    const r = await run(`const rt = new Runtime()\n\nrt.malloc(1 << 31)`, fake)
    expect(r.status).toBe('error')
    expect(r.error).toMatchObject({ goFatal: true, line: 3 })
    expect(errorHeadline(r.error!)).toMatch(/^fatal error: runtime: out of memory/)
  })

  it('tracks the runtimes a cell creates, with a default heapLimit, and summarises them', async () => {
    const seenOpts: unknown[] = []
    class FakeRuntime {
      constructor(opts?: unknown) {
        seenOpts.push(opts)
      }
      readMemStats() {
        return {
          heapAlloc: 48,
          heapSys: 8192,
          mallocs: 1,
          frees: 0,
          bySize: [
            { size: 0, mallocs: 0, frees: 0 },
            ...Array.from({ length: 67 }, (_, i) => ({
              size: i === 4 ? 48 : 8,
              mallocs: i === 4 ? 1 : 0,
              frees: 0,
            })),
          ],
        }
      }
      readCounters() {
        return { heapLocks: 3, refills: 0, os: { mapCalls: 1 } }
      }
      snapshot() {
        // the core's shape: every span of a snapshot is in use
        return {
          spans: [
            { spanclass: 10, sizeclass: 5 },
            { spanclass: 11, sizeclass: 5 },
          ],
        }
      }
    }
    const r = await run(
      `const a = new Runtime({ gomaxprocs: 2 })\nconst b = new Runtime({ heapLimit: 4096 })\nprint(a instanceof Runtime, Runtime.name)`,
      {
        Runtime: FakeRuntime,
      },
    )
    expect(r.out).toEqual(['true Runtime'])
    expect(seenOpts).toEqual([{ gomaxprocs: 2, heapLimit: CELL_HEAP_LIMIT }, { heapLimit: 4096 }])
    expect(r.runtimes).toHaveLength(2)
    const v = r.runtimes[0]!
    expect(v.options).toEqual({ gomaxprocs: 2, goVersion: null, layout: null, heapLimit: CELL_HEAP_LIMIT })
    expect(v.memStats.heapAlloc).toBe(48)
    expect(v.classes).toEqual([{ sizeclass: 5, size: 48, mallocs: 1, frees: 0, live: 1 }])
    expect(v.spansPerClass).toEqual([{ sizeclass: 5, spans: 2 }])
    expect(v.counters).toEqual({ heapLocks: 3 })
    expect(summarizeRuntime(v).counters).toEqual([{ label: 'heapLocks', value: '3' }])
    const s = summarizeRuntime(v)
    expect(s.heading).toBe('Runtime #1 (gomaxprocs 2, heapLimit 1 GiB)')
    expect(s.figures).toContainEqual({ label: 'HeapSys', value: '8 KiB' })
    expect(s.rows[0]).toMatchObject({ sizeclass: 5, size: '48 B', spans: '2' })
  })
})

describe('format', () => {
  it('prints addresses in hex and small numbers in decimal', () => {
    expect(formatValue(0xc000010000, { hexAddresses: true })).toBe('0xc000010000')
    expect(formatValue(2 ** 32 - 1, { hexAddresses: true })).toBe('4294967295')
    expect(formatValue(0xc000010000, { hexAddresses: false })).toBe('824633786368')
    expect(formatValue(1.5 * 2 ** 40, { hexAddresses: true })).toBe('0x18000000000')
    expect(formatValue(2 ** 60, { hexAddresses: true })).toBe(String(2 ** 60))
  })

  it('lays out nested data on one line, quoting nested strings', () => {
    const span = { base: 0xc000010000, npages: 1, state: 'inUse', list: [1, 'a'] }
    expect(formatValue(span, { hexAddresses: true })).toBe(
      `{ base: 0xc000010000, npages: 1, state: "inUse", list: [1, "a"] }`,
    )
    expect(formatArgs(['x', 1, null, undefined], { hexAddresses: true })).toBe('x 1 null undefined')
    expect(formatValue(new Map([[1, 'a']]), { hexAddresses: false })).toBe('Map(1) { 1 => "a" }')
  })

  it('survives cycles, depth and width', () => {
    const a: Record<string, unknown> = { x: 1 }
    a.self = a
    expect(formatValue(a, { hexAddresses: false })).toBe('{ x: 1, self: [Circular] }')
    expect(formatValue([[[[[1]]]]], { hexAddresses: false, maxDepth: 2 })).toBe('[[[…]]]')
    expect(
      formatValue(
        Array.from({ length: 5 }, (_, i) => i),
        { hexAddresses: false, maxItems: 2 },
      ),
    ).toBe('[0, 1, … 3 more]')
  })

  it('hex rejects what is not a non-negative safe integer', () => {
    expect(hex(255)).toBe('0xff')
    expect(() => hex(-1)).toThrow(RangeError)
    expect(() => hex(1.5)).toThrow(/n must be/)
  })
})

describe('OutputBuffer', () => {
  it('never keeps more than its budgets, and is truncated exactly when the input exceeded them (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.string({ maxLength: 30 }), { maxLength: 40 }),
        (maxLines, maxChars, pushes) => {
          const b = new OutputBuffer(maxLines, maxChars)
          let keptLines = 0
          let keptChars = 0
          let totalLines = 0
          let totalChars = 0
          for (const p of pushes) {
            const lines = p.split('\n')
            totalLines += lines.length
            totalChars += lines.reduce((s, l) => s + l.length + 1, 0)
            const k = b.push(p)
            if (k !== null) {
              const kl = k.split('\n')
              keptLines += kl.length
              keptChars += kl.reduce((s, l) => s + l.length + 1, 0)
            }
          }
          expect(keptLines).toBeLessThanOrEqual(maxLines)
          expect(keptChars).toBeLessThanOrEqual(maxChars)
          expect(b.truncated).toBe(totalLines > maxLines || totalChars > maxChars)
          if (!b.truncated) {
            expect(keptLines).toBe(totalLines)
            expect(keptChars).toBe(totalChars)
          }
        },
      ),
    )
  })

  it('rejects bad budgets', () => {
    expect(() => new OutputBuffer(0, 10)).toThrow(/maxLines/)
    expect(() => new OutputBuffer(10, 1.5)).toThrow(/maxChars/)
  })
})

describe('protocol guards', () => {
  it('accept well-formed messages and reject the rest', () => {
    const run: ToWorker = { type: 'run', id: 1, code: 'print(1)', limits: { maxLines: 1, maxChars: 1 } }
    expect(isToWorker(run)).toBe(true)
    expect(isToWorker({ ...run, code: 1 })).toBe(false)
    expect(isToWorker({ ...run, limits: null })).toBe(false)
    expect(isFromWorker({ type: 'ready' })).toBe(true)
    expect(isFromWorker({ type: 'output', id: 1, stream: 'out', text: 'x' })).toBe(true)
    expect(isFromWorker({ type: 'output', id: 1, stream: 'nope', text: 'x' })).toBe(false)
    expect(
      isFromWorker({
        type: 'done',
        id: 1,
        status: 'done',
        error: null,
        truncated: false,
        elapsedMs: 1,
        runtimes: [],
      }),
    ).toBe(true)
    expect(
      isFromWorker({
        type: 'done',
        id: 1,
        status: 'timeout',
        error: null,
        truncated: false,
        elapsedMs: 1,
        runtimes: [],
      }),
    ).toBe(false)
    expect(isFromWorker(null)).toBe(false)
    expect(isFromWorker({ type: 'other' })).toBe(false)
  })
})

/** A fake worker that answers like the real one, except for code containing "hang". */
class FakeWorker implements WorkerLike {
  static made: FakeWorker[] = []
  terminated = false
  private msg: Array<(ev: MessageEvent<unknown>) => void> = []
  constructor() {
    FakeWorker.made.push(this)
  }
  addEventListener(type: string, fn: (ev: never) => void): void {
    if (type === 'message') this.msg.push(fn as (ev: MessageEvent<unknown>) => void)
  }
  emit(data: unknown) {
    for (const f of this.msg) f({ data } as MessageEvent<unknown>)
  }
  postMessage(m: ToWorker): void {
    queueMicrotask(() => {
      if (m.code === 'no-start') return
      this.emit({ type: 'started', id: m.id })
      if (m.code.includes('hang')) return
      this.emit({ type: 'output', id: m.id, stream: 'out', text: `ran ${m.code}` })
      this.emit({
        type: 'done',
        id: m.id,
        status: 'done',
        error: null,
        truncated: false,
        elapsedMs: 1,
        runtimes: [],
      })
    })
  }
  terminate(): void {
    this.terminated = true
  }
}

describe('CellClient', () => {
  afterEach(() => {
    vi.useRealTimers()
    FakeWorker.made = []
  })

  it('creates its worker lazily and matches replies to requests', async () => {
    const c = new CellClient(() => new FakeWorker())
    expect(FakeWorker.made).toHaveLength(0)
    const out: string[] = []
    const [a, b] = await Promise.all([
      c.run('A', { timeoutMs: 1000, onOutput: (_s, t) => out.push(t) }),
      c.run('B', { timeoutMs: 1000, onOutput: (_s, t) => out.push(t) }),
    ])
    expect(a.status).toBe('done')
    expect(b.status).toBe('done')
    expect(out).toEqual(['ran A', 'ran B'])
    expect(FakeWorker.made).toHaveLength(1)
  })

  it('times out a run that does not finish, terminates the worker, and starts a fresh one next time', async () => {
    vi.useFakeTimers()
    const c = new CellClient(() => new FakeWorker())
    const p = c.run('hang', { timeoutMs: 2000 })
    await vi.advanceTimersByTimeAsync(1999)
    expect(FakeWorker.made[0]!.terminated).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    const r = await p
    expect(r.status).toBe('timeout')
    expect(r.timeoutMs).toBe(2000)
    expect(FakeWorker.made[0]!.terminated).toBe(true)
    const again = c.run('print(1)', { timeoutMs: 2000 })
    await vi.advanceTimersByTimeAsync(0)
    expect((await again).status).toBe('done')
    expect(FakeWorker.made).toHaveLength(2)
  })

  it('ends with an error when the worker never starts the run', async () => {
    vi.useFakeTimers()
    const c = new CellClient(() => new FakeWorker(), 5000)
    const p = c.run('no-start', { timeoutMs: 100 })
    await vi.advanceTimersByTimeAsync(5000)
    const r = await p
    expect(r.status).toBe('error')
    expect(r.error?.message).toMatch(/did not start/)
  })

  it('rejects a bad time limit by name', () => {
    const c = new CellClient(() => new FakeWorker())
    expect(() => c.run('x', { timeoutMs: 0 })).toThrow(/timeoutMs/)
    expect(FakeWorker.made).toHaveLength(0)
  })
})

describe('view helpers', () => {
  it('storage keys are per page and cell, whatever the URL form', () => {
    const k = storageKey('/go-alloc/mspan/', 'mspan-1')
    expect(storageKey('/go-alloc/mspan', 'mspan-1')).toBe(k)
    expect(storageKey('/go-alloc/mspan/index.html', 'mspan-1')).toBe(k)
    expect(storageKey('/go-alloc/mcache/', 'mspan-1')).not.toBe(k)
    expect(storageKey('/go-alloc/mspan/', 'mspan-2')).not.toBe(k)
    expect(storageKey('/', 'a')).toBe(storageKey('/index.html', 'a'))
  })

  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [8192, '8 KiB'],
    [64 * 2 ** 20, '64 MiB'],
    [2 ** 30, '1 GiB'],
  ])('formatBytes(%d) = %s', (n, s) => {
    expect(formatBytes(n)).toBe(s)
  })

  it('status lines name the line of an error and the limit of a timeout', () => {
    const base = { truncated: false, elapsedMs: 12, runtimes: [] }
    expect(statusLine({ ...base, status: 'done', error: null })).toBe('Done in 12 ms')
    expect(
      statusLine({
        ...base,
        status: 'error',
        error: { name: 'TypeError', message: 'x', line: 4, column: null, goFatal: false },
      }),
    ).toBe('Error on line 4')
    expect(statusLine({ ...base, status: 'timeout', error: null, timeoutMs: 2000 })).toBe(
      'Timed out after 2 s',
    )
  })
})

describe('completion list', () => {
  it('offers every core export and the cell builtins, nothing else', () => {
    const api = buildCellApi(coreObj)
    const labels = new Set(api.globals.map((g) => g.label))
    for (const name of Object.keys(coreObj))
      if (/^[A-Za-z_$][\w$]*$/.test(name)) expect(labels).toContain(name)
    for (const l of labels)
      expect(['Runtime', 'print', 'hex', 'console'].includes(l) || l in coreObj).toBe(true)
    expect(api.members.map((m) => m.label)).toEqual(
      expect.arrayContaining(['malloc', 'spanOf', 'readMemStats', 'snapshot']),
    )
  })

  it('adds Runtime methods found on the class', () => {
    class R {
      malloc() {}
      extraMethod() {}
    }
    const api = buildCellApi({ Runtime: R })
    expect(api.members.find((m) => m.label === 'extraMethod')?.type).toBe('method')
  })
})

describe('normalizeCellSource', () => {
  it.each([
    ['a\nb', 'a\nb'],
    ['\n    let x = 0\n    while (x < 3) {\n      x++\n    }\n  ', 'let x = 0\nwhile (x < 3) {\n  x++\n}'],
    ['\n\n  a\n\n    b  \n\n', 'a\n\n  b'],
    ['\r\n  a\r\n  b', 'a\nb'],
    ['', ''],
  ])('%j', (src, want) => {
    expect(normalizeCellSource(src)).toBe(want)
  })

  it('keeps relative indentation of any indented block (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(6), fc.stringMatching(/^[a-z(){};=]{1,8}$/)), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 8 }),
        (rows, extra) => {
          const min = Math.min(...rows.map(([n]) => n))
          const want = rows.map(([n, t]) => ' '.repeat(n - min) + t).join('\n')
          const src = '\n' + rows.map(([n, t]) => ' '.repeat(n + extra) + t).join('\n') + '\n'
          expect(normalizeCellSource(src)).toBe(want)
        },
      ),
    )
  })
})

describe('runCell with the real core Runtime', () => {
  const hasRuntime = typeof coreObj.Runtime === 'function'

  it.runIf(hasRuntime)('allocates, prints the span in hex, and summarises the runtime', async () => {
    const r = await run(
      `const rt = new Runtime()\nconst p = rt.malloc(33, { noscan: true })\nprint(rt.spanOf(p).elemsize, p)`,
    )
    expect(r.status).toBe('done')
    expect(r.out[0]).toMatch(/^48 0x[0-9a-f]+$/)
    expect(r.runtimes).toHaveLength(1)
    const v = r.runtimes[0]!
    expect(v.options.heapLimit).toBe(CELL_HEAP_LIMIT)
    expect(v.classes.find((c) => c.sizeclass === 5)).toMatchObject({ size: 48, mallocs: 1, live: 1 })
    expect(v.spansPerClass?.find((s) => s.sizeclass === 5)?.spans).toBe(1)
    expect(v.memStats.heapObjects).toBe(1)
  })

  it.runIf(hasRuntime)(
    'ends a runaway allocation loop with Go’s out-of-memory error at the reader’s line',
    async () => {
      const r = await run(
        `const rt = new Runtime({ heapLimit: 8 << 20 })\nfor (;;) {\n  rt.malloc(1 << 20)\n}`,
      )
      expect(r.status).toBe('error')
      expect(r.error).toMatchObject({ goFatal: true, line: 3 })
      expect(errorHeadline(r.error!)).toMatch(/^fatal error: runtime: out of memory/)
      expect(r.runtimes[0]!.memStats.heapInuse).toBeLessThanOrEqual(8 << 20)
    },
  )
})

describe('format budget', () => {
  it('prints a huge nested structure quickly and boundedly', () => {
    // 100^4 leaves through shared references: cheap to build, 10^8 visits without a budget.
    let wide: unknown = 1
    for (let d = 0; d < 4; d++) wide = new Array(100).fill(wide)
    const t0 = performance.now()
    const s = formatValue({ a: wide }, { hexAddresses: true })
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(s.length).toBeLessThan(MAX_FORMAT_NODES * 8)
    expect(s).toContain('…')
  })
})
