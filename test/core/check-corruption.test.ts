// checkHeap must be able to fail. The property tests run it after every step and it always
// passes there, which a checker that checked nothing would do too. Here a real heap (several
// size classes on two Ps, large objects, tiny blocks, stored pointers, a GC, mcaches refilled
// after it, a page cache) is copied once per row, one invariant is broken in the copy by hand,
// and checkHeap must throw a HeapCheckError whose message names that invariant.
import { describe, expect, it } from 'vitest'
import { HeapCheckError, Runtime, checkHeap, cloneRuntime } from '@go-alloc/core'
import { emptymspan } from '../../packages/core/src/mcache.ts'
import { arenaIndex } from '../../packages/core/src/mheap.ts'
import type { MSpan } from '../../packages/core/src/mspan.ts'
import { chunkBase, chunkIndex } from '../../packages/core/src/mpagealloc.ts'
import type { SpanSet } from '../../packages/core/src/mspanset.ts'

const pageSize = 8192

/** The heap every row starts from (built once; each row breaks its own copy). */
function buildHeap(): Runtime {
  const rt = new Runtime({ gomaxprocs: 2, gogc: 'off' })
  const keep: number[] = []
  for (let i = 0; i < 400; i++) {
    const size = [8, 24, 48, 112, 512, 1024, 3000][i % 7]
    const a = rt.malloc(size, { noscan: i % 3 === 0, p: i % 2 })
    if (i % 5 === 0) rt.drop(a)
    else keep.push(a)
  }
  for (let i = 0; i < 40; i++) rt.malloc(1 + (i % 15), { noscan: true, p: i % 2 }) // tiny blocks
  for (let i = 0; i < 1100; i++) keep.push(rt.malloc(16, { p: 0 })) // fills two spans: full sets
  const big = rt.malloc(100_000)
  rt.malloc(300_000, { noscan: true })
  rt.drop(rt.malloc(70_000))
  // pointers: pointerful 48 B objects point at each other and at the large object
  const ptrful = keep.filter((a) => rt.spanOf(a)?.elemsize === 48 && !rt.spanOf(a)?.noscan)
  for (let i = 1; i < ptrful.length; i++) rt.writePointer(ptrful[i - 1], 0, ptrful[i])
  rt.writePointer(ptrful[0], 8, big)
  rt.gc()
  // after the GC: the mcaches refill, a few more of each
  for (let i = 0; i < 60; i++) rt.malloc([16, 24, 64, 256][i % 4], { noscan: i % 2 === 0, p: i % 2 })
  for (let i = 0; i < 10; i++) rt.malloc(3, { noscan: true, p: i % 2 })
  rt.malloc(20_000, { p: 1 }) // a large object through P1's page cache
  return rt
}

const base = buildHeap()

const inUse = (rt: Runtime): MSpan[] => rt.mheap_.allspans.filter((s) => s !== undefined)
const small = (rt: Runtime): MSpan[] => inUse(rt).filter((s) => s.spanclass >>> 1 !== 0)
const large = (rt: Runtime): MSpan[] => inUse(rt).filter((s) => s.spanclass >>> 1 === 0)

/** A span cached by some P (sweepgen h+3), with at least one allocated and one free slot. */
function cachedSpan(rt: Runtime): MSpan {
  for (const pp of rt.allp)
    for (const s of pp.mcache.alloc)
      if (s !== emptymspan && s.spanclass >>> 1 > 2 && s.allocCount > 0 && s.allocCount < s.nelems) return s
  throw new Error('fixture: no cached span with free slots')
}

/** A span on an mcentral set named `which`, and the set. */
function listed(rt: Runtime, which: 'partialSwept' | 'fullSwept'): { s: MSpan; set: SpanSet } {
  const sg = rt.mheap_.sweepgen
  for (const c of rt.mheap_.central) {
    if (c.spanclass >>> 1 === 0) continue
    const set = c[which](sg)
    const spans = set.spans()
    if (spans.length > 0) return { s: spans[0], set }
  }
  throw new Error(`fixture: nothing on ${which}`)
}

/** A small span with a free slot at or above freeindex, and that slot. */
function freeSlot(rt: Runtime): { s: MSpan; i: number } {
  for (const s of small(rt))
    for (let i = s.freeindex; i < s.nelems; i++) if (!s.isAllocated(i)) return { s, i }
  throw new Error('fixture: no free slot')
}

