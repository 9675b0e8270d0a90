// malloc.ts — mallocgc: the allocation path.
//
// Mirrors mallocgc in Go's src/runtime/malloc.go. Placement is the same in every release the
// simulator follows; what changes is the rules (allocation headers from 1.22, Green Tea span
// capacities from 1.26, both decided in msize.ts/mheap.ts) and the shape of Go's code: one
// mallocgc up to 1.23, five size/kind-specific functions from 1.24 (mallocgcTiny,
// mallocgcSmallNoscan, mallocgcSmallScanNoHeader, mallocgcSmallScanHeader, mallocgcLarge), and
// from 1.27 functions generated per size class for requests under 81 bytes. The trace's
// `malloc` event names the function a real allocation goes through (msize.ts mallocFunction).
// A Go runtime engineer should recognise every branch.
//
// Glossary (Go's names):
//   page      8 KiB, the unit of the page heap (independent of the 4 KiB OS page).
//   span      a run of pages cut into equal slots of one size class (mspan.ts).
//   size class  one of 67 slot sizes (plus class 0 = large); span class = class << 1 | noscan.
//   mcache    per-P cache with one span per span class (mcache.ts) — no locks.
//   mcentral  per-span-class sets of spans shared by all Ps (mcentral.ts) — lock-free sets.
//   mheap     the page heap: page allocator, arenas, growth (mheap.ts) — mheap.lock.
//   arena     64 MiB of address space with its metadata; the first at 0xc000000000.
//
// The path of mallocgc(size, noscan) on P `p`:
//   1. size 0 → &zerobase. Nothing is allocated or counted.
//   2. size ≤ 32760 (1.22; 32768 in 1.21):
//      a. noscan and size < 16 → tiny: align the P's tiny offset by the size (8 if size%8 = 0,
//         else 4, else 2), and if the object fits in the current 16-byte block, place it there —
//         no span, no bitmap. Otherwise take a new 16-byte slot from span class 5 (below) and
//         keep whichever block has more room left.
//      b. otherwise: pointerful objects > 512 B get an 8-byte type header (1.22); look up the
//         size class in size_to_class8/size_to_class128; span = mcache.alloc[spanclass];
//         nextFreeFast(span) — the fast path; if it declines, mcache.nextFree →
//         nextFreeIndex, and when the span is full, refill → mcentral.cacheSpan →
//         (partial swept set | sweep unswept | grow → mheap.alloc).
//   3. size > 32760 → large: mcache.allocLarge → mheap.alloc(ceil(size/8192) pages, class 0).
//   4. Zero the slot if the span may hold garbage (needzero). (Go also publishes freeindex as
//      freeIndexForScan for the concurrent GC; the simulator's GC runs with the world stopped.)
//
// Simplifications:
// - No GC assist credit, no heap profiling samples, no race/msan/asan hooks, no delayed
//   zeroing; memory contents are not simulated (zeroing is only counted in bytesZeroed).
// - After a refill or a large allocation the GC's turn comes (mgc.ts afterSlowPath): the
//   background sweeper and scavenger get one step each, then the trigger test (heapLive ≥ goal).
// - Failure is decided *before* any state changes (preflight below): Go throws a fatal
//   "out of memory"; we throw a catchable error and guarantee the Runtime is unchanged.

import { _PageSize } from './sizeclasses.ts'
import { classToNPagesT, classToSizeT, sizeToClass128T, sizeToClass8T, sizeToClassT } from './classtables.ts'
import {
  mallocHeaderSize,
  maxAlloc,
  maxTinySize,
  minSizeForMallocHeader,
  tinySpanClass,
  zerobase,
} from './constants.ts'
import type { MCache } from './mcache.ts'
import { setTinyRoot } from './heapgraph.ts'
import type { Runtime } from './runtime.ts'
import { mallocFunction } from './msize.ts'

/** The error thrown when the simulated heap cannot grow (Go: fatal error "out of memory"). */
export class OutOfMemoryError extends Error {
  override name = 'OutOfMemoryError'
}

/**
 * mallocgc: allocate `size` bytes on P `pp`; returns the object's address. Arguments are
 * assumed valid (Runtime.malloc validates them).
 */
