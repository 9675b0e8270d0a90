// (e) One GC cycle: MemStats deltas of the real Go runtime vs the core.
//
// Go (GOGC=off, one P) collects, reads MemStats, allocates a workload — linking some objects to
// earlier ones through their first word and keeping only some objects referenced — then calls
// runtime.GC() (which sweeps everything before returning) and reads MemStats again. The core runs
// the same workload with malloc/writePointer/drop and gc(). Mallocs, Frees, HeapAlloc, TotalAlloc,
// HeapObjects, NumGC and every BySize entry must move by the same amounts: the same objects were
// found live, the same slots freed, tiny blocks kept alive by any live tiny object in them.
import { beforeAll, expect, it } from 'vitest'
import { forEachToolchain, newRuntime, runTruth, xorshift32, type MemStatsLike } from './gotruth.ts'

interface GcOp {
  size: number
  noscan: boolean
  keep: boolean
  link: number
}

interface GoMemStats {
  mallocs: number
  frees: number
  heapAlloc: number
  totalAlloc: number
  heapObjects: number
  numGC: number
  bySize: [number, number, number][]
}

function workload(seed: number, n: number, keepPct: number, linkPct: number): GcOp[] {
  const r = xorshift32(seed)
  const ops: GcOp[] = []
  for (let i = 0; i < n; i++) {
    const k = r() % 100
    let size: number
    let noscan = r() % 2 === 0
    if (k < 35) {
      size = 1 + (r() % 15)
      noscan = true // tiny
    } else if (k < 85) size = 16 + (r() % 2000)
    else if (k < 97) size = 2049 + (r() % 30000)
    else size = 32769 + (r() % 200_000)
    if (!noscan) size = Math.ceil(size / 8) * 8
    const keep = r() % 100 < keepPct
    const link = !noscan && i > 0 && r() % 100 < linkPct ? r() % i : -1
    ops.push({ size, noscan, keep, link })
  }
  return ops
}

const workloads: { name: string; ops: GcOp[] }[] = [
  { name: 'mixed sizes, 30% kept, half the pointerful objects linked', ops: workload(7, 4000, 30, 50) },
  { name: 'nothing kept: everything is garbage', ops: workload(11, 2000, 0, 30) },
  { name: 'everything kept', ops: workload(13, 2000, 100, 30) },
  { name: 'few roots, long pointer chains', ops: workload(17, 3000, 3, 95) },
  {
    name: 'tiny objects only: blocks live while any object in them is',
    ops: workload(19, 3000, 20, 0).filter((o) => o.size < 16),
  },
]

type Delta = Record<string, number>
const fields = ['mallocs', 'frees', 'heapAlloc', 'totalAlloc', 'heapObjects', 'numGC'] as const

function goDelta(b: GoMemStats, a: GoMemStats): Delta {
  const d: Delta = {}
  for (const k of fields) d[k] = a[k] - b[k]
  for (let i = 0; i < a.bySize.length; i++) {
    d[`bySize[${a.bySize[i][0]} B].mallocs`] = a.bySize[i][1] - b.bySize[i][1]
    d[`bySize[${a.bySize[i][0]} B].frees`] = a.bySize[i][2] - b.bySize[i][2]
  }
  return d
}

function coreDelta(b: MemStatsLike, a: MemStatsLike, n: number): Delta {
  const d: Delta = {}
  for (const k of fields) d[k] = a[k] - b[k]
  for (let i = 0; i < n; i++) {
    d[`bySize[${a.bySize[i].size} B].mallocs`] = a.bySize[i].mallocs - b.bySize[i].mallocs
    d[`bySize[${a.bySize[i].size} B].frees`] = a.bySize[i].frees - b.bySize[i].frees
  }
  return d
}

forEachToolchain('one GC cycle: core vs the real Go runtime', (tc) => {
  const goResults: { before: GoMemStats; after: GoMemStats }[] = []

  beforeAll(() => {
    for (const w of workloads) goResults.push(runTruth(tc, 'gccycle', { ops: w.ops }))
  }, 180_000)

  for (const [k, w] of workloads.entries()) {
    it(`${w.name}: MemStats deltas agree`, () => {
      const go = goResults[k]
      const rt = newRuntime(tc)
      const before = rt.readMemStats()
      const addrs: number[] = []
      for (const op of w.ops) {
        const p = rt.malloc(op.size, { noscan: op.noscan, p: 0 })
        addrs.push(p)
        if (op.link >= 0 && !op.noscan && op.size >= 8) rt.writePointer(p, 0, addrs[op.link])
      }
      // The program's references: only the kept objects (`all` was cleared in Go).
      const dropped = new Set<number>()
      for (const [i, op] of w.ops.entries()) {
        if (op.keep || dropped.has(addrs[i])) continue
        // Two tiny objects never share an address, but guard anyway.
        dropped.add(addrs[i])
        rt.drop(addrs[i])
      }
      rt.gc()
      const after = rt.readMemStats()
      const want = goDelta(go.before, go.after)
      const got = coreDelta(before, after, go.after.bySize.length)
      expect(got).toEqual(want)
      expect(want.numGC).toBe(1)
      // With nothing kept, the one object left is the P's current tiny block (gcMarkTinyAllocs).
      if (w.name.startsWith('nothing kept')) expect(want.heapObjects).toBe(1)
    })
  }
})
