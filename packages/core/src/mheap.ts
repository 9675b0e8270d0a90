// mheap.ts — the page heap: arenas, spans, and growth.
//
// Mirrors Go's src/runtime/mheap.go (mheap, heapArena, allocSpan, initSpan, grow, freeSpan,
// spanOf) and the arena part of malloc.go (sysAlloc, arena hints). One MHeap per Runtime; Go's
// is the global `mheap_`.
//
// Layout (linux/amd64, Go 1.11+): the heap is a set of 64 MiB *arenas*, each 64 MiB-aligned,
// placed by trying the hint addresses in order; a hint moves up as it is used, so a growing heap
// is normally one contiguous run from the first hint. With a fixed base (always before Go 1.26)
// the hints are 0x00c000000000, 0x01c000000000, …, so the heap starts at 0xc000000000.
//
// Randomized heap base (Go 1.26+, malloc.go mallocinit and mheap.grow): 64 random bits are drawn
// once (heapRandSeed; here from the runtime's `seed`) and consumed from the top:
//   1. 20 bits place a 64 MiB-aligned base below 2^46 (amd64 keeps 47 address bits and one
//      more for room to grow); the hints keep their 2^38 spacing in the top byte
//      (prefix + i) over the base's low bits;
//   2. on the first grow, 4 bits pick which 4 MiB chunk of the first arena the heap starts at;
//   3. 22 bits pick a page offset inside that chunk: the pages below it are marked allocated and
//      scavenged (pageAlloc.markRandomPaddingPages), never used, never counted in use — they
//      stay "released" — so the first object lands at a random page.
// Each arena has a heapArena record: `spans[8192]` maps every page to its mspan (spanOf),
// `pageInUse` has a bit for the first page of each in-use span, and `pageMarks` one for the first
// page of each span the last mark phase found a marked object in (for the page reclaimer).
//
// allocSpan(npages):
//   1. fewer than 16 pages and the P's page cache has them → no heap lock at all (the P's
//      mspan-struct cache supplies the mspan); an empty page cache is refilled under the lock;
//   2. otherwise, under mheap.lock: pageAlloc.alloc (first fit), growing the heap if needed;
//   3. initSpan (size class, elemsize, nelems, divMul, fresh bitmaps, needzero from the arena's
//      zeroedBase watermark), record the span in heapArena.spans, set its pageInUse bit;
//   4. sysUsed the pages that were scavenged; move bytes from released/free to in-use.
// Page reclaimer (Go's mheap.reclaim / reclaimChunk; the same from Go 1.19 to 1.27). After a
// collection the garbage sits in unswept spans until some sweeper gets to them; if mheap.alloc
// simply took fresh pages, a heap under steady churn would grow by up to a cycle's garbage before
// the sweep caught up. So while sweeping is not done, alloc(npages) first gets npages pages back:
//   - from reclaimCredit, pages an earlier reclaim freed beyond its need, or that sweepone freed;
//   - else it claims the next 512-page chunk (pagesPerReclaimerChunk) of the heap as it stood
//     when the sweep began (sweepArenas: the arenas in order, reclaimIndex a page index over all
//     of them), and in that chunk sweeps every span whose first page is set in the arena's
//     pageInUse bitmap and clear in its pageMarks bitmap — in use, and nothing marked in it, so
//     the sweep frees it whole. Spans allocated since (already swept) or held by an mcache fail
//     the sweepgen acquire and are passed by. Pages freed beyond the need become credit.
//   Once every chunk has been claimed, reclaimIndex is parked (Go: 1 << 63) until the next sweep
//   resets it with the credit (mgcsweep.ts begin). The marker keeps pageMarks (mgc.ts): cleared
//   when marking starts, set on a span's first page with its first marked object — except that
//   Green Tea sets it when it scans a span of inline-mark objects, so a noscan one of those is
//   never marked here and the reclaimer sweeps it (keeping it, with its live objects) in passing.
//   A span the reclaimer sweeps keeps its entry in its unswept mcentral set (mspanset.ts), which
//   the next pop passes over, as in Go.
// grow(npages): whole 4 MiB chunks from the current arena; a new arena (sysReserve of 64 MiB
// at the next hint) when it is exhausted; sysMap the part taken; the page allocator learns it as
// free *scavenged* pages ("released" until a span uses them).
//
// Simplifications:
// - No manual spans (stacks, GC work buffers), no user arenas, no specials.
// - allocSpan scavenges synchronously only to stay under a memory limit (mgcscavenge.ts), not
//   after heap growth.
// - The page reclaimer takes the heap lock once per run and once more after each span it sweeps
//   (Go drops it around the sweep); it is not run for the 'legacy' layout (Go 1.7–1.10's
//   reclaimer walked the mheap's busy span lists instead).
// - The arena L2 map is one Map; its 32 MiB kernel mapping is counted once as sysAllocOS.
// - heapArena metadata is counted in gcMiscSys with an estimated size (see heapArenaMetaBytes).
// - Randomized base: Go's first grow happens during start-up for a small request. If the first
//   request here is so large that the random chunk offset would push it past the reserved
//   arenas, the offset is taken modulo the chunk positions that still fit; if the padding
//   pages leave too little room, the heap grows once more (contiguously).
//
// Layout 'legacy' (Go 1.7–1.10): `legacy` (legacy.ts) supplies the memory (one reservation,
// arena_used growing upward) and the address → span map (the flat spans array); everything
// else here is shared. Each delegation is one `legacy !== null` test.

