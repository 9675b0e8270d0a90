// The heap-profile and allocs-by-size parsers on hand-written text in Go's formats
// (runtime/pprof's writeHeapInternal, the page's runtime/metrics snippet), and what is derived
// from them, checked against arithmetic from Go's tables and rules.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parseProfile, profileModel, scaleSample } from '../../site/tools/profile.ts'

const heap = `heap profile: 3: 160 [1003: 48208] @ heap/1048576
2: 96 [1000: 48000] @ 0x4a1 0x4b2 0x4c3
#	0x4a0	main.parse+0x2c	/src/app/main.go:12
#	0x4b1	main.main+0x10	/src/app/main.go:30

1: 64 [3: 208] @ 0x4d4
#	0x4d3	main.load+0x13	/src/app/load.go:7

# runtime.MemStats
# Alloc = 123456
# TotalAlloc = 999999
# HeapAlloc = 123456
# HeapInuse = 155648
# Stack = 32768 / 32768
# PauseNs = [1 2 3]
# NumGC = 4
`

describe('parseProfile (heap profile)', () => {
  it('reads the header rate, records with their first frame, and the MemStats block', () => {
    const p = parseProfile(heap)
    expect(p.issues).toEqual([])
    expect(p.kind).toBe('heap')
    expect(p.rate).toBe(524288) // heap/N prints 2 × MemProfileRate
    expect(p.records).toHaveLength(2)
    expect(p.records[0]).toMatchObject({
      inuseObjects: 2,
      inuseBytes: 96,
      allocObjects: 1000,
      allocBytes: 48000,
      objectSize: 48,
      func: 'main.parse',
      where: '/src/app/main.go:12',
    })
    expect(p.records[1]).toMatchObject({ func: 'main.load', where: '/src/app/load.go:7' })
    expect(p.memStats).toMatchObject({ Alloc: 123456, HeapAlloc: 123456, HeapInuse: 155648, NumGC: 4 })
  })

  it('scales samples as pprof does: count ÷ (1 − e^(−size/rate))', () => {
    expect(scaleSample(1000, 48, 524288)).toBeCloseTo(1000 / (1 - Math.exp(-48 / 524288)), 6)
    expect(scaleSample(7, 48, 1)).toBe(7) // rate 1: every allocation recorded
    const m = profileModel(parseProfile(heap), '1.27')
    expect(m.sampled).toBe(true)
    const site = m.sites.find((s) => s.func === 'main.parse')!
    expect(site.objects).toBeCloseTo(1000 / (1 - Math.exp(-48 / 524288)), 3)
  })

  it('reports a broken record with line and column', () => {
    const p = parseProfile('heap profile: 1: 48 [1: 48] @ heap/2\n1: 48 [1 48] @ 0x1\n')
    expect(p.issues).toHaveLength(1)
    expect(p.issues[0]).toMatchObject({ line: 2, column: 9 }) // the space after '[1', where ':' belongs
    expect(p.issues[0].message).toMatch(/expected ":"/)
  })
})

const hist = `numgc 3
allocs-by-size [1, 9) 11
allocs-by-size [33, 49) 5031
allocs-by-size [897, 1025) 3001
allocs-by-size [32769, +Inf) 4
allocs:bytes 3543976
`

describe('parseProfile (allocs-by-size histogram)', () => {
  it('reads the buckets, and the class of each from its upper bound', () => {
    const p = parseProfile(hist)
    expect(p.issues).toEqual([])
    expect(p.kind).toBe('histogram')
    expect(p.buckets.map((b) => [b.lo, b.hi, b.count])).toEqual([
      [1, 9, 11],
      [33, 49, 5031],
      [897, 1025, 3001],
      [32769, Infinity, 4],
    ])
    expect(p.totalBytes).toBe(3543976)
    expect(p.skipped).toBe(1) // "numgc 3"
  })

  it('per class: slot, objects, rounding-waste bound and spans by Go’s span capacities', () => {
    const m = profileModel(parseProfile(hist), '1.27')
    const c48 = m.classes.find((c) => c.slot === 48)!
    expect(c48.sizeclass).toBe(5)
    expect(c48.objects).toBe(5031)
    expect(c48.wasteMax).toBe(5031 * (48 - 33)) // requests of 33..48 B
    // Go 1.26+: 128 B of inline mark bits at the end of a 16–512 B span: (8192 − 128) / 48 = 168.
    expect(c48.perSpan).toBe(168)
    expect(c48.spans).toBe(Math.ceil(5031 / 168))
    expect(profileModel(parseProfile(hist), '1.22').classes.find((c) => c.slot === 48)!.perSpan).toBe(170) // 8192 / 48
    const c1024 = m.classes.find((c) => c.slot === 1024)!
    expect(c1024.perSpan).toBe(8) // 8192 / 1024, one page
    // Large: what the total leaves after the small slots, over 4 objects.
    const small = 11 * 8 + 5031 * 48 + 3001 * 1024
    const large = m.classes.find((c) => c.sizeclass === 0)!
    expect(large.objects).toBe(4)
    expect(large.slot).toBe((3543976 - small) / 4)
    expect(large.slot).toBe(57344) // 7 pages: Go counts large objects as whole pages
    // The replay holds exactly the slots' bytes; HeapInuse is whole spans.
    expect(m.replay!.heapAlloc).toBe(11 * 8 + 5031 * 48 + 3001 * 1024 + 4 * large.slot)
    expect(m.replay!.heapInuse).toBeGreaterThanOrEqual(m.replay!.heapAlloc)
  })

  it('reports a broken bucket line', () => {
    const p = parseProfile('allocs-by-size [33, 49 5031\n')
    expect(p.issues[0]).toMatchObject({ line: 1, column: 23 })
    expect(p.issues[0].message).toMatch(/expected "\)"/)
  })

  it('never throws on random or truncated text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(heap.length), (junk, cut) => {
        for (const text of [
          junk,
          heap.slice(0, cut),
          hist.slice(0, cut % hist.length) + junk,
          '1: ' + junk,
        ]) {
          const p = parseProfile(text)
          const lines = text.split('\n').length
          for (const i of p.issues) expect(i.line).toBeLessThanOrEqual(lines)
          profileModel(p, '1.27')
        }
      }),
      { numRuns: 200 },
    )
  })
})
