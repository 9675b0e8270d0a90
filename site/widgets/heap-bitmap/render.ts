/**
 * heap-bitmap renderer: the form (T's words as toggle buttons, the array length, which
 * allocation, the scheme), the object's slot as a strip of words, the metadata bytes holding its
 * bits as bit grids (shared/memory/bits.ts) with each bit labelled by the word it describes, the
 * object's span as a strip (shared/memory/span-strip.ts, class colour, reserved tail hatched),
 * the facts of the scheme, the cost of every scheme for this object (the always-visible table)
 * and a word-by-word table. English or Chinese (`locale`). HeapBitmap.astro prints
 * `renderHeapBitmap()` at build time; element.ts re-renders the parts.
 */
import { escapeHTML as e, fmtInt } from '../shared/html.ts'
import { bitGridSVG } from '../shared/memory/bits.ts'
import { classInk } from '../shared/memory/palette.ts'
import { spanStripSVG } from '../shared/memory/span-strip.ts'
import { memoryDefs, slotSVG } from '../shared/memory/states.ts'
import { formatFigureHash } from '../shared/url-state.ts'
import {
  maxPatternWords,
  presets,
  schemeIds,
  schemeVersions,
  stateParams,
  type BitmapState,
  type BitmapView,
  type BitRole,
  type SchemeId,
  type SchemeView,
  type WordInfo,
} from './model.ts'

export type Locale = 'en' | 'zh'
const hex = (n: number) => `0x${n.toString(16)}`
const num = (n: number) => (Number.isInteger(n) ? fmtInt(n) : n.toFixed(n < 1 ? 3 : 2).replace(/0+$/, ''))

