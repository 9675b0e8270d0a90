/** <page-alloc>: Go's page allocator on one 4 MiB chunk, stepped with the shared timeline and control bar. */
import { attachControlBar } from '../shared/controls.ts'
import { createTimeline, type Timeline } from '../shared/timeline.ts'
import { NotebookWidget } from '../shared/widget-element.ts'
import type { Playback } from '../shared/playback.ts'
import { describeFrame, frameForGoto, pageAllocTrace, type PageFrame } from './model.ts'
import { renderTable, renderView } from './render.ts'

class PageAlloc extends NotebookWidget {
  private timeline: Timeline<PageFrame> | null = null
  private playback: Playback | null = null

  protected hydrate(): void {
    const frames = pageAllocTrace()
    const t = createTimeline(frames)
    this.timeline = t
    const set = (name: string, html: string) => {
      const el = this.querySelector(`[data-part="${name}"]`)
      if (el) el.innerHTML = html
    }
    const prevOf = (i: number) => (i > 0 ? (frames[i - 1] ?? null) : null)
    t.subscribe((i, f) => {
      set('view', renderView(f, prevOf(i)))
      set('table', renderTable(f))
    })
    this.playback = attachControlBar(this, t, (i, f) => describeFrame(f, i, frames.length, prevOf(i)), this)
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

if (!customElements.get('page-alloc')) customElements.define('page-alloc', PageAlloc)
