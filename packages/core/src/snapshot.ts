// snapshot.ts — the allocator's whole state as plain data.
//
// Figures and code cells draw only from snapshots and trace events, never from live objects.
// Everything here is numbers, strings, booleans, null, arrays, plain objects and Uint8Arrays:
// structured-clone-safe (postMessage to/from a Worker) and comparable with deep equality.
// 64-bit masks (allocCache, page-cache masks) are given as 16-digit hex strings, most
// significant digit first, like Go would print them with %016x.

import { usesInlineMarkBits } from './constants.ts'
import type { Runtime } from './runtime.ts'
import { emptymspan } from './mcache.ts'
import { reclaimDone } from './mheap.ts'
import type { MSpan, SpanStateName } from './mspan.ts'
import { spanStateNames } from './mspan.ts'
import { chunkBase, levelLogPages } from './mpagealloc.ts'
import type { RawStats } from './mstats.ts'
import type { CounterValues, SpanInfo } from './runtime.ts'
import type { SpanSetName } from './trace.ts'
import type { AddrRange } from './mem.ts'
import type { LegacySnapshot } from './legacy.ts'

export interface SpanSnapshot {
  base: number
  npages: number
  limit: number
  spanclass: number
  sizeclass: number
  noscan: boolean
  elemsize: number
  nelems: number
  allocCount: number
  freeindex: number
  /** 16 hex digits: bit 0 (rightmost) = slot freeindex; 1 = free. */
  allocCache: string
  /** ceil(nelems/64) × 8 bytes; bit k of byte b = slot 8b + k; 1 = allocated at last sweep. */
  allocBits: Uint8Array
  /** Set by the mark phase (classic path); becomes allocBits when the span is swept. */
  gcmarkBits: Uint8Array
  /** Green Tea (spans of 16–512-byte objects): the inline marks kept at the span's end until it
   *  is swept (then they join gcmarkBits); null for spans without inline bits. An object is
   *  marked when its bit is set in gcmarkBits or in inlineMarks. */
  inlineMarks: Uint8Array | null
  /** Simulator: 1 = the program still references an object in the slot (same layout). */
  rootBits: Uint8Array
  /** Tiny span class: per 16-byte block, a mask of referenced tiny-object offsets; else null. */
  tinyRoots: number[] | null
  /** Objects in the span holding stored pointers. */
  ptrObjs: number
  state: SpanStateName
  sweepgen: number
  needzero: boolean
  /** P whose mcache holds the span, or null. */
  cachedBy: number | null
  /** mcentral set holding the span, or null. */
  list: SpanSetName | null
}

export interface PSnapshot {
  id: number
  mcache: {
    tiny: number
    tinyoffset: number
    tinyAllocs: number
    /** Cached spans: span class → span base (only classes with a real span). */
    alloc: { spanclass: number; span: number }[]
  }
  pcache: { base: number; pages: number; cache: string; scav: string }
  mspancache: number
}

export interface Snapshot {
  goVersion: string
  greenTea: boolean
  heapBase: 'randomized' | 'fixed'
  seed: number
  /** Randomized heap base: the pages marked allocated and scavenged below the first object. */
  randomPadding: { base: number; npages: number } | null
  gomaxprocs: number
  layout: 'arenas' | 'legacy'
  heapLimit: number | null
  /** The cache option ('perP' or 'shared'). */
  cache: 'perP' | 'shared'
  sweepgen: number
  arenas: { index: number; base: number; zeroedBase: number }[]
  curArena: { base: number; end: number }
  /** Next heap arena hint address (Go: mheap_.arenaHints head). */
  nextArenaHint: number
  /** Every in-use span, by address. */
  spans: SpanSnapshot[]
  ps: PSnapshot[]
  /** Non-empty mcentral sets, by span class; each list holds span bases, oldest first. */
  mcentral: {
    spanclass: number
    partialSwept: number[]
    partialUnswept: number[]
    fullSwept: number[]
    fullUnswept: number[]
  }[]
  pageAlloc: {
    searchAddr: number
    start: number
    end: number
    inUse: { base: number; limit: number }[]
    chunks: { index: number; base: number; alloc: Uint8Array; scavenged: Uint8Array }[]
    /** Non-zero summaries per level (level 4 = one per chunk). */
    summaries: { level: number; index: number; pages: number; start: number; max: number; end: number }[]
  }
  os: { reserved: AddrRange[]; mapped: AddrRange[]; readyBytes: number }
  /** Layout 'legacy' only (else null): Go 1.10's arena_* watermarks and metadata mappings. */
  legacy: LegacySnapshot | null
  stats: RawStats
  counters: CounterValues
  gc: GCSnapshot
}