export function mallocgc(rt: Runtime, size: number, noscan: boolean, pp: number): number {
  // The fast path, kept small so that V8 inlines it: a small object without a header, nobody
  // tracing, and nextFreeFast finds a slot. Everything else goes through mallocgcFull, which
  // repeats the same steps (nextFreeFast declining changes nothing) with events and slow paths.
  // (noscan: maxTinySize..32760 bytes, the largest small size from Go 1.22 on; pointerful:
  // 1..minSizeForMallocHeader — as literals. Go 1.21's 32761..32768 take the full path.)
  let v = 0
  let span = null
  if (!rt.tracing && size >= (noscan ? 16 : 1) && size <= (noscan ? 32760 : 512)) {
    span = rt.allp[pp].mcache.alloc[(sizeToClassT[(size + 7) >>> 3] << 1) | (noscan ? 1 : 0)]
    v = span.nextFreeFast()
  }
  // The unary + (on a number, nothing) lets V8 keep the address an unboxed double where this is
  // inlined: both returns are then numbers.
  if (v === 0 || span === null) return +mallocgcFull(rt, size, noscan, pp)
  const k = rt.counters
  k.nextFreeFast++
  k.mallocs++
  if (span.needzero !== 0) k.bytesZeroed += span.elemsize
  return v
}

/** mallocgc with every path and every trace event. */
function mallocgcFull(rt: Runtime, size: number, noscan: boolean, pp: number): number {
  if (size === 0) {
    rt.counters.zeroAllocs++
    rt.counters.mallocs++
    if (rt.tracing)
      rt.emit({
        type: 'malloc',
        size,
        noscan,
        p: pp,
        path: 'zero',
        addr: zerobase,
        sizeclass: 0,
        spanclass: 0,
        elemsize: 0,
        fn: 'mallocgc',
      })
    return zerobase
  }
  if (size > maxAlloc) throw oom(rt, size, 'size exceeds maxAlloc (2^48 bytes)')
  const c = rt.allp[pp].mcache
  if (size <= rt.maxSmallSize) {
    if (noscan && size < maxTinySize) return mallocTiny(rt, c, size, pp)
    const header = rt.allocHeaders && !noscan && size > minSizeForMallocHeader
    const req = header ? size + mallocHeaderSize : size
    const sizeclass = req <= 1016 ? sizeToClass8T[(req + 7) >>> 3] : sizeToClass128T[(req - 1024 + 127) >>> 7]
    const spc = (sizeclass << 1) | (noscan ? 1 : 0)
    if (rt.tracing)
      rt.emit({
        type: 'sizeClass',
        size,
        reqSize: req,
        sizeclass,
        spanclass: spc,
        elemsize: classToSizeT[sizeclass],
        header,
      })
    const refills = rt.counters.refills
    const v = allocSlot(rt, c, spc, pp)
    const span = c.alloc[spc]
    const helpgc = rt.counters.refills !== refills
    if (span.needzero !== 0) rt.counters.bytesZeroed += span.elemsize
    rt.counters.mallocs++
    const x = header ? v + mallocHeaderSize : v
    if (rt.tracing)
      rt.emit({
        type: 'malloc',
        size,
        noscan,
        p: pp,
        path: 'small',
        addr: x,
        sizeclass,
        spanclass: spc,
        elemsize: span.elemsize,
        fn: mallocFunction('small', sizeclass, noscan, header, size, rt.goVersion),
      })
    if (helpgc) rt.gcController.afterSlowPath(pp)
    return x
  }
  const x = mallocLarge(rt, c, size, noscan, pp)
  rt.gcController.afterSlowPath(pp)
  return x
}

/**
 * A slot of span class `spc` from P `pp`'s mcache: nextFreeFast, else (after the out-of-memory
 * preflight) mcache.nextFree, which refills the span when it is full. Returns the slot's
 * address; the span it came from is then c.alloc[spc], and a refill shows in counters.refills.
 */
function allocSlot(rt: Runtime, c: MCache, spc: number, pp: number): number {
  const span = c.alloc[spc]
  const v = span.nextFreeFast()
  if (v === 0) {
    preflightSmall(rt, c, spc)
    return c.nextFree(rt, spc)
  }
  rt.counters.nextFreeFast++
  if (rt.tracing)
    rt.emit({
      type: 'nextFreeFast',
      p: pp,
      spanclass: spc,
      span: span.startAddr,
      index: (v - span.startAddr) / span.elemsize,
      addr: v,
    })
  return v
}

