// The heap-bitmap figure's model, checked against Go's address arithmetic written out here by
// hand (not through the model or the core's helpers): the Go 1.7–1.10 bitmap byte
// arena_start − 1 − word/4 with the pointer bit at word%4 and the scan bit 4 above it, the
// 1.11–1.19 per-arena index (addr/32) mod 2 MiB, the 1.20–1.21 1-bit index addr/8 mod 2^23 split
// into uintptr and bit, the 1.22 span tail (last 128 B of the page, byte o/8, bit o%8 for word o),
// the 8-byte header of pointerful objects > 512 B, mspan.largeType for large ones, and the
// Go 1.26 inline mark bits (128 B at the span end, marks at +64) with Go 1.27's measured
// capacities (24 B scan: 330 per span, 16 B noscan: 504).
import { describe, expect, it } from 'vitest'
import {
  bitmapView,
  initialState,
  ptrDataWords,
  schemeOf,
  stateForGoto,
  stateFromParams,
  type BitmapState,
  type SchemeId,
  type SchemeView,
} from '../../site/widgets/heap-bitmap/model.ts'

const arenaStart = 0xc000000000 + 512 * 2 ** 20 + 16 * 2 ** 30 // spans 512 MiB | bitmap 16 GiB
const st = (pattern: string, count = 1, index = 1): BitmapState => ({ pattern, count, index, scheme: null })
const scheme = (s: BitmapState, id: SchemeId, v = '1.22'): SchemeView => {
  const view = bitmapView(s, v as never)
  expect(view.error).toBeNull()
  const sv = view.schemes.find((x) => x.id === id)
  if (!sv) throw new Error(id)
  return sv
}
/** Pointer bit of word w of [count]pattern, by hand. */
const ptr = (pattern: string, w: number) => (pattern[w % pattern.length] === 'p' ? 1 : 0)

describe('heap-bitmap: which scheme a Go release uses', () => {
  it('maps the site versions', () => {
    expect(schemeOf('1.21')).toBe('arena1')
    for (const v of ['1.22', '1.23', '1.24', '1.25']) expect(schemeOf(v)).toBe('span')
    expect(schemeOf('1.26')).toBe('greentea')
    expect(schemeOf('1.27')).toBe('greentea')
    expect(schemeOf('1.10')).toBe('legacy')
    expect(schemeOf('1.19')).toBe('arena2')
  })
})

describe('heap-bitmap: Go 1.7–1.10, one bitmap growing down from arena_start', () => {
  it('puts each word at byte arena_start − 1 − word/4, pointer bit word%4, scan bit +4', () => {
    const pattern = 'sps'
    const v = scheme(st(pattern, 3, 2), 'legacy')
    expect(v.arenaBase).toBe(arenaStart)
    expect(v.addr).toBeGreaterThanOrEqual(arenaStart)
    const lastPtr = 3 * 3 - 2 // [3]struct{s; p; s}: last pointer word is 7
    for (const w of v.words) {
      const word = (v.slot + 8 * w.word - arenaStart) / 8
      expect(w.byteAddr).toBe(arenaStart - 1 - Math.floor(word / 4))
      expect(w.ptrBit).toBe(word % 4)
      expect(w.scanBit).toBe((word % 4) + 4)
      const inObj = w.word < 9
      expect(w.ptrValue).toBe(inObj ? ptr(pattern, w.word) : 0)
      // the high bit of word 1 is the checkmark bit; elsewhere 1 up to the last pointer word
      expect(w.scanValue).toBe(w.word === 1 ? 0 : w.word <= lastPtr ? 1 : 0)
    }
    // the bitmap bytes sit below arena_start, and a higher word never has a higher byte
    for (const b of v.bytes) expect(b.addr as number).toBeLessThan(arenaStart)
    expect(v.costBytes).toBe(v.elemsize / 32)
  })
})

