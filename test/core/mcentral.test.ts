// mcentral on its own (Go's src/runtime/mcentral.go): one span class's four span sets, with the
// heap below (mheap.alloc) and the GC's sweeper replaced by recorders. Expected values follow
// mcentral.go's cacheSpan, uncacheSpan and grow (docs/go-reference.md §1.5, §3.2, §4).
import { describe, expect, it } from 'vitest'
import { MCentral } from '../../packages/core/src/mcentral.ts'
import type { MSpan } from '../../packages/core/src/mspan.ts'
import { classToNPages, classToSize } from '../../packages/core/src/sizeclasses.ts'
import { fakeRuntime, handSpan, pageSize, take } from './fakes.ts'

const base = 0xc000000000
const spc = (5 << 1) | 1 // 48 B noscan: one page
const nelems = 170

function setup(sweepgen = 4) {
  const f = fakeRuntime(sweepgen)
  const c = new MCentral(spc)
  f.heap.central[spc] = c
  return { ...f, c }
}

const at = (i: number): number => base + i * pageSize

describe('mcentral span sets', () => {
  it('swap the swept and unswept roles when sweepgen grows by 2, without moving a span', () => {
    const c = new MCentral(spc)
    expect(c.partialSwept(4)).toBe(c.partialUnswept(6))
    expect(c.partialUnswept(4)).toBe(c.partialSwept(6))
    expect(c.fullSwept(4)).toBe(c.fullUnswept(6))
    expect(c.partialSwept(4)).toBe(c.partialSwept(8))
    expect(new Set([c.partialSwept(4), c.partialUnswept(4), c.fullSwept(4), c.fullUnswept(4)]).size).toBe(4)
  })
})

