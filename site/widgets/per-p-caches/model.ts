/**
 * per-p-caches model (pure, no DOM): the same goroutines, in the same order, allocating once
 * through Go's per-P mcaches and once through a single mcache behind one lock
 * (`new Runtime({ cache: 'shared' })`), recorded one frame per malloc with @go-alloc/core's
 * Scheduler. Frame 0 is the starting state; frame i shows both runtimes after step i.
 *
 * What is compared (packages/core/src/costs.ts, sched.ts): lock acquisitions at the cache level
 * (none with per-P caches, one per malloc with the shared cache), how many of them were handed
 * off from another P (the interleaving's contention), refills that went past the cache, page-cache
 * hits and mheap.lock acquisitions.
 */
import { Runtime, Scheduler, type GoVersion, type StepLevel, type StepResult } from '@go-alloc/core'
import { defaultGoVersion } from '../../lib/go-version.ts'
import { en, type UiStrings } from '../../lib/strings/en.ts'

export const procChoices = [2, 4, 8] as const
export const orderChoices = ['round-robin', 'random', 'sequential'] as const
export const sizeChoices = [64, 1024, 8192] as const

export type Procs = (typeof procChoices)[number]
export type Order = (typeof orderChoices)[number]
export type ObjSize = (typeof sizeChoices)[number]

export interface CompareState {
  procs: Procs
  order: Order
  size: ObjSize
}

export const initialState: CompareState = { procs: 4, order: 'round-robin', size: 1024 }

/** Allocations per goroutine (one goroutine per P). */
export const perGoroutine = 16
/** Seed of the 'random' order (fixed, so a link reproduces the figure). */
const randomSeed = 1

export const orderLabels: Record<Order, string> = {
  'round-robin': 'round-robin (Ps take turns)',
  random: 'random (seed 1)',
  sequential: 'one goroutine after another',
}

/** One design's running totals after a frame. */
export interface Side {
  /** Level the frame's malloc reached (null for frame 0). */
  level: StepLevel | null
  /** This frame's shared-lock acquisition was handed off from another P. */
  handoff: boolean
  cacheLocks: number
  cacheHandoffs: number
  heapLocks: number
  heapHandoffs: number
  /** Mallocs that went past the cache (refills). */
  refills: number
  pageCacheHits: number
  atomics: number
  /** P that last held the shared cache's lock (−1: nobody yet; always −1 with per-P caches). */
  holder: number
}

/** The span a cache is allocating from: its class and how far it is filled (from the core's spanOf). */
export interface CacheSpan {
  sizeclass: number
  nelems: number
  /** Slots handed out: every slot below freeindex (no GC runs in this scenario). */
  freeindex: number
}

export interface CompareFrame {
  /** 0 = start; otherwise the number of mallocs done. */
  step: number
  /** Goroutine and P of this frame's malloc (−1 for frame 0). */
  g: number
  p: number
  size: number
  perP: Side
  shared: Side
  /** Mallocs per P so far. */
  mallocs: number[]
  /** The span each P's own cache allocates from (null before its first malloc). */
  perPSpans: (CacheSpan | null)[]
  /** The span the one shared cache allocates from. */
  sharedSpan: CacheSpan | null
}

const zeroSide = (): Side => ({
  level: null,
  handoff: false,
  cacheLocks: 0,
  cacheHandoffs: 0,
  heapLocks: 0,
  heapHandoffs: 0,
  refills: 0,
  pageCacheHits: 0,
  atomics: 0,
  holder: -1,
})

const memo = new Map<string, CompareFrame[]>()