const en = {
  label: 'Where the pointer bits of one object live, by Go version',
  words: 'Words of T (press to switch pointer/scalar)',
  word: 'word',
  addWord: 'Add a word',
  removeWord: 'Remove the last word',
  count: 'Array length n ([n]T)',
  index: 'Which allocation (0 = first)',
  preset: 'Example',
  custom: 'custom',
  scheme: 'Scheme',
  thisPage: 'this page’s Go',
  pointer: 'pointer',
  scalar: 'scalar',
  header: 'type header',
  padding: 'padding',
  object: 'The object’s slot, one box per 8-byte word',
  bytesCap: 'The bytes holding its bits (bit 0 on the left)',
  span: 'Its span',
  noBits: 'No bits in the heap for this object under this scheme.',
  link: 'Link to this object',
  costs: 'What each scheme keeps for this object',
  thScheme: 'Go',
  thWhere: 'where the pointer bits are',
  thBits: 'bits for its slot',
  thBytes: 'bytes for this object',
  thFixed: 'reserved',
  wordsTable: 'Word by word',
  thWord: 'word',
  thAddr: 'address',
  thRole: 'holds',
  thByte: 'bitmap byte',
  thBit: 'bit(s)',
  thVal: 'value',
  presetNames: {
    pointer: '*T (one pointer)',
    string: 'string (pointer, length)',
    slice: '[]T (pointer, len, cap)',
    node: 'struct{ id int; next *T; n int }',
    'pairs-64': '[32]struct{ p *T; x int } (512 B)',
    'pairs-100': '[100]struct{ p *T; x int } (1600 B)',
    bytes: '[512]byte (no pointers)',
    'pointers-5000': '[5000]*T (large)',
  } as Record<string, string>,
  where: {
    'global-bitmap': 'one bitmap below arena_start, 2 bits per word',
    'arena-bitmap2': 'heapArena.bitmap, 2 bits per word',
    'arena-bitmap1': 'heapArena.bitmap, 1 bit per word, + noMorePtrs',
    'span-tail': 'the last 128 B of its span, 1 bit per word',
    header: '8-byte type header in the slot',
    largeType: 'mspan.largeType (the span, not the heap)',
    none: 'nothing: the object has no pointers',
  } as Record<string, string>,
  kinds: {
    pointer: 'pointer bit',
    scan: 'scan bit',
    checkmark: 'checkmark bit',
    noMore: 'noMorePtrs bit',
    mark: 'mark bit',
    scanned: 'scanned bit',
    other: 'other objects',
  } as Record<BitRole['kind'], string>,
  notes: {
    legacy:
      'p = pointer bit, s = scan bit (“more pointers at or after this word”), c = the second word’s high bit, which is the GC’s checkmark bit here, not a scan bit. The bitmap sits below arena_start and grows downward: later words have lower bytes.',
    arena2:
      'The same 2-bit entries, now in each 64 MiB arena’s own bitmap, indexed forwards. Drawn as in Go 1.16–1.19; until 1.15 the second word’s high bit was still the checkmark bit.',
    arena1:
      'One pointer bit per word, 64 words per uintptr of ha.bitmap. n = the noMorePtrs bit of a bitmap word: set when the object’s pointers are over but the object goes on, so the scanner can stop.',
    span: 'Objects ≤ 512 B: one bit per word in the span’s last 128 B. Bigger small objects: the slot’s first word holds the *_type (the header, h). Large objects: the type is in mspan.largeType.',
    greentea:
      'As in 1.22, and every 16–512 B span ends with 128 B of inline mark bits (scans[63], owned, marks[63], class): m = this object’s mark bit, sc = its scanned bit; the heap bits move in front of them.',
  } as Record<SchemeId, string>,
  bitN: (i: number) => `bit ${i}`,
  inUse: (n: number) => `${n} in use`,
  notMaintained: 'not maintained (noscan span)',
  large: 'large',
  cls: 'class',
  braceHeap: 'heap bits',
  braceMarks: 'marks',
  legacyLayout: ', legacy layout',
  perArena: (b: string) => `${b} per 64 MiB arena`,
  perSpan: (b: number) => `${b} B per span`,
  marks: (b: string) => ` + inline marks ${b} B`,
  facts: {
    addr: 'address',
    slot: 'slot',
    cls: 'size class',
    span: 'span',
    arena: 'arena',
    arenaStart: 'arena_start',
    heapBits: 'heap bits',
    marks: 'inline mark bits',
    go: 'allocated with',
  },
  summary: (s: SchemeView, size: number, where: string) =>
    `Go ${s.versions}: a ${size}-byte object (slot ${s.elemsize} B, class ${s.sizeclass}) at ${hex(s.addr)} ${where}` +
    `${num(s.costBytes)} B of pointer metadata${s.markBytes ? ` (+ ${num(s.markBytes)} B of inline mark bits)` : ''}.`,
  /** The summary's middle: an object without pointer bits… */
  summaryNoBits: {
    none: 'has no pointers; ',
    largeType: 'is large: its type sits in mspan.largeType, ',
    header: 'carries an 8-byte type header, ',
  },
  /** …or one whose pointer bits take `n` bytes of `place`. */
  bitsIn: (n: number, place: string) => `has its pointer bits in ${n} byte(s) of ${place}, `,
  bitsPlace: {
    'span-tail': 'its span’s tail',
    'global-bitmap': 'the bitmap below arena_start',
    'arena-bitmap': 'its arena’s bitmap',
  },
  error: 'Not drawn: ',
}

