// (b) Spans as user code can see them. Allocate many objects of one size in a row, recording each
// address and HeapInuse after each allocation (ReadMemStats). HeapInuse grows by npages × 8 KiB at
// exactly the allocation that needed a new span, and that allocation is the new span's first object;
// so between two such events lie the span's nelems objects, elemsize apart. The same analysis runs on
// the real runtime's numbers and on the core's, and the core's spanOf must describe the span Go used.
// (Addresses alone are not enough: spans with no tail waste often sit back to back, so their objects'
// addresses run on without a gap.) Large objects are cases too: each has a span of its own, so every
// allocation opens one.
//
// Run once per Go toolchain: the capacities differ by release (1.22 allocation headers shrink scan
// spans ≤ 512 B; 1.26 Green Tea reserves 128 B of inline mark bits at the end of every 16–512 B span).
import { beforeAll, describe, expect, it } from 'vitest'
import { classToNPages, classToSize, describeSize } from '@go-alloc/core'
import { coreVersion, forEachToolchain, newRuntime, runTruth, type GoToolchain } from './gotruth.ts'

const pageSize = 8192

interface SpanCase {
  size: number
  noscan: boolean
  count: number
}

interface Sample {
  size: number
  noscan: boolean
  addrs: number[]
  heapInuse: number[]
}

/** What a run of same-size allocations reveals about the spans they came from. */
interface Observed {
  /** Spans that were filled from their first object to their last (the ones between two growths). */
  whole: number
  /** Pages of each new span (HeapInuse growth / 8 KiB). */
  npages: number[]
  /** Objects in each whole span. */
  nelems: number[]
  /** Distances between consecutive objects inside whole spans. */
  strides: number[]
  /** Offset of each new span's first object from an 8 KiB boundary (8 with a Go 1.22 malloc header). */
  startOffsets: number[]
  /** Spans whose objects run past npages × 8 KiB from their first object (must be none). */
  overruns: number
}

function observe(x: Sample): Observed {
  const { addrs, heapInuse } = x
  const starts: number[] = []
  const npages: number[] = []
  for (let i = 1; i < addrs.length; i++) {
    const grew = heapInuse[i] - heapInuse[i - 1]
    if (grew !== 0) {
      starts.push(i)
      npages.push(grew / pageSize)
    }
  }
  const nelems: number[] = []
  const strides = new Set<number>()
  let overruns = 0
  for (let k = 0; k + 1 < starts.length; k++) {
    const [from, to] = [starts[k], starts[k + 1]]
    nelems.push(to - from)
    for (let i = from + 1; i < to; i++) strides.add(addrs[i] - addrs[i - 1])
    if (addrs[to - 1] - addrs[from] >= npages[k] * pageSize) overruns++
  }
  return {
    whole: nelems.length,
    npages,
    nelems,
    strides: [...strides],
    startOffsets: starts.map((i) => addrs[i] % pageSize),
    overruns,
  }
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)]

/**
 * Objects per span as Go's source computes them for a release (mheap.go initSpan), from the slot
 * size and pages Go was seen to use: the span's bytes, less what the span keeps at its end, over the
 * slot size. From Go 1.22 a pointerful span of slots ≤ 512 B keeps its pointer bitmap there (one bit
 * per word: 128 B of a one-page span); from Go 1.26 every span of 16–512 B slots, pointerful or not,
 * also keeps 128 B of Green Tea inline mark bits. Large objects: one per span.
 */
function goNelems(minor: number, size: number, elemsize: number, npages: number, noscan: boolean): number {
  if (size > (minor <= 21 ? 32768 : 32760)) return 1
  const spanBytes = npages * pageSize
  let reserved = 0
  if (minor >= 22 && !noscan && elemsize <= 512) reserved += spanBytes / 8 / 8
  if (minor >= 26 && elemsize >= 16 && elemsize <= 512) reserved += 128
  return Math.floor((spanBytes - reserved) / elemsize)
}

