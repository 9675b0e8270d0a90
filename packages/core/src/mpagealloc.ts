// mpagealloc.ts — the page allocator: which 8 KiB pages of the heap are free.
//
// Mirrors Go's src/runtime/mpagealloc.go, mpagealloc_64bit.go and mpallocbits.go (Go 1.14+).
//
// The heap's address space is cut into 4 MiB *chunks* of 512 pages. Each chunk the heap has
// grown into has two 512-bit bitmaps (pallocData): `pallocBits` (1 = page in use) and
// `scavenged` (1 = page returned to the OS). Above the chunks sits a radix tree of summaries,
// five levels on 64-bit platforms; level 4 has one entry per chunk and each higher entry covers
// 8 entries below it (level 0 has 2^14 entries of 16 GiB each). A summary is three numbers of
// pages for its region:
//
//   start  free pages at the low end,   max  longest free run anywhere,   end  free pages at the high end
//
// so a parent can be computed from its 8 children (mergeSummaries), and a search for n free
// pages can descend only into entries whose max ≥ n, or notice a free run straddling the
// boundary between neighbours (end of one + start of the next).
//
//   alloc(n)  address-ordered first fit. Fast path: if the chunk holding `searchAddr` (a hint:
//             no page below it is free) has max ≥ n, search that chunk's bitmap directly. Else
//             `find` walks the tree from level 0. Then allocRange sets the bits, clears scavenged
//             bits (returning how many bytes were scavenged: the caller must sysUsed them), and
//             `update` recomputes summaries bottom-up, stopping at the first level that didn't
//             change.
//   free      clear bits, lower searchAddr, update.
//   grow      new chunks start all free and all scavenged (new memory counts as released).
//   allocToCache  hand a whole 64-page aligned group to a P's page cache (mpagecache.ts).
//
// Indexes follow Go exactly: Go works in an "offset address space" where the linear address is
// addr − arenaBaseOffset = addr + 2^47 on linux/amd64, so chunk index = (addr + 2^47) >> 22 and
// the level-l index = (addr + 2^47) >> levelShift[l]. For 0xc000000000 these are 33,751,040 and
// (level 0) 8,240.
//
// Representation: summaries are stored unpacked (three Uint32 per entry) in 8-entry blocks of a
// Map per level — the sparse equivalent of Go's reserved-and-mapped-on-demand summary arrays.
// Chunks live in a Map from chunk index (Go: a two-level L1/L2 array of pallocData).
//
// Simplifications: no scavenger index (p.scav.index: chunk density for the scavenger), no
// inUse address-range list beyond what snapshots need, no mapping of summary memory as OS calls.

import { _PageSize } from './sizeclasses.ts'
import {
  arenaBaseOffset,
  logPallocChunkBytes,
  logPallocChunkPages,
  pallocChunkBytes,
  pallocChunkPages,
  summaryL0Bits,
  summaryLevelBits,
  summaryLevels,
} from './constants.ts'
import { popcount32 } from './mspan.ts'

const numLevels = summaryLevels
/** The leaf level: one summary per chunk. */
export const leaf = numLevels - 1
/** Per level: address bits below its index ([34, 31, 28, 25, 22]; Go: levelShift). */
export const levelShift: readonly number[] = Array.from(
  { length: numLevels },
  (_, l) => logPallocChunkBytes + (leaf - l) * summaryLevelBits,
)
/** Per level: bits of its index within its parent ([14, 3, 3, 3, 3]; Go: levelBits). */
export const levelBits: readonly number[] = Array.from({ length: numLevels }, (_, l) =>
  l === 0 ? summaryL0Bits : summaryLevelBits,
)
/** Per level: log2 of the pages one summary covers ([21, 18, 15, 12, 9]; Go: levelLogPages). */
export const levelLogPages: readonly number[] = Array.from(
  { length: numLevels },
  (_, l) => logPallocChunkPages + (leaf - l) * summaryLevelBits,
)
/** Offset added to an address to get its position in Go's offset address space. */
const linearOffset = arenaBaseOffset
/** Go's maxSearchAddr (maxOffAddr): the highest address of the offset address space. */
export const maxSearchAddr = 2 ** 47 - 1

