/**
 * heap-bitmap model (pure, no DOM): where the garbage collector finds the pointer bits of one
 * object, in each of the schemes Go has used, and what each scheme costs for that object.
 *
 * The reader describes a type T by its 8-byte words (pointer or scalar) and allocates
 * `[count]T`; the object is the `index`-th allocation of that type on a fresh @go-alloc/core
 * Runtime of the scheme's Go version, so its address, slot, span and class come from the
 * simulator. The bit positions are then Go's own address arithmetic for each scheme:
 *
 * - Go 1.7–1.10 (`legacy`): one bitmap below arena_start, 2 bits per heap word, growing
 *   downward: word w = (addr − arena_start)/8 lives in byte arena_start − 1 − w/4, pointer bit at
 *   w%4, scan bit at w%4 + 4 (core `heapBitsForAddr`, Go 1.10 mbitmap.go). The high bit of an
 *   object's second word is the GC checkmark bit, not a scan bit (until 1.16).
 * - Go 1.11–1.19 (`arena2`): the same 2-bit format, but each 64 MiB heapArena carries its own
 *   bitmap: ha.bitmap[(addr/32) % 2 MiB], shift (addr/8) & 3 (Go 1.19 mbitmap.go heapBitsForAddr).
 *   The scan ("more pointers follow") bit is 1 for every word up to the last pointer word.
 * - Go 1.20–1.21 (`arena1`): 1 bit per word in ha.bitmap[131072]uintptr, word
 *   w = addr/8 % 2^23 at bit w%64 of ha.bitmap[w/64] (little-endian bytes), plus a noMorePtrs
 *   bit per bitmap word: set for every bitmap word, from the one holding the object's last
 *   pointer-prefix bit, that the object continues past (Go's writeHeapBits.flush; the file
 *   survives as Go 1.22's mbitmap_noallocheaders.go).
 * - Go 1.22–1.25 (`span`): allocation headers. Pointerful objects ≤ 512 B keep 1 bit per word in
 *   the last 128 B of their one-page span: word o = (x − span base)/8 at bit o%64 of the o/64-th
 *   uintptr there (writeHeapBitsSmall writes elemsize/8 bits: T's mask tiled over the object,
 *   zero for the rest of the slot); bigger small objects carry an 8-byte *_type header in the
 *   slot's first word; large objects keep the type in mspan.largeType.
 * - Go 1.26+ (`greentea`): as 1.22, and every 16–512 B span (scan or noscan) ends with 128 B of
 *   inline mark bits (spanInlineMarkBits: scans[63], owned, marks[63], class); the heap bits move
 *   to just before them. Object i's mark bit is marks[i/8] bit i%8.
 *
 * Costs are the bytes of pointer metadata attributable to the object: its words' share of a
 * bitmap (2 or 1 bit per word of its slot, + the noMorePtrs share), its bits in the span tail,
 * or its 8-byte header; the inline mark bits are counted separately (they are mark bits).
 */
import { coreGoVersion } from '../shared/core-version.ts'
import { Runtime, hasMallocHeader, heapBitsForAddr, maxSmallAllocSize, type GoVersion } from '@go-alloc/core'

export type SchemeId = 'legacy' | 'arena2' | 'arena1' | 'span' | 'greentea'
export const schemeIds: readonly SchemeId[] = ['legacy', 'arena2', 'arena1', 'span', 'greentea']

/** Go releases each scheme covers (for labels). */
export const schemeVersions: Record<SchemeId, string> = {
  legacy: '1.7–1.10',
  arena2: '1.11–1.19',
  arena1: '1.20–1.21',
  span: '1.22–1.25',
  greentea: '1.26+',
}

/** The scheme a Go release of the site uses. */
export function schemeOf(v: string): SchemeId {
  const m = /^1\.(\d+)$/.exec(v)
  const minor = m ? Number(m[1]) : 27
  if (minor <= 10) return 'legacy'
  if (minor <= 19) return 'arena2'
  if (minor <= 21) return 'arena1'
  if (minor <= 25) return 'span'
  return 'greentea'
}

