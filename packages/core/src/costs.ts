// costs.ts — the cost counters regrouped by allocator level, and the cache mode option.
//
// Go's allocator is layered so that the common case costs nothing shared (see docs/go-reference.md §5
// and src/runtime/{mcache,mcentral,mspanset,mheap,mpagecache}.go):
//
//   mcache     per P: a tiny hit, nextFreeFast or nextFreeIndex in the cached span. No lock and no
//              atomic instruction: only the P that owns the cache touches it.
//   mcentral   shared by all Ps, one per span class, reached by mcache.refill. Since Go 1.15 its span
//              sets are lock-free: a push is one atomic add on the tail, a pop one CAS on the head plus
//              one add on the block's popped count; only a push that needs a new 512-entry block takes
//              the set's spineLock. uncacheSpan stores the span's sweepgen atomically, and the refill
//              flushes the P's allocation counts into the consistent stats (two atomics per span).
//   pageCache  per P: 64 pages that mheap.allocSpan hands out for spans under 16 pages without the
//              heap lock. Refilling it takes the heap lock once.
//   mheap      global: mheap.lock for page allocation (page-cache miss, ≥ 16 pages, heap growth) and
//              for refilling the P's mspan-struct cache; heap statistics and arena bitmaps are updated
//              atomically.
//
// `costLevels` turns the flat Counters into that breakdown. It runs when counters are read, never
// on the allocation path, which only does plain number increments.
//
// The 'shared' cache mode (Runtime option `cache`) is the counterfactual a figure compares against:
// every P allocates through ONE mcache guarded by one lock, as if the per-P caches did not exist.
// Each malloc that touches the cache (every malloc except size 0) takes that lock once, so the count
// is derived as mallocs − zeroAllocs rather than incremented on the fast path.
//
// Simplifications:
// - Locks are counted as acquisitions, not as atomics (taking and releasing a runtime mutex is at
//   least one atomic exchange each). Contention is a property of an interleaving, so it is counted
//   by the scheduler (sched.ts), not here.
// - In 'shared' mode the single cache is P 0's mcache: its refills use P 0's page cache and mspan
//   cache, trace events and spanOf().cachedBy say P 0, and the other Ps' caches stay empty. Flushes
//   (readMemStats) are treated as stop-the-world and take no shared-cache lock.

import type { Counters } from './trace.ts'
import { describe } from './msize.ts'

/** How Ps reach their span cache: one mcache per P (Go), or one shared mcache behind one lock. */
export type CacheMode = 'perP' | 'shared'

const cacheModes: readonly CacheMode[] = ['perP', 'shared']

/** Throw TypeError/RangeError naming `name` unless v is 'perP' or 'shared'. */
export function checkCacheMode(v: unknown, name = 'cache'): asserts v is CacheMode {
  if (typeof v !== 'string') throw new TypeError(`${name} must be 'perP' or 'shared', got ${describe(v)}`)
  if (!(cacheModes as readonly string[]).includes(v))
    throw new RangeError(`${name} must be 'perP' or 'shared', got '${v}'`)
}

/** Counters grouped by the level of the allocator that paid them (plain data). */
export interface CostLevels {
  /** Mallocs served by the P's cache alone. `locks` is 0 with per-P caches; with the shared
   *  cache it is the shared lock's acquisitions. `atomics` is always 0. */
  mcache: {
    hits: number
    /** Placed in the current tiny block. */
    tinyHits: number
    /** nextFreeFast found the slot (includes new tiny blocks). */
    fastHits: number
    /** nextFreeIndex found the slot further in the cached span (no refill). */
    slowHits: number
    locks: number
    atomics: number
  }
  /** Refills: spans handed to (cacheSpan) and back from (uncacheSpan) the central span sets. */
  mcentral: {
    refills: number
    cacheSpans: number
    uncacheSpans: number
    pushes: number
    pops: number
    /** cacheSpan found no span in the sets and asked the heap for a fresh one. */
    grows: number
    atomics: number
    spineLocks: number
  }
  /** Per-P page caches: spans whose pages came without the heap lock, and refills (each one
   *  heap-lock acquisition, counted in mheap.locks). */
  pageCache: { hits: number; refills: number }
  /** The page heap. */
  mheap: {
    allocSpans: number
    largeAllocs: number
    locks: number
    atomics: number
    pageAllocs: number
    grows: number
  }
  /** The shared cache's lock ('shared' mode only; null with per-P caches). */
  sharedCache: { locks: number } | null
}

/** Regroup flat counters by level. Linear: costLevels(after − before) = the difference. */
export function costLevels(k: Readonly<Counters>, cache: CacheMode): CostLevels {
  const slowHits = k.nextFree - k.refills
  const sharedLocks = cache === 'shared' ? k.mallocs - k.zeroAllocs : 0
  return {
    mcache: {
      hits: k.tinyHits + k.nextFreeFast + slowHits,
      tinyHits: k.tinyHits,
      fastHits: k.nextFreeFast,
      slowHits,
      locks: sharedLocks,
      atomics: 0,
    },
    mcentral: {
      refills: k.refills,
      cacheSpans: k.cacheSpans,
      uncacheSpans: k.uncacheSpans,
      pushes: k.spanSetPushes,
      pops: k.spanSetPops,
      grows: k.mcentralGrows,
      atomics: k.centralAtomics,
      spineLocks: k.spineLocks,
    },
    pageCache: { hits: k.pageCacheAllocs, refills: k.pageCacheRefills },
    mheap: {
      allocSpans: k.allocSpans,
      largeAllocs: k.largeAllocs,
      locks: k.heapLocks,
      atomics: k.atomics - k.centralAtomics,
      pageAllocs: k.pageAllocs,
      grows: k.heapGrows,
    },
    sharedCache: cache === 'shared' ? { locks: sharedLocks } : null,
  }
}
