// mallocPlan, the Go function per version, and growslice's capacity rule, against values worked
// out by hand from Go's runtime sources (malloc.go, malloc_tables_generated.go, slice.go) and
// Go's published size-class table (test/core/go-sizeclasses.data.ts).
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { GoVersion } from '@go-alloc/core'
import {
  arrayOf,
  mallocFn,
  mallocPlan,
  nextSliceCap,
  parseTypeExpr,
  pointerTo,
  roundSliceCap,
  structOf,
  types,
} from '@go-alloc/gotypes'
import { goSizeClasses } from '../core/go-sizeclasses.data.ts'

const V = (v: string) => v as GoVersion
const goSizes = goSizeClasses.map((r) => r[1])
/** Smallest class size ≥ n (Go's table), or the page-rounded size past 32768. */
const classUp = (n: number) => goSizes.find((s) => s >= n) ?? Math.ceil(n / 8192) * 8192

describe('the Go function an allocation goes through', () => {
  // [size, noscan, fn] for Go 1.27: size-specialised below 81 bytes (malloc.go mallocgc,
  // malloc_tables_generated.go mallocNoScanTable / mallocScanTable).
  const go127: [number, boolean, string][] = [
    [0, true, 'mallocgc'], // zero-size returns &zerobase before dispatch
    [1, true, 'mallocgcTinySC2'],
    [15, true, 'mallocgcTinySC2'],
    [16, true, 'mallocgcSmallNoScanSC2'],
    [17, true, 'mallocgcSmallNoScanSC3'], // 24-byte class
    [48, true, 'mallocgcSmallNoScanSC5'],
    [80, true, 'mallocgcSmallNoScanSC7'],
    [81, true, 'mallocgcSmallNoscan'],
    [1, false, 'mallocgcSmallScanNoHeaderSC1'],
    [8, false, 'mallocgcSmallScanNoHeaderSC1'],
    [9, false, 'mallocgcSmallScanNoHeaderSC2'],
    [33, false, 'mallocgcSmallScanNoHeaderSC5'],
    [80, false, 'mallocgcSmallScanNoHeaderSC7'],
    [81, false, 'mallocgcSmallScanNoHeader'],
    [512, false, 'mallocgcSmallScanNoHeader'],
    [513, false, 'mallocgcSmallScanHeader'],
    [32760, false, 'mallocgcSmallScanHeader'],
    [32760, true, 'mallocgcSmallNoscan'],
    [32761, false, 'mallocgcLarge'],
    [32761, true, 'mallocgcLarge'],
  ]
  it.each(go127)('1.27: %d bytes, noscan %s → %s', (size, noscan, fn) => {
    expect(mallocFn(size, noscan, '1.27')).toBe(fn)
  })
  // 1.24..1.26: the five functions split out of mallocgc.
  const go124: [number, boolean, string][] = [
    [0, true, 'mallocgc'],
    [1, true, 'mallocgcTiny'],
    [15, true, 'mallocgcTiny'],
    [16, true, 'mallocgcSmallNoscan'],
    [8, false, 'mallocgcSmallScanNoHeader'],
    [512, false, 'mallocgcSmallScanNoHeader'],
    [513, false, 'mallocgcSmallScanHeader'],
    [40000, true, 'mallocgcLarge'],
  ]
  it.each(go124)('1.24 and 1.26: %d bytes, noscan %s → %s', (size, noscan, fn) => {
    expect(mallocFn(size, noscan, '1.24')).toBe(fn)
    expect(mallocFn(size, noscan, '1.26')).toBe(fn)
  })
  it('up to 1.23 everything is mallocgc', () => {
    for (const v of ['1.21', '1.22', '1.23'])
      for (const [size, noscan] of [
        [1, true],
        [100, false],
        [40000, true],
      ] as const)
        expect(mallocFn(size, noscan, v)).toBe('mallocgc')
  })
})