const ptrSize = 8
const pageSize = 8192
const arenaBytes = 64 * 1024 * 1024
const arena2BitmapBytes = arenaBytes / 32 // heapArenaBitmapBytes (2 bits per word)
const arenaWords = arenaBytes / ptrSize
const arena1BitmapWords = arenaWords / 64 // heapArenaBitmapWords (1 bit per word)
/** Go 1.7–1.10 arena_start (= mheap_.bitmap, the bitmap's high end) on linux/amd64. */
export const legacyArenaStart = 0xc420000000
const spanTailHeapBits = pageSize / ptrSize / 8 // 128
const inlineMarkBitsBytes = 128 // unsafe.Sizeof(spanInlineMarkBits{})

export interface BitmapState {
  /** T's words, 'p' = pointer, 's' = scalar (1..64 words). */
  pattern: string
  /** Array length: the object is [count]T. */
  count: number
  /** Which allocation of this type to show (0 = the first). */
  index: number
  /** The scheme shown in detail; null = the scheme of the page's Go version. */
  scheme: SchemeId | null
}

export const initialState: BitmapState = { pattern: 'sps', count: 1, index: 1, scheme: null }
export const maxPatternWords = 64
export const maxObjectBytes = 1 << 20
/** Words drawn one by one (the rest are summarised). */
export const maxShownWords = 64

/** One bit of a bitmap byte: what it says about which word. */
export interface BitRole {
  /** Word of the slot it describes (−1: another object's or unused). */
  word: number
  kind: 'pointer' | 'scan' | 'checkmark' | 'noMore' | 'mark' | 'scanned' | 'other'
  value: 0 | 1 | null
}

/** A byte of metadata the scheme uses for this object, with its 8 bits (bit 0 first). */
export interface MetaByte {
  /** Address, or null when the byte is off-heap (a heapArena field): then `name` says where. */
  addr: number | null
  name: string
  bits: BitRole[]
}

export interface WordInfo {
  /** Word index in the slot. */
  word: number
  addr: number
  role: 'pointer' | 'scalar' | 'header' | 'padding'
  /** Where its bits are: a byte (address or name) and bit numbers; null when the scheme keeps none. */
  byteAddr: number | null
  byteName: string
  ptrBit: number | null
  scanBit: number | null
  /** The bits' values: pointer bit, scan/checkmark bit (null: not kept / not maintained). */
  ptrValue: 0 | 1 | null
  scanValue: 0 | 1 | null
}

export interface SchemeView {
  id: SchemeId
  versions: string
  /** Core version the object was allocated with. */
  goVersion: GoVersion
  layout: 'legacy' | 'arenas'
  addr: number
  slot: number
  elemsize: number
  sizeclass: number
  spanBase: number
  spanBytes: number
  nelems: number
  /** Index of the object's slot in its span. */
  slotIndex: number
  header: boolean
  large: boolean
  /** Which mechanism holds the pointer information. */
  where: 'global-bitmap' | 'arena-bitmap' | 'span-tail' | 'header' | 'largeType' | 'none'
  /** Words shown (≤ maxShownWords) and the slot's word count. */
  words: WordInfo[]
  slotWords: number
  /** Metadata bytes touched for this object, in address (or index) order. */
  bytes: MetaByte[]
  /** Bytes of pointer metadata for this object. */
  costBytes: number
  /** Inline mark bytes for this object (1.26+: 128 / nelems), else 0. */
  markBytes: number
  /** Bytes the span reserves at its tail: heap bits, inline marks. */
  tailHeapBits: { base: number; size: number } | null
  tailMarks: { base: number; size: number } | null
  /** Arena (1.11+): base and index; legacy: arena_start. */
  arenaBase: number
  /** Bitmap bytes per 64 MiB of heap under this scheme (whole-heap schemes). */
  perArenaBytes: number
}