import { _PageSize } from './sizeclasses.ts'
import { classToDivMagicT, classToSizeT } from './classtables.ts'
import {
  arenaBaseOffset,
  arenaHintBase,
  arenaHintCount,
  heapAddrBits,
  heapArenaBytes,
  logHeapArenaBytes,
  logPallocChunkBytes,
  pageCachePages,
  pagesPerArena,
  pallocChunkBytes,
  pallocChunkPages,
  usesInlineMarkBits,
} from './constants.ts'
import { FixAlloc, sizeofMCache, sizeofMSpan } from './mfixalloc.ts'
import { MCentral } from './mcentral.ts'
import { listNone, MSpan, mSpanDead, mSpanInUse, newGCBits, zeroBits } from './mspan.ts'
import { PageAlloc } from './mpagealloc.ts'
import type { Runtime } from './runtime.ts'
import { numSpanClasses } from './constants.ts'
import { LegacyHeap } from './legacy.ts'

/** Pages the page reclaimer looks at per chunk (Go: pagesPerReclaimerChunk, min(512, pagesPerArena)). */
export const pagesPerReclaimerChunk = 512
/** reclaimIndex once every chunk has been claimed (Go stores 1 << 63). */
export const reclaimDone = 2 ** 63

/** Estimated off-heap size of one heapArena record on amd64, Go 1.22: spans (64 KiB) +
 *  pageInUse/pageMarks/pageSpecials (1 KiB each) + checkmarks pointer + zeroedBase. */
export const heapArenaMetaBytes = 8192 * 8 + 3 * 1024 + 16

/** Go's heapArena: per-64 MiB metadata. */
export class HeapArena {
  /** Page → span (null where no span was ever placed; stale entries may point at dead spans). */
  readonly spans: (MSpan | null)[] = new Array<MSpan | null>(pagesPerArena).fill(null)
  /** Bit per page: first page of each in-use span. */
  readonly pageInUse = new Uint8Array(pagesPerArena / 8)
  /** Bit per page: first page of each span with a marked object (for the GC). */
  readonly pageMarks = new Uint8Array(pagesPerArena / 8)
  /** Green Tea: bit per page, first page of each in-use span that keeps inline mark bits (lets the
   *  marker find a span's inline bits from a pointer without looking at the mspan). */
  readonly pageUseSpanInlineMarkBits = new Uint8Array(pagesPerArena / 8)
  /** Offset below which memory has been handed out before (above it, known zero). */
  zeroedBase = 0

  /** Arena index: (base − arenaBaseOffset) / 64 MiB. */
  readonly index: number
  readonly base: number

  constructor(index: number, base: number) {
    this.index = index
    this.base = base
  }
}

