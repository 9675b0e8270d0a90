// The Go 1.7–1.10 legacy layout (`new Runtime({ layout: 'legacy' })`, legacy.ts).
//
// Expected numbers are written out by hand from Go 1.10's mallocinit arithmetic as given in
// packages/core/docs/go-reference.md §8 (first heap address 0xc420000000),
// never read back from the code under test. Naive reference computations (BigInt arithmetic, a
// linear search over snapshot spans, an 'arenas' runtime running the same program) check the
// rest.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  Runtime,
  checkHeap,
  heapBitsForAddr,
  legacyLayout,
  OutOfMemoryError,
  spanIndexForAddr,
  type Snapshot,
  type TraceEvent,
} from '@go-alloc/core'

const KiB = 1024
const MiB = 1024 * KiB
const GiB = 1024 * MiB

// Independent numbers (docs/go-reference.md §8): spans 512 MiB | bitmap 16 GiB | arena 512 GiB at 0xc000000000.
const RESERVE = 0xc000000000
const BITMAP_LOW = 0xc020000000 // 0xc000000000 + 512 MiB
const ARENA_START = 0xc420000000 // + 16 GiB
const ARENA_LIMIT = 0x14420000000 // arena_start + 512 GiB
const OFFSET = ARENA_START - 0xc000000000 // legacy vs 1.11+ first heap address

function legacySection(rt: Runtime): NonNullable<Snapshot['legacy']> {
  const l = rt.snapshot().legacy
  if (l === null) throw new Error('no legacy section')
  return l
}

/** Span containing a, by a linear search over the snapshot (the reference for spanOf). */
function naiveSpanBase(snap: Snapshot, a: number): number | null {
  for (const s of snap.spans) if (s.base <= a && a < s.base + s.npages * 8192) return s.base
  return null
}

describe('legacyLayout: the region arithmetic', () => {
  it('has the Go 1.10 sizes and addresses', () => {
    expect(legacyLayout.arenaSize).toBe(512 * GiB)
    expect(legacyLayout.arenaSize).toBe(0x8000000000)
    expect(legacyLayout.bitmapSize).toBe(16 * GiB)
    expect(legacyLayout.spansSize).toBe(512 * MiB)
    expect(legacyLayout.reserveBase).toBe(RESERVE)
    expect(legacyLayout.spansStart).toBe(RESERVE)
    expect(legacyLayout.arenaStart).toBe(ARENA_START)
    expect(legacyLayout.bitmap).toBe(ARENA_START) // mheap_.bitmap: the bitmap's high end
    // pSize = bitmap + spans + arena + one spare page = 528.5 GiB + 8 KiB
    expect(legacyLayout.reserveSize).toBe(0x8420002000)
    expect(legacyLayout.arenaEnd).toBe(0x14420002000)
    expect(legacyLayout.heapBitmapScale).toBe(32)
  })

  it('lists three adjacent regions: spans | bitmap | arena', () => {
    expect(legacyLayout.regions.map((r) => [r.name, r.base, r.size, r.grows])).toEqual([
      ['spans', 0xc000000000, 0x20000000, 'up'],
      ['bitmap', BITMAP_LOW, 0x400000000, 'down'],
      ['arena', ARENA_START, 0x8000000000, 'up'],
    ])
    const [s, b, a] = legacyLayout.regions
    expect(s.base + s.size).toBe(b.base)
    expect(b.base + b.size).toBe(a.base)
    expect(a.base + a.size).toBe(ARENA_LIMIT)
    expect(Object.isFrozen(legacyLayout)).toBe(true)
    expect(Object.isFrozen(legacyLayout.regions[0])).toBe(true)
  })

  it('its formulas are real expressions that give its numbers', () => {
    const env = {
      arenaSize: 512 * GiB,
      ptrSize: 8,
      _PageSize: 8192,
      round: (n: number, a: number) => Math.ceil(n / a) * a,
      bitmapSize: 16 * GiB,
      spansSize: 512 * MiB,
    }
    const evalFormula = (f: string): number =>
      new Function(...Object.keys(env), `return ${f}`)(...Object.values(env)) as number
    expect(evalFormula(legacyLayout.bitmapSizeFormula)).toBe(16 * GiB)
    expect(evalFormula(legacyLayout.spansSizeFormula)).toBe(512 * MiB)
    expect(evalFormula(legacyLayout.reserveSizeFormula)).toBe(0x8420002000)
    expect(evalFormula(legacyLayout.heapBitmapScaleFormula)).toBe(32)
    for (const r of legacyLayout.regions)
      expect(evalFormula(r.sizeFormula.replace('_MaxMem', '2**39-1'))).toBe(r.size)
  })
})

