// mgc.ts — the garbage collector's cycle: trigger, mark, mark termination, start of sweep.
//
// Mirrors the allocator-facing parts of Go's src/runtime/mgc.go (gcStart, gcMarkTermination,
// gcSweep), mgcmark.go (marking from roots through pointers into gcmarkBits) and mgcpacer.go
// (the heap goal).
//
// A cycle, as the simulator runs it:
//   1. finish the previous cycle's sweep (finishsweep_m) and reset the unswept span sets;
//   2. mark: every object the program still references (heapgraph.ts roots) is marked in its
//      span's gcmarkBits, then everything reachable through stored pointers. A tiny block is
//      one slot, so it stays live while any tiny object in it is referenced; each P's current
//      tiny block is marked too (gcMarkTinyAllocs), referenced or not. The arenas' pageMarks
//      are cleared first (gcResetMarkState) and a span's bit is set with its first mark (Green
//      Tea: when the span is scanned — never for its noscan inline-mark spans); the page
//      reclaimer (mheap.ts) reads them during the sweep;
//   3. mark termination: heapMarked = bytes marked; the pacer's heapLive is reset to it; the
//      next heap goal is heapMarked × (1 + GOGC/100), at least 4 MiB × GOGC/100
//      (defaultHeapMinimum); sweepgen += 2, so every in-use span becomes unswept and the
//      swept/unswept roles of each mcentral's span sets swap; every P's mcache is flushed
//      (prepareForSweep → releaseAll: its stale spans are swept on the spot) and the page
//      caches of idle Ps go back to the page allocator; the scavenger's goal is recomputed;
//   4. sweeping then happens lazily (mcentral.cacheSpan, the page reclaimer in mheap.alloc,
//      proportional sweep credit, the background sweeper) — or at once for a forced collection (runtime.GC sweeps everything
//      before it returns).
//
// Triggering: a collection starts when heapLive reaches the heap goal, tested after allocations
// that refilled a span or were large (Go's shouldhelpgc).
//
// The heap goal (Go's gcControllerState.heapGoal) is the smaller of two goals:
//   - the GOGC goal, fixed at mark termination: max(heapMarked × (1 + GOGC/100),
//     4 MiB × GOGC/100); none (Infinity) with GOGC=off;
//   - with a soft memory limit (GOMEMLIMIT, Runtime option memoryLimit / setMemoryLimit), the
//     memory-limit goal, recomputed at every trigger test because the memory it is made of moves
//     (memoryLimitHeapGoal below). So with GOGC=off and a limit, collections start from the limit
//     alone, as in Go.
// Go 1.21 … 1.27 compute the memory-limit goal the same way (3% headroom with a 1 MiB floor;
// Go 1.19 took a flat 1 MiB). Sources: docs/go-reference.md §1.6.
//
// Green Tea (Go 1.26+ default, mgcmark_greenteagc.go): objects in spans of 16–512-byte objects
// are marked in the span's inline `marks`; the first new mark in a scan span queues the *span*
// (FIFO; a span is queued at most once at a time — Go's `owned` byte). A dequeued span scans
// marks ∖ scans together, then sets scans |= marks. 8-byte, > 512-byte and large objects keep
// the classic path: gcmarkBits and a LIFO work list of objects. The drain loop takes objects
// first, then spans (gcDrain's order). Both ways reach exactly the same objects; what differs is
// the order and how many times the marker goes to a span (GCResult.mark counts it).
//
// Simplifications:
// - One P marks: one object work list and one span queue (Go: per-P queues with stealing).
// - Counts follow Go (every object of a scan span is pushed / scanned), but the simulator only
//   looks for stored pointers in objects that have some (ptrs.head), which changes no result.
// - Stop-the-world marking: Go marks concurrently with the program (write barriers, assists,
//   allocate-black) and so triggers *before* the goal, at a point its pacer computes, to
//   finish by the goal. The simulator marks instantly, so it triggers at the goal itself.
// - Roots are the program's references recorded by malloc/drop, not stacks and globals; no
//   finalizers, weak pointers or specials; no GC CPU accounting (pauseTotalNs, gcCPUFraction 0).
// - Memory limit: the GC CPU limiter (gcCPULimiter, which caps the GC's CPU use at 50% over a
//   window of wall-clock time while the limit forces back-to-back collections, and then lets the
//   heap overshoot the limit) depends on time and is not simulated: a heap whose live part is
//   above the limit collects at every trigger test. Go's goal adjustments outside the
//   memory-limit regime (sweepDistMinTrigger, the 64 KiB minimum runway past the trigger) are
//   not simulated either (the simulator triggers at the goal).