/** Linear (offset-space) address. */
export const linear = (addr: number): number => addr + linearOffset
/** Go's chunkIndex. */
export const chunkIndex = (addr: number): number => Math.floor((addr + linearOffset) / pallocChunkBytes)
/** Go's chunkBase. */
export const chunkBase = (ci: number): number => ci * pallocChunkBytes - linearOffset
/** Go's chunkPageIndex: page index of addr inside its chunk. */
export const chunkPageIndex = (addr: number): number => {
  // (addr mod chunk bytes) / page bytes, without a floating-point modulo (a call into the C library)
  const lin = addr + linearOffset
  return Math.floor((lin - Math.floor(lin / pallocChunkBytes) * pallocChunkBytes) / _PageSize)
}
/** Per level: 2^levelShift[l], the bytes one summary covers. */
const levelBytes: readonly number[] = levelShift.map((sh) => 2 ** sh)
/** Go's offAddrToLevelIndex. */
export const levelIndex = (l: number, addr: number): number =>
  Math.floor((addr + linearOffset) / levelBytes[l])
/** Go's levelIndexToOffAddr, as a real address. */
export const levelIndexToAddr = (l: number, i: number): number => i * levelBytes[l] - linearOffset

/** One chunk's bitmaps (Go: pallocData = pallocBits + scavenged). Bit k of word w = page 32w+k. */
export class PallocData {
  readonly pallocBits = new Uint32Array(pallocChunkPages / 32)
  readonly scavenged = new Uint32Array(pallocChunkPages / 32)
}

/** A summary (start, max, end), unpacked. */
export interface PallocSum {
  start: number
  max: number
  end: number
}

const emptyBlock = new Uint32Array(24)

function isSet(bits: Uint32Array, i: number): boolean {
  return (bits[i >>> 5] & (1 << (i & 31))) !== 0
}

/** Bits lo..hi−1 (0 ≤ lo < hi ≤ 32) of a word. */
function wordMask(lo: number, hi: number): number {
  return (hi === 32 ? -1 : (1 << hi) - 1) & ~((1 << lo) - 1)
}

function setRange(bits: Uint32Array, i: number, n: number): void {
  for (let k = i, end = i + n; k < end;) {
    const hi = Math.min(32, (k & 31) + end - k)
    bits[k >>> 5] |= wordMask(k & 31, hi)
    k += hi - (k & 31)
  }
}

function clearRange(bits: Uint32Array, i: number, n: number): void {
  for (let k = i, end = i + n; k < end;) {
    const hi = Math.min(32, (k & 31) + end - k)
    bits[k >>> 5] &= ~wordMask(k & 31, hi)
    k += hi - (k & 31)
  }
}

function popcntRange(bits: Uint32Array, i: number, n: number): number {
  let c = 0
  for (let k = i, end = i + n; k < end;) {
    const hi = Math.min(32, (k & 31) + end - k)
    c += popcount32(bits[k >>> 5] & wordMask(k & 31, hi))
    k += hi - (k & 31)
  }
  return c
}

/** Length of the longest run of set bits in a 32-bit word. */
function longestOnes(m: number): number {
  let n = 0
  while (m !== 0) {
    m &= m << 1
    n++
  }
  return n
}

/** Summarize a chunk bitmap: free run at the start, longest free run, free run at the end. */
export function summarize(bits: Uint32Array): PallocSum {
  let start = 0
  let max = 0
  let run = 0
  let seenUsed = false
  for (let w = 0; w < bits.length; w++) {
    const x = bits[w]
    if (x === 0) {
      run += 32
      continue
    }
    if (x === 0xffffffff) {
      if (!seenUsed) {
        start = run
        seenUsed = true
      }
      if (run > max) max = run
      run = 0
      continue
    }
    // A partly used word: the free bits below its lowest used page end the current run; the
    // runs inside it are bounded by the word's longest free run; its top free bits start the next.
    run += 31 - Math.clz32(x & -x)
    if (!seenUsed) {
      start = run
      seenUsed = true
    }
    if (run > max) max = run
    const inside = longestOnes(~x)
    if (inside > max) max = inside
    run = Math.clz32(x)
  }
  if (!seenUsed) return { start: run, max: run, end: run }
  if (run > max) max = run
  return { start, max, end: run }
}

