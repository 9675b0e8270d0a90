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
// The rest of the heap's life: what the program still references (roots, set by malloc and
// cleared by drop) and the pointers it stored (writePointer) live in heapgraph.ts; gc() runs a
// cycle of mgc.ts (mark, then sweep via mgcsweep.ts); the scavenger (mgcscavenge.ts) gives
// free pages back to the OS; with GOGC on or a memory limit set, cycles also start by themselves
// at the heap goal (setGCPercent, setMemoryLimit).
//
// Many Ps (costs.ts, sched.ts): readCounters().levels groups the counters by allocator level;
// the `cache` option 'shared' replaces the per-P mcaches by one cache behind one lock, for
// comparison.

import { _PageSize } from './sizeclasses.ts'
import {
  defaultGoVersion,
  type GoVersion,
  greenTeaDefault,
  hasAllocHeaders,
  maxAlloc,
  maxSmallAllocSize,
  randomizedHeapBaseDefault,
} from './constants.ts'
import { mallocgc } from './malloc.ts'
import { GCController, type GCResult } from './mgc.ts'
import {
  findRoot,
  dropRoot,
  findSlot,
  PtrStore,
  pointerBytes,
  slotLive,
  spanHasHeaders,
  type ObjectRef,
} from './heapgraph.ts'
import type { Sweeper } from './mcentral.ts'
import { zerobase } from './constants.ts'
import { hex } from './mem.ts'
import { MHeap } from './mheap.ts'
import { SysMem } from './mem.ts'
import { checkGoVersion, checkGreenTea, checkSize, describe, spanCapacities } from './msize.ts'
import { type MemStats, MStats } from './mstats.ts'
import type { SpanStateName } from './mspan.ts'
import { P } from './proc.ts'
import { Counters, type TraceEvent, type TraceListener } from './trace.ts'
import { type CacheMode, type CostLevels, checkCacheMode, costLevels } from './costs.ts'
import { type Snapshot, spanInfo, takeSnapshot } from './snapshot.ts'

export interface RuntimeOptions {
  /** Number of Ps, each with its own mcache and page cache (1..256, default 1). */
  gomaxprocs?: number
  /** The Go release whose rules to follow: '1.21' … '1.27' (default: the newest, '1.27'). Rules
   *  change at 1.22 (allocation headers), 1.24 (mallocgc split), 1.26 (Green Tea, randomized heap
   *  base) and 1.27 (size-specialised malloc); see constants.ts. */
  goVersion?: GoVersion
  /** Green Tea GC (inline mark bits in spans of 16–512-byte objects, span-queue marking).
   *  Default: on from 1.26; `false` is like GOEXPERIMENT=nogreenteagc, `true` on 1.25 like
   *  GOEXPERIMENT=greenteagc. */
  greenTea?: boolean
  /** Where the heap starts (layout 'arenas'): 'randomized' (default from 1.26, as Go draws it at
   *  start-up) or 'fixed' (the first arena at 0xc000000000, like
   *  GOEXPERIMENT=norandomizedheapbase64; always so before 1.26). */
  heapBase?: HeapBase
  /** Seeds every random choice (the heap base): same options and calls → same addresses.
   *  A non-negative safe integer; default 1. */
  seed?: number
  /** Heap layout: 'arenas' (Go 1.11+ 64 MiB heap arenas, default) or 'legacy' (Go 1.7–1.10: one
   *  reservation laid out as spans 512 MiB | bitmap 16 GiB | arena 512 GiB; see legacy.ts). */
  layout?: HeapLayout
  /** Cap on in-use heap bytes (HeapInuse); a malloc that would exceed it fails with
   *  "runtime: out of memory". Default: none (the simulator's own cap of 64 GiB applies). */
  heapLimit?: number
  /** GOGC: collect when the heap reaches (1 + gogc/100) × the live heap of the last GC (at
   *  least 4 MiB × gogc/100); 'off' never collects by itself. Default 100. */
  gogc?: number | 'off'
  /** GOMEMLIMIT: a soft limit in bytes on the memory the runtime has mapped and not released
   *  (an integer ≥ 0, at most 2^53 − 1), or 'off' (default; Go's math.MaxInt64). The heap goal
   *  becomes the smaller of the GOGC goal and a goal derived from the limit, the scavenger aims
   *  at 95% of it and allocation scavenges to stay under it; with gogc 'off' the limit alone
   *  starts collections. */
  memoryLimit?: number | 'off'
  /** 'perP' (default, Go): one mcache per P, no lock. 'shared': every P allocates through one
   *  mcache behind one lock (a comparison mode; see costs.ts). */
  cache?: CacheMode
}

