// Steady-state churn with the collector on: a ring of 4096 live 24-byte pointer-free objects, each
// new object replacing the one allocated 4096 allocations earlier (the program drops it: `rt.drop`),
// GOGC=100 on both sides, so the heap cycles through collections at the 4 MiB minimum heap goal.
// The same loop as BenchmarkChurn24 in bench/go (a package-level ring overwritten in place).
// Reports ns per allocation (collections included), the ratio, and the collections on both sides.
// Target: the simulator takes at most 1.5× Go's time per allocation.
import { benchCoreVersion, fmtNs, median, newRuntime, type BenchCase } from '../lib.ts'

export const churnLive = 4096

/** Runs `ops` churn allocations on a fresh GOGC=100 runtime; returns ns/alloc and collections. */
export function churnOnce(
  goVersion: ReturnType<typeof benchCoreVersion>,
  ops: number,
): { ns: number; gcs: number } {
  const rt = newRuntime({ gomaxprocs: 1, goVersion, gogc: 100 })
  const ring = new Float64Array(churnLive)
  const opts = { noscan: true, p: 0 }
  const gc0 = rt.readMemStats().numGC
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < ops; i++) {
    const j = i & (churnLive - 1)
    const old = ring[j]
    ring[j] = rt.malloc(24, opts)
    if (old !== 0) rt.drop(old)
  }
  const ns = Number(process.hrtime.bigint() - t0) / ops
  return { ns, gcs: rt.readMemStats().numGC - gc0 }
}

const bench: BenchCase = {
  name: 'churn',
  title: 'steady-state churn: 4096 live 24-byte objects, each replaced, GC on (GOGC=100)',
  order: 15,
  run({ go, quick }) {
    const ops = quick ? 400_000 : 4_000_000
    const runs = quick ? 3 : 7
    const goVersion = benchCoreVersion(go)
    const notes: string[] = []
    let goNs = NaN
    let goGcs = NaN
    if ('run' in go) {
      const r = go.run('BenchmarkChurn24', { benchtime: `${ops}x`, count: runs, env: { GOGC: '100' } })
      goNs = median(r.nsPerOp)
      goGcs = r.metrics.gcs
      notes.push(`runs: Go ${r.nsPerOp.map((x) => x.toFixed(1)).join(', ')} ns/alloc`)
    }
    const js: number[] = []
    let jsGcs = NaN
    const gc = (globalThis as { gc?: () => void }).gc
    for (let i = 0; i < runs + 2; i++) {
      gc?.()
      const r = churnOnce(goVersion, ops)
      if (i >= 2) js.push(r.ns) // two warm-up runs
      jsGcs = r.gcs
    }
    notes.push(`runs: simulator ${js.map((x) => x.toFixed(1)).join(', ')} ns/alloc`)
    const jsNs = median(js)
    const ratio = jsNs / goNs
    return {
      table: [
        ['workload', 'simulator (median)', 'Go (median)', 'simulator / Go', 'GCs simulator', 'GCs Go'],
        [
          `${ops.toLocaleString('en')} × malloc(24), 4096 live`,
          fmtNs(jsNs),
          fmtNs(goNs),
          Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—',
          String(jsGcs),
          Number.isFinite(goGcs) ? String(goGcs) : '—',
        ],
      ],
      targets: [
        {
          label: '24-byte churn with GC on ≤ 1.5× Go',
          ok: ratio <= 1.5,
          detail: Number.isFinite(goNs) ? `${ratio.toFixed(2)}×` : 'no Go figure',
        },
      ],
      notes,
    }
  },
}
export default bench
