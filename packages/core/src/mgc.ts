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
//      tiny block is marked too (gcMarkTinyAllocs), referenced or not;
//   3. mark termination: heapMarked = bytes marked; the pacer's heapLive is reset to it; the
//      next heap goal is heapMarked × (1 + GOGC/100), at least 4 MiB × GOGC/100
//      (defaultHeapMinimum); sweepgen += 2, so every in-use span becomes unswept and the
//      swept/unswept roles of each mcentral's span sets swap; every P's mcache is flushed
//      (prepareForSweep → releaseAll: its stale spans are swept on the spot) and the page
//      caches of idle Ps go back to the page allocator; the scavenger's goal is recomputed;
//   4. sweeping then happens lazily (mcentral.cacheSpan, proportional sweep credit, the
//      background sweeper) — or at once for a forced collection (runtime.GC sweeps everything
//      before it returns).
//
// Triggering: with GOGC on, a collection starts when heapLive reaches the heap goal, tested
// after allocations that refilled a span or were large (Go's shouldhelpgc).
//
// Simplifications:
// - Stop-the-world marking: Go marks concurrently with the program (write barriers, assists,
//   allocate-black) and so triggers *before* the goal, at a point its pacer computes, to
//   finish by the goal. The simulator marks instantly, so it triggers at the goal itself.
// - Roots are the program's references recorded by malloc/drop, not stacks and globals; no
//   finalizers, weak pointers or specials; no GC CPU accounting (pauseTotalNs, gcCPUFraction 0).
// - pageMarks (used by Go's page reclaimer) are not maintained; there is no page reclaimer.

import { numSpanClasses } from './constants.ts'
import { ensureMarkBits, mSpanInUse, popcount32, zeroBits } from './mspan.ts'
import { SweepState } from './mgcsweep.ts'
import { Scavenger } from './mgcscavenge.ts'
import type { Runtime } from './runtime.ts'

/** Go's defaultHeapMinimum: the heap goal is at least this × GOGC/100. */
export const defaultHeapMinimum = 4 << 20

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
}

export class GCController {
  /** GOGC; −1 when off. */
  gcPercent: number
  /** Bytes marked by the last cycle (Go: gcController.heapMarked). */
  heapMarked = 0
  /** Heap goal at the end of the previous cycle (Go: lastHeapGoal; 0 before the first). */
  lastHeapGoal = 0
  readonly sweep: SweepState
  readonly scavenger: Scavenger
  /** Mark work stack: slot addresses of marked objects still to scan for pointers. */
  private work: Float64Array<ArrayBuffer> = new Float64Array(1024)

  private readonly rt: Runtime

  constructor(rt: Runtime, gcPercent: number) {
    this.rt = rt
    this.gcPercent = gcPercent
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

  /** Go's gcTrigger{kind: gcTriggerHeap}.test(), with the trigger at the goal (see top). */
  shouldTrigger(): boolean {
    return this.gcPercent >= 0 && this.rt.memstats.heapLive >= this.rt.memstats.heapGoal
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
    // 3. Mark termination.
    st.numGC++
    if (reason !== 'heap') st.numForcedGC++
    this.heapMarked = bytes
    st.heapLive = bytes
    st.heapGoal = this.computeGoal()
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
    this.lastHeapGoal = st.heapGoal
    if (rt.tracing)
      rt.emit({
        type: 'gcMarkDone',
        cycle: st.numGC,
        markedObjects: objects,
        markedBytes: bytes,
        heapGoal: st.heapGoal,
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
    }
  }

  /** Mark every object reachable from the roots. Returns slots and bytes marked. */
  private mark(): { objects: number; bytes: number } {
    const rt = this.rt
    const h = rt.mheap_
    const ptrs = rt.ptrs
    let objects = 0
    let bytes = 0
    let sp = 0
    let work = this.work
    for (const s of h.allspans) {
      if (s.state !== mSpanInUse) continue
      const rb = s.rootBits
      let mb = s.gcmarkBits
      const words = (s.nelems + 31) >>> 5
      for (let w = 0; w < words; w++) {
        const newly = rb[w] & ~mb[w]
        if (newly === 0) continue
        if (mb === zeroBits) mb = ensureMarkBits(s)
        mb[w] |= newly
        const n = popcount32(newly)
        objects += n
        bytes += n * s.elemsize
        if (s.ptrObjs === 0) continue
        let bits = newly
        while (bits !== 0) {
          const b = 31 - Math.clz32(bits & -bits)
          bits &= bits - 1
          const slot = s.startAddr + ((w << 5) + b) * s.elemsize
          if (ptrs.head(slot) < 0) continue
          if (sp === work.length) work = this.growWork()
          work[sp++] = slot
        }
      }
    }
    // Go's gcMarkTinyAllocs: each P's current tiny block is greyed at GC start, whether or not
    // any object in it is still referenced (it may be handed out again before the cycle ends).
    for (const p of rt.allp) {
      const c = p.mcache
      if (c.tiny === 0) continue
      const t = c.tinySpan
      const i = c.tinyIndex
      const bit = 1 << (i & 31)
      if ((t.gcmarkBits[i >>> 5] & bit) !== 0) continue
      ensureMarkBits(t)[i >>> 5] |= bit
      objects++
      bytes += t.elemsize
    }
    // Drain: scan each grey object's pointers.
    const cellTarget = ptrs.cellTarget
    const cellNext = ptrs.cellNext
    while (sp > 0) {
      const slot = work[--sp]
      for (let c = ptrs.head(slot); c >= 0; c = cellNext[c]) {
        const target = cellTarget[c]
        const t = h.spanOfHeap(target)
        if (t === null) throw new Error(`mark: pointer to ${target.toString(16)} outside the heap`)
        const i = t.objIndex(target)
        const bit = 1 << (i & 31)
        if ((t.gcmarkBits[i >>> 5] & bit) !== 0) continue
        ensureMarkBits(t)[i >>> 5] |= bit
        objects++
        bytes += t.elemsize
        if (t.ptrObjs === 0) continue
        const tslot = t.startAddr + i * t.elemsize
        if (ptrs.head(tslot) < 0) continue
        if (sp === work.length) work = this.growWork()
        work[sp++] = tslot
      }
    }
    return { objects, bytes }
  }

  private growWork(): Float64Array<ArrayBuffer> {
    const w = new Float64Array(this.work.length * 2)
    w.set(this.work)
    this.work = w
    return w
  }
}
