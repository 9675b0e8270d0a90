// mspan.ts — the span: a run of pages holding objects of one span class.
//
// Mirrors Go's `mspan` (src/runtime/mheap.go) and the allocation-bitmap helpers of
// src/runtime/mbitmap.go and malloc.go (nextFreeFast, nextFreeIndex, refillAllocCache).
//
// Allocation state of a span (Go 1.7+):
//
//   allocBits   1 bit per slot, 1 = allocated, as of the last sweep (or all 0 for a fresh span).
//               Allocation never sets these bits: slots below `freeindex` are allocated by
//               definition, slots at or above it are allocated iff their allocBits bit is 1.
//   freeindex   slot index where the search for the next free slot resumes (0..nelems).
//   allocCache  64 bits: the complement of allocBits for the 64-slot group holding freeindex,
//               shifted so that bit 0 is slot `freeindex`. A 1 means free, so the next free slot
//               is freeindex + ctz(allocCache). Bits for slots ≥ nelems are garbage.
//   allocCount  number of allocated slots.
//
//   nextFreeFast(span): ctz the cache; take the slot unless that would move freeindex onto a
//   64-slot boundary (then the slow path reloads the cache). No loops, no memory traffic
//   beyond the span header: this is the whole fast path of Go's small-object malloc.
//
// Representation: allocCache is two int32 halves (lo = slots freeindex..+31, hi = +32..+63);
// allocBits/gcmarkBits are Uint32Array words (bit k of word w = slot 32w+k — the same bits as
// Go's little-endian bytes), carved from shared 64 KiB buffers like Go's gcBits arenas.
//
// Roots: the simulator adds `rootBits` (1 bit per slot: the program still references it),
// `tinyRoots` (per tiny block, which tiny objects are referenced) and `ptrObjs`; nextFreeFast
// sets the new object's root bit, drop() clears it (see heapgraph.ts).
//
// Simplifications:
// - No specials (finalizers, profiling records), no largeType, no user-arena chunks.
// - The 1.22 span-tail pointer bitmap is reserved (it lowers nelems) but its bits are not kept.
// - `list`/`cachedBy` are bookkeeping the simulator adds so snapshots and checkHeap can say
//   where a span is; Go does not track this.

import { _PageShift } from './sizeclasses.ts'

export const mSpanDead = 0
export const mSpanInUse = 1
export const mSpanManual = 2
export const spanStateNames = ['mSpanDead', 'mSpanInUse', 'mSpanManual'] as const
export type SpanStateName = (typeof spanStateNames)[number]

/** Where a span is, for snapshots and the checker (Go keeps no such field). */
export const listNone = -1

const gcBitsChunkWords = (64 << 10) >>> 2 // Go's gcBitsChunkBytes = 64 KiB
let gcBitsBuf = new ArrayBuffer(64 << 10)
let gcBitsNext = 0
/** Every buffer newGCBits carved from (each region of one goes to exactly one bitmap). */
const gcBitsChunks = new WeakSet<ArrayBufferLike>([gcBitsBuf])

/** @internal Was `b` made by newGCBits? Then each bitmap over it is the only view of its bytes
 *  (time travel may overwrite such a bitmap in place, see restore.ts). */
export function isGCBitsChunk(b: ArrayBufferLike): boolean {
  return gcBitsChunks.has(b)
}

/**
 * A zeroed bitmap of ceil(nelems/64) × 64 bits (Go: newMarkBits/newAllocBits), carved from
 * 64 KiB buffers. Old buffers are reclaimed by the JS GC when no span refers to them.
 */
export function newGCBits(nelems: number): Uint32Array {
  const words = ((nelems + 63) >>> 6) << 1
  if (gcBitsNext + words > gcBitsChunkWords) {
    gcBitsBuf = new ArrayBuffer(64 << 10)
    gcBitsChunks.add(gcBitsBuf)
    gcBitsNext = 0
  }
  const bits = new Uint32Array(gcBitsBuf, gcBitsNext << 2, words)
  gcBitsNext += words
  return bits
}

const noBits = new Uint32Array(2)

/**
 * The all-zero bitmap every span starts with as allocBits and gcmarkBits (long enough for the
 * largest nelems, 1024). It is never written: a fresh span's allocBits are all zero and
 * allocation never sets them, and the GC gives a span its own gcmarkBits (newGCBits) the first
 * time it marks an object there (see ensureMarkBits). Go allocates both bitmaps in initSpan and
 * a fresh gcmarkBits at every sweep; the simulator defers that until a mark needs it, so a span
 * nobody marks costs one bitmap (rootBits) instead of three.
 */
export const zeroBits: Uint32Array = new Uint32Array(32)

/** Give s writable mark bits before the GC marks in it. */
export function ensureMarkBits(s: MSpan): Uint32Array {
  let b = s.gcmarkBits
  if (b === zeroBits) b = s.gcmarkBits = newGCBits(s.nelems)
  return b
}

