// check.ts — checkHeap: verify every invariant of the simulated allocator.
//
// In the spirit of mimalloc's _mi_page_is_valid or Go's own debug checks (checkmark,
// mheap.checkSpans, the consistency checks at the end of readmemstats_m): run after every
// operation in tests; it throws an Error whose message says exactly which invariant failed.
//
// Checked:
//   spans      every in-use span lies inside one mapped arena range; no two overlap; each page
//              maps back to its span in heapArena.spans; pageInUse has exactly the first page.
//   slots      freeindex ≤ nelems; allocCount = #{i < nelems : i < freeindex or allocBits[i]};
//              allocCache agrees with allocBits for the rest of freeindex's 64-slot group;
//              nelems, elemsize, divMul, limit agree with the size class and goVersion.
//   places     every in-use span is in exactly one place: one P's mcache (sweepgen h+3) or one
//              mcentral set (sweepgen h) — partial sets hold spans with free slots, full sets
//              spans without; large spans sit on the class-0 full swept set.
//   tiny       each P's tiny block is an allocated slot of a cached/known class-2 noscan span,
//              tinyoffset ≤ 16.
//   pages      each page of the heap is exactly one of: free in the bitmap, in an in-use span,
//              free in one P's page cache. Scavenged bits only on free pages; page-cache scav
//              bits only on cached free pages. Chunk summaries = summarize(bitmap); every
//              higher summary = merge of its children; no free page below searchAddr.
//   gc         root bits only on allocated slots (tiny masks agree with them); mark bits are
//              clear on swept spans and only on allocated slots of unswept ones; unswept spans
//              (sweepgen h−2) sit on unswept sets, none is being swept (h−1) between calls;
//              every stored pointer is in a live pointerful object, inside its pointer words,
//              and points into a live object; ptrObjs per span agree with the pointer store.
//              pageMarks: an unswept span's bit says whether it has a marked object (never set
//              for Green Tea's noscan inline-mark spans); no bit off an in-use span's first page.
//   stats      heapInUse = Σ span bytes = inHeap; heapFree + heapReleased + heapInUse = mapped
//              bytes; heapReleased = scavenged free pages; released/committed agree; object
//              counts agree with spans (flushed counts + counts pending in mcaches).
//   legacy     (layout 'legacy') one reservation; heap mapped exactly [arena_start, arena_alloc);
//              bitmap and spans array mapped exactly as mapBits/mapSpans want for arena_used.

import { _NumSizeClasses, _PageSize, classToDivMagic, classToNPages, classToSize } from './sizeclasses.ts'
import {
  goMinor,
  pageCachePages,
  pagesPerArena,
  pallocChunkPages,
  summaryLevelBits,
  tinySpanClass,
  usesInlineMarkBits,
} from './constants.ts'
import { emptymspan } from './mcache.ts'
import { arenaIndex, type HeapArena } from './mheap.ts'
import { type MSpan, mSpanInUse, zeroBits } from './mspan.ts'
import { chunkBase, leaf, levelLogPages, summarize, levelIndexToAddr } from './mpagealloc.ts'
import { spanCapacity } from './msize.ts'
import type { Runtime } from './runtime.ts'
import { hex } from './mem.ts'
import { findSlot, pointerBytes, slotLive, spanHasHeaders } from './heapgraph.ts'
import { checkLegacy } from './legacy.ts'
import { beingSweptGen, isCachedGen, sweptGen, unsweptGen } from './sweepgen.ts'

export class HeapCheckError extends Error {
  override name = 'HeapCheckError'
}

function fail(msg: string): never {
  throw new HeapCheckError(`checkHeap: ${msg}`)
}

/** Summaries per parent summary in the page allocator's radix tree. */
const fanout = 1 << summaryLevelBits

const spanName = (s: MSpan): string =>
  `span ${hex(s.startAddr)} (class ${s.spanclass >>> 1}, spc ${s.spanclass})`

