/**
 * span-lookup renderer: the heap's first 16 pages (pages.ts cells in each span's class colour),
 * heapArena.spans[] under them (stale entries dashed, marked †), the mspan the entry points at as
 * a strip of slots at address scale (span-strip.ts) with the chosen slot marked, and Go ≤ 1.10's
 * flat spans array; the walk as an ordered list whose current step is marked (aria-current) and
 * drawn with the accent outline. Pure strings; SpanLookup.astro prints it at build time.
 */
import { escapeHTML as e } from '../shared/html.ts'
import { addressErrorWords } from '../shared/address.ts'
import { pageCellSVG } from '../shared/memory/pages.ts'
import { spanStripSVG, stripX } from '../shared/memory/span-strip.ts'
import { memoryDefs, stateLegendHTML } from '../shared/memory/states.ts'
import {
  drawnPages,
  pageSize,
  picks,
  walkSteps,
  type LookupResult,
  type Scenario,
  type SpanMark,
  type StepName,
  type Walk,
} from './model.ts'
import { stringsFor, type Locale, type Strings } from './strings.ts'

const W = 640
const X0 = 20
const CW = (W - 2 * X0) / drawnPages
const hx = (n: number | bigint) => `0x${n.toString(16)}`
const r2 = (v: number) => Math.round(v * 100) / 100
const text = (x: number, y: number, s: string, cls = 'sl-s', anchor = 'start') =>
  `<text class="${cls}" x="${r2(x)}" y="${r2(y)}" text-anchor="${anchor}">${e(s)}</text>`

const spanOfLabel = (sc: Scenario, l: string | null) =>
  l === null ? null : (sc.spans.find((s) => s.label === l) ?? null)

function entryRow(
  sc: Scenario,
  entries: (string | null)[],
  y: number,
  hlPage: number | null,
  on: boolean,
  idx: boolean,
): string {
  let out = ''
  entries.forEach((l, i) => {
    const x = X0 + i * CW
    const s = spanOfLabel(sc, l)
    const stale = s?.state === 'mSpanDead'
    const cls = `sl-entry${l === null ? ' sl-nil' : ''}${stale ? ' sl-stale' : ''}${hlPage === i ? ` sl-hl${on ? ' sl-on' : ''}` : ''}`
    out += `<g class="${cls}" data-entry="${i}"><rect x="${r2(x + 1)}" y="${y}" width="${r2(CW - 2)}" height="20"/>${text(x + CW / 2, y + 14, l === null ? 'nil' : stale ? `${l}†` : l, 'sl-s', 'middle')}</g>`
    if (idx) out += text(x + CW / 2, y + 31, String(i), 'sl-xs', 'middle')
  })
  return out
}

export function renderHeapSVG(sc: Scenario, w: Walk | null, step: StepName, t: Strings): string {
  const cur = (s: StepName) => step === s
  const page = w?.drawnPage ?? null
  // Row 1: pages.
  const y1 = 30
  let pages = ''
  for (let i = 0; i < drawnPages; i++) {
    const s = sc.spans.find((x) => x.state === 'mSpanInUse' && i >= x.page && i < x.page + x.npages)
    const attrs = `data-page="${i}"${page === i ? ' data-hl=""' : ''}`
    pages += pageCellSVG(
      X0 + i * CW,
      y1,
      CW,
      26,
      s ? { state: 'inuse', sizeclass: s.sizeclass, label: s.label, attrs } : { state: 'free', attrs },
    )
  }
  let marker = ''
  if (w && page !== null) {
    const off = Number(w.addr - BigInt(sc.heapBase))
    const x = X0 + (off / pageSize) * CW
    marker = `<path class="sl-marker" d="M${r2(x)} ${y1 - 1} l-4 -7 h8 z"/>`
  }
  const ai = Math.floor((sc.heapBase + 2 ** 47) / 2 ** 26)
  const row1 = text(X0, 12, t.pagesHead(hx(sc.heapBase), ai), 'sl-h') + pages + marker
  // Row 2: heapArena.spans entries.
  const y2 = 84
  const on = cur('entry') || cur('heapArena')
  const row2 =
    text(X0, y2 - 6, t.entriesHead, 'sl-h') +
    entryRow(sc, sc.entries, y2, w?.entry !== undefined ? page : null, on, false)
  // Row 3: the mspan.
  const y3 = 140
  const label = w?.entry ?? null
  const s = spanOfLabel(sc, label)
  let row3 = text(X0, y3 - 18, t.spanHead, 'sl-h')
  if (w && w.pageInArena !== null && s) {
    const spanBytes = s.npages * pageSize
    const dead = s.state === 'mSpanDead'
    const n = Number(w.addr) - s.base
    const slot = s.sizeclass === 0 ? 0 : Math.floor(n / s.elemsize)
    const geo = { x: X0, width: W - 2 * X0, spanBytes }
    row3 += `<g class="sl-span${cur('mspan') || cur('check') ? ' sl-on' : ''}${dead ? ' sl-deadspan' : ''}">${spanStripSVG(
      {
        x: X0,
        y: y3,
        width: W - 2 * X0,
        height: 22,
        spanBytes,
        sizeclass: s.sizeclass,
        elemsize: s.elemsize,
        nelems: s.nelems,
        state: (i) => (dead ? 'free' : s.allocated[i] ? 'used' : 'free'),
        changed: slot < s.nelems && n < s.limit - s.base ? new Set([slot]) : undefined,
        label: `${s.label} · ${s.sizeclass === 0 ? t.large : t.classN(s.sizeclass)} · ${s.elemsize} B × ${s.nelems}${dead ? ` · ${t.dead}` : ''}`,
      },
    )}</g>`
    const lx = stripX(geo, s.limit - s.base)
    row3 += `<line class="sl-limit" x1="${r2(lx)}" x2="${r2(lx)}" y1="${y3 - 4}" y2="${y3 + 28}"/>`
    row3 +=
      text(X0, y3 + 38, hx(s.base), 'sl-xs') +
      text(Math.min(lx, W - X0), y3 + 38, `${t.limit} ${hx(s.limit)}`, 'sl-xs', 'end')
    const px = stripX(geo, Math.max(0, Math.min(spanBytes, n)))
    row3 += `<path class="sl-marker" d="M${r2(px)} ${y3 + 23} l-4 7 h8 z"/>`
  } else row3 += text(X0, y3 + 14, t.noSpan, 'sl-s')
  const h = y3 + 46
  return `<svg class="sl-svg" viewBox="0 0 ${W} ${h}" role="img" aria-labelledby="sl-heap-title"><title id="sl-heap-title">${e(t.title)}</title>${memoryDefs()}${row1}${row2}${row3}</svg>`
}