/** Go's arenaIndex for linux/amd64 (arenaBaseOffset = 0xffff800000000000). */
export function arenaIndex(p: number): number {
  return Math.floor((p + arenaBaseOffset) / heapArenaBytes)
}
export function arenaBase(i: number): number {
  return i * heapArenaBytes - arenaBaseOffset
}

export interface ArenaHint {
  addr: number
  down: boolean
}

/** Bits of a randomized heap base on amd64: 48 address bits less the sign bit, less one more
 *  to leave room to grow (malloc.go randHeapAddrBits). */
const randHeapAddrBits = heapAddrBits - 2

/**
 * Go 1.26+'s heapRandSeed: 64 random bits drawn once at start-up and handed out from the top by
 * nextHeapRandBits. Go takes them from bootstrapRand; the simulator derives them from the
 * runtime's seed with splitmix64, so the same seed gives the same heap.
 */
export class HeapRandBits {
  private bits: bigint
  private remaining = 64
  constructor(seed: number) {
    let z = (BigInt(seed) + 0x9e3779b97f4a7c15n) & mask64
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask64
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask64
    this.bits = z ^ (z >> 31n)
  }
  /** Go's nextHeapRandBits: the next `n` bits, as a number. */
  next(n: number): number {
    if (n > this.remaining) throw new Error('not enough heapRandSeed bits remaining')
    const r = this.bits >> BigInt(64 - n)
    this.bits = (this.bits << BigInt(n)) & mask64
    this.remaining -= n
    return Number(r)
  }
}
const mask64 = (1n << 64n) - 1n

/** Bitwise OR of two non-negative integers below 2^53 (JavaScript's | is 32-bit). */
function or53(a: number, b: number): number {
  const hi = (Math.floor(a / 2 ** 26) | Math.floor(b / 2 ** 26)) >>> 0
  return hi * 2 ** 26 + (((a % 2 ** 26) | (b % 2 ** 26)) >>> 0)
}

export class MHeap {
  readonly pages = new PageAlloc()
  readonly central: MCentral[] = []
  /** Arena index → metadata (Go: arenas[l1][l2]). */
  readonly arenas = new Map<number, HeapArena>()
  /** Arena indexes in the order they were added (Go: allArenas). */
  readonly allArenas: number[] = []
  readonly arenaHints: ArenaHint[] = []
  /** Reserved but not yet used part of the current arena (Go: curArena). */
  curArena = { base: 0, end: 0 }
  /** Incremented by 2 at the start of every sweep phase (Go: sweepgen). */
  sweepgen = 0
  /** Pages in in-use spans (Go: pagesInUse). */
  pagesInUse = 0
  /** Page reclaimer: the arenas as the current sweep began (Go: sweepArenas), the next page index
   *  into them to look at (Go: reclaimIndex; reclaimDone once all were looked at), and pages freed
   *  beyond what a reclaim needed, or by sweepone (Go: reclaimCredit). */
  sweepArenas: number[] = []
  reclaimIndex = reclaimDone
  reclaimCredit = 0
  readonly spanalloc = new FixAlloc(sizeofMSpan)
  readonly cachealloc = new FixAlloc(sizeofMCache)
  /** Every in-use heap span (Go: allspans), in no particular order. Each span knows its index
   *  (`allIndex`), so removal is a swap with the last entry: no hashing per span. */
  readonly allspans: MSpan[] = []
  /** The Go 1.7–1.10 layout's state when layout is 'legacy', else null. */
  readonly legacy: LegacyHeap | null
  /** The arena spanOf found last: most lookups hit the same 64 MiB arena again (a cache of
   *  Go's arenas[l1][l2] lookup; arenas are never removed, so it cannot go stale). */
  /** @internal */
  lastArena: HeapArena | null = null
  /** Whether the arena L2 map has been allocated (one kernel mapping). */
  private l2Allocated = false
  /** Randomized heap base: the random bits still to use (null with a fixed base). */
  private readonly heapRand: HeapRandBits | null = null
  /** Randomized heap base: the pages marked allocated and scavenged below the first object
   *  (pageAlloc.markRandomPaddingPages), or null. They belong to no span. */
  randomPadding: { base: number; npages: number } | null = null

  private readonly rt: Runtime

