/**
 * per-p-caches renderer: the two designs side by side (Ps, their cache or the one shared cache
 * with its lock, mcentral, page caches, mheap), an arrow from the running P down to the level its
 * malloc reached, bars of the lock counts so far, and the same numbers as a table.
 * The .astro component prints `renderCompare()` at build time; element.ts re-renders the parts.
 */
import { controlBarHTML } from '../shared/controls.ts'
import type { UiLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import { formatFigureHash } from '../shared/url-state.ts'
import { escapeHTML as e, fmtInt, selectHTML } from '../shared/html.ts'
import { spanStripSVG } from '../shared/memory/span-strip.ts'
import { memoryDefs } from '../shared/memory/states.ts'
import {
  describeFrame,
  orderChoices,
  orderLabels,
  perGoroutine,
  procChoices,
  sizeChoices,
  stateToParams,
  summarize,
  type CacheSpan,
  type CompareFrame,
  type CompareState,
  type Side,
} from './model.ts'

const W = 340
const H = 262
const X0 = 8
const X1 = W - 8

/** y of each level's box: top and height. */
const rows = {
  p: [30, 24],
  cache: [84, 30],
  mcentral: [142, 26],
  pageCache: [184, 26],
  mheap: [226, 28],
} as const

function pBoxes(n: number): { x: number; w: number }[] {
  const gap = 6
  const w = Math.min(44, (X1 - X0 - (n - 1) * gap) / n)
  const total = n * w + (n - 1) * gap
  const start = (W - total) / 2
  return Array.from({ length: n }, (_, i) => ({ x: start + i * (w + gap), w }))
}

function box(cls: string, x: number, y: number, w: number, h: number, hit: boolean): string {
  return `<rect class="${cls}${hit ? ' ppc-hit' : ''}" x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${h}" rx="4"/>`
}

function text(
  x: number,
  y: number,
  s: string,
  anchor: 'start' | 'middle' | 'end' = 'middle',
  cls = '',
): string {
  return `<text x="${x.toFixed(1)}" y="${y}" text-anchor="${anchor}"${cls ? ` class="${cls}"` : ''}>${e(s)}</text>`
}

/** The span a cache allocates from, as the shared span strip (class colour, slots handed out). */
function cacheStrip(sp: CacheSpan | null, elemsize: number, x: number, y: number, w: number): string {
  if (!sp || sp.nelems === 0) return ''
  return spanStripSVG({
    x,
    y,
    width: w,
    height: 7,
    sizeclass: sp.sizeclass,
    elemsize,
    nelems: sp.nelems,
    spanBytes: 8192,
    state: (i) => (i < sp.freeindex ? 'used' : 'free'),
  })
}

export function renderSide(f: CompareFrame, which: 'perP' | 'shared'): string {
  const side: Side = f[which]
  const n = f.mallocs.length
  const ps = pBoxes(n)
  const lvl = f.step === 0 ? null : side.level
  const parts: string[] = []
  parts.push(
    text(
      W / 2,
      16,
      which === 'perP' ? 'Per-P caches (Go)' : 'One shared cache behind a lock',
      'middle',
      'ppc-title',
    ),
  )
  // Ps
  ps.forEach((b, i) => {
    const run = i === f.p
    parts.push(
      `<rect class="ppc-p${run ? ' ppc-run' : ''}" x="${b.x.toFixed(1)}" y="${rows.p[0]}" width="${b.w.toFixed(1)}" height="${rows.p[1]}" rx="4"/>`,
    )
    parts.push(text(b.x + b.w / 2, rows.p[0] + 16, `P${i}`))
  })
  // caches
  const [cy, ch] = rows.cache
  if (which === 'perP') {
    ps.forEach((b, i) => {
      parts.push(
        `<line class="ppc-link" x1="${(b.x + b.w / 2).toFixed(1)}" x2="${(b.x + b.w / 2).toFixed(1)}" y1="${rows.p[0] + rows.p[1]}" y2="${cy}"/>`,
      )
      parts.push(box('ppc-cache', b.x, cy, b.w, ch, lvl === 'mcache' && i === f.p))
      parts.push(text(b.x + b.w / 2, cy + 13, 'cache', 'middle', 'ppc-small'))
      parts.push(cacheStrip(f.perPSpans[i] ?? null, f.size, b.x + 3, cy + 18, b.w - 6))
    })
    parts.push(text(X0, cy + ch + 14, 'no lock: each P owns its cache', 'start', 'ppc-small'))
  } else {
    ps.forEach((b) =>
      parts.push(
        `<line class="ppc-link" x1="${(b.x + b.w / 2).toFixed(1)}" x2="${(b.x + b.w / 2).toFixed(1)}" y1="${rows.p[0] + rows.p[1]}" y2="${cy}"/>`,
      ),
    )
    parts.push(box('ppc-cache', X0, cy, X1 - X0, ch, lvl === 'mcache'))
    // the lock: a padlock shape, then who holds it
    const lx = X0 + 10
    parts.push(
      `<path class="ppc-lock" d="M${lx + 2} ${cy + 13} v-4 a5 5 0 0 1 10 0 v4"/><rect class="ppc-lock-body" x="${lx}" y="${cy + 13}" width="14" height="11" rx="2"/>`,
    )
    const who = side.holder < 0 ? 'lock: free' : `lock: P${side.holder}${side.handoff ? ' (handed off)' : ''}`
    parts.push(text(lx + 22, cy + 13, `one mcache · ${who}`, 'start', 'ppc-small'))
    parts.push(cacheStrip(f.sharedSpan, f.size, lx + 22, cy + 18, X1 - lx - 30))
    parts.push(
      text(
        X0,
        cy + ch + 14,
        `${fmtInt(side.cacheLocks)} lock acquisitions, ${fmtInt(side.cacheHandoffs)} handed off`,
        'start',
        'ppc-small',
      ),
    )
  }
  const wide = (name: keyof typeof rows, label: string, hit: boolean, cls: string) => {
    const [y, h] = rows[name]
    parts.push(box(cls, X0, y, X1 - X0, h, hit))
    parts.push(text(X0 + 8, y + h / 2 + 4, label, 'start', 'ppc-small'))
  }
  wide(
    'mcentral',
    `mcentral (lock-free span sets): ${plural(side.refills, 'refill')}`,
    lvl === 'mcentral',
    'ppc-central',
  )
  wide(
    'pageCache',
    which === 'perP'
      ? `page caches (one per P, no lock): ${plural(side.pageCacheHits, 'span')}`
      : `page cache (the shared cache’s): ${plural(side.pageCacheHits, 'span')}`,
    lvl === 'pageCache',
    'ppc-pcache',
  )
  wide(
    'mheap',
    `mheap (lock): ${plural(side.heapLocks, 'lock')}, ${fmtInt(side.heapHandoffs)} handed off`,
    lvl === 'mheap',
    'ppc-heap',
  )
  // The arrow from the running P down to the level this malloc reached.
  if (lvl !== null && lvl !== 'zero' && f.p >= 0) {
    const b = ps[f.p]
    const x = b.x + b.w / 2
    const target = lvl === 'mcache' ? rows.cache : rows[lvl]
    const y2 = target[0] + 2
    parts.push(
      `<line class="ppc-arrow" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${rows.p[0] + rows.p[1] - 2}" y2="${y2 - 6}"/><path class="ppc-arrowhead" d="M${(x - 5).toFixed(1)} ${y2 - 8} L${(x + 5).toFixed(1)} ${y2 - 8} L${x.toFixed(1)} ${y2} Z"/>`,
    )
  }
  const label =
    f.step === 0
      ? `${which === 'perP' ? 'Per-P caches' : 'Shared cache'}: nothing allocated yet.`
      : `${which === 'perP' ? 'Per-P caches' : 'Shared cache'}, after step ${f.step}: the malloc on P${f.p} reached ${lvl}; ` +
        `${side.cacheLocks} cache locks (${side.cacheHandoffs} handed off), ${side.refills} refills, ` +
        `${side.pageCacheHits} page-cache spans, ${side.heapLocks} heap locks.`
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(label)}" class="ppc-side">${memoryDefs()}${parts.join('')}</svg>`
}

