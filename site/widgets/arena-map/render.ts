/**
 * arena-map renderer: the two layouts as SVG (to scale where readable, a broken axis where not),
 * the lookup as two lists of steps, a one-line summary and tables. Pure: strings in, strings out;
 * ArenaMap.astro prints `renderArenaMap()` at build time, element.ts re-renders the parts.
 * Drawn with the shared memory pieces (pages.ts cells: Reserved = dashed, Prepared = dot,
 * Ready = box with the in-use pages filled in the large-object colour).
 */
import { escapeHTML as e, fmtInt } from '../shared/html.ts'
import { addressErrorWords } from '../shared/address.ts'
import { pageCellSVG } from '../shared/memory/pages.ts'
import { memoryDefs } from '../shared/memory/states.ts'
import { classFill } from '../shared/memory/palette.ts'
import {
  allocSizes,
  chunksPerArena,
  hex,
  pagesPerChunk,
  formatOps,
  defaultBase,
  type BaseOptions,
  type ArenaModel,
  type ChunkView,
  type LookupResult,
  type Op,
} from './model.ts'
import { bytesWords, stringsFor, type Locale, type Strings } from './strings.ts'

const W = 640
const r2 = (v: number) => Math.round(v * 100) / 100

function text(x: number, y: number, s: string, cls = 'am-t', anchor = 'start'): string {
  return `<text class="${cls}" x="${r2(x)}" y="${r2(y)}" text-anchor="${anchor}">${e(s)}</text>`
}

/** The highlight of a looked-up address: which arena (L2) and chunk to outline. */
export interface Highlight {
  l2: number | null
  chunk: number | null
  /** Legacy: 'spans' | 'bitmap' | 'arena' region hit. */
  legacy: string | null
}

export function highlightOf(r: LookupResult | null): Highlight {
  if (!r || !r.ok) return { l2: null, chunk: null, legacy: null }
  const m = r.modern
  const l2 = m.kind === 'notUser' ? null : m.l2
  const chunk = m.kind === 'reserved' || m.kind === 'freePage' || m.kind === 'span' ? m.chunk.index : null
  const lg = r.legacy.kind
  return { l2, chunk, legacy: lg === 'spans' || lg === 'bitmap' || lg === 'arena' ? lg : null }
}

// --- Go ≤ 1.10 -------------------------------------------------------------------------------

export function renderLegacySVG(m: ArenaModel, t: Strings, hl: Highlight): string {
  const L = m.legacy
  const x0 = 20
  const bw = W - 40
  const total = L.reserveSize
  const sx = (b: number) => x0 + (b / total) * bw
  const spansW = Math.max(1.5, (L.spansSize / total) * bw)
  const bitmapW = (L.bitmapSize / total) * bw
  const y1 = 30
  const seg = (x: number, w: number, cls: string, name: string) =>
    `<rect class="am-reg ${cls}${hl.legacy === name ? ' am-hl' : ''}" x="${r2(x)}" y="${y1}" width="${r2(w)}" height="18"/>`
  const row1 =
    text(x0, 14, t.legacyScale, 'am-h') +
    seg(x0, spansW, 'am-spans', 'spans') +
    seg(sx(L.spansSize), bitmapW, 'am-bitmap', 'bitmap') +
    seg(sx(L.spansSize + L.bitmapSize), (L.arenaSize / total) * bw, 'am-arena', 'arena') +
    text(x0, y1 - 4, 'spans 512 MiB · bitmap 16 GiB', 'am-s') +
    text(sx(L.spansSize + L.bitmapSize) + 6, y1 + 13, 'arena 512 GiB', 'am-s am-on') +
    text(x0, y1 + 30, hex(L.spansStart), 'am-s') +
    text(x0 + bw, y1 + 30, hex(L.arenaEnd), 'am-s', 'end') +
    `<line class="am-tick" x1="${r2(sx(L.spansSize + L.bitmapSize))}" x2="${r2(sx(L.spansSize + L.bitmapSize))}" y1="${y1 + 18}" y2="${y1 + 40}"/>` +
    text(sx(L.spansSize + L.bitmapSize) + 3, y1 + 42, `arena_start ${hex(L.arenaStart)}`, 'am-s')
  // Row 2: what is mapped, one byte scale, broken axis.
  const y2 = 112
  const used = L.arenaUsed - L.arenaStart
  const room = W - 40 - 240
  const scale = used > 0 ? room / used : 0
  const wArena = used * scale
  const wBitmap = L.bitmapMapped * scale
  const wSpans = L.spansMapped * scale
  const xs = x0
  const xb = x0 + 120
  const xa = x0 + 240
  const brk = (x: number) =>
    `<path class="am-break" d="M${r2(x - 3)} ${y2 + 22} l4 -8 M${r2(x + 1)} ${y2 + 22} l4 -8"/>`
  const win = (
    x: number,
    w: number,
    cls: string,
    label: string,
    size: number,
    grows: string,
    right = false,
  ) => {
    const box = Math.max(w, 90)
    return (
      `<rect class="am-win" x="${r2(x)}" y="${y2}" width="${r2(box)}" height="14"/>` +
      `<rect class="am-reg ${cls}" x="${r2(right ? x + box - Math.max(w, 1) : x)}" y="${y2}" width="${r2(Math.max(w, 1))}" height="14"/>` +
      text(x, y2 - 4, `${label} ${size ? bytesWords(size) : '0'}`, 'am-s') +
      text(x, y2 + 26, grows, 'am-s')
    )
  }
  const row2 =
    text(x0, y2 - 20, t.legacyMapped, 'am-h') +
    win(xs, wSpans, 'am-spans', 'spans', L.spansMapped, t.growsUp) +
    brk(xb - 12) +
    win(xb, wBitmap, 'am-bitmap', 'bitmap', L.bitmapMapped, t.growsDown, true) +
    brk(xa - 12) +
    win(xa, wArena, 'am-arena', 'arena', used, t.growsUp)
  const h = y2 + 36
  return `<svg class="am-svg" viewBox="0 0 ${W} ${h}" role="img" aria-labelledby="am-legacy-title"><title id="am-legacy-title">${e(t.legacyHead)}</title>${row1}${row2}</svg>`
}