export function checkHeap(rt: Runtime): void {
  const h = rt.mheap_
  const sg = h.sweepgen
  h.allspans.forEach((s, i) => {
    if (s.allIndex !== i) fail(`${spanName(s)} is allspans[${i}] but records index ${s.allIndex}`)
  })
  const spans = [...h.allspans].sort((a, b) => a.startAddr - b.startAddr)

  // --- spans: placement in arenas and no overlap
  let prevEnd = 0
  let inUseBytes = 0
  let smallAllocated = 0
  let largeLive = 0
  for (const s of spans) {
    if (s.state !== mSpanInUse) fail(`${spanName(s)} in allspans has state ${s.state}`)
    if (s.sweepgen === beingSweptGen(sg))
      fail(`${spanName(s)} left half-swept (sweepgen ${s.sweepgen}, heap ${sg})`)
    const end = s.startAddr + s.npages * _PageSize
    if (s.startAddr % _PageSize !== 0) fail(`${spanName(s)} not page aligned`)
    if (s.startAddr < prevEnd) fail(`${spanName(s)} overlaps the previous span ending at ${hex(prevEnd)}`)
    prevEnd = end
    inUseBytes += s.npages * _PageSize
    if (!rt.os.mapped.some((r) => r.base <= s.startAddr && end <= r.base + r.size))
      fail(`${spanName(s)} not inside mapped memory`)
    for (let a = s.startAddr; a < end; a += _PageSize) {
      const ha = h.arenas.get(arenaIndex(a))
      if (ha === undefined) fail(`${spanName(s)} page ${hex(a)} has no heapArena`)
      if (h.spanOf(a) !== s) fail(`heapArena.spans for page ${hex(a)} does not point at ${spanName(s)}`)
      if (!h.pages.pageInUse(a)) fail(`${spanName(s)} page ${hex(a)} is free in the page bitmap`)
      const pi = Math.floor(a / _PageSize) % pagesPerArena
      const bit = ((ha as HeapArena).pageInUse[pi >>> 3] >>> (pi & 7)) & 1
      if (bit !== (a === s.startAddr ? 1 : 0)) fail(`pageInUse bit for ${hex(a)} is ${bit} in ${spanName(s)}`)
    }
    checkSpanSlots(rt, s)
    if (s.spanclass >>> 1 === 0) largeLive++
    else smallAllocated += s.allocCount
  }

  // --- places: mcache or mcentral, exactly once
  const cachedIn = new Map<MSpan, number>()
  for (const pp of rt.allp) {
    const c = pp.mcache
    for (let spc = 0; spc < c.alloc.length; spc++) {
      const s = c.alloc[spc]
      if (s === emptymspan) continue
      if (!inAll(h.allspans, s)) fail(`P${pp.id} caches a span not in use at ${hex(s.startAddr)}`)
      if (s.spanclass !== spc) fail(`P${pp.id} caches ${spanName(s)} under span class ${spc}`)
      if (cachedIn.has(s)) fail(`${spanName(s)} cached by P${cachedIn.get(s)} and P${pp.id}`)
      cachedIn.set(s, pp.id)
      if (s.cachedBy !== pp.id) fail(`${spanName(s)} cachedBy=${s.cachedBy} but held by P${pp.id}`)
      if (!isCachedGen(s.sweepgen, sg)) fail(`cached ${spanName(s)} has sweepgen ${s.sweepgen}, heap ${sg}`)
      if (s.list !== -1) fail(`cached ${spanName(s)} is also on an mcentral list`)
      if (s.spanclass >>> 1 === 0) fail(`large ${spanName(s)} cached in an mcache`)
    }
    if (c.tiny !== 0) {
      const s = h.spanOfHeap(c.tiny)
      if (s === null || s.spanclass !== tinySpanClass)
        fail(`P${pp.id} tiny block ${hex(c.tiny)} not in a class-2 noscan span`)
      const idx = s.objIndex(c.tiny)
      if (s.startAddr + idx * 16 !== c.tiny) fail(`P${pp.id} tiny block ${hex(c.tiny)} not slot aligned`)
      if (!s.isAllocated(idx)) fail(`P${pp.id} tiny block ${hex(c.tiny)} is not an allocated slot`)
      if (c.tinyoffset < 1 || c.tinyoffset > 16) fail(`P${pp.id} tinyoffset ${c.tinyoffset}`)
    } else if (c.tinyoffset !== 0) fail(`P${pp.id} tinyoffset ${c.tinyoffset} without a tiny block`)
  }
  const listed = new Map<MSpan, string>()
  for (const c of h.central) {
    for (const [set, name] of [
      [c.partialSwept(sg), 'partialSwept'],
      [c.partialUnswept(sg), 'partialUnswept'],
      [c.fullSwept(sg), 'fullSwept'],
      [c.fullUnswept(sg), 'fullUnswept'],
    ] as const) {
      for (const s of set.spans()) {
        if (!inAll(h.allspans, s))
          fail(`mcentral ${c.spanclass} ${name} holds a span not in use at ${hex(s.startAddr)}`)
        if (listed.has(s)) fail(`${spanName(s)} on two lists (${listed.get(s)} and ${name})`)
        listed.set(s, name)
        if (s.spanclass !== c.spanclass) fail(`${spanName(s)} on mcentral ${c.spanclass}`)
        if (s.list !== set.id) fail(`${spanName(s)} list id ${s.list}, set ${set.id}`)
        if (cachedIn.has(s)) fail(`${spanName(s)} both cached and on ${name}`)
        const swept = name === 'partialSwept' || name === 'fullSwept'
        if (swept && s.sweepgen !== sweptGen(sg))
          fail(`${spanName(s)} on ${name} with sweepgen ${s.sweepgen}, heap ${sg}`)
        if (!swept && s.sweepgen !== unsweptGen(sg))
          fail(`${spanName(s)} on ${name} with sweepgen ${s.sweepgen}, heap ${sg}`)
        if (name.startsWith('partial') && s.allocCount >= s.nelems) fail(`full ${spanName(s)} on ${name}`)
        if (name.startsWith('full') && s.allocCount !== s.nelems)
          fail(`${spanName(s)} with free slots on ${name}`)
      }
    }
  }
  for (const s of spans) {
    if (!cachedIn.has(s) && !listed.has(s)) fail(`${spanName(s)} is neither cached nor on an mcentral list`)
  }
  if (!rt.gcController.sweep.active()) {
    for (const s of spans)
      if (s.sweepgen === unsweptGen(sg)) fail(`${spanName(s)} unswept after sweeping finished`)
  }

  // --- gc: roots, marks, pointers
  checkGCState(rt, spans)
  if (rt.layout === 'arenas') checkPageMarks(rt, spans)

  // --- pages
  const cachedPages = new Set<number>()
  for (const pp of rt.allp) {
    const c = pp.pcache
    if (c.empty()) {
      if ((c.scavLo | c.scavHi) !== 0) fail(`P${pp.id} empty page cache with scavenged bits`)
      continue
    }
    if (c.base % (pageCachePages * _PageSize) !== 0)
      fail(`P${pp.id} page cache base ${hex(c.base)} not 512 KiB aligned`)
    for (let i = 0; i < pageCachePages; i++) {
      const a = c.base + i * _PageSize
      if (c.scavenged(i) && !c.has(i)) fail(`P${pp.id} page cache: scavenged bit on non-free page ${hex(a)}`)
      if (!c.has(i)) continue
      if (!h.pages.pageInUse(a)) fail(`P${pp.id} page cache holds ${hex(a)} which is free in the bitmap`)
      if (h.pages.pageScavenged(a)) fail(`cached page ${hex(a)} has its scavenged bit set in the chunk`)
      if (h.spanOfHeap(a) !== null) fail(`cached page ${hex(a)} is inside an in-use span`)
      if (cachedPages.has(a)) fail(`page ${hex(a)} in two page caches`)
      cachedPages.add(a)
    }
  }
  let freePages = 0
  let freeScav = 0
  const pad = h.randomPadding
  const isPadding = (a: number): boolean =>
    pad !== null && a >= pad.base && a < pad.base + pad.npages * _PageSize
  for (const [ci, d] of h.pages.chunks) {
    const base = chunkBase(ci)
    for (let i = 0; i < pallocChunkPages; i++) {
      const a = base + i * _PageSize
      const used = (d.pallocBits[i >>> 5] >>> (i & 31)) & 1
      const scav = (d.scavenged[i >>> 5] >>> (i & 31)) & 1
      if (used === 0) {
        freePages++
        if (scav) freeScav++
        if (a < h.pages.searchAddr) fail(`free page ${hex(a)} below searchAddr ${hex(h.pages.searchAddr)}`)
        if (h.spanOfHeap(a) !== null) fail(`free page ${hex(a)} inside an in-use span`)
      } else if (isPadding(a)) {
        if (!scav) fail(`random padding page ${hex(a)} lost its scavenged bit`)
        if (h.spanOfHeap(a) !== null) fail(`random padding page ${hex(a)} is inside an in-use span`)
        if (cachedPages.has(a)) fail(`random padding page ${hex(a)} is in a page cache`)
      } else {
        if (scav) fail(`in-use page ${hex(a)} has its scavenged bit set`)
        if (!cachedPages.has(a) && h.spanOfHeap(a) === null)
          fail(`page ${hex(a)} marked in use but in no span and no page cache`)
      }
    }
    const want = summarize(d.pallocBits)
    const got = h.pages.sum(leaf, ci)
    if (got.start !== want.start || got.max !== want.max || got.end !== want.end)
      fail(
        `chunk ${ci} summary (${got.start},${got.max},${got.end}) != bitmap (${want.start},${want.max},${want.end})`,
      )
  }
  for (let l = leaf - 1; l >= 0; l--) {
    const indexes = new Set<number>()
    for (const key of h.pages.levels[l + 1].keys()) indexes.add(key) // parents of existing children
    for (const key of h.pages.levels[l].keys()) for (let e = 0; e < fanout; e++) indexes.add(key * fanout + e)
    for (const i of indexes) {
      {
        const got = h.pages.sum(l, i)
        const want = mergeChildren(rt, l + 1, i)
        if (got.start !== want.start || got.max !== want.max || got.end !== want.end)
          fail(
            `level ${l} summary ${i} (${hex(levelIndexToAddr(l, i))}) is (${got.start},${got.max},${got.end}), children say (${want.start},${want.max},${want.end})`,
          )
      }
    }
  }
  for (const [key, block] of h.pages.levels[leaf]) {
    for (let e = 0; e < fanout; e++) {
      const ci = key * fanout + e
      if (!h.pages.chunks.has(ci) && (block[e * 3] | block[e * 3 + 1] | block[e * 3 + 2]) !== 0)
        fail(`summary for missing chunk ${ci}`)
    }
  }
  let cachedScav = 0
  for (const pp of rt.allp) for (let i = 0; i < pageCachePages; i++) if (pp.pcache.scavenged(i)) cachedScav++

  // --- stats
  const st = rt.memstats
  if (st.heapInUse !== inUseBytes) fail(`heapInUse ${st.heapInUse} != Σ span bytes ${inUseBytes}`)
  if (st.inHeap !== inUseBytes) fail(`consistent inHeap ${st.inHeap} != Σ span bytes ${inUseBytes}`)
  if (h.pagesInUse * _PageSize !== inUseBytes) fail(`pagesInUse ${h.pagesInUse} disagrees with spans`)
  const mapped = rt.os.mappedBytes()
  if (st.heapInUse + st.heapFree + st.heapReleased !== mapped)
    fail(
      `heapInUse+heapFree+heapReleased = ${st.heapInUse + st.heapFree + st.heapReleased} != mapped ${mapped}`,
    )
  const padBytes = pad === null ? 0 : pad.npages * _PageSize
  if (st.heapReleased !== (freeScav + cachedScav) * _PageSize + padBytes)
    fail(
      `heapReleased ${st.heapReleased} != scavenged free pages ${(freeScav + cachedScav) * _PageSize} + random padding ${padBytes}`,
    )
  if (st.released !== st.heapReleased)
    fail(`consistent released ${st.released} != heapReleased ${st.heapReleased}`)
  if (st.committed !== st.heapInUse + st.heapFree) fail(`committed ${st.committed} != heapInUse + heapFree`)
  if ((freePages + cachedPages.size) * _PageSize + inUseBytes + padBytes !== mapped)
    fail(
      `free ${freePages} + cached ${cachedPages.size} pages + in-use bytes ${inUseBytes} + random padding ${padBytes} != mapped ${mapped}`,
    )
  if (rt.os.readyBytes !== st.heapInUse + st.heapFree)
    fail(`OS ready bytes ${rt.os.readyBytes} != heapInUse + heapFree`)
  let pending = 0
  let pendingTiny = 0
  for (const pp of rt.allp) {
    for (const s of pp.mcache.alloc) if (s !== emptymspan) pending += s.allocCount - s.allocCountBeforeCache
    pendingTiny += pp.mcache.tinyAllocs
  }
  let flushed = 0
  let freed = 0
  for (let c = 1; c < _NumSizeClasses; c++) {
    flushed += st.smallAllocCount[c]
    freed += st.smallFreeCount[c]
  }
  if (flushed + pending - freed !== smallAllocated)
    fail(
      `small objects: flushed ${flushed} + pending ${pending} − freed ${freed} != allocated slots ${smallAllocated}`,
    )
  if (st.largeAllocCount - st.largeFreeCount !== largeLive)
    fail(`large objects: ${st.largeAllocCount} − ${st.largeFreeCount} != ${largeLive} large spans`)
  if (pendingTiny < 0 || st.tinyAllocCount < 0) fail('negative tiny counts')
  checkLegacy(rt, fail)
}

