/**
 * The element of a trace-driven figure whose frames are fixed (no form): build the frames once,
 * put them on the shared frame cursor and control bar, re-render the named `data-part`s on every step,
 * open at the build-time step (`data-start`), and follow `step=` URL state and prose `data-goto`
 * links. A figure's element.ts is one `defineTraceFigure` call.
 */
import { attachControlBar } from './controls.ts'
import { createFrameCursor, type FrameCursor } from './frames.ts'
import { NotebookWidget } from './widget-element.ts'
import type { Playback } from './playback.ts'
import type { GoVersion } from '@go-alloc/core'

export interface TraceFigureSpec<F> {
  /** The figure's frames under a Go version (the same function the .astro uses at build time). */
  trace: (goVersion: GoVersion) => F[]
  /** HTML for each `data-part` to refresh when frame `index` is shown. */
  parts: (frame: F, index: number, frames: readonly F[]) => Record<string, string>
  /** The caption of frame `index` (the control bar's aria-live line). */
  describe: (frame: F, index: number, frames: readonly F[]) => string
  /** Frame index for a goto / `step=` value, or null when the value names no frame. */
  frameForGoto: (value: string, frames: readonly F[]) => number | null
}

export function defineTraceFigure<F>(tag: string, spec: TraceFigureSpec<F>): void {
  class TraceFigure extends NotebookWidget {
    private frames: F[] = []
    private cursor: FrameCursor<F> | null = null
    private playback: Playback | null = null

    protected hydrate(): void {
      const start = Number(this.dataset.start ?? 0) || 0
      this.load(this.goVersion, start)
    }

    /** Builds the frames for `v` and shows frame `step` (clamped): the first load and each version change. */
    private load(v: GoVersion, step: number): void {
      this.playback?.pause()
      const frames = spec.trace(v)
      this.frames = frames
      const t = createFrameCursor(frames)
      this.cursor = t
      t.subscribe((i, f) => {
        for (const [name, html] of Object.entries(spec.parts(f, i, frames))) {
          const el = this.querySelector(`[data-part="${name}"]`)
          if (el) el.innerHTML = html
        }
      })
      this.playback = attachControlBar(this, t, (i, f) => spec.describe(f, i, frames), this)
      const i = Math.min(Math.max(0, step), frames.length - 1)
      if (i > 0) t.goTo(i)
      else {
        // Frame 0 is the static HTML only for the build-time version: draw it for any other.
        const f0 = frames[0]
        if (f0 !== undefined)
          for (const [name, html] of Object.entries(spec.parts(f0, 0, frames))) {
            const el = this.querySelector(`[data-part="${name}"]`)
            if (el) el.innerHTML = html
          }
      }
    }

    protected override goVersionChanged(v: GoVersion): void {
      this.load(v, this.cursor?.index ?? 0)
    }

    protected override applyUrlState(params: URLSearchParams): void {
      const step = params.get('step')
      if (step !== null) this.goTo(step)
    }

    protected override goTo(value: string): void {
      if (!this.cursor) return
      const i = spec.frameForGoto(value, this.frames)
      if (i === null) return
      this.playback?.manual((t) => t.goTo(i))
    }
  }
  if (!customElements.get(tag)) customElements.define(tag, TraceFigure)
}