/** freeOSMemory's answer: the collection it ran and the bytes it returned to the OS. */
export interface FreeOSMemoryResult extends GCResult {
  released: number
}

/** Options of Runtime.gc. */
export interface GCOptions {
  /** 'full' (default, like runtime.GC): sweep every span before returning. 'lazy': leave the
   *  spans unswept, as after a cycle the heap's growth triggered. */
  sweep?: 'full' | 'lazy'
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

/** The heap layouts the simulator follows. */
export type HeapLayout = 'arenas' | 'legacy'
/** Where the first heap arena goes (Go 1.26+ randomizes it). */
export type HeapBase = 'randomized' | 'fixed'

/** The option names Runtime accepts. */
const runtimeOptionNames: readonly string[] = [
  'gomaxprocs',
  'goVersion',
  'greenTea',
  'heapBase',
  'seed',
  'layout',
  'heapLimit',
  'gogc',
  'memoryLimit',
  'cache',
]

/** Without a heapLimit the simulated heap may still not exceed this (keeps JS memory bounded). */
export const simulatorHeapCap = 64 * 2 ** 30

export class Runtime {
  readonly gomaxprocs: number
  readonly goVersion: GoVersion
  /** Green Tea GC in force (inline mark bits, span-queue marking). */
  readonly greenTea: boolean
  /** Where the heap starts: 'randomized' or 'fixed'. */
  readonly heapBase: HeapBase
  /** The seed of the runtime's random choices. */
  readonly seed: number
  readonly layout: HeapLayout
  /** The heapLimit option, or null. */
  readonly heapLimit: number | null
  /** The cache option: 'perP' or 'shared'. */
  readonly cache: CacheMode

  // ---- internal state (not part of the public contract; documented for code cells) ----
  /** @internal Effective cap on HeapInuse. */
  readonly heapCap: number
  /** @internal Small/large cut-off for this goVersion (32760 or 32768). */
  readonly maxSmallSize: number
  /** @internal Go 1.22+ allocation headers in force. */
  readonly allocHeaders: boolean
  /** @internal Objects per span of each span class under this release and Green Tea setting. */
  readonly spanNelems: Int32Array
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
  /** @internal The collector: pacing, mark, sweep state, scavenger. */
  readonly gcController: GCController
  /** @internal The GC's sweeper (mcentral uses it). */
  readonly sweeper: Sweeper
  /** @internal Pointers stored by writePointer. */
  readonly ptrs = new PtrStore()
  /** @internal True while at least one listener is subscribed. */
  tracing = false
  private listeners: TraceListener[] = []

