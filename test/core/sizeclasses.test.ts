import { describe, expect, it } from 'vitest'
import {
  _MaxSmallSize,
  _NumSizeClasses,
  _PageShift,
  _PageSize,
  classToDivMagic,
  classToNPages,
  classToSize,
  describeSize,
  spanCapacity,
  largeSizeDiv,
  roundupsize,
  sizeClassTable,
  sizeToClass,
  sizeToClass128,
  sizeToClass8,
  smallSizeDiv,
  smallSizeMax,
} from '@go-alloc/core'
import {
  classToDivMagicT,
  classToNPagesT,
  classToSizeT,
  sizeToClass128T,
  sizeToClass8T,
  sizeToClassT,
} from '../../packages/core/src/classtables.ts'
import { goSizeClasses } from './go-sizeclasses.data.ts'

// Sizes of Go's classes, index = class (class 0 = 0), straight from the reference table.
const goSizes = [0, ...goSizeClasses.map((r) => r[1])]
const smallestClassAtLeast = (n: number): number => goSizes.findIndex((s) => s >= n)

describe('generated size-class constants', () => {
  it('has Go constants', () => {
    expect(_PageShift).toBe(13)
    expect(_PageSize).toBe(8192)
    expect(_MaxSmallSize).toBe(32768)
    expect(smallSizeDiv).toBe(8)
    expect(smallSizeMax).toBe(1024)
    expect(largeSizeDiv).toBe(128)
    expect(_NumSizeClasses).toBe(68)
    expect(goSizeClasses.length).toBe(67)
  })

  it('class 0 is the dummy large class', () => {
    expect(classToSize[0]).toBe(0)
    expect(classToNPages[0]).toBe(0)
    expect(classToDivMagic[0]).toBe(0)
  })

  it.each(goSizeClasses.map((r) => [r[0], r] as const))('class %i matches Go in every column', (c, r) => {
    const [
      cls,
      size,
      spanBytes,
      pages,
      objects,
      tail,
      maxWaste,
      minAlign,
      divMul,
      scan122,
      noscan126,
      scan126,
    ] = r
    expect(classToSize[cls]).toBe(size)
    expect(classToNPages[cls]).toBe(pages)
    expect(classToDivMagic[cls]).toBe(divMul)
    const row = sizeClassTable()[c - 1]
    expect(row).toEqual({
      class: cls,
      size,
      npages: pages,
      spanBytes,
      objects,
      tailWaste: tail,
      maxWastePct: row.maxWastePct,
      minAlign,
      divMul,
      objectsScan122: scan122,
      objectsNoscan126: noscan126,
      objectsScan126: scan126,
    })
    expect(row.maxWastePct.toFixed(2)).toBe(maxWaste)
  })

  it('size_to_class8: entry i is the smallest class of at least i*8 bytes', () => {
    expect(sizeToClass8.length).toBe(129)
    for (let i = 0; i < 129; i++) expect(sizeToClass8[i], `index ${i}`).toBe(smallestClassAtLeast(i * 8))
  })

  it('size_to_class128: entry i is the smallest class of at least 1024+i*128 bytes', () => {
    expect(sizeToClass128.length).toBe(249)
    for (let i = 0; i < 249; i++)
      expect(sizeToClass128[i], `index ${i}`).toBe(smallestClassAtLeast(1024 + i * 128))
  })

  it('sizeToClass(n) is the smallest class holding n, for every n in 1..32768', () => {
    for (let n = 1; n <= 32768; n++) {
      const c = sizeToClass(n)
      if (c !== smallestClassAtLeast(n)) throw new Error(`sizeToClass(${n}) = ${c}`)
    }
  })

  it("the core's typed tables hold the same numbers: every class, and the fast path's one-load lookup for every size 1..32768", () => {
    for (let c = 0; c < goSizes.length; c++) {
      expect(classToSizeT[c], `classToSizeT[${c}]`).toBe(goSizes[c])
      expect(classToNPagesT[c], `classToNPagesT[${c}]`).toBe(c === 0 ? 0 : goSizeClasses[c - 1][3])
      expect(classToDivMagicT[c], `classToDivMagicT[${c}]`).toBe(c === 0 ? 0 : goSizeClasses[c - 1][8])
    }
    for (let n = 1; n <= 32768; n++) {
      const c = sizeToClassT[(n + 7) >>> 3]
      if (c !== smallestClassAtLeast(n)) throw new Error(`sizeToClassT for ${n} bytes = ${c}`)
      const split = n <= 1016 ? sizeToClass8T[(n + 7) >>> 3] : sizeToClass128T[(n - 1024 + 127) >>> 7]
      if (split !== c) throw new Error(`sizeToClass8T/128T for ${n} bytes = ${split}`)
    }
  })

  it('divMul turns every in-span offset into floor(off/size), for every class', () => {
    // off ≤ 81920 and divMul < 2^30, so off*divMul < 2^47: exact in a double.
    for (let c = 1; c < 68; c++) {
      const size = classToSize[c]
      const m = classToDivMagic[c]
      const max = classToNPages[c] * 8192
      for (let off = 0; off <= max; off++) {
        if (Math.floor((off * m) / 2 ** 32) !== Math.floor(off / size))
          throw new Error(`class ${c} off ${off}`)
      }
    }
  })

  it('sizeClassTable returns fresh copies', () => {
    const t = sizeClassTable()
    t[0].size = 999
    expect(sizeClassTable()[0].size).toBe(8)
  })
})