/** The collector's state: pacing, sweeping, scavenging, and the stored pointers. */
export interface GCSnapshot {
  /** GOGC, or 'off'. */
  gogc: number | 'off'
  /** The soft memory limit in bytes (GOMEMLIMIT), or 'off'. */
  memoryLimit: number | 'off'
  numGC: number
  /** Heap goal for the next cycle: the smaller of the GOGC goal and the memory-limit goal, as
   *  it stands now (Infinity with GOGC=off and no limit). */
  heapGoal: number
  /** The GOGC goal alone (Go: gcPercentHeapGoal; Infinity with GOGC=off). */
  gcPercentHeapGoal: number
  /** The memory-limit goal now (Go: memoryLimitHeapGoal), or null without a limit. */
  memoryLimitHeapGoal: number | null
  /** Mapped memory not released, as the simulator counts it (Go: mappedReady; what the limit is
   *  about). */
  mappedReady: number
  /** Bytes marked by the last cycle. */
  heapMarked: number
  /** Pacer's live-heap estimate (heapLive). */
  heapLive: number
  /** Unswept spans remain (sweeping is in progress). */
  sweepActive: boolean
  pagesSwept: number
  sweepPagesPerByte: number
  /** Spans swept by the background sweeper, by allocation (credit), at GC start. */
  bgSweeps: number
  allocSweeps: number
  pauseSweeps: number
  /** Page reclaimer: the next page index (over the arenas the sweep began with) it will look at,
   *  or null once it has looked through them all (and before the first cycle); its credit in
   *  pages. */
  reclaimIndex: number | null
  reclaimCredit: number
  /** The background scavenger's retained-heap goal, or null when it has none. */
  scavengeGoal: number | null
  /** The background scavenger's mapped-memory goal under a memory limit (95% of it), or null
   *  when it has none (no limit, or already below it at the last pacing). */
  scavengeLimitGoal: number | null
  /** HeapInuse + free backed pages. */
  retained: number
  bgReleased: number
  forcedReleased: number
  /** Bytes released by allocations to stay under the memory limit (allocSpan's scavenging). */
  assistReleased: number
  /** Every stored pointer: object slot, byte offset from the slot, target address. */
  pointers: { slot: number; offset: number; target: number }[]
}

export function hex64(lo: number, hi: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0')
}

function bytesOf(words: Uint32Array, nwords = words.length): Uint8Array {
  return new Uint8Array(words.buffer, words.byteOffset, nwords * 4).slice()
}

/** 32-bit words of a span's bitmaps: ceil(nelems/64) × 2. */
const bitWords = (s: MSpan): number => ((s.nelems + 63) >>> 6) * 2

export function spanSnapshot(rt: Runtime, s: MSpan): SpanSnapshot {
  const h = rt.mheap_
  let list: SpanSetName | null = null
  if (s.list >= 0) {
    const c = h.central[s.list >>> 2]
    const k = s.list & 3
    list = c.setName(k < 2 ? c.partial[k] : c.full[k - 2], h.sweepgen)
  }
  const inline = rt.greenTea && s.spanclass >>> 1 !== 0 && usesInlineMarkBits(s.elemsize)
  return {
    ...spanShape(s),
    allocCache: hex64(s.allocCacheLo, s.allocCacheHi),
    allocBits: bytesOf(s.allocBits, bitWords(s)),
    gcmarkBits: bytesOf(s.gcmarkBits, bitWords(s)),
    inlineMarks: inline ? bytesOf(s.inlineMarks, bitWords(s)) : null,
    rootBits: bytesOf(s.rootBits, bitWords(s)),
    tinyRoots: s.tinyRoots === null ? null : Array.from(s.tinyRoots),
    ptrObjs: s.ptrObjs,
    ...spanStatus(s),
    list,
  }
}

/** What Runtime.spanOf reports of a span: spanShape and spanStatus, the snapshot's fields without
 *  the bitmaps and the set it is in. */
export function spanInfo(s: MSpan): SpanInfo {
  return { ...spanShape(s), ...spanStatus(s) }
}

/** Where a span is and how it is cut (the first fields of SpanInfo and SpanSnapshot). */
function spanShape(s: MSpan) {
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
  }
}

/** The span's state, sweep generation, zeroing need and the P caching it. */
function spanStatus(s: MSpan) {
  return {
    state: spanStateNames[s.state],
    sweepgen: s.sweepgen,
    needzero: s.needzero !== 0,
    cachedBy: s.cachedBy >= 0 ? s.cachedBy : null,
  }
}

