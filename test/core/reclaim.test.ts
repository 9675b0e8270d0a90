// The page reclaimer (Go's mheap.reclaim / reclaimChunk, packages/core/src/mheap.ts): scenarios
// whose expected figures are worked out by hand from Go's algorithm, with the heap laid out at a
// fixed base (page i of the first arena is 0xc000000000 + i × 8 KiB).
//
// Go's rules used below (Go 1.27 src/runtime/mheap.go, mgcsweep.go, mgcmark.go,
// mgcmark_greenteagc.go):
//   - while the sweep is not done, mheap.alloc(npages) first reclaims npages pages: it takes
//     reclaimCredit first, then claims chunks of 512 pages of the arenas the sweep started with
//     (reclaimIndex) and sweeps every span whose first page is in use (pageInUse) and unmarked
//     (pageMarks); pages freed beyond the request become credit; once every chunk is claimed the
//     reclaimer stops for this cycle;
//   - sweepone adds the pages of a span it frees to reclaimCredit;
//   - the marker sets a span's pageMarks bit with its first marked object — under Green Tea, a
//     span of 16–512-byte objects with inline mark bits gets it when the span is scanned, and a
//     noscan one (never scanned) never gets it.
import { describe, expect, it } from 'vitest'
import { Runtime, checkHeap, type TraceEvent } from '@go-alloc/core'
import { arenaIndex } from '../../packages/core/src/mheap.ts'

const page = 8192
const base = 0xc000000000
/** 20 pages: a large object that does not go through the P's page cache (< 16 pages would). */
const big = 20 * page

function events(rt: Runtime): TraceEvent[] {
  const evs: TraceEvent[] = []
  rt.subscribe((e) => evs.push(e))
  return evs
}

function pageMarked(rt: Runtime, a: number): boolean {
  const ha = rt.mheap_.arenas.get(arenaIndex(a))!
  const pi = Math.floor(a / page) % 8192
  return ((ha.pageMarks[pi >>> 3] >>> (pi & 7)) & 1) === 1
}

type ReclaimEvent = Extract<TraceEvent, { type: 'reclaim' }>
const reclaims = (evs: TraceEvent[]) => evs.filter((e): e is ReclaimEvent => e.type === 'reclaim')
/** A reclaim event as [npages, fromCredit, chunks, spansSwept, pagesReclaimed, credit, done]. */
const row = (e: ReclaimEvent) => [
  e.npages,
  e.fromCredit,
  e.chunks,
  e.spansSwept,
  e.pagesReclaimed,
  e.credit,
  e.done,
]

describe('the page reclaimer frees dead spans before the heap takes new pages', () => {
  // Four 20-page objects A B C D at pages 0, 20, 40, 60; A and C dropped; a cycle leaves the
  // sweep to allocation. Then three more 20-page objects E, F, G.
  function setup(goVersion: '1.22' | '1.27') {
    const rt = new Runtime({ goVersion, gogc: 'off', heapBase: 'fixed' })
    const o = { noscan: true }
    const [a, b, c, d] = [0, 1, 2, 3].map(() => rt.malloc(big, o))
    expect([a, b, c, d]).toEqual([0, 20, 40, 60].map((p) => base + p * page))
    rt.drop(a)
    rt.drop(c)
    rt.gc({ sweep: 'lazy' })
    return { rt, a, b, c, d, o }
  }

  for (const goVersion of ['1.22', '1.27'] as const) {
    it(`Go ${goVersion}: pageMarks after marking, then E reuses A's pages and F C's, by credit`, () => {
      const { rt, a, b, c, d, o } = setup(goVersion)
      // Marked: B and D (their spans' first pages); A and C have no marked object.
      expect([a, b, c, d].map((x) => pageMarked(rt, x))).toEqual([false, true, false, true])
      expect(rt.mheap_.reclaimIndex).toBe(0)
      expect(rt.mheap_.reclaimCredit).toBe(0)
      checkHeap(rt)
      const evs = events(rt)
      const grows = rt.counters.heapGrows

      // E: reclaim(20) — no credit; chunk 0 (pages 0–511) holds the first pages 0, 20, 40, 60 in
      // use; 0 and 40 are unmarked: A and C are swept and freed (40 pages). 40 > 20: 20 pages of
      // credit. E then takes the first fit: A's pages.
      const e = rt.malloc(big, o)
      expect(reclaims(evs).map(row)).toEqual([[20, 0, 1, 2, 40, 20, false]])
      const swept = evs.filter((x) => x.type === 'sweepSpan')
      // A and C by the reclaimer (in address order), then B by the background sweeper's turn
      // after the allocation (sweepone skips A's entry: the reclaimer already swept it).
      expect(swept.map((x) => x.type === 'sweepSpan' && [x.span, x.freedSpan])).toEqual([
        [a, true],
        [c, true],
        [b, false],
      ])
      expect(e).toBe(a)
      expect(rt.mheap_.reclaimIndex).toBe(512)
      // The 20 spare pages wait as credit (B's background sweep freed nothing, so added none).
      expect(rt.snapshot().gc).toMatchObject({ reclaimIndex: 512, reclaimCredit: 20 })
      checkHeap(rt)

      // F: reclaim(20) is paid from the credit alone; F takes C's pages.
      evs.length = 0
      const f = rt.malloc(big, o)
      expect(reclaims(evs).map(row)).toEqual([[20, 20, 0, 0, 0, 0, false]])
      expect(f).toBe(c)
      checkHeap(rt)

      // G: no credit; chunks 512, 1024, …, 7680 of the only arena (15 chunks) hold no span; the
      // next claim (8192) is past the arenas the sweep began with: done. G goes after D.
      evs.length = 0
      const g = rt.malloc(big, o)
      expect(reclaims(evs).map(row)).toEqual([[20, 0, 15, 0, 0, 0, true]])
      expect(g).toBe(d + 20 * page)
      expect(rt.snapshot().gc).toMatchObject({ reclaimIndex: null, reclaimCredit: 0 })
      expect(rt.counters.heapGrows).toBe(grows) // all inside the first 4 MiB
      expect(rt.counters.pagesReclaimed).toBe(40)
      checkHeap(rt)

      // H: the reclaimer is done for this cycle (the background turn after G ended the sweep).
      evs.length = 0
      rt.malloc(big, o)
      expect(reclaims(evs)).toEqual([])
      expect(rt.gcController.sweep.active()).toBe(false)
      checkHeap(rt)
    })
  }

  it("sweepone's freed pages become credit, and a new cycle resets index and credit", () => {
    const { rt, a, c, o } = setup('1.27')
    // The background sweeper sweeps A (then skips nothing: C next). Each frees 20 pages: credit.
    rt.background(1)
    expect(rt.mheap_.reclaimCredit).toBe(20)
    const evs = events(rt)
    const e = rt.malloc(big, o)
    expect(reclaims(evs)[0]).toMatchObject({ fromCredit: 20, chunks: 0, spansSwept: 0 })
    expect(e).toBe(a)
    // C is still unswept; the next cycle first finishes the sweep, then starts over.
    rt.gc({ sweep: 'lazy' })
    expect(rt.mheap_.reclaimIndex).toBe(0)
    expect(rt.mheap_.reclaimCredit).toBe(0)
    expect(pageMarked(rt, c)).toBe(false)
    checkHeap(rt)
  })
})

