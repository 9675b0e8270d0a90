// mheap on its own (Go's src/runtime/mheap.go): allocSpan, initSpan, grow, freeSpan and the
// address → span map, called directly on a Runtime's heap (nothing above it: no mcache, no
// mcentral). The Runtime is only the container of the heap's neighbours (the OS, the Ps' page
// caches, the statistics). Expected values follow mheap.go and the page allocator's address-
// ordered first fit (docs/go-reference.md §1.3, §1.4).
import { describe, expect, it } from 'vitest'
import { Runtime } from '@go-alloc/core'
import { arenaIndex } from '../../packages/core/src/mheap.ts'
import { mSpanDead, mSpanInUse } from '../../packages/core/src/mspan.ts'

const P = 8192
const chunk = 4 << 20
const arena0 = 0xc000000000
const spc48 = (5 << 1) | 1 // 48 B noscan, one page

/** A fresh heap at the fixed base 0xc000000000 (Go before 1.26, or norandomizedheapbase64). */
function heap(): { rt: Runtime; h: Runtime['mheap_'] } {
  const rt = new Runtime({ heapBase: 'fixed', gogc: 'off' })
  return { rt, h: rt.mheap_ }
}

describe('mheap.alloc', () => {
  it('the first span: the heap grows by one 4 MiB chunk at the first arena hint', () => {
    const { rt, h } = heap()
    const s = h.alloc(1, spc48, 0)!
    expect(s.startAddr).toBe(arena0)
    expect(rt.os.mappedBytes()).toBe(chunk)
    expect(s.state).toBe(mSpanInUse)
    expect([s.npages, s.spanclass, s.elemsize, s.divMul]).toEqual([
      1,
      spc48,
      48,
      Math.floor(0xffffffff / 48) + 1,
    ])
    expect(s.sweepgen).toBe(h.sweepgen)
    expect(h.pagesInUse).toBe(1)
    expect(h.allspans).toEqual([s])
    // the page → span map and the first page's pageInUse bit
    const ha = h.arenas.get(arenaIndex(arena0))!
    expect(ha.spans[0]).toBe(s)
    expect(ha.pageInUse[0] & 1).toBe(1)
    expect(rt.memstats.heapInUse).toBe(P)
  })

  it('a large span (class 0): one object of npages × 8192 B; every page maps to it', () => {
    const { h } = heap()
    const s = h.alloc(20, 0, 0)!
    expect([s.nelems, s.elemsize, s.divMul]).toEqual([1, 20 * P, 0])
    for (let i = 0; i < 20; i++) expect(h.spanOf(s.startAddr + i * P + 123)).toBe(s)
    expect(h.spanOfHeap(s.startAddr + 20 * P)).toBeNull()
    const ha = h.arenas.get(arenaIndex(s.startAddr))!
    const first = Math.floor(s.startAddr / P) % 8192
    const bits = Array.from(
      { length: 20 },
      (_, i) => (ha.pageInUse[(first + i) >>> 3] >>> ((first + i) & 7)) & 1,
    )
    expect(bits).toEqual([1, ...Array(19).fill(0)]) // pageInUse marks only the first page
  })

  it('spans under 16 pages come from the P’s page cache; 16 pages and up from the page allocator', () => {
    const { rt, h } = heap()
    h.alloc(1, spc48, 0) // the first grows the heap
    const k0 = { ...rt.readCounters() }
    h.alloc(15, 0, 0)
    const k1 = { ...rt.readCounters() }
    expect(k1.pageCacheAllocs - k0.pageCacheAllocs).toBe(1)
    expect(k1.pageAllocs - k0.pageAllocs).toBe(0)
    h.alloc(16, 0, 0)
    const k2 = { ...rt.readCounters() }
    expect(k2.pageCacheAllocs - k1.pageCacheAllocs).toBe(0)
    expect(k2.pageAllocs - k1.pageAllocs).toBe(1)
  })

  it('address-ordered first fit: a freed run is reused by the next request that fits', () => {
    const { h } = heap()
    const [a, b, c] = [h.alloc(16, 0, 0)!, h.alloc(16, 0, 0)!, h.alloc(16, 0, 0)!]
    expect([b.startAddr - a.startAddr, c.startAddr - b.startAddr]).toEqual([16 * P, 16 * P])
    b.allocCount = 0 // a large span whose object died
    h.freeSpan(b)
    expect(h.alloc(20, 0, 0)!.startAddr).toBeGreaterThan(c.startAddr) // does not fit in the hole
    expect(h.alloc(16, 0, 0)!.startAddr).toBe(b.startAddr)
  })

  it('a request bigger than a chunk grows by whole chunks', () => {
    const { rt, h } = heap()
    h.alloc(600, 0, 0) // 600 pages > 512: two chunks
    expect(rt.os.mappedBytes()).toBe(2 * chunk)
  })
})

describe('mheap.freeSpan', () => {
  it('returns the pages, updates the stats and keeps allspans dense', () => {
    const { rt, h } = heap()
    const a = h.alloc(16, 0, 0)!
    const b = h.alloc(16, 0, 0)!
    const inUse = rt.memstats.heapInUse
    const free = rt.memstats.heapFree
    a.allocCount = 0
    h.freeSpan(a)
    expect(a.state).toBe(mSpanDead)
    expect(h.spanOfHeap(a.startAddr)).toBeNull()
    expect(h.pagesInUse).toBe(16)
    expect(rt.memstats.heapInUse).toBe(inUse - 16 * P)
    expect(rt.memstats.heapFree).toBe(free + 16 * P)
    expect(h.allspans).toEqual([b]) // the last span took the freed one's index
    expect(b.allIndex).toBe(0)
    for (let i = 0; i < 16; i++) expect(h.pages.pageInUse(a.startAddr + i * P)).toBe(false)
    expect(h.pages.pageInUse(b.startAddr)).toBe(true)
  })

  it('refuses a span with objects or one not swept at the heap’s sweepgen', () => {
    const { h } = heap()
    const s = h.alloc(16, 0, 0)!
    s.allocCount = 1
    expect(() => h.freeSpan(s)).toThrow('mheap.freeSpanLocked - invalid free')
    s.allocCount = 0
    s.sweepgen = h.sweepgen - 2
    expect(() => h.freeSpan(s)).toThrow('mheap.freeSpanLocked - invalid free')
    s.sweepgen = h.sweepgen
    h.freeSpan(s)
    expect(() => h.freeSpan(s)).toThrow('mheap.freeSpanLocked - invalid span state')
  })
})
