// trace.ts — the typed event stream of every allocator step, and the cost counters.
//
// Go has its own execution tracer (runtime/trace) and, since 1.21, an allocation-free
// "page trace" (pagetrace_on.go). Ours is for teaching: every step of mallocgc that a figure may
// want to draw is an event. Emission sites are all written `if (rt.tracing) rt.emit({...})`, so
// when nobody listens the only cost is one boolean test: no event object is built.
//
// Events are plain data (numbers, strings, booleans), safe to structured-clone into a worker or
// out of one. Addresses are numbers (exact below 2^53).

/** Which of an mcentral's four span sets (Go: partialSwept/partialUnswept/fullSwept/fullUnswept). */
export type SpanSetName = 'partialSwept' | 'partialUnswept' | 'fullSwept' | 'fullUnswept'

export type MallocPath = 'zero' | 'tiny' | 'small' | 'large'

export type TraceEvent =
  /** A malloc finished (emitted last, after all the steps it caused). */
  | {
      type: 'malloc'
      size: number
      noscan: boolean
      p: number
      path: MallocPath
      addr: number
      sizeclass: number
      spanclass: number
      elemsize: number
      /** The Go function this allocation goes through in the runtime's release, e.g.
       *  'mallocgcSmallNoscan' (1.24+) or 'mallocgcSmallNoScanSC3' (1.27, under 81 bytes). */
      fn: string
    }
  /** Size → class lookup for a small object (reqSize includes the 1.22 malloc header). */
  | {
      type: 'sizeClass'
      size: number
      reqSize: number
      sizeclass: number
      spanclass: number
      elemsize: number
      header: boolean
    }
  /** Tiny allocation placed in the P's current 16-byte block: no span touched. */
  | { type: 'tinyHit'; p: number; block: number; offset: number; addr: number }
  /** A fresh 16-byte block for the tiny allocator; `current` when it becomes the P's tiny block. */
  | { type: 'tinyBlock'; p: number; block: number; current: boolean }
  /** nextFreeFast found a slot in the cached span (the mcache hit). */
  | { type: 'nextFreeFast'; p: number; spanclass: number; span: number; index: number; addr: number }
  /** nextFreeIndex: the slow in-span search; `index === nelems` means the span is full. */
  | { type: 'nextFreeIndex'; p: number; spanclass: number; span: number; index: number; nelems: number }
  /** allocCache reloaded with the complement of 64 allocBits starting at byte `byteIndex`. */
  | { type: 'refillAllocCache'; span: number; byteIndex: number }
  /** mcache.refill: the P swaps its full span for one with free slots. `old` is 0 for emptymspan. */
  | { type: 'refill'; p: number; spanclass: number; old: number }
  /** mcentral.uncacheSpan: a span leaves an mcache for one of the central sets. */
  | { type: 'uncacheSpan'; spanclass: number; span: number; to: SpanSetName }
  /** mcentral.cacheSpan handed out a span, found in `from` (or 'grow': a fresh span). */
  | { type: 'cacheSpan'; spanclass: number; span: number; from: SpanSetName | 'grow' }
  /** mcentral.grow asks the heap for a new span of the class's page count. */
  | { type: 'mcentralGrow'; spanclass: number; npages: number }
  /** spanSet push/pop (one atomic read-modify-write each on the real set). */
  | { type: 'spanSetPush'; spanclass: number; set: SpanSetName; span: number; length: number }
  | { type: 'spanSetPop'; spanclass: number; set: SpanSetName; span: number; length: number }
  /** A lock acquisition: mheap.lock or a spanSet's spineLock. */
  | { type: 'lock'; lock: 'mheap' | 'spine'; reason: string }
  /** The P's page cache was refilled with a 64-page aligned group (bits = free pages taken). */
  | { type: 'pageCacheRefill'; p: number; base: number; pages: number; scavenged: number }
  /** A span's pages came from the P's page cache without the heap lock. */
  | { type: 'pageCacheAlloc'; p: number; npages: number; base: number; scav: number }
  /** Global page allocation: address-ordered first fit in the radix tree. */
  | { type: 'pageAlloc'; npages: number; base: number; scav: number; searchAddr: number; fast: boolean }
  /** Pages returned to the page allocator. */
  | { type: 'pageFree'; base: number; npages: number }
  /** mheap.grow: the heap takes `growth` more bytes (whole 4 MiB chunks). */
  | { type: 'heapGrow'; npages: number; ask: number; base: number; growth: number }
  /** A new 64 MiB heap arena registered in mheap.arenas. */
  | { type: 'newArena'; index: number; base: number }
  /** OS calls. */
  | { type: 'sysReserve'; addr: number; bytes: number }
  | { type: 'sysMap'; addr: number; bytes: number }
  | { type: 'sysUsed'; addr: number; bytes: number; scav: number }
  | { type: 'sysAllocOS'; bytes: number; what: string }
  /** The P's mspan struct cache was refilled from fixalloc (under the heap lock). */
  | { type: 'mspanCacheRefill'; p: number; count: number }
  /** mheap.allocSpan produced an in-use span. */
  | {
      type: 'allocSpan'
      base: number
      npages: number
      spanclass: number
      viaPageCache: boolean
      scav: number
      needzero: boolean
      nelems: number
      elemsize: number
    }
  /** A span's pages went back to the heap (mheap.freeSpan). */
  | { type: 'freeSpan'; base: number; npages: number; spanclass: number }
  /** A large object got its own span (mcache.allocLarge). */
  | { type: 'largeAlloc'; p: number; size: number; npages: number; span: number }
  /** mcache.releaseAll (e.g. ReadMemStats flushing every mcache). */
  | { type: 'releaseAll'; p: number; spans: number }
  /** A GC cycle starts (after finishing the previous sweep). */
  | { type: 'gcStart'; cycle: number; reason: 'heap' | 'forced' | 'freeOSMemory'; heapLive: number }
  /** Marking finished: what is live, and the next heap goal (Infinity with GOGC=off). */
  | {
      type: 'gcMarkDone'
      cycle: number
      markedObjects: number
      markedBytes: number
      heapGoal: number
      /** Objects pushed on the classic LIFO work list; spans queued and visited (Green Tea). */
      objectPushes: number
      spansQueued: number
      spanVisits: number
    }
  /** Marking: an object's mark bit was set (`inline`: in a Green Tea span's inline marks),
   *  found from a root, through a pointer, or as a P's current tiny block (gcMarkTinyAllocs). */
  | {
      type: 'markObject'
      addr: number
      span: number
      spanclass: number
      via: 'root' | 'pointer' | 'tiny'
      inline: boolean
    }
  /** Marking (classic path): a scan object went on the LIFO work list. */
  | { type: 'markObjectPush'; addr: number; span: number }
  /** Marking (classic path): an object was taken off the work list and scanned. */
  | { type: 'markObjectScan'; addr: number }
  /** Marking (Green Tea): a span went on the FIFO span queue; `queued` spans are now waiting. */
  | { type: 'markSpanQueued'; span: number; spanclass: number; queued: number }
  /** Marking (Green Tea): a span was taken off the queue; `scanned` objects (marks ∖ scans) were
   *  scanned together; `queued` spans still wait. */
  | { type: 'markSpanVisit'; span: number; spanclass: number; scanned: number; queued: number }
  /** A span was swept: `freed` objects freed, `live` kept; `freedSpan` when it went back to the heap. */
  | {
      type: 'sweepSpan'
      span: number
      spanclass: number
      npages: number
      freed: number
      live: number
      freedSpan: boolean
    }
  /** mheap.alloc ran the page reclaimer for `npages` pages: `fromCredit` of them came from pages
   *  freed earlier (reclaimCredit), then `chunks` chunks of 512 pages were looked through, where
   *  `spansSwept` spans with no marked object were swept, giving `pagesReclaimed` pages back to
   *  the heap; `credit` is left over; `done` once the whole heap has been looked through. */
  | {
      type: 'reclaim'
      npages: number
      fromCredit: number
      chunks: number
      spansSwept: number
      pagesReclaimed: number
      credit: number
      done: boolean
    }
  /** Every span of this cycle has been swept. */
  | { type: 'sweepDone'; pagesSwept: number }
  /** The scavenger returned pages to the OS (madvise). */
  | { type: 'sysUnused'; addr: number; bytes: number }

