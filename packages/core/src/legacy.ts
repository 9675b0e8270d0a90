// legacy.ts — the Go 1.7–1.10 heap layout: one contiguous reservation, spans | bitmap | arena.
//
// Mirrors, for linux/amd64, the 64-bit parts of Go 1.10's src/runtime/malloc.go (mallocinit's
// reservation, mheap.sysAlloc), mheap.go (setArenaUsed, mapSpans, spanOf/spanOfUnchecked) and
// mbitmap.go (mapBits, heapBitsForAddr). A Go 1.10 copy of these files is not in our source
// index; the code below follows docs/go-reference.md §8 and Go 1.5–1.10-era copies of
// the same functions that are (their arithmetic is unchanged across 1.7–1.10 apart from the
// field names: 1.10 reads `mheap_.bitmap`, earlier releases `mheap_.arena_start`, the same
// address on 64-bit).
//
// mallocinit reserved, once, at the first free hint p = i<<40 | 0x00c0<<32 (i = 0..0x7f):
//
//   arenaSize  = round(_MaxMem, _PageSize)         = 2^39           = 512 GiB
//   bitmapSize = arenaSize / (ptrSize*8/2)         = 2^39 / 32      =  16 GiB  (2 bits per word)
//   spansSize  = arenaSize / _PageSize * ptrSize   = 2^26 × 8       = 512 MiB  (one *mspan per page)
//   pSize      = bitmapSize + spansSize + arenaSize + _PageSize     (one spare page for rounding)
//
//   0xc000000000 ┌ spans   512 MiB ┐ 0xc020000000 ┌ bitmap 16 GiB ┐ 0xc420000000 ┌ arena 512 GiB …
//                 grows upward →                   ← grows DOWNWARD   arena_start  grows upward →
//
// Nothing of it is backed by memory at first. The heap grows by moving arena_alloc/arena_used up
// (sysAlloc sysMaps the new heap bytes); setArenaUsed then maps, *before* publishing arena_used,
// the bitmap bytes that describe the new arena (mapBits: whole 8 KiB bitmap chunks, the bitmap
// growing downward from arena_start) and the spans-array entries for its pages (mapSpans: whole
// 4 KiB physical pages of pointers). So the address → span lookup is a single array index,
// spans[(p − arena_start) >> 13], and the pointer bitmap byte of word w = (p − arena_start) / 8
// sits at arena_start − 1 − w/4 with the word's two bits at shift w%4: the pointer bit at bit
// `shift`, the scan bit at bit `shift + 4` (four pointer bits in the low nibble, four scan bits
// in the high nibble). Past the 512 GiB the 64-bit runtime had nothing else: sysAlloc returned
// nil and the allocation failed with "runtime: out of memory".
//
// Here: `legacyLayout` (the numbers and the arithmetic behind them), `heapBitsForAddr` and
// `spanIndexForAddr` (pure address arithmetic, for chapters and figures), and `LegacyHeap`, the
// state MHeap delegates to when `new Runtime({ layout: 'legacy' })`: where heap memory comes from
// (grow) and how an address finds its span (spanOf/setSpans). JS memory is spent only on what Go
// would have mapped: the spans array is a list of 512-entry blocks, one per mapped 4 KiB page of
// the simulated array, and the bitmap is only a byte count (memory contents are not simulated).
//
// Simplifications (legacy mode runs the *modern* allocation algorithms on the legacy layout):
// - mcache, mcentral (spanSets instead of 1.10's nonempty/empty lists under a lock), the page
//   allocator (radix tree instead of 1.10's free lists and treap of large free spans), the per-P
//   page cache and mspan cache are the Go 1.14+ ones of the rest of the simulator. Only the
//   source of memory, the metadata mappings and address → span follow Go 1.10.
// - The heap grows in whole 4 MiB chunks (the page allocator's unit); Go 1.10's mheap.grow asked
//   for max(npages rounded to 64 KiB, 1 MiB). New memory is accounted as released (Prepared),
//   like the modern path; Go 1.10 counted it as idle but not released.
// - The modern per-64 MiB heapArena records still exist (MHeap.arenas/allArenas) for the
//   page-level bookkeeping the modern code keeps there (pageInUse, pageMarks, zeroedBase), so code
//   that walks allArenas (the GC) works unchanged; they make no OS calls, cost no GCSys, emit no
//   newArena events and are not shown in snapshots (snapshot().arenas is []). Their own spans
//   arrays are not used: every lookup goes through the flat spans array below.
// - The bitmap's mappings are counted in GCSys (as Go did); the spans array's mappings are counted
//   only in the OS counters and snapshot().legacy (Go 1.10 added them to OtherSys, which the
//   simulator leaves at 0). The bitmap's bits themselves are not simulated.
// - The reservation is placed at the first hint (0xc000000000) and never fails; no 32-bit
//   fallback, no race-detector shadow mapping.

