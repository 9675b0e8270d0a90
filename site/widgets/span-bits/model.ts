/**
 * span-bits model (pure, no DOM): one span at slot granularity through allocate, free (a GC)
 * and allocate again, one frame per step of a @go-alloc/core Runtime.
 *
 * The scenario (`spanBitsTrace(state)`) runs a fresh `Runtime({ gogc: 'off' })` of the page's Go
 * version: `fill` mallocs of the chosen class (each its own frame), the program drops a pattern
 * of them, ReadMemStats flushes P0's cache (the span waits in its mcentral), a heap-triggered
 * cycle marks (`gc({ sweep: 'lazy' })`, sweeping left lazy), the background sweeper
 * sweeps the span (`background(1)`), and `reuse` more mallocs take the freed slots. Each frame is
 * read off the core: the span's `snapshot()` (allocBits, gcmarkBits, freeindex, allocCount,
 * allocCache) after the step, the one before it, and the step's trace events (`nextFreeFast`,
 * `nextFreeIndex`, `refill`, `cacheSpan`) and `allocCacheRefills` counter — the figure draws
 * what the simulator did, it does not re-run the algorithm.
 *
 * What Go does here (malloc.go nextFreeFast, mbitmap.go nextFreeIndex/refillAllocCache):
 * allocCache holds the complement of 64 allocBits starting at a multiple of 64, shifted so that
 * bit 0 is slot freeindex. nextFreeFast counts its trailing zeros t (used slots to skip), takes
 * slot freeindex + t, shifts the cache right by t + 1 and sets freeindex past the slot — unless
 * that would put freeindex on a 64-slot boundary (then the slow path nextFreeIndex takes the slot
 * and reloads allocCache from the next 8 bytes of allocBits). A sweep turns gcmarkBits into
 * allocBits and sets freeindex back to 0, so the holes are reused lowest address first.
 */
import { Runtime, type GoVersion, type SpanSnapshot, type TraceEvent } from '@go-alloc/core'
import { coreGoVersion } from '../shared/core-version.ts'

/** Object sizes offered (each its own size class): the figure allocates exactly the class size. */
export const sizes = [16, 48, 64, 128, 512] as const
export type Size = (typeof sizes)[number]

export interface SpanBitsState {
  size: Size
  /** The objects hold pointers (a scan span: 1.22+ keeps heap bits at its tail). */
  pointers: boolean
}

export const initialState: SpanBitsState = { size: 48, pointers: false }

export type StepKind = 'alloc' | 'boundary' | 'drop' | 'flush' | 'mark' | 'sweep' | 'reuse'

export interface SpanBitsFrame {
  kind: StepKind
  /** Slot a malloc of this step returned, else −1. */
  slot: number
  /** The malloc's path: 'fast' (nextFreeFast), 'slow' (nextFreeIndex), or null. */
  path: 'fast' | 'slow' | null
  /** The mcache had to fetch the span (refill → cacheSpan) first. */
  cached: boolean
  /** allocCache was reloaded from allocBits during this step (refillAllocCache). */
  cacheRefilled: boolean
  /** Trailing zeros nextFreeFast counted in the cache before the step (null: not a malloc). */
  ctz: number | null
  /** The span before the step (freeindex, allocCache) — what nextFreeFast read. */
  beforeFreeindex: number
  beforeCache: string
  base: number
  elemsize: number
  nelems: number
  sizeclass: number
  noscan: boolean
  spanBytes: number
  freeindex: number
  allocCount: number
  /** 16 hex digits; bit 0 = slot freeindex; 1 = free. */
  allocCache: string
  allocBits: boolean[]
  gcmarkBits: boolean[]
  /** Allocated: below freeindex or set in allocBits (Go's !isFree). */
  allocated: boolean[]
  /** Slots this step changed from allocated to free or back. */
  changed: number[]
  /** Free slots the sweep freed (holes) that no malloc has reused yet. */
  holes: boolean[]
  /** The program still references the slot's object. */
  held: boolean[]
  where: string
  /** Span tail: bytes no slot uses, of which heap bits (1.22+ scan ≤ 512 B) and inline marks (1.26+). */
  tailBytes: number
  heapBitsBytes: number
  inlineMarkBytes: number
  goVersion: GoVersion
}

