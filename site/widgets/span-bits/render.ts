/**
 * span-bits renderer: the span at address scale (shared span strip: class colour, slot states,
 * the tail hatched with its reserved heap bits / inline mark bits braced), the slots in rows of
 * 32 with allocBits and gcmarkBits under them (shared bit grids), freeindex marked, and the
 * 64-bit allocCache before and after the step with nextFreeFast's trailing zeros outlined; a
 * status line, a per-slot table. English or Chinese. SpanBits.astro prints `renderSpanBits()` at
 * build time; element.ts re-renders the run part when the form changes and the view/table parts
 * on every step.
 */
import { controlBarHTML } from '../shared/controls.ts'
import { escapeHTML as e } from '../shared/html.ts'
import { bitGridSVG, bitXY } from '../shared/memory/bits.ts'
import { spanStripSVG } from '../shared/memory/span-strip.ts'
import { memoryDefs, slotSVG, stateLegendHTML, type SlotState } from '../shared/memory/states.ts'
import { formatFigureHash } from '../shared/url-state.ts'
import { cacheBitOf, sizes, type SpanBitsFrame, type SpanBitsState } from './model.ts'

export type Locale = 'en' | 'zh'
const hex = (n: number) => `0x${n.toString(16)}`

const list = (xs: readonly number[], zh: boolean): string => {
  if (xs.length === 0) return zh ? '无' : 'none'
  if (xs.length <= 12) return xs.join(', ')
  return `${xs.slice(0, 10).join(', ')} … (${xs.length})`
}

const T = {
  en: {
    label: 'One span, slot by slot',
    size: 'Object size',
    pointers: 'Objects hold pointers',
    link: 'Link to this step',
    table: 'This step as a table',
    slots: 'Slots in rows of 32, with allocBits (a) and gcmarkBits (m) under each row',
    strip: 'The span at address scale',
    cache: 'allocCache (1 = free; bit 0 = slot freeindex)',
    before: 'before',
    bit0: (slot: number) => `bit 0 = slot ${slot}`,
    after: 'after',
    thSlot: 'slot',
    thAddr: 'address',
    thState: 'state',
    thAlloc: 'allocBits',
    thMark: 'gcmarkBits',
    thCache: 'allocCache bit',
    thHeld: 'held by program',
    yes: 'yes',
    no: 'no',
    where: 'where',
    cls: 'class',
    braceHeap: 'heap bits',
    braceMarks: 'marks',
    tail: (f: SpanBitsFrame) =>
      `tail ${f.tailBytes} B` +
      (f.heapBitsBytes || f.inlineMarkBytes
        ? ` (${[f.heapBitsBytes ? `${f.heapBitsBytes} B heap bits` : '', f.inlineMarkBytes ? `${f.inlineMarkBytes} B inline mark bits` : '', `${f.tailBytes - f.heapBitsBytes - f.inlineMarkBytes} B waste`].filter(Boolean).join(', ')})`
        : ' (waste)'),
    state: {
      free: 'free',
      used: 'in use',
      marked: 'marked',
      swept: 'freed by the sweep',
      tail: 'tail',
    } as Record<SlotState, string>,
    summary: (f: SpanBitsFrame, n: number) =>
      `One span of ${f.nelems} slots of ${f.elemsize} B (class ${f.sizeclass}, ${f.noscan ? 'noscan' : 'scan'}, Go ${f.goVersion}) in ${n} steps: ${Math.min(f.nelems, 70)} mallocs fill it in address order through nextFreeFast, crossing the 64-slot boundary where allocCache is reloaded; the program drops half, a GC marks the rest and the sweep turns the marks into allocBits; new mallocs reuse the holes lowest address first. ${f.tailBytes} B at the tail hold no slot.`,
  },
  zh: {
    label: '一个 span，逐个槽位',
    size: '对象大小',
    pointers: '对象含指针',
    link: '链接到这一步',
    table: '以表格查看这一步',
    slots: '槽位每行 32 个，每行下面是 allocBits（a）和 gcmarkBits（m）',
    strip: '按地址比例画出的 span',
    cache: 'allocCache（1 = 空闲；第 0 位 = 槽位 freeindex）',
    before: '之前',
    bit0: (slot: number) => `第 0 位 = 槽位 ${slot}`,
    after: '之后',
    thSlot: '槽位',
    thAddr: '地址',
    thState: '状态',
    thAlloc: 'allocBits',
    thMark: 'gcmarkBits',
    thCache: 'allocCache 位',
    thHeld: '程序仍持有',
    yes: '是',
    no: '否',
    where: '位置',
    cls: 'size class',
    braceHeap: '堆位',
    braceMarks: '标记位',
    tail: (f: SpanBitsFrame) =>
      `尾部 ${f.tailBytes} B` +
      (f.heapBitsBytes || f.inlineMarkBytes
        ? `（${[f.heapBitsBytes ? `堆位 ${f.heapBitsBytes} B` : '', f.inlineMarkBytes ? `内联标记位 ${f.inlineMarkBytes} B` : '', `浪费 ${f.tailBytes - f.heapBitsBytes - f.inlineMarkBytes} B`].filter(Boolean).join('，')}）`
        : '（浪费）'),
    state: { free: '空闲', used: '已分配', marked: '已标记', swept: '被清扫释放', tail: '尾部' } as Record<
      SlotState,
      string
    >,
    summary: (f: SpanBitsFrame, n: number) =>
      `一个 span，${f.nelems} 个 ${f.elemsize} B 的槽位（size class ${f.sizeclass}，${f.noscan ? 'noscan' : 'scan'}，Go ${f.goVersion}），共 ${n} 步：${Math.min(f.nelems, 70)} 次 malloc 经 nextFreeFast 按地址顺序填充，越过 64 槽位边界时重新装载 allocCache；程序丢弃一半，GC 标记其余对象，清扫把标记位变成 allocBits；新的 malloc 从最低地址起复用空洞。尾部 ${f.tailBytes} B 不属于任何槽位。`,
  },
}

