// The page-alloc figure's frames, checked against facts computed here without the model: a naive
// address-ordered first fit over the previous step's raw bitmap (snapshot().pageAlloc) predicts
// where every span the page allocator hands out starts; a naive page-cache refill (the 64-page
// group of the first free page) and lowest-run search predict the small spans; the chunk's leaf
// summary (start, max, end) is recomputed from the bitmap; pages in use = Σ span pages + pages
// held in P0's page cache; searchAddr has no free page below it; Go's span sizes (1024 B and
// 2048 B classes: 1 page; 27264 B: 10 pages; large objects: size / 8 KiB pages).
import { describe, expect, it } from 'vitest'
import type { Snapshot } from '@go-alloc/core'
import {
  cacheThreshold,
  chunkPages,
  describeFrame,
  describeState,
  dropped,
  frameForGoto,
  pageAllocScenario,
  plan,
  type PageFrame,
} from '../../site/widgets/page-alloc/model.ts'
import { renderPageAlloc, renderTable } from '../../site/widgets/page-alloc/render.ts'

const { frames, snapshots } = pageAllocScenario()
const PAGE = 8192

/** Raw bits of the snapshot's first chunk (true = in use / scavenged). */
function rawBits(s: Snapshot): { alloc: boolean[]; scav: boolean[]; base: number } {
  const c = s.pageAlloc.chunks[0]!
  const get = (b: Uint8Array) => Array.from({ length: 512 }, (_, i) => (b[i >> 3]! & (1 << (i & 7))) !== 0)
  return { alloc: get(c.alloc), scav: get(c.scavenged), base: c.base }
}

/** Naive first fit: index of the first run of n false entries in xs[from..to), or -1. */
function firstFit(xs: readonly boolean[], n: number, from = 0, to = xs.length): number {
  let run = 0
  for (let i = from; i < to; i++) {
    run = xs[i] ? 0 : run + 1
    if (run === n) return i - n + 1
  }
  return -1
}

/** Summary of a bitmap by definition: free pages at the start, longest free run, free at the end. */
function naiveSummary(alloc: readonly boolean[]) {
  let start = 0
  while (start < alloc.length && !alloc[start]) start++
  let end = 0
  while (end < alloc.length && !alloc[alloc.length - 1 - end]) end++
  let max = 0
  let run = 0
  for (const a of alloc) {
    run = a ? 0 : run + 1
    max = Math.max(max, run)
  }
  return { start, max, end }
}

/** Pages Go gives a span for each request size (size-class table / large objects). */
const goPages = (size: number): number =>
  size === 1024 || size === 2048 ? 1 : size === 27264 ? 10 : Math.ceil(size / PAGE)

describe('page-alloc: every allocation lands where a naive first fit says', () => {
  it('predicts each span’s first page from the previous step’s raw bitmap and page cache', () => {
    let checked = 0
    frames.forEach((f, i) => {
      const prev = i > 0 ? rawBits(snapshots[i - 1]!) : null
      // Before the first step there is no chunk: the heap grows and everything is free.
      const alloc = prev ? [...prev.alloc] : Array<boolean>(chunkPages).fill(false)
      // P0's cache as free/used booleans over the chunk (true = not available in the cache).
      let cache: boolean[] | null = null
      let cacheGroup = -1
      if (i > 0) {
        const pc = snapshots[i - 1]!.ps[0]!.pcache
        if (pc.pages > 0) {
          cacheGroup = (pc.base - prev!.base) / PAGE
          const mask = BigInt(`0x${pc.cache}`)
          cache = Array.from({ length: chunkPages }, (_, p) =>
            p < cacheGroup || p >= cacheGroup + 64 ? true : ((mask >> BigInt(p - cacheGroup)) & 1n) === 0n,
          )
        }
      }
      const reqs = plan[i]!.requests
      expect(f.grants.map((g) => g.span)).toEqual(reqs.map((r) => r.label))
      reqs.forEach((r, k) => {
        const g = f.grants[k]!
        const n = goPages(r.size)
        expect(g.npages).toBe(n)
        let expected: number
        if (n < cacheThreshold && i > 0) {
          if (cache === null) {
            // Refill: the 64-page group of the first free page; all its free pages go to the cache.
            const first = alloc.indexOf(false)
            cacheGroup = first - (first % 64)
            cache = alloc.map((a, p) => (p < cacheGroup || p >= cacheGroup + 64 ? true : a))
            for (let p = cacheGroup; p < cacheGroup + 64; p++) alloc[p] = true
            expect(g.refill).toEqual({ page: cacheGroup, pages: cache.filter((c) => !c).length })
          }
          expected = firstFit(cache, n)
          expect(g.via).toBe('cache')
          for (let p = expected; p < expected + n; p++) cache[p] = true
        } else {
          expected = firstFit(alloc, n)
          expect(g.via).not.toBe('cache')
          for (let p = expected; p < expected + n; p++) alloc[p] = true
        }
        expect(g.page, `step ${i} span ${r.label}`).toBe(expected)
        // And the snapshot has a span of that size there.
        const base = rawBits(snapshots[i]!).base + expected * PAGE
        expect(snapshots[i]!.spans.find((s) => s.base === base)?.npages).toBe(n)
        checked++
      })
    })
    expect(checked).toBe(plan.reduce((a, s) => a + s.requests.length, 0))
  })

  it('skips the freed hole when it is too small and fills it when it fits', () => {
    const free = frames.find((f) => f.kind === 'free')!
    const skip = frames.find((f) => f.kind === 'skip')!
    const fit = frames.find((f) => f.kind === 'fit')!
    const hole = free.freed[0]!
    expect(hole.npages).toBe(30) // F was 30 pages
    expect(free.searchPage).toBe(hole.page) // freeing below searchAddr lowers it
    expect(skip.grants[0]!.npages).toBeGreaterThan(hole.npages)
    expect(skip.grants[0]!.page).toBeGreaterThan(hole.page)
    expect(fit.grants[0]!.npages).toBeLessThanOrEqual(hole.npages)
    expect(fit.grants[0]!.page).toBe(hole.page)
    const i = frames.indexOf(skip)
    expect(describeFrame(skip, i, frames.length, frames[i - 1]!)).toMatch(/only 30 pages, too small/)
  })
})