import { numSpanClasses, usesInlineMarkBits } from './constants.ts'
import { ensureMarkBits, type MSpan, mSpanInUse, newGCBits, popcount32, zeroBits } from './mspan.ts'
import { SweepState } from './mgcsweep.ts'
import { Scavenger } from './mgcscavenge.ts'
import type { Runtime } from './runtime.ts'
import type { HeapArena } from './mheap.ts'
import { _PageSize } from './sizeclasses.ts'

/** Go's defaultHeapMinimum: the heap goal is at least this × GOGC/100. */
export const defaultHeapMinimum = 4 << 20
/** Go's memoryLimitHeapGoalHeadroomPercent: the memory-limit goal keeps 3% of itself back… */
export const memoryLimitHeapGoalHeadroomPercent = 3
/** …and at least this much (Go's memoryLimitMinHeapGoalHeadroom, 1 MiB). */
export const memoryLimitMinHeapGoalHeadroom = 1 << 20

/** What the memory-limit heap goal is computed from (bytes). */
export interface MemoryLimitInputs {
  /** The soft memory limit (finite). */
  memoryLimit: number
  /** Memory the runtime has mapped and not released (Go: gcController.mappedReady). */
  mappedReady: number
  /** Free heap pages still backed (Go: heapFree). */
  heapFree: number
  /** Bytes of heap objects allocated and not yet swept free (Go: totalAlloc − totalFree). */
  heapAlloc: number
  /** Bytes marked by the last cycle (the floor). */
  heapMarked: number
}

/**
 * Go's gcControllerState.memoryLimitHeapGoal (Go 1.21–1.27), in our words: from the limit take
 * away what counts against it but can never hold heap objects — the mapped, unreleased memory
 * that is neither free heap pages nor heap objects — and, when mapped memory is already over the
 * limit, the overage too (so the next cycle comes sooner). Of what is left keep back 3% (at least
 * 1 MiB; when that would leave less than the headroom itself, the goal is the headroom) for pacing
 * slack and a pool of unscavenged pages. Never below the live heap (heapMarked); when the non-heap
 * memory alone reaches the limit, the goal is heapMarked. Go works in uint64: `goal / 100 * 3`
 * divides first.
 */
export function memoryLimitHeapGoal(m: MemoryLimitInputs): number {
  const nonHeapMemory = m.mappedReady - m.heapFree - m.heapAlloc
  const overage = m.mappedReady > m.memoryLimit ? m.mappedReady - m.memoryLimit : 0
  if (nonHeapMemory + overage >= m.memoryLimit) return m.heapMarked
  let goal = m.memoryLimit - (nonHeapMemory + overage)
  let headroom = Math.floor(goal / 100) * memoryLimitHeapGoalHeadroomPercent
  if (headroom < memoryLimitMinHeapGoalHeadroom) headroom = memoryLimitMinHeapGoalHeadroom
  goal = goal < headroom || goal - headroom < headroom ? headroom : goal - headroom
  return goal < m.heapMarked ? m.heapMarked : goal
}

export type GCReason = 'heap' | 'forced' | 'freeOSMemory'

/** What a collection found (also the `gc` trace event's fields). */
export interface GCResult {
  cycle: number
  reason: GCReason
  /** Objects (slots) and bytes marked live. */
  markedObjects: number
  markedBytes: number
  /** Heap goal for the next cycle (Infinity with GOGC=off). */
  heapGoal: number
  /** Spans swept before marking (the previous cycle's leftovers). */
  finishedSweeps: number
  /** How the marker went through the heap. */
  mark: MarkCounts
}

