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
  type PerPCachesStrings,
  type Side,
} from './model.ts'
import { en } from '../../lib/strings/en.ts'

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

export function renderSide(
  f: CompareFrame,
  which: 'perP' | 'shared',
  t: PerPCachesStrings = en.perPCaches,
): string {
  const side: Side = f[which]
  const n = f.mallocs.length
  const ps = pBoxes(n)
  const lvl = f.step === 0 ? null : side.level
  const parts: string[] = []
  parts.push(text(W / 2, 16, which === 'perP' ? t.titlePerP : t.titleShared, 'middle', 'ppc-title'))
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
      parts.push(text(b.x + b.w / 2, cy + 13, t.cache, 'middle', 'ppc-small'))
      parts.push(cacheStrip(f.perPSpans[i] ?? null, f.size, b.x + 3, cy + 18, b.w - 6))
    })
    parts.push(text(X0, cy + ch + 14, t.noLock, 'start', 'ppc-small'))
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
    const who = side.holder < 0 ? t.lockFree : t.lockHeld(side.holder, side.handoff)
    parts.push(text(lx + 22, cy + 13, t.oneMcache(who), 'start', 'ppc-small'))
    parts.push(cacheStrip(f.sharedSpan, f.size, lx + 22, cy + 18, X1 - lx - 30))
    parts.push(
      text(
        X0,
        cy + ch + 14,
        t.cacheLocks(fmtInt(side.cacheLocks), fmtInt(side.cacheHandoffs)),
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
  wide('mcentral', t.mcentral(plural(side.refills, t.refill, t)), lvl === 'mcentral', 'ppc-central')
  wide(
    'pageCache',
    which === 'perP'
      ? t.pageCachesPerP(plural(side.pageCacheHits, t.span, t))
      : t.pageCacheShared(plural(side.pageCacheHits, t.span, t)),
    lvl === 'pageCache',
    'ppc-pcache',
  )
  wide(
    'mheap',
    t.mheap(plural(side.heapLocks, t.lock, t), fmtInt(side.heapHandoffs)),
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
  const name = t.sideName(which === 'perP')
  const label =
    f.step === 0
      ? t.sideEmpty(name)
      : t.sideLabel(
          name,
          f.step,
          f.p,
          String(lvl),
          side.cacheLocks,
          side.cacheHandoffs,
          side.refills,
          side.pageCacheHits,
          side.heapLocks,
        )
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(label)}" class="ppc-side">${memoryDefs()}${parts.join('')}</svg>`
}

function renderBars(f: CompareFrame, total: number, t: PerPCachesStrings): string {
  const names = t.bars
  const rowsB: [string, number, string][] = [
    [names[0] ?? '', f.perP.cacheLocks, 'ppc-bar-a'],
    [names[1] ?? '', f.shared.cacheLocks, 'ppc-bar-b'],
    [names[2] ?? '', f.perP.heapLocks, 'ppc-bar-a'],
    [names[3] ?? '', f.shared.heapLocks, 'ppc-bar-b'],
  ]
  const pct = (v: number) => ((v / Math.max(1, total)) * 100).toFixed(2)
  const label = t.barsLabel(
    f.step,
    total,
    f.perP.cacheLocks,
    f.shared.cacheLocks,
    f.perP.heapLocks,
    f.shared.heapLocks,
  )
  return `<div class="ppc-bars" role="img" aria-label="${e(label)}">${rowsB
    .map(
      ([name, v, cls]) =>
        `<div class="ppc-bar-row" aria-hidden="true"><span class="ppc-bar-name">${e(name)}</span><span class="ppc-bar-track"><span class="ppc-bar ${cls}" style="width:${pct(v)}%"></span><span class="ppc-bar-val">${fmtInt(v)}</span></span></div>`,
    )
    .join('')}</div>`
}

export function renderTable(f: CompareFrame, t: PerPCachesStrings = en.perPCaches): string {
  const values: [number, number][] = [
    [f.step, f.step],
    [f.perP.cacheLocks, f.shared.cacheLocks],
    [f.perP.cacheHandoffs, f.shared.cacheHandoffs],
    [f.perP.refills, f.shared.refills],
    [f.perP.pageCacheHits, f.shared.pageCacheHits],
    [f.perP.heapLocks, f.shared.heapLocks],
    [f.perP.heapHandoffs, f.shared.heapHandoffs],
    [f.perP.atomics, f.shared.atomics],
  ]
  const rowsT = values.map(([a, b], i): [string, number, number] => [t.tableRows[i] ?? '', a, b])
  return `<table><thead><tr><th scope="col">${e(t.afterStep(f.step))}</th><th scope="col">${e(t.colPerP)}</th><th scope="col">${e(t.colShared)}</th></tr></thead><tbody>${rowsT
    .map(([k, a, b]) => `<tr><th scope="row">${e(k)}</th><td>${fmtInt(a)}</td><td>${fmtInt(b)}</td></tr>`)
    .join('')}</tbody></table>`
}

export function renderFrame(
  f: CompareFrame,
  total: number,
  t: PerPCachesStrings = en.perPCaches,
): { sides: string; bars: string; table: string } {
  return {
    sides: `${renderSide(f, 'perP', t)}${renderSide(f, 'shared', t)}`,
    bars: renderBars(f, total, t),
    table: renderTable(f, t),
  }
}

export function stateHref(s: CompareState, id: string): string {
  return formatFigureHash(id, stateToParams(s))
}

const plural = (n: number, one: string, t: PerPCachesStrings) => t.plural(fmtInt(n), n, one)

const sizeLabel = (n: number) => (n >= 1024 ? `${n / 1024} KiB` : `${n} B`)

export function renderForm(s: CompareState, t: PerPCachesStrings = en.perPCaches): string {
  return `<form class="nb-inputs ppc-inputs" data-part="form" action="#" autocomplete="off">
${selectHTML('procs', t.procs, procChoices, s.procs, (v) => String(v))}
${selectHTML('order', t.order, orderChoices, s.order, (v) => t.orders[v] ?? orderLabels[v])}
${selectHTML('size', t.size, sizeChoices, s.size, (v) => t.noPointers(sizeLabel(v)))}
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
  const t = uiStrings(locale).perPCaches
  const r = renderFrame(f, total, t)
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(f, index, frames.length, t), label: uiStrings(locale).figures.perPCaches, locale })}
<div class="ppc-sides" data-part="sides">${r.sides}</div>
<div data-part="bars">${r.bars}</div>
<p class="nb-summary" data-part="summary">${e(summarize(s, frames, t))}</p>
<p class="ppc-link"><a data-part="link" href="${e(stateHref(s, id))}">${e(t.link)}</a></p>
<details class="nb-table-view"><summary>${e(t.asTable)}</summary><div data-part="table">${r.table}</div></details>`
}

export function renderCompare(
  s: CompareState,
  frames: readonly CompareFrame[],
  index: number,
  id: string,
  locale: UiLocale = 'en',
): string {
  const t = uiStrings(locale).perPCaches
  return `${renderForm(s, t)}
<div data-part="run">${renderRun(s, frames, index, id, locale)}</div>
<p class="ppc-legend">${e(t.legend(perGoroutine))}</p>`
}
