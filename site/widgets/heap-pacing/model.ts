/**
 * heap-pacing model (pure, no DOM): one program run on @go-alloc/core with a chosen GOGC,
 * sampled with ReadMemStats as it allocates. The program allocates 1 KiB pointer-free objects and
 * keeps a fixed share of them referenced for good (the rest it drops at once), so its live heap
 * grows steadily while most of what it allocates is garbage — the situation GOGC paces.
 *
 * Frame 0 is the fresh runtime; frame i is the state after i × `perFrame` allocations. Each frame
 * carries what a figure needs to show the pacer (heap goal = NextGC), the collector (NumGC, the
 * live heap found by the last cycle), sweeping (HeapAlloc falls only as spans are swept), and the
 * scavenger (HeapReleased, retained memory).
 */
import { Runtime, type GoVersion, type TraceEvent } from '@go-alloc/core'
import { defaultGoVersion } from '../../lib/go-version.ts'
import { en, type UiStrings } from '../../lib/strings/en.ts'

export const gogcChoices = [50, 100, 200, 'off'] as const
export const keepChoices = [10, 25, 50] as const
export type Gogc = (typeof gogcChoices)[number]
export type Keep = (typeof keepChoices)[number]

export interface PacingState {
  gogc: Gogc
  /** Percent of the allocated objects the program keeps referenced. */
  keep: Keep
}

export const initialState: PacingState = { gogc: 100, keep: 25 }

/** Object size (bytes, pointer-free) and how many the program allocates. */
export const objectSize = 1024
export const totalObjects = 24_000
export const perFrame = 400

export interface PacingFrame {
  step: number
  /** Objects allocated so far. */
  allocated: number
  totalAlloc: number
  heapAlloc: number
  heapInuse: number
  heapIdle: number
  heapReleased: number
  /** HeapInuse + free pages still backed by memory. */
  retained: number
  /** Heap goal (NextGC); Infinity with GOGC=off. */
  nextGC: number
  numGC: number
  /** Bytes the most recent cycle found live (0 before the first). */
  lastMarked: number
  /** A cycle ran during this frame's allocations. */
  gcInFrame: boolean
}

const clampChoice = <T>(choices: readonly T[], v: T, fallback: T): T => (choices.includes(v) ? v : fallback)

export function stateFromParams(p: URLSearchParams, base: PacingState): PacingState {
  const g = p.get('gogc')
  const k = p.get('keep')
  const gogc =
    g === null ? base.gogc : g === 'off' ? 'off' : clampChoice(gogcChoices, Number(g) as Gogc, base.gogc)
  const keep = k === null ? base.keep : clampChoice(keepChoices, Number(k) as Keep, base.keep)
  return { gogc, keep }
}

export function stateToParams(s: PacingState): Record<string, string> {
  return { gogc: String(s.gogc), keep: String(s.keep) }
}

/** Run the program and record one frame per `perFrame` allocations. */
export function pacingTrace(s: PacingState, goVersion: GoVersion = defaultGoVersion): PacingFrame[] {
  const rt = new Runtime({ gogc: s.gogc, goVersion })
  let lastMarked = 0
  let cycles = 0
  rt.subscribe((ev: TraceEvent) => {
    if (ev.type === 'gcMarkDone') {
      lastMarked = ev.markedBytes
      cycles++
    }
  })
  const frames: PacingFrame[] = []
  const sample = (step: number, allocated: number, gcInFrame: boolean): void => {
    const m = rt.readMemStats()
    frames.push({
      step,
      allocated,
      totalAlloc: m.totalAlloc,
      heapAlloc: m.heapAlloc,
      heapInuse: m.heapInuse,
      heapIdle: m.heapIdle,
      heapReleased: m.heapReleased,
      retained: m.heapInuse + m.heapIdle - m.heapReleased,
      nextGC: m.nextGC,
      numGC: m.numGC,
      lastMarked,
      gcInFrame,
    })
  }
  sample(0, 0, false)
  // Which objects are kept: a fixed, evenly spread pattern (k of every 100), no randomness.
  const keepEvery = 100 / s.keep
  let allocated = 0
  for (let f = 1; f * perFrame <= totalObjects; f++) {
    const before = cycles
    for (let i = 0; i < perFrame; i++, allocated++) {
      const p = rt.malloc(objectSize, { noscan: true })
      if (allocated % keepEvery >= 1) rt.drop(p)
    }
    sample(f, allocated, cycles !== before)
  }
  return frames
}

/** Frame index for a goto value: a step number, or `gc-N` (the frame in which cycle N ran). */
export function frameForGoto(value: string, frames: readonly PacingFrame[]): number | null {
  const m = /^gc-(\d+)$/.exec(value)
  if (m) {
    const n = Number(m[1])
    const i = frames.findIndex((f) => f.numGC >= n)
    return i < 0 ? null : i
  }
  if (!/^\d+$/.test(value)) return null
  return Math.min(Number(value), frames.length - 1)
}

const mib = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`

/** The heap-pacing figure's words (site/lib/strings); English by default. */
export type HeapPacingStrings = UiStrings['heapPacing']

export function describeFrame(
  f: PacingFrame,
  index: number,
  length: number,
  t: HeapPacingStrings = en.heapPacing,
): string {
  if (index === 0) return t.start(length - 1, goalText(f.nextGC, t))
  const gc = f.gcInFrame ? t.gc(f.numGC, mib(f.lastMarked)) : ''
  return t.step(
    index,
    length - 1,
    t.num(f.allocated),
    mib(f.heapAlloc),
    goalText(f.nextGC, t),
    mib(f.heapReleased),
    gc,
  )
}

export function goalText(goal: number, t: HeapPacingStrings = en.heapPacing): string {
  return Number.isFinite(goal) ? mib(goal) : t.goalNone
}

export function summarize(
  s: PacingState,
  frames: readonly PacingFrame[],
  t: HeapPacingStrings = en.heapPacing,
): string {
  const last = frames[frames.length - 1] as PacingFrame
  const peak = Math.max(...frames.map((f) => f.heapInuse))
  const kept = Math.round((totalObjects * s.keep) / 100)
  return t.summary(
    s.gogc,
    t.num(totalObjects),
    mib(totalObjects * objectSize),
    t.num(kept),
    last.numGC,
    mib(peak),
    mib(last.heapAlloc),
    mib(last.heapReleased),
  )
}