export class MSpan {
  /** Address of the first byte (Go: startAddr; base()). */
  startAddr = 0
  npages = 0
  /** limit − startAddr, kept as an offset: a small integer V8 stores in the object itself, where
   *  an address would need a separate heap number (16 bytes more per span). */
  limitOff = 0
  /** Span class: size class << 1 | noscan (Go's spanClass). */
  spanclass = 0
  /** Slot size in bytes (npages × 8192 for large spans). */
  elemsize = 0
  /** Number of slots. */
  nelems = 0
  /** floor((2^32−1)/elemsize)+1 for small spans, 0 for large: index = (offset × divMul) >> 32. */
  divMul = 0
  /** Slot where the search for a free slot resumes; every slot below it is allocated. */
  freeindex = 0
  allocCount = 0
  /** allocCount when the span was last cached by an mcache (for stats at uncache time). */
  allocCountBeforeCache = 0
  /** allocCache bits 0..31 (int32), see the file comment. */
  allocCacheLo = 0
  /** allocCache bits 32..63 (int32). */
  allocCacheHi = 0
  /** 1 bit per slot, 1 = allocated at the last sweep. Length: ceil(nelems/64)×2 words. */
  allocBits: Uint32Array = noBits
  /** 1 bit per slot, set by the GC's mark phase; becomes allocBits when swept. */
  gcmarkBits: Uint32Array = noBits
  /** Green Tea (spans of 16–512-byte objects, 1.26+): the inline `marks` kept at the span's end
   *  — set when the marker first finds a pointer to the object; merged into gcmarkBits and
   *  cleared when the span is swept (moveInlineMarks). zeroBits until the GC marks here.
   *  (Go's inline `scans` only matter while marking — after it they equal the marks of a scan
   *  span — so the simulator keeps them in the marker, mgc.ts, not in every span.) */
  inlineMarks: Uint32Array = zeroBits
  /** Simulator: 1 bit per slot, set while the program still references an object in the slot
   *  (from malloc until drop). The GC's roots; Go finds these on stacks and in globals. */
  rootBits: Uint32Array = noBits
  /** Simulator, tiny span class only: per 16-byte block, bit k set while the tiny object at
   *  offset k is referenced (a 16-byte object in the class leaves its mask 0, see heapgraph.ts). */
  tinyRoots: Uint16Array | null = null
  /** Simulator: number of objects in the span with at least one stored pointer. */
  ptrObjs = 0
  /** Sweep generation (see mgcsweep.go's protocol): h−2 unswept, h−1 sweeping, h swept,
   *  h+1 cached before this sweep began, h+3 swept and cached. */
  sweepgen = 0
  /** mSpanDead / mSpanInUse / mSpanManual. */
  state = mSpanDead
  /** 1 if the span's memory may hold garbage and must be zeroed before use. */
  needzero = 0
  /** Simulator bookkeeping: which spanSet holds the span (its id), or listNone. */
  list = listNone
  /** Simulator bookkeeping: P whose mcache holds the span, or -1. */
  cachedBy = -1
  /** Simulator bookkeeping: index in mheap.allspans, or -1. */
  allIndex = -1

  base(): number {
    return this.startAddr
  }

  /** End of the object-containing part (Go: limit): base + size for a large object; for a small
   *  one base + nelems × elemsize from Go 1.26 (initSpan), base + elemsize × ⌊span bytes /
   *  elemsize⌋ before (mcentral.grow). */
  get limit(): number {
    return this.startAddr + this.limitOff
  }

  /** Go's mspan.init. */
  init(base: number, npages: number): void {
    this.startAddr = base
    this.npages = npages
    this.limitOff = 0
    this.spanclass = 0
    this.elemsize = 0
    this.nelems = 0
    this.divMul = 0
    this.freeindex = 0
    this.allocCount = 0
    this.allocCountBeforeCache = 0
    this.allocCacheLo = 0
    this.allocCacheHi = 0
    this.allocBits = noBits
    this.gcmarkBits = noBits
    this.inlineMarks = zeroBits
    this.rootBits = noBits
    this.tinyRoots = null
    this.ptrObjs = 0
    this.sweepgen = 0
    this.state = mSpanDead
    this.needzero = 0
    this.list = listNone
    this.cachedBy = -1
  }

  sizeclass(): number {
    return this.spanclass >>> 1
  }

  noscan(): boolean {
    return (this.spanclass & 1) !== 0
  }

  /** Shift allocCache right by n (0..64). */
  shiftAllocCache(n: number): void {
    if (n === 0) return
    if (n < 32) {
      this.allocCacheLo = (this.allocCacheLo >>> n) | (this.allocCacheHi << (32 - n))
      this.allocCacheHi = this.allocCacheHi >>> n
    } else if (n < 64) {
      this.allocCacheLo = (this.allocCacheHi >>> (n - 32)) | 0
      this.allocCacheHi = 0
    } else {
      this.allocCacheLo = 0
      this.allocCacheHi = 0
    }
  }

