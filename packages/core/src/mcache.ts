// mcache.ts — the per-P cache of spans, and the tiny allocator's state.
//
// Mirrors Go's src/runtime/mcache.go. Every P (not every goroutine, not every thread) owns one
// mcache; only that P touches it, so nothing in it needs a lock. It holds one span per span
// class (`alloc[136]`, the placeholder `emptymspan` where none is cached yet), and the tiny
// allocator's current 16-byte block.
//
//   nextFree(spc)  the cached span's next free slot via nextFreeIndex; when the span is full,
//                  refill and retry.
//   refill(spc)    hand the full span back to its mcentral (uncacheSpan), count its new
//                  allocations into the consistent stats, and take a span with free slots
//                  (cacheSpan). The pacer's heapLive is charged for the whole new span at once.
//   allocLarge     a span of its own for one large object, straight from mheap.alloc; pushed
//                  on the class-0 mcentral's full-swept set so the sweeper can find it.
//   releaseAll     give every cached span back and drop the tiny block (ReadMemStats; at GC).
//
// Simplifications: no stack cache, no heap-profile sampling (nextSample), no scanAlloc/heapScan.

import { _PageSize } from './sizeclasses.ts'
import { numSpanClasses, tinySpanClass } from './constants.ts'
import { MSpan } from './mspan.ts'
import type { Runtime } from './runtime.ts'
import { cachedSweptGen, cachedUnsweptGen } from './sweepgen.ts'

/** Go's emptymspan: a span with no slots, so that nextFreeFast fails and refill runs. */
export const emptymspan: MSpan = new MSpan()

export class MCache {
  /** The span cached for each span class, or emptymspan. */
  readonly alloc: MSpan[] = new Array<MSpan>(numSpanClasses).fill(emptymspan)
  /** Address of the current tiny block (0 if none). */
  tiny = 0
  /** Simulator: the span and slot index of the tiny block (for its root mask). */
  tinySpan: MSpan = emptymspan
  tinyIndex = 0
  /** Bytes used in the tiny block. */
  tinyoffset = 0
  /** Tiny sub-allocations not yet flushed into the consistent stats. */
  tinyAllocs = 0
  /** sweepgen at the last flush (Go: flushGen). */
  flushGen = 0

  readonly p: number

  constructor(p: number) {
    this.p = p
  }

  /** Go's mcache.nextFree: address of a free slot of class spc (refilling if needed). */
  nextFree(rt: Runtime, spc: number): number {
    rt.counters.nextFree++
    let s = this.alloc[spc]
    let freeIndex = s.nextFreeIndex(rt.counters)
    if (rt.tracing) this.traceNextFreeIndex(rt, spc, s, freeIndex)
    if (freeIndex === s.nelems) {
      if (s.allocCount !== s.nelems) throw new Error('s.allocCount != s.nelems && freeIndex == s.nelems')
      this.refill(rt, spc)
      s = this.alloc[spc]
      freeIndex = s.nextFreeIndex(rt.counters)
      if (rt.tracing) this.traceNextFreeIndex(rt, spc, s, freeIndex)
    }
    if (freeIndex >= s.nelems) throw new Error('freeIndex is not valid')
    s.allocCount++
    s.rootBits[freeIndex >>> 5] |= 1 << (freeIndex & 31)
    if (s.allocCount > s.nelems) throw new Error('s.allocCount > s.nelems')
    return s.startAddr + freeIndex * s.elemsize
  }

  private traceNextFreeIndex(rt: Runtime, spc: number, s: MSpan, index: number): void {
    rt.emit({ type: 'nextFreeIndex', p: this.p, spanclass: spc, span: s.startAddr, index, nelems: s.nelems })
  }

