// mgcscavenge.ts — giving free memory back to the operating system.
//
// Mirrors Go's src/runtime/mgcscavenge.go (Go 1.19–1.21 shape). Free pages of the heap stay
// mapped and backed ("retained") so the next allocation is cheap; the scavenger returns some of
// them with madvise (sysUnused), after which they count as HeapReleased. It keeps the retained
// heap (HeapInuse + free-but-backed pages) near a goal derived from the GC's heap goal:
//
//   gcPercentGoal = lastHeapInUse × (heapGoal / lastHeapGoal) × (1 + retainExtraPercent/100)
//
// i.e. about 110% of what the heap is expected to use next cycle, rounded up to a physical
// page. It is recomputed at the end of every GC (gcPaceScavenger); there is no goal before the
// second GC (lastHeapGoal is 0) or with GOGC=off. The background scavenger then releases
// memory in 64 KiB steps (scavengeQuantum) while retained > goal, highest addresses first.
// debug.FreeOSMemory runs a GC and then releases every free page (scavengeAll).
//
// Simplifications:
// - Go paces the background scavenger to ~1% of CPU time with sleeps; the simulator gives it
//   one 64 KiB step at every allocation slow path (see mgc.ts) while there is work.
// - No memory-limit goal (GOMEMLIMIT), no scavenger index or chunk density (scavChunkHiOccFrac),
//   no huge-page awareness; pages are released in 8 KiB runtime pages (two 4 KiB OS pages).

import { _PageSize } from './sizeclasses.ts'
import type { Runtime } from './runtime.ts'

/** Bytes the background scavenger releases per step (Go: scavengeQuantum). */
const scavengeQuantum = 64 << 10
/** Retained heap may exceed the heap goal by this much (Go: retainExtraPercent). */
const retainExtraPercent = 10
/** linux/amd64 physical page size. */
export const physPageSize = 4096

export class Scavenger {
  /** Retained-heap goal in bytes (Infinity: no background work). Go: scavenge.gcPercentGoal. */
  gcPercentGoal = Infinity
  /** Bytes released by the background scavenger / by scavengeAll, since start. */
  bgReleased = 0
  forcedReleased = 0
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

  /** Go's gcPaceScavenger (the gcPercent part). */
  pace(heapGoal: number, lastHeapGoal: number): void {
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

  /** Does the background scavenger have work (retained heap above its goal)? */
  hasWork(): boolean {
    return this.retained() > this.gcPercentGoal
  }

  /** One background step: release up to 64 KiB while above the goal. Returns bytes released. */
  bgStep(): number {
    if (!this.hasWork()) return 0
    const over = this.retained() - this.gcPercentGoal
    const n = this.release(Math.min(scavengeQuantum, Math.ceil(over / _PageSize) * _PageSize))
    this.bgReleased += n
    if (n === 0) this.gcPercentGoal = Infinity // nothing left to release
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
