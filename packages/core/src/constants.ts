// constants.ts — the linux/amd64 constants of Go's allocator that more than one file needs.
//
// Go defines these in src/runtime/malloc.go, mheap.go, mbitmap.go, mpagealloc.go and
// mpagealloc_64bit.go; the size-class constants live in the generated sizeclasses.ts.
// Values and where Go defines each: docs/go-reference.md §1.

import { _MaxSmallSize, _PageSize } from './sizeclasses.ts'

/**
 * Go releases whose allocation rules the simulator follows, oldest first. The rules change at:
 *   1.22  allocation headers: span-tail pointer bits (≤ 512 B), 8-byte type header above, the
 *         small/large cut-off moves from 32768 to 32760 bytes;
 *   1.24  mallocgc is split into five size/kind-specific functions (same placement);
 *   1.26  Green Tea GC on by default: 128 bytes of inline mark bits at the end of every span of
 *         16–512-byte objects (fewer objects per span), span-queue marking; randomized heap base;
 *   1.27  allocations under 81 bytes go through size-class-specialised functions.
 * 1.21 stands for every release from 1.15 (when the size-class table took its current 68
 * classes) through 1.21: their allocation rules are the same.
 */
export type GoVersion = '1.21' | '1.22' | '1.23' | '1.24' | '1.25' | '1.26' | '1.27'
export const goVersions: readonly GoVersion[] = Object.freeze([
  '1.21',
  '1.22',
  '1.23',
  '1.24',
  '1.25',
  '1.26',
  '1.27',
])
/** The newest release: what a Runtime follows unless told otherwise. */
export const defaultGoVersion: GoVersion = '1.27'

/** The minor version number of a release ('1.26' → 26). */
export function goMinor(v: GoVersion): number {
  return minors.get(v) ?? Number(v.slice(2))
}
/** goMinor's answers, worked out once (it runs on paths as hot as a span's initialisation). */
const minors = new Map<string, number>(goVersions.map((v) => [v, Number(v.slice(2))]))
/** Go 1.22+: allocation headers (span-tail pointer bits, type headers, 32760-byte cut-off). */
export function hasAllocHeaders(v: GoVersion): boolean {
  return goMinor(v) >= 22
}
/** Green Tea GC is on by default from Go 1.26 (an opt-in experiment in 1.25). */
export function greenTeaDefault(v: GoVersion): boolean {
  return goMinor(v) >= 26
}
/** Green Tea exists (as GOEXPERIMENT=greenteagc) from Go 1.25. */
export function greenTeaAvailable(v: GoVersion): boolean {
  return goMinor(v) >= 25
}
/** The heap base is randomized from Go 1.26 (linux/amd64). */
export function randomizedHeapBaseDefault(v: GoVersion): boolean {
  return goMinor(v) >= 26
}

/** Usable virtual address bits on linux/amd64 (malloc.go heapAddrBits). */
export const heapAddrBits = 48
/** Largest possible allocation, 2^48 bytes (malloc.go maxAlloc). */
export const maxAlloc = 2 ** 48

/** Tiny block size; noscan requests of 1..15 bytes share such blocks (malloc.go maxTinySize). */
export const maxTinySize = 16
/** Size class of the 16-byte tiny block (malloc.go tinySizeClass). */
export const tinySizeClass = 2
/** Span class of tiny blocks: class 2, noscan (mheap.go tinySpanClass). */
export const tinySpanClass = (tinySizeClass << 1) | 1

/** Go 1.22+: bytes of the type header in front of pointerful small objects > 512 B. */
export const mallocHeaderSize = 8
/** Go 1.22+: pointerful objects up to this size keep their pointer bits at the span's tail. */
export const minSizeForMallocHeader = 8 * 64
/** Bytes of the span-tail pointer bitmap of a one-page scan span (8192 / 8 / 8). */
export const spanTailHeapBitsBytes = _PageSize / 8 / 8
/** Green Tea (1.26+): bytes of inline mark bits at the very end of a span of 16–512-byte
 *  objects (mgcmark_greenteagc.go spanInlineMarkBits: scans [63]uint8, owned uint8,
 *  marks [63]uint8, class spanClass). */
export const spanInlineMarkBitsBytes = 128
/** Green Tea: span classes whose objects are 16..512 bytes keep inline mark bits
 *  (gcUsesSpanInlineMarkBits = heapBitsInSpan(size) && size >= 16). */
export function usesInlineMarkBits(elemsize: number): boolean {
  return elemsize >= 16 && elemsize <= minSizeForMallocHeader
}

/** Small/large cut-off used by mallocgc: 32760 in Go 1.22+, 32768 before. */
export function maxSmallAllocSize(v: GoVersion): number {
  return hasAllocHeaders(v) ? _MaxSmallSize - mallocHeaderSize : _MaxSmallSize
}

/** Number of span classes: every size class in a scan and a noscan flavour (mheap.go). */
export const numSpanClasses = 68 << 1

/** 64 MiB heap arenas on 64-bit Linux (malloc.go logHeapArenaBytes = 26). */
export const logHeapArenaBytes = 26
export const heapArenaBytes = 2 ** logHeapArenaBytes
export const pagesPerArena = heapArenaBytes / _PageSize
/** Index computations add 2^47 so that the sign-extended upper half maps low (malloc.go). */
export const arenaBaseOffset = 2 ** 47 // 0xffff800000000000 taken mod 2^64, then negated
/** First arena hint on linux/amd64 with a fixed heap base: hint i = (i << 40) + 0x00c000000000,
 *  i = 0..0x3f (with a randomized base, Go 1.26+, see mheap.ts). */
export const arenaHintBase = 0xc000000000
export const arenaHintCount = 0x40

/** Page allocator: one bitmap chunk = 512 pages = 4 MiB (mpagealloc.go). */
export const logPallocChunkPages = 9
export const pallocChunkPages = 1 << logPallocChunkPages
export const pallocChunkBytes = pallocChunkPages * _PageSize
export const logPallocChunkBytes = 22
/** Radix-tree levels and fan-out (mpagealloc_64bit.go). */
export const summaryLevels = 5
export const summaryLevelBits = 3
export const summaryL0Bits = heapAddrBits - logPallocChunkBytes - (summaryLevels - 1) * summaryLevelBits
/** Per-P page cache: 64 pages (mpagecache.go pageCachePages). */
export const pageCachePages = 64

/** mcentral.cacheSpan tries at most this many unswept spans before growing (mcentral.go). */
export const spanBudget = 100

/** Go's zerobase: the shared address of every zero-size allocation. In Go it is a static
 * variable in the binary's .noptrbss, so its value depends on the binary; ours is a stand-in in
 * the same region (low addresses of a non-PIE linux/amd64 executable, far below the heap). */
export const zerobase = 0x5a1f60