describe('a fresh legacy runtime', () => {
  it('reserved the whole block once and mapped nothing', () => {
    const rt = new Runtime({ layout: 'legacy' })
    expect(rt.layout).toBe('legacy')
    const snap = rt.snapshot()
    expect(snap.layout).toBe('legacy')
    expect(snap.os.reserved).toEqual([{ base: RESERVE, size: 0x8420002000 }])
    expect(snap.os.mapped).toEqual([])
    expect(snap.arenas).toEqual([])
    expect(snap.legacy).toEqual({
      arenaStart: ARENA_START,
      arenaUsed: ARENA_START,
      arenaAlloc: ARENA_START,
      arenaEnd: 0x14420002000,
      bitmapMapped: 0,
      spansStart: RESERVE,
      spansMapped: 0,
      spansLen: 0,
    })
    const os = rt.readCounters().os
    expect([os.reserveCalls, os.reserveBytes, os.mapCalls, os.mapBytes, os.allocOSCalls]).toEqual([
      1, 0x8420002000, 0, 0, 0,
    ])
    expect(rt.readMemStats().heapSys).toBe(0)
    checkHeap(rt)
  })

  it('an arenas runtime has no legacy section', () => {
    expect(new Runtime().snapshot().legacy).toBeNull()
  })
})

describe('first objects', () => {
  it('start at 0xc420000000, one span per page as in the 1.11+ layout', () => {
    const rt = new Runtime({ layout: 'legacy' })
    expect(rt.malloc(8)).toBe(0xc420000000)
    expect(rt.malloc(8)).toBe(0xc420000008)
    expect(rt.malloc(8, { noscan: true })).toBe(0xc420002000) // tiny: a class-2 noscan span, next page
    expect(rt.malloc(3, { noscan: true })).toBe(0xc420002008) // same 16-byte tiny block
    expect(rt.malloc(24, { noscan: true })).toBe(0xc420004000) // class-3 noscan span
    expect(rt.malloc(40000)).toBe(0xc420006000) // 5-page large span
    expect(rt.spanOf(0xc420006000 + 40959)?.base).toBe(0xc420006000)
    expect(rt.spanOf(0xc420006000 + 40960)).toBeNull()
    checkHeap(rt)
  })

  it('the same program lands at the same offsets from the heap start in both layouts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200_000 }), fc.boolean(), fc.nat(1)), { maxLength: 120 }),
        (ops) => {
          const legacy = new Runtime({ layout: 'legacy', gomaxprocs: 2 })
          const modern = new Runtime({ layout: 'arenas', heapBase: 'fixed', gomaxprocs: 2 })
          for (const [size, noscan, p] of ops) {
            const a = legacy.malloc(size, { noscan, p })
            const b = modern.malloc(size, { noscan, p })
            if (size === 0) expect(a).toBe(b)
            else expect(a - b).toBe(OFFSET)
          }
        },
      ),
      { numRuns: 25 },
    )
  })
})