export interface BitmapView {
  state: BitmapState
  error: string | null
  size: number
  typeWords: number
  noscan: boolean
  /** Word indexes (in the object) that hold pointers, up to maxShownWords. */
  pageScheme: SchemeId
  shown: SchemeId
  schemes: SchemeView[]
}

/** Version of the core Runtime used to place the object under a scheme. */
export function runtimeVersionFor(id: SchemeId, page: GoVersion): GoVersion {
  if (schemeOf(page) === id) return coreGoVersion(page)
  const rep = {
    legacy: '1.21',
    arena2: '1.21',
    arena1: '1.21',
    span: '1.22',
    greentea: '1.27',
  } as const
  return coreGoVersion(rep[id])
}

/** Parse the pattern: 'p'/'s' (also '1'/'0', '*'/'-'); null when invalid. */
export function parsePattern(raw: string): string | null {
  const s = raw
    .trim()
    .toLowerCase()
    .replace(/[1*]/g, 'p')
    .replace(/[0\-.]/g, 's')
  if (s.length < 1 || s.length > maxPatternWords || /[^ps]/.test(s)) return null
  return s
}

/** Pointer bit of word w of [count]T (w counted from the object start, not the slot). */
export function isPointerWord(pattern: string, count: number, w: number): boolean {
  const n = pattern.length
  if (w < 0 || w >= n * count) return false
  return pattern[w % n] === 'p'
}

/** Words up to and including the last pointer word of [count]T (Go's ptrdata / 8); 0 if none. */
export function ptrDataWords(pattern: string, count: number): number {
  const last = pattern.lastIndexOf('p')
  if (last < 0) return 0
  return (count - 1) * pattern.length + last + 1
}

function makeRuntime(id: SchemeId, v: GoVersion): Runtime {
  return new Runtime(id === 'legacy' ? { layout: 'legacy', goVersion: v } : { goVersion: v })
}

function checkState(s: BitmapState): string | null {
  if (parsePattern(s.pattern) === null)
    return `pattern: 1 to ${maxPatternWords} words, each p (pointer) or s (scalar); got ${JSON.stringify(s.pattern)}`
  if (!Number.isInteger(s.count) || s.count < 1)
    return `count: a whole number of elements ≥ 1; got ${String(s.count)}`
  if (s.count * s.pattern.length * ptrSize > maxObjectBytes)
    return `count: [${s.count}]T is ${s.count * s.pattern.length * ptrSize} bytes; this figure stops at ${maxObjectBytes} (1 MiB)`
  if (!Number.isInteger(s.index) || s.index < 0 || s.index > 1023)
    return `index: which allocation to show, 0..1023; got ${String(s.index)}`
  return null
}

const hexAddr = (n: number): string => '0x' + n.toString(16)