import { _PageSize } from './sizeclasses.ts'
import { heapArenaBytes, pallocChunkPages } from './constants.ts'
import { arenaIndex, HeapArena, type MHeap } from './mheap.ts'
import type { MSpan } from './mspan.ts'
import { describe } from './msize.ts'
import { hex } from './mem.ts'
import type { Runtime } from './runtime.ts'

const ptrSize = 8
const pageSize = _PageSize
const physPageSize = 4096
/** Go 1.10 _MaxMem on linux/amd64: 1<<_MHeapMap_TotalBits − 1 with _MHeapMap_TotalBits = 39. */
const maxMem = 2 ** 39 - 1
const arenaSize = Math.ceil(maxMem / pageSize) * pageSize
const bitmapSize = arenaSize / ((ptrSize * 8) / 2)
const spansSize = Math.ceil(((arenaSize / pageSize) * ptrSize) / pageSize) * pageSize
const reserveBase = 0xc000000000
const reserveSize = bitmapSize + spansSize + arenaSize + pageSize
const spansStart = reserveBase
const bitmapLow = spansStart + spansSize
const arenaStart = bitmapLow + bitmapSize
const arenaEnd = reserveBase + reserveSize
/** Bytes of arena one bitmap byte describes (mbitmap.go heapBitmapScale = ptrSize * (8 / 2)). */
const heapBitmapScale = ptrSize * (8 / 2)
/** mapBits maps the bitmap in pieces of this many bytes (then rounds to physical pages). */
const bitmapChunk = 8192
/** Spans-array entries per 4 KiB physical page: one block of our sparse array. */
const spansPerBlock = physPageSize / ptrSize

export interface LegacyRegion {
  name: 'spans' | 'bitmap' | 'arena'
  /** Lowest address of the region. */
  base: number
  size: number
  /** How Go computed the size. */
  sizeFormula: string
  /** Which way the region fills as the heap grows. */
  grows: 'up' | 'down'
}

/**
 * The Go 1.7–1.10 linux/amd64 reservation, with the arithmetic behind every number (Go 1.10
 * malloc.go mallocinit). All addresses are plain numbers.
 */
export const legacyLayout = Object.freeze({
  goVersions: '1.7–1.10',
  ptrSize,
  pageSize,
  physPageSize,
  maxMem,
  maxMemFormula: '1<<_MHeapMap_TotalBits - 1 = 2^39 - 1',
  arenaSize,
  arenaSizeFormula: 'round(_MaxMem, _PageSize) = 512 << 30',
  bitmapSize,
  bitmapSizeFormula: 'arenaSize / (ptrSize*8/2)',
  spansSize,
  spansSizeFormula: 'round(arenaSize / _PageSize * ptrSize, _PageSize)',
  reserveBase,
  reserveBaseFormula: '0<<40 | 0x00c0<<32 (the first of the hints i<<40 | 0x00c0<<32)',
  reserveSize,
  reserveSizeFormula: 'bitmapSize + spansSize + arenaSize + _PageSize',
  spansStart,
  spansStartFormula: 'p (the reservation base)',
  /** The bitmap's high end: Go's mheap_.bitmap. Bitmap bytes sit *below* it. */
  bitmap: arenaStart,
  bitmapFormula: 'spansStart + spansSize + bitmapSize',
  arenaStart,
  arenaStartFormula: 'spansStart + spansSize + bitmapSize = 0xc000000000 + 512 MiB + 16 GiB',
  arenaEnd,
  arenaEndFormula: 'p + pSize (arenaStart + arenaSize + one spare page)',
  heapBitmapScale,
  heapBitmapScaleFormula: 'ptrSize * (8 / 2)',
  bitmapChunk,
  regions: Object.freeze([
    Object.freeze<LegacyRegion>({
      name: 'spans',
      base: spansStart,
      size: spansSize,
      sizeFormula: 'arenaSize / _PageSize * ptrSize',
      grows: 'up',
    }),
    Object.freeze<LegacyRegion>({
      name: 'bitmap',
      base: bitmapLow,
      size: bitmapSize,
      sizeFormula: 'arenaSize / (ptrSize*8/2)',
      grows: 'down',
    }),
    Object.freeze<LegacyRegion>({
      name: 'arena',
      base: arenaStart,
      size: arenaSize,
      sizeFormula: 'round(_MaxMem, _PageSize)',
      grows: 'up',
    }),
  ]),
})