/** The Chinese words: the English table's type, so a missing one fails the type check. */
const zh: typeof en = {
  label: '一个对象的指针位放在哪里（按 Go 版本）',
  words: 'T 的字（按下切换 指针/标量）',
  word: '字',
  addWord: '添加一个字',
  removeWord: '删除最后一个字',
  count: '数组长度 n（[n]T）',
  index: '第几次分配（0 = 第一次）',
  preset: '示例',
  custom: '自定义',
  scheme: '方案',
  thisPage: '本页的 Go 版本',
  pointer: '指针',
  scalar: '标量',
  header: '类型头',
  padding: '填充',
  object: '对象所在的槽位，每个方框是一个 8 字节的字',
  bytesCap: '存放它的位的字节（第 0 位在最左）',
  span: '它所在的 span',
  noBits: '在这个方案下，堆里没有这个对象的位。',
  link: '链接到这个对象',
  costs: '每种方案为这个对象保存了什么',
  thScheme: 'Go',
  thWhere: '指针位在哪里',
  thBits: '槽位的位数',
  thBytes: '这个对象的字节数',
  thFixed: '预留',
  wordsTable: '逐字列表',
  thWord: '字',
  thAddr: '地址',
  thRole: '内容',
  thByte: '位图字节',
  thBit: '位',
  thVal: '值',
  presetNames: {
    pointer: '*T（一个指针）',
    string: 'string（指针、长度）',
    slice: '[]T（指针、len、cap）',
    node: 'struct{ id int; next *T; n int }',
    'pairs-64': '[32]struct{ p *T; x int }（512 B）',
    'pairs-100': '[100]struct{ p *T; x int }（1600 B）',
    bytes: '[512]byte（没有指针）',
    'pointers-5000': '[5000]*T（大对象）',
  },
  where: {
    'global-bitmap': 'arena_start 之下的一张位图，每字 2 位',
    'arena-bitmap2': 'heapArena.bitmap，每字 2 位',
    'arena-bitmap1': 'heapArena.bitmap，每字 1 位，外加 noMorePtrs',
    'span-tail': '所在 span 的最后 128 B，每字 1 位',
    header: '槽位里 8 字节的类型头',
    largeType: 'mspan.largeType（在 span 结构里，不在堆里）',
    none: '没有：对象不含指针',
  },
  kinds: {
    pointer: '指针位',
    scan: '扫描位',
    checkmark: 'checkmark 位',
    noMore: 'noMorePtrs 位',
    mark: '标记位',
    scanned: '已扫描位',
    other: '其他对象',
  },
  notes: {
    legacy:
      'p = 指针位，s = 扫描位（“这个字及之后还有指针”），c = 第二个字的高位，在这里是 GC 的 checkmark 位而不是扫描位。位图在 arena_start 之下，向低地址增长：越靠后的字，字节地址越低。',
    arena2:
      '同样的 2 位条目，改放在每个 64 MiB arena 自己的位图里，正向索引。图中按 Go 1.16–1.19 画出；到 1.15 为止，第二个字的高位仍是 checkmark 位。',
    arena1:
      '每个字 1 个指针位，ha.bitmap 的每个 uintptr 覆盖 64 个字。n = 位图字的 noMorePtrs 位：对象的指针已经结束而对象还在继续时置位，扫描器可以就此停下。',
    span: '不超过 512 B 的对象：在所在 span 的最后 128 B 里每字 1 位。更大的小对象：槽位的第一个字存放 *_type（分配头，h）。大对象：类型记在 mspan.largeType 里。',
    greentea:
      '与 1.22 相同，另外每个 16–512 B 的 span 末尾有 128 B 内联标记位（scans[63]、owned、marks[63]、class）：m = 这个对象的标记位，sc = 它的已扫描位；堆位移到它们前面。',
  },
  bitN: (i) => `第 ${i} 位`,
  inUse: (n) => `已分配 ${n} 个`,
  notMaintained: '不维护（noscan span）',
  large: '大对象',
  cls: 'size class',
  braceHeap: '堆位',
  braceMarks: '标记位',
  legacyLayout: '，旧布局',
  perArena: (b) => `每个 64 MiB arena ${b}`,
  perSpan: (b) => `每个 span ${b} B`,
  marks: (b) => ` + 内联标记位 ${b} B`,
  facts: {
    addr: '地址',
    slot: '槽位',
    cls: 'size class',
    span: 'span',
    arena: 'arena',
    arenaStart: 'arena_start',
    heapBits: '堆位',
    marks: '内联标记位',
    go: '分配所用版本',
  },
  summary: (s, size, where) =>
    `Go ${s.versions}：一个 ${size} 字节的对象（槽位 ${s.elemsize} B，size class ${s.sizeclass}）位于 ${hex(s.addr)}，${where}` +
    `指针元数据共 ${num(s.costBytes)} B${s.markBytes ? `（另有 ${num(s.markBytes)} B 内联标记位）` : ''}。`,
  summaryNoBits: {
    none: '不含指针；',
    largeType: '是大对象：类型记在 mspan.largeType 里，',
    header: '带一个 8 字节的类型头，',
  },
  bitsIn: (n, place) => `指针位在${place}的 ${n} 个字节里，`,
  bitsPlace: {
    'span-tail': '所在 span 尾部',
    'global-bitmap': 'arena_start 之下的位图',
    'arena-bitmap': '所在 arena 的位图',
  },
  error: '无法绘制：',
}