/** An allocated slot of a small span. */
function allocatedSlot(rt: Runtime): { s: MSpan; i: number } {
  for (const s of small(rt)) for (let i = 0; i < s.nelems; i++) if (s.isAllocated(i)) return { s, i }
  throw new Error('fixture: no allocated slot')
}

function setBit(words: Uint32Array, i: number): void {
  words[i >>> 5] |= 1 << (i & 31)
}
function clearBit(words: Uint32Array, i: number): void {
  words[i >>> 5] &= ~(1 << (i & 31))
}

/** The chunk bitmap and page index of address a. */
function pageBits(rt: Runtime, a: number): { bits: Uint32Array; scav: Uint32Array; i: number } {
  const d = rt.mheap_.pages.chunks.get(chunkIndex(a))
  if (d === undefined) throw new Error(`fixture: no chunk for ${a}`)
  return { bits: d.pallocBits, scav: d.scavenged, i: Math.floor(a / pageSize) % 512 }
}

/** The first free page of the heap (in the bitmap, not in a page cache). */
function freePage(rt: Runtime): number {
  const h = rt.mheap_
  for (const [ci, d] of h.pages.chunks)
    for (let i = 0; i < 512; i++)
      if (((d.pallocBits[i >>> 5] >>> (i & 31)) & 1) === 0) return chunkBase(ci) + i * pageSize
  throw new Error('fixture: no free page')
}

interface Corruption {
  what: string
  /** The invariant the message must name. */
  expect: RegExp
  apply(rt: Runtime): void
}

/** Set or clear the pageMarks bit of the page at address a. */
function flipPageMark(rt: Runtime, a: number): void {
  const ha = rt.mheap_.arenas.get(arenaIndex(a))
  if (ha === undefined) throw new Error(`fixture: no arena for ${a}`)
  const pi = Math.floor(a / pageSize) % 8192
  ha.pageMarks[pi >>> 3] ^= 1 << (pi & 7)
}

