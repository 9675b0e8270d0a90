// The tools page's parsers on output of real Go 1.27: a benchmark package's -benchmem results, a
// program's gctrace (stderr), its allocs-by-size histogram printed by the page's own snippet, and
// its heap profile in text form. Each is read completely (no issue, every line accounted for), and
// the numbers match what is known about the allocations: B/op is the slot of the allocated size's
// class (48 for 33 bytes and for a 40-byte struct, whole pages for a large slice), the histogram
// and the profile put the program's 5000 nodes in the 48-byte class and its 3000 1000-byte
// buffers in the 1024-byte class, the cycles match NumGC.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { roundupsize } from '@go-alloc/core'
import { benchModel, parseBench } from '../../site/tools/bench.ts'
import { offlineGoEnv } from '../../packages/core/bench/lib.ts'
import { parseGctrace } from '../../site/tools/gctrace.ts'
import { allocsSnippet, parseProfile, profileModel } from '../../site/tools/profile.ts'

const go = '/usr/lib/go-1.27/bin/go'
const dir = join(import.meta.dirname, 'tools')
const env = { ...offlineGoEnv(join(tmpdir(), 'go-alloc-tools')), GODEBUG: '' }

let bench = ''
let stdout = ''
let stderr = ''

beforeAll(() => {
  if (!existsSync(go))
    throw new Error(
      `Go 1.27 is required for this test and is missing: ${go} (apt-get install golang-1.27-go)`,
    )
  bench = execFileSync(
    go,
    ['test', '-run', '^$', '-bench', '.', '-benchmem', '-count', '3', '-benchtime', '20000x'],
    {
      cwd: join(dir, 'bench'),
      env,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  )
  const bin = join(mkdtempSync(join(tmpdir(), 'go-alloc-tools-')), 'prog')
  execFileSync(go, ['build', '-o', bin, '.'], { cwd: join(dir, 'prog'), env, encoding: 'utf8' })
  const r = spawnSync(bin, [], {
    env: { ...env, GODEBUG: 'gctrace=1' },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
  if (r.status !== 0) throw new Error(`the tools program failed: ${r.stderr}`)
  stdout = r.stdout
  stderr = r.stderr
}, 600_000)

describe('tools parsers on real Go 1.27 output', () => {
  it('-benchmem: every result line read; B/op is the slot Go rounds each allocation to', () => {
    const p = parseBench(bench)
    expect(p.issues).toEqual([])
    const results = bench.split('\n').filter((l) => /^Benchmark\w+-\d+\s+\d+/.test(l)).length
    expect(results).toBe(15)
    const m = benchModel(p)
    expect(m.runs).toHaveLength(1)
    const by = new Map(m.runs[0].rows.map((r) => [r.name.replace(/-\d+$/, ''), r]))
    for (const r of by.values()) expect(r.runs).toBe(3)
    expect(by.get('BenchmarkAlloc33')).toMatchObject({
      bytesPerOp: roundupsize(33, true, '1.27'),
      allocsPerOp: 1,
    })
    expect(by.get('BenchmarkAlloc33')!.bytesPerOp).toBe(48)
    expect(by.get('BenchmarkAlloc33')!.combos).toMatchObject({ combos: [[48]], total: 1 })
    expect(by.get('BenchmarkNode')).toMatchObject({ bytesPerOp: 48, allocsPerOp: 1 })
    // 100 B (→ 112) + 24 B (→ 24): B/op 136, two objects; 128 + 8 fits too.
    const two = by.get('BenchmarkTwo')!
    expect(two).toMatchObject({ bytesPerOp: 136, allocsPerOp: 2 })
    expect(two.combos!.combos.map((c) => c.join('+'))).toContain('112+24')
    // 40000 B: a large object of 5 whole pages.
    expect(by.get('BenchmarkLarge')).toMatchObject({ bytesPerOp: 40960, allocsPerOp: 1 })
    expect(by.get('BenchmarkNone')).toMatchObject({ bytesPerOp: 0, allocsPerOp: 0 })
    expect(p.runs[0].config).toMatchObject({ goos: 'linux', goarch: 'amd64', pkg: 'example.com/benchalloc' })
  })

  it('gctrace: every "gc N" line read, numbered 1.., matching the program’s NumGC', () => {
    const p = parseGctrace(stderr)
    expect(p.issues).toEqual([])
    const lines = stderr.split('\n').filter((l) => l.startsWith('gc ')).length
    expect(p.cycles).toHaveLength(lines)
    expect(p.cycles.map((c) => c.n)).toEqual(p.cycles.map((_, i) => i + 1))
    const numgc = Number(/numgc (\d+)/.exec(stdout)![1])
    // The program's last act is a runtime.GC(), printed before it returns; then it reads NumGC.
    expect(p.cycles.length).toBe(numgc)
    expect(p.cycles[p.cycles.length - 1].forced).toBe(true)
    for (const c of p.cycles) {
      expect(c.stacks).not.toBeNull()
      expect(c.procs).toBeGreaterThan(0)
      expect(c.heapEnd).toBeGreaterThanOrEqual(c.live)
    }
  })

  it('allocs-by-size (the page’s snippet, verbatim in the program): nodes in class 5, buffers in class 32', () => {
    expect(readFileSync(join(dir, 'prog', 'main.go'), 'utf8')).toContain(allocsSnippet)
    const hist = stdout.slice(0, stdout.indexOf('-- heap profile --'))
    const p = parseProfile(hist)
    expect(p.issues).toEqual([])
    expect(p.kind).toBe('histogram')
    expect(p.buckets.length).toBe(hist.split('\n').filter((l) => l.startsWith('allocs-by-size')).length)
    const m = profileModel(p, '1.27')
    const c48 = m.classes.find((c) => c.slot === 48)!
    const c1024 = m.classes.find((c) => c.slot === 1024)!
    const c4096 = m.classes.find((c) => c.slot === 4096)!
    expect(c48.sizeclass).toBe(5)
    expect(c48.objects).toBeGreaterThanOrEqual(5000)
    expect(c48.objects).toBeLessThan(5100)
    expect(c1024.sizeclass).toBe(32)
    expect(c1024.objects).toBeGreaterThanOrEqual(3000)
    expect(c4096.objects).toBeGreaterThanOrEqual(40000)
    // The slots add up to /gc/heap/allocs:bytes exactly (large objects by whole pages).
    const total = m.classes.reduce((s, c) => s + c.bytes, 0)
    expect(Math.abs(total - p.totalBytes!)).toBeLessThan(4 * 8192)
  })

  it('heap profile (MemProfileRate = 1): the sites and their slot sizes', () => {
    const text = stdout.slice(
      stdout.indexOf('-- heap profile --') + '-- heap profile --\n'.length,
      stdout.indexOf('numgc '),
    )
    const p = parseProfile(text)
    expect(p.issues).toEqual([])
    expect(p.kind).toBe('heap')
    expect(p.rate).toBe(1)
    expect(p.records.length).toBe(text.split('\n').filter((l) => /^\d+: \d+ \[/.test(l)).length)
    const nodes = p.records.filter((r) => r.func === 'main.allocNodes' && r.objectSize === 48)
    expect(nodes.reduce((s, r) => s + r.allocObjects, 0)).toBe(5000)
    expect(nodes.reduce((s, r) => s + r.inuseObjects, 0)).toBe(5000)
    const bufs = p.records.filter((r) => r.func === 'main.allocBuffers' && r.objectSize === 1024)
    expect(bufs.reduce((s, r) => s + r.allocObjects, 0)).toBe(3000)
    expect(p.memStats.HeapAlloc).toBeGreaterThan(0)
    const m = profileModel(p, '1.27')
    expect(m.sampled).toBe(false)
    // Placing the in-use objects on the simulator: HeapAlloc is exactly the profile's in-use bytes.
    const inuse = Number(/^heap profile: \d+: (\d+)/.exec(text)![1])
    expect(m.replay!.heapAlloc).toBe(inuse)
    expect(m.replay!.heapInuse).toBeGreaterThanOrEqual(inuse)
  })
})