const T = { en, zh }

const schemeLabel = (id: SchemeId) => `Go ${schemeVersions[id]}`
const whereKey = (s: SchemeView) =>
  s.where === 'arena-bitmap' ? (s.id === 'arena1' ? 'arena-bitmap1' : 'arena-bitmap2') : s.where

function presetOf(st: BitmapState): string {
  for (const [k, p] of Object.entries(presets)) if (p.pattern === st.pattern && p.count === st.count) return k
  return ''
}

/** T's words as toggle buttons, plus add/remove (the `type` part). */
export function renderTypeWords(st: BitmapState, locale: Locale): string {
  const t = T[locale]
  const btns = [...st.pattern]
    .map(
      (c, i) =>
        // The name is the visible text ("0 p") after a hidden "word"; pressed = the word is a pointer.
        `<button type="button" class="hb-tw${c === 'p' ? ' hb-tw-p' : ''}" data-word="${i}" aria-pressed="${c === 'p'}"><span><span class="nb-visually-hidden">${e(t.word)} </span>${i}</span> <span>${c === 'p' ? 'p' : 's'}</span></button>`,
    )
    .join('')
  return `<span class="hb-twlabel" id="hb-twl">${e(t.words)}</span><span class="hb-tws" role="group" aria-labelledby="hb-twl">${btns}<button type="button" data-act="add" aria-label="${e(t.addWord)}"${st.pattern.length >= maxPatternWords ? ' disabled' : ''}>+</button><button type="button" data-act="remove" aria-label="${e(t.removeWord)}"${st.pattern.length <= 1 ? ' disabled' : ''}>−</button></span>`
}

export function renderForm(v: BitmapView, locale: Locale): string {
  const t = T[locale]
  const st = v.state
  const cur = presetOf(st)
  const opts = [`<option value=""${cur === '' ? ' selected' : ''}>${e(t.custom)}</option>`]
    .concat(
      Object.keys(presets).map(
        (k) => `<option value="${k}"${k === cur ? ' selected' : ''}>${e(t.presetNames[k] ?? k)}</option>`,
      ),
    )
    .join('')
  const radios = schemeIds
    .map(
      (id) =>
        `<label class="hb-radio"><input type="radio" name="scheme" value="${id}"${id === v.shown ? ' checked' : ''}/> ${e(schemeLabel(id))}${id === v.pageScheme ? ` <span class="hb-here">(${e(t.thisPage)})</span>` : ''}</label>`,
    )
    .join('')
  return `<form class="hb-form" data-part="form">
<label>${e(t.preset)} <select name="preset">${opts}</select></label>
<div class="hb-type" data-part="type">${renderTypeWords(st, locale)}</div>
<div class="nb-inputs hb-nums"><label>${e(t.count)} <input name="count" type="number" inputmode="numeric" min="1" max="131072" value="${e(String(st.count))}"/></label>
<label>${e(t.index)} <input name="index" type="number" inputmode="numeric" min="0" max="1023" value="${e(String(st.index))}"/></label></div>
<fieldset class="hb-schemes"><legend>${e(t.scheme)}</legend>${radios}</fieldset>
</form>`
}

const roleText = (w: WordInfo, locale: Locale) => {
  const t = T[locale]
  return w.role === 'pointer'
    ? t.pointer
    : w.role === 'scalar'
      ? t.scalar
      : w.role === 'header'
        ? t.header
        : t.padding
}