describe('heap-bitmap: Go 1.11–1.19, 2 bits per word in each heapArena', () => {
  it('indexes ha.bitmap by (addr/32) mod 2 MiB, shift (addr/8) mod 4', () => {
    const v = scheme(st('pp', 2, 5), 'arena2')
    expect(v.arenaBase % 2 ** 26).toBe(0)
    for (const w of v.words) {
      const a = v.slot + 8 * w.word
      expect(w.byteName).toBe(`ha.bitmap[${Math.floor(a / 32) % 2 ** 21}]`)
      expect(w.ptrBit).toBe(Math.floor(a / 8) % 4)
      expect(w.ptrValue).toBe(1)
      expect(w.scanValue).toBe(1) // every word up to the last pointer word
    }
    expect(v.perArenaBytes).toBe(2 * 2 ** 20)
  })
})

describe('heap-bitmap: Go 1.20–1.21, 1 bit per word and noMorePtrs', () => {
  it('indexes ha.bitmap[word/64] bit word%64 with word = addr/8 mod 2^23', () => {
    const v = scheme(st('ps', 100, 0), 'arena1', '1.21')
    expect(v.elemsize).toBe(1792) // 1600 B → class 1792 in 1.21 (no header)
    for (const w of v.words) {
      const word = Math.floor((v.slot + 8 * w.word) / 8) % 2 ** 23
      expect(w.byteName).toBe(`ha.bitmap[${Math.floor(word / 64)}] byte ${Math.floor((word % 64) / 8)}`)
      expect(w.ptrBit).toBe(word % 8)
      expect(w.ptrValue).toBe(w.word < 200 ? ptr('ps', w.word) : 0)
    }
    expect(v.costBytes).toBeCloseTo(1792 / 64 + 1792 / 4096, 10)
    expect(v.perArenaBytes).toBe(2 ** 20 + 2 ** 14)
  })
  it('sets noMorePtrs for the bitmap words the object continues past, from its last pointer', () => {
    const v = scheme(st('ps', 100, 0), 'arena1', '1.21')
    const start = Math.floor(v.slot / 8) % 2 ** 23
    const lastPtrWord = start + 198 // [100]struct{p; s}: pointer prefix ends at word 198
    const lastWord = start + 1792 / 8 - 1
    const noMore = v.bytes.flatMap((b) =>
      b.bits.map((bit, i) => ({ bit, idx: 8 * Number(/\[(\d+)\]/.exec(b.name)?.[1]) + i, b })),
    )
    for (const { bit, idx, b } of noMore) {
      if (!b.name.startsWith('ha.noMorePtrs') || bit.kind !== 'noMore') continue
      const want = idx >= Math.floor(lastPtrWord / 64) && idx < Math.floor(lastWord / 64) ? 1 : 0
      expect(bit.value, `noMorePtrs bit of bitmap word ${idx}`).toBe(want)
    }
    expect(noMore.some((x) => x.bit.kind === 'noMore')).toBe(true)
  })
})

describe('heap-bitmap: Go 1.20–1.21 noscan spans', () => {
  it('zeroes the pointer bits and marks noMorePtrs for every bitmap word of the span but its last', () => {
    const v = scheme(st('s', 64, 3), 'arena1', '1.21') // [64]int: 512 B, noscan
    const spanLast = Math.floor(((v.spanBase + 8192) / 8 - 1) / 64) % 2 ** 17
    let seen = 0
    for (const b of v.bytes) {
      b.bits.forEach((bit, i) => {
        if (bit.kind === 'pointer') expect(bit.value).toBe(0)
        if (bit.kind !== 'noMore') return
        const idx = 8 * Number(/\[(\d+)\]/.exec(b.name)?.[1]) + i
        expect(bit.value, `bitmap word ${idx}`).toBe(idx < spanLast ? 1 : 0)
        seen++
      })
    }
    expect(seen).toBeGreaterThan(0)
  })
})

