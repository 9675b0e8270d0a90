/**
 * FrameCursor: the model behind every trace-driven figure ("trace first, draw second").
 *
 * A figure records one frame per step of the core's event trace (frame 0 is the starting
 * state). Drawing step i only needs frames[i], so stepping back and scrubbing are O(1).
 * Pure: no DOM, no timers. The control bar (controls.ts) drives it; playback.ts adds play/pause.
 */
export interface FrameCursor<F> {
  readonly length: number
  readonly index: number
  readonly frame: F
  /** Move to step i (clamped to 0..length−1). Returns the new index. */
  goTo(i: number): number
  /** Move by ±n steps (clamped). */
  step(n: number): number
  reset(): number
  readonly atEnd: boolean
  readonly atStart: boolean
  /** Called after every change of index with the new index. Returns an unsubscribe function. */
  subscribe(fn: (index: number, frame: F) => void): () => void
}

export function createFrameCursor<F>(frames: readonly F[]): FrameCursor<F> {
  if (!Array.isArray(frames)) throw new TypeError('frames must be an array')
  if (frames.length === 0) throw new RangeError('frames must hold at least one frame (the starting state)')
  const list = frames.slice()
  let index = 0
  const listeners = new Set<(index: number, frame: F) => void>()

  const set = (i: number): number => {
    if (typeof i !== 'number' || Number.isNaN(i))
      throw new TypeError(`step must be a number, got ${String(i)}`)
    const next = Math.min(list.length - 1, Math.max(0, Math.trunc(i)))
    if (next !== index) {
      index = next
      for (const fn of listeners) fn(index, list[index] as F)
    }
    return index
  }

  return {
    get length() {
      return list.length
    },
    get index() {
      return index
    },
    get frame() {
      return list[index] as F
    },
    get atEnd() {
      return index === list.length - 1
    },
    get atStart() {
      return index === 0
    },
    goTo: set,
    step: (n) => set(index + n),
    reset: () => set(0),
    subscribe(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
  }
}

/** What a trace figure's .astro takes: a second copy's `id`, and the step it starts on. */
export interface StepFigureProps {
  id?: string
  step?: number
}

/** The frame a figure starts on: `step` truncated and clamped to the `count` frames there are. */
export const startFrame = (step: number, count: number): number =>
  Math.min(Math.max(0, Math.trunc(step)), count - 1)
