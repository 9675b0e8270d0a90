// Mixed workload: pointer-free objects of 1 B … 40 KB in a fixed pseudo-random sequence (the same
// sequence as BenchmarkMixed in bench/go). One pass of 65,536 objects per run (≈ 215 MiB in all),
// a fresh simulated runtime per run so the simulated heap stays bounded, as Go's runtime.GC()
// between runs does. Target: the simulator takes at most half Go's time per malloc (CPU time).
import { benchCoreVersion, measureBoth, newRuntime, sideBySide, xorshift32, type BenchCase } from '../lib.ts'

export const mixedLen = 1 << 16

/** Same generator and formula as MixedSizes in bench/go/alloc_test.go. */
export function mixedSizes(n: number): Int32Array {
  const next = xorshift32(0x9e3779b9)
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const r1 = next()
    const r2 = next()
    out[i] = 1 + ((r1 % 40960) >>> (r2 % 12))
  }
  return out
}

const bench: BenchCase = {
  name: 'mixed',
  title: 'mixed pointer-free sizes 1 B … 40 KB, fixed pseudo-random sequence, GC off',
  order: 20,
  run({ go, quick }) {
    const sizes = mixedSizes(mixedLen)
    const sum = sizes.reduce((a, b) => a + b, 0)
    const runs = quick ? 3 : 9
    const goVersion = benchCoreVersion(go)
    const goRes = 'run' in go ? go.run('BenchmarkMixed', { benchtime: `${mixedLen}x`, count: runs }) : null
    let sim: { wall: number[]; cpu: number[] } | null = null
    let simError = ''
    try {
      sim = measureBoth({
        ops: mixedLen,
        runs,
        // A run is only ≈ 10 ms: V8 is still compiling the allocator's slow paths (span set-up,
        // large objects, the page allocator) in the background during the first four or five,
        // which then take 2–7× the steady figure. Six warm-ups leave only the steady state.
        warmup: quick ? 2 : 6,
        setup: () => newRuntime({ gomaxprocs: 1, goVersion }),
        once: (rt) => {
          const opts = { noscan: true, p: 0 }
          for (let i = 0; i < mixedLen; i++) rt.malloc(sizes[i], opts)
        },
      })
    } catch (e) {
      simError = e instanceof Error ? e.message : String(e)
    }
    const out = sideBySide({
      workload: `${mixedLen.toLocaleString('en')} mallocs, ${(sum / 2 ** 20).toFixed(0)} MiB`,
      unit: 'op',
      sim,
      simError,
      go: goRes,
      target: { label: 'mixed 1 B … 40 KB, GC off', max: 0.5 },
    })
    if (goRes && goRes.metrics.sizesum !== sum)
      out.notes!.push(`WARNING: Go's size sequence sums to ${goRes.metrics.sizesum}, ours to ${sum}`)
    return out
  },
}
export default bench