  /** Go's mcache.refill. */
  refill(rt: Runtime, spc: number): void {
    rt.counters.refills++
    const s = this.alloc[spc]
    if (rt.tracing)
      rt.emit({ type: 'refill', p: this.p, spanclass: spc, old: s === emptymspan ? 0 : s.startAddr })
    if (s.allocCount !== s.nelems) throw new Error('refill of span with free space remaining')
    const st = rt.memstats
    if (s !== emptymspan) {
      if (s.sweepgen !== cachedSweptGen(rt.mheap_.sweepgen)) throw new Error('bad sweepgen in refill')
      rt.mheap_.central[spc].uncacheSpan(rt, s)
      const slotsUsed = s.allocCount - s.allocCountBeforeCache
      st.smallAllocCount[spc >>> 1] += slotsUsed
      if (spc === tinySpanClass) {
        st.tinyAllocCount += this.tinyAllocs
        this.tinyAllocs = 0
      }
      rt.counters.atomics += 2
      rt.counters.centralAtomics += 2
      st.totalAlloc += slotsUsed * s.elemsize
      s.allocCountBeforeCache = 0
    }
    const ns = rt.mheap_.central[spc].cacheSpan(rt, this.p)
    if (ns === null) throw new Error('out of memory') // prevented by Runtime's pre-check
    if (ns.allocCount === ns.nelems) throw new Error('span has no free space')
    ns.sweepgen = cachedSweptGen(rt.mheap_.sweepgen)
    ns.allocCountBeforeCache = ns.allocCount
    ns.cachedBy = this.p
    st.heapLive += ns.npages * _PageSize - ns.allocCount * ns.elemsize
    this.alloc[spc] = ns
  }

  /** Go's mcache.allocLarge: a span for one object of `size` bytes. */
  allocLarge(rt: Runtime, size: number, noscan: boolean): MSpan {
    rt.counters.largeAllocs++
    const npages = Math.ceil(size / _PageSize)
    rt.sweeper.deductSweepCredit(npages * _PageSize, npages)
    const spc = noscan ? 1 : 0
    const s = rt.mheap_.alloc(npages, spc, this.p)
    if (s === null) throw new Error('out of memory') // prevented by Runtime's pre-check
    const st = rt.memstats
    st.largeAlloc += npages * _PageSize
    st.largeAllocCount++
    rt.counters.atomics += 2
    st.totalAlloc += npages * _PageSize
    st.heapLive += s.npages * _PageSize
    const c = rt.mheap_.central[spc]
    c.push(rt, c.fullSwept(rt.mheap_.sweepgen), s)
    s.limitOff = size
    if (rt.tracing) rt.emit({ type: 'largeAlloc', p: this.p, size, npages, span: s.startAddr })
    return s
  }

  /** Go's mcache.releaseAll. Returns the number of spans released. */
  releaseAll(rt: Runtime): number {
    rt.counters.releaseAlls++
    const sg = rt.mheap_.sweepgen
    const st = rt.memstats
    let dHeapLive = 0
    let n = 0
    for (let i = 0; i < numSpanClasses; i++) {
      const s = this.alloc[i]
      if (s === emptymspan) continue
      const slotsUsed = s.allocCount - s.allocCountBeforeCache
      s.allocCountBeforeCache = 0
      st.smallAllocCount[i >>> 1] += slotsUsed
      rt.counters.atomics += 2
      rt.counters.centralAtomics += 2
      st.totalAlloc += slotsUsed * s.elemsize
      if (s.sweepgen !== cachedUnsweptGen(sg)) dHeapLive -= (s.nelems - s.allocCount) * s.elemsize
      rt.mheap_.central[i].uncacheSpan(rt, s)
      this.alloc[i] = emptymspan
      n++
    }
    this.tiny = 0
    this.tinyoffset = 0
    this.tinySpan = emptymspan
    st.tinyAllocCount += this.tinyAllocs
    this.tinyAllocs = 0
    st.heapLive += dHeapLive
    if (rt.tracing) rt.emit({ type: 'releaseAll', p: this.p, spans: n })
    return n
  }
}
