// MSpan slot search: nextFreeFast/nextFreeIndex against "lowest free slot at or after freeindex"
// on spans whose allocBits look like they do after a sweep.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { MSpan, newGCBits } from '../../packages/core/src/mspan.ts'
import { Counters } from '../../packages/core/src/trace.ts'

function span(nelems: number, allocated: (i: number) => boolean): MSpan {
  const s = new MSpan()
  s.init(0xc000000000, 1)
  s.nelems = nelems
  s.elemsize = 8
  s.allocBits = newGCBits(nelems)
  for (let i = 0; i < nelems; i++) if (allocated(i)) s.allocBits[i >>> 5] |= 1 << (i & 31)
  // state after a sweep: freeindex 0, cache loaded from slot 0 (mcentral.cacheSpan)
  s.refillAllocCache(0)
  return s
}

/** Allocate until full, fast path first then slow path, as mallocgc does. */
function drain(s: MSpan): number[] {
  const c = new Counters()
  const out: number[] = []
  for (;;) {
    let v = s.nextFreeFast()
    if (v === 0) {
      const i = s.nextFreeIndex(c)
      if (i === s.nelems) break
      s.allocCount++
      v = s.startAddr + i * s.elemsize
    }
    out.push((v - s.startAddr) / s.elemsize)
  }
  return out
}

describe('nextFreeFast / nextFreeIndex', () => {
  it.each([
    { name: 'empty span of 1024', nelems: 1024, alloc: () => false },
    { name: 'every other slot used', nelems: 1024, alloc: (i: number) => i % 2 === 0 },
    { name: 'first 64 used', nelems: 200, alloc: (i: number) => i < 64 },
    { name: 'only slot 63 free', nelems: 128, alloc: (i: number) => i !== 63 },
    { name: 'only slots 64 and 127 free', nelems: 128, alloc: (i: number) => i !== 64 && i !== 127 },
    { name: '341 slots (24 B), tail free', nelems: 341, alloc: (i: number) => i < 300 },
    { name: 'full', nelems: 56, alloc: () => true },
  ])('$name: hands out exactly the free slots, in order', ({ nelems, alloc }) => {
    const s = span(nelems, alloc)
    const want = [...Array(nelems).keys()].filter((i) => !alloc(i))
    expect(drain(s)).toEqual(want)
    expect(s.freeindex).toBe(nelems)
  })

  it('nextFreeFast declines when freeindex would land on a 64-slot boundary', () => {
    const s = span(128, () => false)
    for (let i = 0; i < 63; i++) expect(s.nextFreeFast()).not.toBe(0)
    expect(s.freeindex).toBe(63)
    expect(s.nextFreeFast()).toBe(0) // slot 63 would make freeindex 64
    expect(s.nextFreeIndex(new Counters())).toBe(63)
    expect(s.freeindex).toBe(64)
    expect(s.nextFreeFast()).toBe(0xc000000000 + 64 * 8) // cache was reloaded eagerly
  })

  it('random bitmaps', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 1024 })
          .chain((n) => fc.tuple(fc.constant(n), fc.array(fc.boolean(), { minLength: n, maxLength: n }))),
        ([n, bits]) => {
          const s = span(n, (i) => bits[i])
          expect(drain(s)).toEqual([...Array(n).keys()].filter((i) => !bits[i]))
        },
      ),
      { numRuns: 200 },
    )
  })
})