describe('spanOf through the flat spans array', () => {
  it('agrees with a linear search over the snapshot for random allocations and probes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.integer({ min: 1, max: 2048 }), fc.integer({ min: 30_000, max: 3 * MiB })),
            fc.boolean(),
          ),
          { minLength: 1, maxLength: 60 },
        ),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 50, maxLength: 50 }),
        (allocs, probes) => {
          const rt = new Runtime({ layout: 'legacy' })
          const addrs = allocs.map(([n, noscan]) => rt.malloc(n, { noscan }))
          const snap = rt.snapshot()
          const used = snap.legacy!.arenaUsed
          const candidates = [
            ...addrs,
            ...addrs.map((a) => a - 1),
            ...probes.map((f) => ARENA_START + Math.floor(f * (used - ARENA_START))),
            ARENA_START,
            used - 1,
            used,
            ARENA_START - 1,
            BITMAP_LOW,
            RESERVE,
            ARENA_LIMIT,
          ]
          for (const a of candidates) expect(rt.spanOf(a)?.base ?? null).toBe(naiveSpanBase(snap, a))
          for (const a of addrs) expect(rt.spanOf(a)).not.toBeNull()
        },
      ),
      { numRuns: 30 },
    )
  })
})

describe('spanIndexForAddr', () => {
  // Independent: index = (addr − arena_start) >> 13 with BigInt, entry = spans base + 8 × index.
  const ref = (a: number) => {
    const index = Number((BigInt(a) - BigInt(ARENA_START)) >> 13n)
    return { index, entryAddr: Number(BigInt(RESERVE) + 8n * BigInt(index)) }
  }
  it.each([
    [0xc420000000, 0, 0xc000000000],
    [0xc420001fff, 0, 0xc000000000],
    [0xc420002000, 1, 0xc000000008],
    [0xc420400000, 512, 0xc000001000], // 4 MiB in: the second 4 KiB page of the spans array
    [0x1441fffffff, 2 ** 26 - 1, 0xc01ffffff8], // last arena byte → last slot, just below the bitmap
  ])('%s → index %s, slot %s', (a, index, entryAddr) => {
    expect(spanIndexForAddr(a)).toEqual({ index, entryAddr })
    expect(spanIndexForAddr(a)).toEqual(ref(a))
  })
  it('matches BigInt arithmetic on random arena addresses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 39 - 1 }), (off) => {
        expect(spanIndexForAddr(ARENA_START + off)).toEqual(ref(ARENA_START + off))
      }),
    )
  })
})

describe('heapBitsForAddr', () => {
  it.each([
    // addr, word index, bitmap byte, shift
    [0xc420000000, 0, 0xc41fffffff, 0],
    [0xc420000007, 0, 0xc41fffffff, 0], // any byte of the word
    [0xc420000008, 1, 0xc41fffffff, 1],
    [0xc420000018, 3, 0xc41fffffff, 3],
    [0xc420000020, 4, 0xc41ffffffe, 0], // the next 32 bytes: one byte further down
    [0xc420002000, 1024, 0xc41ffffeff, 0], // page 1: 1024 words = 256 bytes down
    [0xc420400000, 524288, 0xc41ffdffff, 0], // 4 MiB in: 128 KiB of bitmap used
    [0x1441ffffff8, 2 ** 36 - 1, 0xc020000000, 3], // the last arena word uses the bitmap's lowest byte
    [0xc42001a0b0, 13334, 0xc41ffff2fa, 2], // the bitmap chapter's worked example
  ])('%s → word %s, byte %s, shift %s', (addr, wordIndex, byteAddr, shift) => {
    const hb = heapBitsForAddr(addr)
    expect(hb).toEqual({
      wordIndex,
      byteAddr,
      shift,
      pointerBitMask: 1 << shift,
      scanBitMask: 16 << shift,
    })
  })
  it('maps every 32 bytes of arena to the next bitmap byte down, inside the bitmap region', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 39 - 33 }), (off) => {
        const a = heapBitsForAddr(ARENA_START + off)
        const b = heapBitsForAddr(ARENA_START + off + 32)
        expect(b.byteAddr).toBe(a.byteAddr - 1)
        expect(b.shift).toBe(a.shift)
        expect(a.byteAddr).toBeGreaterThanOrEqual(BITMAP_LOW)
        expect(a.byteAddr).toBeLessThan(ARENA_START)
        // Go: bitp = arena_start − off/4 − 1 with off = (addr − arena_start)/8, in BigInt
        const w = BigInt(off) / 8n
        expect(a.byteAddr).toBe(Number(BigInt(ARENA_START) - w / 4n - 1n))
        expect(a.shift).toBe(Number(w % 4n))
      }),
    )
  })
  it.each([
    [ARENA_START - 1, RangeError],
    [ARENA_LIMIT, RangeError],
    [0xc000000000, RangeError],
    [ARENA_START + 0.5, RangeError],
    [Number.NaN, RangeError],
    [-1, RangeError],
    ['0xc420000000', TypeError],
    [null, TypeError],
  ])('rejects %s naming addr', (a, kind) => {
    expect(() => heapBitsForAddr(a as number)).toThrow(kind)
    expect(() => heapBitsForAddr(a as number)).toThrow(/^addr /)
    expect(() => spanIndexForAddr(a as number)).toThrow(kind)
    expect(() => spanIndexForAddr(a as number)).toThrow(/^addr /)
  })
})

