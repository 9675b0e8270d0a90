// runtime.ts — class Runtime: one simulated Go process's allocator, behind the public contract.
//
// Holds what Go keeps in globals: mheap_ (MHeap), allp (the Ps with their mcaches and page
// caches), memstats/gcController counters (MStats), plus the simulated OS (SysMem), the cost
// counters and the trace listeners. Many Runtimes can coexist; none shares state with another.
//
// Public methods (see packages/core/README.md): malloc, spanOf, readMemStats, snapshot,
// subscribe, readCounters. Every public method validates its arguments before touching state
// and throws TypeError/RangeError naming the argument; malloc decides out-of-memory before it
// changes anything. So after any throw the Runtime is exactly as it was.
//
// Many Ps (costs.ts, sched.ts): readCounters().levels groups the counters by allocator level;
// the `cache` option 'shared' replaces the per-P mcaches by one cache behind one lock, for
// comparison.
//
// Seams for the GC (added separately in mgc.ts / mgcsweep.ts / mgcscavenge.ts): `sweeper`
// (mcentral.cacheSpan and uncacheSpan use it), `mheap_.sweepgen`, each span's `gcmarkBits`
// and `sweepgen`, `mheap_.freeSpan`, `PageCache.flush`, `MCache.releaseAll`, and the stats'
// `smallFreeCount`/`largeFree*`/`numGC`/`heapGoal`. The GC's roots and pointer edges are not
// kept here yet.

import { _PageSize } from './sizeclasses.ts'
import { type GoVersion, maxAlloc, maxSmallAllocSize } from './constants.ts'
import { mallocgc } from './malloc.ts'
import type { Sweeper } from './mcentral.ts'
import { MHeap } from './mheap.ts'
import { SysMem } from './mem.ts'
import { checkGoVersion, checkSize, describe } from './msize.ts'
import { type MemStats, MStats } from './mstats.ts'
import { spanStateNames, type SpanStateName } from './mspan.ts'
import { P } from './proc.ts'
import { Counters, type TraceEvent, type TraceListener } from './trace.ts'
import { type CacheMode, type CostLevels, checkCacheMode, costLevels } from './costs.ts'
import { type Snapshot, takeSnapshot } from './snapshot.ts'

export interface RuntimeOptions {
  /** Number of Ps, each with its own mcache and page cache (1..256, default 1). */
  gomaxprocs?: number
  /** Allocation rules: '1.21' (no allocation headers, 32768-byte cut-off) or '1.22' (default). */
  goVersion?: GoVersion
  /** Heap layout: only 'arenas' (Go 1.11+) for now. */
  layout?: 'arenas'
  /** Cap on in-use heap bytes (HeapInuse); a malloc that would exceed it fails with
   *  "runtime: out of memory". Default: none (the simulator's own cap of 64 GiB applies). */
  heapLimit?: number
  /** 'perP' (default, Go): one mcache per P, no lock. 'shared': every P allocates through one
   *  mcache behind one lock (a comparison mode; see costs.ts). */
  cache?: CacheMode
}

export interface MallocOptions {
  /** The object holds no pointers (Go: a pointer-free type). Default false. */
  noscan?: boolean
  /** Which P allocates (0..gomaxprocs−1). Default 0. */
  p?: number
}

/** spanOf's answer: a plain-data view of an mspan. */
export interface SpanInfo {
  base: number
  npages: number
  /** End of the last slot (for large spans: base + requested size). */
  limit: number
  spanclass: number
  sizeclass: number
  noscan: boolean
  elemsize: number
  nelems: number
  allocCount: number
  freeindex: number
  state: SpanStateName
  sweepgen: number
  needzero: boolean
  /** P whose mcache holds the span, or null. */
  cachedBy: number | null
}

/** Cost counters plus OS-call counters (plain data). */
export type CounterValues = { [K in keyof Counters]: Counters[K] } & {
  os: {
    reserveCalls: number
    reserveBytes: number
    mapCalls: number
    mapBytes: number
    usedCalls: number
    usedBytes: number
    unusedCalls: number
    unusedBytes: number
    allocOSCalls: number
    allocOSBytes: number
  }
  /** The same counters grouped by allocator level (costs.ts). */
  levels: CostLevels
}

/** Without a heapLimit the simulated heap may still not exceed this (keeps JS memory bounded). */
export const simulatorHeapCap = 64 * 2 ** 30