  constructor(rt: Runtime) {
    this.rt = rt
    for (let i = 0; i < numSpanClasses; i++) this.central.push(new MCentral(i))
    this.legacy = rt.layout === 'legacy' ? new LegacyHeap(rt) : null
    if (this.legacy !== null) {
      this.curArena = { base: this.legacy.arenaAlloc, end: this.legacy.arenaEnd }
      return
    }
    if (rt.heapBase === 'fixed') {
      for (let i = 0; i < arenaHintCount; i++)
        this.arenaHints.push({ addr: i * 2 ** 40 + arenaHintBase, down: false })
      return
    }
    // Go 1.26 mallocinit: a random 64 MiB-aligned base below 2^46; hint i puts (prefix + i) in
    // the base's top byte (bits 38..45) over its low 40 bits.
    const rand = new HeapRandBits(rt.seed)
    this.heapRand = rand
    const topBits = randHeapAddrBits - logHeapArenaBytes
    const randHeapBase = rand.next(topBits) * 2 ** (randHeapAddrBits - topBits)
    const prefix = Math.floor(randHeapBase / 2 ** (randHeapAddrBits - 8)) & 0xff
    const low = randHeapBase % 2 ** (heapAddrBits - 8) // randHeapBase & randHeapBasePrefixMask
    for (let i = 0; i < arenaHintCount; i++) {
      const p = or53(((prefix + i) & 0xff) * 2 ** (randHeapAddrBits - 8), low)
      this.arenaHints.push({ addr: p, down: false })
    }
  }

  /** Go's spanOf: the span recorded for p's page, or null (may be a dead/stale span). */
  spanOf(p: number): MSpan | null {
    if (this.legacy !== null) return this.legacy.spanOf(p)
    const ha = this.arenaOf(p)
    return ha === null ? null : ha.spans[(p - ha.base) >>> 13] // p − base < 2^26: no float modulo
  }

  /** The arena holding addr, or null (a one-entry cache, lastArena, first). */
  arenaOf(addr: number): HeapArena | null {
    const ai = arenaIndex(addr)
    const ha = this.lastArena
    if (ha !== null && ha.index === ai) return ha
    const found = this.arenas.get(ai)
    if (found === undefined) return null
    return (this.lastArena = found)
  }

  /** Go's spanOfHeap: the in-use span holding p (base ≤ p < base + npages pages), or null. */
  spanOfHeap(p: number): MSpan | null {
    const s = this.spanOf(p)
    if (s === null || s.state !== mSpanInUse || p < s.startAddr || p >= s.startAddr + s.npages * _PageSize)
      return null
    return s
  }

  /** Go's mheap.alloc: a span for npages pages of span class spc, allocated for P pp. While the
   *  sweep is not done, the page reclaimer first frees at least npages pages of dead spans. */
  alloc(npages: number, spc: number, pp: number): MSpan | null {
    if (this.rt.gcController.sweep.active() && this.legacy === null) this.reclaim(npages)
    return this.allocSpan(npages, spc, pp)
  }

  /** Go's mheap.reclaim: sweep dead spans until npage pages have gone back to the heap, or the
   *  heap as it was when the sweep began has been looked through (see the file header). */
  reclaim(npage: number): void {
    if (this.reclaimIndex >= reclaimDone) return
    const rt = this.rt
    const want = npage
    let fromCredit = 0
    let reclaimed = 0
    let chunks = 0
    let swept = 0
    let locked = false
    while (npage > 0) {
      if (this.reclaimCredit > 0) {
        const take = Math.min(this.reclaimCredit, npage)
        this.reclaimCredit -= take
        rt.counters.atomics++ // CAS on reclaimCredit
        npage -= take
        fromCredit += take
        continue
      }
      const idx = this.reclaimIndex
      this.reclaimIndex += pagesPerReclaimerChunk
      rt.counters.atomics++ // reclaimIndex.Add
      if (Math.floor(idx / pagesPerArena) >= this.sweepArenas.length) {
        this.reclaimIndex = reclaimDone
        break
      }
      if (!locked) {
        this.lock('page reclaim')
        locked = true
      }
      chunks++
      const r = this.reclaimChunk(idx, pagesPerReclaimerChunk)
      swept += r.swept
      reclaimed += r.freed
      if (r.freed <= npage) npage -= r.freed
      else {
        this.reclaimCredit += r.freed - npage
        rt.counters.atomics++
        npage = 0
      }
    }
    rt.counters.reclaims++
    rt.counters.pagesReclaimed += reclaimed
    if (rt.tracing)
      rt.emit({
        type: 'reclaim',
        npages: want,
        fromCredit,
        chunks,
        spansSwept: swept,
        pagesReclaimed: reclaimed,
        credit: this.reclaimCredit,
        done: this.reclaimIndex >= reclaimDone,
      })
  }

