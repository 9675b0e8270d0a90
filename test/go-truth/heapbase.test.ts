// Where the heap starts. Up to Go 1.25 a fresh linux/amd64 process puts its first heap arena
// (64 MiB, 64 MiB-aligned) at 0xc000000000, the first of the runtime's arena hints. Go 1.26
// randomizes the base (malloc.go mallocinit, mheap.go grow): random top bits for the hints, a
// random 4 MiB chunk inside the first arena, then a random number of padding pages in that chunk,
// marked allocated and released so they never count as in use. GOEXPERIMENT=norandomizedheapbase64
// (a build-time switch) turns it off again.
//
// The Go side is the `heapbase` command: the address of main's first new([64]byte), its arena, and
// HeapInuse/HeapSys/HeapReleased right after it. A real process has allocated before main, so the
// first object is not at the base itself; its arena is the heap's first one.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  arenaBaseOf,
  forEachToolchain,
  newRuntime,
  randomizesHeapBase,
  runTruth,
  type GoToolchain,
  type RuntimeLike,
} from './gotruth.ts'

interface HeapBase {
  firstAddr: number
  arenaBase: number
  heapInuse: number
  heapSys: number
  heapReleased: number
}

const fixedArena = 0xc000000000
const pageSize = 8192
const chunkBytes = 4 << 20
const arenaBytes = 64 << 20
/** linux/amd64 user space: addresses below 2^47. */
const userLimit = 2 ** 47
const hex = (n: number) => `0x${n.toString(16)}`

/** A first object of each kind: small noscan, small scan, tiny, large. */
const firstObjects = [
  [64, true],
  [8, false],
  [1, true],
  [100_000, true],
] as const

/** The first arena of a core runtime, from its snapshot. */
function firstArena(rt: RuntimeLike): number {
  const arenas = rt.snapshot().arenas
  if (arenas.length === 0) throw new Error('core snapshot lists no arena after a malloc')
  return arenas[0].base
}

const randomizedRuns = 4
const noRandomExperiment = 'norandomizedheapbase64'