function checkArenaAddr(addr: unknown, name: string): asserts addr is number {
  const what = `${name} must be an integer address in the legacy arena [${hex(arenaStart)}, ${hex(arenaStart + arenaSize)})`
  if (typeof addr !== 'number') throw new TypeError(`${what}, got ${describe(addr)}`)
  if (!Number.isInteger(addr) || addr < arenaStart || addr >= arenaStart + arenaSize)
    throw new RangeError(`${what}, got ${Number.isInteger(addr) && addr >= 0 ? hex(addr) : addr}`)
}

/** heapBitsForAddr's answer: where the 2-bit entry of the heap word holding addr lives. */
export interface LegacyHeapBits {
  /** Index of the 8-byte heap word: (addr − arena_start) / 8. */
  wordIndex: number
  /** Address of the bitmap byte: arena_start − wordIndex/4 − 1 (the bitmap grows downward). */
  byteAddr: number
  /** wordIndex % 4: the pointer bit is bit `shift`, the scan bit is bit `shift + 4`. */
  shift: number
  /** 1 << shift. */
  pointerBitMask: number
  /** 1 << (shift + 4). */
  scanBitMask: number
}

/**
 * Go 1.7–1.10 heapBitsForAddr: the bitmap byte and shift describing the heap word at addr
 * (`off := (addr - arena_start) / ptrSize; bitp = bitmap - off/4 - 1; shift = off & 3`).
 * Pure arithmetic on the fixed linux/amd64 layout; addr must lie in the 512 GiB arena.
 */
export function heapBitsForAddr(addr: number): LegacyHeapBits {
  checkArenaAddr(addr, 'addr')
  const wordIndex = Math.floor((addr - arenaStart) / ptrSize)
  const shift = wordIndex % 4
  return {
    wordIndex,
    byteAddr: arenaStart - Math.floor(wordIndex / 4) - 1,
    shift,
    pointerBitMask: 1 << shift,
    scanBitMask: 1 << (shift + 4),
  }
}

/** spanIndexForAddr's answer: which slot of the flat spans array describes addr's page. */
export interface LegacySpanIndex {
  /** Page index in the arena: (addr − arena_start) >> _PageShift. */
  index: number
  /** Address of that *mspan slot: spansStart + index × 8. */
  entryAddr: number
}

/** Go 1.7–1.10 spanOfUnchecked's index arithmetic: h_spans[(addr − arena_start) >> 13]. */
export function spanIndexForAddr(addr: number): LegacySpanIndex {
  checkArenaAddr(addr, 'addr')
  const index = Math.floor((addr - arenaStart) / pageSize)
  return { index, entryAddr: spansStart + index * ptrSize }
}

/** Bitmap bytes mapBits wants mapped once the arena is used up to `used`. */
function bitmapBytesFor(used: number): number {
  let n = (used - arenaStart) / heapBitmapScale
  n = Math.ceil(n / bitmapChunk) * bitmapChunk
  return Math.ceil(n / physPageSize) * physPageSize
}

/** Spans-array entries mapSpans wants mapped once the arena is used up to `used`. */
function spansEntriesFor(used: number): number {
  const n = Math.ceil((Math.floor((used - arenaStart) / pageSize) * ptrSize) / physPageSize) * physPageSize
  return n / ptrSize
}

/** The legacy part of a snapshot (plain data). */
export interface LegacySnapshot {
  /** Go's mheap_.arena_start (also the high end of the bitmap, mheap_.bitmap). */
  arenaStart: number
  /** mheap_.arena_used: the arena is usable (and its metadata mapped) up to here. */
  arenaUsed: number
  /** mheap_.arena_alloc: heap memory has been sysMapped up to here. */
  arenaAlloc: number
  /** mheap_.arena_end: the end of the reservation. */
  arenaEnd: number
  /** Bytes of bitmap mapped, the range [arenaStart − bitmapMapped, arenaStart). */
  bitmapMapped: number
  /** Start of the spans array (the reservation base). */
  spansStart: number
  /** Bytes of spans array mapped, the range [spansStart, spansStart + spansMapped). */
  spansMapped: number
  /** len(h_spans): entries mapped (spansMapped / 8). */
  spansLen: number
}