/** Is s recorded in allspans at its own index? */
function inAll(all: MSpan[], s: MSpan): boolean {
  return s.allIndex >= 0 && all[s.allIndex] === s
}

function checkGCState(rt: Runtime, spans: MSpan[]): void {
  const sg = rt.mheap_.sweepgen
  const ptrCount = new Map<MSpan, Set<number>>()
  for (const e of rt.ptrs.entries()) {
    const o = findSlot(rt, e.slot)
    if (o === null || o.slot !== e.slot) fail(`pointer stored in ${hex(e.slot)}, not an object slot`)
    if (!o.span.isAllocated(o.index)) fail(`pointer stored in free slot ${hex(e.slot)}`)
    const pb = pointerBytes(rt, o.span)
    const first = spanHasHeaders(rt, o.span) ? 8 : 0
    if (pb === 0) fail(`pointer stored in noscan object ${hex(e.slot)}`)
    if (e.offset % 8 !== 0 || e.offset < first || e.offset + 8 > first + pb)
      fail(`pointer at ${hex(e.slot)}+${e.offset} outside the object's pointer words`)
    // A dead object awaiting its sweep may point at garbage already swept away; a live one may not.
    const t = findSlot(rt, e.target)
    if (slotLive(rt, o.span, o.index) && (t === null || !slotLive(rt, t.span, t.index)))
      fail(`live object ${hex(e.slot)} points at ${hex(e.target)}, which is not a live object`)
    let set = ptrCount.get(o.span)
    if (set === undefined) ptrCount.set(o.span, (set = new Set()))
    set.add(e.slot)
  }
  for (const s of spans) {
    const n = ptrCount.get(s)?.size ?? 0
    if (s.ptrObjs !== n) fail(`${spanName(s)} ptrObjs ${s.ptrObjs} but ${n} objects hold pointers`)
    const unswept = s.sweepgen === unsweptGen(sg)
    for (let i = 0; i < s.nelems; i++) {
      const root = ((s.rootBits[i >>> 5] >>> (i & 31)) & 1) === 1
      const mark = s.isMarked(i)
      if (root && !s.isAllocated(i)) fail(`${spanName(s)} slot ${i} is a root but not allocated`)
      if (mark && !unswept) fail(`${spanName(s)} slot ${i} marked on a swept span`)
      if (mark && !s.isAllocated(i)) fail(`${spanName(s)} slot ${i} marked but not allocated`)
      if (root && unswept && !mark) fail(`${spanName(s)} slot ${i} is a root the last GC did not mark`)
      if (s.isInlineMarked(i) && !unswept)
        fail(`${spanName(s)} slot ${i} has an inline mark on a swept span (sweeping must merge them)`)
      if (s.tinyRoots !== null && s.tinyRoots[i] !== 0 && !root)
        fail(`${spanName(s)} tiny block ${i} has referenced objects but no root bit`)
    }
  }
}