describe('which spans the reclaimer passes by: pageMarks in the classic and the Green Tea marker', () => {
  // One live 64-byte object in a scan span and one in a noscan span (one page each), flushed to
  // mcentral so that they are unswept after the cycle; then a 20-page allocation reclaims.
  for (const greenTea of [false, true]) {
    it(
      greenTea
        ? 'Green Tea: the noscan inline-mark span has no page mark and is swept (and kept)'
        : 'classic: both live spans are marked and passed by',
      () => {
        const rt = new Runtime({ goVersion: '1.27', gogc: 'off', heapBase: 'fixed', greenTea })
        const scan = rt.malloc(64)
        const noscan = rt.malloc(64, { noscan: true })
        rt.readMemStats() // flush P0's mcache
        rt.gc({ sweep: 'lazy' })
        const s1 = rt.spanOf(scan)!.base
        const s2 = rt.spanOf(noscan)!.base
        expect(pageMarked(rt, s1)).toBe(true) // Green Tea: set when the span was scanned
        expect(pageMarked(rt, s2)).toBe(!greenTea)
        checkHeap(rt)
        const evs = events(rt)
        rt.malloc(big, { noscan: true })
        // All 16 chunks of the arena are looked through (nothing is freed), then done.
        expect(reclaims(evs)).toEqual([
          {
            type: 'reclaim',
            npages: 20,
            fromCredit: 0,
            chunks: 16,
            spansSwept: greenTea ? 1 : 0,
            pagesReclaimed: 0,
            credit: 0,
            done: true,
          },
        ])
        const sweeps = evs.filter((x) => x.type === 'sweepSpan')
        // The reclaimer's sweep comes before the allocation's background turn (which sweeps one span).
        if (greenTea) expect(sweeps[0]).toMatchObject({ span: s2, freed: 0, live: 1, freedSpan: false })
        expect(rt.spanOf(noscan)).not.toBeNull()
        checkHeap(rt)
      },
    )
  }
})

describe('a failed allocation leaves the reclaimer untouched', () => {
  it('the preflight refuses before any sweep; when finishing the sweep makes room, no reclaim runs', () => {
    // heapLimit 1 MiB (128 pages). A B C D hold 80 pages; A and C are garbage (40 pages).
    const rt = new Runtime({ goVersion: '1.27', gogc: 'off', heapBase: 'fixed', heapLimit: 1 << 20 })
    const o = { noscan: true }
    const [a, , c] = [0, 1, 2, 3].map(() => rt.malloc(big, o))
    rt.drop(a)
    rt.drop(c)
    rt.gc({ sweep: 'lazy' })
    const before = rt.snapshot()
    const evs = events(rt)
    // 100 pages: 80 − 40 + 100 > 128 even after every sweep — refused, nothing changed.
    expect(() => rt.malloc(100 * page, o)).toThrow(/out of memory/)
    expect(rt.snapshot()).toEqual(before)
    expect([rt.mheap_.reclaimIndex, rt.mheap_.reclaimCredit, rt.counters.reclaims]).toEqual([0, 0, 0])
    expect(evs).toEqual([])
    checkHeap(rt)
    // 60 pages: 80 + 60 > 128, but 80 − 40 + 60 fits: the preflight finishes the sweep (A and C
    // freed), so sweeping is done and mheap.alloc runs no reclaim.
    const x = rt.malloc(60 * page, o)
    expect(reclaims(evs)).toEqual([])
    expect(rt.counters.reclaims).toBe(0)
    expect(x).toBe(0xc000000000 + 80 * page) // A's and C's 20-page holes are too small
    checkHeap(rt)
  })
})
