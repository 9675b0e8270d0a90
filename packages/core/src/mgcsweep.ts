// mgcsweep.ts — sweeping: turning the mark bits of the last GC into free slots.
//
// Mirrors Go's src/runtime/mgcsweep.go (Go 1.17+ design):
//
//   sweepgen protocol (h = mheap_.sweepgen, +2 at every GC; named in sweepgen.ts):
//     unsweptGen(h) = h−2        the span needs sweeping
//     beingSweptGen(h) = h−1     a sweeper owns it (tryAcquire CASes h−2 → h−1)
//     sweptGen(h) = h            swept, ready to use
//     cachedUnsweptGen(h) = h+1  cached in an mcache before the sweep began: swept when uncached
//     cachedSweptGen(h) = h+3    swept and then cached
//
//   sweep(s)    allocBits ← gcmarkBits, a fresh zeroed gcmarkBits, allocCount = marked count,
//               freeindex 0, allocCache reloaded from slot 0. Freed slots are counted in
//               smallFreeCount (or largeFree*). A span left with no objects goes back to the heap
//               (mheap.freeSpan); otherwise it goes onto its mcentral's full or partial swept set
//               — unless the caller asked to keep it (preserve: mcentral.cacheSpan).
//   sweepone    pop the next span from the unswept sets, in span-class order (for each class,
//               full unswept then partial unswept), and sweep it. Used by the background sweeper,
//               by proportional sweeping and to finish sweeping before the next GC.
//   deductSweepCredit  before allocating a span, sweep enough pages that sweeping finishes
//               before the heap reaches the next GC trigger (sweepPagesPerByte pacing).
//
// Simplifications:
// - One thread: no sweepLocker counting of concurrent sweepers; `drained` is Go's
//   sweepDrainedMask. No specials (finalizers), no zombie reports.
// - Besides sweepone and cacheSpan, the page reclaimer (mheap.ts reclaim) sweeps spans with no
//   marked object before mheap.alloc takes pages; sweepone's freed pages are its credit.
// - The background sweeper goroutine (bgsweep) gets one sweepone at every allocation slow path
//   (see Runtime's background turn in mgc.ts), standing in for the idle time it would use.

import { _PageSize } from './sizeclasses.ts'
import { numSpanClasses } from './constants.ts'
import type { Sweeper } from './mcentral.ts'
import { type MSpan, mSpanInUse, popcount32, zeroBits } from './mspan.ts'
import type { Runtime } from './runtime.ts'
import { beingSweptGen, sweptGen, unsweptGen } from './sweepgen.ts'

export class SweepState implements Sweeper {
  /** All unswept spans have been handed to sweepers (Go: sweepDrainedMask). */
  drained = true
  /** Next sweep class (span class × 2 + partial) for sweepone (Go: sweep.centralIndex). */
  centralIndex = 0
  /** Pages swept this cycle (Go: mheap_.pagesSwept). */
  pagesSwept = 0
  /** Proportional sweep pacing (Go: mheap_.sweepPagesPerByte etc.). */
  sweepPagesPerByte = 0
  sweepHeapLiveBasis = 0
  pagesSweptBasis = 0
  /** Spans swept by the background sweeper / by allocation (Go: sweep.nbgsweep, npausesweep). */
  nbgsweep = 0
  nallocsweep = 0
  npausesweep = 0

  private readonly rt: Runtime

  constructor(rt: Runtime) {
    this.rt = rt
  }

  active(): boolean {
    return !this.drained
  }

  tryAcquire(s: MSpan): boolean {
    const sg = this.rt.mheap_.sweepgen
    this.rt.counters.atomics++ // CAS on s.sweepgen (span-level: counted with mcentral's atomics)
    this.rt.counters.centralAtomics++
    if (s.sweepgen !== unsweptGen(sg)) return false
    s.sweepgen = beingSweptGen(sg)
    return true
  }

