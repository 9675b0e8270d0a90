// Steady-state churn with the collector on: a ring of 4096 live 24-byte pointer-free objects, each
// new object replacing the one allocated 4096 allocations earlier (the program drops it: `rt.drop`),
// GOGC=100 on both sides, so the heap cycles through collections at the 4 MiB minimum heap goal.
// The same loop as BenchmarkChurn24 in bench/go (a package-level ring overwritten in place).
// Reports time per allocation (collections included) on both sides, the ratio, and the number of
// collections on both sides. Target: the simulator takes at most 1.5× Go's time per allocation.
import type { Runtime } from '../../src/index.ts'
import { benchCoreVersion, newRuntime, sideBySide, type BenchCase } from '../lib.ts'

export const churnLive = 4096

/** Runs `ops` churn allocations on `rt` (fresh, GOGC=100): wall and CPU ns/alloc, collections. */
export function churnOnce(rt: Runtime, ops: number): { wall: number; cpu: number; gcs: number } {
  const ring = new Float64Array(churnLive)
  const opts = { noscan: true, p: 0 }
  const gc0 = rt.readMemStats().numGC
  const c0 = process.cpuUsage()
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < ops; i++) {
    const j = i & (churnLive - 1)
    const old = ring[j]
    ring[j] = rt.malloc(24, opts)
    if (old !== 0) rt.drop(old)
  }
  const wall = Number(process.hrtime.bigint() - t0) / ops
  const c = process.cpuUsage(c0)
  return { wall, cpu: ((c.user + c.system) * 1000) / ops, gcs: rt.readMemStats().numGC - gc0 }
}

const bench: BenchCase = {
  name: 'churn',
  title: 'steady-state churn: 4096 live 24-byte objects, each replaced, GC on (GOGC=100)',
  order: 15,
  run({ go, quick }) {
    const ops = quick ? 400_000 : 4_000_000
    const runs = quick ? 3 : 7
    const goVersion = benchCoreVersion(go)
    const goRes =
      'run' in go
        ? go.run('BenchmarkChurn24', { benchtime: `${ops}x`, count: runs, env: { GOGC: '100' } })
        : null
    const sim = { wall: [] as number[], cpu: [] as number[] }
    let simGcs = NaN
    let simError = ''
    const gc = (globalThis as { gc?: () => void }).gc
    try {
      for (let i = 0; i < runs + 2; i++) {
        // Made before the forced collection, so that the collection finds only the last run's
        // objects to free (runtime.ts keeps the core's hidden classes alive across runs).
        const rt = newRuntime({ gomaxprocs: 1, goVersion, gogc: 100 })
        gc?.()
        const r = churnOnce(rt, ops)
        if (i < 2) continue // two warm-up runs
        sim.wall.push(r.wall)
        sim.cpu.push(r.cpu)
        simGcs = r.gcs
      }
    } catch (e) {
      simError = e instanceof Error ? e.message : String(e)
    }
    return sideBySide({
      workload: `${ops.toLocaleString('en')} × malloc(24) + drop, 4096 live`,
      unit: 'alloc',
      sim: sim.cpu.length ? sim : null,
      simError,
      go: goRes,
      target: { label: '24-byte churn, GC on', max: 1.5 },
      extra: [
        {
          header: 'GCs simulator / Go',
          sim: Number.isFinite(simGcs) ? String(simGcs) : '—',
          go: goRes ? String(goRes.metrics.gcs) : '—',
        },
      ],
    })
  },
}
export default bench