function mallocTiny(rt: Runtime, c: MCache, size: number, pp: number): number {
  let off = c.tinyoffset
  if ((size & 7) === 0) off = (off + 7) & ~7
  else if ((size & 3) === 0) off = (off + 3) & ~3
  else if ((size & 1) === 0) off = (off + 1) & ~1
  if (off + size <= maxTinySize && c.tiny !== 0) {
    const x = c.tiny + off
    c.tinyoffset = off + size
    setTinyRoot(c.tinySpan, c.tinyIndex, off)
    c.tinyAllocs++
    rt.counters.tinyHits++
    rt.counters.mallocs++
    if (rt.tracing) {
      rt.emit({ type: 'tinyHit', p: pp, block: c.tiny, offset: off, addr: x })
      rt.emit({
        type: 'malloc',
        size,
        noscan: true,
        p: pp,
        path: 'tiny',
        addr: x,
        sizeclass: 2,
        spanclass: tinySpanClass,
        elemsize: 0,
        fn: mallocFunction('tiny', 2, true, false, size, rt.goVersion),
      })
    }
    return x
  }
  const refills = rt.counters.refills
  const v = allocSlot(rt, c, tinySpanClass, pp)
  const span = c.alloc[tinySpanClass]
  const helpgc = rt.counters.refills !== refills
  const index = (v - span.startAddr) >>> 4
  setTinyRoot(span, index, 0)
  rt.counters.bytesZeroed += 16 // Go always clears both words of a new tiny block
  const current = size < c.tinyoffset || c.tiny === 0
  if (current) {
    c.tiny = v
    c.tinyoffset = size
    c.tinySpan = span
    c.tinyIndex = index
  }
  rt.counters.mallocs++
  if (rt.tracing) {
    rt.emit({ type: 'tinyBlock', p: pp, block: v, current })
    rt.emit({
      type: 'malloc',
      size,
      noscan: true,
      p: pp,
      path: 'tiny',
      addr: v,
      sizeclass: 2,
      spanclass: tinySpanClass,
      elemsize: 16,
      fn: mallocFunction('tiny', 2, true, false, size, rt.goVersion),
    })
  }
  if (helpgc) rt.gcController.afterSlowPath(pp)
  return v
}

function mallocLarge(rt: Runtime, c: MCache, size: number, noscan: boolean, pp: number): number {
  const npages = Math.ceil(size / _PageSize)
  preflightPages(rt, npages)
  const span = c.allocLarge(rt, size, noscan)
  span.freeindex = 1
  span.allocCount = 1
  span.rootBits[0] = 1
  if (span.needzero !== 0 || !noscan) rt.counters.bytesZeroed += span.elemsize
  rt.counters.mallocs++
  if (rt.tracing)
    rt.emit({
      type: 'malloc',
      size,
      noscan,
      p: pp,
      path: 'large',
      addr: span.startAddr,
      sizeclass: 0,
      spanclass: span.spanclass,
      elemsize: span.elemsize,
      fn: mallocFunction('large', 0, noscan, false, size, rt.goVersion),
    })
  return span.startAddr
}

/**
 * Before the slow path mutates anything: will this allocation need a fresh span from the
 * heap, and can the heap provide it? Read-only, except in one case: near the heap's cap, when
 * finishing the current sweep would make room, the sweep is finished first (the malloc then
 * succeeds, so no failed call has changed anything).
 *
 * The page reclaimer (mheap.alloc, while sweeping) changes state before allocSpan, but only on
 * calls this preflight has let through, and it only sweeps: it frees pages and never takes any,
 * so heapInUse can only drop and the span still fits under the cap. When the preflight finished
 * the sweep, the reclaimer does not run at all.
 */
function preflightSmall(rt: Runtime, c: MCache, spc: number): void {
  const s = c.alloc[spc]
  if (s.hasFreeSlot()) return
  const central = rt.mheap_.central[spc]
  if (central.partialSwept(rt.mheap_.sweepgen).length > 0) return
  preflightPages(rt, classToNPagesT[spc >>> 1], spc)
}

/**
 * Throw OutOfMemoryError if a span of npages pages would take the heap past its limit, even
 * after sweeping everything the last GC found dead. `spc` (or −1) is the span class that
 * wants a span: an unswept span of it with a free slot also avoids growing.
 */
function preflightPages(rt: Runtime, npages: number, spc = -1): void {
  const bytes = npages * _PageSize
  const inUse = rt.memstats.heapInUse
  const legacy = rt.mheap_.legacy
  const legacyWhy = legacy !== null ? legacy.cannotProvide(npages) : null
  if (inUse + bytes <= rt.heapCap && legacyWhy === null) return
  const sw = rt.gcController.sweep
  if (sw.active()) {
    const r = sw.wouldReclaim(spc)
    if (r.slot || (inUse - r.bytes + bytes <= rt.heapCap && (legacyWhy === null || r.bytes >= bytes))) {
      sw.finish()
      return
    }
  }
  throw oom(
    rt,
    bytes,
    legacyWhy ??
      (rt.heapLimit !== null
        ? `heapLimit is ${rt.heapLimit} bytes`
        : `the simulator caps the heap at ${rt.heapCap} bytes`),
  )
}

function oom(rt: Runtime, block: number, why: string): OutOfMemoryError {
  return new OutOfMemoryError(
    `runtime: out of memory: cannot allocate ${block}-byte block (${rt.memstats.heapInUse} in use); ${why}`,
  )
}