  /** Go's mheap.reclaimChunk: sweep the in-use spans with no marked object that start in pages
   *  [pageIdx, pageIdx + n) of sweepArenas. Returns the spans swept and the pages freed. */
  private reclaimChunk(pageIdx: number, n: number): { swept: number; freed: number } {
    const rt = this.rt
    const sweeper = rt.gcController.sweep
    let freed = 0
    let swept = 0
    while (n > 0) {
      const ha = this.arenas.get(this.sweepArenas[Math.floor(pageIdx / pagesPerArena)]) as HeapArena
      const arenaPage = pageIdx % pagesPerArena
      const bytes = Math.min(pagesPerArena - arenaPage, n) >>> 3
      const first = arenaPage >>> 3
      for (let i = first; i < first + bytes; i++) {
        let inUseUnmarked = ha.pageInUse[i] & ~ha.pageMarks[i]
        if (inUseUnmarked === 0) continue
        for (let j = 0; j < 8; j++) {
          if ((inUseUnmarked & (1 << j)) === 0) continue
          const s = ha.spans[(i << 3) + j] as MSpan
          if (!sweeper.tryAcquire(s)) continue
          // Go leaves the span in its unswept set; the sweepers that pop it later skip it.
          if (s.list !== listNone) this.central[s.spanclass].setOf(s.list).forget(s)
          const npages = s.npages
          swept++
          if (sweeper.sweep(s, false)) freed += npages
          this.lock('page reclaim') // Go dropped the lock around the sweep
          inUseUnmarked = ha.pageInUse[i] & ~ha.pageMarks[i]
        }
      }
      pageIdx += bytes << 3
      n -= bytes << 3
    }
    return { swept, freed }
  }

  private lock(reason: string): void {
    const rt = this.rt
    rt.counters.heapLocks++
    if (rt.tracing) rt.emit({ type: 'lock', lock: 'mheap', reason })
  }