const corruptions: Corruption[] = [
  // --- pageMarks (the page reclaimer's bitmap)
  {
    what: 'a pageMarks bit set on a page that starts no span (the second page of a large span)',
    expect: /pageMarks bit set for page 0x[0-9a-f]+, which starts no in-use span/,
    apply(rt) {
      flipPageMark(rt, large(rt)[0].startAddr + pageSize)
    },
  },
  // --- spans: arenas, page bitmap, allspans
  {
    what: 'a page of an in-use span cleared in the page-allocator bitmap',
    expect: /page 0x[0-9a-f]+ is free in the page bitmap/,
    apply(rt) {
      const s = small(rt)[0]
      const p = pageBits(rt, s.startAddr)
      clearBit(p.bits, p.i)
    },
  },
  {
    what: 'a free page set in the page-allocator bitmap',
    expect: /page 0x[0-9a-f]+ marked in use but in no span and no page cache/,
    apply(rt) {
      const p = pageBits(rt, freePage(rt))
      setBit(p.bits, p.i)
      clearBit(p.scav, p.i)
    },
  },
  {
    what: 'a span missing from its arena’s page → span map',
    expect: /heapArena\.spans for page 0x[0-9a-f]+ does not point at span/,
    apply(rt) {
      const s = large(rt)[0]
      const a = s.startAddr + pageSize // a later page of the large span
      rt.mheap_.arenas.get(arenaIndex(a))!.spans[Math.floor(a / pageSize) % 8192] = null
    },
  },
  {
    what: 'the pageInUse bit of a span’s first page cleared',
    expect: /pageInUse bit for 0x[0-9a-f]+ is 0/,
    apply(rt) {
      const s = small(rt)[0]
      const ha = rt.mheap_.arenas.get(arenaIndex(s.startAddr))!
      const pi = Math.floor(s.startAddr / pageSize) % 8192
      ha.pageInUse[pi >>> 3] &= ~(1 << (pi & 7))
    },
  },
  {
    what: 'a span recording the wrong allspans index',
    expect: /is allspans\[\d+\] but records index \d+/,
    apply(rt) {
      small(rt)[1].allIndex = 0
    },
  },
  // --- slots
  {
    what: 'allocCount bumped',
    expect: /allocCount \d+ but \d+ slots allocated/,
    apply(rt) {
      listed(rt, 'partialSwept').s.allocCount++
    },
  },
  {
    what: 'freeindex past nelems',
    expect: /freeindex \d+ > nelems \d+/,
    apply(rt) {
      const s = cachedSpan(rt)
      s.freeindex = s.nelems + 1
    },
  },
  {
    what: 'allocCache saying an allocated slot is free',
    expect: /allocCache bit \d+ \(slot \d+\) is 1 but allocBits says 1/,
    apply(rt) {
      // a partial swept span whose allocBits has a 1 at or after freeindex in its 64-slot group
      for (const c of rt.mheap_.central) {
        for (const s of c.partialSwept(rt.mheap_.sweepgen).spans()) {
          const end = Math.min(((s.freeindex >>> 6) + 1) << 6, s.nelems)
          for (let i = s.freeindex; i < end; i++) {
            if (((s.allocBits[i >>> 5] >>> (i & 31)) & 1) === 0) continue
            const k = i - s.freeindex
            if (k < 32) s.allocCacheLo |= 1 << k
            else s.allocCacheHi |= 1 << (k - 32)
            return
          }
        }
      }
      throw new Error('fixture: no swept span with an allocated slot after freeindex')
    },
  },
  {
    what: 'a small span with the wrong elemsize',
    expect: /span 0x[0-9a-f]+ \(class \d+, spc \d+\) elemsize \d+/,
    apply(rt) {
      small(rt)[0].elemsize += 8
    },
  },
  {
    what: 'a large span with two slots',
    expect: /large span 0x[0-9a-f]+ .* has nelems 2/,
    apply(rt) {
      large(rt)[0].nelems = 2
    },
  },
  // --- places: mcaches and mcentral sets
  {
    what: 'a span filed in the wrong span set (free slots on a full set)',
    expect: /with free slots on fullSwept/,
    apply(rt) {
      const { set } = listed(rt, 'partialSwept')
      const c = rt.mheap_.central.find((x) => x.partialSwept(rt.mheap_.sweepgen) === set)!
      const s = set.pop(rt.counters)!
      c.fullSwept(rt.mheap_.sweepgen).push(s, rt.counters)
    },
  },
  {
    what: 'a span filed under another span class’s mcentral',
    expect: /span 0x[0-9a-f]+ .* on mcentral \d+/,
    apply(rt) {
      const { s, set } = listed(rt, 'fullSwept')
      set.pop(rt.counters)
      const other = rt.mheap_.central.find((c) => c.spanclass !== s.spanclass && c.spanclass > 1)!
      other.fullSwept(rt.mheap_.sweepgen).push(s, rt.counters)
    },
  },
  {
    what: 'a span taken off its set and put nowhere',
    expect: /is neither cached nor on an mcentral list/,
    apply(rt) {
      listed(rt, 'fullSwept').set.pop(rt.counters)
    },
  },
  {
    what: 'a span both cached and on an mcentral set',
    expect: /is also on an mcentral list/,
    apply(rt) {
      const s = cachedSpan(rt)
      rt.mheap_.central[s.spanclass].partialSwept(rt.mheap_.sweepgen).push(s, rt.counters)
    },
  },
  {
    what: 'one span cached by two Ps',
    expect: /cached by P0 and P1/,
    apply(rt) {
      const s = rt.allp[0].mcache.alloc.find(
        (x) => x !== emptymspan && rt.allp[1].mcache.alloc[x.spanclass] !== x,
      )!
      rt.allp[1].mcache.alloc[s.spanclass] = s
    },
  },
  {
    what: 'a cached span with a stale sweepgen (h, not h+3)',
    expect: /cached span 0x[0-9a-f]+ .* has sweepgen \d+, heap \d+/,
    apply(rt) {
      cachedSpan(rt).sweepgen = rt.mheap_.sweepgen
    },
  },
  {
    what: 'a span on a swept set with a stale sweepgen (h−2)',
    expect: /on partialSwept with sweepgen \d+, heap \d+/,
    apply(rt) {
      listed(rt, 'partialSwept').s.sweepgen = rt.mheap_.sweepgen - 2
    },
  },
  {
    what: 'a cached span whose cachedBy names another P',
    expect: /cachedBy=1 but held by P0/,
    apply(rt) {
      const s = rt.allp[0].mcache.alloc.find((x) => x !== emptymspan)!
      s.cachedBy = 1
    },
  },
  {
    what: 'a tiny block that is not slot aligned',
    expect: /tiny block 0x[0-9a-f]+ not slot aligned/,
    apply(rt) {
      const c = rt.allp.find((p) => p.mcache.tiny !== 0)!.mcache
      c.tiny += 4
    },
  },
  {
    what: 'a tiny offset past the block',
    expect: /tinyoffset 17/,
    apply(rt) {
      rt.allp.find((p) => p.mcache.tiny !== 0)!.mcache.tinyoffset = 17
    },
  },
  // --- gc: roots, marks, pointers
  {
    what: 'a root on a free slot',
    expect: /slot \d+ is a root but not allocated/,
    apply(rt) {
      const { s, i } = freeSlot(rt)
      setBit(s.rootBits, i)
    },
  },
  {
    what: 'a mark bit on a swept span',
    expect: /slot \d+ marked on a swept span/,
    apply(rt) {
      const { s, i } = allocatedSlot(rt)
      const bits = new Uint32Array(((s.nelems + 63) >>> 6) * 2)
      setBit(bits, i)
      s.gcmarkBits = bits
    },
  },
  {
    what: 'a span left half-swept (sweepgen h−1)',
    expect: /left half-swept/,
    apply(rt) {
      listed(rt, 'partialSwept').s.sweepgen = rt.mheap_.sweepgen - 1
    },
  },
  {
    what: 'ptrObjs off by one',
    expect: /ptrObjs \d+ but \d+ objects hold pointers/,
    apply(rt) {
      const s = small(rt).find((x) => x.ptrObjs > 0)!
      s.ptrObjs++
    },
  },
  {
    what: 'a live object pointing at a freed slot',
    expect: /points at 0x[0-9a-f]+, which is not a live object/,
    apply(rt) {
      const from = small(rt).find((x) => x.ptrObjs > 0)!
      const e = [...rt.ptrs.entries()].find((x) => x.slot >= from.startAddr && x.slot < from.limit)!
      const { s, i } = freeSlot(rt)
      rt.ptrs.set(e.slot, e.offset, s.startAddr + i * s.elemsize)
    },
  },
  // --- pages: summaries, searchAddr, page caches, scavenged bits
  {
    what: 'a chunk’s radix summary that disagrees with its bitmap',
    expect: /chunk \d+ summary \(\d+,\d+,\d+\) != bitmap/,
    apply(rt) {
      const ci = rt.mheap_.pages.chunks.keys().next().value! // a chunk the heap has
      rt.mheap_.pages.levels[4].get(ci >>> 3)![(ci & 7) * 3 + 1] ^= 1 // its max
    },
  },
  {
    what: 'a higher radix summary that disagrees with its children',
    expect: /level 0 summary \d+ .* children say/,
    apply(rt) {
      const block = rt.mheap_.pages.levels[0].values().next().value!
      block[1] ^= 1
    },
  },
  {
    what: 'searchAddr above a free page',
    expect: /free page 0x[0-9a-f]+ below searchAddr/,
    apply(rt) {
      rt.mheap_.pages.searchAddr = freePage(rt) + pageSize
    },
  },
  {
    what: 'a scavenged bit on an in-use page',
    expect: /in-use page 0x[0-9a-f]+ has its scavenged bit set/,
    apply(rt) {
      const p = pageBits(rt, small(rt)[0].startAddr)
      setBit(p.scav, p.i)
    },
  },
  {
    what: 'a page cache holding a page that is free in the bitmap',
    expect: /page cache holds 0x[0-9a-f]+ which is free in the bitmap/,
    apply(rt) {
      const pc = rt.allp.map((p) => p.pcache).find((c) => !c.empty())!
      const i = [...Array(64).keys()].find((k) => pc.has(k))!
      const p = pageBits(rt, pc.base + i * pageSize)
      clearBit(p.bits, p.i)
    },
  },
  // --- stats
  {
    what: 'heapInUse off by one page',
    expect: /heapInUse \d+ != Σ span bytes \d+/,
    apply(rt) {
      rt.memstats.heapInUse += pageSize
    },
  },
  {
    what: 'heapReleased off by one page',
    expect: /heapReleased \d+ != scavenged free pages \d+/,
    apply(rt) {
      rt.memstats.heapReleased += pageSize
      rt.memstats.heapFree -= pageSize
    },
  },
  {
    what: 'committed off by one',
    expect: /committed \d+ != heapInUse \+ heapFree/,
    apply(rt) {
      rt.memstats.committed += 1
    },
  },
  {
    what: 'pagesInUse off by one',
    expect: /pagesInUse \d+ disagrees with spans/,
    apply(rt) {
      rt.mheap_.pagesInUse++
    },
  },
  {
    what: 'a small-object count off by one',
    expect: /small objects: flushed \d+ \+ pending \d+ − freed \d+ != allocated slots \d+/,
    apply(rt) {
      rt.memstats.smallAllocCount[5]++
    },
  },
  {
    what: 'a large-object count off by one',
    expect: /large objects: \d+ − \d+ != \d+ large spans/,
    apply(rt) {
      rt.memstats.largeFreeCount++
    },
  },
]