/** A slot's drawn state. */
export function slotState(f: SpanBitsFrame, i: number): SlotState {
  if (f.allocated[i]) return f.gcmarkBits[i] ? 'marked' : 'used'
  return f.holes[i] ? 'swept' : 'free'
}

/** The caption of a frame (the control bar's live text). */
export function describeFrame(f: SpanBitsFrame, index: number, total: number, locale: Locale = 'en'): string {
  const zh = locale === 'zh'
  const at = zh ? `第 ${index} 步（共 ${total - 1} 步）：` : `Step ${index} of ${total - 1}: `
  const freed = f.changed.filter((i) => !f.allocated[i])
  switch (f.kind) {
    case 'alloc':
    case 'boundary':
    case 'reuse': {
      if (f.cached)
        return (
          at +
          (zh
            ? `mcache 里没有可用的 span，refill 从 mcentral 取来这个 span（cacheSpan），nextFreeIndex 交出槽位 ${f.slot}；freeindex 现在是 ${f.freeindex}。`
            : `the mcache has no usable span, so refill fetches this one from mcentral (cacheSpan) and nextFreeIndex hands out slot ${f.slot}; freeindex is now ${f.freeindex}.`)
        )
      if (f.path === 'slow')
        return (
          at +
          (zh
            ? `nextFreeFast 找到槽位 ${f.slot}，但取走它会让 freeindex 落在 64 槽位边界 ${f.slot + 1} 上，于是放弃；慢路径 nextFreeIndex 取走该槽位，并从 allocBits 的下 8 个字节${f.cacheRefilled ? '重新装载' : '装载'} allocCache（取反）。`
            : `nextFreeFast finds slot ${f.slot} but declines: taking it would put freeindex on the 64-slot boundary ${f.slot + 1}. The slow path nextFreeIndex takes it and reloads allocCache from the next 8 bytes of allocBits, inverted.`)
        )
      return (
        at +
        (zh
          ? `nextFreeFast：allocCache 有 ${f.ctz} 个尾随 0${f.ctz ? '（已分配的槽位被跳过）' : ''}，取槽位 ${f.beforeFreeindex} + ${f.ctz} = ${f.slot}，缓存右移 ${(f.ctz ?? 0) + 1} 位，freeindex = ${f.freeindex}。`
          : `nextFreeFast: allocCache has ${f.ctz} trailing zero${f.ctz === 1 ? '' : 's'}${f.ctz ? ' (used slots skipped)' : ''}, so it takes slot ${f.beforeFreeindex} + ${f.ctz} = ${f.slot}, shifts the cache right by ${(f.ctz ?? 0) + 1} and sets freeindex to ${f.freeindex}.`)
      )
    }
    case 'drop': {
      const dropped = f.allocated.flatMap((a, i) => (a && !f.held[i] ? [i] : []))
      return (
        at +
        (zh
          ? `程序不再引用槽位 ${list(dropped, zh)} 的对象；在 GC 之前它们仍然是已分配的。`
          : `the program stops referencing the objects in slots ${list(dropped, zh)}; until a GC they stay allocated.`)
      )
    }
    case 'flush':
      return (
        at +
        (zh
          ? `ReadMemStats 清空 P0 的 mcache：span 回到 mcentral 的 ${f.where} 集合。`
          : `ReadMemStats flushes P0’s mcache: the span goes back to mcentral’s ${f.where} set.`)
      )
    case 'mark': {
      const marked = f.gcmarkBits.flatMap((m, i) => (m ? [i] : []))
      return (
        at +
        (zh
          ? `GC 标记仍被引用的 ${marked.length} 个对象（gcmarkBits）；allocBits 不变，span 等待清扫。`
          : `the GC marks the ${marked.length} objects still referenced (gcmarkBits); allocBits is unchanged and the span waits to be swept.`)
      )
    }
    case 'sweep':
      return (
        at +
        (zh
          ? `后台清扫器清扫这个 span：gcmarkBits 成为新的 allocBits，槽位 ${list(freed, zh)} 重新空闲，freeindex 回到 0，allocCache 从 allocBits 的前 8 个字节重新装载。`
          : `the background sweeper sweeps the span: gcmarkBits becomes allocBits, slots ${list(freed, zh)} are free again, freeindex goes back to 0 and allocCache is reloaded from the first 8 bytes of allocBits.`)
      )
  }
}