  /** Load allocCache with the complement of the 8 allocBits bytes at byteIndex (a multiple of 8). */
  refillAllocCache(byteIndex: number): void {
    const w = byteIndex >>> 2
    this.allocCacheLo = ~this.allocBits[w]
    this.allocCacheHi = ~this.allocBits[w + 1]
  }

  /**
   * Go's nextFreeFast: the address of a free slot found in allocCache, or 0 when the cache has
   * none or taking it would put freeindex on a 64-slot boundary.
   */
  nextFreeFast(): number {
    const lo = this.allocCacheLo
    let t: number
    if (lo !== 0) {
      t = 31 - Math.clz32(lo & -lo)
    } else {
      const hi = this.allocCacheHi
      if (hi === 0) return 0
      t = 63 - Math.clz32(hi & -hi)
    }
    const result = this.freeindex + t
    if (result < this.nelems) {
      const freeidx = result + 1
      if ((freeidx & 63) === 0 && freeidx !== this.nelems) return 0
      this.shiftAllocCache(t + 1)
      this.freeindex = freeidx
      this.allocCount++
      this.rootBits[result >>> 5] |= 1 << (result & 31)
      return this.startAddr + result * this.elemsize
    }
    return 0
  }

  /**
   * Go's nextFreeIndex: index of the next free slot at or after freeindex, or nelems when the
   * span is full. Advances freeindex past the returned slot and keeps allocCache in step.
   * Does not change allocCount (the caller does). `counters.allocCacheRefills` counts cache reloads.
   */
  nextFreeIndex(counters: { allocCacheRefills: number }): number {
    let sfreeindex = this.freeindex
    const snelems = this.nelems
    if (sfreeindex === snelems) return sfreeindex
    if (sfreeindex > snelems) throw new Error('s.freeindex > s.nelems')
    let bitIndex = ctz64(this.allocCacheLo, this.allocCacheHi)
    while (bitIndex === 64) {
      sfreeindex = (sfreeindex + 64) & ~63
      if (sfreeindex >= snelems) {
        this.freeindex = snelems
        return snelems
      }
      this.refillAllocCache(sfreeindex >>> 3)
      counters.allocCacheRefills++
      bitIndex = ctz64(this.allocCacheLo, this.allocCacheHi)
    }
    const result = sfreeindex + bitIndex
    if (result >= snelems) {
      this.freeindex = snelems
      return snelems
    }
    this.shiftAllocCache(bitIndex + 1)
    sfreeindex = result + 1
    if ((sfreeindex & 63) === 0 && sfreeindex !== snelems) {
      this.refillAllocCache(sfreeindex >>> 3)
      counters.allocCacheRefills++
    }
    this.freeindex = sfreeindex
    return result
  }

  /** Is slot i marked by the GC (in gcmarkBits or, not yet swept, in the inline marks)? */
  isMarked(i: number): boolean {
    return ((this.gcmarkBits[i >>> 5] | this.inlineMarks[i >>> 5]) & (1 << (i & 31))) !== 0
  }

  /** Is slot i marked in the Green Tea inline marks (not yet merged by a sweep)? */
  isInlineMarked(i: number): boolean {
    return (this.inlineMarks[i >>> 5] & (1 << (i & 31))) !== 0
  }

  /** Go's moveInlineMarks: merge the inline marks into gcmarkBits and clear them (sweep). */
  moveInlineMarks(): void {
    const im = this.inlineMarks
    if (im === zeroBits) return
    const mb = ensureMarkBits(this)
    for (let w = 0; w < mb.length; w++) mb[w] |= im[w]
    this.inlineMarks = zeroBits
  }

  /** Is slot i allocated? (Go's isFree, negated, using freeindex.) */
  isAllocated(i: number): boolean {
    return i < this.freeindex || (this.allocBits[i >>> 5] & (1 << (i & 31))) !== 0
  }

  /** Read-only: does the span have a free slot at or after freeindex? */
  hasFreeSlot(): boolean {
    for (let i = this.freeindex; i < this.nelems; i++) {
      if ((this.allocBits[i >>> 5] & (1 << (i & 31))) === 0) return true
    }
    return false
  }

  /** Object index of an address inside the span (Go: objIndex, divMul arithmetic). */
  objIndex(p: number): number {
    if (this.divMul === 0) return 0
    // (off × divMul) >> 32 with off < 2^17 and divMul < 2^30: the product is exact in a double.
    return Math.floor(((p - this.startAddr) * this.divMul) / 4294967296)
  }

  /** Bytes covered by the span. */
  spanBytes(): number {
    return this.npages << _PageShift
  }
}

/** Count trailing zeros of the 64-bit value hi:lo (64 when zero). */
export function ctz64(lo: number, hi: number): number {
  if (lo !== 0) return 31 - Math.clz32(lo & -lo)
  if (hi !== 0) return 63 - Math.clz32(hi & -hi)
  return 64
}

/** Population count of a 32-bit word. */
export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555)
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  x = (x + (x >>> 4)) & 0x0f0f0f0f
  return Math.imul(x, 0x01010101) >>> 24
}
