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
  type PageFrame,
  type Run,
} from './model.ts'

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

export function renderGrid(f: PageFrame): string {
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
<title id="pa-grid-title">The chunk’s 512 pages, 64 per row; see the description and the table below</title>
${memoryDefs()}
${rowLabels}${cells}${cacheRow}${letters}${search}
</svg>`
}

const rangeWords = (r: Run) => `${r.start}–${r.start + r.length - 1}`

/** How the leaf summary is read off the bitmap, with the frame's numbers. */
function renderSummary(f: PageFrame): string {
  const { start, max, end } = f.summary
  const longest = f.runs.reduce<Run | null>((b, r) => (b === null || r.length > b.length ? r : b), null)
  const startWhy = start === 0 ? 'page 0 is not free' : `pages 0–${start - 1} are free, page ${start} is not`
  const endWhy =
    end === 0
      ? 'page 511 is not free'
      : `pages ${chunkPages - end}–511 are free${end < chunkPages ? `, page ${chunkPages - end - 1} is not` : ''}`
  const maxWhy = longest ? `the longest free run, pages ${rangeWords(longest)}` : 'no page is free'
  return `<dl class="pa-sum" aria-label="The chunk’s summary">
<div><dt><code>start</code></dt><dd data-field="start"><strong>${start}</strong> — free pages at the low end (${e(startWhy)})</dd></div>
<div><dt><code>max</code></dt><dd data-field="max"><strong>${max}</strong> — ${e(maxWhy)}</dd></div>
<div><dt><code>end</code></dt><dd data-field="end"><strong>${end}</strong> — free pages at the high end (${e(endWhy)})</dd></div>
<div><dt><code>searchAddr</code></dt><dd data-field="searchAddr">${hex(f.searchAddr)} = ${f.searchPage >= chunkPages ? 'past the chunk' : `page ${f.searchPage}`} (no free page below it)</dd></div>
<div><dt>P0’s page cache</dt><dd data-field="pcache">${f.pcache.page === null ? 'empty' : `group at page ${f.pcache.page}, ${f.pcache.pages} free page${f.pcache.pages === 1 ? '' : 's'} held${f.pcache.scav ? ` (${f.pcache.scav} scavenged)` : ''}`}</dd></div>
</dl>`
}

export function renderView(f: PageFrame, prev: PageFrame | null): string {
  const items = [
    ...f.grants.map((g, k) => `<li data-event="${g.via}">${e(grantWords(g, k === 0 ? prev : null))}</li>`),
    ...f.freed.map(
      (x) => `<li data-event="free">pages ${x.page}–${x.page + x.npages - 1} back to the page allocator</li>`,
    ),
    ...(f.released
      ? [`<li data-event="scavenge">${f.released / 8192} pages returned to the OS (sysUnused)</li>`]
      : []),
  ]
  return `${renderGrid(f)}
${renderSummary(f)}
<div class="pa-log"><p class="pa-log-title">In this step:</p><ol class="pa-events">${items.join('')}</ol></div>
<p class="nb-visually-hidden" data-part="state">${e(describeState(f))}</p>`
}

export function renderTable(f: PageFrame): string {
  const runs = f.runs
    .map(
      (r) =>
        `<tr><td>${r.start}</td><td>${r.start + r.length - 1}</td><td>${r.length}</td><td>${r.scavenged}</td><td>${r.start <= f.searchPage && f.searchPage < r.start + r.length ? 'yes' : ''}</td></tr>`,
    )
    .join('')
  const spans = f.spans.map((s) => `${s.label} ${s.page}–${s.page + s.npages - 1}`).join(', ')
  return `<table><caption>Runs of free pages (pages in P0’s page cache count as in use)</caption><thead><tr><th scope="col">first page</th><th scope="col">last page</th><th scope="col">pages</th><th scope="col">scavenged</th><th scope="col">holds searchAddr</th></tr></thead><tbody>${runs || '<tr><td colspan="5">none</td></tr>'}</tbody></table>
<p class="pa-spans">Spans (letter, pages): ${e(spans || 'none')}.</p>`
}

export function renderLegend(): string {
  const sw = (state: PageState, cls: string, sizeclass = 10) =>
    `<svg class="pa-swatch" viewBox="0 0 12 16" aria-hidden="true">${memoryDefs()}${pageCellSVG(0.5, 0.5, 11, 15, { state, sizeclass }).replace('class="nb-m-box', `class="pa-c ${cls} nb-m-box`)}</svg>`
  return `<ul class="pa-legend">
<li>${sw('inuse', 'pa-inuse')} in use by a span, in its size class’s colour (hatched: a large object); letter at its first page</li>
<li>${sw('cache', 'pa-cache')} free, held by P0’s page cache (in use for everyone else); its 64-page row is outlined</li>
<li>${sw('free', 'pa-free')} free, still backed by memory</li>
<li>${sw('scavenged', 'pa-free')} free and scavenged (returned to the OS)</li>
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
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(f, index, frames.length, prev), label: uiStrings(locale).figures.pageAlloc, locale })}
<div data-part="view">${renderView(f, prev)}</div>
${renderLegend()}
<p class="nb-summary">The heap’s first 4 MiB chunk (512 pages) in ${frames.length - 1} steps: small spans come from P0’s page cache, large ones from the page allocator’s first-fit search starting at searchAddr, a freed object leaves a hole that a request too big skips and a smaller one fills, and freeOSMemory scavenges the free pages.</p>
<details class="nb-table-view"><summary>This step as a table</summary><div data-part="table">${renderTable(f)}</div></details>`
}