function renderBars(f: CompareFrame, total: number): string {
  const rowsB: [string, number, string][] = [
    ['Per-P caches: cache locks', f.perP.cacheLocks, 'ppc-bar-a'],
    ['Shared cache: cache locks', f.shared.cacheLocks, 'ppc-bar-b'],
    ['Per-P caches: heap locks', f.perP.heapLocks, 'ppc-bar-a'],
    ['Shared cache: heap locks', f.shared.heapLocks, 'ppc-bar-b'],
  ]
  const pct = (v: number) => ((v / Math.max(1, total)) * 100).toFixed(2)
  const label = `Lock acquisitions after ${f.step} of ${total} allocations: cache locks ${f.perP.cacheLocks} with per-P caches and ${f.shared.cacheLocks} with the shared cache; heap locks ${f.perP.heapLocks} and ${f.shared.heapLocks}.`
  return `<div class="ppc-bars" role="img" aria-label="${e(label)}">${rowsB
    .map(
      ([name, v, cls]) =>
        `<div class="ppc-bar-row" aria-hidden="true"><span class="ppc-bar-name">${e(name)}</span><span class="ppc-bar-track"><span class="ppc-bar ${cls}" style="width:${pct(v)}%"></span><span class="ppc-bar-val">${fmtInt(v)}</span></span></div>`,
    )
    .join('')}</div>`
}