export function takeSnapshot(rt: Runtime): Snapshot {
  const h = rt.mheap_
  const spans = [...h.allspans].sort((a, b) => a.startAddr - b.startAddr).map((s) => spanSnapshot(rt, s))
  const ps: PSnapshot[] = rt.allp.map((pp) => {
    const alloc: { spanclass: number; span: number }[] = []
    pp.mcache.alloc.forEach((s, spc) => {
      if (s !== emptymspan) alloc.push({ spanclass: spc, span: s.startAddr })
    })
    const c = pp.pcache
    return {
      id: pp.id,
      mcache: {
        tiny: pp.mcache.tiny,
        tinyoffset: pp.mcache.tinyoffset,
        tinyAllocs: pp.mcache.tinyAllocs,
        alloc,
      },
      pcache: {
        base: c.base,
        pages: c.pages(),
        cache: hex64(c.cacheLo, c.cacheHi),
        scav: hex64(c.scavLo, c.scavHi),
      },
      mspancache: pp.mspancache,
    }
  })
  const sg = h.sweepgen
  const mcentral: Snapshot['mcentral'] = []
  for (const c of h.central) {
    const e = {
      spanclass: c.spanclass,
      partialSwept: c
        .partialSwept(sg)
        .spans()
        .map((s) => s.startAddr),
      partialUnswept: c
        .partialUnswept(sg)
        .spans()
        .map((s) => s.startAddr),
      fullSwept: c
        .fullSwept(sg)
        .spans()
        .map((s) => s.startAddr),
      fullUnswept: c
        .fullUnswept(sg)
        .spans()
        .map((s) => s.startAddr),
    }
    if (e.partialSwept.length + e.partialUnswept.length + e.fullSwept.length + e.fullUnswept.length > 0)
      mcentral.push(e)
  }
  const pa = h.pages
  const chunks = [...pa.chunks.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([index, d]) => ({
      index,
      base: chunkBase(index),
      alloc: bytesOf(d.pallocBits),
      scavenged: bytesOf(d.scavenged),
    }))
  const summaries: Snapshot['pageAlloc']['summaries'] = []
  pa.levels.forEach((m, level) => {
    const keys = [...m.keys()].sort((a, b) => a - b)
    for (const k of keys) {
      const b = m.get(k) as Uint32Array
      for (let e = 0; e < 8; e++) {
        const o = e * 3
        if (b[o] === 0 && b[o + 1] === 0 && b[o + 2] === 0) continue
        summaries.push({
          level,
          index: k * 8 + e,
          pages: 2 ** levelLogPages[level],
          start: b[o],
          max: b[o + 1],
          end: b[o + 2],
        })
      }
    }
  })
  return {
    goVersion: rt.goVersion,
    greenTea: rt.greenTea,
    heapBase: rt.heapBase,
    seed: rt.seed,
    randomPadding: rt.mheap_.randomPadding === null ? null : { ...rt.mheap_.randomPadding },
    gomaxprocs: rt.gomaxprocs,
    layout: rt.layout,
    heapLimit: rt.heapLimit,
    cache: rt.cache,
    sweepgen: sg,
    arenas: (h.legacy !== null ? [] : h.allArenas).map((i) => {
      const a = h.arenas.get(i)!
      return { index: i, base: a.base, zeroedBase: a.zeroedBase }
    }),
    curArena: { base: h.curArena.base, end: h.curArena.end },
    nextArenaHint: h.arenaHints.length > 0 ? h.arenaHints[0].addr : 0,
    spans,
    ps,
    mcentral,
    pageAlloc: {
      searchAddr: pa.searchAddr,
      start: pa.start,
      end: pa.end,
      inUse: pa.inUse.map((r) => ({ ...r })),
      chunks,
      summaries,
    },
    os: {
      reserved: rt.os.reserved.map((r) => ({ ...r })),
      mapped: rt.os.mapped.map((r) => ({ ...r })),
      readyBytes: rt.os.readyBytes,
    },
    legacy: h.legacy === null ? null : h.legacy.snapshot(),
    stats: rt.memstats.raw(),
    counters: rt.readCounters(),
    gc: gcSnapshot(rt),
  }
}

function gcSnapshot(rt: Runtime): GCSnapshot {
  const g = rt.gcController
  const sw = g.sweep
  const sc = g.scavenger
  return {
    gogc: g.gcPercent < 0 ? 'off' : g.gcPercent,
    memoryLimit: g.memoryLimit === Infinity ? 'off' : g.memoryLimit,
    numGC: rt.memstats.numGC,
    heapGoal: g.heapGoal(),
    gcPercentHeapGoal: g.gcPercentHeapGoal,
    memoryLimitHeapGoal: g.memoryLimit === Infinity ? null : g.memoryLimitGoal(),
    mappedReady: g.mappedReady(),
    heapMarked: g.heapMarked,
    heapLive: rt.memstats.heapLive,
    sweepActive: sw.active(),
    pagesSwept: sw.pagesSwept,
    sweepPagesPerByte: sw.sweepPagesPerByte,
    bgSweeps: sw.nbgsweep,
    allocSweeps: sw.nallocsweep,
    pauseSweeps: sw.npausesweep,
    reclaimIndex: rt.mheap_.reclaimIndex >= reclaimDone ? null : rt.mheap_.reclaimIndex,
    reclaimCredit: rt.mheap_.reclaimCredit,
    scavengeGoal: Number.isFinite(sc.gcPercentGoal) ? sc.gcPercentGoal : null,
    scavengeLimitGoal: Number.isFinite(sc.memoryLimitGoal) ? sc.memoryLimitGoal : null,
    retained: sc.retained(),
    bgReleased: sc.bgReleased,
    forcedReleased: sc.forcedReleased,
    assistReleased: sc.assistReleased,
    pointers: rt.ptrs.entries(),
  }
}