/**
 * Search a chunk bitmap for npages free pages, starting at the 64-page word holding searchIdx
 * (Go: pallocBits.find / find1 / findSmallN / findLargeN). Returns [index or -1, first free index
 * seen or -1].
 */
export function findInChunk(bits: Uint32Array, npages: number, searchIdx: number): [number, number] {
  let firstFree = -1
  let runStart = 0
  let run = 0
  for (let i = (searchIdx >>> 6) << 6; i < pallocChunkPages; i++) {
    const w = bits[i >>> 5]
    if (w === 0xffffffff && (i & 31) === 0) {
      run = 0
      i += 31
      continue
    }
    if (w === 0 && (i & 31) === 0) {
      // 32 free pages at once: the run either reaches npages inside them or goes on past them.
      if (firstFree < 0) firstFree = i
      if (run === 0) runStart = i
      run += 32
      if (run >= npages) return [runStart, firstFree]
      i += 31
      continue
    }
    if ((w & (1 << (i & 31))) === 0) {
      if (firstFree < 0) firstFree = i
      if (run === 0) runStart = i
      run++
      if (run >= npages) return [runStart, firstFree]
    } else run = 0
  }
  return [-1, firstFree]
}

/** Merge 8 child summaries, each covering 2^logMaxPagesPerSum pages (Go: mergeSummaries).
 *  (Every value is below 2^22, so the `| 0`s keep the arithmetic in 32-bit integers.) */
function mergeInto(block: Uint32Array, logMaxPagesPerSum: number, out: Uint32Array, o: number): void {
  const full = (1 << logMaxPagesPerSum) | 0
  let start = block[0] | 0
  let most = block[1] | 0
  let end = block[2] | 0
  for (let i = 1, at = full; i < 8; i++, at += full) {
    const si = block[i * 3] | 0
    const mi = block[i * 3 + 1] | 0
    const ei = block[i * 3 + 2] | 0
    if (start === at) start += si
    const joined = end + si
    if (joined > most) most = joined
    if (mi > most) most = mi
    end = ei === full ? end + full : ei
  }
  out[o] = start
  out[o + 1] = most
  out[o + 2] = end
}

/** update's scratch summary (start, max, end): one for the module, not a new array per call. */
const mergeScratch = new Uint32Array(3)

export class PageAlloc {
  /** levels[l] maps (index >> 3) → 8 summaries × (start, max, end). */
  readonly levels: Map<number, Uint32Array>[] = [new Map(), new Map(), new Map(), new Map(), new Map()]
  /** Chunk bitmaps by chunk index. */
  readonly chunks = new Map<number, PallocData>()
  /** No free page exists below this address (Go: searchAddr; maxSearchAddr when exhausted). */
  searchAddr = maxSearchAddr
  /** First and one-past-last chunk index the heap has grown into (Go: start, end). */
  start = 0
  end = 0
  /** Address ranges the heap has grown into, sorted (Go: inUse). */
  readonly inUse: { base: number; limit: number }[] = []
  /** Scavenged bytes of the last alloc (second result of Go's alloc). */
  lastScav = 0
  /** Whether the last alloc used the searchAddr fast path (for the trace). */
  lastFast = false
  /** find() calls (full radix-tree searches). */
  finds = 0

  // --- summaries ------------------------------------------------------------------------------

  /** The block found last at each level, and its key: allocation and its summary updates stay
   *  in one place of the address space for a while, so most lookups are answered here. */
  private readonly lastKeys: number[] = new Array<number>(numLevels).fill(-1)
  private readonly lastBlocks: (Uint32Array | null)[] = new Array<Uint32Array | null>(numLevels).fill(null)

  block(l: number, i: number): Uint32Array {
    const key = i >>> 3
    if (this.lastKeys[l] === key) return this.lastBlocks[l] as Uint32Array
    const b = this.levels[l].get(key)
    if (b === undefined) return emptyBlock
    this.lastKeys[l] = key
    this.lastBlocks[l] = b
    return b
  }

  sum(l: number, i: number): PallocSum {
    const b = this.block(l, i)
    const o = (i & 7) * 3
    return { start: b[o], max: b[o + 1], end: b[o + 2] }
  }

