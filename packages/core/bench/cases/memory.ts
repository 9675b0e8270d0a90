// Memory: simulate a 1 GiB heap of 8-byte objects (2^27 = 134,217,728 pointerful mallocs; pointerful
// so they are not packed by the tiny allocator) and measure what it costs the JavaScript process:
// growth of V8 heapUsed + arrayBuffers (after a forced collection when node runs with --expose-gc).
// Target: ≤ 64 MiB. Takes a while; run it alone with `pnpm bench --only memory`.
import { fmtBytes, newRuntime, type BenchCase } from '../lib.ts'

const gc = (globalThis as { gc?: () => void }).gc

function used(): number {
  gc?.()
  gc?.()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

const bench: BenchCase = {
  name: 'memory',
  title: 'simulated 1 GiB heap of 8-byte objects: JS memory cost',
  order: 90,
  heavy: true,
  run({ quick, log }) {
    const heapBytes = quick ? 2 ** 27 : 2 ** 30
    const n = heapBytes / 8
    const before = used()
    const t0 = process.hrtime.bigint()
    const rt = newRuntime({ gomaxprocs: 1, heapLimit: 2 * heapBytes })
    const opts = { noscan: false, p: 0 }
    const step = n / 8
    for (let i = 0; i < n; i++) {
      rt.malloc(8, opts)
      if ((i + 1) % step === 0) log(`  … ${((100 * (i + 1)) / n).toFixed(0)}%`)
    }
    const secs = Number(process.hrtime.bigint() - t0) / 1e9
    const ms = rt.readMemStats()
    const delta = used() - before
    const perGiB = (delta * 2 ** 30) / heapBytes
    return {
      table: [
        ['simulated heap', 'mallocs', 'JS memory growth', 'per simulated GiB', 'time'],
        [
          fmtBytes(ms.heapAlloc),
          n.toLocaleString('en'),
          fmtBytes(delta),
          fmtBytes(perGiB),
          `${secs.toFixed(1)} s (${((secs * 1e9) / n).toFixed(1)} ns/op)`,
        ],
      ],
      targets: [
        {
          label: '1 GiB of 8-byte objects costs ≤ 64 MiB of JS memory',
          ok: perGiB <= 64 * 2 ** 20 && ms.heapAlloc === heapBytes,
          detail: `${fmtBytes(perGiB)} per GiB${quick ? ' (extrapolated from 128 MiB)' : ''}${gc ? '' : ' (no --expose-gc: rough)'}`,
        },
      ],
      notes:
        ms.heapAlloc === heapBytes
          ? []
          : [`WARNING: readMemStats().heapAlloc is ${ms.heapAlloc}, expected ${heapBytes}`],
    }
  },
}
export default bench
