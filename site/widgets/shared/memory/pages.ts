/**
 * Pages as cells: a row-major grid of 8 KiB pages, each cell in a page state. A page in use by a
 * span takes its span's class colour (palette.ts), so a span's pages and its strip
 * (span-strip.ts) read as the same thing; the first page of a span may carry a short label.
 *
 *   inuse      filled in the span's class colour (hatched for a large object, class 0)
 *   free       empty box (backed by memory)
 *   scavenged  empty box with a small dot (returned to the OS)
 *   cache      hatched: free but held by a P's page cache
 *   reserved   dashed outline: address space reserved, not mapped
 */
import { escapeHTML } from '../html.ts'
import { classFill, classInk } from './palette.ts'

export type PageState = 'inuse' | 'free' | 'scavenged' | 'cache' | 'reserved'

export interface PageCell {
  state: PageState
  /** The owning span's size class (for 'inuse'). */
  sizeclass?: number
  /** Text drawn in the cell (e.g. the span's letter at its first page). */
  label?: string
  changed?: boolean
  /** Extra attributes on the cell's group. */
  attrs?: string
}

export interface PageGridOptions {
  x: number
  y: number
  /** Cells per row. */
  cols: number
  cellW: number
  cellH: number
  /** Gap between rows (default 2). */
  rowGap?: number
  cells: readonly PageCell[]
}

const r2 = (v: number) => Math.round(v * 100) / 100

/** Top-left corner of cell i. */
export function pageCellXY(
  o: Pick<PageGridOptions, 'x' | 'y' | 'cols' | 'cellW' | 'cellH' | 'rowGap'>,
  i: number,
) {
  return { x: o.x + (i % o.cols) * o.cellW, y: o.y + Math.floor(i / o.cols) * (o.cellH + (o.rowGap ?? 2)) }
}

export function pageCellSVG(x: number, y: number, w: number, h: number, c: PageCell): string {
  const cls = `nb-m-page nb-m-p-${c.state}${c.changed ? ' nb-m-changed' : ''}`
  const r = `x="${r2(x + 0.5)}" y="${r2(y + 0.5)}" width="${r2(w - 1)}" height="${r2(h - 1)}"`
  const a = c.attrs ? ` ${c.attrs}` : ''
  let body: string
  switch (c.state) {
    case 'inuse': {
      const sc = c.sizeclass ?? 0
      body =
        `<rect class="nb-m-box" ${r} style="fill:${classFill(sc)}"/>` +
        (sc === 0 ? `<rect class="nb-m-over" ${r} fill="url(#nb-m-lines)"/>` : '')
      if (c.label)
        body += `<text class="nb-m-plabel" x="${r2(x + w / 2)}" y="${r2(y + h / 2)}" style="fill:${classInk(sc)}">${escapeHTML(c.label)}</text>`
      return `<g class="${cls}"${a}>${body}</g>`
    }
    case 'free':
      body = `<rect class="nb-m-box" ${r}/>`
      break
    case 'scavenged':
      body = `<rect class="nb-m-box" ${r}/><circle class="nb-m-pdot" cx="${r2(x + w / 2)}" cy="${r2(y + h / 2)}" r="${r2(Math.max(0.8, Math.min(w, h) * 0.15))}"/>`
      break
    case 'cache':
      body = `<rect class="nb-m-box" ${r} fill="url(#nb-m-hatch)"/>`
      break
    case 'reserved':
      body = `<rect class="nb-m-box nb-m-reserved" ${r}/>`
      break
  }
  if (c.label)
    body += `<text class="nb-m-plabel" x="${r2(x + w / 2)}" y="${r2(y + h / 2)}">${escapeHTML(c.label)}</text>`
  return `<g class="${cls}"${a}>${body}</g>`
}

export function pageGridSVG(o: PageGridOptions): string {
  return `<g class="nb-m-pages">${o.cells
    .map((c, i) => {
      const p = pageCellXY(o, i)
      return pageCellSVG(p.x, p.y, o.cellW, o.cellH, c)
    })
    .join('')}</g>`
}