/** The view of one scheme for a valid state (throws only on internal errors). */
export function schemeView(s: BitmapState, id: SchemeId, page: GoVersion): SchemeView {
  const pattern = s.pattern
  const typeWords = pattern.length
  const size = typeWords * s.count * ptrSize
  const ptrWords = ptrDataWords(pattern, s.count)
  const noscan = ptrWords === 0
  const v = runtimeVersionFor(id, page)
  const rt = makeRuntime(id, v)
  let addr = 0
  const large = size > maxSmallAllocSize(v)
  const reps = large ? 1 : s.index + 1
  for (let i = 0; i < reps; i++) addr = rt.malloc(size, { noscan })
  const span = rt.spanOf(addr)
  if (!span) throw new Error(`heap-bitmap: no span for ${hexAddr(addr)}`)
  const header = !large && hasMallocHeader(size, noscan, v)
  const elemsize = span.elemsize
  const slotWords = elemsize / ptrSize
  const slotIndex = Math.floor((addr - span.base) / elemsize)
  const slot = span.base + slotIndex * elemsize
  const spanBytes = span.npages * pageSize
  // Words of the slot before the object: the 1.22+ type header, or an earlier tiny object.
  const hdrWords = (addr - slot) / ptrSize
  /** Pointer bit of slot word w as the scheme's bitmap would hold it. */
  const ptrAt = (w: number): boolean => isPointerWord(pattern, s.count, w - hdrWords)
  const roleOf = (w: number): WordInfo['role'] => {
    if (w < hdrWords) return header ? 'header' : 'padding'
    if (w - hdrWords >= typeWords * s.count) return 'padding'
    return ptrAt(w) ? 'pointer' : 'scalar'
  }
  const shown = Math.min(slotWords, maxShownWords)
  const words: WordInfo[] = []
  const bytes = new Map<string, MetaByte>()
  const touch = (key: string, addrOrNull: number | null, name: string): MetaByte => {
    let b = bytes.get(key)
    if (!b) {
      b = {
        addr: addrOrNull,
        name,
        bits: Array.from({ length: 8 }, () => ({ word: -1, kind: 'other' as const, value: null })),
      }
      bytes.set(key, b)
    }
    return b
  }
  let where: SchemeView['where'] = 'none'
  let costBytes = 0
  let markBytes = 0
  let tailHeapBits: SchemeView['tailHeapBits'] = null
  let tailMarks: SchemeView['tailMarks'] = null
  let arenaBase = 0
  let perArenaBytes = 0
  const snapArena = (): number => {
    const a = rt.snapshot().arenas.find((x) => x.base <= addr && addr < x.base + arenaBytes)
    if (!a) throw new Error(`heap-bitmap: no arena holds ${hexAddr(addr)}`)
    return a.base
  }

  if (id === 'legacy' || id === 'arena2') {
    where = id === 'legacy' ? 'global-bitmap' : 'arena-bitmap'
    arenaBase = id === 'legacy' ? legacyArenaStart : snapArena()
    perArenaBytes = arenaBytes / 32
    costBytes = (slotWords * 2) / 8
    for (let w = 0; w < shown; w++) {
      const a = slot + w * ptrSize
      const p = ptrAt(w)
      // The high bit: "more pointers at or after this word" (checkmark bit in word 1 before 1.16).
      const scanRole: BitRole['kind'] = id === 'legacy' && w === 1 ? 'checkmark' : 'scan'
      const scan = scanRole === 'checkmark' ? 0 : w < hdrWords + ptrWords ? 1 : 0
      const ptrV: 0 | 1 | null = noscan ? null : p ? 1 : 0
      const scanV: 0 | 1 | null = noscan ? null : (scan as 0 | 1)
      let byteAddr: number | null
      let name: string
      let shift: number
      if (id === 'legacy') {
        const hb = heapBitsForAddr(a)
        byteAddr = hb.byteAddr
        shift = hb.shift
        name = hexAddr(byteAddr)
      } else {
        const idx = Math.floor(a / (ptrSize * 4)) % arena2BitmapBytes
        shift = Math.floor(a / ptrSize) % 4
        byteAddr = null
        name = `ha.bitmap[${idx}]`
      }
      const b = touch(name, byteAddr, name)
      b.bits[shift] = { word: w, kind: 'pointer', value: ptrV }
      b.bits[shift + 4] = { word: w, kind: scanRole, value: scanV }
      words.push({
        word: w,
        addr: a,
        role: roleOf(w),
        byteAddr,
        byteName: name,
        ptrBit: shift,
        scanBit: shift + 4,
        ptrValue: ptrV,
        scanValue: scanV,
      })
    }
  } else if (id === 'arena1') {
    where = 'arena-bitmap'
    arenaBase = snapArena()
    perArenaBytes = arena1BitmapWords * 8 + arena1BitmapWords / 8
    costBytes = slotWords / 8 + slotWords / 64 / 8
    const start = Math.floor(slot / ptrSize) % arenaWords
    const endWord = start + slotWords // exclusive, in arena words
    const lastPrefix = start + hdrWords + Math.max(ptrWords, 1) - 1
    const firstNoMore = Math.floor(lastPrefix / 64)
    const lastBitmapWord = Math.floor((endWord - 1) / 64)
    for (let w = 0; w < shown; w++) {
      const wi = start + w
      const idx = Math.floor(wi / 64)
      const off = wi % 64
      const byteIdx = idx * 8 + Math.floor(off / 8)
      const name = `ha.bitmap[${idx}] byte ${off >> 3}`
      const ptrV: 0 | 1 = !noscan && ptrAt(w) ? 1 : 0
      const b = touch(`b${byteIdx}`, null, name)
      b.bits[off % 8] = { word: w, kind: 'pointer', value: ptrV }
      words.push({
        word: w,
        addr: slot + w * ptrSize,
        role: roleOf(w),
        byteAddr: null,
        byteName: name,
        ptrBit: off % 8,
        scanBit: null,
        ptrValue: ptrV,
        scanValue: null,
      })
    }
    // noMorePtrs: one bit per bitmap word, set from the word holding the pointer prefix's end
    // for every bitmap word the object continues past. A noscan span's bits are zeroed once at
    // span allocation (initHeapBits flushes zeros over the whole span), which marks every bitmap
    // word of the span but its last.
    const spanLastBitmapWord = Math.floor(((span.base + spanBytes) / ptrSize - 1) / 64) % (arenaWords / 64)
    for (let idx = Math.floor(start / 64); idx <= lastBitmapWord; idx++) {
      const set: 0 | 1 = noscan
        ? idx < spanLastBitmapWord
          ? 1
          : 0
        : idx >= firstNoMore && idx < lastBitmapWord
          ? 1
          : 0
      const b = touch(`n${idx >> 3}`, null, `ha.noMorePtrs[${idx >> 3}]`)
      b.bits[idx % 8] = { word: Math.max(0, idx * 64 - start), kind: 'noMore', value: set }
      if (idx - Math.floor(start / 64) > 8) break
    }
  } else {
    const green = id === 'greentea'
    const marksHere = green && elemsize >= 16 && elemsize <= 512 && !large
    if (marksHere) {
      tailMarks = { base: span.base + spanBytes - inlineMarkBitsBytes, size: inlineMarkBitsBytes }
      markBytes = inlineMarkBitsBytes / span.nelems
      const mb = tailMarks.base + 64 + Math.floor(slotIndex / 8)
      const sb = tailMarks.base + Math.floor(slotIndex / 8)
      touch(`s${sb}`, sb, `scans[${slotIndex >> 3}]`).bits[slotIndex % 8] = {
        word: 0,
        kind: 'scanned',
        value: 0,
      }
      touch(`m${mb}`, mb, `marks[${slotIndex >> 3}]`).bits[slotIndex % 8] = {
        word: 0,
        kind: 'mark',
        value: 0,
      }
    }
    if (noscan) where = 'none'
    else if (large) where = 'largeType'
    else if (header) where = 'header'
    else where = 'span-tail'
    if (where === 'span-tail') {
      const base = span.base + spanBytes - spanTailHeapBits - (marksHere ? inlineMarkBitsBytes : 0)
      tailHeapBits = { base, size: spanTailHeapBits }
      costBytes = slotWords / 8
    } else if (where === 'header') costBytes = 8
    for (let w = 0; w < shown; w++) {
      const a = slot + w * ptrSize
      let byteAddr: number | null = null
      let bitN: number | null = null
      let ptrV: 0 | 1 | null = null
      if (tailHeapBits) {
        const o = (a - span.base) / ptrSize
        byteAddr = tailHeapBits.base + Math.floor(o / 64) * 8 + Math.floor((o % 64) / 8)
        bitN = o % 8
        ptrV = ptrAt(w) ? 1 : 0
        touch(`h${byteAddr}`, byteAddr, hexAddr(byteAddr)).bits[bitN] = {
          word: w,
          kind: 'pointer',
          value: ptrV,
        }
      }
      words.push({
        word: w,
        addr: a,
        role: roleOf(w),
        byteAddr,
        byteName: byteAddr === null ? '' : hexAddr(byteAddr),
        ptrBit: bitN,
        scanBit: null,
        ptrValue: ptrV,
        scanValue: null,
      })
    }
  }
  const order = [...bytes.values()]
  if (order.every((b) => b.addr !== null)) order.sort((x, y) => (x.addr as number) - (y.addr as number))
  return {
    id,
    versions: schemeVersions[id],
    goVersion: v,
    layout: id === 'legacy' ? 'legacy' : 'arenas',
    addr,
    slot,
    elemsize,
    sizeclass: span.sizeclass,
    spanBase: span.base,
    spanBytes,
    nelems: span.nelems,
    slotIndex,
    header,
    large,
    where,
    words,
    slotWords,
    bytes: order,
    costBytes,
    markBytes,
    tailHeapBits,
    tailMarks,
    arenaBase,
    perArenaBytes,
  }
}