/** The slot's words as boxes (pointer words filled in the class colour, "p"/"s" printed). */
function objectSVG(s: SchemeView, locale: Locale): string {
  const n = s.words.length
  const cols = Math.min(16, n)
  const cell = 22
  const rows = Math.ceil(n / cols)
  const W = cols * cell + 4
  const H = rows * (cell + 12) + 2
  const parts: string[] = []
  s.words.forEach((w, i) => {
    const x = 2 + (i % cols) * cell
    const y = 2 + Math.floor(i / cols) * (cell + 12)
    const state = w.role === 'pointer' ? 'used' : w.role === 'scalar' ? 'free' : 'tail'
    parts.push(slotSVG(x, y, cell - 2, cell - 2, state, s.sizeclass, { attrs: `data-word="${w.word}"` }))
    const letter = w.role === 'pointer' ? 'p' : w.role === 'scalar' ? 's' : w.role === 'header' ? 'h' : ''
    if (letter)
      parts.push(
        `<text class="hb-wl" x="${x + (cell - 2) / 2}" y="${y + (cell - 2) / 2}"${w.role === 'pointer' ? ` style="fill:${classInk(s.sizeclass)}"` : ''}>${letter}</text>`,
      )
    parts.push(`<text class="hb-wi" x="${x + (cell - 2) / 2}" y="${y + cell + 6}">${w.word}</text>`)
  })
  const label = `${T[locale].object}: ${s.words.map((w) => `${w.word} ${roleText(w, locale)}`).join(', ')}${s.slotWords > n ? ` … (${s.slotWords})` : ''}`
  return `<svg class="hb-obj" viewBox="0 0 ${W} ${H}" width="${W}" role="img" aria-label="${e(label)}">${memoryDefs()}${parts.join('')}</svg>`
}

const kindShort: Record<BitRole['kind'], string> = {
  pointer: 'p',
  scan: 's',
  checkmark: 'c',
  noMore: 'n',
  mark: 'm',
  scanned: 'sc',
  other: '',
}

/** The metadata bytes as rows of 8 bits with labels "p3" (pointer bit of word 3) etc. */
function bytesSVG(s: SchemeView, locale: Locale): string {
  const t = T[locale]
  if (s.bytes.length === 0) return `<p class="hb-none">${e(t.noBits)}</p>`
  const cell = 16
  const labelW = 150
  const rowH = cell + 14
  const W = labelW + 8 * cell + 8
  const H = s.bytes.length * rowH + 4
  const rows = s.bytes.map((b, r) => {
    const y = 2 + r * rowH
    const bits = b.bits.map((x) => (x.value === 1 ? 1 : 0))
    const grid = bitGridSVG({ x: labelW, y, bits, cols: 8, cell, byteGap: 0, digits: true })
    const labels = b.bits
      .map((x, i) =>
        x.kind === 'other'
          ? ''
          : `<text class="hb-bl${x.value === null ? ' hb-nm' : ''}" x="${labelW + i * cell + cell / 2}" y="${y + cell + 8}">${kindShort[x.kind]}${x.kind === 'mark' || x.kind === 'scanned' ? '' : x.word}</text>`,
      )
      .join('')
    const others = b.bits
      .map((x, i) =>
        x.kind === 'other'
          ? `<rect class="hb-other" x="${labelW + i * cell + 1}" y="${y + 1}" width="${cell - 2}" height="${cell - 2}"/>`
          : '',
      )
      .join('')
    return `<g data-byte="${e(b.name)}"><text class="hb-bn" x="${labelW - 6}" y="${y + cell / 2}">${e(b.name)}</text>${grid}${others}${labels}</g>`
  })
  const desc = s.bytes
    .map(
      (b) =>
        `${b.name}: ${b.bits
          .map((x, i) =>
            x.kind === 'other'
              ? ''
              : `${t.bitN(i)} ${t.kinds[x.kind]}${x.kind === 'mark' || x.kind === 'scanned' ? '' : ` ${t.word} ${x.word}`} = ${x.value ?? '—'}`,
          )
          .filter(Boolean)
          .join(', ')}`,
    )
    .join('; ')
  return `<svg class="hb-bytes" viewBox="0 0 ${W} ${H}" width="${W}" role="img" aria-label="${e(`${t.bytesCap}. ${desc}`)}">${parts(rows)}</svg>`
}
const parts = (a: string[]) => a.join('')

