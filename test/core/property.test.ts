// Property tests: random operation sequences, checkHeap after every step, plus properties that
// do not rely on the simulator's own bookkeeping (no byte handed out twice, class sizes from
// Go's published table, alignment).
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Runtime, checkHeap, OutOfMemoryError, type GoVersion } from '@go-alloc/core'
import { goSizeClasses } from './go-sizeclasses.data.ts'

const goSizes = goSizeClasses.map((r) => r[1])

type Op =
  | { kind: 'malloc'; size: number; noscan: boolean; p: number }
  | { kind: 'readMemStats' }
  | { kind: 'spanOf'; back: number }

const sizeArb = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 15 }) },
  { weight: 5, arbitrary: fc.integer({ min: 16, max: 1024 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1025, max: 32768 }) },
  { weight: 1, arbitrary: fc.integer({ min: 32769, max: 300_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(32760, 32761, 32768, 512, 513, 8, 16, 24, 33) },
)

const opArb = (gomaxprocs: number): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 20,
      arbitrary: fc.record({
        kind: fc.constant('malloc' as const),
        size: sizeArb,
        noscan: fc.boolean(),
        p: fc.integer({ min: 0, max: gomaxprocs - 1 }),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'readMemStats' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('spanOf' as const), back: fc.nat() }) },
  )

/** Byte ranges handed out, to prove that no byte is ever handed out twice. */
class Ledger {
  private ranges: [number, number][] = []
  add(a: number, n: number): void {
    this.ranges.push([a, a + n])
  }
  check(): void {
    const r = [...this.ranges].sort((x, y) => x[0] - y[0])
    for (let i = 1; i < r.length; i++)
      if (r[i][0] < r[i - 1][1]) throw new Error(`overlap at ${r[i][0].toString(16)}`)
  }
}

function run(goVersion: GoVersion, gomaxprocs: number, ops: Op[], heapLimit?: number): void {
  const rt = new Runtime({ goVersion, gomaxprocs, heapLimit })
  const cutoff = goVersion === '1.21' ? 32768 : 32760
  const ledger = new Ledger()
  const addrs: number[] = []
  let expectMallocs = 0
  let expectTiny = 0
  for (const op of ops) {
    if (op.kind === 'malloc') {
      const before = rt.snapshot()
      let a: number
      try {
        a = rt.malloc(op.size, { noscan: op.noscan, p: op.p })
      } catch (e) {
        if (!(e instanceof OutOfMemoryError)) throw e
        expect(heapLimit).toBeDefined()
        expect(rt.snapshot()).toEqual(before)
        checkHeap(rt)
        continue
      }
      expectMallocs++
      if (op.size === 0) {
        checkHeap(rt)
        continue
      }
      const s = rt.spanOf(a)
      expect(s).not.toBeNull()
      const span = s!
      expect(span.noscan).toBe(op.noscan)
      if (op.noscan && op.size < 16) {
        // tiny: inside a 16-byte slot of a class-2 noscan span, aligned by size
        expect(span.spanclass).toBe(5)
        const align = op.size % 8 === 0 ? 8 : op.size % 4 === 0 ? 4 : op.size % 2 === 0 ? 2 : 1
        expect(a % align).toBe(0)
        expect(Math.floor((a - span.base) / 16)).toBe(Math.floor((a + op.size - 1 - span.base) / 16))
        ledger.add(a, op.size)
        if ((a - span.base) % 16 !== 0) expectTiny++
      } else if (op.size <= cutoff) {
        const header = goVersion !== '1.21' && !op.noscan && op.size > 512
        const need = op.size + (header ? 8 : 0)
        expect(span.elemsize).toBe(goSizes.find((x) => x >= need))
        const slot = a - (header ? 8 : 0)
        expect((slot - span.base) % span.elemsize).toBe(0)
        ledger.add(slot, span.elemsize)
      } else {
        expect(span.sizeclass).toBe(0)
        expect(span.base).toBe(a)
        expect(span.npages).toBe(Math.ceil(op.size / 8192))
        ledger.add(a, span.npages * 8192)
      }
      addrs.push(a)
    } else if (op.kind === 'readMemStats') {
      const ms = rt.readMemStats()
      expect(ms.mallocs - ms.frees).toBe(ms.heapObjects)
      expect(ms.heapSys).toBe(ms.heapIdle + ms.heapInuse)
      expect(ms.heapAlloc).toBeLessThanOrEqual(ms.heapInuse)
    } else if (addrs.length > 0) {
      const a = addrs[op.back % addrs.length]
      const s = rt.spanOf(a)!
      expect(a).toBeGreaterThanOrEqual(s.base)
      expect(a).toBeLessThan(s.base + s.npages * 8192)
    }
    checkHeap(rt)
  }
  ledger.check()
  const ms = rt.readMemStats()
  expect(ms.mallocs - ops.filter((o) => o.kind === 'malloc' && o.size === 0).length).toBeLessThanOrEqual(
    expectMallocs,
  )
  expect(ms.frees).toBeGreaterThanOrEqual(expectTiny)
  checkHeap(rt)
}

describe('random operation sequences keep every invariant', () => {
  it.each(['1.27', '1.26', '1.25', '1.24', '1.23', '1.22', '1.21'] as const)(
    'goVersion %s, 1–3 Ps',
    (goVersion) => {
      fc.assert(
        fc.property(
          fc
            .integer({ min: 1, max: 3 })
            .chain((g) => fc.tuple(fc.constant(g), fc.array(opArb(g), { minLength: 1, maxLength: 60 }))),
          ([g, ops]) => run(goVersion, g, ops),
        ),
        { numRuns: 40 },
      )
    },
  )

  it('with a small heapLimit, failures leave the state unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(opArb(2), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 40 }),
        (ops, pages) => run('1.22', 2, ops, pages * 8192),
      ),
      { numRuns: 40 },
    )
  })

  it('many objects of one class fill spans in address order across 64-slot boundaries', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(8, 16, 24, 48, 128, 1024),
        fc.boolean(),
        fc.integer({ min: 1, max: 3000 }),
        (size, noscan, n) => {
          if (noscan && size < 16) size = 16
          const rt = new Runtime()
          let prev = -1
          for (let i = 0; i < n; i++) {
            const a = rt.malloc(size, { noscan })
            const s = rt.spanOf(a)!
            if (prev >= 0 && rt.spanOf(prev)!.base === s.base) expect(a - prev).toBe(s.elemsize)
            prev = a
          }
          checkHeap(rt)
        },
      ),
      { numRuns: 25 },
    )
  })
})