const CELL = 10
const COLS = 32
const LX = 22 // left margin for row labels

/** Slots in rows of 32 with their allocBits and gcmarkBits, freeindex marked. */
function slotsSVG(f: SpanBitsFrame, locale: Locale): string {
  const rows = Math.ceil(f.nelems / COLS)
  const rowH = CELL * 3 + 14
  const W = LX + COLS * CELL + (COLS / 8 - 1) * 3 + 4
  const H = rows * rowH + 4
  const changed = new Set(f.changed)
  const out: string[] = []
  for (let r = 0; r < rows; r++) {
    const y = 2 + r * rowH
    const first = r * COLS
    const n = Math.min(COLS, f.nelems - first)
    out.push(`<text class="sb-rl" x="${LX - 3}" y="${y + CELL / 2}">${first}</text>`)
    for (let k = 0; k < n; k++) {
      const i = first + k
      const { x } = bitXY({ x: LX, y, cols: COLS, cell: CELL, byteGap: 3 }, k)
      out.push(
        slotSVG(x + 0.5, y, CELL - 1, CELL - 1, slotState(f, i), f.sizeclass, {
          changed: changed.has(i),
          attrs: `data-slot="${i}"`,
        }),
      )
    }
    const ab = f.allocBits.slice(first, first + n)
    const mb = f.gcmarkBits.slice(first, first + n)
    out.push(`<text class="sb-rl" x="${LX - 3}" y="${y + CELL + 2 + CELL / 2}">a</text>`)
    out.push(
      bitGridSVG({
        x: LX,
        y: y + CELL + 2,
        bits: ab.map(Number),
        cols: COLS,
        cell: CELL,
        byteGap: 3,
        digits: false,
      }),
    )
    out.push(`<text class="sb-rl" x="${LX - 3}" y="${y + 2 * CELL + 4 + CELL / 2}">m</text>`)
    out.push(
      bitGridSVG({
        x: LX,
        y: y + 2 * CELL + 4,
        bits: mb.map(Number),
        cols: COLS,
        cell: CELL,
        byteGap: 3,
        digits: false,
      }),
    )
    if (f.freeindex >= first && f.freeindex < first + COLS) {
      const { x } = bitXY({ x: LX, y, cols: COLS, cell: CELL, byteGap: 3 }, f.freeindex - first)
      out.push(`<path class="sb-fi" d="M${x + CELL / 2} ${y + 3 * CELL + 5} l-3.5 6 h7 z"/>`)
    }
  }
  if (f.freeindex >= f.nelems) {
    out.push(`<text class="sb-rl" x="${W - 2}" y="${H - 2}" text-anchor="end">freeindex = nelems</text>`)
  }
  const t = T[locale]
  const alt = `${t.slots}. ${f.allocated.filter(Boolean).length} / ${f.nelems} ${t.state.used}; freeindex ${f.freeindex}.`
  return `<svg class="sb-slots" viewBox="0 0 ${W} ${H + 8}" role="img" aria-label="${e(alt)}">${memoryDefs()}${out.join('')}</svg>`
}

