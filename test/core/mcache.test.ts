// mcache on its own (Go's src/runtime/mcache.go): a per-P cache of one span per span class, with
// the mcentrals below it replaced by a recorder that hands out spans built by hand. Expected
// values follow mcache.go's refill, nextFree, allocLarge and releaseAll (docs/go-reference.md §3, §6).
import { describe, expect, it } from 'vitest'
import { MCache, emptymspan } from '../../packages/core/src/mcache.ts'
import type { MSpan } from '../../packages/core/src/mspan.ts'
import { fakeRuntime, handSpan, pageSize, take } from './fakes.ts'

const base = 0xc000000000
const spc48 = (5 << 1) | 1 // class 5 (48 B), noscan
const tinySpc = (2 << 1) | 1 // the tiny span class

/** An mcentral that hands out queued spans and records what comes back. */
class FakeCentral {
  queue: MSpan[] = []
  cacheCalls: number[] = []
  uncached: MSpan[] = []
  pushed: [string, MSpan][] = []
  cacheSpan(_rt: unknown, pp: number): MSpan | null {
    this.cacheCalls.push(pp)
    return this.queue.shift() ?? null
  }
  uncacheSpan(_rt: unknown, s: MSpan): void {
    this.uncached.push(s)
  }
  fullSwept(sg: number): string {
    return `fullSwept@${sg}`
  }
  push(_rt: unknown, set: string, s: MSpan): void {
    this.pushed.push([set, s])
  }
}

function setup(spc = spc48) {
  const f = fakeRuntime(4)
  const central = new FakeCentral()
  f.heap.central[spc] = central
  return { ...f, central, c: new MCache(1) }
}

describe('mcache.refill', () => {
  it('from the empty placeholder: takes a span from mcentral and marks it cached (h+3) by this P', () => {
    const { rt, central, memstats, counters, c } = setup()
    const s = handSpan(base, spc48, 170, 4)
    take(s, 3) // a partly used span, as cacheSpan may hand back
    central.queue.push(s)
    expect(c.alloc[spc48]).toBe(emptymspan)
    c.refill(rt, spc48)
    expect(central.cacheCalls).toEqual([1])
    expect(central.uncached).toEqual([])
    expect(c.alloc[spc48]).toBe(s)
    expect(s.sweepgen).toBe(4 + 3)
    expect(s.cachedBy).toBe(1)
    expect(s.allocCountBeforeCache).toBe(3)
    // heapLive counts the span's free slots as if allocated (Go: gcController.update).
    expect(memstats.heapLive).toBe(pageSize - 3 * 48)
    expect(counters.refills).toBe(1)
  })

  it('of a full span: hands it back and flushes the slots allocated while cached into the stats', () => {
    const { rt, central, memstats, c } = setup()
    const a = handSpan(base, spc48, 10, 4)
    const b = handSpan(base + pageSize, spc48, 10, 4)
    central.queue.push(a, b)
    take(a, 4)
    c.refill(rt, spc48) // a cached with 4 slots already used
    take(a, 6) // the P fills it
    c.refill(rt, spc48)
    expect(central.uncached).toEqual([a])
    expect(memstats.smallAllocCount[5]).toBe(6) // allocCount 10 − allocCountBeforeCache 4
    expect(memstats.totalAlloc).toBe(6 * 48)
    expect(a.allocCountBeforeCache).toBe(0)
    expect(c.alloc[spc48]).toBe(b)
  })

  it('of the tiny span class also flushes the tiny sub-allocations', () => {
    const { rt, central, memstats, c } = setup(tinySpc)
    const a = handSpan(base, tinySpc, 4, 4)
    central.queue.push(a, handSpan(base + pageSize, tinySpc, 4, 4))
    c.refill(rt, tinySpc)
    take(a, 4)
    c.tinyAllocs = 7
    c.refill(rt, tinySpc)
    expect(memstats.tinyAllocCount).toBe(7)
    expect(c.tinyAllocs).toBe(0)
    expect(memstats.smallAllocCount[2]).toBe(4)
  })

  it('refuses a span with free slots, a span not cached at h+3, and mcentral running dry', () => {
    const { rt, central, c } = setup()
    const a = handSpan(base, spc48, 10, 4)
    central.queue.push(a)
    c.refill(rt, spc48)
    expect(() => c.refill(rt, spc48)).toThrow('refill of span with free space remaining')
    take(a, 10)
    a.sweepgen = 4
    expect(() => c.refill(rt, spc48)).toThrow('bad sweepgen in refill')
    a.sweepgen = 7
    expect(() => c.refill(rt, spc48)).toThrow('out of memory') // the queue is empty
  })
})