// --- Go 1.11+ --------------------------------------------------------------------------------

const chunkCell = (
  x: number,
  y: number,
  w: number,
  h: number,
  c: ChunkView,
  changed: boolean,
  hl: boolean,
) => {
  const attrs = `data-chunk="${c.index}"${c.base ? ` data-addr="${hex(c.base)}"` : ''}${hl ? ' data-hl=""' : ''}`
  if (c.state === 'reserved') return pageCellSVG(x, y, w, h, { state: 'reserved', changed, attrs })
  if (c.state === 'prepared') return pageCellSVG(x, y, w, h, { state: 'scavenged', changed, attrs })
  const fillW = ((w - 1) * c.inUsePages) / pagesPerChunk
  return `<g class="nb-m-page am-ready${changed ? ' nb-m-changed' : ''}" ${attrs}><rect class="nb-m-box" x="${r2(x + 0.5)}" y="${r2(y + 0.5)}" width="${r2(w - 1)}" height="${r2(h - 1)}"/>${
    fillW > 0
      ? `<rect x="${r2(x + 0.5)}" y="${r2(y + 0.5)}" width="${r2(fillW)}" height="${r2(h - 1)}" style="fill:${classFill(0)}"/><rect x="${r2(x + 0.5)}" y="${r2(y + 0.5)}" width="${r2(fillW)}" height="${r2(h - 1)}" fill="url(#nb-m-lines)"/>`
      : ''
  }<rect class="am-edge" x="${r2(x + 0.5)}" y="${r2(y + 0.5)}" width="${r2(w - 1)}" height="${r2(h - 1)}"/></g>`
}

export const maxArenasDrawn = 4

