/** <size-class-generator>: a trace figure wired through the shared timeline and control bar. */
import { attachControlBar } from '../shared/controls.ts'
import { createTimeline, type Timeline } from '../shared/timeline.ts'
import { NotebookWidget } from '../shared/widget-element.ts'
import type { Playback } from '../shared/playback.ts'
import { describeFrame, frameForGoto, generatorTrace, type GenFrame } from './model.ts'
import { renderClasses, renderFrameTable, renderSpanBar } from './render.ts'

class SizeClassGenerator extends NotebookWidget {
  private timeline: Timeline<GenFrame> | null = null
  private playback: Playback | null = null

  protected hydrate(): void {
    const frames = generatorTrace()
    const t = createTimeline(frames)
    this.timeline = t
    const set = (name: string, html: string) => {
      const el = this.querySelector(`[data-part="${name}"]`)
      if (el) el.innerHTML = html
    }
    t.subscribe((_i, f) => {
      set('bar', renderSpanBar(f))
      set('classes', renderClasses(f))
      set('table', renderFrameTable(f))
    })
    this.playback = attachControlBar(this, t, (i, f) => describeFrame(f, i, frames.length), this)
  }

  protected override applyUrlState(params: URLSearchParams): void {
    const step = params.get('step')
    if (step !== null) this.goTo(step)
  }

  protected override goTo(value: string): void {
    const i = frameForGoto(value)
    if (i === null || !this.timeline) return
    this.playback?.manual((t) => t.goTo(i))
  }
}

if (!customElements.get('size-class-generator'))
  customElements.define('size-class-generator', SizeClassGenerator)
