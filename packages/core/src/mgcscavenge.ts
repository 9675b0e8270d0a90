// mgcscavenge.ts — giving free memory back to the operating system.
//
// Mirrors Go's src/runtime/mgcscavenge.go. Free pages of the heap stay
// mapped and backed ("retained") so the next allocation is cheap; the scavenger returns some of
// them with madvise (sysUnused), after which they count as HeapReleased. It keeps the retained
// heap (HeapInuse + free-but-backed pages) near a goal derived from the GC's heap goal:
//
//   gcPercentGoal = lastHeapInUse × (heapGoal / lastHeapGoal) × (1 + retainExtraPercent/100)
//
// i.e. about 110% of what the heap is expected to use next cycle, rounded up to a physical
// page, where lastHeapGoal is the goal the last cycle ran to (at its first, 4 MiB × GOGC/100).
// It is recomputed at the end of every GC (gcPaceScavenger); there is no goal before the first
// GC (lastHeapGoal is 0) or with GOGC=off (no goal without a memory limit).
//
// With a soft memory limit there is a second goal, on mapped memory (Go's mappedReady, which
// the limit is about):
//
//   memoryLimitGoal = memoryLimit × (1 − reduceExtraPercent/100)      (95% of the limit)
//
// aiming below the limit so that the scavenger works before the limit is reached; it is
// disabled when mappedReady is already at or below it. Go 1.21 multiplies by
// (100 − reduceExtraPercent) = 95 instead — a bug fixed in 1.22 — so on '1.21' the goal is
// 95 × the limit and, in practice, never active: there only the allocator's scavenging (below)
// keeps mapped memory under the limit. Both goals are recomputed at every mark termination and
// when GOGC or the limit changes (gcControllerCommit → gcPaceScavenger). Sources:
// docs/go-reference.md §1.6.
//
// The background scavenger releases memory in 64 KiB steps (scavengeQuantum), highest addresses
// first, while either goal is not met (retained > gcPercentGoal or mappedReady >
// memoryLimitGoal). And allocSpan scavenges synchronously to stay under the limit
// (allocAssist): when mappedReady plus the released pages the new span is about to use would pass
// the limit, it releases the difference right away, before the span's pages are touched.
// debug.FreeOSMemory runs a GC and then releases every free page (scavengeAll).
//
// Simplifications:
// - Go paces the background scavenger to ~1% of CPU time with sleeps; the simulator gives it
//   one 64 KiB step at every allocation slow path (see mgc.ts) while there is work.
// - No scavenger index or chunk density (scavChunkHiOccFrac: Go's background scavenger skips
//   chunks that were dense in the last cycle; forced scavenging for the limit does not), no
//   huge-page awareness; pages are released in 8 KiB runtime pages (two 4 KiB OS pages).
// - allocSpan's other synchronous scavenging — after a heap growth, down to the gcPercent goal —
//   is not simulated. Go skips allocSpan's scavenging while the GC CPU limiter is on; the
//   limiter is not simulated (mgc.ts), so the allocator always scavenges for the limit.

import { _PageSize } from './sizeclasses.ts'
import type { Runtime } from './runtime.ts'

/** Bytes the background scavenger releases per step (Go: scavengeQuantum). */
const scavengeQuantum = 64 << 10
/** Retained heap may exceed the heap goal by this much (Go: retainExtraPercent). */
const retainExtraPercent = 10
/** With a memory limit, aim this far below it (Go: reduceExtraPercent): 95% of the limit. */
const reduceExtraPercent = 5
/** linux/amd64 physical page size. */
export const physPageSize = 4096

/** Go's memory-limit scavenge goal for a finite limit: 95% of it, truncated (1.22+); Go 1.21's
 *  gcPaceScavenger multiplies by 95 instead (see top). */
export function scavengeMemoryLimitGoal(memoryLimit: number, goVersion: string): number {
  const factor = goVersion === '1.21' ? 100 - reduceExtraPercent : 1 - reduceExtraPercent / 100
  return Math.floor(memoryLimit * factor)
}

