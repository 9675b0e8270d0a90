/**
 * <per-p-caches>: the form picks the setup (Ps, order, object size); the shared control bar steps
 * through the allocations. Changing the setup rebuilds the run part (control bar included) and
 * leaves focus on the form control the reader is using.
 */
import { attachControlBar } from '../shared/controls.ts'
import { createFrameCursor, type FrameCursor } from '../shared/frames.ts'
import { NotebookWidget } from '../shared/widget-element.ts'
import { pageLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import type { Playback } from '../shared/playback.ts'
import {
  compareTrace,
  describeFrame,
  frameForGoto,
  initialState,
  stateFromParams,
  type CompareFrame,
  type CompareState,
} from './model.ts'
import { renderFrame, renderRun } from './render.ts'

class PerPCaches extends NotebookWidget {
  private state: CompareState = initialState
  private cursor: FrameCursor<CompareFrame> | null = null
  private playback: Playback | null = null

  private partEl<T extends Element>(name: string): T {
    const el = this.querySelector<T>(`[data-part="${name}"]`)
    if (!el) throw new Error(`per-p-caches: missing [data-part="${name}"]`)
    return el
  }

  private read(): CompareState {
    const form = this.partEl<HTMLFormElement>('form')
    const params = new URLSearchParams()
    for (const name of ['procs', 'order', 'size']) {
      const el = form.elements.namedItem(name)
      if (el instanceof HTMLSelectElement) params.set(name, el.value)
    }
    return stateFromParams(params, this.state)
  }

  protected hydrate(): void {
    const form = this.partEl<HTMLFormElement>('form')
    form.addEventListener('submit', (ev) => ev.preventDefault())
    form.addEventListener('change', () => this.load(this.read(), 0))
    // The reader may have changed a select before the script ran; keep the build-time step.
    this.load(this.read(), Number(this.dataset.start ?? 0) || 0)
  }

  private load(s: CompareState, step: number): void {
    this.playback?.pause()
    this.state = s
    const frames = compareTrace(s, this.goVersion)
    const start = Math.min(Math.max(0, step), frames.length - 1)
    this.partEl('run').innerHTML = renderRun(s, frames, 0, this.id, pageLocale())
    const words = uiStrings(pageLocale()).perPCaches
    const t = createFrameCursor(frames)
    this.cursor = t
    t.subscribe((_i, f) => {
      const r = renderFrame(f, frames.length - 1, words)
      this.partEl('sides').innerHTML = r.sides
      this.partEl('bars').innerHTML = r.bars
      this.partEl('table').innerHTML = r.table
    })
    this.playback = attachControlBar(this, t, (i, f) => describeFrame(f, i, frames.length, words), this)
    if (start > 0) t.goTo(start)
  }

  protected override applyUrlState(params: URLSearchParams): void {
    const s = stateFromParams(params, this.state)
    const form = this.partEl<HTMLFormElement>('form')
    for (const [name, value] of Object.entries({ procs: s.procs, order: s.order, size: s.size })) {
      const el = form.elements.namedItem(name)
      if (el instanceof HTMLSelectElement) el.value = String(value)
    }
    const step = frameForGoto(params.get('step') ?? '0', Number.MAX_SAFE_INTEGER) ?? 0
    this.load(s, step)
  }

  protected override goVersionChanged(): void {
    this.load(this.state, this.cursor?.index ?? 0)
  }

  protected override goTo(value: string): void {
    if (!this.cursor) return
    const i = frameForGoto(value, this.cursor.length)
    if (i === null) return
    this.playback?.manual((t) => t.goTo(i))
  }
}

if (!customElements.get('per-p-caches')) customElements.define('per-p-caches', PerPCaches)