  private writableBlock(l: number, i: number): Uint32Array {
    const b = this.block(l, i)
    if (b !== emptyBlock) return b
    const nb = new Uint32Array(24)
    this.levels[l].set(i >>> 3, nb)
    this.lastKeys[l] = i >>> 3
    this.lastBlocks[l] = nb
    return nb
  }

  private setSum(l: number, i: number, start: number, max: number, end: number): boolean {
    const cur = this.block(l, i)
    const o = (i & 7) * 3
    if (cur[o] === start && cur[o + 1] === max && cur[o + 2] === end) return false
    const b = this.writableBlock(l, i)
    b[o] = start
    b[o + 1] = max
    b[o + 2] = end
    return true
  }

  chunkOf(ci: number): PallocData {
    const c = this.chunks.get(ci)
    if (c === undefined) throw new Error(`page allocator: no chunk ${ci}`)
    return c
  }

  /** Go's update: recompute summaries for [base, base+npages) bottom-up. */
  update(base: number, npages: number, contig: boolean, alloc: boolean): void {
    const limit = base + npages * _PageSize - 1
    const sc = chunkIndex(base)
    const ec = chunkIndex(limit)
    if (sc === ec) {
      const y = summarize(this.chunkOf(sc).pallocBits)
      if (!this.setSum(leaf, sc, y.start, y.max, y.end)) return
    } else if (contig) {
      const a = summarize(this.chunkOf(sc).pallocBits)
      this.setSum(leaf, sc, a.start, a.max, a.end)
      for (let c = sc + 1; c < ec; c++) {
        if (alloc) this.setSum(leaf, c, 0, 0, 0)
        else this.setSum(leaf, c, pallocChunkPages, pallocChunkPages, pallocChunkPages)
      }
      const b = summarize(this.chunkOf(ec).pallocBits)
      this.setSum(leaf, ec, b.start, b.max, b.end)
    } else {
      for (let c = sc; c <= ec; c++) {
        const y = summarize(this.chunkOf(c).pallocBits)
        this.setSum(leaf, c, y.start, y.max, y.end)
      }
    }
    const tmp = mergeScratch
    let changed = true
    for (let l = leaf - 1; l >= 0 && changed; l--) {
      changed = false
      const lo = levelIndex(l, base)
      const hi = levelIndex(l, limit) + 1
      for (let i = lo; i < hi; i++) {
        mergeInto(this.block(l + 1, i << 3), levelLogPages[l + 1], tmp, 0)
        if (this.setSum(l, i, tmp[0], tmp[1], tmp[2])) changed = true
      }
    }
  }

  // --- growth ---------------------------------------------------------------------------------

  /** Go's pageAlloc.grow: [base, base+size) becomes free, scavenged memory. */
  grow(base: number, size: number): void {
    const limit = Math.ceil((base + size) / pallocChunkBytes) * pallocChunkBytes
    base = Math.floor(base / pallocChunkBytes) * pallocChunkBytes
    const firstGrowth = this.start === 0
    const start = chunkIndex(base)
    const end = chunkIndex(limit)
    if (firstGrowth || start < this.start) this.start = start
    if (end > this.end) this.end = end
    this.addInUse(base, limit)
    if (base < this.searchAddr) this.searchAddr = base
    for (let c = start; c < end; c++) {
      let d = this.chunks.get(c)
      if (d === undefined) {
        d = new PallocData()
        this.chunks.set(c, d)
      }
      d.scavenged.fill(0xffffffff)
    }
    this.update(base, (limit - base) / _PageSize, true, false)
  }

  private addInUse(base: number, limit: number): void {
    let i = 0
    while (i < this.inUse.length && this.inUse[i].base < base) i++
    this.inUse.splice(i, 0, { base, limit })
    for (let j = 0; j + 1 < this.inUse.length;) {
      if (this.inUse[j].limit === this.inUse[j + 1].base) {
        this.inUse[j].limit = this.inUse[j + 1].limit
        this.inUse.splice(j + 1, 1)
      } else j++
    }
  }

  // --- allocation -----------------------------------------------------------------------------

