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

const list = (xs: readonly number[]): string => {
  if (xs.length === 0) return 'none'
  if (xs.length === 1) return String(xs[0])
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`
}

/** The caption of a frame: one sentence in our words (also the control bar's live text). */
export function describeFrame(f: GcFrame, index: number, total: number): string {
  const at = `Step ${index} of ${total - 1}: `
  const idx = (pred: (s: SlotView) => boolean) => f.slots.filter(pred).map((s) => s.index)
  switch (f.kind) {
    case 'alloc':
      return `${at}the program has allocated ${f.allocCount} objects of ${f.elemsize} B; they fill slots 0–${f.freeindex - 1} of one ${f.nelems}-slot span in address order, and freeindex points at the first untouched slot.`
    case 'link': {
      const ps = f.pointers.map((p) => `${p.from}→${p.to}`).join(', ')
      return `${at}the program stores pointers between some objects (${ps}); the span itself does not change, only the heap graph does.`
    }
    case 'drop':
      return `${at}the program lets go of slots ${list(idx((s) => s.allocated && !s.root))}; they stay allocated, because nothing frees memory until a collection.`
    case 'flush':
      return `${at}P0’s cache hands the span back to its mcentral (ReadMemStats flushes every cache), where it will wait to be swept after the next collection.`
    case 'mark': {
      const viaRoot = idx((s) => s.markedBy === 'root')
      const viaPtr = f.slots.filter((s) => typeof s.markedBy === 'number').map((s) => s.index)
      return `${at}the collector marks slots ${list(viaRoot)} because the program holds them and ${list(viaPtr)} because a marked object points there; the heap’s sweepgen moves to ${f.heapSweepgen}, so the span is now unswept.`
    }
    case 'sweep':
      return `${at}the background sweeper sweeps the span: the mark bits become the allocation bits, slots ${list(idx((s) => s.freed))} are free again, allocCount is ${f.allocCount} and freeindex goes back to 0.`
    case 'realloc':
      return `${at}a new ${f.elemsize}-byte malloc gets slot ${f.newSlot} (${f.newSlotFreed ? 'freed by the sweep' : 'never used before'}), the lowest free slot at or after freeindex: freed slots are reused in address order.`
  }
}

/** A one-sentence text alternative for the current state (visually hidden under the figure). */
export function describeState(f: GcFrame): string {
  const by = (pred: (s: SlotView) => boolean) => list(f.slots.filter(pred).map((s) => s.index))
  const marks = f.slots.some((s) => s.markBit) ? ` Marked: ${by((s) => s.markBit)}.` : ''
  const ptrs = f.pointers.length ? f.pointers.map((p) => `${p.from} to ${p.to}`).join(', ') : 'none'
  return (
    `Span of ${f.nelems} slots of ${f.elemsize} B. Allocated: ${by((s) => s.allocated)}. ` +
    `Referenced by the program: ${by((s) => s.allocated && s.root)}.${marks} Pointers: ${ptrs}. ` +
    `freeindex ${f.freeindex}, allocCount ${f.allocCount}, sweepgen ${f.spanSweepgen} against the heap’s ${f.heapSweepgen} (${f.sweepPhase}); the span is in ${f.where}.`
  )
}

/** A prose link value: a step number (clamped) or a step kind ('mark', 'sweep', …); else null. */
export function frameForGoto(value: string, frames: readonly GcFrame[] = gcCycleTrace()): number | null {
  const v = value.trim()
  if (/^\d+$/.test(v)) return Math.min(Number(v), frames.length - 1)
  const i = frames.findIndex((f) => f.kind === v)
  return i < 0 ? null : i
}
