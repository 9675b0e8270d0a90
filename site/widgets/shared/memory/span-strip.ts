/**
 * A span drawn as memory: a strip whose width is the span's bytes, cut into slots at address
 * scale (slot i starts at base + i × elemsize, so a 48-byte slot is six times as wide as an
 * 8-byte one at the same scale), each slot in a state from states.ts, the unusable tail hatched.
 * The strip is filled in the span's class colour (palette.ts) and labelled with its class, so a
 * span looks the same in every chapter.
 *
 * When slots would be narrower than `minSlotPx` the strip draws runs of equal state as one box
 * (a 1024-slot span of 8-byte objects stays readable), with slot edges left out; the table view
 * of each figure carries the exact per-slot state.
 */
import { escapeHTML } from '../html.ts'
import { slotSVG, type SlotState } from './states.ts'

export interface SpanStripOptions {
  x: number
  y: number
  width: number
  height: number
  /** Size class (0: a large object, one slot filling the span). */
  sizeclass: number
  /** Bytes per slot. */
  elemsize: number
  /** Slots in the span. */
  nelems: number
  /** The span's bytes (npages × 8192). */
  spanBytes: number
  /** State of slot i (array or function). */
  state: readonly SlotState[] | ((i: number) => SlotState)
  /** Slots a step just changed (they get the transition class). */
  changed?: ReadonlySet<number>
  /** A label drawn above the strip (e.g. "class 5 · 48 B"); omitted when empty. */
  label?: string
  /** Below this slot width (SVG units) equal-state runs merge into one box. Default 3. */
  minSlotPx?: number
  /** Extra attributes for the strip's group (e.g. `data-span="0xc000100000"`). */
  attrs?: string
}

const r2 = (v: number) => Math.round(v * 100) / 100

/** The x of byte offset `off` inside a strip (for pointers drawn on top). */
export function stripX(o: Pick<SpanStripOptions, 'x' | 'width' | 'spanBytes'>, off: number): number {
  return o.x + (off / o.spanBytes) * o.width
}

export function spanStripSVG(o: SpanStripOptions): string {
  if (!(o.spanBytes > 0) || o.nelems < 0 || o.elemsize <= 0)
    throw new RangeError(
      `span strip: bad geometry (spanBytes ${o.spanBytes}, nelems ${o.nelems}, elemsize ${o.elemsize})`,
    )
  const stateOf =
    typeof o.state === 'function' ? o.state : (i: number) => (o.state as readonly SlotState[])[i] ?? 'free'
  const scale = o.width / o.spanBytes
  const slotW = o.elemsize * scale
  const parts: string[] = []
  const minW = o.minSlotPx ?? 3
  if (slotW >= minW) {
    for (let i = 0; i < o.nelems; i++)
      parts.push(
        slotSVG(o.x + i * slotW, o.y, slotW, o.height, stateOf(i), o.sizeclass, {
          changed: o.changed?.has(i),
          attrs: `data-slot="${i}"`,
        }),
      )
  } else {
    let i = 0
    while (i < o.nelems) {
      const s = stateOf(i)
      let j = i + 1
      let changed = o.changed?.has(i) ?? false
      while (j < o.nelems && stateOf(j) === s) {
        if (o.changed?.has(j)) changed = true
        j++
      }
      parts.push(
        slotSVG(o.x + i * slotW, o.y, (j - i) * slotW, o.height, s, o.sizeclass, {
          changed,
          attrs: `data-slots="${i}-${j - 1}"`,
        }),
      )
      i = j
    }
  }
  const used = o.nelems * o.elemsize
  if (used < o.spanBytes)
    parts.push(slotSVG(o.x + used * scale, o.y, (o.spanBytes - used) * scale, o.height, 'tail', o.sizeclass))
  const label = o.label
    ? `<text class="nb-m-label" x="${r2(o.x)}" y="${r2(o.y - 3)}">${escapeHTML(o.label)}</text>`
    : ''
  const outline = `<rect class="nb-m-span" x="${r2(o.x)}" y="${r2(o.y)}" width="${r2(o.width)}" height="${r2(o.height)}"/>`
  return `<g class="nb-m-strip"${o.attrs ? ` ${o.attrs}` : ''}>${label}${parts.join('')}${outline}</g>`
}