  /** Go's pageAlloc.alloc: base address of npages free pages (0 if none); sets lastScav. */
  alloc(npages: number): number {
    this.lastScav = 0
    this.lastFast = false
    if (chunkIndex(this.searchAddr) >= this.end) return 0
    let addr = 0
    let searchAddr = 0
    const pi = chunkPageIndex(this.searchAddr)
    if (pallocChunkPages - pi >= npages) {
      const i = chunkIndex(this.searchAddr)
      const b = this.block(leaf, i)
      if (b[(i & 7) * 3 + 1] >= npages) {
        const [j, searchIdx] = findInChunk(this.chunkOf(i).pallocBits, npages, pi)
        if (j < 0) throw new Error('bad summary data')
        addr = chunkBase(i) + j * _PageSize
        searchAddr = chunkBase(i) + searchIdx * _PageSize
        this.lastFast = true
      }
    }
    if (addr === 0) {
      const r = this.find(npages)
      addr = r[0]
      searchAddr = r[1]
      if (addr === 0) {
        if (npages === 1) this.searchAddr = maxSearchAddr
        return 0
      }
    }
    this.lastScav = this.allocRange(addr, npages)
    if (this.searchAddr < searchAddr) this.searchAddr = searchAddr
    return addr
  }

  /** Go's allocRange: mark pages in use, clear their scavenged bits; returns scavenged bytes. */
  allocRange(base: number, npages: number): number {
    const limit = base + npages * _PageSize - 1
    const sc = chunkIndex(base)
    const ec = chunkIndex(limit)
    const si = chunkPageIndex(base)
    const ei = chunkPageIndex(limit)
    let scav = 0
    for (let c = sc; c <= ec; c++) {
      const d = this.chunkOf(c)
      const from = c === sc ? si : 0
      const to = c === ec ? ei : pallocChunkPages - 1
      scav += popcntRange(d.scavenged, from, to + 1 - from)
      setRange(d.pallocBits, from, to + 1 - from)
      clearRange(d.scavenged, from, to + 1 - from)
    }
    this.update(base, npages, true, true)
    return scav * _PageSize
  }

  /**
   * Go 1.26's markRandomPaddingPages: [base, base + npages pages) becomes allocated *and*
   * scavenged — pages that belong to no span and are never used, so the heap's first object
   * lands at a random page. Their memory stays counted as released.
   */
  markRandomPaddingPages(base: number, npages: number): void {
    const limit = base + npages * _PageSize - 1
    const sc = chunkIndex(base)
    const ec = chunkIndex(limit)
    for (let c = sc; c <= ec; c++) {
      const d = this.chunkOf(c)
      const from = c === sc ? chunkPageIndex(base) : 0
      const to = c === ec ? chunkPageIndex(limit) : pallocChunkPages - 1
      setRange(d.pallocBits, from, to + 1 - from)
      setRange(d.scavenged, from, to + 1 - from)
    }
    this.update(base, npages, true, true)
  }

  /**
   * Go's pageAlloc.find: address-ordered first fit over the radix tree. Returns [addr (0 if no
   * fit), new searchAddr candidate].
   */
  find(npages: number): [number, number] {
    this.finds++
    let ffBase = 0
    let ffBound = 2 ** 48 - 1
    const foundFree = (lin: number, size: number): void => {
      if (ffBase <= lin && lin + size - 1 <= ffBound) {
        ffBase = lin
        ffBound = lin + size - 1
      } else if (!(lin + size - 1 < ffBase || ffBound < lin)) {
        throw new Error('range partially overlaps')
      }
    }
    let i = 0
    nextLevel: for (let l = 0; l < numLevels; l++) {
      const entriesPerBlock = 2 ** levelBits[l]
      const logMaxPages = levelLogPages[l]
      const full = 2 ** logMaxPages
      i = i * entriesPerBlock
      let j0 = 0
      const searchIdx = levelIndex(l, this.searchAddr)
      if (searchIdx - (searchIdx % entriesPerBlock) === i) j0 = searchIdx % entriesPerBlock
      let jEnd = entriesPerBlock
      if (l === 0) jEnd = Math.min(jEnd, levelIndex(0, chunkBase(this.end - 1)) + 1)
      let base = 0
      let size = 0
      for (let j = j0; j < jEnd; j++) {
        const b = this.block(l, i + j)
        const o = ((i + j) & 7) * 3
        const s = b[o]
        const m = b[o + 1]
        const e = b[o + 2]
        if (s === 0 && m === 0 && e === 0) {
          size = 0
          continue
        }
        foundFree((i + j) * levelBytes[l], full * _PageSize)
        if (size + s >= npages) {
          if (size === 0) base = j * full
          size += s
          break
        }
        if (m >= npages) {
          i += j
          continue nextLevel
        }
        if (size === 0 || s < full) {
          size = e
          base = (j + 1) * full - size
          continue
        }
        size += full
      }
      if (size >= npages) {
        const addr = levelIndexToAddr(l, i) + base * _PageSize
        return [addr, ffBase - linearOffset]
      }
      if (l === 0) return [0, maxSearchAddr]
      throw new Error('bad summary data')
    }
    const ci = i
    const [j, searchIdx] = findInChunk(this.chunkOf(ci).pallocBits, npages, 0)
    if (j < 0) throw new Error('bad summary data')
    const addr = chunkBase(ci) + j * _PageSize
    const sa = chunkBase(ci) + searchIdx * _PageSize
    foundFree(linear(sa), chunkBase(ci + 1) - sa)
    return [addr, ffBase - linearOffset]
  }

