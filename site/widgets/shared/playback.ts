/**
 * Playback: the pure state machine of the control bar (play/pause/speed) over a FrameCursor.
 * The DOM layer calls tick() from a timer every delayMs(); nothing here touches time or DOM,
 * so the rules are unit-tested directly:
 * - play at the last step restarts from step 0;
 * - reaching the last step while playing pauses;
 * - any manual move (step, scrub, reset, goto link) pauses;
 * - reduced motion: play is still allowed (it is the reader's explicit choice), but the
 *   renderer must not animate between frames, and the default speed is the slowest.
 */
import type { FrameCursor } from './frames.ts'

export const speeds = [0.5, 1, 2, 4] as const
export type Speed = (typeof speeds)[number]

/** Milliseconds per step at speed 1. */
const baseDelayMs = 900

export interface Playback {
  readonly playing: boolean
  readonly speed: Speed
  play(): void
  pause(): void
  toggle(): void
  setSpeed(s: number): void
  /** Advance one step if playing; returns whether the caller should schedule another tick. */
  tick(): boolean
  /** A manual move: pauses, then moves the cursor. */
  manual(fn: (t: FrameCursor<unknown>) => void): void
  delayMs(): number
  subscribe(fn: () => void): () => void
}

export function createPlayback(
  cursor: FrameCursor<unknown>,
  opts: { reducedMotion?: boolean } = {},
): Playback {
  let playing = false
  let speed: Speed = opts.reducedMotion ? 0.5 : 1
  const listeners = new Set<() => void>()
  const emit = () => listeners.forEach((fn) => fn())

  const pb: Playback = {
    get playing() {
      return playing
    },
    get speed() {
      return speed
    },
    play() {
      if (cursor.length < 2) return
      if (cursor.atEnd) cursor.reset()
      if (!playing) {
        playing = true
        emit()
      }
    },
    pause() {
      if (playing) {
        playing = false
        emit()
      }
    },
    toggle() {
      if (playing) pb.pause()
      else pb.play()
    },
    setSpeed(s) {
      const found = speeds.find((x) => x === s)
      if (found === undefined)
        throw new RangeError(`speed must be one of ${speeds.join(', ')}, got ${String(s)}`)
      speed = found
      emit()
    },
    tick() {
      if (!playing) return false
      cursor.step(1)
      if (cursor.atEnd) {
        playing = false
        emit()
        return false
      }
      return true
    },
    manual(fn) {
      pb.pause()
      fn(cursor)
    },
    delayMs: () => Math.round(baseDelayMs / speed),
    subscribe(fn) {
      listeners.add(fn)
      return () => listeners.delete(fn)
    },
  }
  return pb
}