export function renderLegacySVG(sc: Scenario, w: Walk | null, t: Strings): string {
  const idx = w?.legacy.index ?? null
  const y = 22
  const body =
    text(X0, 12, t.legacyEntriesHead, 'sl-h') +
    entryRow(sc, sc.legacyEntries, y, idx !== null && idx < drawnPages ? idx : null, true, true)
  return `<svg class="sl-svg" viewBox="0 0 ${W} ${y + 36}" role="img" aria-labelledby="sl-legacy-title"><title id="sl-legacy-title">${e(t.legacyHead)}</title>${body}</svg>`
}

/** The walk's steps as words (one per step reached). */
export function stepWords(w: Walk, t: Strings, sc: Scenario): { name: StepName; text: string }[] {
  const p = hx(w.addr)
  const out: { name: StepName; text: string }[] = []
  const v = w.verdict
  if (v.kind === 'notUser') return [{ name: 'arena', text: t.steps.notUser(p) }]
  out.push({ name: 'arena', text: t.steps.arena(p, w.arenaIndex ?? 0) })
  if (v.kind === 'noArena') return [...out, { name: 'heapArena', text: t.steps.noArena(w.arenaIndex ?? 0) }]
  out.push({ name: 'heapArena', text: t.steps.heapArena(w.arenaIndex ?? 0) })
  const pg = w.pageInArena ?? 0
  if (v.kind === 'nilEntry') return [...out, { name: 'entry', text: t.steps.nilEntry(pg) }]
  out.push({ name: 'entry', text: t.steps.entry(pg, w.entry ?? '?') })
  const s = spanOfLabel(sc, w.entry) as SpanMark
  out.push({ name: 'mspan', text: t.steps.mspan(s.label, hx(s.base), hx(s.limit), s.npages, s.state) })
  if (v.kind === 'dead') return [...out, { name: 'check', text: t.steps.checkDead }]
  if (v.kind === 'bounds') return [...out, { name: 'check', text: t.steps.checkBounds(p, hx(s.limit)) }]
  out.push({ name: 'check', text: t.steps.checkOk })
  if (v.kind === 'found')
    out.push({ name: 'object', text: t.steps.object(v.object, hx(v.objectBase), v.offset, v.span.elemsize) })
  return out
}

export function legacyWords(w: Walk, t: Strings): string[] {
  const L = w.legacy
  const out: string[] = []
  if (L.addr !== null) out.push(t.legacy.same(hx(L.addr)))
  if (L.index === null || L.verdict === 'outside') return [...out, t.legacy.outside]
  out.push(t.legacy.index(hx(L.addr ?? 0), L.index))
  const l = L.entry ?? '?'
  out.push(
    L.verdict === 'found'
      ? t.legacy.found(l)
      : L.verdict === 'dead'
        ? t.legacy.dead(l)
        : L.verdict === 'bounds'
          ? t.legacy.bounds(l)
          : t.legacy.nilEntry,
  )
  return out
}

export function errorWords(r: Extract<LookupResult, { ok: false }>, t: Strings): string {
  return addressErrorWords(r.error, t)
}

/** Step index (1-based) clamped to the walk's steps. */
export const clampStep = (w: Walk, step: number) =>
  Math.max(1, Math.min(walkSteps(w).length, Math.trunc(step) || 1))