export function renderModernSVG(m: ArenaModel, t: Strings, hl: Highlight, prev: ArenaModel | null): string {
  const M = m.modern
  const x0 = 20
  const bw = W - 40
  const space = 2 ** 47
  const sx = (a: number) => x0 + (a / space) * bw
  // Row 1: the address space, the hints, the heap.
  const y1 = 30
  let ticks = ''
  // The hints mallocinit laid out for the heap (fixed: i<<40 | 0x00c0<<32; randomized: a random
  // top byte plus i over the random base's low bits).
  for (const a of M.hints) {
    if (a >= space) continue
    ticks += `<line class="am-hint" x1="${r2(sx(a))}" x2="${r2(sx(a))}" y1="${y1 + 2}" y2="${y1 + 16}"/>`
  }
  const heapX = sx(M.arenas[0]?.base ?? M.firstHint)
  const row1 =
    text(x0, 14, t.addrSpace, 'am-h') +
    `<rect class="am-space" x="${x0}" y="${y1}" width="${bw}" height="18"/>` +
    ticks +
    `<path class="am-heap" d="M${r2(heapX)} ${y1 + 20} l-5 9 h10 z"/>` +
    text(
      Math.min(heapX + 8, W - 150),
      y1 + 30,
      `${t.heapHere} ${hex(M.arenas[0]?.base ?? M.firstHint)}`,
      'am-s',
    ) +
    text(x0 + bw, y1 + 30, hex(space), 'am-s', 'end')
  // Row 2: the L2 map around the heap.
  const y2 = 100
  const present = new Set(M.arenas.map((a) => a.l2))
  const lo = (M.arenas[0]?.l2 ?? 0) - 1
  const hi = Math.max((M.arenas.at(-1)?.l2 ?? lo + 1) + 1, lo + 6)
  const shown = Math.min(hi - lo + 1, 9)
  const cw = bw / shown
  const nextL2 = Math.floor((M.nextHint + 2 ** 47) / 2 ** 26)
  let cells = ''
  for (let k = 0; k < shown; k++) {
    const l2 = lo + k
    const x = x0 + k * cw
    const has = present.has(l2)
    const isHl = hl.l2 === l2
    cells +=
      `<g class="am-l2${has ? ' am-has' : ' am-nil'}${isHl ? ' am-hl' : ''}" data-l2="${l2}"><rect x="${r2(x + 1)}" y="${y2}" width="${r2(cw - 2)}" height="26"/>` +
      text(x + cw / 2, y2 + 11, String(l2), 'am-s', 'middle') +
      text(x + cw / 2, y2 + 22, has ? 'heapArena' : t.nil, 'am-s', 'middle') +
      `</g>`
    if (l2 === nextL2)
      cells += `<path class="am-heap" d="M${r2(x + cw / 2)} ${y2 + 28} l-4 7 h8 z"/>${text(x + cw / 2, y2 + 44, t.nextHint, 'am-s', 'middle')}`
  }
  const row2 = text(x0, y2 - 6, t.l2Head, 'am-h') + cells
  // Row 3: chunks of each arena.
  const y3 = 172
  const prevChunks = new Map<number, ChunkView>()
  for (const a of prev?.modern.arenas ?? []) for (const c of a.chunks) prevChunks.set(c.base, c)
  const drawn = M.arenas.slice(0, maxArenasDrawn)
  const chW = bw / chunksPerArena
  let rows = ''
  drawn.forEach((a, r) => {
    const y = y3 + r * 42
    rows += text(x0, y - 4, t.arenaLabel(a.l2, hex(a.base)), 'am-s')
    for (const c of a.chunks) {
      const p = prevChunks.get(c.base)
      const changed = prev !== null && (!p || p.state !== c.state || p.inUsePages !== c.inUsePages)
      rows += chunkCell(x0 + c.index * chW, y, chW, 22, c, changed, hl.l2 === a.l2 && hl.chunk === c.index)
    }
  })
  const more = M.arenas.length - drawn.length
  if (more > 0) rows += text(x0, y3 + drawn.length * 42 - 4, t.moreArenas(more), 'am-s')
  const h = y3 + Math.max(1, drawn.length) * 42 + (more > 0 ? 8 : 0)
  const row3 = text(x0, y3 - 20, t.chunksHead, 'am-h') + rows
  return `<svg class="am-svg" viewBox="0 0 ${W} ${h}" role="img" aria-labelledby="am-modern-title"><title id="am-modern-title">${e(t.modernHead(M.goVersion))}</title>${memoryDefs()}${row1}${row2}${row3}</svg>`
}

export function renderChunkLegend(t: Strings): string {
  const sw = (c: ChunkView) =>
    `<svg class="nb-m-swatch am-swatch" viewBox="0 0 28 14" aria-hidden="true">${memoryDefs()}${chunkCell(0, 0, 28, 14, c, false, false)}</svg>`
  const c = (state: ChunkView['state'], inUsePages: number): ChunkView => ({
    index: 0,
    base: 0,
    state,
    inUsePages,
    readyPages: 0,
  })
  return `<ul class="nb-m-legend">
<li>${sw(c('reserved', 0))}${e(t.chunkLegend.reserved)}</li>
<li>${sw(c('prepared', 0))}${e(t.chunkLegend.prepared)}</li>
<li>${sw(c('ready', 300))}${e(t.chunkLegend.ready)}</li>
</ul>`
}

// --- Lookup ----------------------------------------------------------------------------------

