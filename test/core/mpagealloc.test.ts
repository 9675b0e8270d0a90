// The page allocator against a simple reference: an array of pages with first-fit search.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  PageAlloc,
  chunkIndex,
  levelBits,
  levelIndex,
  levelLogPages,
  levelShift,
  summarize,
  findInChunk,
  setBitRange,
  clearBitRange,
} from '../../packages/core/src/mpagealloc.ts'
import { PageCache } from '../../packages/core/src/mpagecache.ts'

const P = 8192
const base0 = 0xc000000000
const chunk = 4 << 20

/** Reference: every page of the grown ranges, first fit by address. */
class NaivePages {
  used = new Map<number, boolean>()
  scav = new Map<number, boolean>()
  grow(base: number, size: number): void {
    for (let a = base; a < base + size; a += P) {
      this.used.set(a, false)
      this.scav.set(a, true)
    }
  }
  alloc(n: number): [number, number] {
    const pages = [...this.used.keys()].sort((a, b) => a - b)
    let run = 0
    for (let i = 0; i < pages.length; i++) {
      const a = pages[i]
      const contiguous = i > 0 && pages[i - 1] + P === a
      if (this.used.get(a)) run = 0
      else run = contiguous || run === 0 ? run + 1 : 1
      if (!this.used.get(a) && !contiguous && run > 1) run = 1
      if (run === n) {
        const first = a - (n - 1) * P
        let sc = 0
        for (let k = first; k <= a; k += P) {
          if (this.scav.get(k)) sc++
          this.used.set(k, true)
          this.scav.set(k, false)
        }
        return [first, sc * P]
      }
    }
    return [0, 0]
  }
  free(base: number, n: number): void {
    for (let k = base; k < base + n * P; k += P) this.used.set(k, false)
  }
}

function check(pa: PageAlloc, ref: NaivePages): void {
  for (const [a, u] of ref.used) {
    expect(pa.pageInUse(a), `page ${a.toString(16)}`).toBe(u)
    expect(pa.pageScavenged(a), `scav ${a.toString(16)}`).toBe(ref.scav.get(a))
  }
  for (const [ci, d] of pa.chunks) expect(pa.sum(4, ci)).toEqual(summarize(d.pallocBits))
}

describe('PageAlloc scenarios', () => {
  it.each([
    { name: 'one page', grow: [[base0, chunk]], allocs: [1, 1, 1], want: [base0, base0 + P, base0 + 2 * P] },
    { name: 'whole chunk then nothing', grow: [[base0, chunk]], allocs: [512, 1], want: [base0, 0] },
    {
      name: 'run straddling two chunks',
      grow: [[base0, 2 * chunk]],
      allocs: [300, 400],
      want: [base0, base0 + 300 * P],
    },
    {
      name: 'larger than a chunk',
      grow: [[base0, 3 * chunk]],
      allocs: [1000, 100],
      want: [base0, base0 + 1000 * P],
    },
    { name: 'too large', grow: [[base0, chunk]], allocs: [513], want: [0] },
  ])('$name', ({ grow, allocs, want }) => {
    const pa = new PageAlloc()
    for (const [b, s] of grow) pa.grow(b, s)
    expect(allocs.map((n) => pa.alloc(n))).toEqual(want)
  })

  it('fresh memory is scavenged: allocations report their bytes as scavenged once', () => {
    const pa = new PageAlloc()
    pa.grow(base0, chunk)
    expect(pa.alloc(3)).toBe(base0)
    expect(pa.lastScav).toBe(3 * P)
    pa.free(base0, 3)
    expect(pa.alloc(2)).toBe(base0)
    expect(pa.lastScav).toBe(0) // freed pages keep scavenged = 0
  })

  it('indexes match Go for 0xc000000000', () => {
    expect(chunkIndex(base0)).toBe(33751040)
    expect(levelIndex(0, base0)).toBe(8240)
  })

  it('page cache takes a 64-page aligned group and moves searchAddr to its last page', () => {
    const pa = new PageAlloc()
    pa.grow(base0, chunk)
    pa.alloc(1)
    const c = new PageCache()
    c.fill(pa)
    expect(c.base).toBe(base0)
    expect(c.pages()).toBe(63)
    expect(pa.searchAddr).toBe(base0 + 63 * P)
    expect(c.alloc(5)).toBe(base0 + P)
    expect(c.lastScav).toBe(5 * P)
    expect(pa.alloc(1)).toBe(base0 + 64 * P)
    c.flush(pa)
    expect(pa.alloc(10)).toBe(base0 + 6 * P)
  })
})