  /** Go's pageAlloc.free. Scavenged bits are left alone (they are 0 for pages that were in use). */
  free(base: number, npages: number): void {
    if (base < this.searchAddr) this.searchAddr = base
    const limit = base + npages * _PageSize - 1
    const sc = chunkIndex(base)
    const ec = chunkIndex(limit)
    const si = chunkPageIndex(base)
    const ei = chunkPageIndex(limit)
    for (let c = sc; c <= ec; c++) {
      const from = c === sc ? si : 0
      const to = c === ec ? ei : pallocChunkPages - 1
      clearRange(this.chunkOf(c).pallocBits, from, to + 1 - from)
    }
    this.update(base, npages, true, false)
  }

  /**
   * The scavenger's search (Go: pageAlloc.scavengeOne + findScavengeCandidate, simplified):
   * the highest-addressed run of free, not yet scavenged pages, at most maxPages long, taken
   * from the top of the highest chunk that has one. Marks the run scavenged and returns its
   * base and length, or null when every free page is already scavenged.
   */
  scavengeOne(maxPages: number): { base: number; npages: number } | null {
    const cis = [...this.chunks.keys()].sort((a, b) => b - a)
    for (const ci of cis) {
      const d = this.chunks.get(ci) as PallocData
      for (let w = d.pallocBits.length - 1; w >= 0; w--) {
        const cand = ~(d.pallocBits[w] | d.scavenged[w])
        if (cand === 0) continue
        let top = w * 32 + 31 - Math.clz32(cand)
        let n = 0
        let i = top
        while (i >= 0 && n < maxPages && !isSet(d.pallocBits, i) && !isSet(d.scavenged, i)) {
          i--
          n++
        }
        const first = i + 1
        setRange(d.scavenged, first, n)
        top = first
        return { base: chunkBase(ci) + top * _PageSize, npages: n }
      }
    }
    return null
  }

  // --- queries for the checker and snapshots --------------------------------------------------

  /** Is the page at addr marked in use? */
  pageInUse(addr: number): boolean {
    const d = this.chunks.get(chunkIndex(addr))
    return d !== undefined && isSet(d.pallocBits, chunkPageIndex(addr))
  }

  pageScavenged(addr: number): boolean {
    const d = this.chunks.get(chunkIndex(addr))
    return d !== undefined && isSet(d.scavenged, chunkPageIndex(addr))
  }

  /** Count of free pages and of free-and-scavenged pages over all chunks. */
  countFree(): { free: number; freeScavenged: number } {
    let free = 0
    let freeScavenged = 0
    for (const d of this.chunks.values()) {
      for (let w = 0; w < d.pallocBits.length; w++) {
        const f = ~d.pallocBits[w]
        free += popcount32(f)
        freeScavenged += popcount32(f & d.scavenged[w])
      }
    }
    return { free, freeScavenged }
  }
}

export { setRange as setBitRange, clearRange as clearBitRange, isSet as bitIsSet }