/** The whole figure's view data (pure; bad input becomes `error`). */
export function bitmapView(s: BitmapState, page: GoVersion): BitmapView {
  const pageScheme = schemeOf(page)
  const err = checkState(s)
  const pattern = parsePattern(s.pattern) ?? 's'
  const st = { ...s, pattern }
  const base = {
    state: s,
    typeWords: pattern.length,
    pageScheme,
    shown: s.scheme ?? pageScheme,
  }
  if (err !== null) return { ...base, error: err, size: 0, noscan: true, schemes: [] }
  return {
    ...base,
    error: null,
    size: pattern.length * s.count * ptrSize,
    noscan: ptrDataWords(pattern, s.count) === 0,
    schemes: schemeIds.map((id) => schemeView(st, id, page)),
  }
}

/** Read a state from URL params, keeping `prev` for what is missing. Never throws. */
export function stateFromParams(p: URLSearchParams, prev: BitmapState): BitmapState {
  const num = (k: string, d: number): number => {
    const raw = p.get(k)
    if (raw === null || raw.trim() === '') return d
    const n = Number(raw)
    return Number.isFinite(n) ? n : d
  }
  const sch = p.get('scheme')
  return {
    pattern: p.get('type') ?? prev.pattern,
    count: num('n', prev.count),
    index: num('i', prev.index),
    scheme: sch !== null && (schemeIds as readonly string[]).includes(sch) ? (sch as SchemeId) : prev.scheme,
  }
}