export class Runtime {
  readonly gomaxprocs: number
  readonly goVersion: GoVersion
  readonly layout: 'arenas'
  /** The heapLimit option, or null. */
  readonly heapLimit: number | null
  /** The cache option: 'perP' or 'shared'. */
  readonly cache: CacheMode

  // ---- internal state (not part of the public contract; documented for code cells) ----
  /** @internal Effective cap on HeapInuse. */
  readonly heapCap: number
  /** @internal Small/large cut-off for this goVersion (32760 or 32768). */
  readonly maxSmallSize: number
  /** @internal Go 1.22 allocation headers in force. */
  readonly allocHeaders: boolean
  /** @internal Go's mheap_. */
  readonly mheap_: MHeap
  /** @internal Go's allp. */
  readonly allp: P[]
  /** @internal memstats + gcController heap counters. */
  readonly memstats = new MStats()
  /** @internal The simulated OS. */
  readonly os = new SysMem()
  /** @internal Cost counters (read them with readCounters()). */
  readonly counters = new Counters()
  /** @internal The GC's sweeper, once installed (null: sweeping is never active). */
  sweeper: Sweeper | null = null
  /** @internal True while at least one listener is subscribed. */
  tracing = false
  private listeners: TraceListener[] = []

  constructor(options?: RuntimeOptions) {
    if (options !== undefined && (options === null || typeof options !== 'object'))
      throw new TypeError(`options must be an object, got ${describe(options)}`)
    const o = options ?? {}
    const gomaxprocs = o.gomaxprocs ?? 1
    if (typeof gomaxprocs !== 'number')
      throw new TypeError(`gomaxprocs must be an integer from 1 to 256, got ${describe(gomaxprocs)}`)
    if (!Number.isInteger(gomaxprocs) || gomaxprocs < 1 || gomaxprocs > 256)
      throw new RangeError(`gomaxprocs must be an integer from 1 to 256, got ${gomaxprocs}`)
    const goVersion = o.goVersion ?? '1.22'
    checkGoVersion(goVersion)
    const layout = o.layout ?? 'arenas'
    if (typeof layout !== 'string') throw new TypeError(`layout must be 'arenas', got ${describe(layout)}`)
    if (layout !== 'arenas')
      throw new RangeError(
        `layout must be 'arenas' (the 'legacy' layout is not implemented yet), got '${layout}'`,
      )
    const heapLimit = o.heapLimit ?? null
    if (heapLimit !== null) {
      if (typeof heapLimit !== 'number')
        throw new TypeError(
          `heapLimit must be a positive integer number of bytes, got ${describe(heapLimit)}`,
        )
      if (!Number.isInteger(heapLimit) || heapLimit <= 0 || heapLimit > maxAlloc)
        throw new RangeError(
          `heapLimit must be a positive integer number of bytes up to 2^48, got ${heapLimit}`,
        )
    }
    const cache = o.cache ?? 'perP'
    checkCacheMode(cache)
    this.gomaxprocs = gomaxprocs
    this.cache = cache
    this.goVersion = goVersion
    this.layout = layout
    this.heapLimit = heapLimit
    this.heapCap = heapLimit === null ? simulatorHeapCap : Math.min(heapLimit, simulatorHeapCap)
    this.maxSmallSize = maxSmallAllocSize(goVersion)
    this.allocHeaders = goVersion !== '1.21'
    this.mheap_ = new MHeap(this)
    this.allp = []
    for (let i = 0; i < gomaxprocs; i++) {
      this.allp.push(new P(i))
      if (i === 0 || cache === 'perP') this.mheap_.cachealloc.alloc() // Go: allocmcache for each P
    }
    if (cache === 'shared') {
      // Comparison mode (costs.ts): every P allocates through P 0's mcache. An own `malloc`
      // leaves the prototype's (the per-P fast path) untouched. A bad opts.p goes to the
      // prototype's malloc, which throws the usual error.
      const perP = this.malloc
      this.malloc = (size: number, opts?: MallocOptions): number => {
        if (opts === undefined || opts === null || typeof opts !== 'object')
          return perP.call(this, size, opts)
        const pp = opts.p
        if (pp !== undefined && (typeof pp !== 'number' || pp >>> 0 !== pp || pp >= this.gomaxprocs))
          return perP.call(this, size, opts)
        return perP.call(this, size, { noscan: opts.noscan, p: 0 })
      }
    }
  }

