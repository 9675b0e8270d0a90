/**
 * page-alloc model (pure, no DOM): Go's page allocator on the heap's first 4 MiB chunk (512
 * pages of 8 KiB), watched through a fixed scenario run on @go-alloc/core, one frame per step.
 *
 * The scenario (`pageAllocScenario()`) drives `new Runtime({ gogc: 'off', gomaxprocs: 1,
 * heapBase: 'fixed' })` (a fixed base so the chunk starts empty: from Go 1.26 the heap starts at a
 * random page whose padding pages below it would cover part of the chunk)
 * through its public API only — malloc of sizes whose spans need 1 to 40 pages, drop + gc() to
 * free one large object, freeOSMemory() to scavenge — and after every step reads
 * `snapshot().pageAlloc` (the chunk's alloc/scavenged bitmaps, its leaf summary, searchAddr) and
 * `snapshot().ps[0].pcache`, plus the step's `heapGrow` / `pageCacheRefill` / `pageCacheAlloc` /
 * `pageAlloc` / `pageFree` / `sysUnused` events (to say which search ran). A frame is a pure
 * function of that data.
 *
 * What it mirrors (Go's src/runtime/mpagealloc.go, mpallocbits.go, mpagecache.go, mheap.go):
 * spans of fewer than 16 pages come from the P's page cache (one 64-page aligned group taken
 * under the heap lock, whose free pages are marked in use in the global bitmap while the P holds
 * them); bigger ones go to pageAlloc.alloc, which searches the chunk at searchAddr directly when
 * the chunk's summary max is big enough (the fast path), else walks the radix tree.
 *
 * Simplifications: only the first chunk is drawn (the scenario never leaves it); one P
 * (gomaxprocs 1); the GC is the core's stop-the-world one.
 */
import { Runtime, type GoVersion, type Snapshot, type TraceEvent } from '@go-alloc/core'
import { defaultGoVersion } from '../../lib/go-version.ts'
import { en, type UiStrings } from '../../lib/strings/en.ts'

export const pageSize = 8192
export const chunkPages = 512
/** Below this many pages a span comes from the P's page cache (Go: pageCachePages / 4). */
export const cacheThreshold = 16

export type Cell = 'free' | 'inuse' | 'cache' | 'scavenged'
export type StepKind = 'grow' | 'large' | 'refill' | 'cache' | 'large3' | 'free' | 'skip' | 'fit' | 'scavenge'

/** One malloc of the scenario: a size and, for large objects, how many pages it needs. */
export interface Request {
  label: string
  size: number
}

/** How a span's pages were found. */
export interface PageGrant {
  span: string
  npages: number
  /** Page index of the span's first page in the chunk. */
  page: number
  /** 'cache': P0's page cache; 'fast': pageAlloc at searchAddr's chunk; 'tree': the radix-tree walk. */
  via: 'cache' | 'fast' | 'tree'
  /** The page cache was refilled first: page index of its group and free pages it took. */
  refill: { page: number; pages: number } | null
  /** The heap had to grow first (bytes). */
  grew: number
  /** searchAddr (page index, 512 = beyond the chunk) when the search began. */
  searchFrom: number
  /** Scavenged pages among the span's (they had to be made ready again). */
  scavPages: number
}

export interface Run {
  /** First page index and length of a run of free pages (not counting the page cache). */
  start: number
  length: number
  /** Pages of the run returned to the OS. */
  scavenged: number
}

export interface SpanMark {
  label: string
  page: number
  npages: number
  /** The span's size class (0 = a large object), for its colour. */
  sizeclass: number
}

export interface PageFrame {
  kind: StepKind
  chunkBase: number
  chunkIndex: number
  cells: Cell[]
  /** The leaf summary of the chunk, as the core stores it. */
  summary: { start: number; max: number; end: number }
  /** searchAddr as an address and as a page index of the chunk (512 = past its end). */
  searchAddr: number
  searchPage: number
  /** P0's page cache: group's first page index (null when empty), free pages, scavenged among them. */
  pcache: { page: number | null; pages: number; scav: number }
  /** Live spans in the chunk (label, first page, length), by address. */
  spans: SpanMark[]
  runs: Run[]
  grants: PageGrant[]
  /** pageFree events: page index and length. */
  freed: { page: number; npages: number }[]
  /** Bytes returned to the OS in this step. */
  released: number
}