  constructor(options?: RuntimeOptions) {
    if (options !== undefined && (options === null || typeof options !== 'object'))
      throw new TypeError(`options must be an object, got ${describe(options)}`)
    const o = options ?? {}
    for (const k of Object.keys(o))
      if (!runtimeOptionNames.includes(k))
        throw new RangeError(
          `options.${k} is not a Runtime option; accepted: ${runtimeOptionNames.join(', ')}`,
        )
    const gomaxprocs = o.gomaxprocs ?? 1
    if (typeof gomaxprocs !== 'number')
      throw new TypeError(`gomaxprocs must be an integer from 1 to 256, got ${describe(gomaxprocs)}`)
    if (!Number.isInteger(gomaxprocs) || gomaxprocs < 1 || gomaxprocs > 256)
      throw new RangeError(`gomaxprocs must be an integer from 1 to 256, got ${gomaxprocs}`)
    const goVersion = o.goVersion ?? defaultGoVersion
    checkGoVersion(goVersion)
    const greenTea = o.greenTea ?? greenTeaDefault(goVersion)
    checkGreenTea(greenTea, goVersion)
    const layout = o.layout ?? 'arenas'
    if (typeof layout !== 'string')
      throw new TypeError(`layout must be 'arenas' or 'legacy', got ${describe(layout)}`)
    if (layout !== 'arenas' && layout !== 'legacy')
      throw new RangeError(`layout must be 'arenas' or 'legacy', got '${layout}'`)
    const heapBase =
      o.heapBase ?? (layout === 'arenas' && randomizedHeapBaseDefault(goVersion) ? 'randomized' : 'fixed')
    if (typeof heapBase !== 'string')
      throw new TypeError(`heapBase must be 'randomized' or 'fixed', got ${describe(heapBase)}`)
    if (heapBase !== 'randomized' && heapBase !== 'fixed')
      throw new RangeError(`heapBase must be 'randomized' or 'fixed', got '${heapBase}'`)
    if (heapBase === 'randomized' && (layout !== 'arenas' || !randomizedHeapBaseDefault(goVersion)))
      throw new RangeError(
        `heapBase 'randomized' needs goVersion '1.26' or later and layout 'arenas' (got goVersion '${goVersion}', layout '${layout}')`,
      )
    const seed = o.seed ?? 1
    if (typeof seed !== 'number')
      throw new TypeError(`seed must be a non-negative safe integer, got ${describe(seed)}`)
    if (!Number.isSafeInteger(seed) || seed < 0)
      throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`)
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
    const gogc = o.gogc ?? 100
    checkGogc(gogc)
    const memoryLimit = o.memoryLimit ?? 'off'
    checkMemoryLimit(memoryLimit)
    const cache = o.cache ?? 'perP'
    checkCacheMode(cache)
    this.gomaxprocs = gomaxprocs
    this.cache = cache
    this.goVersion = goVersion
    this.greenTea = greenTea
    this.heapBase = heapBase
    this.seed = seed
    this.layout = layout
    this.heapLimit = heapLimit
    this.heapCap = heapLimit === null ? simulatorHeapCap : Math.min(heapLimit, simulatorHeapCap)
    this.maxSmallSize = maxSmallAllocSize(goVersion)
    this.allocHeaders = hasAllocHeaders(goVersion)
    this.spanNelems = spanCapacities(goVersion, greenTea).slice() // its own copy: state a restore may write
    this.mheap_ = new MHeap(this)
    this.gcController = new GCController(
      this,
      gogc === 'off' ? -1 : gogc,
      memoryLimit === 'off' ? Infinity : memoryLimit,
    )
    this.sweeper = this.gcController.sweep
    this.allp = []
    for (let i = 0; i < gomaxprocs; i++) {
      this.allp.push(new P(i))
      if (i === 0 || cache === 'perP') this.mheap_.cachealloc.alloc() // Go: allocmcache for each P
    }
    this.gcController.commit() // Go: gcController.init
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
    // The common call — an options object with both fields, a valid size — in as few bytecodes
    // as possible, so that V8 can inline the whole fast path, mallocgc's included, into the
    // caller's loop. Anything else is validated field by field in mallocChecked.
    if (typeof opts === 'object' && opts !== null) {
      const ns = opts.noscan
      const pp = opts.p
      if (
        typeof ns === 'boolean' &&
        typeof pp === 'number' &&
        pp >>> 0 === pp &&
        pp < this.gomaxprocs &&
        typeof size === 'number' &&
        size >>> 0 === size
      )
        return mallocgc(this, size, ns, pp)
      return +mallocChecked(this, size, opts, ns, pp)
    }
    // The unary + (on a number, nothing) tells the optimizing compiler the result is a number,
    // so where malloc is inlined the fast path's address needs no heap-allocated box.
    return +mallocChecked(this, size, opts, undefined, undefined)
  }

  /**
   * The program no longer references the object at addr (what malloc returned). It stays
   * allocated until a collection finds nothing else pointing at it. Dropping the zero-size
   * base address is allowed and does nothing.
   */
  drop(addr: number): void {
    // Fast path: what malloc returned for a non-tiny object in the arena looked at last, that
    // the program still references — integer arithmetic on offsets below 2^26, no lookups.
    // Anything else (bad input, another arena, tiny objects, errors) takes the checked path.
    // Kept small so that V8 can inline it (with malloc's fast path) into the caller's loop:
    // hence the literals — heapArenaBytes = 2^26, mSpanInUse = 1, tinySpanClass = 5, 2^13-byte
    // pages, mallocHeaderSize = 8 (a module constant costs more bytecode than a literal).
    const ha = this.mheap_.lastArena
    if (ha !== null) {
      const off = addr - ha.base // NaN or a non-number fails every test below
      const s = off >= 0 && off < 67108864 ? ha.spans[off >>> 13] : null
      if (s !== null && s.state === 1 && s.spanclass !== 5) {
        const d = addr - s.startAddr // |d| < 2^26: the shift below does not wrap
        const i = ((d * s.divMul) / 4294967296) | 0 // objIndex; divMul 0 (large) → 0
        const bit = 1 << (i & 31)
        // spanHasHeaders(this, s), written out: a pointerful small span of objects > 512 B.
        const hdr = s.elemsize > 512 && (s.spanclass & 1) === 0 && s.spanclass !== 0 && this.allocHeaders
        if (
          d >>> 13 < s.npages &&
          i < s.nelems &&
          addr === s.startAddr + i * s.elemsize + (hdr ? 8 : 0) &&
          (s.rootBits[i >>> 5] & bit) !== 0
        ) {
          s.rootBits[i >>> 5] &= ~bit
          return
        }
      }
    }
    dropChecked(this, addr)
  }

  /**
   * Store in the pointerful object `obj` (what malloc returned), at byte `offset`, a pointer to
   * `target` — an address inside a live object, or 0 for nil (clearing the word). Every 8-byte
   * word of a pointerful object may hold a pointer (the simulator knows no types).
   */
  writePointer(obj: number, offset: number, target: number): void {
    checkAddr(obj, 'obj')
    checkAddr(offset, 'offset')
    checkAddr(target, 'target')
    const o = this.liveObject(obj, 'obj')
    const s = o.span
    const pb = pointerBytes(this, s)
    if (pb === 0)
      throw new RangeError(
        `obj ${hex(obj)} is a noscan object (allocated with noscan: true): it holds no pointers`,
      )
    if (offset % 8 !== 0)
      throw new RangeError(`offset must be a multiple of 8 (pointers are aligned words), got ${offset}`)
    if (offset + 8 > pb)
      throw new RangeError(
        `offset ${offset} is outside obj ${hex(obj)}: its pointer words are at offsets 0..${pb - 8}`,
      )
    if (target !== 0) {
      const t = findSlot(this, target)
      if (t === null || !slotLive(this, t.span, t.index))
        throw new RangeError(`target ${hex(target)} is not inside a live object (use 0 for nil)`)
    }
    const d = this.ptrs.set(o.slot, obj - o.slot + offset, target)
    s.ptrObjs += d
  }

  /** The pointer stored in obj at offset (0 = nil). */
  readPointer(obj: number, offset: number): number {
    checkAddr(obj, 'obj')
    checkAddr(offset, 'offset')
    const o = this.liveObject(obj, 'obj')
    if (offset % 8 !== 0) throw new RangeError(`offset must be a multiple of 8, got ${offset}`)
    return this.ptrs.get(o.slot, obj - o.slot + offset)
  }

  /** A live object's slot, for writePointer/readPointer (obj must be what malloc returned). */
  private liveObject(obj: number, name: string): ObjectRef {
    const o = findSlot(this, obj)
    if (o === null || !slotLive(this, o.span, o.index))
      throw new RangeError(`${name} ${hex(obj)} is not a live object`)
    const start = spanHasHeaders(this, o.span) ? o.slot + 8 : o.slot
    if (obj !== start && o.span.spanclass !== 5)
      throw new RangeError(`${name} ${hex(obj)} is inside the object at ${hex(start)}, not its start`)
    return o
  }

  /**
   * A full collection, like runtime.GC: finish the previous sweep, mark from what the program
   * still references, then sweep every span before returning. With `{ sweep: 'lazy' }`, the
   * cycle a growing heap triggers instead (reason 'heap', not counted in numForcedGC): the spans
   * are left unswept, for allocation and the background sweeper to sweep.
   */
  gc(opts?: GCOptions): GCResult {
    return this.gcController.start(0, checkGCOptions(opts) === 'lazy' ? 'heap' : 'forced')
  }

  /** Like runtime/debug.FreeOSMemory: collect, then return every free page to the OS. */
  freeOSMemory(): FreeOSMemoryResult {
    const r = this.gcController.start(0, 'freeOSMemory')
    const released = this.gcController.scavenger.releaseAll()
    return { ...r, released }
  }

  /** Like debug.SetGCPercent: set GOGC (a number ≥ 0, or 'off'); returns the previous setting. */
  setGCPercent(gogc: number | 'off'): number | 'off' {
    checkGogc(gogc)
    const g = this.gcController
    const prev = g.gcPercent < 0 ? 'off' : g.gcPercent
    g.gcPercent = gogc === 'off' ? -1 : gogc
    g.commit()
    return prev
  }

  /** Memory mapped and not released now (Go's mappedReady, what the memory limit is about; the
   *  snapshot's gc.mappedReady). Reads counters only: cheap enough to call after every malloc. */
  mappedReady(): number {
    return this.gcController.mappedReady()
  }

  /**
   * Like debug.SetMemoryLimit: set the soft memory limit (bytes, an integer ≥ 0, or 'off');
   * returns the previous setting. Recomputes the heap goal and the scavenger's goals (Go's
   * gcControllerCommit); the next allocation slow path may then start a collection.
   */
  setMemoryLimit(memoryLimit: number | 'off'): number | 'off' {
    checkMemoryLimit(memoryLimit)
    const g = this.gcController
    const prev = g.memoryLimit === Infinity ? 'off' : g.memoryLimit
    const next = memoryLimit === 'off' ? Infinity : memoryLimit
    if (next === g.memoryLimit) return prev // Go: no change, no commit
    g.memoryLimit = next
    g.commit()
    return prev
  }

  /** Give the background sweeper and scavenger `n` turns (one span / one 64 KiB step each). */
  background(n = 1): { swept: number; released: number } {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
      throw new RangeError(`n must be a non-negative integer, got ${describe(n)}`)
    let swept = 0
    let released = 0
    for (let i = 0; i < n; i++) {
      const t = this.gcController.backgroundTurn()
      if (t.swept) swept++
      released += t.released
    }
    return { swept, released }
  }

  /**
   * The in-use span holding address p, as plain data, or null when p is not inside an in-use
   * span (Go: spanOfHeap, by pages).
   */
  spanOf(p: number): SpanInfo | null {
    checkSize(p, 'p')
    const s = this.mheap_.spanOfHeap(p)
    return s === null ? null : spanInfo(s)
  }

  /** Like runtime.ReadMemStats: flush every P's mcache (releaseAll), then compute MemStats. */
  readMemStats(): MemStats {
    for (const pp of this.allp) pp.mcache.releaseAll(this)
    const h = this.mheap_
    this.memstats.heapGoal = this.gcController.heapGoal() // NextGC: the goal now (Go: heapGoal())
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

/** malloc with every argument checked; `ns` and `pp` are opts.noscan and opts.p as read. */
function mallocChecked(rt: Runtime, size: number, opts: unknown, ns: unknown, pp: unknown): number {
  let noscan = false
  let p = 0
  if (opts !== undefined) {
    if (opts === null || typeof opts !== 'object')
      throw new TypeError(`opts must be an object, got ${describe(opts)}`)
    if (ns !== undefined) {
      if (typeof ns !== 'boolean') throw new TypeError(`opts.noscan must be a boolean, got ${describe(ns)}`)
      noscan = ns
    }
    if (pp !== undefined) {
      if (typeof pp !== 'number')
        throw new TypeError(`opts.p must be a P index from 0 to ${rt.gomaxprocs - 1}, got ${describe(pp)}`)
      if (pp >>> 0 !== pp || pp >= rt.gomaxprocs)
        throw new RangeError(`opts.p must be a P index from 0 to ${rt.gomaxprocs - 1}, got ${pp}`)
      p = pp
    }
  }
  if (typeof size !== 'number' || size >>> 0 !== size) checkSize(size, 'size')
  return mallocgc(rt, size, noscan, p)
}

/** drop's checked path (kept out of drop so that V8 can inline drop's fast path). */
function dropChecked(rt: Runtime, addr: number): void {
  checkAddr(addr, 'addr')
  if (addr === zerobase) return
  const o = findRoot(rt, addr)
  if (typeof o === 'string') throw new RangeError(`addr ${hex(addr)} ${o}`)
  dropRoot(o, addr)
}

function checkAddr(v: unknown, name: string): asserts v is number {
  if (typeof v !== 'number')
    throw new TypeError(`${name} must be a non-negative integer address, got ${describe(v)}`)
  if (!Number.isInteger(v) || v < 0 || v > Number.MAX_SAFE_INTEGER)
    throw new RangeError(`${name} must be a non-negative integer address, got ${v}`)
}

const gcSweepModes = ['full', 'lazy'] as const

function checkGCOptions(opts: unknown): GCOptions['sweep'] {
  if (opts === undefined) return 'full'
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts))
    throw new TypeError(`opts must be an object like { sweep: 'lazy' }, got ${describe(opts)}`)
  for (const k of Object.keys(opts))
    if (k !== 'sweep') throw new RangeError(`opts.${k} is not a gc option (accepted: sweep)`)
  const sweep = (opts as GCOptions).sweep
  if (sweep === undefined) return 'full'
  if (!(gcSweepModes as readonly unknown[]).includes(sweep))
    throw new RangeError(`opts.sweep must be 'full' or 'lazy', got ${describe(sweep)}`)
  return sweep
}

function checkMemoryLimit(v: unknown): asserts v is number | 'off' {
  if (v === 'off') return
  if (typeof v !== 'number')
    throw new TypeError(
      `memoryLimit must be a non-negative integer number of bytes or 'off', got ${describe(v)}`,
    )
  if (!Number.isSafeInteger(v) || v < 0)
    throw new RangeError(
      `memoryLimit must be a non-negative integer number of bytes (at most 2^53 − 1) or 'off', got ${v}`,
    )
}

function checkGogc(v: unknown): asserts v is number | 'off' {
  if (v === 'off') return
  if (typeof v !== 'number')
    throw new TypeError(`gogc must be an integer from 0 to 1000000 or 'off', got ${describe(v)}`)
  if (!Number.isInteger(v) || v < 0 || v > 1e6)
    throw new RangeError(`gogc must be an integer from 0 to 1000000 or 'off', got ${v}`)
}

// V8 specializes optimized code to the hidden classes ("maps") of the objects it has seen, and
// holds those maps weakly: when the last object of a map dies, every function compiled against it
// is thrown away and compiled again. Many of the core's maps only appear once a field has held an
// address or a full 32-bit mask, so a program that makes a Runtime, drops it and makes another (a
// cell run again, each run of a benchmark) would pay for re-optimizing the allocator every time —
// measured: 24-byte malloc 32 → 18 ns, the mixed-size benchmark 450 → 155 ns a malloc with this.
// So one small runtime, taken once through the common paths (small and large spans, both kinds,
// a tiny block, a stored pointer, a collection with sweeping), lives as long as this module and
// keeps those maps, and the code compiled for them, alive. It costs a few milliseconds at load.
/** @internal The runtime that keeps the core's hidden classes alive (see above); never used. */
export const hiddenClassAnchor: Runtime = ((): Runtime => {
  const rt = new Runtime({ gogc: 100 })
  const opts = { noscan: false, p: 0 }
  const keep: number[] = []
  for (const size of [8, 24, 100, 600, 5000, 40000]) {
    for (let i = 0; i < 3; i++) keep.push(rt.malloc(size, opts))
    rt.writePointer(keep[keep.length - 1], 0, keep[keep.length - 2])
  }
  rt.malloc(5, { noscan: true, p: 0 })
  for (let i = 0; i < keep.length; i += 2) rt.drop(keep[i])
  rt.gc()
  return rt
})()