export class Scavenger {
  /** Retained-heap goal in bytes (Infinity: no background work). Go: scavenge.gcPercentGoal. */
  gcPercentGoal = Infinity
  /** Mapped-memory goal under a memory limit (Infinity: none). Go: scavenge.memoryLimitGoal. */
  memoryLimitGoal = Infinity
  /** Bytes released by the background scavenger / by scavengeAll / by allocSpan to stay under
   *  the memory limit, since start. */
  bgReleased = 0
  forcedReleased = 0
  assistReleased = 0
  /** HeapInuse at the last mark termination (Go: memstats.lastHeapInUse). */
  lastHeapInUse = 0

  private readonly rt: Runtime

  constructor(rt: Runtime) {
    this.rt = rt
  }

  /** Go's heapRetained: HeapInuse + free pages that are still backed. */
  retained(): number {
    const st = this.rt.memstats
    return st.heapInUse + st.heapFree
  }

  /** Go's gcPaceScavenger: the memory-limit goal, then the gcPercent goal. */
  pace(heapGoal: number, lastHeapGoal: number): void {
    const g = this.rt.gcController
    if (g.memoryLimit === Infinity) this.memoryLimitGoal = Infinity
    else {
      const goal = scavengeMemoryLimitGoal(g.memoryLimit, this.rt.goVersion)
      this.memoryLimitGoal = g.mappedReady() <= goal ? Infinity : goal
    }
    if (lastHeapGoal === 0 || !Number.isFinite(heapGoal)) {
      this.gcPercentGoal = Infinity
      return
    }
    let goal = Math.floor(this.lastHeapInUse * (heapGoal / lastHeapGoal))
    goal += Math.floor(goal / (100 / retainExtraPercent))
    goal = Math.ceil(goal / physPageSize) * physPageSize
    const retained = this.retained()
    this.gcPercentGoal = retained <= goal || retained - goal < physPageSize ? Infinity : goal
  }

  /** Does the background scavenger have work (retained heap or mapped memory above a goal)? */
  hasWork(): boolean {
    return (
      this.retained() > this.gcPercentGoal ||
      (this.memoryLimitGoal !== Infinity && this.rt.gcController.mappedReady() > this.memoryLimitGoal)
    )
  }

  /** One background step: release up to 64 KiB while above a goal. Returns bytes released. */
  bgStep(): number {
    if (!this.hasWork()) return 0
    let over = this.retained() - this.gcPercentGoal
    if (this.memoryLimitGoal !== Infinity) {
      const m = this.rt.gcController.mappedReady() - this.memoryLimitGoal
      if (m > over) over = m
    }
    const n = this.release(Math.min(scavengeQuantum, Math.ceil(over / _PageSize) * _PageSize))
    this.bgReleased += n
    if (n === 0) {
      // Nothing left to release until the next pacing.
      this.gcPercentGoal = Infinity
      this.memoryLimitGoal = Infinity
    }
    return n
  }

  /**
   * Go's allocSpan scavenging for the memory limit: a span about to use `scav` released bytes
   * (paged in again) would take mappedReady past the limit → release the excess now, forced
   * (density ignored). Called with the span's pages already taken from the page allocator, before
   * they are marked used. Returns bytes released.
   */
  allocAssist(scav: number): number {
    const limit = this.rt.gcController.memoryLimit
    const inuse = this.rt.gcController.mappedReady()
    if (scav + inuse <= limit) return 0
    const n = this.release(scav + inuse - limit)
    this.assistReleased += n
    return n
  }

  /** Release every free page (Go: mheap.scavengeAll). */
  releaseAll(): number {
    const n = this.release(Infinity)
    this.forcedReleased += n
    return n
  }

  /** Release up to nbytes of free, backed pages, highest addresses first. */
  release(nbytes: number): number {
    const rt = this.rt
    const pages = rt.mheap_.pages
    let done = 0
    while (done < nbytes) {
      const maxPages = Number.isFinite(nbytes) ? Math.ceil((nbytes - done) / _PageSize) : Infinity
      const r = pages.scavengeOne(maxPages)
      if (r === null) break
      const bytes = r.npages * _PageSize
      rt.counters.heapLocks++
      rt.os.sysUnused(r.base, bytes)
      const st = rt.memstats
      st.heapFree -= bytes
      st.heapReleased += bytes
      st.committed -= bytes
      st.released += bytes
      rt.counters.atomics += 2
      rt.counters.scavengeSteps++
      if (rt.tracing) rt.emit({ type: 'sysUnused', addr: r.base, bytes })
      done += bytes
    }
    return done
  }
}