/** The object's span at address scale: slots 0..slotIndex in use, the reserved tail hatched. */
function spanSVG(s: SchemeView, locale: Locale): string {
  const W = 360
  const H = 44
  const strip = spanStripSVG({
    x: 2,
    y: 14,
    width: W - 4,
    height: 18,
    sizeclass: s.sizeclass,
    elemsize: s.elemsize,
    nelems: s.nelems,
    spanBytes: s.spanBytes,
    state: (i) => (i <= s.slotIndex ? 'used' : 'free'),
    changed: new Set([s.slotIndex]),
    label: `${T[locale].span} ${hex(s.spanBase)} · ${s.sizeclass === 0 ? T[locale].large : `${T[locale].cls} ${s.sizeclass}`} · ${s.nelems} × ${s.elemsize} B`,
  })
  const marks: string[] = []
  const sx = (off: number) => 2 + (off / s.spanBytes) * (W - 4)
  for (const [r, name] of [
    [s.tailHeapBits, T[locale].braceHeap],
    [s.tailMarks, T[locale].braceMarks],
  ] as const) {
    if (!r) continue
    const x0 = sx(r.base - s.spanBase)
    const x1 = sx(r.base - s.spanBase + r.size)
    marks.push(
      `<path class="hb-brace" d="M${x0.toFixed(1)} 35 v3 H${x1.toFixed(1)} v-3"/><text class="hb-tl" x="${x1.toFixed(1)}" y="${H - 1}">${name}</text>`,
    )
  }
  return `<svg class="hb-span" viewBox="0 0 ${W} ${H + 8}" role="img" aria-label="${e(`${T[locale].span} ${hex(s.spanBase)}: ${s.nelems} × ${s.elemsize} B, ${T[locale].inUse(s.slotIndex + 1)}`)}">${memoryDefs()}${strip}${marks.join('')}</svg>`
}

function factsHTML(s: SchemeView, locale: Locale): string {
  const f = T[locale].facts
  const items: [string, string][] = [
    [f.addr, hex(s.addr)],
    [f.slot, `${hex(s.slot)} · ${s.elemsize} B`],
    [f.cls, s.sizeclass === 0 ? T[locale].large : String(s.sizeclass)],
    [f.span, `${hex(s.spanBase)} · ${s.spanBytes / 8192} × 8 KiB`],
  ]
  if (s.id === 'legacy') items.push([f.arenaStart, hex(s.arenaBase)])
  else if (s.id === 'arena2' || s.id === 'arena1') items.push([f.arena, hex(s.arenaBase)])
  if (s.tailHeapBits) items.push([f.heapBits, `${hex(s.tailHeapBits.base)} · 128 B`])
  if (s.tailMarks) items.push([f.marks, `${hex(s.tailMarks.base)} · 128 B`])
  items.push([f.go, `core goVersion ${s.goVersion}${s.layout === 'legacy' ? T[locale].legacyLayout : ''}`])
  return `<dl class="nb-facts hb-facts">${items.map(([k, val]) => `<div><dt>${e(k)}</dt><dd>${e(val)}</dd></div>`).join('')}</dl>`
}

/** Everything about the shown scheme (the `view` part). */
export function renderView(v: BitmapView, locale: Locale): string {
  const t = T[locale]
  if (v.error) return `<p class="hb-error" role="alert">${e(t.error + v.error)}</p>`
  const s = v.schemes.find((x) => x.id === v.shown) as SchemeView
  return `<h3 class="hb-title" data-scheme="${s.id}">${e(schemeLabel(s.id))}: ${e(t.where[whereKey(s)] ?? '')}</h3>
<p class="hb-note">${e(t.notes[s.id] ?? '')}</p>
${factsHTML(s, locale)}
<div class="hb-pics"><figure><figcaption>${e(t.object)}</figcaption>${objectSVG(s, locale)}</figure>
<figure><figcaption>${e(t.bytesCap)}</figcaption>${bytesSVG(s, locale)}</figure>
<figure><figcaption>${e(t.span)}</figcaption>${spanSVG(s, locale)}</figure></div>`
}

