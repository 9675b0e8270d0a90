/**
 * The states a piece of heap memory is drawn in, the same on every figure. Each state has a shape
 * cue besides its colour, so no state is told by colour alone:
 *
 *   free     an empty box (the page background), thin outline
 *   used     filled with its size class's colour (palette.ts)
 *   marked   filled, with a dot in the middle: reached by the GC's mark, it survives the sweep
 *   swept    an empty box crossed by one diagonal: an object the sweep freed, reusable now
 *   tail     hatched grey: bytes of the span no slot can use (tail waste, reserved tail bytes)
 *
 * `slotSVG` draws one box in a state; `stateLegendHTML` prints the legend in the page's language.
 * A box a step just changed carries `nb-m-changed`: memory.css gives it a short pulse, which
 * `prefers-reduced-motion: reduce` turns off.
 */
import { classFill, classInk } from './palette.ts'

export type SlotState = 'free' | 'used' | 'marked' | 'swept' | 'tail'
export const slotStates: readonly SlotState[] = Object.freeze(['free', 'used', 'marked', 'swept', 'tail'])

export type Locale = 'en' | 'zh'

const names: Record<Locale, Record<SlotState, string>> = {
  en: {
    free: 'free',
    used: 'in use',
    marked: 'marked (survives the GC)',
    swept: 'freed by the sweep',
    tail: 'unusable tail bytes',
  },
  zh: {
    free: '空闲',
    used: '已分配',
    marked: '已标记（GC 后存活）',
    swept: '被清扫释放',
    tail: '尾部不可用字节',
  },
}

/** The state's name in words (for legends, titles and tables). */
export function stateName(state: SlotState, locale: Locale = 'en'): string {
  return names[locale][state]
}

const n = (v: number) => Math.round(v * 100) / 100

/**
 * One box in a state. `sizeclass` picks the fill of used/marked boxes; `changed` adds the
 * transition class; `attrs` is copied onto the group (e.g. `data-slot="3"`).
 */
export function slotSVG(
  x: number,
  y: number,
  w: number,
  h: number,
  state: SlotState,
  sizeclass: number,
  opts: { changed?: boolean; attrs?: string } = {},
): string {
  const cls = `nb-m-slot nb-m-${state}${opts.changed ? ' nb-m-changed' : ''}`
  const r = `x="${n(x)}" y="${n(y)}" width="${n(Math.max(0.5, w))}" height="${n(h)}"`
  const a = opts.attrs ? ` ${opts.attrs}` : ''
  switch (state) {
    case 'free':
      return `<g class="${cls}"${a}><rect class="nb-m-box" ${r}/></g>`
    case 'used':
      return `<g class="${cls}"${a}><rect class="nb-m-box" ${r} style="fill:${classFill(sizeclass)}"/>${sizeclass === 0 ? `<rect class="nb-m-over" ${r} fill="url(#nb-m-lines)"/>` : ''}</g>`
    case 'marked': {
      const rad = Math.max(0.8, Math.min(w, h) * 0.22)
      return `<g class="${cls}"${a}><rect class="nb-m-box" ${r} style="fill:${classFill(sizeclass)}"/><circle class="nb-m-dot" cx="${n(x + w / 2)}" cy="${n(y + h / 2)}" r="${n(rad)}" style="fill:${classInk(sizeclass)}"/></g>`
    }
    case 'swept':
      return `<g class="${cls}"${a}><rect class="nb-m-box" ${r}/><line class="nb-m-cross" x1="${n(x + 1)}" y1="${n(y + h - 1)}" x2="${n(x + w - 1)}" y2="${n(y + 1)}"/></g>`
    case 'tail':
      return `<g class="${cls}"${a}><rect class="nb-m-box" ${r} fill="url(#nb-m-hatch)"/></g>`
  }
}

/**
 * The <defs> every memory SVG needs once: `nb-m-hatch` (tail bytes, page-cache pages: lines on the
 * panel colour) and `nb-m-lines` (lines only, drawn over a large object's fill).
 * Pattern ids are document-wide; the same definition printed twice on a page is harmless.
 */
export function memoryDefs(): string {
  return `<defs><pattern id="nb-m-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect class="nb-m-hatch-bg" width="5" height="5"/><line class="nb-m-hatch-line" x1="0" y1="0" x2="0" y2="5"/></pattern><pattern id="nb-m-lines" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line class="nb-m-lines-line" x1="0" y1="0" x2="0" y2="5"/></pattern></defs>`
}

/** A legend of the given states (default: all), one swatch each, in the page's language. */
export function stateLegendHTML(
  locale: Locale = 'en',
  states: readonly SlotState[] = slotStates,
  sizeclass = 1,
): string {
  return `<ul class="nb-m-legend">${states
    .map(
      (s) =>
        `<li><svg class="nb-m-swatch" viewBox="0 0 14 14" aria-hidden="true">${memoryDefs()}${slotSVG(1, 1, 12, 12, s, sizeclass)}</svg>${names[locale][s]}</li>`,
    )
    .join('')}</ul>`
}