export function renderTable(f: CompareFrame): string {
  const rowsT: [string, number, number][] = [
    ['allocations so far', f.step, f.step],
    ['cache-level lock acquisitions', f.perP.cacheLocks, f.shared.cacheLocks],
    ['… handed off from another P', f.perP.cacheHandoffs, f.shared.cacheHandoffs],
    ['refills past the cache', f.perP.refills, f.shared.refills],
    ['spans from a page cache', f.perP.pageCacheHits, f.shared.pageCacheHits],
    ['heap lock acquisitions', f.perP.heapLocks, f.shared.heapLocks],
    ['… handed off from another P', f.perP.heapHandoffs, f.shared.heapHandoffs],
    ['atomic operations', f.perP.atomics, f.shared.atomics],
  ]
  return `<table><thead><tr><th scope="col">after step ${f.step}</th><th scope="col">per-P caches</th><th scope="col">one shared cache</th></tr></thead><tbody>${rowsT
    .map(([k, a, b]) => `<tr><th scope="row">${e(k)}</th><td>${fmtInt(a)}</td><td>${fmtInt(b)}</td></tr>`)
    .join('')}</tbody></table>`
}

export function renderFrame(f: CompareFrame, total: number): { sides: string; bars: string; table: string } {
  return {
    sides: `${renderSide(f, 'perP')}${renderSide(f, 'shared')}`,
    bars: renderBars(f, total),
    table: renderTable(f),
  }
}

export function stateHref(s: CompareState, id: string): string {
  return formatFigureHash(id, stateToParams(s))
}

const plural = (n: number, one: string, many = `${one}s`) => `${fmtInt(n)} ${n === 1 ? one : many}`

const sizeLabel = (n: number) => (n >= 1024 ? `${n / 1024} KiB` : `${n} B`)

export function renderForm(s: CompareState): string {
  return `<form class="ppc-inputs" data-part="form" action="#" autocomplete="off">
${selectHTML('procs', 'Ps (one goroutine each)', procChoices, s.procs, (v) => String(v))}
${selectHTML('order', 'Order', orderChoices, s.order, (v) => orderLabels[v])}
${selectHTML('size', 'Object size', sizeChoices, s.size, (v) => `${sizeLabel(v)} (no pointers)`)}
</form>`
}

/** Everything that depends on the state (re-rendered when the form changes). */
export function renderRun(
  s: CompareState,
  frames: readonly CompareFrame[],
  index: number,
  id: string,
  locale: UiLocale = 'en',
): string {
  const f = frames[index] as CompareFrame
  const total = frames.length - 1
  const r = renderFrame(f, total)
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(f, index, frames.length), label: uiStrings(locale).figures.perPCaches, locale })}
<div class="ppc-sides" data-part="sides">${r.sides}</div>
<div data-part="bars">${r.bars}</div>
<p class="nb-summary" data-part="summary">${e(summarize(s, frames))}</p>
<p class="ppc-link"><a data-part="link" href="${e(stateHref(s, id))}">Link to this setup</a></p>
<details class="nb-table-view"><summary>This step as a table</summary><div data-part="table">${r.table}</div></details>`
}

export function renderCompare(
  s: CompareState,
  frames: readonly CompareFrame[],
  index: number,
  id: string,
  locale: UiLocale = 'en',
): string {
  return `${renderForm(s)}
<div data-part="run">${renderRun(s, frames, index, id, locale)}</div>
<p class="ppc-legend">Each step is one allocation by the goroutine on the P marked with a thick border. The arrow goes from that P down to the level that served it; that box gets a thick dashed outline. ${perGoroutine} allocations per goroutine.</p>`
}