/**
 * pageMarks (what the page reclaimer reads): since the last mark phase, an unswept span's bit is
 * set exactly when the marker marked one of its objects — except, under Green Tea, a span of
 * noscan objects kept in inline mark bits, which is never scanned and so never gets its bit —
 * and no bit is set anywhere but on the first page of an in-use span (a span with a marked object
 * is not freed before the next mark phase clears the bits).
 */
function checkPageMarks(rt: Runtime, spans: MSpan[]): void {
  const h = rt.mheap_
  const sg = h.sweepgen
  const starts = new Set<number>()
  for (const s of spans) {
    starts.add(s.startAddr)
    if (s.sweepgen !== unsweptGen(sg)) continue
    const ha = h.arenas.get(arenaIndex(s.startAddr)) as HeapArena
    const pi = Math.floor(s.startAddr / _PageSize) % pagesPerArena
    const bit = (ha.pageMarks[pi >>> 3] >>> (pi & 7)) & 1
    let marked = false
    for (let i = 0; i < s.nelems && !marked; i++) marked = s.isMarked(i)
    const noscanInline =
      rt.greenTea && s.spanclass >>> 1 !== 0 && (s.spanclass & 1) === 1 && usesInlineMarkBits(s.elemsize)
    const want = marked && !noscanInline ? 1 : 0
    if (bit !== want)
      fail(
        `pageMarks bit of unswept ${spanName(s)} is ${bit}, but the span has ${marked ? 'a' : 'no'} marked object${noscanInline ? ' (noscan, inline mark bits: never set)' : ''}`,
      )
  }
  for (const ha of h.arenas.values()) {
    for (let b = 0; b < ha.pageMarks.length; b++) {
      const byte = ha.pageMarks[b]
      if (byte === 0) continue
      for (let j = 0; j < 8; j++) {
        if ((byte & (1 << j)) === 0) continue
        const a = ha.base + ((b << 3) + j) * _PageSize
        if (!starts.has(a)) fail(`pageMarks bit set for page ${hex(a)}, which starts no in-use span`)
      }
    }
  }
}