export function lookupItems(
  r: LookupResult,
  m: ArenaModel,
  t: Strings,
): { modern: string[]; legacy: string[] } | string {
  if (!r.ok) {
    return addressErrorWords(r.error, t)
  }
  const p = hex(r.addr)
  const mv = r.modern
  const modern: string[] = []
  if (mv.kind === 'notUser') modern.push(t.idx(p, mv.index.toString()), t.notUser(mv.index.toString()))
  else {
    modern.push(t.idx(p, String(mv.l2)))
    if (mv.kind === 'noArena') modern.push(t.noArena(mv.l2, hex(mv.arenaBase)))
    else {
      modern.push(t.arenaHit(mv.l2, hex(mv.arenaBase)))
      modern.push(t.chunkLine(mv.chunk.index, t.chunk[mv.chunk.state] ?? '', mv.chunk.readyPages))
      if (mv.kind === 'reserved') modern.push(t.reservedVerdict)
      else {
        modern.push(t.pageLine(mv.page))
        if (mv.kind === 'freePage') modern.push(t.freePage)
        else {
          const s = mv.span
          const cls =
            s.sizeclass === 0 ? t.largeCls(bytesWords(s.elemsize)) : t.smallCls(s.sizeclass, s.elemsize)
          modern.push(t.spanLine(hex(s.base), s.npages, cls))
          modern.push(mv.pastLimit ? t.pastLimit : t.objLine(mv.object, mv.offset - mv.object * s.elemsize))
        }
      }
    }
  }
  const lv = r.legacy
  const legacy: string[] = []
  if (lv.kind === 'below') legacy.push(t.below)
  else if (lv.kind === 'above') legacy.push(t.above)
  else if (lv.kind === 'spans') legacy.push(t.inSpans(lv.entry))
  else if (lv.kind === 'bitmap') legacy.push(t.inBitmap(lv.byteFromTop, lv.forWord))
  else {
    legacy.push(t.legacyPage(lv.page))
    if (!lv.used) legacy.push(t.legacyUnused)
    else if (!lv.span) legacy.push(t.legacyFree)
    else {
      const s = lv.span
      const cls = s.sizeclass === 0 ? t.largeCls(bytesWords(s.elemsize)) : t.smallCls(s.sizeclass, s.elemsize)
      legacy.push(t.spanLine(hex(s.base), s.npages, cls))
    }
  }
  void m
  return { modern, legacy }
}

export function renderLookup(r: LookupResult, m: ArenaModel, t: Strings): string {
  const items = lookupItems(r, m, t)
  if (typeof items === 'string') return `<p class="nb-message" role="alert" data-error="">${e(items)}</p>`
  const list = (xs: string[]) => `<ol>${xs.map((x) => `<li>${e(x)}</li>`).join('')}</ol>`
  return `<div class="am-cols"><div><p class="am-colhead">${e(t.modernCol)}</p>${list(items.modern)}</div><div><p class="am-colhead">${e(t.legacyCol)}</p>${list(items.legacy)}</div></div>`
}

// --- Summary, tables, controls ---------------------------------------------------------------

export function renderSummary(m: ArenaModel, t: Strings): string {
  const chunks = m.modern.arenas.reduce(
    (n, a) => n + a.chunks.filter((c) => c.state !== 'reserved').length,
    0,
  )
  return t.summary(
    m.modern.arenas.length,
    chunks,
    bytesWords(m.modern.mappedBytes),
    bytesWords(m.modern.heapInUse),
    bytesWords(m.legacy.arenaUsed - m.legacy.arenaStart),
  )
}

export function renderTable(m: ArenaModel, t: Strings): string {
  const rows = m.modern.arenas
    .map((a) => {
      const n = (s: ChunkView['state']) => a.chunks.filter((c) => c.state === s).length
      const used = a.chunks.reduce((k, c) => k + c.inUsePages, 0)
      return `<tr><td>${a.l2}</td><td><code>${hex(a.base)}</code></td><td>${n('reserved')} / ${n('prepared')} / ${n('ready')}</td><td>${fmtInt(used)}</td></tr>`
    })
    .join('')
  const L = m.legacy
  const reg = (name: string, from: number, size: number, mapped: number) =>
    `<tr><td>${name}</td><td><code>${hex(from)}</code></td><td>${bytesWords(size)}</td><td>${mapped ? bytesWords(mapped) : '0'}</td></tr>`
  return `<div class="am-tables"><table><caption>${e(t.tArenaCap)}</caption><thead><tr><th scope="col">${e(t.tArena)}</th><th scope="col">${e(t.tBase)}</th><th scope="col">${e(t.tChunks)}</th><th scope="col">${e(t.tInUse)}</th></tr></thead><tbody>${rows || `<tr><td colspan="4">—</td></tr>`}</tbody></table>
<table><caption>${e(t.tLegacyCap)}</caption><thead><tr><th scope="col">${e(t.tRegion)}</th><th scope="col">${e(t.tFrom)}</th><th scope="col">${e(t.tSize)}</th><th scope="col">${e(t.tMapped)}</th></tr></thead><tbody>${reg('spans', L.spansStart, L.spansSize, L.spansMapped)}${reg('bitmap', L.bitmapLow, L.bitmapSize, L.bitmapMapped)}${reg('arena', L.arenaStart, L.arenaSize, L.arenaUsed - L.arenaStart)}</tbody></table></div>`
}

