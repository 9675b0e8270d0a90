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
import { pageLocale, type UiLocale } from '../../lib/ui-locale.ts'

/** The languages the control bar speaks (the site's). */
export type ControlLocale = UiLocale
import { uiStrings } from '../../lib/strings/index.ts'

export interface ControlBarOptions {
  /** Number of frames. */
  length: number
  /** Words for the starting frame. */
  caption: string
  /** Accessible name prefix, e.g. the figure title. */
  label: string
  /** The page's language (default English). */
  locale?: UiLocale
}

const esc = escapeHTML

export function controlBarHTML(o: ControlBarOptions): string {
  const max = Math.max(0, o.length - 1)
  const t = uiStrings(o.locale ?? 'en').controls
  return `<div class="nb-controls" role="group" aria-label="${esc(t.group(o.label))}">
<button type="button" data-ctl="reset" disabled>${esc(t.reset)}</button>
<button type="button" data-ctl="back" aria-label="${esc(t.backLabel)}" disabled>${esc(t.back)}</button>
<button type="button" data-ctl="play" aria-pressed="false" disabled>${esc(t.play)}</button>
<button type="button" data-ctl="fwd" aria-label="${esc(t.fwdLabel)}" disabled>${esc(t.fwd)}</button>
<label>${esc(t.step)} <input type="range" data-ctl="scrub" min="0" max="${max}" value="0" step="1" disabled aria-valuetext="${esc(t.stepOf(0, max))}"></label>
<label>${esc(t.speed)} <select data-ctl="speed" disabled>${speeds
    .map((s) => `<option value="${s}"${s === 1 ? ' selected' : ''}>${s}×</option>`)
    .join('')}</select></label>
<p class="nb-op" aria-live="polite" data-ctl="op">${esc(o.caption)}</p>
</div>`
}

/** The listeners of the bar attached last to each figure, so attaching again (new frames) replaces them. */
const attached = new WeakMap<HTMLElement, AbortController>()

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
  const words = uiStrings(pageLocale()).controls
  attached.get(root)?.abort()
  const ac = new AbortController()
  attached.set(root, ac)
  const signal = ac.signal
  scrub.max = String(Math.max(0, cursor.length - 1))
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
    scrub.setAttribute('aria-valuetext', words.stepOf(i, max))
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
    play.textContent = pb.playing ? words.pause : words.play
    play.setAttribute('aria-pressed', String(pb.playing))
    op.textContent = describe(i, cursor.frame)
  }

  cursor.subscribe(sync)
  pb.subscribe(() => {
    sync()
    schedule()
  })
  reset.addEventListener('click', () => pb.manual((t) => t.reset()), { signal })
  back.addEventListener('click', () => pb.manual((t) => t.step(-1)), { signal })
  fwd.addEventListener('click', () => pb.manual((t) => t.step(1)), { signal })
  play.addEventListener('click', () => pb.toggle(), { signal })
  scrub.addEventListener('input', () => pb.manual((t) => t.goTo(Number(scrub.value))), { signal })
  speed.addEventListener('change', () => pb.setSpeed(Number(speed.value)), { signal })
  root.querySelector('.nb-controls')?.addEventListener(
    'keydown',
    (ev) => {
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
    },
    { signal },
  )
  const stopWatching = widget.onVisibilityChange((visible) => {
    if (!visible) pb.pause()
  })
  signal.addEventListener('abort', () => {
    stopWatching()
    pb.pause()
    if (timer !== null) clearTimeout(timer)
  })
  document.addEventListener(
    'visibilitychange',
    () => {
      if (document.hidden) pb.pause()
    },
    { signal },
  )
  for (const el of [reset, back, play, fwd, scrub, speed]) el.disabled = false
  sync()
  return pb
}
