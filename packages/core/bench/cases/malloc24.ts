// 24-byte pointer-free malloc: the simulator's fast path against Go's (new([24]byte) into a sink),
// the collector off on both sides. Target: the simulator takes at most 1.2× Go's time per malloc.
import type { Runtime } from '../../src/index.ts'
import type { MSpan } from '../../src/mspan.ts'
import { sizeToClassT } from '../../src/classtables.ts'
import {
  benchCoreVersion,
  fmtNs,
  fmtRatio,
  measureBoth,
  median,
  newRuntime,
  sideBySide,
  type BenchCase,
} from '../lib.ts'

/**
 * The floor under the simulator's fast path, for comparison: per malloc only what no version of
 * this design can skip — the size-class lookup in the core's table, the P's cached span, and that
 * span's own nextFreeFast (the allocCache search, freeindex, allocCount, the root bit, the slot's
 * address). No argument checks, no counters, no slow path: when nextFreeFast declines, the same
 * span is emptied in place instead of refilled, so no span is ever set up.
 */
function floorOnce(rt: Runtime, ops: number, size: number): void {
  const alloc = rt.allp[0].mcache.alloc
  for (let i = 0; i < ops; i++) {
    const s = alloc[(sizeToClassT[(size + 7) >>> 3] << 1) | 1]
    if (s.nextFreeFast() === 0) emptySpan(s)
  }
}

function emptySpan(s: MSpan): void {
  s.freeindex = 0
  s.allocCount = 0
  s.allocCacheLo = -1
  s.allocCacheHi = -1
  s.rootBits.fill(0)
}

const bench: BenchCase = {
  name: 'malloc24',
  title: '24-byte pointer-free malloc (size class 3), GC off',
  order: 10,
  run({ go, quick }) {
    const ops = quick ? 500_000 : 5_000_000
    const runs = quick ? 3 : 7
    const goVersion = benchCoreVersion(go)
    const goRes = 'run' in go ? go.run('BenchmarkMalloc24', { benchtime: `${ops}x`, count: runs }) : null
    let sim: { wall: number[]; cpu: number[] } | null = null
    let simError = ''
    try {
      sim = measureBoth({
        ops,
        runs,
        warmup: 2,
        // A fresh runtime per run, like Go's runtime.GC() between runs: 5M × 24 B = 120 MB simulated.
        setup: () => newRuntime({ gomaxprocs: 1, goVersion }),
        once: (rt) => {
          const opts = { noscan: true, p: 0 }
          for (let i = 0; i < ops; i++) rt.malloc(24, opts)
        },
      })
    } catch (e) {
      simError = e instanceof Error ? e.message : String(e)
    }
    const floor = measureBoth({
      ops,
      runs,
      warmup: 2,
      setup: () => {
        const rt = newRuntime({ gomaxprocs: 1, goVersion })
        rt.malloc(24, { noscan: true, p: 0 }) // caches a span of the class
        return rt
      },
      once: (rt) => floorOnce(rt, ops, 24),
    })
    const out = sideBySide({
      workload: `${ops.toLocaleString('en')} × malloc(24)`,
      unit: 'op',
      sim,
      simError,
      go: goRes,
      target: { label: '24-byte malloc, GC off', max: 1.2 },
    })
    const goCpu = goRes ? median(goRes.cpuNsPerOp.length ? goRes.cpuNsPerOp : goRes.nsPerOp) : NaN
    out.notes!.push(
      `floor (size-class lookup + the cached span's nextFreeFast only, no checks, counters or refills): ` +
        `CPU ${fmtNs(median(floor.cpu))} = ${fmtRatio(median(floor.cpu) / goCpu)} Go's whole malloc`,
    )
    return out
  },
}
export default bench