describe('page-alloc: state read off the bitmap', () => {
  it('the leaf summary equals start/max/end recomputed from the raw bitmap', () => {
    frames.forEach((f, i) =>
      expect(f.summary, `step ${i}`).toEqual(naiveSummary(rawBits(snapshots[i]!).alloc)),
    )
  })

  it('pages in use = Σ span pages + pages held in P0’s page cache', () => {
    frames.forEach((f, i) => {
      const s = snapshots[i]!
      const { alloc } = rawBits(s)
      const spanPages = s.spans.reduce((a, x) => a + x.npages, 0)
      expect(alloc.filter(Boolean).length).toBe(spanPages + s.ps[0]!.pcache.pages)
      expect(f.cells.filter((c) => c === 'inuse').length).toBe(spanPages)
      expect(f.cells.filter((c) => c === 'cache').length).toBe(s.ps[0]!.pcache.pages)
    })
  })

  it('cells follow the raw bits; no free page lies below searchAddr; no in-use page is scavenged', () => {
    frames.forEach((f, i) => {
      const { alloc, scav } = rawBits(snapshots[i]!)
      f.cells.forEach((c, p) => {
        expect(c === 'inuse' || c === 'cache').toBe(alloc[p])
        if (!alloc[p]) expect(c === 'scavenged').toBe(scav[p])
        expect(alloc[p] && scav[p]).toBe(false)
      })
      const firstFree = alloc.indexOf(false)
      expect(f.searchPage).toBeLessThanOrEqual(firstFree < 0 ? chunkPages : firstFree)
      // Runs cover exactly the free pages.
      const inRuns = f.runs.reduce((a, r) => a + r.length, 0)
      expect(inRuns).toBe(alloc.filter((a) => !a).length)
    })
  })

  it('the page cache holds one 64-page aligned group', () => {
    for (const f of frames) if (f.pcache.page !== null) expect(f.pcache.page % 64).toBe(0)
  })

  it('a new chunk is all scavenged, and freeOSMemory scavenges every free page outside the cache', () => {
    const first = rawBits(snapshots[0]!)
    expect(first.scav.filter((s, p) => s && !first.alloc[p]).length).toBe(chunkPages - 1)
    const k = frames.findIndex((f) => f.kind === 'scavenge')
    const before = frames[k - 1]!.cells.filter((c) => c === 'free').length
    expect(before).toBeGreaterThan(0)
    expect(frames[k]!.released).toBe(before * PAGE)
    expect(frames[k]!.cells.filter((c) => c === 'free').length).toBe(0)
  })

  it('drops the object it says it drops', () => {
    const f = frames.find((x) => x.kind === 'free')!
    expect(f.spans.some((s) => s.label === dropped)).toBe(false)
    expect(frames[frames.indexOf(f) - 1]!.spans.some((s) => s.label === dropped)).toBe(true)
  })
})

describe('page-alloc: rendering and text alternatives', () => {
  it('draws 512 cells, the legend, the summary and a table of runs', () => {
    const html = renderPageAlloc(frames, 0)
    // one rect per page of the chunk, plus the legend's four swatches (in use, cache, free, scavenged)
    expect(html.match(/class="pa-c pa-/g)!.length).toBe(chunkPages + 4)
    for (const w of [
      'searchAddr',
      'start',
      'max',
      'end',
      'scavenged',
      'page cache',
      'nb-summary',
      'nb-table-view',
    ])
      expect(html).toContain(w)
    const f: PageFrame = frames.find((x) => x.kind === 'fit')!
    const t = renderTable(f)
    expect((t.match(/<tr>/g) ?? []).length).toBe(f.runs.length + 1)
  })

  it('every caption and description is a sentence with the step number', () => {
    frames.forEach((f, i) => {
      const c = describeFrame(f, i, frames.length, frames[i - 1] ?? null)
      expect(c.startsWith(`Step ${i} of ${frames.length - 1}: `)).toBe(true)
      expect(c.endsWith('.')).toBe(true)
      expect(describeState(f)).toContain(`max ${f.summary.max}`)
    })
  })

  it('goto accepts a step number or a step kind', () => {
    expect(frameForGoto('3')).toBe(3)
    expect(frameForGoto('99')).toBe(frames.length - 1)
    expect(frameForGoto('skip')).toBe(frames.findIndex((f) => f.kind === 'skip'))
    expect(frameForGoto('nonsense')).toBeNull()
  })
})