  /** Go's mheap.allocSpan for heap spans. */
  allocSpan(npages: number, spc: number, pp: number): MSpan | null {
    const rt = this.rt
    rt.counters.allocSpans++
    const P = rt.allp[pp]
    let base = 0
    let scav = 0
    let s: MSpan | null = null
    let viaPageCache = false
    if (npages < pageCachePages / 4) {
      const c = P.pcache
      if (c.empty()) {
        this.lock('page cache refill')
        c.fill(this.pages)
        rt.counters.pageCacheRefills++
        if (rt.tracing)
          rt.emit({
            type: 'pageCacheRefill',
            p: pp,
            base: c.base,
            pages: c.pages(),
            scavenged: popcnt64(c.scavLo, c.scavHi),
          })
      }
      base = c.alloc(npages)
      scav = c.lastScav
      if (base !== 0) {
        viaPageCache = true
        rt.counters.pageCacheAllocs++
        if (rt.tracing) rt.emit({ type: 'pageCacheAlloc', p: pp, npages, base, scav })
        s = this.tryAllocMSpan(pp)
      }
    }
    if (base === 0 || s === null) {
      this.lock(base === 0 ? 'page allocation' : 'mspan struct')
      if (base === 0) {
        base = this.pages.alloc(npages)
        if (base === 0) {
          if (!this.grow(npages)) return null
          base = this.pages.alloc(npages)
          // Only after the first grow of a randomized heap, whose padding pages may leave too
          // little room (see Simplifications): grow once more, contiguously.
          if (base === 0 && this.randomPadding !== null && this.grow(npages)) base = this.pages.alloc(npages)
          if (base === 0) throw new Error('grew heap, but no adequate free space found')
        }
        scav = this.pages.lastScav
        rt.counters.pageAllocs++
        if (rt.tracing)
          rt.emit({
            type: 'pageAlloc',
            npages,
            base,
            scav,
            searchAddr: this.pages.searchAddr,
            fast: this.pages.lastFast,
          })
      }
      if (s === null) s = this.allocMSpanLocked(pp)
    }
    // Go's HaveSpan: under a memory limit, scavenge what paging these pages in would put over it.
    if (rt.gcController.memoryLimit !== Infinity) rt.gcController.scavenger.allocAssist(scav)
    this.initSpan(s, spc, base, npages)
    const nbytes = npages * _PageSize
    const st = rt.memstats
    if (scav !== 0) {
      rt.os.sysUsed(base, nbytes, scav)
      if (rt.tracing) rt.emit({ type: 'sysUsed', addr: base, bytes: nbytes, scav })
      st.heapReleased -= scav
    }
    st.heapFree -= nbytes - scav
    st.heapInUse += nbytes
    rt.counters.atomics += 2 // heapStats acquire/release
    st.committed += scav
    st.released -= scav
    st.inHeap += nbytes
    if (rt.tracing)
      rt.emit({
        type: 'allocSpan',
        base,
        npages,
        spanclass: spc,
        viaPageCache,
        scav,
        needzero: s.needzero !== 0,
        nelems: s.nelems,
        elemsize: s.elemsize,
      })
    return s
  }

  /** Go's tryAllocMSpan: an mspan struct from the P's cache without the lock. */
  private tryAllocMSpan(pp: number): MSpan | null {
    const P = this.rt.allp[pp]
    if (P.mspancache === 0) return null
    P.mspancache--
    return new MSpan()
  }

  /** Go's allocMSpanLocked: refill the P's mspan cache (64 structs) if empty, take one. */
  private allocMSpanLocked(pp: number): MSpan {
    const rt = this.rt
    const P = rt.allp[pp]
    if (P.mspancache === 0) {
      const refill = 64
      for (let i = 0; i < refill; i++) this.spanalloc.alloc()
      P.mspancache = refill
      rt.counters.mspanCacheRefills++
      if (rt.tracing) rt.emit({ type: 'mspanCacheRefill', p: pp, count: refill })
    }
    P.mspancache--
    return new MSpan()
  }

  /** Go's freeMSpanLocked: back to the P's cache if it has room, else to fixalloc. */
  private freeMSpanLocked(pp: number): void {
    const P = this.rt.allp[pp]
    if (P.mspancache < 128) P.mspancache++
    else this.spanalloc.dealloc()
  }

  /** Go's initSpan for heap spans. */
  private initSpan(s: MSpan, spc: number, base: number, npages: number): void {
    const rt = this.rt
    s.init(base, npages)
    if (this.allocNeedsZero(base, npages)) s.needzero = 1
    const nbytes = npages * _PageSize
    s.spanclass = spc
    const sizeclass = spc >>> 1
    if (sizeclass === 0) {
      s.elemsize = nbytes
      s.nelems = 1
      s.divMul = 0
    } else {
      s.elemsize = classToSizeT[sizeclass]
      s.nelems = rt.spanNelems[spc]
      s.divMul = classToDivMagicT[sizeclass]
      s.limitOff = s.elemsize * s.nelems // Go 1.26+ initSpan (earlier, mcentral.grow resets it)
    }
    s.freeindex = 0
    s.allocCacheLo = -1
    s.allocCacheHi = -1
    s.gcmarkBits = zeroBits // own bitmap allocated lazily by the GC (mspan.ts zeroBits)
    s.allocBits = zeroBits // a fresh span has nothing allocated; allocation never writes allocBits
    s.rootBits = newGCBits(s.nelems)
    s.sweepgen = this.sweepgen
    s.state = mSpanInUse
    this.setSpans(base, npages, s)
    const ha = this.arenaOf(base) as HeapArena
    const pageIdx = (base - ha.base) / _PageSize
    ha.pageInUse[pageIdx >>> 3] |= 1 << (pageIdx & 7)
    rt.counters.atomics++ // atomic.Or8
    if (rt.greenTea && usesInlineMarkBits(s.elemsize) && sizeclass !== 0)
      ha.pageUseSpanInlineMarkBits[pageIdx >>> 3] |= 1 << (pageIdx & 7)
    this.pagesInUse += npages
    s.allIndex = this.allspans.length
    this.allspans.push(s)
  }