export function renderWalk(r: LookupResult, sc: Scenario, step: number, t: Strings): string {
  if (!r.ok) return `<p class="nb-message" role="alert" data-error="">${e(errorWords(r, t))}</p>`
  const w = r.walk
  const words = stepWords(w, t, sc)
  const k = clampStep(w, step)
  const items = words
    .map(
      (s, i) =>
        `<li data-step="${s.name}"${i + 1 === k ? ' aria-current="step"' : ''}${i + 1 > k ? ' hidden' : ''}>${e(s.text)}</li>`,
    )
    .join('')
  return `<p class="sl-stepof" data-part="stepof">${e(t.stepOf(k, words.length))}</p><ol class="sl-steps">${items}</ol>`
}

export function renderView(r: LookupResult, sc: Scenario, step: number, t: Strings): string {
  const w = r.ok ? r.walk : null
  const names = w ? walkSteps(w) : []
  const cur = w ? (names[clampStep(w, step) - 1] ?? 'arena') : 'arena'
  const legacy = w
    ? `<ul class="sl-legacy-words">${legacyWords(w, t)
        .map((x) => `<li>${e(x)}</li>`)
        .join('')}</ul>`
    : ''
  return `<div class="sl-panel nb-m-scroll" tabindex="0" role="group" aria-label="${e(t.title)}">${renderHeapSVG(sc, w, cur, t)}</div>
<div class="sl-walk" data-part="walk" aria-live="polite">${renderWalk(r, sc, step, t)}</div>
<section class="sl-panel sl-legacy"><h3 class="sl-panelhead">${e(t.legacyHead)}</h3><div class="nb-m-scroll" tabindex="0" role="group" aria-label="${e(t.legacyHead)}">${renderLegacySVG(sc, w, t)}</div>${legacy}</section>`
}

export function renderTable(sc: Scenario, t: Strings): string {
  const rows = sc.spans
    .map(
      (s) =>
        `<tr><th scope="row">${e(s.label)}</th><td>${s.page}–${s.page + s.npages - 1}</td><td>${s.sizeclass === 0 ? e(t.large) : s.sizeclass}</td><td>${s.elemsize}</td><td>${s.allocated.filter(Boolean).length} / ${s.nelems}</td><td>${s.state}</td></tr>`,
    )
    .join('')
  return `<table><caption>${e(t.tableSummary)}</caption><thead><tr><th scope="col">${e(t.tSpan)}</th><th scope="col">${e(t.tPages)}</th><th scope="col">${e(t.tClass)}</th><th scope="col">${e(t.tSize)}</th><th scope="col">${e(t.tObjects)}</th><th scope="col">${e(t.tState)}</th></tr></thead><tbody>${rows}</tbody></table>
<p class="sl-entries">${e(t.tEntries)}: ${e(sc.entries.map((x) => x ?? 'nil').join(' '))}</p>`
}

export function linkHash(id: string, addr: string, step: number): string {
  return `#${id}:${new URLSearchParams({ addr: addr.trim(), step: String(step) }).toString()}`
}

export interface SpanLookupState {
  id: string
  go: string
  addr: string
  step: number
  locale: Locale
}

export function pickFor(go: string, addr: string): string {
  return picks(go).find((p) => p.addr === addr.trim().toLowerCase())?.name ?? 'custom'
}

export function renderSpanLookup(s: SpanLookupState, sc: Scenario, r: LookupResult): string {
  const t = stringsFor(s.locale)
  const current = pickFor(s.go, s.addr)
  const options = [...picks(s.go), { name: 'custom', addr: '' }]
    .map(
      (p) =>
        `<option value="${p.name}"${p.name === current ? ' selected' : ''}>${e(t.picks[p.name] ?? p.name)}${p.addr ? ` (${p.addr})` : ''}</option>`,
    )
    .join('')
  const pagesInUse = new Set(sc.spans.flatMap((x) => Array.from({ length: x.npages }, (_, i) => x.page + i)))
    .size
  return `<form class="nb-inputs sl-controls" data-ctl="form">
<label>${e(t.pickLabel)} <select data-ctl="pick" disabled>${options}</select></label>
<label>${e(t.addrLabel)} <input data-ctl="addr" value="${e(s.addr)}" spellcheck="false" autocomplete="off" disabled></label>
<div class="sl-stepbtns" role="group" aria-label="${e(t.title)}"><button type="button" data-ctl="walk" disabled>${e(t.walk)}</button><button type="button" data-ctl="prev" disabled>${e(t.prev)}</button><button type="button" data-ctl="next" disabled>${e(t.next)}</button></div>
</form>
<div data-part="view">${renderView(r, sc, s.step, t)}</div>
${stateLegendHTML(s.locale, ['used', 'free', 'tail'], 5)}
<p class="nb-summary">${e(t.summary(sc.spans.length, pagesInUse))}</p>
<details class="nb-table-view"><summary>${e(t.tableSummary)}</summary><div data-part="table">${renderTable(sc, t)}</div></details>
<p class="sl-linkp"><a data-part="link" href="${e(linkHash(s.id, s.addr, s.step))}">${e(t.link)}</a></p>`
}
