/**
 * The one control bar for trace-driven figures: play/pause, step −1/+1, a scrubber, speed,
 * reset, and the current operation in words (an aria-live region).
 *
 * Build time: `controlBarHTML(opts)` (used in the figure's .astro through its render.ts) prints
 * the bar with real <button>/<input>/<select> elements, disabled until hydration.
 * Run time: `attachControlBar(root, cursor, describe, widget)` wires them to a FrameCursor through
 * the pure Playback model. Playback pauses when the figure leaves the viewport or the tab is
 * hidden. Keyboard: every control is focusable; in addition, with focus inside the bar, ←/→ step,
 * Home/End jump, Space on the scrubber is left to the browser.
 */
import type { FrameCursor } from './frames.ts'
import { createPlayback, speeds, type Playback } from './playback.ts'
import type { NotebookWidget } from './widget-element.ts'
import { escapeHTML } from './html.ts'

export interface ControlBarOptions {
  /** Number of frames. */
  length: number
  /** Words for the starting frame. */
  caption: string
  /** Accessible name prefix, e.g. the figure title. */
  label: string
}

const esc = escapeHTML

export function controlBarHTML(o: ControlBarOptions): string {
  const max = Math.max(0, o.length - 1)
  return `<div class="nb-controls" role="group" aria-label="${esc(o.label)}: playback">
<button type="button" data-ctl="reset" disabled>Reset</button>
<button type="button" data-ctl="back" aria-label="Step back" disabled>◀ Step</button>
<button type="button" data-ctl="play" aria-pressed="false" disabled>Play</button>
<button type="button" data-ctl="fwd" aria-label="Step forward" disabled>Step ▶</button>
<label>Step <input type="range" data-ctl="scrub" min="0" max="${max}" value="0" step="1" disabled aria-valuetext="step 0 of ${max}"></label>
<label>Speed <select data-ctl="speed" disabled>${speeds
    .map((s) => `<option value="${s}"${s === 1 ? ' selected' : ''}>${s}×</option>`)
    .join('')}</select></label>
<p class="nb-op" aria-live="polite" data-ctl="op">${esc(o.caption)}</p>
</div>`
}

export function attachControlBar<F>(
  root: HTMLElement,
  cursor: FrameCursor<F>,
  describe: (index: number, frame: F) => string,
  widget: NotebookWidget,
): Playback {
  const q = <T extends Element>(name: string) => {
    const el = root.querySelector<T>(`[data-ctl="${name}"]`)
    if (!el) throw new Error(`control bar is missing [data-ctl="${name}"]`)
    return el
  }
  const reset = q<HTMLButtonElement>('reset')
  const back = q<HTMLButtonElement>('back')
  const play = q<HTMLButtonElement>('play')
  const fwd = q<HTMLButtonElement>('fwd')
  const scrub = q<HTMLInputElement>('scrub')
  const speed = q<HTMLSelectElement>('speed')
  const op = q<HTMLElement>('op')
  const pb = createPlayback(cursor as FrameCursor<unknown>, { reducedMotion: widget.reducedMotion })
  speed.value = String(pb.speed)
  let timer: ReturnType<typeof setTimeout> | null = null

  const schedule = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (pb.playing) timer = setTimeout(() => (pb.tick() ? schedule() : sync()), pb.delayMs())
  }
  const sync = () => {
    const i = cursor.index
    const max = cursor.length - 1
    scrub.value = String(i)
    scrub.setAttribute('aria-valuetext', `step ${i} of ${max}`)
    // A button that becomes disabled while focused would drop focus to the page (and the arrow
    // keys with it): hand focus to the opposite step button first.
    const active = root.ownerDocument.activeElement
    if (!cursor.atStart) back.disabled = false
    if (!cursor.atEnd) fwd.disabled = false
    if (cursor.atEnd && active === fwd) (cursor.atStart ? scrub : back).focus()
    if (cursor.atStart && (active === back || active === reset)) (cursor.atEnd ? scrub : fwd).focus()
    back.disabled = cursor.atStart
    fwd.disabled = cursor.atEnd
    reset.disabled = cursor.atStart
    play.textContent = pb.playing ? 'Pause' : 'Play'
    play.setAttribute('aria-pressed', String(pb.playing))
    op.textContent = describe(i, cursor.frame)
  }

  cursor.subscribe(sync)
  pb.subscribe(() => {
    sync()
    schedule()
  })
  reset.addEventListener('click', () => pb.manual((t) => t.reset()))
  back.addEventListener('click', () => pb.manual((t) => t.step(-1)))
  fwd.addEventListener('click', () => pb.manual((t) => t.step(1)))
  play.addEventListener('click', () => pb.toggle())
  scrub.addEventListener('input', () => pb.manual((t) => t.goTo(Number(scrub.value))))
  speed.addEventListener('change', () => pb.setSpeed(Number(speed.value)))
  root.querySelector('.nb-controls')?.addEventListener('keydown', (ev) => {
    const e = ev as KeyboardEvent
    if (e.target === scrub) return
    const moves: Record<string, (t: FrameCursor<unknown>) => void> = {
      ArrowLeft: (t) => t.step(-1),
      ArrowRight: (t) => t.step(1),
      Home: (t) => t.reset(),
      End: (t) => t.goTo(t.length - 1),
    }
    const move = moves[e.key]
    if (move) {
      e.preventDefault()
      pb.manual(move)
    }
  })
  widget.onVisibilityChange((visible) => {
    if (!visible) pb.pause()
  })
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) pb.pause()
  })
  for (const el of [reset, back, play, fwd, scrub, speed]) el.disabled = false
  sync()
  return pb
}
