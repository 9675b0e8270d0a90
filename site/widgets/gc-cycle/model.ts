/**
 * gc-cycle model (pure, no DOM): one span of 512-byte objects watched through a garbage
 * collection, one frame per step of a fixed scenario run on @go-alloc/core.
 *
 * The scenario (`gcCycleTrace()`) drives a `new Runtime({ gogc: 'off' })` through its public API
 * only — malloc, writePointer, drop, readMemStats, then a cycle like one the heap's growth
 * triggers (`rt.gc({ sweep: 'lazy' })`, so sweeping is left lazy) and one background-sweeper turn (`rt.background(1)`) — and takes a `snapshot()` after
 * each step. Every frame is `frameFromSnapshot()` of that snapshot: a pure function of core data,
 * so the figure shows what the simulator did, not a re-enactment.
 *
 * What a slot shows (Go's src/runtime/mbitmap.go, mgcsweep.go, mheap.go):
 * - allocated: `i < freeindex || allocBits[i]` (Go's mspan.isFree, negated). Slots below
 *   freeindex were handed out since the last sweep; allocBits records the survivors of that sweep;
 * - referenced: the program still holds it (the simulator's `rootBits`, standing in for stacks
 *   and globals);
 * - marked: its bit in `gcmarkBits`, set by the collector, and why (a root, or a pointer from an
 *   already marked slot, found by a breadth-first walk of `gc.pointers` in the same snapshot);
 * - freed / new: the slot changed from allocated to free (the sweep) or back (a malloc) in
 *   this step, compared with the previous frame.
 * Span sweep phase from the span's and the heap's sweepgen: the core's sweepPhaseOf
 * (packages/core/src/sweepgen.ts, after mheap.go's mspan comment).
 *
 * Simplifications: the collector here marks stop-the-world in one step (see
 * packages/core/src/mgc.ts), so the figure has one "mark" frame; the span leaves P0's cache
 * through ReadMemStats (which flushes every mcache) so that it waits, unswept, in its mcentral —
 * in Go a span also leaves the cache when it fills up or when the P flushes after a cycle.
 */
import {
  Runtime,
  sweepPhaseOf,
  type GoVersion,
  type Snapshot,
  type SpanSnapshot,
  type SpanSweepPhase,
} from '@go-alloc/core'
import { defaultGoVersion } from '../../lib/go-version.ts'
import { en, type UiStrings } from '../../lib/strings/en.ts'

/** Object size of the scenario: one 8 KiB page of 512-byte slots (15 of them in Go 1.22). */
export const objectSize = 512
/** Objects the program allocates first. */
export const firstAllocs = 10
/** Pointers stored by the program: [from object, to object] (indexes into the first objects). */
export const links: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 2],
  [4, 5],
  [7, 3],
  [8, 9],
  [9, 8],
]
/** Objects the program stops referencing. */
export const dropped: readonly number[] = [1, 2, 3, 5, 6, 8, 9]
/** Objects allocated after the sweep (one frame each). */
export const reallocs = 4

export type StepKind = 'alloc' | 'link' | 'drop' | 'flush' | 'mark' | 'sweep' | 'realloc'

export interface SlotView {
  index: number
  addr: number
  /** Not free: below freeindex or set in allocBits. */
  allocated: boolean
  allocBit: boolean
  markBit: boolean
  /** The program still references the object (rootBits). */
  root: boolean
  /** Why the slot is marked: 'root', the slot whose pointer reached it, or null (not marked). */
  markedBy: 'root' | number | null
  /** Slots this slot's object points to (in this span), in offset order. */
  pointsTo: number[]
  /** Allocated in the previous frame, free now. */
  freed: boolean
  /** Free in the previous frame, allocated now. */
  fresh: boolean
  /** The allocCache bit for this slot (1 = free), or null when the slot is outside the cache's window. */
  cacheBit: 0 | 1 | null
}

export interface GcFrame {
  kind: StepKind
  base: number
  elemsize: number
  nelems: number
  freeindex: number
  allocCount: number
  /** 16 hex digits; bit 0 = slot freeindex; 1 = free. */
  allocCache: string
  spanSweepgen: number
  heapSweepgen: number
  sweepPhase: SpanSweepPhase
  /** Where the span is: 'P0's mcache' or an mcentral set name. */
  where: string
  /** Where the span is, as data: the P whose cache holds it, or its mcentral set. */
  cachedBy: number | null
  list: string | null
  numGC: number
  slots: SlotView[]
  /** Pointers between objects of this span: from slot, byte offset, to slot. */
  pointers: { from: number; offset: number; to: number }[]
  /** Slot a malloc of this step returned ('realloc' frames), else −1. */
  newSlot: number
  /** That slot was freed by this cycle's sweep (else it had never been used). */
  newSlotFreed: boolean
}

