// mstats.ts — allocator statistics and ReadMemStats.
//
// Mirrors Go's src/runtime/mstats.go (heapStatsDelta "consistent" stats, readmemstats_m) and
// the heap counters of mgcpacer.go's gcController (heapInUse, heapFree, heapReleased,
// heapLive, totalAlloc, totalFree).
//
// Timing, as in Go: small-object allocation counts are added when a span *leaves* an mcache
// (refill or releaseAll) — `allocCount − allocCountBeforeCache` — so between flushes the raw
// counters lag. ReadMemStats stops the world and flushes every mcache first, so its numbers are
// exact. Tiny sub-allocations are counted in both Mallocs and Frees (they only exist inside
// 16-byte blocks, which are counted as class-2 objects).
//
// Simplifications: no stacks, work buffers, profiling buckets or GC programs, so StackInuse,
// StackSys, BuckHashSys, OtherSys are 0 and GCSys holds only heapArena metadata. MSpanSys and
// MCacheSys come from the fixalloc model. Only Go's first 61 BySize entries exist in
// runtime.MemStats; we report all 68 classes.

import { _NumSizeClasses, classToSize } from './sizeclasses.ts'

/** The simulator's runtime.MemStats, lower camel case. Byte counts are numbers. */
export interface MemStats {
  alloc: number
  totalAlloc: number
  sys: number
  lookups: number
  mallocs: number
  frees: number
  heapAlloc: number
  heapSys: number
  heapIdle: number
  heapInuse: number
  heapReleased: number
  heapObjects: number
  stackInuse: number
  stackSys: number
  mSpanInuse: number
  mSpanSys: number
  mCacheInuse: number
  mCacheSys: number
  buckHashSys: number
  gcSys: number
  otherSys: number
  nextGC: number
  lastGC: number
  pauseTotalNs: number
  numGC: number
  numForcedGC: number
  gcCPUFraction: number
  enableGC: boolean
  debugGC: boolean
  /** One entry per size class 0..67 (Go's MemStats stops at 61 entries). */
  bySize: { size: number; mallocs: number; frees: number }[]
}

export class MStats {
  // gcController heap counters (bytes)
  /** Bytes in in-use heap spans. */
  heapInUse = 0
  /** Free pages that are backed (or assumed backed) by memory. */
  heapFree = 0
  /** Free pages returned to (or never taken from) the OS. */
  heapReleased = 0
  /** Pacer's estimate of live heap bytes (refill overestimates; releaseAll corrects). */
  heapLive = 0
  /** Inconsistent running totals (gcController.totalAlloc/totalFree). */
  totalAlloc = 0
  totalFree = 0

  // consistent stats (Go: memstats.heapStats)
  readonly smallAllocCount = new Float64Array(_NumSizeClasses)
  readonly smallFreeCount = new Float64Array(_NumSizeClasses)
  largeAlloc = 0
  largeAllocCount = 0
  largeFree = 0
  largeFreeCount = 0
  tinyAllocCount = 0
  inHeap = 0
  committed = 0
  released = 0

  /** Off-heap metadata: heapArena records. */
  gcMiscSys = 0
  /** Heap goal reported as NextGC (Go: 4 MiB × GOGC/100 before the first GC). */
  heapGoal = 4 << 20
  numGC = 0
  numForcedGC = 0

  /** Raw counters as plain data (snapshot). */
  raw(): RawStats {
    return {
      heapInUse: this.heapInUse,
      heapFree: this.heapFree,
      heapReleased: this.heapReleased,
      heapLive: this.heapLive,
      totalAlloc: this.totalAlloc,
      totalFree: this.totalFree,
      smallAllocCount: Array.from(this.smallAllocCount),
      smallFreeCount: Array.from(this.smallFreeCount),
      largeAlloc: this.largeAlloc,
      largeAllocCount: this.largeAllocCount,
      largeFree: this.largeFree,
      largeFreeCount: this.largeFreeCount,
      tinyAllocCount: this.tinyAllocCount,
      inHeap: this.inHeap,
      committed: this.committed,
      released: this.released,
      gcMiscSys: this.gcMiscSys,
    }
  }

  /**
   * Go's readmemstats_m, after the mcaches have been flushed. spanSys/Inuse and cacheSys/Inuse
   * come from the heap's fixallocs.
   */
  compute(m: { mspanInuse: number; mspanSys: number; mcacheInuse: number; mcacheSys: number }): MemStats {
    let totalAlloc = this.largeAlloc
    let nMalloc = this.largeAllocCount
    let totalFree = this.largeFree
    let nFree = this.largeFreeCount
    const bySize: MemStats['bySize'] = []
    for (let i = 0; i < _NumSizeClasses; i++) {
      const a = this.smallAllocCount[i]
      const f = this.smallFreeCount[i]
      totalAlloc += a * classToSize[i]
      nMalloc += a
      totalFree += f * classToSize[i]
      nFree += f
      bySize.push({ size: classToSize[i], mallocs: a, frees: f })
    }
    nFree += this.tinyAllocCount
    nMalloc += this.tinyAllocCount
    const heapSys = this.heapInUse + this.heapFree + this.heapReleased
    const sys = heapSys + m.mspanSys + m.mcacheSys + this.gcMiscSys
    return {
      alloc: totalAlloc - totalFree,
      totalAlloc,
      sys,
      lookups: 0,
      mallocs: nMalloc,
      frees: nFree,
      heapAlloc: totalAlloc - totalFree,
      heapSys,
      heapIdle: this.heapFree + this.heapReleased,
      heapInuse: this.heapInUse,
      heapReleased: this.heapReleased,
      heapObjects: nMalloc - nFree,
      stackInuse: 0,
      stackSys: 0,
      mSpanInuse: m.mspanInuse,
      mSpanSys: m.mspanSys,
      mCacheInuse: m.mcacheInuse,
      mCacheSys: m.mcacheSys,
      buckHashSys: 0,
      gcSys: this.gcMiscSys,
      otherSys: 0,
      nextGC: this.heapGoal,
      lastGC: 0,
      pauseTotalNs: 0,
      numGC: this.numGC,
      numForcedGC: this.numForcedGC,
      gcCPUFraction: 0,
      enableGC: true,
      debugGC: false,
      bySize,
    }
  }
}

/** Raw (unflushed) counters as they stand, for snapshots. */
export interface RawStats {
  heapInUse: number
  heapFree: number
  heapReleased: number
  heapLive: number
  totalAlloc: number
  totalFree: number
  smallAllocCount: number[]
  smallFreeCount: number[]
  largeAlloc: number
  largeAllocCount: number
  largeFree: number
  largeFreeCount: number
  tinyAllocCount: number
  inHeap: number
  committed: number
  released: number
  gcMiscSys: number
}