/** Work counts of one mark phase (what the classic and the Green Tea marker do differently). */
export interface MarkCounts {
  /** Whether spans of 16–512-byte objects were marked through their inline bits and span queue. */
  greenTea: boolean
  /** Objects put on the classic LIFO work list (scan objects outside inline-mark spans). */
  objectPushes: number
  /** Spans put on the FIFO span queue (Green Tea). */
  spansQueued: number
  /** Times a span was taken off the queue and scanned (Green Tea). */
  spanVisits: number
  /** Objects scanned during span visits (marks ∖ scans, summed over visits). */
  spanObjectsScanned: number
  /** Largest number of objects scanned in one span visit. */
  maxObjectsPerVisit: number
}

export class GCController {
  /** GOGC; −1 when off. */
  gcPercent: number
  /** The soft memory limit in bytes (Go: gcController.memoryLimit); Infinity when off (Go's
   *  default, math.MaxInt64). */
  memoryLimit: number
  /** The GOGC goal set at the last mark termination or setting change (Go: gcPercentHeapGoal;
   *  Infinity with GOGC=off). */
  gcPercentHeapGoal = 0
  /** Bytes marked by the last cycle (Go: gcController.heapMarked). */
  heapMarked = 0
  /** The heap goal as the last cycle's mark phase ended, before the next goal was set (Go:
   *  lastHeapGoal, recorded in endCycle; 0 before the first cycle). */
  lastHeapGoal = 0
  readonly sweep: SweepState
  readonly scavenger: Scavenger
  /** Mark work stack: slot addresses of marked objects still to scan for pointers. */
  private work: Float64Array<ArrayBuffer> = new Float64Array(1024)
  /** Green Tea span queue (FIFO) and the spans on it (Go: the inline `owned` byte). */
  private spanq: MSpan[] = []
  private readonly queued = new Set<MSpan>()
  private sp = 0
  /** Green Tea's inline `scans` of the spans visited in this mark phase (dropped at its end:
   *  afterwards they would equal the marks). ≤ 512 slots per span. */
  private readonly scans = new Map<MSpan, Int32Array>()
  /** A span visit's objects to scan, one bit per slot (Go: gc.ObjMask); ≤ 512 slots. */
  private readonly toScan = new Int32Array(16)
  private counts: MarkCounts = newMarkCounts(false)

  private readonly rt: Runtime

  constructor(rt: Runtime, gcPercent: number, memoryLimit: number) {
    this.rt = rt
    this.gcPercent = gcPercent
    this.memoryLimit = memoryLimit
    this.sweep = new SweepState(rt)
    this.scavenger = new Scavenger(rt)
  }

  /** Go's heapMinimum. */
  heapMinimum(): number {
    return this.gcPercent < 0 ? 0 : (defaultHeapMinimum * this.gcPercent) / 100
  }

  /** The heap goal implied by heapMarked and GOGC (Go: gcControllerState.heapGoal, no memory limit). */
  computeGoal(): number {
    if (this.gcPercent < 0) return Infinity
    const goal = this.heapMarked + (this.heapMarked * this.gcPercent) / 100
    return Math.floor(Math.max(goal, this.heapMinimum()))
  }

  /**
   * Go's mappedReady as the simulator counts it: mapped memory in the Ready state — the heap's
   * backed pages (HeapInuse + heap free pages not released) plus the runtime metadata the
   * simulator keeps (mspan and mcache fixalloc chunks, heapArena records). Go's also holds
   * goroutine stacks, GC work buffers and mark bitmaps, page-allocator summaries and the
   * scavenger index, profiling buckets and other OS-allocated metadata; the simulator models none
   * of them, so its non-heap memory is smaller than a real program's (a few MiB less).
   */
  mappedReady(): number {
    const rt = this.rt
    const st = rt.memstats
    const h = rt.mheap_
    return st.heapInUse + st.heapFree + h.spanalloc.sys + h.cachealloc.sys + st.gcMiscSys
  }

  /** The memory-limit goal now (Infinity without a limit). */
  memoryLimitGoal(): number {
    if (this.memoryLimit === Infinity) return Infinity
    const st = this.rt.memstats
    return memoryLimitHeapGoal({
      memoryLimit: this.memoryLimit,
      mappedReady: this.mappedReady(),
      heapFree: st.heapFree,
      heapAlloc: st.totalAlloc - st.totalFree,
      heapMarked: this.heapMarked,
    })
  }