// One case per size class and kind: pointer-free (≥ 16 B; smaller ones are tiny) and pointerful.
// Five spans' worth of objects each, so at least three whole spans sit between the partial ends.
/** Objects per span of the class holding n bytes under the pre-1.22 rules (the most a span holds). */
function maxPerSpan(n: number): number {
  const c = classToSize.findIndex((s, k) => k > 0 && s >= n)
  return c < 0 ? 1 : Math.floor((classToNPages[c] * pageSize) / classToSize[c])
}
/** Five spans' worth of n-byte objects under any release's rules: a pointerful object above 512 B
 * takes an 8-byte header from Go 1.22 and may land in a class that holds more objects per span. */
const fiveSpans = (n: number, noscan: boolean) =>
  5 * Math.max(maxPerSpan(n), noscan || n <= 512 ? 0 : maxPerSpan(n + 8))

const cases: SpanCase[] = []
for (let c = 1; c < classToSize.length; c++) {
  const size = classToSize[c]
  if (size >= 16) cases.push({ size, noscan: true, count: fiveSpans(size, true) })
  cases.push({ size, noscan: false, count: fiveSpans(size, false) })
}
// Sizes that are not class sizes (rounded up), including both sides of the 512 B header boundary.
for (const size of [40, 504, 512, 520, 1032, 9000, 32760]) {
  cases.push(
    { size, noscan: false, count: fiveSpans(size, false) },
    { size, noscan: true, count: fiveSpans(size, true) },
  )
}
// Large objects (one span each; 32761..32768 B are large from Go 1.22, small before): five each.
for (const size of [32761, 32768, 32769, 40961, 57344, 100_000, 1 << 20]) {
  const scan = Math.ceil(size / 8) * 8
  cases.push({ size: scan, noscan: false, count: 5 }, { size, noscan: true, count: 5 })
}

const label = (c: { size: number; noscan: boolean }) => `${c.size} B ${c.noscan ? 'noscan' : 'scan'}`

/** The same allocation sequence in a fresh simulated runtime. */
function simulate(tc: GoToolchain, c: SpanCase): Sample {
  const rt = newRuntime(tc)
  const addrs: number[] = []
  const heapInuse: number[] = []
  for (let i = 0; i < c.count; i++) {
    addrs.push(rt.malloc(c.size, { noscan: c.noscan, p: 0 }))
    heapInuse.push(rt.readMemStats().heapInuse)
  }
  return { size: c.size, noscan: c.noscan, addrs, heapInuse }
}