export function renderCosts(v: BitmapView, locale: Locale): string {
  const t = T[locale]
  if (v.error) return ''
  const rows = v.schemes
    .map((s) => {
      const bits =
        s.where === 'span-tail'
          ? s.slotWords
          : s.id === 'legacy' || s.id === 'arena2'
            ? 2 * s.slotWords
            : s.id === 'arena1'
              ? s.slotWords + s.slotWords / 64
              : 0
      const fixed =
        s.id === 'legacy' || s.id === 'arena2' || s.id === 'arena1'
          ? t.perArena(s.perArenaBytes === 2 ** 21 ? '2 MiB' : '1 MiB + 16 KiB')
          : [s.tailHeapBits ? t.perSpan(128) : '', s.tailMarks ? t.marks('128') : '']
              .filter(Boolean)
              .join('') || '—'
      const here = s.id === v.pageScheme
      return `<tr data-scheme="${s.id}"${s.id === v.shown ? ' aria-current="true"' : ''}><th scope="row">${e(schemeVersions[s.id])}${here ? ` <span class="hb-here">(${e(t.thisPage)})</span>` : ''}</th><td>${e(t.where[whereKey(s)] ?? '')}</td><td>${num(bits)}</td><td data-cost="${s.costBytes}">${num(s.costBytes)}${s.markBytes ? ` + ${num(s.markBytes)}` : ''}</td><td>${e(fixed)}</td></tr>`
    })
    .join('')
  return `<table class="hb-costs"><caption>${e(t.costs)}</caption><thead><tr><th scope="col">${e(t.thScheme)}</th><th scope="col">${e(t.thWhere)}</th><th scope="col">${e(t.thBits)}</th><th scope="col">${e(t.thBytes)}</th><th scope="col">${e(t.thFixed)}</th></tr></thead><tbody>${rows}</tbody></table>`
}

export function renderWordsTable(v: BitmapView, locale: Locale): string {
  const t = T[locale]
  if (v.error) return ''
  const s = v.schemes.find((x) => x.id === v.shown) as SchemeView
  const val = (w: WordInfo) =>
    w.ptrBit === null
      ? '—'
      : w.ptrValue === null
        ? t.notMaintained
        : `${w.ptrValue}${w.scanBit === null ? '' : ` / ${w.scanValue}`}`
  return `<table><thead><tr><th scope="col">${e(t.thWord)}</th><th scope="col">${e(t.thAddr)}</th><th scope="col">${e(t.thRole)}</th><th scope="col">${e(t.thByte)}</th><th scope="col">${e(t.thBit)}</th><th scope="col">${e(t.thVal)}</th></tr></thead><tbody>${s.words
    .map(
      (w) =>
        `<tr data-word="${w.word}"><th scope="row">${w.word}</th><td>${hex(w.addr)}</td><td>${e(roleText(w, locale))}</td><td>${e(w.byteName || '—')}</td><td>${w.ptrBit === null ? '—' : `${w.ptrBit}${w.scanBit === null ? '' : ` / ${w.scanBit}`}`}</td><td>${e(val(w))}</td></tr>`,
    )
    .join('')}</tbody></table>`
}

export function summaryText(v: BitmapView, locale: Locale): string {
  const t = T[locale]
  if (v.error) return t.error + v.error
  const s = v.schemes.find((x) => x.id === v.shown) as SchemeView
  const where =
    s.where === 'none' || s.where === 'largeType' || s.where === 'header'
      ? t.summaryNoBits[s.where]
      : t.bitsIn(s.bytes.filter((b) => b.bits.some((x) => x.kind === 'pointer')).length, t.bitsPlace[s.where])
  return t.summary(s, v.size, where)
}

export function stateHref(v: BitmapView, id: string): string {
  return formatFigureHash(id, stateParams(v.state))
}

export function renderHeapBitmap(v: BitmapView, id: string, locale: Locale): string {
  const t = T[locale]
  return `<p class="nb-visually-hidden">${e(t.label)}</p>
${renderForm(v, locale)}
<p class="nb-summary" data-part="summary" aria-live="polite">${e(summaryText(v, locale))}</p>
<div data-part="view">${renderView(v, locale)}</div>
<div class="hb-costbox" data-part="costs">${renderCosts(v, locale)}</div>
<details class="nb-table-view"><summary>${e(t.wordsTable)}</summary><div data-part="table">${renderWordsTable(v, locale)}</div></details>
<p class="hb-link"><a data-part="link" href="${e(stateHref(v, id))}">${e(t.link)}</a></p>`
}
