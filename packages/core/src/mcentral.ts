// mcentral.ts — the central free lists, one per span class.
//
// Mirrors Go's src/runtime/mcentral.go (Go 1.16+ implementation). There are 136 mcentrals (68
// size classes × scan/noscan), global to the heap. Each keeps four lock-free span sets:
//
//   partial[sweepgen/2 % 2]      swept spans with free slots        ("partial swept")
//   partial[1 − sweepgen/2 % 2]  unswept spans with free slots      ("partial unswept")
//   full[…] likewise             spans with no free slot, swept / unswept
//
// Because sweepgen grows by 2 at every GC, the swept and unswept roles of the two sets swap
// without moving any span.
//
//   cacheSpan   a P's mcache needs a span with free slots: pop partial swept; else (if sweeping
//               is still going on) sweep spans from partial unswept and then full unswept, at most
//               spanBudget (100, constants.ts) of them; else grow: a fresh span from the heap.
//   uncacheSpan the mcache gives a span back: onto partial swept or full swept (or, if it was
//               cached before the current sweep started, sweep it now).
//   grow        mheap.alloc(class_to_allocnpages[class]) and (before 1.26) set the span's limit.
//
// Sweeping itself is the GC's (mgcsweep.ts implements the Sweeper interface below); when it has
// finished (or no GC has run yet) `active()` is false and the unswept sets are empty, so
// cacheSpan goes straight from the partial swept set to grow, as in Go.

import { goMinor } from './constants.ts'
import { classToNPagesT, classToSizeT } from './classtables.ts'
import { spanBudget } from './constants.ts'
import type { MSpan } from './mspan.ts'
import { SpanSet } from './mspanset.ts'
import type { Runtime } from './runtime.ts'
import { beingSweptGen, cachedUnsweptGen, sweptGen } from './sweepgen.ts'
import type { SpanSetName } from './trace.ts'

/**
 * The GC's sweeper, as mcentral needs it (Go: sweepLocker + sweepLocked.sweep). Installed on
 * the Runtime by the GC; `active()` false means "sweeping is done" (sweep.active.begin() invalid).
 */
export interface Sweeper {
  /** Is there still unswept work (Go: sweep.active.begin().valid)? */
  active(): boolean
  /** Try to take ownership of an unswept span (CAS sweepgen h−2 → h−1). */
  tryAcquire(s: MSpan): boolean
  /** Sweep an owned span; with preserve, leave it off all lists for the caller to use. */
  sweep(s: MSpan, preserve: boolean): boolean
  /** Proportional sweep credit for allocating spanBytes (Go: deductSweepCredit). */
  deductSweepCredit(spanBytes: number, callerSweepPages: number): void
}

export class MCentral {
  readonly partial: readonly [SpanSet, SpanSet]
  readonly full: readonly [SpanSet, SpanSet]

  readonly spanclass: number

  constructor(spanclass: number) {
    this.spanclass = spanclass
    const id = spanclass << 2
    this.partial = [new SpanSet(id), new SpanSet(id + 1)]
    this.full = [new SpanSet(id + 2), new SpanSet(id + 3)]
  }

  partialSwept(sg: number): SpanSet {
    return this.partial[(sg >>> 1) & 1]
  }
  partialUnswept(sg: number): SpanSet {
    return this.partial[1 - ((sg >>> 1) & 1)]
  }
  fullSwept(sg: number): SpanSet {
    return this.full[(sg >>> 1) & 1]
  }
  fullUnswept(sg: number): SpanSet {
    return this.full[1 - ((sg >>> 1) & 1)]
  }

  /** The set whose id is `id` (a span's `list`). */
  setOf(id: number): SpanSet {
    return (id & 2) === 0 ? this.partial[id & 1] : this.full[id & 1]
  }

  /** Name of one of this mcentral's sets relative to the current sweepgen. */
  setName(set: SpanSet, sg: number): SpanSetName {
    if (set === this.partialSwept(sg)) return 'partialSwept'
    if (set === this.partialUnswept(sg)) return 'partialUnswept'
    if (set === this.fullSwept(sg)) return 'fullSwept'
    return 'fullUnswept'
  }

  push(rt: Runtime, set: SpanSet, s: MSpan): void {
    set.push(s, rt.counters)
    if (rt.tracing)
      rt.emit({
        type: 'spanSetPush',
        spanclass: this.spanclass,
        set: this.setName(set, rt.mheap_.sweepgen),
        span: s.startAddr,
        length: set.length,
      })
  }