function mergeChildren(rt: Runtime, l: number, parent: number): { start: number; max: number; end: number } {
  const full = 2 ** levelLogPages[l]
  let start = 0
  let most = 0
  let end = 0
  for (let k = 0; k < fanout; k++) {
    const c = rt.mheap_.pages.sum(l, parent * fanout + k)
    if (k === 0) {
      start = c.start
      most = c.max
      end = c.end
      continue
    }
    if (start === k * full) start += c.start
    most = Math.max(most, end + c.start, c.max)
    end = c.end === full ? end + full : c.end
  }
  return { start, max: most, end }
}

function checkSpanSlots(rt: Runtime, s: MSpan): void {
  const sizeclass = s.spanclass >>> 1
  if (sizeclass === 0) {
    if (s.nelems !== 1 || s.elemsize !== s.npages * _PageSize || s.divMul !== 0)
      fail(`large ${spanName(s)} has nelems ${s.nelems}, elemsize ${s.elemsize}`)
    if (s.allocCount !== 1 || !s.isAllocated(0))
      fail(`large ${spanName(s)} allocCount ${s.allocCount}, freeindex ${s.freeindex}`)
    if (
      s.limit <= s.startAddr ||
      s.limit > s.startAddr + s.elemsize ||
      s.limit <= s.startAddr + s.elemsize - _PageSize
    )
      fail(`large ${spanName(s)} limit ${hex(s.limit)} inconsistent with its pages`)
    return
  }
  const noscan = (s.spanclass & 1) !== 0
  if (s.elemsize !== classToSize[sizeclass]) fail(`${spanName(s)} elemsize ${s.elemsize}`)
  if (s.npages !== classToNPages[sizeclass]) fail(`${spanName(s)} npages ${s.npages}`)
  if (s.nelems !== spanCapacity(sizeclass, noscan, rt.goVersion, rt.greenTea))
    fail(`${spanName(s)} nelems ${s.nelems}`)
  // Green Tea: inline mark bits only where the span keeps them, and nothing past nelems.
  const inline = rt.greenTea && usesInlineMarkBits(s.elemsize)
  if (rt.layout === 'arenas') {
    const ha = rt.mheap_.arenas.get(arenaIndex(s.startAddr))
    const pi = Math.floor(s.startAddr / _PageSize) % pagesPerArena
    const bit = ha === undefined ? 0 : (ha.pageUseSpanInlineMarkBits[pi >>> 3] >>> (pi & 7)) & 1
    if (bit !== (inline ? 1 : 0))
      fail(
        `pageUseSpanInlineMarkBits for ${spanName(s)} is ${bit}, span ${inline ? 'keeps' : 'has no'} inline mark bits`,
      )
  }
  if (!inline && s.inlineMarks !== zeroBits)
    fail(`${spanName(s)} has inline mark bits but its objects do not use them`)
  if (inline && s.inlineMarks !== zeroBits) {
    for (let i = s.nelems; i < s.inlineMarks.length * 32; i++)
      if (s.isInlineMarked(i)) fail(`${spanName(s)} inline mark ${i} set past nelems ${s.nelems}`)
  }
  if (s.divMul !== classToDivMagic[sizeclass]) fail(`${spanName(s)} divMul ${s.divMul}`)
  const objects = goMinor(rt.goVersion) >= 26 ? s.nelems : Math.floor((s.npages * _PageSize) / s.elemsize)
  if (s.limit !== s.startAddr + s.elemsize * objects) fail(`${spanName(s)} limit ${hex(s.limit)}`)
  if (s.freeindex < 0 || s.freeindex > s.nelems)
    fail(`${spanName(s)} freeindex ${s.freeindex} > nelems ${s.nelems}`)
  if (s.allocBits !== zeroBits && s.allocBits.length !== ((s.nelems + 63) >>> 6) * 2)
    fail(`${spanName(s)} allocBits has ${s.allocBits.length} words`)
  let n = 0
  for (let i = 0; i < s.nelems; i++) if (s.isAllocated(i)) n++
  if (n !== s.allocCount)
    fail(`${spanName(s)} allocCount ${s.allocCount} but ${n} slots allocated (freeindex ${s.freeindex})`)
  if (s.freeindex < s.nelems) {
    const groupEnd = Math.min(((s.freeindex >>> 6) + 1) << 6, s.nelems)
    for (let i = s.freeindex; i < groupEnd; i++) {
      const k = i - s.freeindex
      const cacheBit = k < 32 ? (s.allocCacheLo >>> k) & 1 : (s.allocCacheHi >>> (k - 32)) & 1
      const allocBit = (s.allocBits[i >>> 5] >>> (i & 31)) & 1
      if (cacheBit !== 1 - allocBit)
        fail(`${spanName(s)} allocCache bit ${k} (slot ${i}) is ${cacheBit} but allocBits says ${allocBit}`)
    }
  }
}