describe('roundupsize', () => {
  it.each([
    [1, true, '1.22', 8],
    [24, true, '1.22', 24],
    [33, true, '1.22', 48],
    [1025, true, '1.22', 1152],
    [513, false, '1.22', 576 - 8], // header: 521 → class 27 (576), usable 568
    [513, false, '1.21', 576],
    [600, false, '1.22', 640 - 8],
    [32760, true, '1.22', 32768],
    [32761, true, '1.22', 32768], // large: whole pages,
    [32761, true, '1.21', 32768],
    [32768, true, '1.21', 32768],
    [32769, true, '1.21', 40960],
    [40000, true, '1.22', 40960],
  ] as const)('roundupsize(%i, noscan=%s, %s) = %i', (size, noscan, v, want) => {
    expect(roundupsize(size, noscan, v)).toBe(want)
  })
})

describe('describeSize', () => {
  it('zero', () => {
    expect(describeSize(0)).toMatchObject({ kind: 'zero', sizeclass: 0, elemsize: 0, nelems: 0 })
  })
  it('tiny vs small at 16', () => {
    expect(describeSize(15, { noscan: true })).toMatchObject({
      kind: 'tiny',
      sizeclass: 2,
      elemsize: 16,
      spanclass: 5,
    })
    expect(describeSize(16, { noscan: true })).toMatchObject({
      kind: 'small',
      sizeclass: 2,
      elemsize: 16,
      spanclass: 5,
      nelems: 504, // 1.27: (8192 − 128 inline mark bytes) / 16
    })
    expect(describeSize(16, { noscan: true, goVersion: '1.25' })).toMatchObject({ nelems: 512 })
    expect(describeSize(8, { noscan: false })).toMatchObject({
      kind: 'small',
      sizeclass: 1,
      spanclass: 2,
      nelems: 1008,
    })
  })
  it('33 → 48', () => {
    expect(describeSize(33, { noscan: true })).toMatchObject({
      kind: 'small',
      sizeclass: 5,
      elemsize: 48,
      wasteBytes: 15,
      tailWaste: 128, // 1.27: 168 objects × 48 = 8064 of 8192 bytes
    })
    expect(describeSize(33, { noscan: true, goVersion: '1.22' })).toMatchObject({ tailWaste: 32 })
  })
  it('24-byte pointerful objects: 330 per span in 1.27, 336 in 1.22, 341 in 1.21', () => {
    expect(describeSize(24, { noscan: false })).toMatchObject({
      nelems: 330,
      heapBitsBytes: 128,
      inlineMarkBytes: 128,
      header: false,
    })
    expect(describeSize(24, { noscan: false, goVersion: '1.22' })).toMatchObject({
      nelems: 336,
      heapBitsBytes: 128,
      header: false,
    })
    expect(describeSize(24, { noscan: false, goVersion: '1.21' })).toMatchObject({
      nelems: 341,
      heapBitsBytes: 0,
    })
  })
  it('malloc header from 513 pointerful bytes in 1.22', () => {
    expect(describeSize(512, { noscan: false })).toMatchObject({ sizeclass: 26, header: false, nelems: 15 })
    expect(describeSize(513, { noscan: false })).toMatchObject({ sizeclass: 27, elemsize: 576, header: true })
    expect(describeSize(513, { noscan: false, goVersion: '1.21' })).toMatchObject({
      sizeclass: 27,
      header: false,
    })
    expect(describeSize(32760, { noscan: false })).toMatchObject({ sizeclass: 67, header: true })
  })
  it('small/large cut-off by version', () => {
    expect(describeSize(32760, { noscan: true })).toMatchObject({ kind: 'small', sizeclass: 67 })
    expect(describeSize(32761, { noscan: true })).toMatchObject({
      kind: 'large',
      npages: 4,
      spanBytes: 32768,
      wasteBytes: 7,
    })
    expect(describeSize(32768, { noscan: true, goVersion: '1.21' })).toMatchObject({
      kind: 'small',
      sizeclass: 67,
    })
    expect(describeSize(32769, { noscan: true, goVersion: '1.21' })).toMatchObject({
      kind: 'large',
      npages: 5,
    })
    expect(describeSize(1 << 20, { noscan: true })).toMatchObject({
      kind: 'large',
      npages: 128,
      spanclass: 1,
    })
    expect(describeSize(1 << 20)).toMatchObject({ kind: 'large', npages: 128, spanclass: 0 })
    // pointerful by default: (8192 − 128 heap bits − 128 inline marks) / 16 in 1.27, 504 in 1.22
    expect(describeSize(15)).toMatchObject({ kind: 'small', sizeclass: 2, nelems: 496 })
    expect(describeSize(15, { goVersion: '1.22' })).toMatchObject({ nelems: 504 })
  })
  it.each([
    ['24', TypeError],
    [undefined, TypeError],
    [Number.NaN, RangeError],
    [-1, RangeError],
    [1.5, RangeError],
    [Infinity, RangeError],
    [2 ** 48 + 1, RangeError],
  ])('rejects size %s with a %o naming size', (bad, kind) => {
    expect(() => describeSize(bad as number)).toThrow(kind)
    expect(() => describeSize(bad as number)).toThrow(/size/)
  })
  it('rejects bad options', () => {
    expect(() => describeSize(8, { goVersion: '1.20' as '1.22' })).toThrow(RangeError)
    expect(() => describeSize(8, { goVersion: '1.20' as '1.22' })).toThrow(/'1\.21'.*'1\.27'/)
    expect(() => describeSize(8, { noscan: 1 as unknown as boolean })).toThrow(/noscan/)
    expect(() => describeSize(8, { goVersion: '1.24', greenTea: true })).toThrow(/greenTea/)
  })
})

