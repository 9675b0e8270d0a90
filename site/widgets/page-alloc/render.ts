/**
 * page-alloc renderer: the chunk's 512-page bitmap as an SVG grid of 8 rows × 64 cells (each row
 * is one 64-page aligned group, the unit a P's page cache takes), span letters at each span's
 * first page, searchAddr as a marked cell, the chunk's leaf summary with how each number is read
 * off the bitmap, P0's page cache, the step's searches as a list, a visually-hidden description
 * and a table of the free runs. PageAlloc.astro prints `renderPageAlloc()` at build time;
 * element.ts re-renders the `view` and `table` parts for each step. No state is shown by colour
 * alone: in use = filled with a letter at the span start, page cache = hatched, free = empty box,
 * scavenged = empty box with a dot; the legend names all four.
 */
import { controlBarHTML } from '../shared/controls.ts'
import type { UiLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import { escapeHTML as e } from '../shared/html.ts'
import { pageCellSVG, type PageState } from '../shared/memory/pages.ts'
import { memoryDefs } from '../shared/memory/states.ts'
import {
  chunkPages,
  describeFrame,
  describeState,
  grantWords,
  type Cell,
  type PageAllocStrings,
  type PageFrame,
  type Run,
} from './model.ts'
import { en } from '../../lib/strings/en.ts'

const CW = 10
const CH = 14
const GAP = 8
const LEFT = 34
const TOP = 4
const cols = 64
const rows = chunkPages / cols

const hex = (n: number) => `0x${n.toString(16)}`
const xOf = (i: number) => LEFT + (i % cols) * CW
const yOf = (i: number) => TOP + Math.floor(i / cols) * (CH + GAP)

const pageState: Record<Cell, PageState> = {
  inuse: 'inuse',
  cache: 'cache',
  free: 'free',
  scavenged: 'scavenged',
}
/** The figure's own hooks on a cell's box (tests and styles): pa-c plus its state. */
const hook: Record<Cell, string> = {
  inuse: 'pa-inuse',
  cache: 'pa-cache',
  free: 'pa-free',
  scavenged: 'pa-free',
}

/** One page as the shared page cell: in use in its span's class colour, the span's letter at its first page. */
function cellSVG(f: PageFrame, c: Cell, i: number): string {
  const span = c === 'inuse' ? f.spans.find((s) => s.page <= i && i < s.page + s.npages) : undefined
  const svg = pageCellSVG(xOf(i), yOf(i), CW, CH, {
    state: pageState[c],
    sizeclass: span?.sizeclass ?? 0,
    label: span && span.page === i ? span.label : undefined,
    attrs: `data-page="${i}"`,
  })
  return svg.replace('class="nb-m-box', `class="pa-c ${hook[c]} nb-m-box`)
}

export function renderGrid(f: PageFrame, t: PageAllocStrings = en.pageAlloc): string {
  const h = TOP + rows * (CH + GAP) + 14
  const w = LEFT + cols * CW + 4
  const cells = f.cells.map((c, i) => cellSVG(f, c, i)).join('')
  const rowLabels = Array.from(
    { length: rows },
    (_, r) =>
      `<text class="pa-rowlabel" x="${LEFT - 4}" y="${yOf(r * cols) + CH - 3}" text-anchor="end">${r * cols}</text>`,
  ).join('')
  const letters = f.spans
    .map(
      (s) =>
        `<line class="pa-edge" x1="${xOf(s.page) + 0.5}" x2="${xOf(s.page) + 0.5}" y1="${yOf(s.page) - 2}" y2="${yOf(s.page) + CH + 2}"/>`,
    )
    .join('')
  const cacheRow =
    f.pcache.page === null
      ? ''
      : `<rect class="pa-group" x="${LEFT - 1}" y="${yOf(f.pcache.page) - 2}" width="${cols * CW + 2}" height="${CH + 4}"/>`
  let search = ''
  if (f.searchPage < chunkPages) {
    const x = xOf(f.searchPage) + CW / 2
    const y = yOf(f.searchPage) + CH + 1
    search = `<path class="pa-search" d="M${x} ${y} l-4 6 h8 z"/><text class="pa-searchlabel" x="${Math.min(x + 6, w - 60)}" y="${y + 6}">searchAddr</text>`
  }
  return `<svg class="pa-grid" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="pa-grid-title" preserveAspectRatio="xMinYMin meet">
<title id="pa-grid-title">${e(t.gridTitle)}</title>
${memoryDefs()}
${rowLabels}${cells}${cacheRow}${letters}${search}
</svg>`
}

const rangeWords = (r: Run) => `${r.start}–${r.start + r.length - 1}`

/** How the leaf summary is read off the bitmap, with the frame's numbers. */
function renderSummary(f: PageFrame, t: PageAllocStrings): string {
  const { start, max, end } = f.summary
  const longest = f.runs.reduce<Run | null>((b, r) => (b === null || r.length > b.length ? r : b), null)
  const startWhy = start === 0 ? t.startNone : t.startWhy(start)
  const endWhy =
    end === 0 ? t.endNone : t.endWhy(chunkPages - end, end < chunkPages ? chunkPages - end - 1 : null)
  const maxWhy = longest ? t.maxWhy(rangeWords(longest)) : t.maxNone
  const pc = f.pcache
  return `<dl class="pa-sum" aria-label="${e(t.sumLabel)}">
<div><dt><code>start</code></dt><dd data-field="start"><strong>${start}</strong> — ${e(t.lowEnd)} (${e(startWhy)})</dd></div>
<div><dt><code>max</code></dt><dd data-field="max"><strong>${max}</strong> — ${e(maxWhy)}</dd></div>
<div><dt><code>end</code></dt><dd data-field="end"><strong>${end}</strong> — ${e(t.highEnd)} (${e(endWhy)})</dd></div>
<div><dt><code>searchAddr</code></dt><dd data-field="searchAddr">${hex(f.searchAddr)} = ${e(f.searchPage >= chunkPages ? t.pastChunk : t.page(f.searchPage))} ${e(t.noFreeBelow)}</dd></div>
<div><dt>${e(t.pcacheTitle)}</dt><dd data-field="pcache">${e(pc.page === null ? t.empty : t.pcache(pc.page, pc.pages, pc.scav))}</dd></div>
</dl>`
}

export function renderView(f: PageFrame, prev: PageFrame | null, t: PageAllocStrings = en.pageAlloc): string {
  const items = [
    ...f.grants.map((g, k) => `<li data-event="${g.via}">${e(grantWords(g, k === 0 ? prev : null, t))}</li>`),
    ...f.freed.map((x) => `<li data-event="free">${e(t.freedBack(x.page, x.page + x.npages - 1))}</li>`),
    ...(f.released ? [`<li data-event="scavenge">${e(t.released(f.released / 8192))}</li>`] : []),
  ]
  return `${renderGrid(f, t)}
${renderSummary(f, t)}
<div class="pa-log"><p class="pa-log-title">${e(t.inThisStep)}</p><ol class="pa-events">${items.join('')}</ol></div>
<p class="nb-visually-hidden" data-part="state">${e(describeState(f, t))}</p>`
}

export function renderTable(f: PageFrame, t: PageAllocStrings = en.pageAlloc): string {
  const runs = f.runs
    .map(
      (r) =>
        `<tr><td>${r.start}</td><td>${r.start + r.length - 1}</td><td>${r.length}</td><td>${r.scavenged}</td><td>${r.start <= f.searchPage && f.searchPage < r.start + r.length ? e(t.yes) : ''}</td></tr>`,
    )
    .join('')
  const spans = f.spans.map((s) => `${s.label} ${s.page}–${s.page + s.npages - 1}`).join(', ')
  return `<table><caption>${e(t.runsCaption)}</caption><thead><tr>${t.tableHeaders.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${runs || `<tr><td colspan="5">${e(t.none)}</td></tr>`}</tbody></table>
<p class="pa-spans">${e(t.spans(spans || t.none))}</p>`
}

export function renderLegend(t: PageAllocStrings = en.pageAlloc): string {
  const sw = (state: PageState, cls: string, sizeclass = 10) =>
    `<svg class="pa-swatch" viewBox="0 0 12 16" aria-hidden="true">${memoryDefs()}${pageCellSVG(0.5, 0.5, 11, 15, { state, sizeclass }).replace('class="nb-m-box', `class="pa-c ${cls} nb-m-box`)}</svg>`
  return `<ul class="pa-legend">
<li>${sw('inuse', 'pa-inuse')} ${e(t.legend[0] ?? '')}</li>
<li>${sw('cache', 'pa-cache')} ${e(t.legend[1] ?? '')}</li>
<li>${sw('free', 'pa-free')} ${e(t.legend[2] ?? '')}</li>
<li>${sw('scavenged', 'pa-free')} ${e(t.legend[3] ?? '')}</li>
<li>${`<svg class="pa-swatch" viewBox="0 0 12 16" aria-hidden="true"><path class="pa-search" d="M6 4 l-4 7 h8 z"/></svg>`} searchAddr</li>
</ul>`
}

export function renderPageAlloc(
  frames: readonly PageFrame[],
  index: number,
  locale: UiLocale = 'en',
): string {
  const f = frames[index] as PageFrame
  const prev = index > 0 ? (frames[index - 1] as PageFrame) : null
  const t = uiStrings(locale).pageAlloc
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(f, index, frames.length, prev, t), label: uiStrings(locale).figures.pageAlloc, locale })}
<div data-part="view">${renderView(f, prev, t)}</div>
${renderLegend(t)}
<p class="nb-summary">${e(t.summary(frames.length - 1))}</p>
<details class="nb-table-view"><summary>${e(t.asTable)}</summary><div data-part="table">${renderTable(f, t)}</div></details>`
}