export function stateParams(s: BitmapState): Record<string, string | number> {
  const out: Record<string, string | number> = { type: s.pattern, n: s.count, i: s.index }
  if (s.scheme) out.scheme = s.scheme
  return out
}

/** Prose-link values: a preset name or a scheme id. */
export const presets: Record<string, { pattern: string; count: number }> = {
  pointer: { pattern: 'p', count: 1 },
  string: { pattern: 'ps', count: 1 },
  slice: { pattern: 'pss', count: 1 },
  node: { pattern: 'sps', count: 1 },
  'pairs-64': { pattern: 'ps', count: 32 },
  'pairs-100': { pattern: 'ps', count: 100 },
  bytes: { pattern: 's', count: 64 },
  'pointers-5000': { pattern: 'p', count: 5000 },
}

/** Apply a prose link's value: a preset, a scheme id, or `preset@scheme`. */
export function stateForGoto(value: string, prev: BitmapState): BitmapState | null {
  const [a, b] = value.split('@')
  let s = prev
  for (const part of [a, b]) {
    if (part === undefined || part === '') continue
    const pr = presets[part]
    if (pr) s = { ...s, ...pr }
    else if ((schemeIds as readonly string[]).includes(part)) s = { ...s, scheme: part as SchemeId }
    else return null
  }
  return s
}