/** The legacy heap's state: Go 1.10 mheap_'s arena_* fields, bitmap_mapped and h_spans. */
export class LegacyHeap {
  readonly arenaStart = arenaStart
  arenaUsed = arenaStart
  arenaAlloc = arenaStart
  readonly arenaEnd = arenaEnd
  bitmapMapped = 0
  /** h_spans, in 512-entry blocks (one per mapped 4 KiB page of the simulated array). */
  readonly spanBlocks: (MSpan | null)[][] = []

  private readonly rt: Runtime

  /** mallocinit: the one big reservation (nothing is mapped yet). */
  constructor(rt: Runtime) {
    this.rt = rt
    const got = rt.os.sysReserve(reserveBase, reserveSize)
    if (got !== reserveBase) throw new Error('legacy reservation failed')
  }

  /** len(h_spans). */
  get spansLen(): number {
    return this.spanBlocks.length * spansPerBlock
  }

  /** Go 1.10 spanOf: nil outside [arena_start, arena_used), else h_spans[(p−arena_start)>>13]. */
  spanOf(p: number): MSpan | null {
    if (p < arenaStart || p >= this.arenaUsed) return null
    const i = Math.floor((p - arenaStart) / pageSize)
    return this.spanBlocks[Math.floor(i / spansPerBlock)][i % spansPerBlock]
  }

  /** setSpans: record s in the spans-array slot of every page of [base, base + npages pages). */
  setSpans(base: number, npages: number, s: MSpan | null): void {
    const blocks = this.spanBlocks
    let i = (base - arenaStart) / pageSize
    for (let n = 0; n < npages; n++, i++) blocks[Math.floor(i / spansPerBlock)][i % spansPerBlock] = s
  }

  /** Would growing the heap by `ask` bytes still fit in the reservation? */
  canGrow(ask: number): boolean {
    return ask <= this.arenaEnd - this.arenaAlloc
  }

  /**
   * Why a span of npages pages cannot be had, or null when it can (read-only; malloc's
   * preflight). Only when the reservation cannot take the growth do the mapped free pages
   * decide; pages held in per-P page caches are counted as able to help.
   */
  cannotProvide(npages: number): string | null {
    const ask = Math.ceil(npages / pallocChunkPages) * pallocChunkPages * pageSize
    if (this.canGrow(ask)) return null
    const pages = this.rt.mheap_.pages
    if (pages.end > 0) {
      const finds = pages.finds
      const [addr] = pages.find(npages)
      pages.finds = finds
      if (addr !== 0) return null
    }
    if (npages < 16 && this.rt.allp.some((pp) => !pp.pcache.empty())) return null
    return `the legacy arena cannot grow by ${ask} bytes: only ${this.arenaEnd - this.arenaAlloc} bytes of its reservation are left above arena_alloc ${hex(this.arenaAlloc)}`
  }

  /**
   * Go 1.10 mheap.sysAlloc, 64-bit: take n bytes from the reservation at arena_alloc, sysMap
   * them, and extend arena_used (mapping bitmap and spans first). Returns 0 when the reservation
   * cannot hold n more bytes: on 64-bit "our reservation is all we have".
   */
  sysAlloc(n: number): number {
    if (!this.canGrow(n)) return 0
    const rt = this.rt
    const p = this.arenaAlloc
    rt.os.sysMap(p, n)
    if (rt.tracing) rt.emit({ type: 'sysMap', addr: p, bytes: n })
    this.arenaAlloc += n
    if (this.arenaAlloc > this.arenaUsed) this.setArenaUsed(this.arenaAlloc)
    return p
  }

  /** Go 1.10 setArenaUsed: map the bitmap and the spans array first, then publish arena_used. */
  private setArenaUsed(used: number): void {
    this.mapBits(used)
    this.mapSpans(used)
    this.arenaUsed = used
  }

  /** Go 1.10 mapBits: map bitmap bytes, growing downward from arena_start. */
  private mapBits(used: number): void {
    const n = bitmapBytesFor(used)
    if (this.bitmapMapped >= n) return
    const rt = this.rt
    const addr = arenaStart - n
    const bytes = n - this.bitmapMapped
    rt.os.sysMapMeta(addr, bytes)
    if (rt.tracing) rt.emit({ type: 'sysMap', addr, bytes })
    rt.memstats.gcMiscSys += bytes // Go: &memstats.gc_sys
    this.bitmapMapped = n
  }

  /** Go 1.10 mapSpans: map the spans array, whole physical pages of entries at a time. */
  private mapSpans(used: number): void {
    const need = spansEntriesFor(used)
    const have = this.spansLen
    if (have >= need) return
    const rt = this.rt
    const addr = spansStart + have * ptrSize
    const bytes = (need - have) * ptrSize
    rt.os.sysMapMeta(addr, bytes)
    if (rt.tracing) rt.emit({ type: 'sysMap', addr, bytes })
    for (let b = have / spansPerBlock; b < need / spansPerBlock; b++)
      this.spanBlocks.push(new Array<MSpan | null>(spansPerBlock).fill(null))
  }