  /** Go's sweepLocked.sweep. Returns true if the span went back to the heap. */
  sweep(s: MSpan, preserve: boolean): boolean {
    const rt = this.rt
    const h = rt.mheap_
    const sg = h.sweepgen
    if (s.state !== mSpanInUse || s.sweepgen !== beingSweptGen(sg))
      throw new Error('mspan.sweep: bad span state')
    this.pagesSwept += s.npages
    rt.counters.spansSwept++
    const spc = s.spanclass
    const nelems = s.nelems
    s.moveInlineMarks() // Green Tea: the inline marks join gcmarkBits first (mgcsweep.go)
    const mark = s.gcmarkBits
    const alloc = s.allocBits
    // Count marked slots (Go: countAlloc), and forget the pointers of objects being freed.
    const words = (nelems + 31) >>> 5
    let nalloc = 0
    const store = rt.ptrs
    for (let w = 0; w < words; w++) {
      let m = mark[w]
      if (w === words - 1 && (nelems & 31) !== 0) m &= (1 << (nelems & 31)) - 1
      nalloc += popcount32(m)
      if (s.ptrObjs > 0) {
        // Newly freed = allocated before (below freeindex or allocBits) and not marked.
        let allocated = alloc[w]
        const base = w << 5
        if (s.freeindex > base) allocated |= s.freeindex >= base + 32 ? -1 : (1 << (s.freeindex - base)) - 1
        let dead = allocated & ~m
        while (dead !== 0) {
          const b = 31 - Math.clz32(dead & -dead)
          dead &= dead - 1
          const i = base + b
          if (i >= nelems) break
          if (store.deleteObject(s.startAddr + i * s.elemsize)) s.ptrObjs--
        }
      }
    }
    const nfreed = s.allocCount - nalloc
    if (nfreed < 0) throw new Error('sweep increased allocation count')
    if (s.tinyRoots !== null && nfreed > 0) {
      // Freed blocks have no referenced tiny object left; clear their masks for reuse.
      for (let i = 0; i < nelems; i++) if (!s.isMarked(i)) s.tinyRoots[i] = 0
    }
    s.allocCount = nalloc
    s.freeindex = 0
    s.allocBits = mark
    s.gcmarkBits = zeroBits // a fresh bitmap is allocated when the next GC marks here
    s.refillAllocCache(0)
    s.sweepgen = sweptGen(sg)
    rt.counters.atomics++ // atomic.Store(&s.sweepgen, sweepgen)
    rt.counters.centralAtomics++
    const st = rt.memstats
    const small = spc >>> 1 !== 0
    if (rt.tracing && (small || !preserve))
      rt.emit({
        type: 'sweepSpan',
        span: s.startAddr,
        spanclass: spc,
        npages: s.npages,
        freed: nfreed,
        live: nalloc,
        freedSpan: !preserve && (small ? nalloc === 0 : nfreed !== 0),
      })
    if (small) {
      if (nfreed > 0) {
        s.needzero = 1
        st.smallFreeCount[spc >>> 1] += nfreed
        st.totalFree += nfreed * s.elemsize
        rt.counters.atomics += 2
      }
      if (!preserve) {
        const c = h.central[spc]
        if (nalloc === 0) {
          h.freeSpan(s)
          return true
        }
        if (nalloc === nelems) c.push(rt, c.fullSwept(sg), s)
        else c.push(rt, c.partialSwept(sg), s)
      }
    } else if (!preserve) {
      if (nfreed !== 0) {
        h.freeSpan(s)
        st.largeFreeCount++
        st.largeFree += s.elemsize
        st.totalFree += s.elemsize
        rt.counters.atomics += 2
        return true
      }
      const c = h.central[spc]
      c.push(rt, c.fullSwept(sg), s)
    }
    return false
  }

  /** Go's mheap.nextSpanForSweep. */
  private nextSpanForSweep(): MSpan | null {
    const h = this.rt.mheap_
    const sg = h.sweepgen
    for (let sc = this.centralIndex; sc < numSpanClasses * 2; sc++) {
      const c = h.central[sc >>> 1]
      const s = (sc & 1) === 0 ? c.pop(this.rt, c.fullUnswept(sg)) : c.pop(this.rt, c.partialUnswept(sg))
      if (s !== null) {
        this.centralIndex = sc
        return s
      }
    }
    this.centralIndex = numSpanClasses * 2
    return null
  }