/** The frames for a state (memoised; the same state always gives the same frames). */
export function compareTrace(s: CompareState, goVersion: GoVersion = defaultGoVersion): CompareFrame[] {
  const key = `${goVersion}/${s.procs}/${s.order}/${s.size}`
  const hit = memo.get(key)
  if (hit) return hit
  const goroutines = Array.from({ length: s.procs }, (_, p) => ({
    p,
    noscan: true,
    allocs: Array<number>(perGoroutine).fill(s.size),
  }))
  const schedule = s.order === 'random' ? { seed: randomSeed } : s.order
  const rts = (['perP', 'shared'] as const).map(
    (cache) => new Runtime({ gomaxprocs: s.procs, cache, goVersion }),
  )
  const runs = rts.map((rt) => new Scheduler(rt, goroutines, schedule))
  const spanAt = (rt: Runtime, addr: number): CacheSpan | null => {
    const sp = rt.spanOf(addr)
    return sp ? { sizeclass: sp.sizeclass, nelems: sp.nelems, freeindex: sp.freeindex } : null
  }
  const frames: CompareFrame[] = [
    {
      step: 0,
      g: -1,
      p: -1,
      size: s.size,
      perP: zeroSide(),
      shared: zeroSide(),
      mallocs: Array<number>(s.procs).fill(0),
      perPSpans: Array<CacheSpan | null>(s.procs).fill(null),
      sharedSpan: null,
    },
  ]
  for (;;) {
    const a = runs[0].step()
    const b = runs[1].step()
    if (a === null || b === null) break
    if (a.g !== b.g) throw new Error('the two runs diverged') // same schedule, same goroutines
    const prev = frames[frames.length - 1]
    const next = (side: Side, r: StepResult, shared: boolean, pageCacheHits: number): Side => {
      const handoff = shared && r.sharedLocks > 0 && side.holder >= 0 && side.holder !== r.p
      return {
        level: r.level,
        handoff,
        cacheLocks: side.cacheLocks + r.sharedLocks,
        cacheHandoffs: side.cacheHandoffs + (handoff ? 1 : 0),
        heapLocks: side.heapLocks + r.heapLocks,
        heapHandoffs: side.heapHandoffs + r.contended - (handoff ? 1 : 0),
        refills: side.refills + (r.level === 'mcache' || r.level === 'zero' ? 0 : 1),
        pageCacheHits,
        atomics: side.atomics + r.atomics,
        holder: shared && r.sharedLocks > 0 ? r.p : side.holder,
      }
    }
    const perP = next(prev.perP, a, false, runs[0].result().levels.pageCache.hits)
    const shared = next(prev.shared, b, true, runs[1].result().levels.pageCache.hits)
    const mallocs = prev.mallocs.slice()
    mallocs[a.p]++
    const perPSpans = prev.perPSpans.slice()
    perPSpans[a.p] = spanAt(rts[0] as Runtime, a.addr)
    const sharedSpan = spanAt(rts[1] as Runtime, b.addr)
    frames.push({
      step: frames.length,
      g: a.g,
      p: a.p,
      size: s.size,
      perP,
      shared,
      mallocs,
      perPSpans,
      sharedSpan,
    })
  }
  memo.set(key, frames)
  return frames
}

/** The per-p-caches figure's words (site/lib/strings); English by default. */
export type PerPCachesStrings = UiStrings['perPCaches']

const sizeWords = (n: number) => (n >= 1024 ? `${n / 1024} KiB` : `${n} B`)

/** The figure's words for a frame (also the control bar's "current operation"). */
export function describeFrame(
  f: CompareFrame,
  index: number,
  total: number,
  t: PerPCachesStrings = en.perPCaches,
): string {
  const at = t.at(index, total - 1)
  if (f.step === 0) return at + t.start(f.mallocs.length, perGoroutine, sizeWords(f.size))
  const a = f.perP
  const b = f.shared
  const lvl = (l: StepLevel | null) => t.levels[l ?? 'zero'] ?? l ?? 'zero'
  return (
    at +
    t.step(
      f.g,
      f.p,
      sizeWords(f.size),
      lvl(a.level),
      t.sharedLock(b.handoff),
      lvl(b.level),
      a.cacheLocks,
      b.cacheLocks,
    )
  )
}

/** One-sentence text alternative for the whole run (its last frame). */
export function summarize(
  s: CompareState,
  frames: readonly CompareFrame[],
  t: PerPCachesStrings = en.perPCaches,
): string {
  const f = frames[frames.length - 1]
  return t.summary(
    s.procs,
    perGoroutine,
    sizeWords(s.size),
    t.orders[s.order] ?? orderLabels[s.order],
    f.perP.heapLocks,
    f.shared.cacheLocks,
    f.step,
    f.shared.cacheHandoffs,
    f.shared.heapLocks,
  )
}

export function stateToParams(s: CompareState): Record<string, string> {
  return { procs: String(s.procs), order: s.order, size: String(s.size) }
}

/** Read a state from URL parameters; anything unknown keeps the base value. */
export function stateFromParams(p: URLSearchParams, base: CompareState = initialState): CompareState {
  const procs = Number(p.get('procs'))
  const size = Number(p.get('size'))
  const order = p.get('order')
  return {
    procs: (procChoices as readonly number[]).includes(procs) ? (procs as Procs) : base.procs,
    order: (orderChoices as readonly (string | null)[]).includes(order) ? (order as Order) : base.order,
    size: (sizeChoices as readonly number[]).includes(size) ? (size as ObjSize) : base.size,
  }
}

/** A prose link value: a step number (clamped), or null. */
export function frameForGoto(value: string, length: number): number | null {
  const v = value.trim()
  if (!/^\d+$/.test(v)) return null
  return Math.min(Number(v), length - 1)
}