forEachToolchain('heap base', (tc: GoToolchain) => {
  const randomized = randomizesHeapBase(tc)
  let runs: HeapBase[]
  let fixedRuns: HeapBase[] = []

  beforeAll(() => {
    runs = Array.from({ length: randomized ? randomizedRuns : 2 }, () => runTruth<HeapBase>(tc, 'heapbase'))
    if (randomized)
      fixedRuns = Array.from({ length: randomizedRuns }, () =>
        runTruth<HeapBase>(tc, 'heapbase', {}, noRandomExperiment),
      )
  }, 180_000)

  if (!randomized) {
    describe(`fixed heap base (${tc.version} predates Go 1.26's randomized base)`, () => {
      it('Go puts the first heap object in the arena at 0xc000000000, every run', () => {
        for (const r of runs) {
          expect(hex(r.arenaBase)).toBe(hex(fixedArena))
          expect(arenaBaseOf(r.firstAddr)).toBe(r.arenaBase)
        }
      })

      for (const [size, noscan] of firstObjects) {
        it(`the core's first object (${size} B ${noscan ? 'noscan' : 'scan'}) is in Go's first arena`, () => {
          const rt = newRuntime(tc)
          const p = rt.malloc(size, { noscan, p: 0 })
          expect(hex(arenaBaseOf(p))).toBe(hex(runs[0].arenaBase))
          expect(hex(firstArena(rt))).toBe(hex(fixedArena))
        })
      }
    })
    it.skip(`randomized heap base: Go 1.26+ only (${tc.version} predates it)`, () => {})
    return
  }

  describe('randomized heap base (Go 1.26+)', () => {
    it(`Go: ${randomizedRuns} runs of one binary put the first heap object in ${randomizedRuns} different arenas, none at 0xc000000000, all in the 47-bit user range`, () => {
      const arenas = runs.map((r) => hex(r.arenaBase))
      expect(new Set(arenas).size, arenas.join(' ')).toBe(runs.length)
      for (const r of runs) {
        expect(hex(r.arenaBase)).not.toBe(hex(fixedArena))
        expect(arenaBaseOf(r.firstAddr)).toBe(r.arenaBase)
        expect(r.firstAddr, `${hex(r.firstAddr)}: above the first arena-sized block`).toBeGreaterThanOrEqual(
          arenaBytes,
        )
        expect(r.firstAddr, hex(r.firstAddr)).toBeLessThan(userLimit)
        expect(r.firstAddr % 64, `${hex(r.firstAddr)}: a 64-byte slot`).toBe(0)
      }
    })

    it(`Go built with GOEXPERIMENT=${noRandomExperiment}: the first object is in 0xc000000000's arena again`, () => {
      for (const r of fixedRuns) expect(hex(r.arenaBase)).toBe(hex(fixedArena))
    })

    it("Go: the padding pages never count as in use (HeapInuse at start is the fixed base's, not up to 4 MiB more)", () => {
      // The padding is a uniform 0..511 pages; were it counted, four runs would all stay under
      // 512 KiB of it with probability 1/4096.
      const fixedMax = Math.max(...fixedRuns.map((r) => r.heapInuse))
      for (const r of runs) {
        expect(r.heapInuse % pageSize).toBe(0)
        expect(r.heapInuse, `randomized ${r.heapInuse} B vs fixed runs ≤ ${fixedMax} B`).toBeLessThanOrEqual(
          fixedMax + (512 << 10),
        )
      }
    })

    for (const [size, noscan] of firstObjects) {
      it(`core heapBase 'fixed': the first object (${size} B ${noscan ? 'noscan' : 'scan'}) is in the arena at 0xc000000000, as Go with ${noRandomExperiment}`, () => {
        const rt = newRuntime(tc, { heapBase: 'fixed' })
        const p = rt.malloc(size, { noscan, p: 0 })
        expect(hex(arenaBaseOf(p))).toBe(hex(fixedRuns[0].arenaBase))
        expect(hex(firstArena(rt))).toBe(hex(fixedArena))
      })

      it(`core default (randomized): the first object (${size} B ${noscan ? 'noscan' : 'scan'}) is not in 0xc000000000's arena, as Go`, () => {
        const rt = newRuntime(tc, { seed: 1 })
        const p = rt.malloc(size, { noscan, p: 0 })
        expect(hex(arenaBaseOf(p))).not.toBe(hex(fixedArena))
        expect(p).toBeLessThan(userLimit)
      })
    }

    it('core: the same seed gives the same first address, two seeds different ones', () => {
      const first = (seed: number) =>
        newRuntime(tc, { heapBase: 'randomized', seed }).malloc(64, { noscan: true, p: 0 })
      expect(hex(first(7))).toBe(hex(first(7)))
      expect(hex(first(7))).not.toBe(hex(first(8)))
    })

    it('core: the first span is 8 KiB-page-aligned in a 64 MiB-aligned arena from a 64 MiB-aligned hint, inside the 47-bit range', () => {
      for (let seed = 1; seed <= 16; seed++) {
        const rt = newRuntime(tc, { heapBase: 'randomized', seed })
        const p = rt.malloc(64, { noscan: true, p: 0 })
        const s = rt.spanOf(p)
        expect(s, `seed ${seed}`).not.toBeNull()
        const arena = firstArena(rt)
        const hint = rt.snapshot().nextArenaHint
        expect(s!.base % pageSize, `seed ${seed}: span ${hex(s!.base)}`).toBe(0)
        expect(arena % arenaBytes, `seed ${seed}: arena ${hex(arena)}`).toBe(0)
        expect(hint % arenaBytes, `seed ${seed}: next hint ${hex(hint)}`).toBe(0)
        expect(
          s!.base - arena,
          `seed ${seed}: span ${hex(s!.base)} in arena ${hex(arena)}`,
        ).toBeGreaterThanOrEqual(0)
        expect(s!.base - arena).toBeLessThan(arenaBytes)
        expect(s!.base + s!.npages * pageSize, `seed ${seed}`).toBeLessThanOrEqual(userLimit)
      }
    })

    it('core: across 32 seeds the arena, the 4 MiB chunk in it and the page in that chunk all vary (the three levels Go randomizes)', () => {
      const arenas = new Set<number>()
      const chunks = new Set<number>()
      const pages = new Set<number>()
      for (let seed = 1; seed <= 32; seed++) {
        const rt = newRuntime(tc, { heapBase: 'randomized', seed })
        const s = rt.spanOf(rt.malloc(64, { noscan: true, p: 0 }))!
        const off = s.base - arenaBaseOf(s.base)
        arenas.add(arenaBaseOf(s.base))
        chunks.add(Math.floor(off / chunkBytes))
        pages.add((off % chunkBytes) / pageSize)
      }
      // Uniform draws: 2^20 arenas, 16 chunks, 512 pages; 32 draws give ≈ 32, 14 and 31 distinct.
      expect(arenas.size).toBeGreaterThanOrEqual(30)
      expect(chunks.size).toBeGreaterThanOrEqual(8)
      expect(pages.size).toBeGreaterThanOrEqual(16)
    })

    for (const [size, noscan] of [
      [64, true],
      [8, false],
      [24, true],
    ] as const) {
      it(`core: after the first ${size} B ${noscan ? 'noscan' : 'scan'} malloc, heapInuse is one span's bytes; the padding counts as released, as with a fixed base`, () => {
        const fixed = newRuntime(tc, { heapBase: 'fixed' })
        fixed.malloc(size, { noscan, p: 0 })
        const f = fixed.readMemStats()
        for (let seed = 1; seed <= 16; seed++) {
          const rt = newRuntime(tc, { heapBase: 'randomized', seed })
          const s = rt.spanOf(rt.malloc(size, { noscan, p: 0 }))!
          const m = rt.readMemStats()
          expect(m.heapInuse, `seed ${seed}`).toBe(s.npages * pageSize)
          expect(m.heapInuse, `seed ${seed}`).toBe(f.heapInuse)
          expect(m.heapSys, `seed ${seed}: heapSys`).toBe(f.heapSys)
          expect(m.heapReleased, `seed ${seed}: heapReleased`).toBe(f.heapReleased)
        }
      })
    }
  })
})
