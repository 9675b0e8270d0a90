// 24-byte pointer-free malloc: the simulator's fast path against Go's (new([24]byte) into a sink).
// Target: the simulator takes at most 1.2× Go's time per malloc.
import { benchCoreVersion, fmtNs, measure, median, newRuntime, type BenchCase } from '../lib.ts'

const bench: BenchCase = {
  name: 'malloc24',
  title: '24-byte pointer-free malloc (size class 3), GC off',
  order: 10,
  run({ go, quick }) {
    const ops = quick ? 500_000 : 5_000_000
    const runs = quick ? 3 : 7
    const goVersion = benchCoreVersion(go)
    let goNs = NaN
    if ('run' in go) goNs = median(go.run('BenchmarkMalloc24', { benchtime: `${ops}x`, count: runs }).nsPerOp)
    let js: number[] = []
    let jsError = ''
    try {
      js = measure({
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
      jsError = e instanceof Error ? e.message : String(e)
    }
    const jsNs = js.length ? median(js) : NaN
    const ratio = jsNs / goNs
    return {
      table: [
        ['workload', 'simulator (median)', 'Go (median)', 'simulator / Go'],
        [
          `${ops.toLocaleString('en')} × malloc(24)`,
          fmtNs(jsNs),
          fmtNs(goNs),
          Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—',
        ],
      ],
      targets: [
        {
          label: '24-byte malloc, GC off ≤ 1.2× Go',
          ok: ratio <= 1.2,
          detail: !Number.isFinite(jsNs)
            ? 'simulator not measured'
            : !Number.isFinite(goNs)
              ? 'no Go figure'
              : `${ratio.toFixed(2)}×`,
        },
      ],
      notes: jsError
        ? [`simulator not measured: ${jsError}`]
        : [`runs: simulator ${js.map((x) => x.toFixed(1)).join(', ')} ns/op`],
    }
  },
}
export default bench
