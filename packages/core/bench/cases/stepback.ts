// Time travel: record a long trace in a Timeline, then step back 10,000 steps. Each repetition
// starts from a different step, so every back(10000) restores a different checkpoint (a full copy
// of the state) and replays the steps after it: the cold cost, not a cached one. Two traces:
//   small  120,000 mallocs of mostly small objects (85 % ≤ 256 B, 14 % ≤ 2 KiB, 0.9 % ≤ 32 KiB,
//          0.1 % large up to 64 KiB), pointerful and pointer-free, on 2 Ps — the shape of a typical
//          Go program's allocations;
//   mixed  100,000 mallocs of the `mixed` case's sequence (1 B … 40 KB, ≈ 330 MiB simulated):
//          a far bigger heap, so far more state to copy.
// Also reports what the checkpoints cost in memory. Target: back(10000) < 50 ms (median), timed
// right after a forced full GC (gc() before each run); also shown: the same walk without it.
import type * as core from '../../src/index.ts'
import { fmtBytes, median, xorshift32, type BenchCase, type Target } from '../lib.ts'
import { mixedSizes } from './mixed.ts'

const gc = (globalThis as { gc?: () => void }).gc

function used(): number {
  gc?.()
  gc?.()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

interface Trace {
  name: string
  steps: number
  op(i: number): { op: 'malloc'; size: number; noscan: boolean; p: number }
}

function smallTrace(steps: number): Trace {
  const next = xorshift32(0x2545f491)
  const sizes = new Int32Array(steps)
  const flags = new Uint8Array(steps)
  for (let i = 0; i < steps; i++) {
    const r = next() % 1000
    const x = next()
    // 85 % 8..256 B, 14 % 257..2048 B, 0.9 % 2049..32768 B, 0.1 % large (32769..65536 B)
    sizes[i] =
      r < 850
        ? 8 + (x % 249)
        : r < 990
          ? 257 + (x % 1792)
          : r < 999
            ? 2049 + (x % 30720)
            : 32769 + (x % 32768)
    flags[i] = next() & 3
  }
  return {
    name: 'small',
    steps,
    op: (i) => ({ op: 'malloc', size: sizes[i], noscan: (flags[i] & 1) !== 0, p: flags[i] >>> 1 }),
  }
}

function mixedTrace(steps: number): Trace {
  const sizes = mixedSizes(steps)
  return {
    name: 'mixed',
    steps,
    op: (i) => ({ op: 'malloc', size: sizes[i], noscan: (i & 3) !== 0, p: (i >>> 4) & 1 }),
  }
}

export interface StepBackResult {
  row: string[]
  target: Target
  notes: string[]
}

export function measureTrace(
  c: typeof core,
  t: Trace,
  opts: { back: number; reps: number; checkpointEvery?: number },
): StepBackResult {
  const before = used()
  const t0 = performance.now()
  const tl = new c.Timeline({ gomaxprocs: 2 }, { checkpointEvery: opts.checkpointEvery })
  for (let i = 0; i < t.steps; i++) tl.apply(t.op(i))
  const recordMs = performance.now() - t0
  const info = tl.checkpointInfo()
  const ms = c.cloneRuntime(tl.runtime).readMemStats()
  const times: number[] = []
  for (let r = 0; r < opts.reps; r++) {
    tl.seek(t.steps - r * 1357)
    gc?.()
    const s0 = performance.now()
    tl.back(opts.back)
    times.push(performance.now() - s0)
  }
  const med = median(times)
  // The same walk without the forced GC before each back(): a GC V8 starts itself still counts,
  // but not the aftermath (concurrent sweeping, cold caches) of one the bench forced.
  const natural: number[] = []
  for (let r = 0; r < opts.reps; r++) {
    tl.seek(t.steps - r * 1357 - 611)
    const s0 = performance.now()
    tl.back(opts.back)
    natural.push(performance.now() - s0)
  }
  const copyTimes: number[] = []
  for (let r = 0; r < opts.reps; r++) {
    gc?.()
    const s0 = performance.now()
    c.cloneRuntime(tl.runtime)
    copyTimes.push(performance.now() - s0)
  }
  const timelineBytes = used() - before
  // A copy of the state, measured: hold one, measure, drop it.
  let copy: core.Runtime | null = c.cloneRuntime(tl.runtime)
  const withOne = used()
  copy = null
  const oneCopy = withOne - used()
  void copy
  return {
    row: [
      t.name,
      t.steps.toLocaleString('en'),
      fmtBytes(ms.heapInuse),
      `${info.steps.length} × every ${info.checkpointEvery}`,
      `${fmtBytes(oneCopy)}, ${median(copyTimes).toFixed(1)} ms`,
      fmtBytes(timelineBytes),
      `${((recordMs * 1e6) / t.steps).toFixed(0)} ns/step`,
      `${med.toFixed(1)} ms`,
      `${median(natural).toFixed(1)} ms`,
    ],
    target: {
      label: `${t.name}: back(${opts.back}) in a ${t.steps.toLocaleString('en')}-step trace < 50 ms`,
      ok: med < 50,
      detail:
        `median ${med.toFixed(1)} ms of ${opts.reps}, each after a forced GC (runs: ${times.map((x) => x.toFixed(1)).join(', ')}); ` +
        `without it: median ${median(natural).toFixed(1)} ms (runs: ${natural.map((x) => x.toFixed(1)).join(', ')})`,
    },
    notes: [],
  }
}

const bench: BenchCase = {
  name: 'stepback',
  title: 'time travel: Timeline.back(10000) in a long recorded trace, checkpoint memory',
  order: 40,
  run({ core, quick }) {
    const reps = quick ? 3 : 7
    const traces = quick
      ? [smallTrace(30_000), mixedTrace(30_000)]
      : [smallTrace(120_000), mixedTrace(100_000)]
    const results = traces.map((t) => measureTrace(core, t, { back: 10_000, reps }))
    return {
      table: [
        [
          'trace',
          'steps',
          'heap in use',
          'checkpoints',
          'one copy (memory, time)',
          'timeline memory',
          'record',
          'back(10000)',
          'no forced GC',
        ],
        ...results.map((r) => r.row),
      ],
      targets: results.map((r) => r.target),
      notes: [
        'one copy = JS memory and median time of one cloneRuntime of the final state; timeline memory =',
        'the whole Timeline (runtime + checkpoints + recorded ops). Each back(10000) = the nearest',
        'checkpoint written into the runtime in place + the replay of the steps after it; back(10000) is',
        'timed right after a forced full GC (the target), no forced GC = the same walk without it.',
        ...results.flatMap((r) => r.notes),
      ],
    }
  },
}
export default bench