  /**
   * mheap.grow in legacy mode (heap lock held): ask bytes from the reservation, hand them to the
   * page allocator as free, released pages. False when the reservation is exhausted.
   */
  grow(h: MHeap, npage: number, ask: number): boolean {
    const rt = this.rt
    const v = this.sysAlloc(ask)
    if (v === 0) return false
    // Per-64 MiB page bookkeeping records of the modern code (see Simplifications).
    for (let a = Math.floor(v / heapArenaBytes) * heapArenaBytes; a < v + ask; a += heapArenaBytes) {
      const ai = arenaIndex(a)
      if (h.arenas.has(ai)) continue
      h.arenas.set(ai, new HeapArena(ai, a))
      h.allArenas.push(ai)
    }
    rt.memstats.heapReleased += ask
    rt.memstats.released += ask
    h.pages.grow(v, ask)
    if (rt.tracing) rt.emit({ type: 'heapGrow', npages: npage, ask, base: v, growth: ask })
    return true
  }

  snapshot(): LegacySnapshot {
    return {
      arenaStart,
      arenaUsed: this.arenaUsed,
      arenaAlloc: this.arenaAlloc,
      arenaEnd: this.arenaEnd,
      bitmapMapped: this.bitmapMapped,
      spansStart,
      spansMapped: this.spansLen * ptrSize,
      spansLen: this.spansLen,
    }
  }
}

/** checkHeap's legacy part: the reservation, arena_* watermarks and metadata mappings agree. */
export function checkLegacy(rt: Runtime, fail: (msg: string) => never): void {
  const L = rt.mheap_.legacy
  if (L === null) return
  const os = rt.os
  if (os.reserved.length !== 1 || os.reserved[0].base !== reserveBase || os.reserved[0].size !== reserveSize)
    fail(`legacy: reservations ${JSON.stringify(os.reserved)} are not the one ${hex(reserveSize)}-byte block`)
  if (!(arenaStart <= L.arenaAlloc && L.arenaAlloc === L.arenaUsed && L.arenaUsed <= arenaEnd))
    fail(`legacy: arena_alloc ${hex(L.arenaAlloc)} / arena_used ${hex(L.arenaUsed)} out of order`)
  const heap = L.arenaAlloc - arenaStart
  if (heap === 0 ? os.mapped.length !== 0 : os.mapped.length !== 1)
    fail(`legacy: heap mappings ${JSON.stringify(os.mapped)} are not one run from arena_start`)
  if (heap > 0 && (os.mapped[0].base !== arenaStart || os.mapped[0].size !== heap))
    fail(
      `legacy: heap mapped [${hex(os.mapped[0].base)}, +${os.mapped[0].size}) != [arena_start, arena_alloc)`,
    )
  if (L.bitmapMapped !== bitmapBytesFor(L.arenaUsed))
    fail(`legacy: bitmap mapped ${L.bitmapMapped} bytes, arena_used needs ${bitmapBytesFor(L.arenaUsed)}`)
  if (L.bitmapMapped * heapBitmapScale < heap) fail('legacy: bitmap does not cover arena_used')
  if (L.spansLen !== spansEntriesFor(L.arenaUsed))
    fail(`legacy: ${L.spansLen} spans entries mapped, arena_used needs ${spansEntriesFor(L.arenaUsed)}`)
  if (L.spansLen * pageSize < heap) fail('legacy: spans array does not cover arena_used')
  if (os.mapBytes !== heap + L.bitmapMapped + L.spansLen * ptrSize)
    fail(`legacy: OS mapped ${os.mapBytes} bytes != heap ${heap} + bitmap + spans`)
  const wantArenas = Math.ceil(heap / heapArenaBytes)
  const all = rt.mheap_.allArenas
  if (all.length !== wantArenas || all.some((ai, k) => ai !== arenaIndex(arenaStart + k * heapArenaBytes)))
    fail(
      `legacy: page-bookkeeping records ${all.length} do not cover [arena_start, arena_alloc) in 64 MiB steps`,
    )
  for (const s of rt.mheap_.allspans) {
    if (s.startAddr < arenaStart || s.startAddr + s.npages * pageSize > L.arenaUsed)
      fail(`legacy: span ${hex(s.startAddr)} outside [arena_start, arena_used)`)
  }
}