describe('mcache.nextFree', () => {
  it('takes slots in order, and refills when the cached span is full', () => {
    const { rt, central, c } = setup()
    const a = handSpan(base, spc48, 3, 4)
    const b = handSpan(base + pageSize, spc48, 3, 4)
    central.queue.push(a, b)
    const got = Array.from({ length: 5 }, () => c.nextFree(rt, spc48))
    expect(got).toEqual([base, base + 48, base + 96, base + pageSize, base + pageSize + 48])
    expect(central.cacheCalls).toEqual([1, 1])
    expect(central.uncached).toEqual([a])
    expect(a.allocCount).toBe(3)
    expect(b.allocCount).toBe(2)
    // each slot handed out is a root (the program references it until drop)
    expect(b.rootBits[0] & 0b11).toBe(0b11)
  })
})

describe('mcache.allocLarge', () => {
  it('pays sweep credit, takes whole pages from mheap and files the span on mcentral[0|1]’s full swept set', () => {
    const f = fakeRuntime(6)
    const c = new MCache(2)
    for (const noscan of [false, true]) {
      const spc = noscan ? 1 : 0
      const central = new FakeCentral()
      f.heap.central[spc] = central
      const span = handSpan(base, 0, 1, 6)
      span.npages = 5
      f.heap.next.push(span)
      const before = { ...f.memstats, smallAllocCount: null, smallFreeCount: null }
      const s = c.allocLarge(f.rt, 40_000, noscan) // ⌈40000 / 8192⌉ = 5 pages
      expect(s).toBe(span)
      expect(f.heap.allocs.at(-1)).toEqual([5, spc, 2])
      expect(f.sweeper.credits.at(-1)).toEqual([5 * pageSize, 5])
      expect(central.pushed).toEqual([['fullSwept@6', span]])
      expect(s.limit).toBe(base + 40_000) // the requested size, not the span's
      expect(f.memstats.largeAlloc - before.largeAlloc).toBe(5 * pageSize)
      expect(f.memstats.largeAllocCount - before.largeAllocCount).toBe(1)
      expect(f.memstats.totalAlloc - before.totalAlloc).toBe(5 * pageSize)
      expect(f.memstats.heapLive - before.heapLive).toBe(5 * pageSize)
    }
  })
})

describe('mcache.releaseAll', () => {
  it('hands every span back, flushes the counts, drops the tiny block; stale spans do not lower heapLive', () => {
    const f = fakeRuntime(4)
    const c = new MCache(0)
    const c48 = new FakeCentral()
    const cTiny = new FakeCentral()
    f.heap.central[spc48] = c48
    f.heap.central[tinySpc] = cTiny
    const a = handSpan(base, spc48, 10, 4)
    const t = handSpan(base + pageSize, tinySpc, 8, 4)
    c48.queue.push(a)
    cTiny.queue.push(t)
    c.refill(f.rt, spc48)
    c.refill(f.rt, tinySpc)
    take(a, 4)
    take(t, 2)
    c.tiny = t.startAddr + 16
    c.tinyoffset = 5
    c.tinyAllocs = 3
    f.heap.sweepgen = 6 // a GC began: both spans are now "cached before the sweep" (h+1)…
    a.sweepgen = 4 + 3 // …a was cached at h+3 = 7 = new h + 1: stale
    t.sweepgen = 6 + 3 // t counts as cached after this sweep began (h+3): not stale
    const heapLive = f.memstats.heapLive
    expect(c.releaseAll(f.rt)).toBe(2)
    expect(c48.uncached).toEqual([a])
    expect(cTiny.uncached).toEqual([t])
    expect(c.alloc[spc48]).toBe(emptymspan)
    expect(c.alloc[tinySpc]).toBe(emptymspan)
    expect(f.memstats.smallAllocCount[5]).toBe(4)
    expect(f.memstats.smallAllocCount[2]).toBe(2)
    expect(f.memstats.tinyAllocCount).toBe(3)
    expect([c.tiny, c.tinyoffset, c.tinyAllocs]).toEqual([0, 0, 0])
    // only the non-stale span's free slots leave heapLive: (8 − 2) × 16
    expect(heapLive - f.memstats.heapLive).toBe(6 * 16)
  })
})
