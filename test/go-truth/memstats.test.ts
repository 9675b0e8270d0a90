// (d) runtime.MemStats for a deterministic workload with the GC off. A real process has already
// allocated before main runs, so the comparison is on deltas: Go reads MemStats (which flushes the
// mcache: no cached span, no tiny block), runs the ops keeping every object alive, and reads again;
// the core starts fresh and does the same.
import { beforeAll, expect, it } from 'vitest'
import { forEachToolchain, newRuntime, runTruth, xorshift32, type MemStatsLike, type Op } from './gotruth.ts'

interface GoMemStats {
  mallocs: number
  frees: number
  heapAlloc: number
  totalAlloc: number
  heapObjects: number
  heapInuse: number
  heapSys: number
  numGC: number
  bySize: [number, number, number][]
}

function mixed(seed: number, n: number): Op[] {
  const r = xorshift32(seed)
  const ops: Op[] = []
  for (let i = 0; i < n; i++) {
    const k = r() % 100
    const noscan = r() % 2 === 0
    let size: number
    if (k < 2) size = 0
    else if (k < 40) size = 1 + (r() % 15)
    else if (k < 48) size = 16
    else if (k < 78) size = 17 + (r() % 2032)
    else if (k < 95) size = 2049 + (r() % 30720)
    else size = 32769 + (r() % 300_000)
    // Pointerful objects are whole words; tiny sizes stay pointer-free so they exercise the tiny path.
    if (size > 0 && size < 16) ops.push({ size, noscan: true })
    else ops.push({ size: noscan ? size : Math.ceil(size / 8) * 8, noscan })
  }
  return ops
}

const workloads: { name: string; ops: Op[]; pagesExact: boolean }[] = [
  { name: 'mixed sizes 0 B..330 KB, scan and noscan', ops: mixed(42, 3000), pagesExact: false },
  { name: 'tiny only', ops: mixed(5, 2000).filter((o) => o.size > 0 && o.size < 16), pagesExact: false },
  {
    name: 'around the small/large cut-off',
    ops: [32752, 32759, 32760, 32761, 32767, 32768, 32769, 40960, 40961].flatMap((size) => [
      { size, noscan: true },
      { size: Math.ceil(size / 8) * 8, noscan: false },
    ]),
    pagesExact: false,
  },
  {
    // Only large objects: each gets a span of its own, so HeapInuse grows by exactly its pages.
    name: 'large objects only',
    ops: mixed(9, 4000)
      .filter((o) => o.size > 32768)
      .slice(0, 60),
    pagesExact: true,
  },
]

type Delta = Record<string, number>

function goDelta(before: GoMemStats, after: GoMemStats): Delta {
  const d: Delta = {}
  for (const k of ['mallocs', 'frees', 'heapAlloc', 'totalAlloc', 'heapObjects', 'heapInuse'] as const)
    d[k] = after[k] - before[k]
  for (let i = 0; i < after.bySize.length; i++) {
    d[`bySize[${i}] (${after.bySize[i][0]} B).mallocs`] = after.bySize[i][1] - before.bySize[i][1]
    d[`bySize[${i}] (${after.bySize[i][0]} B).frees`] = after.bySize[i][2] - before.bySize[i][2]
  }
  return d
}

function coreDelta(before: MemStatsLike, after: MemStatsLike, goSizes: number[]): Delta {
  const d: Delta = {}
  for (const k of ['mallocs', 'frees', 'heapAlloc', 'totalAlloc', 'heapObjects', 'heapInuse'] as const)
    d[k] = after[k] - before[k]
  // Go reports 61 BySize entries (classes 0..60); the core reports all 68. Compare Go's entries,
  // labelled with Go's sizes so a shifted or missing class shows up as a size mismatch.
  for (let i = 0; i < goSizes.length; i++) {
    const a = after.bySize[i]
    const b = before.bySize[i]
    const size = a?.size
    d[`bySize[${i}] (${goSizes[i]} B).mallocs`] = size === goSizes[i] ? a.mallocs - b.mallocs : NaN
    d[`bySize[${i}] (${goSizes[i]} B).frees`] = size === goSizes[i] ? a.frees - b.frees : NaN
  }
  return d
}

forEachToolchain('MemStats deltas: core vs the real Go runtime', (tc) => {
  const goResults: { before: GoMemStats; after: GoMemStats }[] = []

  beforeAll(() => {
    for (const w of workloads) goResults.push(runTruth(tc, 'memstats', { ops: w.ops }))
  }, 180_000)

  it('Go ran each workload without a GC in between', () => {
    for (const r of goResults) {
      expect(r.after.numGC).toBe(r.before.numGC)
      expect(r.after.frees - r.before.frees).toBeGreaterThanOrEqual(0)
    }
  })

  for (const [k, w] of workloads.entries()) {
    it(`${w.name}: Mallocs, Frees, HeapAlloc, TotalAlloc, HeapObjects and BySize agree`, () => {
      const go = goResults[k]
      const rt = newRuntime(tc)
      const before = rt.readMemStats()
      for (const op of w.ops) rt.malloc(op.size, { noscan: op.noscan, p: 0 })
      const after = rt.readMemStats()
      const want = goDelta(go.before, go.after)
      const got = coreDelta(
        before,
        after,
        go.after.bySize.map((e) => e[0]),
      )
      if (!w.pagesExact) {
        // Go may fill spans left partly used before the workload, so its HeapInuse delta depends
        // on the process's history; only the large-objects workload pins it down.
        delete want.heapInuse
        delete got.heapInuse
      }
      expect(got).toEqual(want)
    })
  }
})