  /**
   * Allocate `size` bytes like mallocgc and return the object's address. noscan sizes 1..15
   * share 16-byte tiny blocks; pointerful objects > 512 B get a malloc header in 1.22 (the
   * address returned is slot + 8).
   */
  malloc(size: number, opts?: MallocOptions): number {
    let noscan = false
    let p = 0
    if (opts !== undefined) {
      if (opts === null || typeof opts !== 'object')
        throw new TypeError(`opts must be an object, got ${describe(opts)}`)
      const ns = opts.noscan
      if (ns !== undefined) {
        if (typeof ns !== 'boolean') throw new TypeError(`opts.noscan must be a boolean, got ${describe(ns)}`)
        noscan = ns
      }
      const pp = opts.p
      if (pp !== undefined) {
        if (typeof pp !== 'number')
          throw new TypeError(
            `opts.p must be a P index from 0 to ${this.gomaxprocs - 1}, got ${describe(pp)}`,
          )
        if (pp >>> 0 !== pp || pp >= this.gomaxprocs)
          throw new RangeError(`opts.p must be a P index from 0 to ${this.gomaxprocs - 1}, got ${pp}`)
        p = pp
      }
    }
    if (typeof size !== 'number' || size >>> 0 !== size) checkSize(size, 'size')
    return mallocgc(this, size, noscan, p)
  }

  /**
   * The in-use span holding address p, as plain data, or null when p is not inside an in-use
   * span (Go: spanOfHeap, by pages).
   */
  spanOf(p: number): SpanInfo | null {
    checkSize(p, 'p')
    const s = this.mheap_.spanOfHeap(p)
    if (s === null) return null
    return {
      base: s.startAddr,
      npages: s.npages,
      limit: s.limit,
      spanclass: s.spanclass,
      sizeclass: s.spanclass >>> 1,
      noscan: (s.spanclass & 1) !== 0,
      elemsize: s.elemsize,
      nelems: s.nelems,
      allocCount: s.allocCount,
      freeindex: s.freeindex,
      state: spanStateNames[s.state],
      sweepgen: s.sweepgen,
      needzero: s.needzero !== 0,
      cachedBy: s.cachedBy >= 0 ? s.cachedBy : null,
    }
  }

  /** Like runtime.ReadMemStats: flush every P's mcache (releaseAll), then compute MemStats. */
  readMemStats(): MemStats {
    for (const pp of this.allp) pp.mcache.releaseAll(this)
    const h = this.mheap_
    return this.memstats.compute({
      mspanInuse: h.spanalloc.inuse,
      mspanSys: h.spanalloc.sys,
      mcacheInuse: h.cachealloc.inuse,
      mcacheSys: h.cachealloc.sys,
    })
  }

  /** The whole allocator state as plain, structured-clone-safe data. Changes nothing. */
  snapshot(): Snapshot {
    return takeSnapshot(this)
  }

  /** Cost and OS-call counters as plain data. */
  readCounters(): CounterValues {
    const os = this.os
    return {
      ...this.counters,
      os: {
        reserveCalls: os.reserveCalls,
        reserveBytes: os.reserveBytes,
        mapCalls: os.mapCalls,
        mapBytes: os.mapBytes,
        usedCalls: os.usedCalls,
        usedBytes: os.usedBytes,
        unusedCalls: os.unusedCalls,
        unusedBytes: os.unusedBytes,
        allocOSCalls: os.allocOSCalls,
        allocOSBytes: os.allocOSBytes,
      },
      levels: costLevels(this.counters, this.cache),
    }
  }

  /** Receive every TraceEvent synchronously; returns the unsubscribe function. */
  subscribe(listener: TraceListener): () => void {
    if (typeof listener !== 'function')
      throw new TypeError(`listener must be a function, got ${describe(listener)}`)
    this.listeners = [...this.listeners, listener]
    this.tracing = true
    let done = false
    return () => {
      if (done) return
      done = true
      const i = this.listeners.indexOf(listener)
      if (i >= 0) this.listeners = [...this.listeners.slice(0, i), ...this.listeners.slice(i + 1)]
      this.tracing = this.listeners.length > 0
    }
  }

  /** @internal Deliver an event to the listeners (call sites check `tracing` first). */
  emit(ev: TraceEvent): void {
    const ls = this.listeners
    for (let i = 0; i < ls.length; i++) ls[i](ev)
  }

  /** Bytes per runtime page (8192), for convenience. */
  get pageSize(): number {
    return _PageSize
  }
}
