/**
 * <span-bits>: the form picks the class (size, pointers); the shared control bar steps through
 * the scenario. Changing the form or the page's Go version rebuilds the run part (control bar
 * included), keeping the step where it still exists, and leaves focus on the form control.
 */
import { onGoVersionChange, pageGoVersion } from '../../lib/go-version.ts'
import { attachControlBar } from '../shared/controls.ts'
import { createFrameCursor, type FrameCursor } from '../shared/frames.ts'
import { NotebookWidget } from '../shared/widget-element.ts'
import type { Playback } from '../shared/playback.ts'
import {
  frameForGoto,
  initialState,
  spanBitsTrace,
  stateFromParams,
  type SpanBitsFrame,
  type SpanBitsState,
} from './model.ts'
import { describeFrame, renderRun, renderTable, renderView, stateHref, type Locale } from './render.ts'

class SpanBits extends NotebookWidget {
  private state: SpanBitsState = initialState
  private version = pageGoVersion()
  private locale: Locale = 'en'
  private frames: SpanBitsFrame[] = []
  private timeline: FrameCursor<SpanBitsFrame> | null = null
  private playback: Playback | null = null

  private partEl<T extends Element>(name: string): T {
    const el = this.querySelector<T>(`[data-part="${name}"]`)
    if (!el) throw new Error(`span-bits: missing [data-part="${name}"]`)
    return el
  }

  private read(): SpanBitsState {
    const form = this.partEl<HTMLFormElement>('form')
    const size = form.elements.namedItem('size')
    const ptr = form.elements.namedItem('pointers')
    const p = new URLSearchParams()
    if (size instanceof HTMLSelectElement) p.set('size', size.value)
    if (ptr instanceof HTMLInputElement) p.set('pointers', ptr.checked ? '1' : '0')
    return stateFromParams(p, this.state)
  }

  protected hydrate(): void {
    this.locale = this.dataset.locale === 'zh' ? 'zh' : 'en'
    const form = this.partEl<HTMLFormElement>('form')
    form.addEventListener('submit', (ev) => ev.preventDefault())
    form.addEventListener('change', () => this.load(this.read(), this.timeline?.index ?? 0))
    onGoVersionChange((v) => {
      this.version = v
      this.load(this.state, this.timeline?.index ?? 0)
    })
    this.load(this.read(), Number(this.dataset.start ?? 0) || 0)
  }

  private load(s: SpanBitsState, step: number): void {
    this.playback?.pause()
    this.state = s
    const frames = spanBitsTrace(s, this.version)
    this.frames = frames
    const start = Math.min(Math.max(0, step), frames.length - 1)
    const loc = this.locale
    this.partEl('run').innerHTML = renderRun(s, frames, 0, this.id, loc)
    const t = createFrameCursor(frames)
    this.timeline = t
    t.subscribe((i, f) => {
      this.partEl('view').innerHTML = renderView(f, loc)
      this.partEl('table').innerHTML = renderTable(f, loc)
      this.partEl<HTMLAnchorElement>('link').href = stateHref(s, i, this.id)
      this.dataset.step = String(i)
    })
    this.playback = attachControlBar(this, t, (i, f) => describeFrame(f, i, frames.length, loc), this)
    this.dataset.step = '0'
    if (start > 0) t.goTo(start)
  }

  protected override applyUrlState(params: URLSearchParams): void {
    const s = stateFromParams(params, this.state)
    const form = this.partEl<HTMLFormElement>('form')
    const size = form.elements.namedItem('size')
    const ptr = form.elements.namedItem('pointers')
    if (size instanceof HTMLSelectElement) size.value = String(s.size)
    if (ptr instanceof HTMLInputElement) ptr.checked = s.pointers
    const step = frameForGoto(params.get('step') ?? '0', spanBitsTrace(s, this.version)) ?? 0
    this.load(s, step)
  }

  protected override goTo(value: string): void {
    if (!this.timeline) return
    const i = frameForGoto(value, this.frames)
    if (i === null) return
    this.playback?.manual((t) => t.goTo(i))
  }
}

if (!customElements.get('span-bits')) customElements.define('span-bits', SpanBits)