function cacheRows(cache: string, freeindex: number, y: number, label: string, hl?: { ctz: number }): string {
  const bits = Array.from({ length: 64 }, (_, k) => cacheBitOf(cache, freeindex, freeindex + k) ?? 0)
  const highlight = hl ? new Set(Array.from({ length: Math.min(64, hl.ctz + 1) }, (_, k) => k)) : undefined
  return `<text class="sb-rl sb-cl" x="${LX}" y="${y - 5}">${e(label)}</text><text class="sb-rl" x="${LX - 3}" y="${y + CELL / 2}">0</text><text class="sb-rl" x="${LX - 3}" y="${y + CELL + 2 + CELL / 2}">32</text>${bitGridSVG({ x: LX, y, bits, cols: COLS, cell: CELL, byteGap: 3, digits: true, highlight })}`
}

function cacheSVG(f: SpanBitsFrame, locale: Locale): string {
  const t = T[locale]
  const W = LX + COLS * CELL + (COLS / 8 - 1) * 3 + 4
  const fast = f.path === 'fast' && f.ctz !== null
  const showBefore = f.slot >= 0 && !f.cached
  const rows = [
    showBefore
      ? cacheRows(
          f.beforeCache,
          f.beforeFreeindex,
          10,
          `${t.before}: ${t.bit0(f.beforeFreeindex)}${fast ? `, ctz = ${f.ctz}` : ''}`,
          fast ? { ctz: f.ctz as number } : undefined,
        )
      : '',
    cacheRows(f.allocCache, f.freeindex, showBefore ? 46 : 10, `${t.after}: ${t.bit0(f.freeindex)}`),
  ]
  const H = showBefore ? 70 : 34
  const alt = `${t.cache}: ${showBefore ? `${t.before} 0x${f.beforeCache}, ` : ''}${t.after} 0x${f.allocCache}${fast ? `, ctz ${f.ctz}` : ''}`
  return `<svg class="sb-cache" viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(alt)}">${rows.join('')}</svg>`
}

function stripSVG(f: SpanBitsFrame, locale: Locale): string {
  const W = 360
  const strip = spanStripSVG({
    x: 2,
    y: 12,
    width: W - 4,
    height: 16,
    sizeclass: f.sizeclass,
    elemsize: f.elemsize,
    nelems: f.nelems,
    spanBytes: f.spanBytes,
    state: (i) => slotState(f, i),
    changed: new Set(f.changed),
    label: `${hex(f.base)} · ${T[locale].cls} ${f.sizeclass} · ${f.nelems} × ${f.elemsize} B`,
  })
  const sx = (off: number) => 2 + (off / f.spanBytes) * (W - 4)
  const braces: string[] = []
  let end = f.spanBytes
  for (const [bytes, name] of [
    [f.inlineMarkBytes, T[locale].braceMarks],
    [f.heapBitsBytes, T[locale].braceHeap],
  ] as const) {
    if (!bytes) continue
    const x0 = sx(end - bytes)
    const x1 = sx(end)
    const lx = braces.length === 0 ? x1 : x0 - 2
    braces.push(
      `<path class="sb-brace" d="M${x0.toFixed(1)} 30 v3 H${x1.toFixed(1)} v-3"/><text class="sb-tl" x="${lx.toFixed(1)}" y="41">${name}</text>`,
    )
    end -= bytes
  }
  return `<svg class="sb-strip" viewBox="0 0 ${W} 44" role="img" aria-label="${e(`${T[locale].strip}: ${T[locale].tail(f)}`)}">${memoryDefs()}${strip}${braces.join('')}</svg>`
}