  /** Go's heapGoal: the GOGC goal or, when smaller, the memory-limit goal (see top). */
  heapGoal(): number {
    if (this.memoryLimit === Infinity) return this.gcPercentHeapGoal
    const m = this.memoryLimitGoal()
    return m < this.gcPercentHeapGoal ? m : this.gcPercentHeapGoal
  }

  /** Go's gcControllerCommit after a setting changed: new goals, then the scavenger's pacing. */
  commit(): void {
    this.gcPercentHeapGoal = this.computeGoal()
    const goal = (this.rt.memstats.heapGoal = this.heapGoal())
    this.scavenger.pace(goal, this.lastHeapGoal)
  }

  /** Go's gcTrigger{kind: gcTriggerHeap}.test(), with the trigger at the goal (see top). With a
   *  memory limit the goal is recomputed (and kept as NextGC) at every test. */
  shouldTrigger(): boolean {
    const st = this.rt.memstats
    if (this.memoryLimit !== Infinity) st.heapGoal = this.heapGoal()
    return st.heapLive >= st.heapGoal
  }

  /** After an allocation slow path: the background workers' turn, then the GC trigger test. */
  afterSlowPath(pp: number): void {
    this.backgroundTurn()
    if (this.shouldTrigger()) this.start(pp, 'heap')
  }

  /** One turn of the background sweeper (one span) and scavenger (one 64 KiB step). */
  backgroundTurn(): { swept: boolean; released: number } {
    const sw = this.sweep
    const swept = !sw.drained && sw.sweepone() !== -1
    if (swept) sw.nbgsweep++
    return { swept, released: this.scavenger.bgStep() }
  }

  /** One full cycle (gcStart … gcMarkTermination … gcSweep). `pp` is the P that started it. */
  start(pp: number, reason: GCReason): GCResult {
    const rt = this.rt
    const h = rt.mheap_
    const st = rt.memstats
    // 1. Sweep termination.
    let finishedSweeps = 0
    while (this.sweep.sweepone() !== -1) finishedSweeps++
    this.sweep.npausesweep += finishedSweeps
    for (let i = 0; i < numSpanClasses; i++) {
      const c = h.central[i]
      c.partialUnswept(h.sweepgen).reset()
      c.fullUnswept(h.sweepgen).reset()
    }
    if (rt.tracing) rt.emit({ type: 'gcStart', cycle: st.numGC + 1, reason, heapLive: st.heapLive })
    // 2. Mark.
    const { objects, bytes } = this.mark()
    const mark = this.counts
    // 3. Mark termination. Go's endCycle first records the goal the cycle ran to (for the
    // scavenger's goal ratio), then the live heap and the new goal are set.
    this.lastHeapGoal = this.heapGoal()
    st.numGC++
    if (reason !== 'heap') st.numForcedGC++
    this.heapMarked = bytes
    st.heapLive = bytes
    this.gcPercentHeapGoal = this.computeGoal()
    st.heapGoal = this.heapGoal()
    h.sweepgen += 2
    this.sweep.begin(st.heapGoal)
    for (const p of rt.allp) {
      p.mcache.releaseAll(rt)
      p.mcache.flushGen = h.sweepgen
      if (p.id !== pp) {
        rt.counters.heapLocks++
        p.pcache.flush(h.pages)
      }
    }
    this.scavenger.lastHeapInUse = st.heapInUse
    this.scavenger.pace(st.heapGoal, this.lastHeapGoal)
    if (rt.tracing)
      rt.emit({
        type: 'gcMarkDone',
        cycle: st.numGC,
        markedObjects: objects,
        markedBytes: bytes,
        heapGoal: st.heapGoal,
        objectPushes: mark.objectPushes,
        spansQueued: mark.spansQueued,
        spanVisits: mark.spanVisits,
      })
    // 4. Sweep: lazily, unless this collection was forced (runtime.GC finishes the sweep).
    if (reason !== 'heap') this.sweep.finish()
    return {
      cycle: st.numGC,
      reason,
      markedObjects: objects,
      markedBytes: bytes,
      heapGoal: st.heapGoal,
      finishedSweeps,
      mark: { ...mark },
    }
  }

