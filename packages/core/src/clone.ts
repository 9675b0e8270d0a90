// clone.ts — cloneRuntime: an exact, independent deep copy of a Runtime.
//
// Not a Go structure: the copier behind time travel's checkpoints (timeline.ts) and behind
// Timeline.readMemStats. Generic on purpose: it walks own properties (graphwalk.ts), so state
// added later (the GC's roots, mark bits, sweep and scavenger state) is copied too as long as it
// is made of plain fields, arrays, Maps, Sets, typed arrays and class instances. Prototypes are
// kept, shared references stay shared (one Map of originals to copies), each ArrayBuffer is
// copied once and every typed-array view is recreated at the same byteOffset/length over the
// copy. Trace listeners are not copied: the clone starts with no subscribers. Any other function
// value is refused with a TypeError (copying a closure would silently share state).
//
// Simplifications / limits:
// - Module-level state: `emptymspan` (mcache.ts) is a shared, never-written sentinel compared by
//   identity, so copies keep pointing at it (see shareAcrossClones in graphwalk.ts). The 64 KiB
//   gcBits buffers newGCBits carves from are module-level too; a clone copies every buffer its
//   spans use, so it never shares bits with its source, and later carves only take fresh, zeroed
//   words.

import { GraphWalker, fnError, isPlainSpan, notCopied, shared, spreadCopy, viewOver } from './graphwalk.ts'
import { MSpan } from './mspan.ts'
import { describe } from './msize.ts'
import { Runtime } from './runtime.ts'

/** What a copy cost: counted while copying (rough, for the checkpoint memory trade-off). */
export interface CloneStats {
  /** Objects, arrays, Maps, Sets and typed-array views created. */
  objects: number
  /** Property slots, array elements and Map/Set entries filled. */
  slots: number
  /** Bytes of ArrayBuffers copied. */
  bufferBytes: number
}

/** Approximate JavaScript heap bytes of a copy with these stats (V8, 64-bit, compressed pointers). */
export function approxCloneBytes(s: CloneStats): number {
  return s.bufferBytes + s.objects * 96 + s.slots * 6
}

/**
 * The deep copier. Speed matters (a checkpoint is one copy): class instances are copied with
 * object spread, which V8 does by cloning the source's hidden class (fast properties), then given
 * their prototype back; adding 20 properties one by one to Object.create(proto) would leave them
 * in slow dictionary mode. Arrays are copied with slice() and only their object elements replaced.
 */
export class Copier extends GraphWalker {
  readonly stats: CloneStats = { objects: 0, slots: 0, bufferBytes: 0 }
  /** The views made, when asked (a checkpoint: see solo()). */
  private readonly views: ArrayBufferView[] | null
  /** Met an ArrayBuffer held directly (not only through views). */
  private metBareBuffer = false
  /** Met a view (other than a `shared` one) by more than one reference. */
  private viewTwice = false
  /** Met an MSpan whose own properties are not exactly MSpan's field list (see isPlainSpan). */
  oddSpan = false

  constructor(trackViews = false) {
    super()
    this.views = trackViews ? [] : null
  }

  /**
   * Is every view of the copy referenced once, do no two of them share a byte, and does it hold
   * no ArrayBuffer except through views? Then a restore may write each view's bytes on their
   * own, with no identity bookkeeping (see Restorer.soloView).
   */
  solo(): boolean {
    if (this.views === null || this.metBareBuffer || this.viewTwice) return false
    const byBuffer = new Map<ArrayBufferLike, number[]>()
    for (const v of this.views) {
      if (v.byteLength === 0) continue
      const a = byBuffer.get(v.buffer)
      if (a === undefined) byBuffer.set(v.buffer, [v.byteOffset, v.byteOffset + v.byteLength])
      else a.push(v.byteOffset, v.byteOffset + v.byteLength)
    }
    for (const a of byBuffer.values()) {
      if (a.length === 2) continue
      const order = Array.from({ length: a.length >>> 1 }, (_, i) => 2 * i).sort((x, y) => a[x] - a[y])
      for (let i = 1; i < order.length; i++) if (a[order[i]] < a[order[i - 1] + 1]) return false
    }
    return true
  }

  copy(v: unknown, key: string | number): unknown {
    if (typeof v !== 'object' || v === null) {
      if (typeof v === 'function') throw fnError(key)
      return v
    }
    const hit = this.seen.get(v)
    if (hit !== undefined) {
      if (this.views !== null && ArrayBuffer.isView(v) && !shared.has(v)) this.viewTwice = true
      return hit
    }
    this.stats.objects++
    return this.walkObject(v, undefined, key)
  }

  protected madeBuffer(out: ArrayBufferLike): void {
    this.stats.objects++
    this.stats.bufferBytes += out.byteLength
  }

  protected override bareBuffer(b: ArrayBuffer): ArrayBufferLike {
    this.metBareBuffer = true
    return this.buffer(b)
  }

