/** <mcentral-sets>: one mcentral's four span sets, stepped with the shared timeline and control bar. */
import { attachControlBar } from '../shared/controls.ts'
import { createTimeline, type Timeline } from '../shared/timeline.ts'
import { NotebookWidget } from '../shared/widget-element.ts'
import type { Playback } from '../shared/playback.ts'
import { describeFrame, frameForGoto, mcentralSetsTrace, type SetsFrame } from './model.ts'
import { renderTable, renderView } from './render.ts'

class McentralSets extends NotebookWidget {
  private timeline: Timeline<SetsFrame> | null = null
  private playback: Playback | null = null

  protected hydrate(): void {
    const frames = mcentralSetsTrace()
    const t = createTimeline(frames)
    this.timeline = t
    const set = (name: string, html: string) => {
      const el = this.querySelector(`[data-part="${name}"]`)
      if (el) el.innerHTML = html
    }
    t.subscribe((_i, f) => {
      set('view', renderView(f))
      set('table', renderTable(f))
    })
    this.playback = attachControlBar(this, t, (i, f) => describeFrame(f, i, frames.length), this)
    const start = Number(this.dataset.start ?? 0) || 0
    if (start > 0) t.goTo(start)
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

if (!customElements.get('mcentral-sets')) customElements.define('mcentral-sets', McentralSets)