forEachToolchain('spans', (tc) => {
  let goCases: Sample[]

  beforeAll(() => {
    goCases = runTruth<{ cases: Sample[] }>(tc, 'spans', { cases }).cases
  }, 180_000)

  describe('seen from user code: the real Go runtime', () => {
    it('answered for every case', () => {
      expect(goCases.map(label)).toEqual(cases.map(label))
    })

    it("Go's observations are self-consistent (sanity check of the method)", () => {
      for (const g of goCases) {
        const o = observe(g)
        expect(o.whole, label(g)).toBeGreaterThanOrEqual(3)
        expect(uniq(o.nelems), `${label(g)}: whole spans hold the same count`).toHaveLength(1)
        expect(uniq(o.npages), `${label(g)}: new spans have the same page count`).toHaveLength(1)
        expect(o.strides.length, `${label(g)}: one stride inside spans`).toBeLessThanOrEqual(1)
        expect(o.overruns, label(g)).toBe(0)
      }
    })

    it(`Go's objects per span follow its source's rule for Go 1.${tc.minor}${tc.minor >= 26 ? ' (Green Tea inline mark bits)' : tc.minor >= 22 ? ' (span-tail pointer bitmaps)' : ''}`, () => {
      const bad: string[] = []
      for (const g of goCases) {
        const o = observe(g)
        const elemsize = o.strides[0] ?? o.npages[0] * pageSize
        const want = goNelems(tc.minor, g.size, elemsize, o.npages[0], g.noscan)
        if (o.nelems[0] !== want) bad.push(`${label(g)}: Go ${o.nelems[0]}, rule ${want}`)
      }
      expect(bad).toEqual([])
    })
  })

  describe('core vs the real Go runtime', () => {
    it("describeSize predicts Go's slot size, objects per span and pages per span", () => {
      const bad: string[] = []
      for (const g of goCases) {
        const o = observe(g)
        const d = describeSize(g.size, { noscan: g.noscan, goVersion: coreVersion(tc) })
        const goElemsize = o.strides[0] ?? o.npages[0] * pageSize
        const rows: [string, number, number][] = [
          ['elemsize', goElemsize, d.elemsize],
          ['nelems', o.nelems[0], d.nelems],
          ['npages', o.npages[0], d.npages],
          ["first object's offset in its span", o.startOffsets[0], d.header ? 8 : 0],
        ]
        for (const [what, goV, coreV] of rows) {
          if (goV !== coreV) bad.push(`${label(g)}: ${what}: Go ${goV}, core ${coreV}`)
        }
      }
      expect(bad).toEqual([])
    })

    it("spanOf describes the span Go used: elemsize, nelems, npages, first object's offset", () => {
      const bad: string[] = []
      for (const g of goCases) {
        const o = observe(g)
        const rt = newRuntime(tc)
        const p = rt.malloc(g.size, { noscan: g.noscan, p: 0 })
        const s = rt.spanOf(p)
        if (s === null) {
          bad.push(`${label(g)}: core spanOf(malloc(${g.size})) is null`)
          continue
        }
        // A span of one object has no stride; its slot is then the whole span.
        const goElemsize = o.strides[0] ?? o.npages[0] * pageSize
        const rows: [string, number, number][] = [
          ['elemsize', goElemsize, s.elemsize],
          ['nelems', o.nelems[0], s.nelems],
          ['npages', o.npages[0], s.npages],
          ["first object's offset in its span", o.startOffsets[0], p - s.base],
        ]
        for (const [what, goV, coreV] of rows) {
          if (goV !== coreV) bad.push(`${label(g)}: ${what}: Go ${goV}, core ${coreV}`)
        }
      }
      expect(bad).toEqual([])
    })

    it('the same allocation sequence in the core shows the same spans', () => {
      const bad: string[] = []
      for (const g of goCases) {
        const go = observe(g)
        const sim = observe(simulate(tc, { size: g.size, noscan: g.noscan, count: g.addrs.length }))
        const rows: [string, unknown, unknown][] = [
          ['strides', go.strides.join(), sim.strides.join()],
          ['objects per whole span', uniq(go.nelems).join(), uniq(sim.nelems).join()],
          ['pages per new span', uniq(go.npages).join(), uniq(sim.npages).join()],
          ['offsets of first objects', uniq(go.startOffsets).join(), uniq(sim.startOffsets).join()],
          ['overruns', 0, sim.overruns],
        ]
        for (const [what, goV, coreV] of rows) {
          if (goV !== coreV) bad.push(`${label(g)}: ${what}: Go ${String(goV)}, core ${String(coreV)}`)
        }
      }
      expect(bad).toEqual([])
    })

    it('sizeclass, spanclass and noscan follow the slot size Go used and the pointer-ness', () => {
      const bad: string[] = []
      for (const g of goCases) {
        const o = observe(g)
        const goElemsize = o.strides[0] ?? o.npages[0] * pageSize
        // Large objects get size class 0 (Go's small/large cut-off: 32768 B up to Go 1.21, 32760 B
        // from 1.22, where a 32768-byte slot would leave no room for a malloc header).
        const cls = g.size > (tc.minor <= 21 ? 32768 : 32760) ? 0 : classToSize.indexOf(goElemsize)
        const rt = newRuntime(tc)
        const s = rt.spanOf(rt.malloc(g.size, { noscan: g.noscan, p: 0 }))
        const spc = (cls << 1) | (g.noscan ? 1 : 0)
        if (s === null) bad.push(`${label(g)}: spanOf is null`)
        else if (s.sizeclass !== cls || s.spanclass !== spc || s.noscan !== g.noscan)
          bad.push(
            `${label(g)}: Go class ${cls} (span class ${spc}); core sizeclass ${s.sizeclass}, ` +
              `spanclass ${s.spanclass}, noscan ${s.noscan}`,
          )
      }
      expect(bad).toEqual([])
    })
  })
})