  /** Go's setSpans: record s for every page it covers. */
  private setSpans(base: number, npages: number, s: MSpan | null): void {
    if (this.legacy !== null) return this.legacy.setSpans(base, npages, s)
    for (let addr = base, n = npages; n > 0;) {
      const ha = this.arenaOf(addr) as HeapArena
      const first = (addr - ha.base) / _PageSize
      const k = Math.min(n, pagesPerArena - first)
      for (let i = first; i < first + k; i++) ha.spans[i] = s
      n -= k
      addr += k * _PageSize
    }
  }

  /** Go's allocNeedsZero: does [base, base+npages) reach below some arena's zeroedBase? */
  private allocNeedsZero(base: number, npage: number): boolean {
    let needZero = false
    while (npage > 0) {
      const ha = this.arenaOf(base) as HeapArena
      const arenaOff = base - ha.base
      if (arenaOff < ha.zeroedBase) needZero = true
      let arenaLimit = arenaOff + npage * _PageSize
      if (arenaLimit > heapArenaBytes) arenaLimit = heapArenaBytes
      if (arenaLimit > ha.zeroedBase) {
        ha.zeroedBase = arenaLimit
        this.rt.counters.atomics++ // CAS
      }
      base += arenaLimit - arenaOff
      npage -= (arenaLimit - arenaOff) / _PageSize
    }
    return needZero
  }

  /** Go's mheap.grow (heap lock held): add at least npage pages. False when out of memory. */
  grow(npage: number): boolean {
    const rt = this.rt
    rt.counters.heapGrows++
    const ask = Math.ceil(npage / pallocChunkPages) * pallocChunkPages * _PageSize
    if (this.legacy !== null) {
      if (!this.legacy.grow(this, npage, ask)) return false
      this.curArena.base = this.legacy.arenaAlloc
      return true
    }
    let nBase = this.curArena.base + ask
    let firstBase = -1
    let totalGrowth = 0
    const firstGrow = this.curArena.base === 0
    if (nBase > this.curArena.end) {
      const av = this.sysAlloc(ask)
      if (av === 0) return false
      const asize = Math.ceil(ask / heapArenaBytes) * heapArenaBytes
      if (av === this.curArena.end) {
        this.curArena.end = av + asize
      } else {
        const size = this.curArena.end - this.curArena.base
        if (size !== 0) {
          rt.os.sysMap(this.curArena.base, size)
          if (rt.tracing) rt.emit({ type: 'sysMap', addr: this.curArena.base, bytes: size })
          rt.memstats.heapReleased += size
          rt.memstats.released += size
          this.pages.grow(this.curArena.base, size)
          firstBase = this.curArena.base
          totalGrowth += size
        }
        this.curArena.base = av
        this.curArena.end = av + asize
        if (firstGrow && this.heapRand !== null) {
          // Go 1.26: start the heap at a random 4 MiB chunk of the first arena.
          const fits = Math.floor((asize - ask) / pallocChunkBytes) + 1
          const offset = this.heapRand.next(logHeapArenaBytes - logPallocChunkBytes) % fits
          this.curArena.base = av + offset * pallocChunkBytes
        }
      }
      nBase = this.curArena.base + ask
    }
    const v = this.curArena.base
    this.curArena.base = nBase
    rt.os.sysMap(v, nBase - v)
    if (rt.tracing) rt.emit({ type: 'sysMap', addr: v, bytes: nBase - v })
    rt.memstats.heapReleased += nBase - v
    rt.memstats.released += nBase - v
    this.pages.grow(v, nBase - v)
    totalGrowth += nBase - v
    if (firstGrow && this.heapRand !== null) {
      // Go 1.26: then a random number of pages inside that chunk, marked allocated and
      // scavenged, so the first object lands at a random page.
      const npad = Math.floor(this.heapRand.next(logPallocChunkBytes) / _PageSize)
      if (npad !== 0) {
        this.pages.markRandomPaddingPages(v, npad)
        this.randomPadding = { base: v, npages: npad }
      }
    }
    if (rt.tracing)
      rt.emit({
        type: 'heapGrow',
        npages: npage,
        ask,
        base: firstBase >= 0 ? firstBase : v,
        growth: totalGrowth,
      })
    return true
  }

