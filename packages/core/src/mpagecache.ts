// mpagecache.ts — the per-P page cache.
//
// Mirrors Go's src/runtime/mpagecache.go (Go 1.14+). Each P owns a pageCache: a base address
// and a 64-bit mask of free pages in the 64-page (512 KiB), 512 KiB-aligned group starting at
// base, plus a mask of which of those pages are scavenged. mheap.allocSpan serves requests of
// fewer than 16 pages from it without taking the heap lock; only refilling it (allocToCache)
// takes the lock, and it takes a whole group at once: every free page of the group is marked in
// use in the global bitmap and now belongs to this P.
//
//   alloc(1)  lowest set bit;  alloc(n)  first run of n set bits within the 64 (no straddling).
//   flush     give every cached page back to the page allocator (e.g. when a P is destroyed).
//
// Representation: the two 64-bit masks are kept as pairs of uint32 halves.

import { _PageSize } from './sizeclasses.ts'
import { pageCachePages } from './constants.ts'
import { popcount32 } from './mspan.ts'
import {
  type PageAlloc,
  bitIsSet,
  chunkBase,
  chunkIndex,
  chunkPageIndex,
  clearBitRange,
  setBitRange,
} from './mpagealloc.ts'

export class PageCache {
  /** Base address of the 64-page group (0 when the cache is empty and unset). */
  base = 0
  /** Free pages in the group, 1 bit per page (bit i = page base + i × 8 KiB). */
  cacheLo = 0
  cacheHi = 0
  /** Scavenged pages among the free ones. */
  scavLo = 0
  scavHi = 0
  /** Scavenged bytes of the last alloc. */
  lastScav = 0

  empty(): boolean {
    return this.cacheLo === 0 && this.cacheHi === 0
  }

  /** Number of free pages held. */
  pages(): number {
    return popcount32(this.cacheLo) + popcount32(this.cacheHi)
  }

  /** Go's pageCache.alloc: base of npages free pages or 0; sets lastScav. */
  alloc(npages: number): number {
    this.lastScav = 0
    if (this.empty()) return 0
    const i = findBitRange64(this.cacheLo, this.cacheHi, npages)
    if (i >= 64) return 0
    // mask of bits [i, i+npages)
    let scav = 0
    for (let k = i; k < i + npages; k++) {
      if (k < 32) {
        const m = 1 << k
        if (this.scavLo & m) scav++
        this.cacheLo &= ~m
        this.scavLo &= ~m
      } else {
        const m = 1 << (k - 32)
        if (this.scavHi & m) scav++
        this.cacheHi &= ~m
        this.scavHi &= ~m
      }
    }
    this.lastScav = scav * _PageSize
    return this.base + i * _PageSize
  }

  /** Go's pageCache.flush: return every cached page to the page allocator. */
  flush(p: PageAlloc): void {
    if (this.empty()) return
    const ci = chunkIndex(this.base)
    const pi = chunkPageIndex(this.base)
    const d = p.chunkOf(ci)
    for (let i = 0; i < 64; i++) {
      const c = i < 32 ? this.cacheLo & (1 << i) : this.cacheHi & (1 << (i - 32))
      const s = i < 32 ? this.scavLo & (1 << i) : this.scavHi & (1 << (i - 32))
      if (c !== 0) clearBitRange(d.pallocBits, pi + i, 1)
      if (s !== 0) setBitRange(d.scavenged, pi + i, 1)
    }
    if (this.base < p.searchAddr) p.searchAddr = this.base
    p.update(this.base, pageCachePages, false, false)
    this.base = 0
    this.cacheLo = this.cacheHi = this.scavLo = this.scavHi = 0
  }

  /**
   * Go's pageAlloc.allocToCache (heap lock held): fill this empty cache with the 64-page group
   * holding the first free page. Leaves the cache empty when the heap has no free page.
   */
  fill(p: PageAlloc): void {
    this.base = 0
    this.cacheLo = this.cacheHi = this.scavLo = this.scavHi = 0
    if (chunkIndex(p.searchAddr) >= p.end) return
    let ci = chunkIndex(p.searchAddr)
    let j: number
    const leafBlock = p.block(4, ci)
    const o = (ci & 7) * 3
    if (leafBlock[o] !== 0 || leafBlock[o + 1] !== 0 || leafBlock[o + 2] !== 0) {
      j = firstFree(p.chunkOf(ci).pallocBits, chunkPageIndex(p.searchAddr))
      if (j < 0) throw new Error('bad summary data')
    } else {
      const [addr] = p.find(1)
      if (addr === 0) {
        p.searchAddr = 2 ** 47 - 1
        return
      }
      ci = chunkIndex(addr)
      j = chunkPageIndex(addr)
    }
    const d = p.chunkOf(ci)
    const g = (j >>> 6) << 1 // word index of the 64-page group
    const groupPage = (j >>> 6) << 6
    this.base = chunkBase(ci) + groupPage * _PageSize
    this.cacheLo = ~d.pallocBits[g]
    this.cacheHi = ~d.pallocBits[g + 1]
    this.scavLo = d.scavenged[g] & this.cacheLo
    this.scavHi = d.scavenged[g + 1] & this.cacheHi
    // allocPages64 + clearBlock64(free & scavenged)
    d.pallocBits[g] = 0xffffffff
    d.pallocBits[g + 1] = 0xffffffff
    d.scavenged[g] &= ~this.scavLo
    d.scavenged[g + 1] &= ~this.scavHi
    p.update(this.base, pageCachePages, false, true)
    p.searchAddr = this.base + _PageSize * (pageCachePages - 1)
  }

  /** Is page i of the group free in the cache? */
  has(i: number): boolean {
    return i < 32 ? (this.cacheLo & (1 << i)) !== 0 : (this.cacheHi & (1 << (i - 32))) !== 0
  }

  scavenged(i: number): boolean {
    return i < 32 ? (this.scavLo & (1 << i)) !== 0 : (this.scavHi & (1 << (i - 32))) !== 0
  }
}

/** First free (0) bit at or after the 64-page word of searchIdx, or -1 (Go: find1). */
function firstFree(bits: Uint32Array, searchIdx: number): number {
  for (let i = (searchIdx >>> 6) << 6; i < 512; i++) if (!bitIsSet(bits, i)) return i
  return -1
}

/** Index of the first run of n set bits in the 64-bit value hi:lo, or 64 (Go: findBitRange64). */
function findBitRange64(lo: number, hi: number, n: number): number {
  let run = 0
  for (let i = 0; i < 64; i++) {
    const set = i < 32 ? (lo & (1 << i)) !== 0 : (hi & (1 << (i - 32))) !== 0
    if (set) {
      run++
      if (run === n) return i - n + 1
    } else run = 0
  }
  return 64
}