export function programWords(ops: readonly Op[], t: Strings): string {
  if (ops.length === 0) return t.emptyProgram
  return ops.map((o) => (o === 'free' ? t.freeOp : `${o} MiB`)).join(', ')
}

export function renderProgram(m: ArenaModel, t: Strings): string {
  const objs = m.modern.objects.map(hex).join(', ')
  return `${e(t.program)}: ${e(programWords(m.ops, t))}${objs ? ` — ${e(t.objects)} ${e(objs)}` : ''}`
}

export function renderView(m: ArenaModel, t: Strings, hl: Highlight, prev: ArenaModel | null): string {
  return `<div class="am-panels"><section class="am-panel"><h3 class="am-panelhead">${e(t.legacyHead)}</h3><div class="nb-m-scroll" tabindex="0" role="group" aria-label="${e(t.legacyHead)}">${renderLegacySVG(m, t, hl)}</div></section>
<section class="am-panel"><h3 class="am-panelhead">${e(t.modernHead(m.modern.goVersion))}</h3><p class="am-basenote" data-part="basenote">${e(t.baseNote(m.modern.randomized, m.modern.seed))}</p><div class="nb-m-scroll" tabindex="0" role="group" aria-label="${e(t.modernHead(m.modern.goVersion))}">${renderModernSVG(m, t, hl, prev)}</div>${renderChunkLegend(t)}</section></div>`
}

export function linkHash(
  id: string,
  ops: readonly Op[],
  addr: string,
  base: BaseOptions = defaultBase,
): string {
  const p = new URLSearchParams()
  p.set('ops', formatOps(ops))
  p.set('addr', addr.trim())
  if (base.base === 'fixed') p.set('base', 'fixed')
  if (base.seed !== 1) p.set('seed', String(base.seed))
  return `#${id}:${p.toString()}`
}

export interface RenderState {
  id: string
  model: ArenaModel
  addr: string
  size: number
  locale: Locale
  base: BaseOptions
}

export function renderArenaMap(s: RenderState, result: LookupResult): string {
  const t = stringsFor(s.locale)
  const hl = highlightOf(result)
  const opts = allocSizes
    .map((n) => `<option value="${n}"${n === s.size ? ' selected' : ''}>${n} MiB</option>`)
    .join('')
  return `<div class="am-controls" role="group" aria-label="${e(t.title)}">
<label>${e(t.allocate)} <select data-ctl="size" disabled>${opts}</select></label>
<button type="button" data-ctl="alloc" disabled>${e(t.allocateBtn)}</button>
<button type="button" data-ctl="free" disabled>${e(t.freeBtn)}</button>
<button type="button" data-ctl="reset" disabled>${e(t.resetBtn)}</button>
<label>${e(t.baseLabel)} <select data-ctl="base" disabled><option value="auto"${s.base.base === 'auto' ? ' selected' : ''}>${e(t.baseAuto)}</option><option value="fixed"${s.base.base === 'fixed' ? ' selected' : ''}>${e(t.baseFixed)}</option></select></label>
<label>${e(t.seedLabel)} <input type="number" data-ctl="seed" min="0" step="1" value="${s.base.seed}" disabled></label>
<p class="am-program" data-part="program" aria-live="polite">${renderProgram(s.model, t)}</p>
</div>
<div data-part="view">${renderView(s.model, t, hl, null)}</div>
<form class="am-lookup" data-ctl="lookup"><label>${e(t.addrLabel)} <input name="addr" data-ctl="addr" value="${e(s.addr)}" spellcheck="false" autocomplete="off" inputmode="text" disabled></label> <button type="submit" data-ctl="go" disabled>${e(t.lookupBtn)}</button></form>
<div class="am-result" data-part="lookup" aria-live="polite">${renderLookup(result, s.model, t)}</div>
<p class="nb-summary" data-part="summary">${e(renderSummary(s.model, t))}</p>
<details class="nb-table-view"><summary>${e(t.tableSummary)}</summary><div data-part="table">${renderTable(s.model, t)}</div></details>
<p class="am-linkp"><a data-part="link" href="${e(linkHash(s.id, s.model.ops, s.addr, s.base))}">${e(t.link)}</a></p>`
}