  /** Mark every object reachable from the roots. Returns slots and bytes marked. */
  private mark(): { objects: number; bytes: number } {
    const rt = this.rt
    const h = rt.mheap_
    const gt = rt.greenTea
    const k = (this.counts = newMarkCounts(gt))
    this.objects = 0
    this.bytes = 0
    this.sp = 0
    // Go's gcResetMarkState: the page marks of the last cycle are cleared.
    for (const ha of h.arenas.values()) ha.pageMarks.fill(0)
    // Roots: every object the program still references.
    for (const s of h.allspans) {
      if (s.state !== mSpanInUse) continue
      const inline = gt && s.spanclass >>> 1 !== 0 && usesInlineMarkBits(s.elemsize)
      const rb = s.rootBits
      let mb = inline ? s.inlineMarks : s.gcmarkBits
      const words = (s.nelems + 31) >>> 5
      for (let w = 0; w < words; w++) {
        const newly = rb[w] & ~mb[w]
        if (newly === 0) continue
        if (mb === zeroBits) mb = inline ? (s.inlineMarks = newGCBits(s.nelems)) : ensureMarkBits(s)
        mb[w] |= newly
        if (!inline) this.markPage(s)
        const n = popcount32(newly)
        this.objects += n
        this.bytes += n * s.elemsize
        if (rt.tracing) this.emitMarks(s, w, newly, 'root', inline)
        if ((s.spanclass & 1) !== 0) continue
        if (inline) {
          this.enqueueSpan(s)
          continue
        }
        k.objectPushes += n
        let bits = newly
        while (bits !== 0) {
          const b = 31 - Math.clz32(bits & -bits)
          bits &= bits - 1
          this.pushObject(s, s.startAddr + ((w << 5) + b) * s.elemsize)
        }
      }
    }
    // Go's gcMarkTinyAllocs: each P's current tiny block is greyed at GC start, whether or not
    // any object in it is still referenced (it may be handed out again before the cycle ends).
    for (const p of rt.allp) {
      const c = p.mcache
      if (c.tiny !== 0) this.greyobject(c.tinySpan, c.tinyIndex, 'tiny')
    }
    // Drain: objects first (LIFO), then spans (FIFO), as gcDrain takes them.
    const ptrs = rt.ptrs
    const cellTarget = ptrs.cellTarget
    const cellNext = ptrs.cellNext
    let head = 0
    for (;;) {
      if (this.sp > 0) {
        const slot = this.work[--this.sp]
        if (rt.tracing) rt.emit({ type: 'markObjectScan', addr: slot })
        this.scanObject(slot, cellTarget, cellNext)
        continue
      }
      if (head === this.spanq.length) break
      const s = this.spanq[head++]
      this.queued.delete(s)
      // scanSpan: marks ∖ scans are this visit's objects (taken all at once, spanSetScans);
      // scans |= marks; then those objects are scanned. Marks set while scanning (even in this
      // span) wait for the span's next visit.
      this.markPage(s) // Go's spanSetScans
      let scans = this.scans.get(s)
      if (scans === undefined) this.scans.set(s, (scans = new Int32Array(16)))
      const marks = s.inlineMarks
      const words = (s.nelems + 31) >>> 5
      const todo = this.toScan
      let scanned = 0
      k.spanVisits++
      for (let w = 0; w < words; w++) {
        todo[w] = marks[w] & ~scans[w]
        scans[w] |= todo[w]
        scanned += popcount32(todo[w])
      }
      for (let w = 0; w < words && s.ptrObjs !== 0; w++) {
        let bits = todo[w]
        while (bits !== 0) {
          const b = 31 - Math.clz32(bits & -bits)
          bits &= bits - 1
          this.scanObject(s.startAddr + ((w << 5) + b) * s.elemsize, cellTarget, cellNext)
        }
      }
      k.spanObjectsScanned += scanned
      if (scanned > k.maxObjectsPerVisit) k.maxObjectsPerVisit = scanned
      if (rt.tracing)
        rt.emit({
          type: 'markSpanVisit',
          span: s.startAddr,
          spanclass: s.spanclass,
          scanned,
          queued: this.spanq.length - head,
        })
    }
    this.spanq.length = 0
    this.scans.clear()
    return { objects: this.objects, bytes: this.bytes }
  }

  private objects = 0
  private bytes = 0