// Objects per span for every class, kind, release and Green Tea setting, against the published
// table (columns: objects, scan 1.22–1.25, Green Tea noscan, Green Tea scan).
describe('spanCapacity by release', () => {
  const versions = ['1.21', '1.22', '1.23', '1.24', '1.25', '1.26', '1.27'] as const
  it.each(goSizeClasses.map((r) => [r[0], r] as const))('class %i', (_c, r) => {
    const [cls, , , , objects, , , , , scan122, noscan126, scan126] = r
    for (const v of versions) {
      const minor = Number(v.slice(2))
      const gtDefault = minor >= 26
      const want = (noscan: boolean, gt: boolean) =>
        minor <= 21 ? objects : gt ? (noscan ? noscan126 : scan126) : noscan ? objects : scan122
      for (const noscan of [true, false]) {
        expect(spanCapacity(cls, noscan, v), `${v} noscan=${noscan}`).toBe(want(noscan, gtDefault))
        if (minor >= 26) expect(spanCapacity(cls, noscan, v, false)).toBe(want(noscan, false))
        if (minor === 25) expect(spanCapacity(cls, noscan, v, true)).toBe(want(noscan, true))
      }
    }
  })
})

describe('mallocFunction: the Go function an allocation goes through', () => {
  it.each([
    // size, noscan, version, function (read in each release's malloc.go / malloc_generated.go)
    [24, true, '1.23', 'mallocgc'],
    [5, true, '1.24', 'mallocgcTiny'],
    [24, true, '1.24', 'mallocgcSmallNoscan'],
    [24, false, '1.24', 'mallocgcSmallScanNoHeader'],
    [600, false, '1.26', 'mallocgcSmallScanHeader'],
    [40000, true, '1.26', 'mallocgcLarge'],
    [5, true, '1.27', 'mallocgcTinySC2'],
    [16, true, '1.27', 'mallocgcSmallNoScanSC2'],
    [80, true, '1.27', 'mallocgcSmallNoScanSC7'],
    [81, true, '1.27', 'mallocgcSmallNoscan'],
    [1, false, '1.27', 'mallocgcSmallScanNoHeaderSC1'],
    [33, false, '1.27', 'mallocgcSmallScanNoHeaderSC5'],
    [96, false, '1.27', 'mallocgcSmallScanNoHeader'],
    [0, true, '1.27', 'mallocgc'],
  ] as const)('%i bytes noscan=%s in %s → %s', (size, noscan, v, fn) => {
    expect(describeSize(size, { noscan, goVersion: v }).fn).toBe(fn)
  })
})