describe('mcentral.cacheSpan', () => {
  it('pops the partial swept set first, oldest first, and loads allocCache at freeindex', () => {
    const { rt, c, sweeper, heap } = setup()
    const a = handSpan(at(0), spc, nelems, 4)
    const b = handSpan(at(1), spc, nelems, 4)
    take(a, 70) // freeindex 70: allocCache starts at slot 70
    c.push(rt, c.partialSwept(4), a)
    c.push(rt, c.partialSwept(4), b)
    expect(c.cacheSpan(rt, 0)).toBe(a)
    expect(a.list).toBe(-1)
    expect(sweeper.credits).toEqual([[classToNPages[5] * pageSize, 0]])
    expect(heap.allocs).toEqual([])
    // a fresh allocBits (all free): every bit of the reloaded cache is 1 from slot 70 on
    expect(a.nextFreeFast()).toBe(a.startAddr + 70 * 48)
    expect(c.cacheSpan(rt, 0)).toBe(b)
  })

  it('while sweeping: sweeps a partial unswept span and keeps it (preserve)', () => {
    const { rt, c, sweeper, heap } = setup(4)
    sweeper.isActive = true
    const s = handSpan(at(0), spc, nelems, 2) // swept last cycle: h − 2
    take(s, 5)
    c.push(rt, c.partialUnswept(4), s)
    expect(c.cacheSpan(rt, 0)).toBe(s)
    expect(sweeper.swept).toEqual([[s, true]])
    expect(heap.allocs).toEqual([])
  })

  it('skips unswept spans another sweeper owns (tryAcquire fails)', () => {
    const { rt, c, sweeper, heap } = setup(4)
    sweeper.isActive = true
    const owned = handSpan(at(0), spc, nelems, 3) // h − 1: being swept elsewhere
    const free = handSpan(at(1), spc, nelems, 2)
    c.push(rt, c.partialUnswept(4), owned)
    c.push(rt, c.partialUnswept(4), free)
    expect(c.cacheSpan(rt, 0)).toBe(free)
    expect(sweeper.acquired).toEqual([free])
    expect(heap.allocs).toEqual([])
  })

  it('sweeps full unswept spans until one frees a slot; the still-full ones go to full swept', () => {
    const { rt, c, sweeper } = setup(4)
    sweeper.isActive = true
    const full = [0, 1, 2].map((i) => handSpan(at(i), spc, 4, 2))
    for (const s of full) {
      take(s, 4)
      c.push(rt, c.fullUnswept(4), s)
    }
    // sweeping the third frees its slot 2 (as if that object had died)
    sweeper.onSweep = (s) => {
      if (s !== full[2]) return
      s.allocBits = new Uint32Array(2)
      s.allocBits[0] = 0b1011
      s.freeindex = 0
      s.allocCount = 3
      s.refillAllocCache(0)
    }
    expect(c.cacheSpan(rt, 0)).toBe(full[2])
    expect(full[2].freeindex).toBe(2)
    expect(c.fullSwept(4).spans()).toEqual([full[0], full[1]])
  })

  it('gives up after spanBudget = 100 (101 spans tried, as Go’s loop counts down to 0) and grows', () => {
    const { rt, c, sweeper, heap } = setup(4)
    sweeper.isActive = true
    for (let i = 0; i < 150; i++) {
      const s = handSpan(at(i), spc, 4, 2)
      take(s, 4)
      c.push(rt, c.fullUnswept(4), s)
    }
    const fresh = handSpan(at(200), spc, nelems, 4)
    heap.next.push(fresh)
    expect(c.cacheSpan(rt, 3)).toBe(fresh)
    expect(sweeper.swept.length).toBe(101)
    expect(c.fullSwept(4).length).toBe(101)
    expect(c.fullUnswept(4).length).toBe(49)
    expect(heap.allocs).toEqual([[classToNPages[5], spc, 3]])
  })

  it('with nothing to reuse: grows by class_to_allocnpages pages; null when the heap cannot', () => {
    const { rt, c, heap } = setup()
    expect(c.cacheSpan(rt, 1)).toBeNull()
    expect(heap.allocs).toEqual([[1, spc, 1]])
    const c2 = new MCentral((65 << 1) | 0) // 27264 B: three in 10 pages (Go's table)
    heap.central[c2.spanclass] = c2
    c2.cacheSpan(rt, 0)
    expect(heap.allocs.at(-1)).toEqual([10, c2.spanclass, 0])
  })

  it('before Go 1.26, grow sets limit from the whole span (slots the tail bitmap took included)', () => {
    const { rt, c, heap } = setup()
    ;(rt as unknown as { goVersion: string }).goVersion = '1.22'
    const s = handSpan(at(0), spc, nelems, 4)
    s.limitOff = 0
    heap.next.push(s)
    c.cacheSpan(rt, 0)
    expect(s.limit).toBe(at(0) + classToSize[5] * Math.floor(pageSize / classToSize[5]))
  })
})

describe('mcentral.uncacheSpan', () => {
  it('files a returned span by its free slots at the current sweepgen', () => {
    const { rt, c } = setup(4)
    const part = handSpan(at(0), spc, 4, 7)
    const full = handSpan(at(1), spc, 4, 7)
    take(part, 1)
    take(full, 4)
    part.cachedBy = full.cachedBy = 0
    c.uncacheSpan(rt, part)
    c.uncacheSpan(rt, full)
    expect(c.partialSwept(4).spans()).toEqual([part])
    expect(c.fullSwept(4).spans()).toEqual([full])
    for (const s of [part, full]) {
      expect(s.sweepgen).toBe(4)
      expect(s.cachedBy).toBe(-1)
    }
  })

  it('sweeps a span cached before this sweep began (h+1) instead of filing it', () => {
    const { rt, c, sweeper } = setup(6)
    const stale = handSpan(at(0), spc, 4, 7) // cached at the old h+3 = new h+1
    take(stale, 2)
    const spans = (): MSpan[] => [c.partialSwept(6), c.fullSwept(6)].flatMap((x) => x.spans())
    c.uncacheSpan(rt, stale)
    expect(sweeper.swept).toEqual([[stale, false]])
    expect(spans()).toEqual([])
  })

  it('refuses an empty span', () => {
    const { rt, c } = setup()
    expect(() => c.uncacheSpan(rt, handSpan(at(0), spc, 4, 7))).toThrow(
      'uncaching span but s.allocCount == 0',
    )
  })
})