describe('heap-bitmap: Go 1.22–1.25 allocation headers', () => {
  it('keeps ≤ 512 B objects in the last 128 B of the span: byte base+o/8, bit o%8', () => {
    const pattern = 'sps'
    const v = scheme(st(pattern, 1, 3), 'span')
    expect(v.where).toBe('span-tail')
    expect(v.tailHeapBits).toEqual({ base: v.spanBase + 8192 - 128, size: 128 })
    expect(v.nelems).toBe(Math.floor((8192 - 128) / 24))
    for (const w of v.words) {
      const o = (v.slot + 8 * w.word - v.spanBase) / 8
      expect(w.byteAddr).toBe(v.spanBase + 8192 - 128 + Math.floor(o / 8))
      expect(w.ptrBit).toBe(o % 8)
      expect(w.ptrValue).toBe(ptr(pattern, w.word))
    }
    expect(v.costBytes).toBe(24 / 64)
  })
  it('gives pointerful objects over 512 B an 8-byte type header in the slot', () => {
    const v = scheme(st('p', 128, 1), 'span') // 1024 B + 8 → class 1152
    expect(v.where).toBe('header')
    expect(v.addr - v.slot).toBe(8)
    expect(v.elemsize).toBe(1152)
    expect(v.words[0]?.role).toBe('header')
    expect(v.words[1]?.role).toBe('pointer')
    expect(v.costBytes).toBe(8)
  })
  it('keeps a large object’s type in mspan.largeType, none in the heap', () => {
    const v = scheme(st('p', 5000, 0), 'span')
    expect(v.large).toBe(true)
    expect(v.where).toBe('largeType')
    expect(v.costBytes).toBe(0)
  })
  it('keeps nothing for an object without pointers', () => {
    const v = scheme(st('s', 64, 0), 'span')
    expect(v.where).toBe('none')
    expect(v.costBytes).toBe(0)
    expect(v.bytes).toEqual([])
  })
})

describe('heap-bitmap: Go 1.26+ inline mark bits', () => {
  it('reserves 128 B of marks at the span end and moves the heap bits before them', () => {
    const v = scheme(st('sps', 1, 7), 'greentea', '1.27')
    expect(v.nelems).toBe(330) // measured with go1.27.4
    expect(v.tailMarks).toEqual({ base: v.spanBase + 8192 - 128, size: 128 })
    expect(v.tailHeapBits).toEqual({ base: v.spanBase + 8192 - 256, size: 128 })
    const i = (v.slot - v.spanBase) / 24
    const mark = v.bytes.find((b) => b.name === `marks[${Math.floor(i / 8)}]`)
    expect(mark?.addr).toBe(v.spanBase + 8192 - 64 + Math.floor(i / 8))
    expect(mark?.bits[i % 8]?.kind).toBe('mark')
    expect(v.markBytes).toBeCloseTo(128 / 330, 10)
  })
  it('gives noscan 16–512 B spans inline marks too, 8 B spans none', () => {
    const ns = scheme(st('ss', 1, 0), 'greentea', '1.27')
    expect(ns.nelems).toBe(504)
    expect(ns.tailMarks).not.toBeNull()
    expect(ns.tailHeapBits).toBeNull()
    const eight = scheme(st('p', 1, 0), 'greentea', '1.27')
    expect(eight.tailMarks).toBeNull()
    expect(eight.nelems).toBe(1008)
  })
})

describe('heap-bitmap: input and links', () => {
  it('turns bad input into a message and keeps the rest', () => {
    expect(bitmapView({ ...initialState, pattern: 'pxq' }, '1.22').error).toMatch(/^pattern/)
    expect(bitmapView({ ...initialState, count: 0 }, '1.22').error).toMatch(/^count/)
    expect(bitmapView({ ...initialState, count: 1e6 }, '1.22').error).toMatch(/1 MiB/)
    expect(bitmapView({ ...initialState, index: -1 }, '1.22').error).toMatch(/^index/)
  })
  it('reads URL params and prose-link values', () => {
    const s = stateFromParams(new URLSearchParams('type=ps&n=4&i=2&scheme=legacy'), initialState)
    expect(s).toEqual({ pattern: 'ps', count: 4, index: 2, scheme: 'legacy' })
    expect(stateForGoto('string@arena1', initialState)).toMatchObject({
      pattern: 'ps',
      count: 1,
      scheme: 'arena1',
    })
    expect(stateForGoto('nonsense', initialState)).toBeNull()
  })
  it('counts pointer data like Go’s ptrdata', () => {
    expect(ptrDataWords('sps', 3)).toBe(8)
    expect(ptrDataWords('ss', 3)).toBe(0)
    expect(ptrDataWords('p', 5)).toBe(5)
  })
})
