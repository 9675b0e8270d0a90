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
  /** The page's language (default English); pass the same to attachControlBar. */
  locale?: ControlLocale
}

export type ControlLocale = 'en' | 'zh'

/** The bar's words in each language of the site. */
const words = {
  en: {
    playback: 'playback',
    reset: 'Reset',
    back: '◀ Step',
    backLabel: 'Step back',
    play: 'Play',
    pause: 'Pause',
    fwd: 'Step ▶',
    fwdLabel: 'Step forward',
    step: 'Step',
    speed: 'Speed',
    valuetext: (i: number, max: number) => `step ${i} of ${max}`,
  },
  zh: {
    playback: '播放控制',
    reset: '重置',
    back: '◀ 上一步',
    backLabel: '后退一步',
    play: '播放',
    pause: '暂停',
    fwd: '下一步 ▶',
    fwdLabel: '前进一步',
    step: '步骤',
    speed: '速度',
    valuetext: (i: number, max: number) => `第 ${i} 步，共 ${max} 步`,
  },
}

const esc = escapeHTML

export function controlBarHTML(o: ControlBarOptions): string {
  const max = Math.max(0, o.length - 1)
  const w = words[o.locale ?? 'en']
  return `<div class="nb-controls" role="group" aria-label="${esc(o.label)}: ${w.playback}">
<button type="button" data-ctl="reset" disabled>${w.reset}</button>
<button type="button" data-ctl="back" aria-label="${w.backLabel}" disabled>${w.back}</button>
<button type="button" data-ctl="play" aria-pressed="false" disabled>${w.play}</button>
<button type="button" data-ctl="fwd" aria-label="${w.fwdLabel}" disabled>${w.fwd}</button>
<label>${w.step} <input type="range" data-ctl="scrub" min="0" max="${max}" value="0" step="1" disabled aria-valuetext="${esc(w.valuetext(0, max))}"></label>
<label>${w.speed} <select data-ctl="speed" disabled>${speeds
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
  locale: ControlLocale = 'en',
): Playback {
  const w = words[locale]
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
    scrub.setAttribute('aria-valuetext', w.valuetext(i, max))
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
    play.textContent = pb.playing ? w.pause : w.play
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