const bit = (bytes: Uint8Array, i: number): boolean => ((bytes[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0
/** Marked by the last GC: in gcmarkBits, or (Green Tea, until the span is swept) in its inline marks. */
const marked = (span: SpanSnapshot, i: number): boolean =>
  bit(span.gcmarkBits, i) || (span.inlineMarks !== null && bit(span.inlineMarks, i))

/** The allocCache bit (1 = free) for `slot`, or null outside the 64-slot window from freeindex. */
export function cacheBitOf(allocCache: string, freeindex: number, slot: number): 0 | 1 | null {
  const k = slot - freeindex
  if (k < 0 || k >= 64) return null
  const digit = parseInt(allocCache[15 - (k >>> 2)] ?? '0', 16)
  return ((digit >>> (k & 3)) & 1) as 0 | 1
}

/**
 * Why each marked slot of the span is marked: a root, or the first marked slot (breadth-first
 * from the roots, through `pointers`) that points at it. Slots of other spans are ignored.
 */
function markReasons(
  span: SpanSnapshot,
  pointers: readonly { slot: number; target: number }[],
): ('root' | number | null)[] {
  const n = span.nelems
  const slotOf = (addr: number) => {
    if (addr < span.base || addr >= span.base + n * span.elemsize) return -1
    return Math.floor((addr - span.base) / span.elemsize)
  }
  const out: ('root' | number | null)[] = Array.from({ length: n }, () => null)
  const queue: number[] = []
  for (let i = 0; i < n; i++) {
    if (marked(span, i) && bit(span.rootBits, i)) {
      out[i] = 'root'
      queue.push(i)
    }
  }
  for (let q = 0; q < queue.length; q++) {
    const from = queue[q] as number
    for (const p of pointers) {
      if (slotOf(p.slot) !== from) continue
      const to = slotOf(p.target)
      if (to < 0 || out[to] !== null || !marked(span, to)) continue
      out[to] = from
      queue.push(to)
    }
  }
  return out
}

/** One frame from a snapshot of the runtime (pure). `prev` gives the freed/new highlights. */
export function frameFromSnapshot(
  snap: Snapshot,
  spanBase: number,
  kind: StepKind,
  prev: GcFrame | null,
  newSlot = -1,
): GcFrame {
  const span = snap.spans.find((s) => s.base === spanBase)
  if (!span) throw new RangeError(`spanBase: no in-use span at 0x${spanBase.toString(16)}`)
  const n = span.nelems
  const slotOf = (addr: number) => Math.floor((addr - span.base) / span.elemsize)
  const inSpan = (addr: number) => addr >= span.base && addr < span.base + n * span.elemsize
  const pointers = snap.gc.pointers
    .filter((p) => inSpan(p.slot) && inSpan(p.target))
    .map((p) => ({ from: slotOf(p.slot), offset: p.offset, to: slotOf(p.target) }))
  const reasons = markReasons(span, snap.gc.pointers)
  const slots: SlotView[] = Array.from({ length: n }, (_, i) => {
    const allocBit = bit(span.allocBits, i)
    const allocated = i < span.freeindex || allocBit
    const was = prev?.slots[i]?.allocated ?? false
    return {
      index: i,
      addr: span.base + i * span.elemsize,
      allocated,
      allocBit,
      markBit: marked(span, i),
      root: bit(span.rootBits, i),
      markedBy: reasons[i] ?? null,
      pointsTo: pointers.filter((p) => p.from === i).map((p) => p.to),
      freed: prev !== null && was && !allocated,
      fresh: prev !== null && !was && allocated,
      cacheBit: cacheBitOf(span.allocCache, span.freeindex, i),
    }
  })
  let where: string
  if (span.cachedBy !== null) where = `P${span.cachedBy}’s mcache`
  else if (span.list !== null) where = `mcentral, ${span.list} set`
  else where = 'nowhere'
  return {
    kind,
    base: span.base,
    elemsize: span.elemsize,
    nelems: n,
    freeindex: span.freeindex,
    allocCount: span.allocCount,
    allocCache: span.allocCache,
    spanSweepgen: span.sweepgen,
    heapSweepgen: snap.sweepgen,
    sweepPhase: sweepPhaseOf(span.sweepgen, snap.sweepgen),
    where,
    cachedBy: span.cachedBy,
    list: span.list,
    numGC: snap.gc.numGC,
    slots,
    pointers,
    newSlot,
    newSlotFreed: false,
  }
}

const memo = new Map<GoVersion, GcFrame[]>()

/**
 * The scenario's frames under Go `goVersion` (memoised: the run is deterministic). Frame 0 = after
 * the first mallocs.
 */
export function gcCycleTrace(goVersion: GoVersion = defaultGoVersion): GcFrame[] {
  const hit = memo.get(goVersion)
  if (hit) return hit
  const rt = new Runtime({ gogc: 'off', goVersion })
  const objs: number[] = []
  for (let i = 0; i < firstAllocs; i++) objs.push(rt.malloc(objectSize))
  const base = rt.spanOf(objs[0] as number)?.base
  if (base === undefined) throw new Error('gc-cycle: no span for the first object')
  const frames: GcFrame[] = []
  const take = (kind: StepKind, newSlot = -1) =>
    frames.push(frameFromSnapshot(rt.snapshot(), base, kind, frames.at(-1) ?? null, newSlot))
  take('alloc')
  for (const [a, b] of links) rt.writePointer(objs[a] as number, 0, objs[b] as number)
  take('link')
  for (const i of dropped) rt.drop(objs[i] as number)
  take('drop')
  rt.readMemStats() // flushes P0's mcache: the span goes back to its mcentral
  take('flush')
  rt.gc({ sweep: 'lazy' }) // mark; sweeping is left lazy, as after a triggered cycle
  take('mark')
  rt.background(1) // the background sweeper sweeps one span: ours (the only one)
  take('sweep')
  for (let k = 0; k < reallocs; k++) {
    const addr = rt.malloc(objectSize)
    take('realloc', (addr - base) / objectSize)
  }
  const swept = frames.find((f) => f.kind === 'sweep')
  for (const f of frames) if (f.newSlot >= 0) f.newSlotFreed = swept?.slots[f.newSlot]?.freed ?? false
  memo.set(goVersion, frames)
  return frames
}

/** The gc-cycle figure's words (site/lib/strings); English by default. */
export type GcCycleStrings = UiStrings['gcCycle']

/** Where the span is, in words. */
export function whereWords(f: GcFrame, t: GcCycleStrings = en.gcCycle): string {
  if (f.cachedBy !== null) return t.placeCache(f.cachedBy)
  if (f.list !== null) return t.placeCentral(f.list)
  return t.nowhere
}

/** The caption of a frame: one sentence in our words (also the control bar's live text). */
export function describeFrame(
  f: GcFrame,
  index: number,
  total: number,
  t: GcCycleStrings = en.gcCycle,
): string {
  const at = t.at(index, total - 1)
  const idx = (pred: (s: SlotView) => boolean) => f.slots.filter(pred).map((s) => s.index)
  switch (f.kind) {
    case 'alloc':
      return at + t.alloc(f.allocCount, f.elemsize, f.freeindex - 1, f.nelems)
    case 'link':
      return at + t.link(f.pointers.map((p) => `${p.from}→${p.to}`).join(', '))
    case 'drop':
      return at + t.drop(t.list(idx((s) => s.allocated && !s.root)))
    case 'flush':
      return at + t.flush
    case 'mark': {
      const viaRoot = idx((s) => s.markedBy === 'root')
      const viaPtr = f.slots.filter((s) => typeof s.markedBy === 'number').map((s) => s.index)
      return at + t.mark(t.list(viaRoot), t.list(viaPtr), f.heapSweepgen)
    }
    case 'sweep':
      return at + t.sweep(t.list(idx((s) => s.freed)), f.allocCount)
    case 'realloc':
      return at + t.realloc(f.elemsize, f.newSlot, f.newSlotFreed)
  }
}

/** A one-sentence text alternative for the current state (visually hidden under the figure). */
export function describeState(f: GcFrame, t: GcCycleStrings = en.gcCycle): string {
  const by = (pred: (s: SlotView) => boolean) => t.list(f.slots.filter(pred).map((s) => s.index))
  const marks = f.slots.some((s) => s.markBit) ? by((s) => s.markBit) : ''
  const ptrs = f.pointers.length ? f.pointers.map((p) => t.ptrTo(p.from, p.to)).join(', ') : t.list([])
  return t.state(
    f.nelems,
    f.elemsize,
    by((s) => s.allocated),
    by((s) => s.allocated && s.root),
    marks,
    ptrs,
    f.freeindex,
    f.allocCount,
    f.spanSweepgen,
    f.heapSweepgen,
    t.phase[f.sweepPhase] ?? f.sweepPhase,
    whereWords(f, t),
  )
}

/** A prose link value: a step number (clamped) or a step kind ('mark', 'sweep', …); else null. */
export function frameForGoto(value: string, frames: readonly GcFrame[] = gcCycleTrace()): number | null {
  const v = value.trim()
  if (/^\d+$/.test(v)) return Math.min(Number(v), frames.length - 1)
  const i = frames.findIndex((f) => f.kind === v)
  return i < 0 ? null : i
}