const bit = (bytes: Uint8Array, i: number): boolean => ((bytes[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0
/** The 64-bit hex mask of a page cache: bit i of the number = page base + i. */
const maskBit = (hex: string, i: number): boolean => {
  const nib = parseInt(hex[15 - (i >>> 2)] ?? '0', 16)
  return (nib & (1 << (i & 3))) !== 0
}

/** Runs of free pages in a cell row (page-cache pages are in use for the page allocator). */
function freeRuns(cells: readonly Cell[]): Run[] {
  const runs: Run[] = []
  let cur: Run | null = null
  cells.forEach((c, i) => {
    if (c === 'free' || c === 'scavenged') {
      if (!cur) {
        cur = { start: i, length: 0, scavenged: 0 }
        runs.push(cur)
      }
      cur.length++
      if (c === 'scavenged') cur.scavenged++
    } else cur = null
  })
  return runs
}

/** One frame from a snapshot, the step's events and the span labels (base → label). Pure. */
export function frameFromSnapshot(
  snap: Snapshot,
  kind: StepKind,
  evs: readonly TraceEvent[],
  labelOf: ReadonlyMap<number, string>,
  prevSearchPage: number,
): PageFrame {
  const chunk = snap.pageAlloc.chunks[0]
  if (!chunk) throw new Error('page-alloc: the heap has no chunk')
  const base = chunk.base
  const pageOf = (addr: number) => Math.floor((addr - base) / pageSize)
  const pc = snap.ps[0]?.pcache ?? { base: 0, pages: 0, cache: '0'.repeat(16), scav: '0'.repeat(16) }
  const cacheFirst = pc.pages > 0 ? pageOf(pc.base) : null
  let cacheScav = 0
  const cells: Cell[] = Array.from({ length: chunkPages }, (_, i) => {
    if (bit(chunk.alloc, i)) {
      if (
        cacheFirst !== null &&
        i >= cacheFirst &&
        i < cacheFirst + 64 &&
        maskBit(pc.cache, i - cacheFirst)
      ) {
        if (maskBit(pc.scav, i - cacheFirst)) cacheScav++
        return 'cache'
      }
      return 'inuse'
    }
    return bit(chunk.scavenged, i) ? 'scavenged' : 'free'
  })
  const leaf = snap.pageAlloc.summaries.find((s) => s.level === 4 && s.index === chunk.index)
  const summary = leaf ? { start: leaf.start, max: leaf.max, end: leaf.end } : { start: 0, max: 0, end: 0 }
  const spans: SpanMark[] = snap.spans
    .filter((s) => s.base >= base && s.base < base + chunkPages * pageSize)
    .map((s) => ({
      label: labelOf.get(s.base) ?? '?',
      page: pageOf(s.base),
      npages: s.npages,
      sizeclass: s.sizeclass,
    }))
    .sort((a, b) => a.page - b.page)
  const grants: PageGrant[] = []
  let grew = 0
  let refill: PageGrant['refill'] = null
  let searchFrom = prevSearchPage
  let pending: Omit<PageGrant, 'span' | 'npages' | 'page' | 'scavPages'> | null = null
  const freed: PageFrame['freed'] = []
  let released = 0
  for (const ev of evs) {
    if (ev.type === 'heapGrow') {
      grew += ev.growth
      searchFrom = Math.min(searchFrom, Math.max(0, pageOf(ev.base)))
    } else if (ev.type === 'pageCacheRefill') {
      if (ev.pages > 0) refill = { page: pageOf(ev.base), pages: ev.pages }
    } else if (ev.type === 'pageCacheAlloc') pending = { via: 'cache', refill, grew, searchFrom }
    else if (ev.type === 'pageAlloc') {
      pending = { via: ev.fast ? 'fast' : 'tree', refill, grew, searchFrom }
      searchFrom = Math.max(searchFrom, Math.min(chunkPages, Math.max(0, pageOf(ev.searchAddr))))
    } else if (ev.type === 'allocSpan') {
      const p = pending ?? { via: ev.viaPageCache ? 'cache' : 'fast', refill, grew, searchFrom }
      grants.push({
        span: labelOf.get(ev.base) ?? '?',
        npages: ev.npages,
        page: pageOf(ev.base),
        scavPages: Math.round(ev.scav / pageSize),
        ...p,
      })
      pending = null
      refill = null
      grew = 0
    } else if (ev.type === 'pageFree') freed.push({ page: pageOf(ev.base), npages: ev.npages })
    else if (ev.type === 'sysUnused') released += ev.bytes
  }
  const sa = snap.pageAlloc.searchAddr
  return {
    kind,
    chunkBase: base,
    chunkIndex: chunk.index,
    cells,
    summary,
    searchAddr: sa,
    searchPage: Math.min(chunkPages, Math.max(0, pageOf(sa))),
    pcache: { page: cacheFirst, pages: pc.pages, scav: cacheScav },
    spans,
    runs: freeRuns(cells),
    grants,
    freed,
    released,
  }
}

/** The scenario's mallocs, by step (labels name the spans, in allocation order). */
export const plan: readonly { kind: StepKind; requests: readonly Request[] }[] = [
  { kind: 'grow', requests: [{ label: 'A', size: 1024 }] }, // 1-page span (class 1024 B)
  { kind: 'large', requests: [{ label: 'B', size: 40 * pageSize }] },
  { kind: 'refill', requests: [{ label: 'C', size: 27264 }] }, // 10-page span (class 27264 B)
  { kind: 'cache', requests: [{ label: 'D', size: 2048 }] }, // 1-page span
  {
    kind: 'large3',
    requests: [
      { label: 'E', size: 20 * pageSize },
      { label: 'F', size: 30 * pageSize },
      { label: 'G', size: 20 * pageSize },
    ],
  },
  { kind: 'free', requests: [] }, // drop F, gc()
  { kind: 'skip', requests: [{ label: 'H', size: 40 * pageSize }] },
  { kind: 'fit', requests: [{ label: 'I', size: 24 * pageSize }] },
  { kind: 'scavenge', requests: [] }, // freeOSMemory()
]
/** The object the 'free' step drops. */
export const dropped = 'F'

export interface Scenario {
  frames: PageFrame[]
  /** The raw snapshot after each step (for tests). */
  snapshots: Snapshot[]
}

const memo = new Map<GoVersion, Scenario>()

export function pageAllocScenario(goVersion: GoVersion = defaultGoVersion): Scenario {
  const hit = memo.get(goVersion)
  if (hit) return hit
  const rt = new Runtime({ gogc: 'off', gomaxprocs: 1, heapBase: 'fixed', goVersion })
  const kinds = new Set([
    'heapGrow',
    'pageCacheRefill',
    'pageCacheAlloc',
    'pageAlloc',
    'allocSpan',
    'pageFree',
    'sysUnused',
  ])
  const evs: TraceEvent[] = []
  rt.subscribe((ev) => {
    if (kinds.has(ev.type)) evs.push(ev)
  })
  const labelOf = new Map<number, string>()
  const objects = new Map<string, number>()
  const frames: PageFrame[] = []
  const snapshots: Snapshot[] = []
  for (const step of plan) {
    // Label the span each malloc creates before it is read (allocSpan names the base).
    for (const r of step.requests) {
      const before = evs.length
      const addr = rt.malloc(r.size, { noscan: true })
      objects.set(r.label, addr)
      const ev = evs.slice(before).find((e) => e.type === 'allocSpan')
      const s = rt.spanOf(addr)
      labelOf.set(ev && ev.type === 'allocSpan' ? ev.base : (s?.base ?? addr), r.label)
    }
    if (step.kind === 'free') {
      rt.drop(objects.get(dropped) as number)
      rt.gc()
    } else if (step.kind === 'scavenge') rt.freeOSMemory()
    const snap = rt.snapshot()
    snapshots.push(snap)
    frames.push(frameFromSnapshot(snap, step.kind, evs, labelOf, frames.at(-1)?.searchPage ?? chunkPages))
    evs.length = 0
  }
  const scenario = { frames, snapshots }
  memo.set(goVersion, scenario)
  return scenario
}

export const pageAllocTrace = (goVersion: GoVersion = defaultGoVersion): PageFrame[] =>
  pageAllocScenario(goVersion).frames

/** The page-alloc figure's words (site/lib/strings); English by default. */
export type PageAllocStrings = UiStrings['pageAlloc']

/** The free run (of frame f) that contains page i, or null. */
const runAt = (f: PageFrame, i: number): Run | null =>
  f.runs.find((r) => i >= r.start && i < r.start + r.length) ?? null

/** Words for one grant; `prev` is the frame before the step (for the run at searchAddr). */
export function grantWords(g: PageGrant, prev: PageFrame | null, t: PageAllocStrings = en.pageAlloc): string {
  const pg = (i: number) => (i >= chunkPages ? t.pastChunk : t.page(i))
  const what = t.what(g.span, t.pages(g.npages))
  if (g.via === 'cache') {
    const fill = g.refill ? t.refill(g.refill.page, g.refill.pages) : ''
    return t.fromCache(fill, what, cacheThreshold, g.npages, g.page)
  }
  const big = g.npages >= cacheThreshold ? t.big(cacheThreshold) : t.cacheEmpty
  const from = g.searchFrom
  if (g.grew > 0) return t.grew(what, big, g.grew / 1048576, pg(g.page))
  if (g.via === 'tree') return t.tree(what, big, pg(g.page))
  if (g.page === from) return t.there(what, big, pg(from))
  const gap = prev ? runAt(prev, from) : null
  const skip =
    gap && gap.length < g.npages ? t.skipSmall(pg(from), t.pages(gap.length)) : t.skipUsed(pg(from))
  return t.skip(what, big, skip, pg(g.page))
}

/** The caption of a frame: one sentence in our words (also the control bar's live text). */
export function describeFrame(
  f: PageFrame,
  index: number,
  total: number,
  prev: PageFrame | null = null,
  t: PageAllocStrings = en.pageAlloc,
): string {
  const pg = (i: number) => (i >= chunkPages ? t.pastChunk : t.page(i))
  const at = t.at(index, total - 1)
  switch (f.kind) {
    case 'free': {
      const fr = f.freed[0]
      return (
        at +
        t.free(dropped, fr ? `${fr.page}–${fr.page + fr.npages - 1}` : '?', pg(f.searchPage), f.summary.max)
      )
    }
    case 'scavenge':
      return at + t.scavenge(t.pages(f.released / pageSize))
    case 'large3': {
      const gs = f.grants
      return (
        at +
        t.large3(
          gs.map((g) => g.span).join(', '),
          gs.map((g) => g.npages).join(', '),
          cacheThreshold,
          gs.map((g) => g.page).join(', '),
        )
      )
    }
    default: {
      let p = prev
      const words = f.grants.map((g) => {
        const w = grantWords(g, p, t)
        p = null
        return w
      })
      return at + t.sentence(t.list(words))
    }
  }
}

/** A text alternative for the current state (visually hidden under the figure). */
export function describeState(f: PageFrame, t: PageAllocStrings = en.pageAlloc): string {
  const count = (c: Cell) => f.cells.filter((x) => x === c).length
  const runs = f.runs.map((r) => `${r.start}–${r.start + r.length - 1}`).join(', ')
  return t.state(
    f.chunkIndex,
    `0x${f.chunkBase.toString(16)}`,
    count('inuse'),
    count('cache'),
    count('free'),
    count('scavenged'),
    runs || t.none,
    f.summary.start,
    f.summary.max,
    f.summary.end,
    f.searchPage >= chunkPages ? t.pastChunk : t.page(f.searchPage),
  )
}

/** A prose link value: a step number (clamped) or a step kind ('skip', 'scavenge', …); else null. */
export function frameForGoto(value: string, frames: readonly PageFrame[] = pageAllocTrace()): number | null {
  const v = value.trim()
  if (/^\d+$/.test(v)) return Math.min(Number(v), frames.length - 1)
  const i = frames.findIndex((f) => f.kind === v)
  return i < 0 ? null : i
}
