// (f) The soft memory limit: real Go with GOGC=off and debug.SetMemoryLimit(64 MiB) vs the core.
//
// Go (one P, GOGC=off, so only the limit can start a collection) keeps `live` 64 KiB objects,
// then allocates `count` more and drops each at once, reading MemStats every 64 allocations. The
// core runs the same workload with { gogc: 'off', memoryLimit }.
//
// What is deterministic in Go, and compared exactly:
//   - the heap goal: every NextGC Go reports under the limit equals memoryLimitHeapGoal (the
//     core's implementation) computed from the same MemStats — mappedReady = Sys − HeapReleased,
//     heapFree = HeapIdle − HeapReleased, heapAlloc = HeapAlloc (ReadMemStats computes them and
//     NextGC in one stop-the-world);
//   - mapped memory (Sys − HeapReleased) under the limit, on both sides — in Go only while its
//     GC CPU limiter (wall-clock) stays off, so the best of three runs is checked; in the core
//     always — with a live heap too, thanks to the page reclaimer (see the test).
// What is not, and why the check is a range:
//   - the number of collections. Go triggers before the goal, at a point its pacer picks from
//     measured CPU rates (between ~70% and ~95% of the way from the live heap to the goal), and
//     its non-heap memory (stacks, GC metadata, page-allocator summaries: ~4 MiB in this program)
//     lowers its goal; the core triggers at the goal and counts only the metadata it models. So
//     Go's count is checked against the core's scaled by the ratio of the two goals: at least the
//     core's count × coreGoal/goGoal (trigger at the goal), at most that ÷ 0.7 (the lowest trigger
//     Go's pacer allows). Go 1.27 ran 22–23 collections over 1 GiB of garbage (core: 16, 17.1
//     at Go's goal) and 25–26 over 512 MiB with 32 MiB live (core: 17, 19.6 at Go's goal); the
//     count varies by one between runs (go1.22: 21–22 and 23–24).
import { expect, it } from 'vitest'
import { memoryLimitHeapGoal } from '../../packages/core/src/mgc.ts'
import { forEachToolchain, newRuntime, runTruth } from './gotruth.ts'

interface LimitSample {
  sys: number
  heapReleased: number
  heapIdle: number
  heapInuse: number
  heapAlloc: number
  nextGC: number
  numGC: number
}

interface LimitAnswer {
  prevLimit: number
  before: LimitSample
  after: LimitSample
  samples: LimitSample[]
  maxMapped: number
}

const limit = 64 << 20
const size = 65536
const workloads = [
  { name: '1 GiB of garbage, nothing live', live: 0, count: 16384 },
  { name: '512 MiB of garbage over 32 MiB live', live: 512, count: 8192 },
]

/** The core's run of the same workload: collections, largest mapped memory, the goal at the end. */
function core(tcRules: Parameters<typeof newRuntime>[0], live: number, count: number) {
  const rt = newRuntime(tcRules, { memoryLimit: limit })
  const opts = { noscan: true, p: 0 }
  for (let i = 0; i < live; i++) rt.malloc(size, opts)
  let maxMapped = 0
  for (let i = 0; i < count; i++) {
    rt.drop(rt.malloc(size, opts))
    if ((i + 1) % 64 === 0) maxMapped = Math.max(maxMapped, rt.snapshot().gc.mappedReady)
  }
  const ms = rt.readMemStats()
  return { numGC: ms.numGC, maxMapped, goal: ms.nextGC, heapReleased: ms.heapReleased }
}

forEachToolchain('memory limit', (tc) => {
  if (tc.minor < 21) {
    it(`heap goal and collections under GOMEMLIMIT: Go 1.21+ rules only (${tc.version} takes a flat 1 MiB headroom, not 3%)`, () => {})
    return
  }
  for (const w of workloads) {
    it(`${w.name}: Go's NextGC is memoryLimitHeapGoal of its own MemStats; both stay under the limit; collections within the pacer's range`, () => {
      const runs: LimitAnswer[] = []
      for (let r = 0; r < 3; r++)
        runs.push(
          runTruth<LimitAnswer>(tc, 'memlimit', { limit, size, count: w.count, live: w.live, every: 64 }),
        )
      expect(runs[0].prevLimit).toBe(2 ** 63 - 1) // math.MaxInt64: no limit before
      for (const a of runs) {
        expect(a.samples.length).toBe(w.count / 64)
        for (const s of a.samples) {
          const inputs = {
            memoryLimit: limit,
            mappedReady: s.sys - s.heapReleased,
            heapFree: s.heapIdle - s.heapReleased,
            heapAlloc: s.heapAlloc,
            heapMarked: 0, // not in MemStats: the floor is checked below
          }
          const want = memoryLimitHeapGoal(inputs)
          // The floor (heapMarked ≤ HeapAlloc: marked objects are not freed before the next cycle)
          // could only raise Go's goal above the formula's.
          if (s.nextGC !== want) {
            expect(s.nextGC).toBeGreaterThan(want)
            expect(s.nextGC).toBeLessThanOrEqual(s.heapAlloc)
          }
        }
      }
      const c = core(tc, w.live, w.count)
      const goCounts = runs.map((a) => a.after.numGC - a.before.numGC)
      const goMapped = Math.max(...runs.map((a) => a.maxMapped))
      const goGoal = runs[0].after.nextGC
      const liveBytes = w.live * size
      // Collections scale with 1 / (goal − live): the core's count at Go's goal…
      const scaled = (c.numGC * (c.goal - liveBytes)) / (goGoal - liveBytes)
      console.log(
        `memory limit [${tc.version}] ${w.name}: Go ${goCounts.join(', ')} collections (goal ${goGoal}), ` +
          `core ${c.numGC} (goal ${c.goal}) → ${scaled.toFixed(1)} at Go's goal; ` +
          `largest Sys − HeapReleased: Go ${goMapped}, core ${c.maxMapped} (limit ${limit})`,
      )
      // The limit is soft in Go: its non-heap memory (which nothing scavenges) can grow after the
      // heap has filled up to the goal (seen: 2.3% over, go1.27), and when collections take more
      // than half the CPU over a wall-clock window the GC CPU limiter stops allocSpan's
      // scavenging and lets the heap pass the limit (seen once on this busy machine: 103 MB,
      // with 32 MiB live). That depends on timing, so: the best of the runs is under the limit.
      expect(Math.min(...runs.map((a) => a.maxMapped))).toBeLessThanOrEqual(limit)
      // The core stays under the limit too, live heap or not. With a live heap that is the page
      // reclaimer's doing: like Go's mheap.alloc, the core's sweeps wholly dead spans (no marked
      // object) before taking pages, so a new span reuses the last cycle's garbage instead of
      // growing the heap while that garbage is still unswept. (Without it the core reached
      // ≈ 80 MB here, with 32 MiB live.)
      expect(c.maxMapped).toBeLessThanOrEqual(limit)
      for (const n of goCounts) {
        expect(n).toBeGreaterThanOrEqual(Math.floor(scaled))
        expect(n).toBeLessThanOrEqual(Math.ceil((scaled + 1) / 0.7))
      }
    })
  }
})