  /** Arrays: slice() (keeps holes and elements kind), then replace the object elements. */
  protected array(v: unknown[]): unknown[] {
    const out = v.slice()
    this.seen.set(v, out)
    const n = out.length
    this.stats.slots += n
    let lastIn: unknown = null // runs of the same object (a span over many pages) need one lookup
    let lastOut: unknown = null
    for (let i = 0; i < n; i++) {
      const x: unknown = out[i]
      if (typeof x === 'object') {
        if (x === null) continue
        if (x !== lastIn) {
          lastIn = x
          lastOut = this.copy(x, i)
        } else if (this.views !== null && ArrayBuffer.isView(x) && !shared.has(x)) this.viewTwice = true
        out[i] = lastOut
      } else if (typeof x === 'function') throw fnError(i)
    }
    return out
  }

  /** Typed arrays and DataViews: the same view over the copy of their buffer. */
  protected view(v: ArrayBufferView): ArrayBufferView {
    let out: ArrayBufferView
    const b = v.buffer
    if (
      v.byteOffset === 0 &&
      v.byteLength === b.byteLength &&
      !this.seen.has(b) &&
      !(v instanceof DataView)
    ) {
      // The view covers its whole buffer: slice() copies both in one call.
      out = (v as unknown as { slice(): ArrayBufferView }).slice()
      this.seen.set(b, out.buffer)
      this.stats.bufferBytes += b.byteLength
    } else out = viewOver(v, this.buffer(b))
    this.seen.set(v, out)
    this.views?.push(out)
    return out
  }

  protected map(v: Map<unknown, unknown>): Map<unknown, unknown> {
    const out = new Map()
    this.seen.set(v, out)
    for (const [k, x] of v)
      out.set(this.copy(k, 'Map key'), this.copy(x, typeof k === 'number' ? k : 'Map value'))
    this.stats.slots += 3 * v.size
    return out
  }

  protected set(v: Set<unknown>): Set<unknown> {
    const out = new Set()
    this.seen.set(v, out)
    for (const x of v) out.add(this.copy(x, 'Set element'))
    this.stats.slots += 2 * v.size
    return out
  }

  protected object(v: object): unknown {
    const proto = Object.getPrototypeOf(v) as object | null
    const out = spreadCopy(v, proto)
    this.seen.set(v, out)
    const keys = Object.keys(out)
    this.stats.slots += keys.length
    if (proto === MSpan.prototype && this.views !== null && !isPlainSpan(out, keys)) this.oddSpan = true
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]
      const x = out[k]
      if (typeof x === 'object') {
        if (x !== null) out[k] = this.copy(x, k)
      } else if (typeof x === 'function') throw fnError(k)
    }
    return out
  }

  /**
   * Copy runtime `from`'s state into `to`: a fresh object with the same prototype (a clone) or
   * an existing Runtime (restore in place; it keeps its own listeners).
   */
  runtimeInto(from: Runtime, to: Runtime): void {
    this.seen.set(from, to)
    this.stats.objects++
    const src = from as unknown as Record<string, unknown>
    const dst = to as unknown as Record<string, unknown>
    // The arenas first, so the copy's spans (and their bitmaps) are made in address order: a
    // restore walks them in that order (Restorer.spanPass) and then reads memory sequentially.
    const h = src.mheap_ as Record<string, unknown> | undefined
    if (typeof h === 'object' && h !== null && h.arenas instanceof Map) this.copy(h.arenas, 'arenas')
    const keys = Object.keys(src)
    for (const k of keys) {
      if (notCopied.has(k)) {
        if (!Object.hasOwn(dst, k)) dst[k] = k === 'listeners' ? [] : false
        continue
      }
      dst[k] = this.copy(src[k], k)
    }
    for (const k of Object.keys(dst)) if (!Object.hasOwn(src, k)) delete dst[k]
    this.stats.slots += keys.length
  }
}

function checkRuntime(rt: unknown, name: string): asserts rt is Runtime {
  if (!(rt instanceof Runtime)) throw new TypeError(`${name} must be a Runtime, got ${describe(rt)}`)
}

/** The Runtime's trace-subscriber fields (not state: see notCopied). */
export type RuntimeInternals = { listeners: unknown[]; tracing: boolean }

/**
 * An exact, independent deep copy of a Runtime: continuing on the copy gives exactly the same
 * addresses, snapshots, MemStats and counters as continuing on the original, and neither sees
 * the other's changes. The copy has no trace subscribers. `stats`, if given, receives what the
 * copy cost.
 */
export function cloneRuntime<R extends Runtime>(rt: R, stats?: CloneStats): R {
  checkRuntime(rt, 'rt')
  return cloneWith(rt, new Copier(), stats)
}

/** cloneRuntime with a given copier (a checkpoint's tracks its views). */
export function cloneWith<R extends Runtime>(rt: R, c: Copier, stats?: CloneStats): R {
  // Spread first (fast properties, see Copier), then start with no subscribers, then copy.
  const out = { ...rt } as unknown as R
  Object.setPrototypeOf(out, Object.getPrototypeOf(rt) as object)
  const o = out as unknown as RuntimeInternals
  o.listeners = []
  o.tracing = false
  c.runtimeInto(rt, out)
  if (stats !== undefined) Object.assign(stats, c.stats)
  return out
}