const minor = (v: string) => Number(/^1\.(\d+)$/.exec(v)?.[1] ?? 0)

/** Bytes a span of this version reserves at its tail for heap bits and inline mark bits. */
export function reservedTail(
  v: GoVersion,
  elemsize: number,
  noscan: boolean,
): { heapBits: number; inlineMarks: number } {
  const small = elemsize <= 512
  return {
    heapBits: minor(v) >= 22 && !noscan && small ? 128 : 0,
    inlineMarks: minor(v) >= 26 && small && elemsize >= 16 ? 128 : 0,
  }
}

/** The allocCache bit (1 = free) for `slot`, or null outside the 64-slot window from freeindex. */
export function cacheBitOf(allocCache: string, freeindex: number, slot: number): 0 | 1 | null {
  const k = slot - freeindex
  if (k < 0 || k >= 64) return null
  const digit = parseInt(allocCache[15 - (k >>> 2)] ?? '0', 16)
  return ((digit >>> (k & 3)) & 1) as 0 | 1
}

/** Trailing zeros of a 16-hex-digit cache (64 when it is zero). */
export function ctzHex(cache: string): number {
  for (let k = 0; k < 64; k++) if (cacheBitOf(cache, 0, k) === 1) return k
  return 64
}

const bitsOf = (b: Uint8Array, n: number) =>
  Array.from({ length: n }, (_, i) => ((b[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0)

/** How many objects the scenario allocates first: past the 64-slot boundary when the span allows. */
export function fillCount(nelems: number): number {
  return Math.min(nelems, 70)
}

/** The objects the program lets go of (by allocation order): two of every four, from slot 1. */
export function droppedIndexes(fill: number): number[] {
  const out: number[] = []
  for (let i = 0; i < fill; i++) if (i % 4 === 1 || i % 4 === 2) out.push(i)
  return out
}

export const reuseCount = 6

const memo = new Map<string, SpanBitsFrame[]>()

/** The scenario's frames for a state and Go version (memoised). Frame 0: the first malloc. */
export function spanBitsTrace(s: SpanBitsState, version: string): SpanBitsFrame[] {
  const v = coreGoVersion(version)
  const key = `${s.size}/${s.pointers}/${v}`
  const hit = memo.get(key)
  if (hit) return hit
  const rt = new Runtime({ gogc: 'off', goVersion: v })
  const noscan = !s.pointers
  const events: TraceEvent[] = []
  rt.subscribe((e) => events.push(e))
  const frames: SpanBitsFrame[] = []
  let base = -1
  let prevSpan: SpanSnapshot | null = null
  const held = new Set<number>()
  const take = (kind: StepKind, slot: number, refills0: number) => {
    const snap = rt.snapshot()
    const span = snap.spans.find((x) => x.base === base)
    if (!span) throw new Error(`span-bits: no span at 0x${base.toString(16)}`)
    const n = span.nelems
    const allocBits = bitsOf(span.allocBits, n)
    const allocated = allocBits.map((b, i) => b || i < span.freeindex)
    const prev = frames.at(-1)
    const changed = prev ? allocated.flatMap((a, i) => (a !== prev.allocated[i] ? [i] : [])) : [slot]
    const holes = allocated.map((a, i) => !a && ((prev?.holes[i] ?? false) || (prev?.allocated[i] ?? false)))
    const fast = events.find((e) => e.type === 'nextFreeFast')
    const slow = events.find((e) => e.type === 'nextFreeIndex')
    const before = prevSpan ?? { freeindex: 0, allocCache: '0'.repeat(16) }
    const cached = events.some((e) => e.type === 'cacheSpan')
    const spanBytes = span.npages * 8192
    const tail = spanBytes - n * span.elemsize
    const r = reservedTail(v, span.elemsize, span.noscan)
    frames.push({
      kind,
      slot,
      path: slot < 0 ? null : fast ? 'fast' : slow ? 'slow' : null,
      cached,
      cacheRefilled: rt.readCounters().allocCacheRefills > refills0,
      ctz: slot < 0 || cached ? null : ctzHex(before.allocCache),
      beforeFreeindex: before.freeindex,
      beforeCache: before.allocCache,
      base: span.base,
      elemsize: span.elemsize,
      nelems: n,
      sizeclass: span.sizeclass,
      noscan: span.noscan,
      spanBytes,
      freeindex: span.freeindex,
      allocCount: span.allocCount,
      allocCache: span.allocCache,
      allocBits,
      gcmarkBits: bitsOf(span.gcmarkBits, n),
      allocated,
      changed,
      holes,
      held: Array.from({ length: n }, (_, i) => held.has(i)),
      where: span.cachedBy !== null ? `P${span.cachedBy} mcache` : span.list !== null ? span.list : 'none',
      tailBytes: tail,
      heapBitsBytes: r.heapBits,
      inlineMarkBytes: r.inlineMarks,
      goVersion: v,
    })
    prevSpan = span
    events.length = 0
  }
  const malloc = (kind: StepKind) => {
    const refills0 = rt.readCounters().allocCacheRefills
    events.length = 0
    const addr = rt.malloc(s.size, { noscan })
    if (base < 0) base = rt.spanOf(addr)?.base ?? -1
    const slot = (addr - base) / s.size
    held.add(slot)
    const boundary =
      events.some((e) => e.type === 'nextFreeIndex') && !events.some((e) => e.type === 'cacheSpan')
    take(kind === 'alloc' && boundary ? 'boundary' : kind, slot, refills0)
    return addr
  }
  const addrs: number[] = []
  addrs.push(malloc('alloc'))
  const nelems = frames[0]?.nelems ?? 0
  const fill = fillCount(nelems)
  for (let i = 1; i < fill; i++) addrs.push(malloc('alloc'))
  const r0 = () => rt.readCounters().allocCacheRefills
  for (const i of droppedIndexes(fill)) {
    rt.drop(addrs[i] as number)
    held.delete(((addrs[i] as number) - base) / s.size)
  }
  take('drop', -1, r0())
  rt.readMemStats() // flushes P0's mcache: the span goes back to its mcentral
  take('flush', -1, r0())
  rt.gc({ sweep: 'lazy' }) // mark; sweeping is left lazy, as after a triggered cycle
  take('mark', -1, r0())
  const c0 = r0()
  rt.background(1) // the background sweeper sweeps one span: ours (the only one)
  take('sweep', -1, c0)
  for (let k = 0; k < reuseCount; k++) malloc('reuse')
  memo.set(key, frames)
  return frames
}

/** A prose link value: a step number (clamped) or a step kind ('boundary', 'sweep', …); else null. */
export function frameForGoto(value: string, frames: readonly SpanBitsFrame[]): number | null {
  const v = value.trim()
  if (/^\d+$/.test(v)) return Math.min(Number(v), frames.length - 1)
  const i = frames.findIndex((f) => f.kind === v)
  return i < 0 ? null : i
}

/** Read a state from URL params, keeping `prev` for what is missing or invalid. Never throws. */
export function stateFromParams(p: URLSearchParams, prev: SpanBitsState): SpanBitsState {
  const size = Number(p.get('size'))
  const ptr = p.get('pointers')
  return {
    size: (sizes as readonly number[]).includes(size) ? (size as Size) : prev.size,
    pointers: ptr === '1' ? true : ptr === '0' ? false : prev.pointers,
  }
}