function statusHTML(f: SpanBitsFrame, locale: Locale): string {
  const t = T[locale]
  const items: [string, string][] = [
    ['freeindex', String(f.freeindex)],
    ['allocCount', String(f.allocCount)],
    ['allocCache', `0x${f.allocCache}`],
    [t.where, f.where],
    ['nelems', `${f.nelems} · ${t.tail(f)}`],
  ]
  return `<dl class="nb-facts sb-status">${items.map(([k, v]) => `<div><dt>${e(k)}</dt><dd data-field="${e(k === t.where ? 'where' : k)}">${e(v)}</dd></div>`).join('')}</dl>`
}

/** The parts a step changes. */
export function renderView(f: SpanBitsFrame, locale: Locale): string {
  const t = T[locale]
  return `${statusHTML(f, locale)}
<figure class="sb-fig"><figcaption>${e(t.strip)}</figcaption>${stripSVG(f, locale)}</figure>
<figure class="sb-fig"><figcaption>${e(t.cache)}</figcaption>${cacheSVG(f, locale)}</figure>
<figure class="sb-fig"><figcaption>${e(t.slots)}</figcaption>${slotsSVG(f, locale)}</figure>`
}

export function renderTable(f: SpanBitsFrame, locale: Locale): string {
  const t = T[locale]
  const yn = (b: boolean) => (b ? '1' : '0')
  return `<table><thead><tr><th scope="col">${e(t.thSlot)}</th><th scope="col">${e(t.thAddr)}</th><th scope="col">${e(t.thState)}</th><th scope="col">${e(t.thAlloc)}</th><th scope="col">${e(t.thMark)}</th><th scope="col">${e(t.thCache)}</th><th scope="col">${e(t.thHeld)}</th></tr></thead><tbody>${f.allocated
    .map((_, i) => {
      const c = cacheBitOf(f.allocCache, f.freeindex, i)
      return `<tr data-slot="${i}"${i === f.slot ? ' aria-current="true"' : ''}><th scope="row">${i}</th><td>${hex(f.base + i * f.elemsize)}</td><td>${e(t.state[slotState(f, i)])}${i === f.freeindex ? ' ◀ freeindex' : ''}</td><td>${yn(f.allocBits[i] ?? false)}</td><td>${yn(f.gcmarkBits[i] ?? false)}</td><td>${c === null ? '·' : c}</td><td>${f.allocated[i] ? (f.held[i] ? t.yes : t.no) : '—'}</td></tr>`
    })
    .join('')}</tbody></table>`
}

export function stateHref(s: SpanBitsState, step: number, id: string): string {
  return formatFigureHash(id, { size: s.size, pointers: s.pointers, step })
}

export function renderForm(s: SpanBitsState, locale: Locale): string {
  const t = T[locale]
  return `<form class="sb-form" data-part="form"><label>${e(t.size)} <select name="size">${sizes
    .map((z) => `<option value="${z}"${z === s.size ? ' selected' : ''}>${z} B</option>`)
    .join('')}</select></label>
<label><input type="checkbox" name="pointers"${s.pointers ? ' checked' : ''}/> ${e(t.pointers)}</label></form>`
}

/** The run part: control bar, the view, legend, summary, table, link (re-rendered on form change). */
export function renderRun(
  s: SpanBitsState,
  frames: readonly SpanBitsFrame[],
  index: number,
  id: string,
  locale: Locale,
): string {
  const t = T[locale]
  const f = frames[index] as SpanBitsFrame
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(f, index, frames.length, locale), label: t.label, locale })}
<div data-part="view">${renderView(f, locale)}</div>
${stateLegendHTML(locale, ['free', 'used', 'marked', 'swept', 'tail'], f.sizeclass)}
<p class="nb-summary">${e(t.summary(f, frames.length - 1))}</p>
<details class="nb-table-view"><summary>${e(t.table)}</summary><div data-part="table" class="sb-tablebox">${renderTable(f, locale)}</div></details>
<p class="sb-link"><a data-part="link" href="${e(stateHref(s, index, id))}">${e(t.link)}</a></p>`
}

export function renderSpanBits(
  s: SpanBitsState,
  frames: readonly SpanBitsFrame[],
  index: number,
  id: string,
  locale: Locale,
): string {
  return `${renderForm(s, locale)}
<div data-part="run">${renderRun(s, frames, index, id, locale)}</div>`
}