  /**
   * Go's mheap.sysAlloc (64-bit path): reserve n bytes (rounded up to whole arenas) at the first
   * usable hint and register the arenas. Returns the base, or 0 when out of address space.
   */
  private sysAlloc(n: number): number {
    const rt = this.rt
    n = Math.ceil(n / heapArenaBytes) * heapArenaBytes
    let v = 0
    while (this.arenaHints.length > 0) {
      const hint = this.arenaHints[0]
      let p = hint.addr
      if (hint.down) p -= n
      let got = 0
      if (arenaIndex(p + n - 1) < 2 ** 22) {
        got = rt.os.sysReserve(p, n)
        if (rt.tracing) rt.emit({ type: 'sysReserve', addr: p, bytes: n })
      }
      if (got === p && got !== 0) {
        if (!hint.down) p += n
        hint.addr = p
        v = got
        break
      }
      this.arenaHints.shift() // failed: discard this hint
    }
    if (v === 0) return 0
    for (let a = v; a < v + n; a += heapArenaBytes) {
      const ai = arenaIndex(a)
      if (!this.l2Allocated) {
        this.l2Allocated = true
        rt.os.sysAllocOS(2 ** 22 * 8)
        if (rt.tracing) rt.emit({ type: 'sysAllocOS', bytes: 2 ** 22 * 8, what: 'arena L2 map' })
      }
      this.arenas.set(ai, new HeapArena(ai, a))
      this.allArenas.push(ai)
      rt.memstats.gcMiscSys += heapArenaMetaBytes
      if (rt.tracing) rt.emit({ type: 'newArena', index: ai, base: a })
    }
    return v
  }

  /** Go's mheap.freeSpan: an empty heap span's pages go back to the page allocator. */
  freeSpan(s: MSpan, pp = 0): void {
    const rt = this.rt
    this.lock('free span')
    rt.counters.freeSpans++
    if (s.state !== mSpanInUse) throw new Error('mheap.freeSpanLocked - invalid span state')
    if (s.allocCount !== 0 || s.sweepgen !== this.sweepgen)
      throw new Error('mheap.freeSpanLocked - invalid free')
    this.pagesInUse -= s.npages
    const ha = this.arenaOf(s.startAddr) as HeapArena
    const pageIdx = (s.startAddr - ha.base) / _PageSize
    ha.pageInUse[pageIdx >>> 3] &= ~(1 << (pageIdx & 7))
    ha.pageUseSpanInlineMarkBits[pageIdx >>> 3] &= ~(1 << (pageIdx & 7))
    const nbytes = s.npages * _PageSize
    const st = rt.memstats
    st.heapFree += nbytes
    st.heapInUse -= nbytes
    st.inHeap -= nbytes
    rt.counters.atomics += 3
    this.pages.free(s.startAddr, s.npages)
    if (rt.tracing) {
      rt.emit({ type: 'pageFree', base: s.startAddr, npages: s.npages })
      rt.emit({ type: 'freeSpan', base: s.startAddr, npages: s.npages, spanclass: s.spanclass })
    }
    s.state = mSpanDead
    const all = this.allspans
    const last = all.pop() as MSpan
    if (last !== s) {
      all[s.allIndex] = last
      last.allIndex = s.allIndex
    }
    s.allIndex = -1
    this.freeMSpanLocked(pp)
  }
}

function popcnt64(lo: number, hi: number): number {
  let c = 0
  for (let i = 0; i < 32; i++) {
    if (lo & (1 << i)) c++
    if (hi & (1 << i)) c++
  }
  return c
}