describe('PageAlloc vs reference (fast-check)', () => {
  it('random grow/alloc/free sequences agree with first fit', () => {
    type Op = { k: 'alloc'; n: number } | { k: 'free'; i: number } | { k: 'grow'; chunks: number }
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          k: fc.constant('alloc' as const),
          n: fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 17, max: 700 })),
        }),
      },
      { weight: 4, arbitrary: fc.record({ k: fc.constant('free' as const), i: fc.nat() }) },
      {
        weight: 1,
        arbitrary: fc.record({ k: fc.constant('grow' as const), chunks: fc.integer({ min: 1, max: 2 }) }),
      },
    )
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const pa = new PageAlloc()
        const ref = new NaivePages()
        let top = base0
        pa.grow(top, chunk)
        ref.grow(top, chunk)
        top += chunk
        const live: [number, number][] = []
        for (const op of ops) {
          if (op.k === 'alloc') {
            const [want, wantScav] = ref.alloc(op.n)
            const got = pa.alloc(op.n)
            expect(got).toBe(want)
            if (got !== 0) {
              expect(pa.lastScav).toBe(wantScav)
              live.push([got, op.n])
            }
          } else if (op.k === 'free') {
            if (live.length === 0) continue
            const [b, n] = live.splice(op.i % live.length, 1)[0]
            pa.free(b, n)
            ref.free(b, n)
          } else {
            pa.grow(top, op.chunks * chunk)
            ref.grow(top, op.chunks * chunk)
            top += op.chunks * chunk
          }
          check(pa, ref)
        }
      }),
      { numRuns: 60 },
    )
  })
})

describe('chunk bitmap helpers vs page-by-page references (fast-check)', () => {
  // The helpers work a 32-page word at a time; these references look at one page at a time.
  const pages = 512
  const used = (b: Uint32Array, i: number): boolean => ((b[i >>> 5] >>> (i & 31)) & 1) === 1
  /** Bitmaps made of runs, so that whole-free, whole-used and mixed words all occur; half of
   *  them mostly used with short free runs, whose longest free run then often lies inside one
   *  word. */
  const runsOf = (free: fc.Arbitrary<number>, used: fc.Arbitrary<number>): fc.Arbitrary<Uint32Array> =>
    fc.array(fc.tuple(free, used), { minLength: 1, maxLength: 60 }).map((runs) => {
      const b = new Uint32Array(pages / 32)
      // The runs repeat until the chunk is full (else a long free tail would always be the longest).
      for (let i = 0, r = 0; i < pages; r++) {
        const [f, u] = runs[r % runs.length]
        i += f
        for (let k = 0; k < u && i < pages; k++, i++) b[i >>> 5] |= 1 << (i & 31)
      }
      return b
    })
  const bitmap = fc.oneof(
    runsOf(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1, max: 90 })),
    runsOf(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 40 })),
  )

  it('summarize gives the free run at the start, the longest and the one at the end', () => {
    fc.assert(
      fc.property(bitmap, (b) => {
        let start = -1
        let max = 0
        let run = 0
        for (let i = 0; i < pages; i++) {
          if (used(b, i)) {
            if (start < 0) start = run
            run = 0
          } else if (++run > max) max = run
        }
        expect(summarize(b)).toEqual({ start: start < 0 ? pages : start, max, end: run })
      }),
      { numRuns: 300 },
    )
  })

  it('findInChunk finds the first run of n free pages from the 64-page group of the hint', () => {
    fc.assert(
      fc.property(
        bitmap,
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: pages - 1 }),
        (b, n, hint) => {
          const from = hint - (hint % 64)
          let firstFree = -1
          let found = -1
          for (let i = from, run = 0; i < pages; i++) {
            if (used(b, i)) run = 0
            else {
              if (firstFree < 0) firstFree = i
              if (++run === n) {
                found = i - n + 1
                break
              }
            }
          }
          expect(findInChunk(b, n, hint)).toEqual([found, firstFree])
        },
      ),
      { numRuns: 300 },
    )
  })

  it('setBitRange and clearBitRange change exactly pages i .. i+n-1', () => {
    fc.assert(
      fc.property(
        bitmap,
        fc.integer({ min: 0, max: pages - 1 }),
        fc.integer({ min: 0, max: pages }),
        (b, i, len) => {
          const n = Math.min(len, pages - i)
          const set = b.slice()
          const cleared = b.slice()
          setBitRange(set, i, n)
          clearBitRange(cleared, i, n)
          for (let k = 0; k < pages; k++) {
            const inside = k >= i && k < i + n
            expect(used(set, k)).toBe(inside ? true : used(b, k))
            expect(used(cleared, k)).toBe(inside ? false : used(b, k))
          }
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('radix tree shape', () => {
  it('has the levels of Go’s mpagealloc_64bit.go on linux/amd64 (48 address bits, 4 MiB chunks)', () => {
    // levelBits = {summaryL0Bits = 48 − 22 − 4·3, 3, 3, 3, 3}; levelShift = 48 − summaryL0Bits − l·3;
    // levelLogPages = 9 + (4 − l)·3 (a leaf summary covers one 512-page chunk)
    expect(levelBits).toEqual([14, 3, 3, 3, 3])
    expect(levelShift).toEqual([34, 31, 28, 25, 22])
    expect(levelLogPages).toEqual([21, 18, 15, 12, 9])
  })
})