  pop(rt: Runtime, set: SpanSet): MSpan | null {
    const s = set.pop(rt.counters)
    if (s !== null && rt.tracing)
      rt.emit({
        type: 'spanSetPop',
        spanclass: this.spanclass,
        set: this.setName(set, rt.mheap_.sweepgen),
        span: s.startAddr,
        length: set.length,
      })
    return s
  }

  /** Go's mcentral.cacheSpan: a span with at least one free slot for an mcache, or null (OOM). */
  cacheSpan(rt: Runtime, pp: number): MSpan | null {
    rt.counters.cacheSpans++
    const spanBytes = classToNPagesT[this.spanclass >>> 1] << 13
    const sweeper = rt.sweeper
    sweeper.deductSweepCredit(spanBytes, 0)
    let budget = spanBudget
    const sg = rt.mheap_.sweepgen
    let from: SpanSetName | 'grow' = 'partialSwept'
    let s = this.pop(rt, this.partialSwept(sg))
    if (s === null && sweeper.active()) {
      for (; budget >= 0; budget--) {
        s = this.pop(rt, this.partialUnswept(sg))
        if (s === null) break
        if (sweeper.tryAcquire(s)) {
          sweeper.sweep(s, true)
          from = 'partialUnswept'
          break
        }
        s = null
      }
      if (s === null) {
        for (; budget >= 0; budget--) {
          s = this.pop(rt, this.fullUnswept(sg))
          if (s === null) break
          if (sweeper.tryAcquire(s)) {
            sweeper.sweep(s, true)
            const freeIndex = s.nextFreeIndex(rt.counters)
            if (freeIndex !== s.nelems) {
              s.freeindex = freeIndex
              from = 'fullUnswept'
              break
            }
            this.push(rt, this.fullSwept(sg), s)
          }
          s = null
        }
      }
    }
    if (s === null) {
      s = this.grow(rt, pp)
      if (s === null) return null
      from = 'grow'
    }
    // havespan:
    if (s.nelems - s.allocCount === 0 || s.freeindex === s.nelems) throw new Error('span has no free objects')
    const freeByteBase = s.freeindex & ~63
    s.refillAllocCache(freeByteBase >>> 3)
    s.shiftAllocCache(s.freeindex & 63)
    if (rt.tracing) rt.emit({ type: 'cacheSpan', spanclass: this.spanclass, span: s.startAddr, from })
    return s
  }

  /** Go's mcentral.uncacheSpan: an mcache returns s. */
  uncacheSpan(rt: Runtime, s: MSpan): void {
    rt.counters.uncacheSpans++
    if (s.allocCount === 0) throw new Error('uncaching span but s.allocCount == 0')
    const sg = rt.mheap_.sweepgen
    const stale = s.sweepgen === cachedUnsweptGen(sg)
    rt.counters.atomics++ // atomic.Store(&s.sweepgen, …)
    rt.counters.centralAtomics++
    s.cachedBy = -1
    if (stale) {
      s.sweepgen = beingSweptGen(sg)
      rt.sweeper.sweep(s, false)
      return
    }
    s.sweepgen = sweptGen(sg)
    const set = s.nelems - s.allocCount > 0 ? this.partialSwept(sg) : this.fullSwept(sg)
    if (rt.tracing)
      rt.emit({
        type: 'uncacheSpan',
        spanclass: this.spanclass,
        span: s.startAddr,
        to: this.setName(set, sg),
      })
    this.push(rt, set, s)
  }

  /** Go's mcentral.grow: a fresh span from the heap. */
  grow(rt: Runtime, pp: number): MSpan | null {
    rt.counters.mcentralGrows++
    const sizeclass = this.spanclass >>> 1
    const npages = classToNPagesT[sizeclass]
    const size = classToSizeT[sizeclass]
    if (rt.tracing) rt.emit({ type: 'mcentralGrow', spanclass: this.spanclass, npages })
    const s = rt.mheap_.alloc(npages, this.spanclass, pp)
    if (s === null) return null
    // Up to 1.25 grow sets limit from the whole span — n := (npages << _PageShift) / size, so it
    // counts slots the tail bitmap took, as Go does; from 1.26 initSpan's base + nelems × elemsize
    // stands (mheap.ts).
    if (goMinor(rt.goVersion) < 26) s.limitOff = size * Math.floor((npages << 13) / size)
    return s
  }
}