describe('metadata is mapped in step with arena_used', () => {
  it('the first growth maps 4 MiB of heap, 128 KiB of bitmap below arena_start and one page of spans', () => {
    const rt = new Runtime({ layout: 'legacy' })
    const events: TraceEvent[] = []
    rt.subscribe((e) => {
      if (e.type === 'sysMap' || e.type === 'heapGrow' || e.type === 'sysReserve' || e.type === 'newArena')
        events.push(e)
    })
    rt.malloc(8)
    expect(events).toEqual([
      { type: 'sysMap', addr: ARENA_START, bytes: 4 * MiB },
      { type: 'sysMap', addr: ARENA_START - 128 * KiB, bytes: 128 * KiB }, // 4 MiB / 32
      { type: 'sysMap', addr: RESERVE, bytes: 4 * KiB }, // 512 pages × 8 B
      { type: 'heapGrow', npages: 1, ask: 4 * MiB, base: ARENA_START, growth: 4 * MiB },
    ])
    const os = rt.readCounters().os
    expect([os.reserveCalls, os.mapCalls, os.mapBytes]).toEqual([1, 3, 4 * MiB + 128 * KiB + 4 * KiB])
    const m = rt.readMemStats()
    expect(m.heapSys).toBe(4 * MiB) // reserved-but-unused memory is not counted
    expect(m.gcSys).toBe(128 * KiB) // Go 1.10 charged the bitmap to GCSys
    expect(legacySection(rt)).toMatchObject({
      arenaUsed: ARENA_START + 4 * MiB,
      bitmapMapped: 128 * KiB,
      spansMapped: 4 * KiB,
      spansLen: 512,
    })
  })

  it('a 100 MiB object grows everything by the same proportions', () => {
    const rt = new Runtime({ layout: 'legacy' })
    rt.malloc(8)
    const big = rt.malloc(100 * MiB, { noscan: true })
    expect(big).toBe(ARENA_START + 8192) // right after the first page, as in the 1.11+ layout
    const l = legacySection(rt)
    expect(l.arenaUsed).toBe(ARENA_START + 104 * MiB)
    expect(l.bitmapMapped).toBe((104 * MiB) / 32) // 3.25 MiB
    expect(l.spansMapped).toBe(((104 * MiB) / 8192) * 8) // 104 KiB
    expect(rt.snapshot().os.mapped).toEqual([{ base: ARENA_START, size: 104 * MiB }])
    expect(rt.readCounters().os.mapBytes).toBe(104 * MiB + 3.25 * MiB + 104 * KiB)
    expect(rt.spanOf(big + 100 * MiB - 1)?.base).toBe(big)
    checkHeap(rt)
  })

  it('bitmap and spans mappings cover arena_used after every growth, never more than a chunk beyond', () => {
    const rt = new Runtime({ layout: 'legacy' })
    let lastUsed = ARENA_START
    for (let i = 0; i < 40; i++) {
      rt.malloc(1 * MiB + i * 37 * 8192, { noscan: i % 2 === 0 })
      const l = legacySection(rt)
      const heap = l.arenaUsed - ARENA_START
      expect(l.arenaUsed).toBeGreaterThanOrEqual(lastUsed)
      lastUsed = l.arenaUsed
      expect(l.bitmapMapped).toBeGreaterThanOrEqual(heap / 32)
      expect(l.bitmapMapped).toBeLessThan(heap / 32 + 8192) // bitmapChunk rounding only
      expect(l.bitmapMapped % 8192).toBe(0)
      expect(l.spansMapped).toBeGreaterThanOrEqual((heap / 8192) * 8)
      expect(l.spansMapped).toBeLessThan((heap / 8192) * 8 + 4096) // one physical page of rounding
      expect(l.spansLen).toBe(l.spansMapped / 8)
      expect(rt.readMemStats().heapSys).toBe(heap)
      expect(rt.readCounters().os.mapBytes).toBe(heap + l.bitmapMapped + l.spansMapped)
    }
    checkHeap(rt)
  })
})