describe('mallocPlan', () => {
  it('tiny, noscan, header, large', () => {
    // [3]byte: 3 bytes, no pointers → tiny (class 2, 16-byte block, span class 5)
    const tiny = mallocPlan(arrayOf(3, types.byte), V('1.27'))
    expect([tiny.kind, tiny.tiny, tiny.sizeclass, tiny.spanclass, tiny.slot, tiny.fn]).toEqual([
      'tiny',
      true,
      2,
      5,
      16,
      'mallocgcTinySC2',
    ])
    // struct{ next *T; v int; s string } = 32 bytes with pointers → class 4 (32), scan span class 8
    const node = mallocPlan(
      structOf([
        { name: 'next', type: pointerTo(types.int) },
        { name: 'v', type: types.int },
        { name: 's', type: types.string },
      ]),
      V('1.27'),
    )
    expect([node.kind, node.noscan, node.sizeclass, node.spanclass, node.slot, node.waste, node.fn]).toEqual([
      'small',
      false,
      4,
      8,
      32,
      0,
      'mallocgcSmallScanNoHeaderSC4',
    ])
    // [100]*int = 800 B pointerful → header: 808 → class 896 (class 31), waste 96 (header included)
    const hdr = mallocPlan(arrayOf(100, pointerTo(types.int)), V('1.24'))
    expect([hdr.header, hdr.sizeclass, hdr.slot, hdr.waste, hdr.fn]).toEqual([
      true,
      31,
      896,
      96,
      'mallocgcSmallScanHeader',
    ])
    // make([]int64, 5000): 40000 B → large, 5 pages
    const large = mallocPlan(types.int64, V('1.22'), 5000)
    expect([large.kind, large.sizeclass, large.slot, large.npages, large.nelems, large.fn]).toEqual([
      'large',
      0,
      40960,
      5,
      1,
      'mallocgc',
    ])
    // a zero-size type is not tiny (Go returns &zerobase)
    const zero = mallocPlan(structOf([]), V('1.27'))
    expect([zero.kind, zero.tiny, zero.slot]).toEqual(['zero', false, 0])
  })
  it('objects per span follow the version: Green Tea inline mark bits from 1.26', () => {
    // 24 B with pointers: 1.22 reserves 128 B of heap bits → 8064 / 24 = 336;
    // 1.26+ also 128 B of inline mark bits → 7936 / 24 = 330 (measured with go1.27.4)
    const t = structOf([
      { name: 'p', type: pointerTo(types.int) },
      { name: 'a', type: types.int },
      { name: 'b', type: types.int },
    ])
    expect(mallocPlan(t, V('1.22')).nelems).toBe(336)
    expect(mallocPlan(t, V('1.27')).nelems).toBe(330)
    expect(mallocPlan(t, V('1.27'), 1, { greenTea: false }).nelems).toBe(336)
    // tiny blocks: 16 B noscan class, 8192 / 16 = 512 before 1.26, (8192 − 128) / 16 = 504 after
    expect(mallocPlan(types.int8, V('1.25')).nelems).toBe(512)
    expect(mallocPlan(types.int8, V('1.26')).nelems).toBe(504)
  })
  it('property: the slot holds the object (and its header), the span holds nelems slots', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40000 }),
        fc.boolean(),
        fc.constantFrom('1.21', '1.22', '1.24', '1.26', '1.27'),
        (n, ptr, v) => {
          const t = ptr ? arrayOf(Math.ceil(n / 8), pointerTo(types.int)) : arrayOf(n, types.byte)
          const p = mallocPlan(t, V(v))
          expect(p.size).toBe(t.size)
          expect(p.noscan).toBe(!ptr || t.size === 0)
          if (p.kind === 'zero') {
            expect(p.size).toBe(0)
            return
          }
          expect(p.slot).toBeGreaterThanOrEqual(p.size + (p.header ? 8 : 0))
          expect(p.waste).toBe(p.slot - p.size)
          expect(p.nelems * p.slot).toBeLessThanOrEqual(p.spanBytes)
          expect(p.tiny).toBe(!ptr && p.size < 16)
          expect(p.header).toBe(ptr && v !== '1.21' && p.size > 512 && p.kind === 'small')
          expect(p.fn.startsWith('mallocgc')).toBe(true)
        },
      ),
      { numRuns: 500 },
    )
  })
  it('bad arguments', () => {
    expect(() => mallocPlan(types.int, V('1.27'), -1)).toThrow(/count/)
    expect(() => mallocPlan(types.int, V('2.0'))).toThrow(/goVersion/)
  })
})

describe("growslice's capacity", () => {
  it('nextSliceCap: double below 256, then +(cap+768)/4, or the needed length', () => {
    expect(nextSliceCap(1, 0)).toBe(1)
    expect(nextSliceCap(5, 4)).toBe(8)
    expect(nextSliceCap(10, 4)).toBe(10) // more than double: the needed length
    expect(nextSliceCap(256, 255)).toBe(510)
    expect(nextSliceCap(257, 256)).toBe(256 + (256 + 768) / 4) // 512
    expect(nextSliceCap(513, 512)).toBe(512 + (512 + 768) / 4) // 832
    // two steps: 1000 → 1000 + 442 = 1442 → 1442 + 552 = 1994
    expect(nextSliceCap(1500, 1000)).toBe(1994)
  })
  it('roundSliceCap: []int from 512 to 848 (832 × 8 = 6656 → the 6784-byte class)', () => {
    expect(roundSliceCap(832, types.int, V('1.27'))).toBe(848)
    expect(classUp(6656)).toBe(6784)
  })
  it('pointerful arrays above 512 B leave room for the malloc header (1.22+), not before', () => {
    // 128 × *int = 1024 B → +8 header = 1032 → class 1152 → 1144 usable → 143 elements
    expect(roundSliceCap(128, pointerTo(types.int), V('1.22'))).toBe(143)
    // Go 1.21: no header, 1024 is a class → 128
    expect(roundSliceCap(128, pointerTo(types.int), V('1.21'))).toBe(128)
    // pointer-free elements never get a header
    expect(roundSliceCap(128, types.int, V('1.27'))).toBe(128)
  })
  it('the caps of []byte appends from nil match the size classes', () => {
    const caps: number[] = []
    let cap = 0
    for (let len = 0; len < 600; len++)
      if (len + 1 > cap) {
        cap = roundSliceCap(nextSliceCap(len + 1, cap), types.byte, V('1.27'))
        caps.push(cap)
      }
    // 1 → 8 (class 8); then double and round: 16, 32, 64, 128, 256, 512, 896 (1024 wanted? no:
    // 512 ≥ 256 → 512 + (512+768)/4 = 832 → class 896)
    expect(caps).toEqual([8, 16, 32, 64, 128, 256, 512, 896])
  })
  it("property: pointer-free elements fill the size class of Go's table (or whole pages)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 3000 }),
        (size, oldCap, extra) => {
          const elem = parseTypeExpr(`[${size}]byte`)
          const want = nextSliceCap(oldCap + extra, oldCap)
          const cap = roundSliceCap(want, elem, V('1.27'))
          expect(cap).toBeGreaterThanOrEqual(oldCap + extra)
          expect(cap).toBe(Math.floor(classUp(want * size) / size))
        },
      ),
      { numRuns: 400 },
    )
  })
})