  /**
   * Go's sweepone: sweep one unswept span. Returns the pages it returned to the heap (0 if the
   * span stayed in use), or −1 when nothing is left to sweep.
   */
  sweepone(): number {
    if (this.drained) return -1
    for (;;) {
      const s = this.nextSpanForSweep()
      if (s === null) {
        this.drained = true
        if (this.rt.tracing) this.rt.emit({ type: 'sweepDone', pagesSwept: this.pagesSwept })
        return -1
      }
      if (s.state !== mSpanInUse) continue
      if (this.tryAcquire(s)) {
        const npages = s.npages
        if (!this.sweep(s, false)) return 0
        // The whole span went back to the heap: credit for the page reclaimer (mheap.ts).
        this.rt.mheap_.reclaimCredit += npages
        this.rt.counters.atomics++
        return npages
      }
    }
  }

  /** Sweep everything that is left (Go: finishsweep_m's loop, and runtime.GC's). */
  finish(): number {
    let n = 0
    while (this.sweepone() !== -1) n++
    return n
  }

  /** Go's deductSweepCredit. */
  deductSweepCredit(spanBytes: number, callerSweepPages: number): void {
    if (this.sweepPagesPerByte === 0 || this.drained) return
    const live = this.rt.memstats.heapLive
    let newHeapLive = spanBytes
    if (this.sweepHeapLiveBasis < live) newHeapLive += live - this.sweepHeapLiveBasis
    const pagesTarget = Math.floor(this.sweepPagesPerByte * newHeapLive) - callerSweepPages
    while (pagesTarget > this.pagesSwept - this.pagesSweptBasis) {
      if (this.sweepone() === -1) {
        this.sweepPagesPerByte = 0
        break
      }
      this.nallocsweep++
    }
  }

  /**
   * Start a sweep cycle (Go: gcSweep's bookkeeping + gcPaceSweeper). Called with the world
   * stopped, after mheap_.sweepgen += 2.
   */
  begin(trigger: number): void {
    this.drained = false
    this.centralIndex = 0
    this.pagesSwept = 0
    // The page reclaimer starts over on the heap as it is now (Go's gcSweep).
    const h = this.rt.mheap_
    h.sweepArenas = h.allArenas.slice()
    h.reclaimIndex = 0
    h.reclaimCredit = 0
    const heapLiveBasis = this.rt.memstats.heapLive
    let heapDistance = trigger - heapLiveBasis
    heapDistance -= 1024 * 1024
    if (heapDistance < _PageSize) heapDistance = _PageSize
    const sweepDistancePages = this.rt.mheap_.pagesInUse - this.pagesSwept
    if (sweepDistancePages <= 0 || !Number.isFinite(trigger)) this.sweepPagesPerByte = 0
    else {
      this.sweepPagesPerByte = sweepDistancePages / heapDistance
      this.sweepHeapLiveBasis = heapLiveBasis
      this.pagesSweptBasis = this.pagesSwept
    }
  }

  /**
   * Read-only: bytes of in-use spans that sweeping would give back to the heap (no marked
   * object), and whether some unswept span of class spc would have a free slot.
   */
  wouldReclaim(spc: number): { bytes: number; slot: boolean } {
    const h = this.rt.mheap_
    const sg = h.sweepgen
    let bytes = 0
    let slot = false
    if (this.drained) return { bytes, slot }
    for (const s of h.allspans) {
      if (s.sweepgen !== unsweptGen(sg)) continue
      const marked = countMarked(s)
      if (marked === 0) bytes += s.npages * _PageSize
      else if (s.spanclass === spc && marked < s.nelems) slot = true
    }
    return { bytes, slot }
  }
}

/** Number of marked slots of s. */
function countMarked(s: MSpan): number {
  const words = (s.nelems + 31) >>> 5
  let n = 0
  for (let w = 0; w < words; w++) {
    let m = s.gcmarkBits[w] | s.inlineMarks[w]
    if (w === words - 1 && (s.nelems & 31) !== 0) m &= (1 << (s.nelems & 31)) - 1
    n += popcount32(m)
  }
  return n
}
