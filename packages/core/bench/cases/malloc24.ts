// 24-byte pointer-free malloc: the simulator's fast path against Go's (new([24]byte) into a sink),
// the collector off on both sides. Target: the simulator takes at most 1.2× Go's time per malloc.
import { benchCoreVersion, measureBoth, newRuntime, sideBySide, type BenchCase } from '../lib.ts'

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
    return sideBySide({
      workload: `${ops.toLocaleString('en')} × malloc(24)`,
      unit: 'op',
      sim,
      simError,
      go: goRes,
      target: { label: '24-byte malloc, GC off', max: 1.2 },
    })
  },
}
export default bench