export type TraceEventType = TraceEvent['type']
export type TraceListener = (ev: TraceEvent) => void

/**
 * Cost counters: where the time would go in the real allocator. All cumulative since the
 * Runtime was created. Lock and atomic counts follow the Go code paths (which lock, which
 * atomic read-modify-write), not a measurement.
 */
export class Counters {
  /** Runtime.malloc calls that succeeded. */
  mallocs = 0
  zeroAllocs = 0
  /** Tiny allocations served from the current block. */
  tinyHits = 0
  /** nextFreeFast successes: the lock-free, atomic-free fast path. */
  nextFreeFast = 0
  /** mcache.nextFree calls (slow path in the cached span). */
  nextFree = 0
  /** allocCache reloads from allocBits. */
  allocCacheRefills = 0
  refills = 0
  cacheSpans = 0
  uncacheSpans = 0
  mcentralGrows = 0
  largeAllocs = 0
  releaseAlls = 0
  allocSpans = 0
  freeSpans = 0
  pageCacheAllocs = 0
  pageCacheRefills = 0
  pageAllocs = 0
  pageAllocFinds = 0
  heapGrows = 0
  mspanCacheRefills = 0
  /** mheap.lock acquisitions. */
  heapLocks = 0
  /** spanSet spineLock acquisitions (a new block of 512 entries). */
  spineLocks = 0
  /** Atomic read-modify-write operations on shared state (spanSet head/tail, sweepgen stores,
   *  consistent-stats sequence counters, pageInUse bits, zeroedBase). */
  atomics = 0
  /** The part of `atomics` done at the mcentral level: spanSet head/tail and block counters,
   *  sweepgen stores in uncacheSpan, the per-P stats flush of each span given back. The rest
   *  (heap statistics, pageInUse bits, zeroedBase, large-object stats) is the mheap level's. */
  centralAtomics = 0
  /** spanSet pushes and pops (mcentral's lock-free sets). */
  spanSetPushes = 0
  spanSetPops = 0
  /** Bytes cleared because the slot or span was not known to be zero (needzero). */
  bytesZeroed = 0
  /** Spans swept (by any sweeper). */
  spansSwept = 0
  /** Page reclaimer runs (mheap.alloc while sweeping) and the pages they gave back to the heap. */
  reclaims = 0
  pagesReclaimed = 0
  /** Scavenger releases (one sysUnused each). */
  scavengeSteps = 0
}