describe('checkHeap holds for random operation sequences in legacy mode', () => {
  type Op = { kind: 'malloc'; size: number; noscan: boolean; p: number } | { kind: 'readMemStats' }
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({
        kind: fc.constant('malloc' as const),
        size: fc.oneof(
          fc.integer({ min: 0, max: 15 }),
          fc.integer({ min: 16, max: 1024 }),
          fc.integer({ min: 1025, max: 32768 }),
          fc.integer({ min: 32769, max: 5 * MiB }),
        ),
        noscan: fc.boolean(),
        p: fc.nat(2),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'readMemStats' as const }) },
  )
  it.each(['1.21', '1.22'] as const)('goVersion %s, gomaxprocs 3', (goVersion) => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const rt = new Runtime({ layout: 'legacy', gomaxprocs: 3, goVersion })
        for (const op of ops) {
          if (op.kind === 'malloc') {
            const a = rt.malloc(op.size, { noscan: op.noscan, p: op.p })
            if (op.size > 0) {
              expect(a).toBeGreaterThanOrEqual(ARENA_START)
              expect(a + op.size).toBeLessThanOrEqual(legacySection(rt).arenaUsed)
              expect(rt.spanOf(a)).not.toBeNull()
            }
          } else rt.readMemStats()
          checkHeap(rt)
        }
      }),
      { numRuns: 20 },
    )
  })
})

describe('out of memory in legacy mode', () => {
  function expectOOMUnchanged(rt: Runtime, f: () => unknown, why: RegExp): void {
    const before = rt.snapshot()
    let err: unknown
    try {
      f()
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(OutOfMemoryError)
    expect((err as Error).message).toMatch(/^runtime: out of memory: /)
    expect((err as Error).message).toMatch(why)
    expect(rt.snapshot()).toEqual(before)
    checkHeap(rt)
  }

  it('past the 512 GiB arena (with the simulator cap lifted), state unchanged', () => {
    const rt = new Runtime({ layout: 'legacy' })
    rt.malloc(8)
    // The simulator's own cap (64 GiB) normally stops such requests first; lift it (internal).
    ;(rt as unknown as { heapCap: number }).heapCap = 2 ** 48
    // 4 MiB are mapped; the reservation has 512 GiB − 4 MiB + 8 KiB left, in 4 MiB chunks that is
    // 512 GiB − 4 MiB: a request needing 512 GiB more cannot be met.
    expectOOMUnchanged(rt, () => rt.malloc(512 * GiB - 4 * MiB + 1, { noscan: true }), /legacy arena/)
    expectOOMUnchanged(rt, () => rt.malloc(600 * GiB), /legacy arena/)
    // ordinary allocations still work afterwards
    expect(rt.malloc(24)).toBe(ARENA_START + 8192)
    checkHeap(rt)
  })

  it('the simulator cap and heapLimit still apply first', () => {
    const rt = new Runtime({ layout: 'legacy' })
    rt.malloc(8)
    expectOOMUnchanged(rt, () => rt.malloc(100 * GiB, { noscan: true }), /simulator caps the heap/)
    const lim = new Runtime({ layout: 'legacy', heapLimit: 2 * 8192 })
    lim.malloc(8)
    lim.malloc(8, { noscan: true })
    expectOOMUnchanged(lim, () => lim.malloc(24), /heapLimit/)
    expectOOMUnchanged(lim, () => lim.malloc(50_000), /heapLimit/)
  })
})
