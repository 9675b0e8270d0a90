/**
 * <heap-pacing>: the form picks GOGC and the share of objects kept; the shared control bar steps
 * through the run. Changing the form re-runs the program and rebuilds the run part.
 */
import { attachControlBar } from '../shared/controls.ts'
import { createFrameCursor, type FrameCursor } from '../shared/frames.ts'
import { NotebookWidget } from '../shared/widget-element.ts'
import { pageLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import type { Playback } from '../shared/playback.ts'
import {
  describeFrame,
  frameForGoto,
  initialState,
  pacingTrace,
  stateFromParams,
  type PacingFrame,
  type PacingState,
} from './model.ts'
import { renderChart, renderRun, renderTable } from './render.ts'

class HeapPacing extends NotebookWidget {
  private state: PacingState = initialState
  private frames: PacingFrame[] = []
  private cursor: FrameCursor<PacingFrame> | null = null
  private playback: Playback | null = null

  private el<T extends Element>(name: string): T {
    const el = this.querySelector<T>(`[data-part="${name}"]`)
    if (!el) throw new Error(`heap-pacing: missing [data-part="${name}"]`)
    return el
  }

  private read(): PacingState {
    const form = this.el<HTMLFormElement>('form')
    const params = new URLSearchParams()
    for (const name of ['gogc', 'keep']) {
      const el = form.elements.namedItem(name)
      if (el instanceof HTMLSelectElement) params.set(name, el.value)
    }
    return stateFromParams(params, this.state)
  }

  protected hydrate(): void {
    const form = this.el<HTMLFormElement>('form')
    form.addEventListener('submit', (ev) => ev.preventDefault())
    form.addEventListener('change', () => this.load(this.read(), null))
    this.load(this.read(), Number(this.dataset.start ?? 0) || 0)
  }

  private load(s: PacingState, step: number | null): void {
    this.playback?.pause()
    this.state = s
    const frames = pacingTrace(s, this.goVersion)
    this.frames = frames
    const start = step === null ? frames.length - 1 : Math.min(Math.max(0, step), frames.length - 1)
    this.el('run').innerHTML = renderRun(s, frames, 0, this.id, pageLocale())
    const words = uiStrings(pageLocale()).heapPacing
    const t = createFrameCursor(frames)
    this.cursor = t
    t.subscribe((i, f) => {
      this.el('chart').innerHTML = renderChart(frames, i, words)
      this.el('table').innerHTML = renderTable(f, words)
    })
    this.playback = attachControlBar(this, t, (i, f) => describeFrame(f, i, frames.length, words), this)
    if (start > 0) t.goTo(start)
  }

  protected override applyUrlState(params: URLSearchParams): void {
    const s = stateFromParams(params, this.state)
    const form = this.el<HTMLFormElement>('form')
    for (const [name, value] of Object.entries(s)) {
      const el = form.elements.namedItem(name)
      if (el instanceof HTMLSelectElement) el.value = String(value)
    }
    const st = params.get('step')
    this.load(s, st === null ? null : Number(st) || 0)
  }

  protected override goVersionChanged(): void {
    this.load(this.state, this.cursor?.index ?? null)
  }

  protected override goTo(value: string): void {
    if (!this.cursor) return
    const i = frameForGoto(value, this.frames)
    if (i === null) return
    this.playback?.manual((t) => t.goTo(i))
  }
}

if (!customElements.get('heap-pacing')) customElements.define('heap-pacing', HeapPacing)