describe('checkHeap catches each corruption', () => {
  it('the uncorrupted heap passes, and has what the rows need', () => {
    const rt = cloneRuntime(base)
    checkHeap(rt)
    expect(large(rt).length).toBeGreaterThanOrEqual(2)
    expect(rt.allp.some((p) => p.mcache.tiny !== 0)).toBe(true)
    expect(rt.allp.some((p) => !p.pcache.empty())).toBe(true)
    expect([...rt.ptrs.entries()].length).toBeGreaterThan(10)
  })

  it.each(corruptions)('$what', ({ expect: want, apply }) => {
    const rt = cloneRuntime(base)
    apply(rt)
    let err: unknown = null
    try {
      checkHeap(rt)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(HeapCheckError)
    expect((err as Error).message).toMatch(/^checkHeap: /)
    expect((err as Error).message).toMatch(want)
  })
})

describe('checkHeap catches a wrong pageMarks bit while spans await their sweep', () => {
  // A lazily swept cycle: every span in use is unswept, so each one's pageMarks bit must say
  // whether the marker marked one of its objects.
  function lazyHeap(greenTea: boolean): Runtime {
    const rt = new Runtime({ gogc: 'off', greenTea })
    const keep = rt.malloc(100_000, { noscan: true })
    rt.drop(rt.malloc(100_000, { noscan: true }))
    rt.malloc(64) // a scan span with a live object
    rt.malloc(64, { noscan: true }) // a noscan span with a live object
    rt.readMemStats() // flushes P0's mcache: the small spans wait on mcentral, unswept after the GC
    rt.gc({ sweep: 'lazy' })
    checkHeap(rt)
    expect(rt.spanOf(keep)).not.toBeNull()
    return rt
  }
  const unswept = (rt: Runtime, pred: (s: MSpan) => boolean): MSpan => {
    const s = rt.mheap_.allspans.find((x) => x.sweepgen === rt.mheap_.sweepgen - 2 && pred(x))
    if (s === undefined) throw new Error('fixture: no such unswept span')
    return s
  }
  for (const greenTea of [false, true]) {
    it(`${greenTea ? 'Green Tea' : 'classic'}: a live large span's bit cleared`, () => {
      const rt = lazyHeap(greenTea)
      flipPageMark(rt, unswept(rt, (s) => s.spanclass >>> 1 === 0 && s.isMarked(0)).startAddr)
      expect(() => checkHeap(rt)).toThrow(
        /pageMarks bit of unswept span 0x[0-9a-f]+ .* is 0, but the span has a marked object/,
      )
    })
    it(`${greenTea ? 'Green Tea' : 'classic'}: a dead large span's bit set`, () => {
      const rt = lazyHeap(greenTea)
      flipPageMark(rt, unswept(rt, (s) => s.spanclass >>> 1 === 0 && !s.isMarked(0)).startAddr)
      expect(() => checkHeap(rt)).toThrow(
        /pageMarks bit of unswept span 0x[0-9a-f]+ .* is 1, but the span has no marked object/,
      )
    })
    it(`${greenTea ? 'Green Tea' : 'classic'}: the live noscan 64-byte span's bit flipped`, () => {
      const rt = lazyHeap(greenTea)
      flipPageMark(rt, unswept(rt, (s) => s.elemsize === 64 && (s.spanclass & 1) === 1).startAddr)
      // Under Green Tea the right bit is 0 (noscan inline-mark spans are never scanned), so
      // setting it is the corruption; with the classic marker clearing it is.
      expect(() => checkHeap(rt)).toThrow(
        greenTea ? /is 1, but .*never set/ : /is 0, but the span has a marked object/,
      )
    })
  }
})