  /** Scan one marked object: grey every object its stored pointers point at. */
  private scanObject(slot: number, cellTarget: Float64Array, cellNext: Int32Array): void {
    const h = this.rt.mheap_
    for (let c = this.rt.ptrs.head(slot); c >= 0; c = cellNext[c]) {
      const target = cellTarget[c]
      const t = h.spanOfHeap(target)
      if (t === null) throw new Error(`mark: pointer to ${target.toString(16)} outside the heap`)
      this.greyobject(t, t.objIndex(target), 'pointer')
    }
  }

  /** Go's greyobject / tryDeferToSpanScan: mark slot i of t once; queue its work. */
  private greyobject(t: MSpan, i: number, via: 'pointer' | 'tiny'): void {
    const rt = this.rt
    const w = i >>> 5
    const bit = 1 << (i & 31)
    const inline = rt.greenTea && t.spanclass >>> 1 !== 0 && usesInlineMarkBits(t.elemsize)
    if (inline) {
      if ((t.inlineMarks[w] & bit) !== 0) return
      if (t.inlineMarks === zeroBits) t.inlineMarks = newGCBits(t.nelems)
      t.inlineMarks[w] |= bit
    } else {
      if ((t.gcmarkBits[w] & bit) !== 0) return
      ensureMarkBits(t)[w] |= bit
      this.markPage(t)
    }
    this.objects++
    this.bytes += t.elemsize
    if (rt.tracing) this.emitMarks(t, w, bit, via, inline)
    if ((t.spanclass & 1) !== 0) return // noscan: black at once
    if (inline) return this.enqueueSpan(t)
    this.counts.objectPushes++
    this.pushObject(t, t.startAddr + i * t.elemsize)
  }

  /** Set the pageMarks bit of s's first page: s has a marked object, so the page reclaimer
   *  passes it by (Go: the "Mark span" step of greyobject, and spanSetScans). */
  private markPage(s: MSpan): void {
    const rt = this.rt
    if (rt.mheap_.legacy !== null) return
    const ha = rt.mheap_.arenaOf(s.startAddr) as HeapArena
    const pi = (s.startAddr - ha.base) / _PageSize
    const m = 1 << (pi & 7)
    if ((ha.pageMarks[pi >>> 3] & m) === 0) {
      ha.pageMarks[pi >>> 3] |= m
      rt.counters.atomics++ // atomic.Or8
    }
  }

  /** Put an object on the LIFO work list (only objects holding pointers need the scan). */
  private pushObject(t: MSpan, slot: number): void {
    const rt = this.rt
    if (rt.tracing) rt.emit({ type: 'markObjectPush', addr: slot, span: t.startAddr })
    if (t.ptrObjs === 0 || rt.ptrs.head(slot) < 0) return
    if (this.sp === this.work.length) this.growWork()
    this.work[this.sp++] = slot
  }

  /** Queue a scan span for a visit unless it is already queued (Go: spanInlineMarkBits.tryAcquire). */
  private enqueueSpan(s: MSpan): void {
    if (this.queued.has(s)) return
    this.queued.add(s)
    this.spanq.push(s)
    this.counts.spansQueued++
    const rt = this.rt
    if (rt.tracing)
      rt.emit({ type: 'markSpanQueued', span: s.startAddr, spanclass: s.spanclass, queued: this.queued.size })
  }

  /** Trace: one markObject event per newly marked slot in word w of s. */
  private emitMarks(
    s: MSpan,
    w: number,
    bits: number,
    via: 'root' | 'pointer' | 'tiny',
    inline: boolean,
  ): void {
    while (bits !== 0) {
      const b = 31 - Math.clz32(bits & -bits)
      bits &= bits - 1
      this.rt.emit({
        type: 'markObject',
        addr: s.startAddr + ((w << 5) + b) * s.elemsize,
        span: s.startAddr,
        spanclass: s.spanclass,
        via,
        inline,
      })
    }
  }

  private growWork(): Float64Array<ArrayBuffer> {
    const w = new Float64Array(this.work.length * 2)
    w.set(this.work)
    this.work = w
    return w
  }
}

function newMarkCounts(greenTea: boolean): MarkCounts {
  return {
    greenTea,
    objectPushes: 0,
    spansQueued: 0,
    spanVisits: 0,
    spanObjectsScanned: 0,
    maxObjectsPerVisit: 0,
  }
}
