// The -benchmem parser and the size-class sums, on hand-written benchfmt text. Expected values are
// worked out by hand from Go's size-class table (runtime/sizeclasses.go), not by the code.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { benchModel, parseBench, slotCombos } from '../../site/tools/bench.ts'

// Go's class_to_size (runtime/sizeclasses.go), classes 1..67.
const goClassSizes = [
  8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416,
  448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200,
  3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384,
  18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768,
]

const out = `goos: linux
goarch: amd64
pkg: example.com/p
cpu: Some CPU @ 2.0GHz
BenchmarkA-8   	 1000000	        30.0 ns/op	      48 B/op	       1 allocs/op
BenchmarkA-8   	 1000000	        10.0 ns/op	      48 B/op	       1 allocs/op
BenchmarkA-8   	 1000000	        20.0 ns/op	      48 B/op	       1 allocs/op
BenchmarkB/sub=1-8 	  500000	      1234 ns/op	     136 B/op	       2 allocs/op	  12.5 MB/s
--- BENCH: BenchmarkC-8
    c_test.go:12: a log line
PASS
ok  	example.com/p	3.210s
`

describe('parseBench', () => {
  it('reads configuration, results and -count medians; skips other lines', () => {
    const p = parseBench(out)
    expect(p.issues).toEqual([])
    expect(p.runs).toHaveLength(1)
    const [a, b] = p.runs[0].benchmarks
    expect(p.runs[0].config).toMatchObject({ goos: 'linux', goarch: 'amd64', pkg: 'example.com/p' })
    expect(a).toMatchObject({ name: 'BenchmarkA-8', pkg: 'example.com/p', runs: 3, iterations: 3_000_000 })
    expect(a.nsPerOp).toBe(20) // median of 30, 10, 20
    expect(a.bytesPerOp).toBe(48)
    expect(a.allocsPerOp).toBe(1)
    expect(a.lines).toEqual([5, 6, 7])
    expect(b).toMatchObject({ name: 'BenchmarkB/sub=1-8', bytesPerOp: 136, allocsPerOp: 2, nsPerOp: 1234 })
    expect(p.skipped).toBe(4) // --- BENCH, the log line, PASS, ok
  })

  it('takes the mean of the middle two for an even number of runs', () => {
    const p = parseBench(
      'BenchmarkX 10 1 ns/op\nBenchmarkX 10 4 ns/op\nBenchmarkX 10 2 ns/op\nBenchmarkX 10 9 ns/op\n',
    )
    expect(p.runs[0].benchmarks[0].nsPerOp).toBe(3)
  })

  it('splits two runs at a blank line or a marker, and finds what changed class', () => {
    for (const sep of ['\n', '---\n', 'after:\n']) {
      const text =
        'BenchmarkN-8 100 5 ns/op 48 B/op 1 allocs/op\nBenchmarkK-8 100 5 ns/op 32 B/op 1 allocs/op\n' +
        sep +
        'BenchmarkN-8 100 5 ns/op 24 B/op 1 allocs/op\nBenchmarkK-8 100 5 ns/op 32 B/op 1 allocs/op\n'
      const m = benchModel(parseBench(text))
      expect(m.runs).toHaveLength(2)
      expect(m.changes.map((c) => [c.name, c.changed, c.classChanged, c.beforeSlots, c.afterSlots])).toEqual([
        ['BenchmarkN-8', true, true, [48], [24]],
        ['BenchmarkK-8', false, false, [32], [32]],
      ])
    }
  })

  it('does not take a name printed alone (before a benchmark that logs) for a result', () => {
    const p = parseBench('BenchmarkLog\nBenchmarkLog-8 100 5 ns/op\n')
    expect(p.runs[0].benchmarks).toHaveLength(1)
    expect(p.issues).toEqual([])
  })

  it('reports a bad result line with its line, column and what was expected, and keeps the rest', () => {
    const p = parseBench('BenchmarkA-8 100 12 ns/op 48\nBenchmarkB-8 100 x ns/op\nBenchmarkC-8 100 7 ns/op\n')
    expect(p.issues).toHaveLength(2)
    expect(p.issues[0]).toMatchObject({ line: 1, column: 29, code: 'expected' })
    expect(p.issues[0].message).toMatch(/expected a unit after 48/)
    expect(p.issues[1]).toMatchObject({ line: 2, column: 18 })
    expect(p.issues[1].message).toMatch(/expected a value/)
    expect(p.runs[0].benchmarks.map((b) => b.name)).toEqual(['BenchmarkC-8'])
  })

  it('never throws on random or truncated text; issue lines are inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.nat(out.length), (junk, cut) => {
        for (const text of [junk, out.slice(0, cut), 'Benchmark' + junk, out.slice(0, cut) + junk]) {
          const p = parseBench(text)
          const lines = text.split('\n').length
          for (const i of p.issues) {
            expect(i.line).toBeGreaterThanOrEqual(1)
            expect(i.line).toBeLessThanOrEqual(lines)
            expect(i.column).toBeGreaterThanOrEqual(1)
          }
          benchModel(p)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('slotCombos', () => {
  it('one allocation: B/op is the slot of its class, or whole pages for a large object', () => {
    expect(slotCombos(48, 1)).toMatchObject({ combos: [[48]], total: 1 })
    expect(slotCombos(40960, 1)).toMatchObject({ combos: [[40960]], total: 1 }) // 5 pages of 8 KiB
    expect(slotCombos(33, 1).total).toBe(0) // no class is 33 B
    expect(slotCombos(36864, 1).total).toBe(0) // 4.5 pages: neither a class nor whole pages
    expect(slotCombos(32768, 1)).toMatchObject({ combos: [[32768]], total: 1 }) // the largest small class
  })

  it('two allocations summing to 136 B: 128 + 8 or 112 + 24 (ambiguous)', () => {
    const c = slotCombos(136, 2)
    expect(c.total).toBe(2)
    expect(new Set(c.combos.map((x) => x.join('+')))).toEqual(new Set(['128+8', '112+24']))
  })

  it('every combination is a multiset of Go slot sizes with the right count and sum; none is missed', () => {
    // Brute force over Go's class sizes for small sums, independent of the search.
    for (const [bytes, count] of [
      [96, 2],
      [160, 3],
      [64, 4],
      [200, 3],
    ] as const) {
      const want = new Set<string>()
      const rec = (from: number, left: number, k: number, pick: number[]) => {
        if (k === 0) {
          if (left === 0) want.add([...pick].sort((a, b) => b - a).join('+'))
          return
        }
        for (let i = from; i < goClassSizes.length; i++)
          rec(i, left - goClassSizes[i], k - 1, [...pick, goClassSizes[i]])
      }
      rec(0, bytes, count, [])
      const got = slotCombos(bytes, count, 10000)
      expect(new Set(got.combos.map((x) => x.join('+')))).toEqual(want)
      expect(got.total).toBe(want.size)
    }
  })
})
