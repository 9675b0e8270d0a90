// timetravel.ts — record a run's operations and go back to the state after any step.
//
// Not a Go structure: Go has no time travel. This is the debugger's record-and-replay (as in rr
// or an editor's undo), made cheap by the simulator being deterministic: the same operations on
// the same starting state give the same addresses, spans, statistics and counters. So a run is
// stored as its list of operations plus a few full copies of the state (checkpoints); the state
// after step n is the nearest checkpoint at or before n, with the operations after it replayed.
//
//   cloneRuntime(rt)  an exact, independent deep copy of a Runtime. Generic on purpose: it walks
//                     own properties, so state added later (the GC's roots, mark bits, sweep and
//                     scavenger state) is copied too as long as it is made of plain fields,
//                     arrays, Maps, Sets, typed arrays and class instances. Prototypes are kept
//                     (Object.create), shared references stay shared (one Map of originals to
//                     copies), each ArrayBuffer is copied once and every typed-array view is
//                     recreated at the same byteOffset/length over the copy. Trace listeners are
//                     not copied: the clone starts with no subscribers. Any other function value
//                     is refused with a TypeError (copying a closure would silently share state).
//
//   Timeline          owns a Runtime. apply(op) runs one operation ({ op: 'malloc', size, … },
//                     'drop', 'writePointer', 'gc', 'freeOSMemory', 'readMemStats'; dispatched to
//                     the Runtime method of that name) and records it with its result; every
//                     `checkpointEvery` steps it keeps a clone. seek(n) / back(k) / forward(k)
//                     restore the state after step n *in place*: the Runtime object keeps its
//                     identity and its subscribers (no events are emitted while replaying).
//                     Applying an operation after going back discards the recorded future.
//
// Restoring in place (Restorer). A seek back used to build a whole new object graph (a clone of
// the checkpoint): tens of thousands of objects that all survive V8's young-generation
// collections, which then copy every one of them, so a seek cost 11 ms to 200 ms depending on
// when V8 collected. Now the checkpoint's state is written into the objects the Runtime already
// has, and only what has no counterpart is created, so a seek makes almost no garbage:
//   - generic objects, arrays, Maps and Sets are matched by position (the checkpoint object at
//     rt.a.b[i] goes into the live object at the same place if it is of the same kind and not
//     taken yet), with one Map for shared references, like the copier;
//   - spans are matched by address, not by position (spanSets shift as spans are pushed and
//     popped): the arenas' page → span arrays go first; a checkpoint span goes into the live
//     span with the same startAddr at its first page (each live span is taken at most once), and
//     every other reference to it (spanSets, allspans, mcaches, sweeper) is resolved through its
//     first page instead of an identity Map. MSpan's fields are copied by name (spanFields; the
//     generic walk is used if MSpan ever gains a field the list lacks — a test watches that);
//   - typed arrays: when the checkpoint's views are each referenced once and share no byte
//     (checked when the checkpoint is taken), a view's bytes are written into the live view at
//     the same place if that one has the same type and length and its bytes are this Runtime's
//     alone: its buffer is one an earlier restore made, or a gcBits chunk (whose regions each
//     belong to one bitmap of one span). Other views get a fresh copy of their buffer. Writes to
//     any other buffer (a module-level constant, another Runtime's bits) are thus impossible.
// The result is the graph a clone would have (same prototypes, keys, lengths, holes, Map/Set
// order, sharing, views over buffers with the same bytes), held by other JavaScript objects:
// internal objects read from tl.runtime before a seek show the restored state after it.
//
// Cost model (measured by `pnpm bench --only stepback`, 2-core machine shared with other jobs,
// two runs at load ≈ 2–2.5): back(10000) = one restore (proportional to the spans; memory-bound:
// it reads the checkpoint and writes the live state) + the replay of fewer than `checkpointEvery`
// operations (≈ 0.5 µs a malloc). 120,000 small-object steps (4,800 spans): median 10.5 / 16.0 ms
// timed right after a forced full GC, 4.6 / 4.9 ms without (was 49–79 ms with a clone per seek);
// 100,000 mixed steps (15,600 spans, 355 MiB simulated): 40.3 / 37.1 ms after a forced GC
// (single runs 25–57 ms), 9.3 / 12.4 ms without (was 98–206 ms). Right after a full GC a restore runs 2–4× slower (measured: ≈ 15 ms with no
// forced GC, ≈ 23 ms 300 ms after one, 40–70 ms right after it, with no GC inside the restore;
// V8's post-GC work on the shared cores and cold caches are the likely cause), so the mixed trace
// meets the 50 ms target by its median without much margin (an earlier run at load ≈ 3 gave 66).
// Checkpoints are copied arenas first, so their spans lie in the address order spanPass walks
// (a locality guess: A/B runs of it were within the machine's noise). checkpointEvery 5000 instead of 2000 measured the same within noise (the restore,
// not the replay, dominates), so the default stays 2000. Seeking forward only replays.
// Memory: each checkpoint is a full copy (6.4 MiB of JS memory for the mixed trace's state), so
// memory grows with (steps / checkpointEvery) × state size. `maxCheckpoints` (default 64) and
// `maxCheckpointBytes` (default 256 MiB, estimated while copying) cap it: past either, every
// other checkpoint of the older half is dropped (step 0 and the newest half are kept), so recent
// steps stay cheap to reach and older ones cost a longer replay.
//
// Simplifications / limits:
// - Module-level state: `emptymspan` (mcache.ts) is a shared, never-written sentinel compared by
//   identity, so copies keep pointing at it (see shareAcrossClones). The 64 KiB gcBits buffers
//   newGCBits carves from are module-level too; a clone copies every buffer its spans use, so it
//   never shares bits with its source, and later carves only take fresh, zeroed words. A restore
//   writes into such a buffer only inside the region of a bitmap the live Runtime holds.
// - The Runtime must only be changed through the Timeline. Reading it is fine, except
//   readMemStats(), which flushes the mcaches (as Go's does) and so changes what later mallocs
//   return: use Timeline.readMemStats() (computed on a copy) or apply({ op: 'readMemStats' })
//   (recorded). apply() detects most outside changes (through the cost counters and heap
//   statistics) and refuses to record on top of them; seek() restores a recorded state.

import { emptymspan } from './mcache.ts'
import { pagesPerArena } from './constants.ts'
import { arenaBase, arenaIndex } from './mheap.ts'
import { MSpan, isGCBitsChunk, zeroBits } from './mspan.ts'
import { _PageSize } from './sizeclasses.ts'
import type { MemStats } from './mstats.ts'
import { describe } from './msize.ts'
import { Runtime, type RuntimeOptions } from './runtime.ts'

// ---------------------------------------------------------------------------------------------
// cloneRuntime

/** Objects every Runtime may point at and nobody writes: copies keep the same reference. */
const shared = new Set<object>()
/** The views and the spans among them, as short arrays (a few identity compares beat a Set
 *  lookup on the restore's hot paths). */
const sharedViews: object[] = []
const sharedSpans: object[] = []

/**
 * @internal Declare a module-level object that Runtimes share and never modify (a sentinel
 * compared by identity, like `emptymspan`): cloneRuntime keeps the reference instead of copying.
 * Its typed arrays (never written either) are shared too.
 */
export function shareAcrossClones(obj: object): void {
  const add = (o: object): void => {
    if (shared.has(o)) return
    shared.add(o)
    if (ArrayBuffer.isView(o)) sharedViews.push(o)
    else if (o instanceof MSpan) sharedSpans.push(o)
  }
  add(obj)
  for (const v of Object.values(obj)) if (ArrayBuffer.isView(v)) add(v)
}
shareAcrossClones(emptymspan)
shareAcrossClones(zeroBits) // the read-only all-zero bitmap (mspan.ts), compared by identity

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

/** MSpan's own properties, as Restorer.span copies them: numbers, then the bitmaps. */
const spanNumbers = [
  'startAddr',
  'npages',
  'limit',
  'spanclass',
  'elemsize',
  'nelems',
  'divMul',
  'freeindex',
  'allocCount',
  'allocCountBeforeCache',
  'allocCacheLo',
  'allocCacheHi',
  'ptrObjs',
  'sweepgen',
  'state',
  'needzero',
  'list',
  'cachedBy',
  'allIndex',
]
const spanObjects = ['allocBits', 'gcmarkBits', 'inlineMarks', 'rootBits', 'tinyRoots']
const spanFields = new Set([...spanNumbers, ...spanObjects])

/** Does `s` (own keys `keys`) have exactly spanFields, with numbers where spanNumbers says? */
function isPlainSpan(s: Record<string, unknown>, keys: string[]): boolean {
  if (keys.length !== spanFields.size) return false
  for (const k of keys) if (!spanFields.has(k)) return false
  for (const k of spanNumbers) if (typeof s[k] !== 'number') return false
  return true
}

/** MSpan still has exactly these fields (else the fast path is off: see timetravel.test.ts). */
export const spanFieldsMatch = ((): boolean => {
  const s = new MSpan() as unknown as Record<string, unknown>
  return isPlainSpan(s, Object.keys(s))
})()

/** Runtime fields that are not state: trace subscribers (the copy starts with none). */
const notCopied = new Set(['listeners', 'tracing'])

function fnError(key: string | number): TypeError {
  return new TypeError(
    `cloneRuntime: cannot copy the function at ${typeof key === 'number' ? `index ${key}` : `property '${key}'`} (only data can be copied)`,
  )
}

/**
 * The deep copier. Speed matters (a seek is one copy): class instances are copied with object
 * spread, which V8 does by cloning the source's hidden class (fast properties), then given their
 * prototype back; adding 20 properties one by one to Object.create(proto) would leave them in
 * slow dictionary mode. Arrays are copied with slice() and only their object elements replaced.
 */
class Copier {
  readonly seen = new Map<unknown, unknown>()
  readonly stats: CloneStats = { objects: 0, slots: 0, bufferBytes: 0 }
  /** The views made, when asked (a checkpoint: see solo()). */
  private readonly views: ArrayBufferView[] | null
  /** Met an ArrayBuffer held directly (not only through views). */
  private bareBuffer = false
  /** Met a view (other than a `shared` one) by more than one reference. */
  private viewTwice = false
  /** Met an MSpan whose own properties are not exactly spanFields (see isPlainSpan). */
  oddSpan = false

  constructor(trackViews = false) {
    for (const o of shared) this.seen.set(o, o)
    this.views = trackViews ? [] : null
  }

  /**
   * Is every view of the copy referenced once, do no two of them share a byte, and does it hold
   * no ArrayBuffer except through views? Then a restore may write each view's bytes on their
   * own, with no identity bookkeeping (see Restorer.soloView).
   */
  solo(): boolean {
    if (this.views === null || this.bareBuffer || this.viewTwice) return false
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
    const st = this.stats
    st.objects++
    if (Array.isArray(v)) return this.array(v)
    if (ArrayBuffer.isView(v)) return this.view(v)
    return this.other(v, key)
  }

  /** Arrays: slice() (keeps holes and elements kind), then replace the object elements. */
  private array(v: unknown[]): unknown[] {
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
  private view(v: ArrayBufferView): ArrayBufferView {
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
    } else {
      const buf = this.buffer(b)
      if (v instanceof DataView) out = new DataView(buf, v.byteOffset, v.byteLength)
      else {
        const C = v.constructor as new (b: ArrayBufferLike, off: number, len: number) => ArrayBufferView
        out = new C(buf, v.byteOffset, (v as unknown as { length: number }).length)
      }
    }
    this.seen.set(v, out)
    this.views?.push(out)
    return out
  }

  /** Maps, Sets, buffers, Dates, plain objects and class instances. */
  private other(v: object, key: string | number): unknown {
    const st = this.stats
    if (v instanceof Map) {
      const out = new Map()
      this.seen.set(v, out)
      for (const [k, x] of v)
        out.set(this.copy(k, 'Map key'), this.copy(x, typeof k === 'number' ? k : 'Map value'))
      st.slots += 3 * v.size
      return out
    }
    if (v instanceof Set) {
      const out = new Set()
      this.seen.set(v, out)
      for (const x of v) out.add(this.copy(x, 'Set element'))
      st.slots += 2 * v.size
      return out
    }
    if (v instanceof ArrayBuffer) {
      this.bareBuffer = true
      return this.buffer(v)
    }
    if (v instanceof WeakMap || v instanceof WeakSet || v instanceof Promise || v instanceof WeakRef)
      throw new TypeError(
        `cloneRuntime: cannot copy the ${v.constructor.name} at property '${key}' (its contents cannot be enumerated)`,
      )
    if (v instanceof Date) {
      const out = new Date(v.getTime())
      this.seen.set(v, out)
      return out
    }
    const proto = Object.getPrototypeOf(v) as object | null
    const out = { ...v } as Record<string, unknown>
    if (proto !== Object.prototype) Object.setPrototypeOf(out, proto)
    this.seen.set(v, out)
    const keys = Object.keys(out)
    st.slots += keys.length
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

  private buffer(b: ArrayBufferLike): ArrayBufferLike {
    const hit = this.seen.get(b)
    if (hit !== undefined) return hit as ArrayBufferLike
    const out = b.slice(0)
    this.seen.set(b, out)
    this.stats.objects++
    this.stats.bufferBytes += b.byteLength
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

/**
 * Restore in place: write a checkpoint's state into the live Runtime's existing objects instead
 * of building a new graph (a seek is then mostly stores into objects that already exist, and
 * almost nothing new for V8's young-generation GC to copy). The result is the same graph a
 * Copier would build (one live object per checkpoint object, same prototypes, own keys, array
 * lengths and holes, Map/Set order, views at the same offsets over buffers with the same bytes,
 * sharing and `shared` sentinels kept); only which JavaScript objects hold it differs.
 *
 * Matching is by position: the checkpoint object at `rt.a.b[i]` is written into the live object
 * at the same place if that one is of the same kind (same prototype; arrays; Maps; Sets) and not
 * taken yet (`used`), else a new one is made. Spans are matched by address (spanPass) and views
 * of a `solo` checkpoint byte by byte (soloView); see the file comment.
 */
class Restorer {
  private readonly seen = new Map<unknown, unknown>()
  private readonly used = new Set<unknown>()

  private readonly own: WeakSet<ArrayBufferLike>
  private readonly solo: boolean
  private readonly plainSpans: boolean
  /** Spans are resolved by address (spanPass done). */
  private byAddress = false
  /** Arena index → [checkpoint page → span array, restored one]. */
  private readonly arenaSpans = new Map<number, [unknown[], unknown[]]>()
  private lastArena = NaN
  private lastPair: [unknown[], unknown[]] | undefined = undefined
  /** Per live buffer, its bytes already taken by a view in this restore (1 = taken); null for
   *  a buffer that is not this Runtime's alone (see soloView). */
  private readonly claims = new Map<ArrayBufferLike, Uint8Array | null>()
  private lastBuffer: ArrayBufferLike | null = null
  private lastClaims: Uint8Array | null = null

  constructor(own: WeakSet<ArrayBufferLike>, cp: { solo: boolean; plainSpans: boolean }) {
    this.own = own
    this.solo = cp.solo
    this.plainSpans = cp.plainSpans && spanFieldsMatch
    for (const o of shared) {
      this.seen.set(o, o)
      this.used.add(o)
    }
  }

  put(v: unknown, live: unknown, key: string | number): unknown {
    if (typeof v !== 'object' || v === null) {
      if (typeof v === 'function') throw fnError(key)
      return v
    }
    if (ArrayBuffer.isView(v)) {
      if (sharedViews.includes(v)) return v
      if (this.solo) return this.soloView(v, live)
    } else if (this.byAddress && v instanceof MSpan) {
      const d = this.spanAt(v)
      if (d !== undefined) return d
    }
    const hit = this.seen.get(v)
    if (hit !== undefined) return hit
    if (Array.isArray(v)) return this.array(v, live)
    if (ArrayBuffer.isView(v)) return this.view(v)
    return this.other(v, live, key)
  }

  private free(live: unknown): live is object {
    return typeof live === 'object' && live !== null && !this.used.has(live)
  }

  private array(v: unknown[], live: unknown): unknown[] {
    const n = v.length
    const inPlace = Array.isArray(live) && !this.used.has(live)
    const out: unknown[] = inPlace ? live : v.slice()
    this.used.add(out)
    this.seen.set(v, out)
    this.elements(v, out, inPlace)
    return out
  }

  /** Fill `out` (v's copy: v.slice() or, in place, any array) with v's elements restored. */
  private elements(v: unknown[], out: unknown[], inPlace: boolean): void {
    const n = v.length
    if (inPlace && out.length !== n) out.length = n
    let lastIn: unknown = null
    let lastOut: unknown = null
    for (let i = 0; i < n; i++) {
      const x: unknown = v[i]
      if (typeof x === 'object') {
        if (x === null) {
          if (inPlace && out[i] !== null) out[i] = null
          continue
        }
        if (x !== lastIn) {
          lastIn = x
          lastOut = this.put(x, inPlace ? out[i] : undefined, i)
        }
        if (out[i] !== lastOut) out[i] = lastOut
      } else if (inPlace) {
        if (typeof x === 'function') throw fnError(i)
        if (x === undefined) {
          const hv = i in v
          if (hv !== i in out) {
            if (hv) out[i] = undefined
            else delete out[i]
          } else if (out[i] !== undefined) out[i] = undefined
        } else if (out[i] !== x || x === 0) out[i] = x
      } else if (typeof x === 'function') throw fnError(i)
    }
  }

  /**
   * A view of a `solo` checkpoint (each of its views referenced once, none sharing a byte):
   * overwrite the live view at the same place if it has the same type and length, its bytes
   * belong to this Runtime alone (its buffer is one this Timeline made, or a gcBits chunk,
   * where every carved region goes to one bitmap) and no other view of this restore took any
   * of them (`claims`). Else a new view at the same offset over a fresh copy of the buffer.
   * No identity bookkeeping is needed: the checkpoint reaches each view once.
   */
  private soloView(v: ArrayBufferView, live: unknown): ArrayBufferView {
    if (ArrayBuffer.isView(live) && live.constructor === v.constructor && live.byteLength === v.byteLength) {
      const b = live.buffer
      if (b !== this.lastBuffer) {
        let c = this.claims.get(b)
        if (c === undefined) {
          c = this.own.has(b) || isGCBitsChunk(b) ? new Uint8Array(b.byteLength) : null
          this.claims.set(b, c)
        }
        this.lastBuffer = b
        this.lastClaims = c
      }
      const c = this.lastClaims
      if (c !== null && take(c, live.byteOffset, live.byteOffset + live.byteLength)) {
        if (v instanceof DataView)
          new Uint8Array(b, live.byteOffset, live.byteLength).set(
            new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
          )
        else (live as unknown as { set(a: ArrayBufferView): void }).set(v)
        return live
      }
    }
    return this.freshView(v)
  }

  /** Views of a checkpoint that is not `solo`: made anew over fresh copies of their buffers. */
  private view(v: ArrayBufferView): ArrayBufferView {
    const out = this.freshView(v)
    this.used.add(out)
    this.seen.set(v, out)
    return out
  }

  private freshView(v: ArrayBufferView): ArrayBufferView {
    const buf = this.buffer(v.buffer)
    if (v instanceof DataView) return new DataView(buf, v.byteOffset, v.byteLength)
    const C = v.constructor as new (b: ArrayBufferLike, off: number, len: number) => ArrayBufferView
    return new C(buf, v.byteOffset, (v as unknown as { length: number }).length)
  }

  private buffer(b: ArrayBufferLike): ArrayBufferLike {
    const hit = this.seen.get(b)
    if (hit !== undefined) return hit as ArrayBufferLike
    const out = b.slice(0)
    this.own.add(out)
    this.used.add(out)
    this.seen.set(b, out)
    return out
  }

  private other(v: object, live: unknown, key: string | number): unknown {
    const proto = Object.getPrototypeOf(v) as object | null
    const inPlace = this.free(live) && Object.getPrototypeOf(live) === proto
    if (proto === MSpan.prototype && this.plainSpans) {
      // (by address, live spans are only taken in spanPass: each at most once, with no `used`)
      const out = inPlace && !this.byAddress ? (live as MSpan) : new MSpan()
      this.used.add(out)
      this.seen.set(v, out)
      this.span(v as MSpan, out)
      return out
    }
    if (v instanceof Map) {
      const out: Map<unknown, unknown> = inPlace ? (live as Map<unknown, unknown>) : new Map()
      this.used.add(out)
      this.seen.set(v, out)
      const ks: unknown[] = []
      const xs: unknown[] = []
      for (const [k, x] of v) {
        const kk = this.put(k, undefined, 'Map key')
        ks.push(kk)
        xs.push(this.put(x, inPlace ? out.get(kk) : undefined, typeof k === 'number' ? k : 'Map value'))
      }
      let same = out.size === ks.length
      if (same && inPlace) {
        let i = 0
        for (const [k, x] of out) {
          if (k !== ks[i] || x !== xs[i]) {
            same = false
            break
          }
          i++
        }
      }
      if (!same || !inPlace) {
        out.clear()
        for (let i = 0; i < ks.length; i++) out.set(ks[i], xs[i])
      }
      return out
    }
    if (v instanceof Set) {
      const out: Set<unknown> = inPlace ? (live as Set<unknown>) : new Set()
      this.used.add(out)
      this.seen.set(v, out)
      const it = inPlace ? out.values() : undefined
      const xs: unknown[] = []
      for (const x of v) xs.push(this.put(x, it?.next().value, 'Set element'))
      syncSet(out, xs)
      return out
    }
    if (v instanceof ArrayBuffer) return this.buffer(v)
    if (v instanceof WeakMap || v instanceof WeakSet || v instanceof Promise || v instanceof WeakRef)
      throw new TypeError(
        `cloneRuntime: cannot copy the ${v.constructor.name} at property '${key}' (its contents cannot be enumerated)`,
      )
    if (v instanceof Date) {
      const out = new Date(v.getTime())
      this.used.add(out)
      this.seen.set(v, out)
      return out
    }
    if (!inPlace) {
      const out = { ...v } as Record<string, unknown>
      if (proto !== Object.prototype) Object.setPrototypeOf(out, proto)
      this.used.add(out)
      this.seen.set(v, out)
      for (const k of Object.keys(out)) {
        const x = out[k]
        if (typeof x === 'object') {
          if (x !== null) out[k] = this.put(x, undefined, k)
        } else if (typeof x === 'function') throw fnError(k)
      }
      return out
    }
    const src = v as Record<string, unknown>
    const out = live as Record<string, unknown>
    this.used.add(out)
    this.seen.set(v, out)
    let n = 0
    for (const k in src) {
      if (!Object.hasOwn(src, k)) continue
      n++
      const x = src[k]
      if (typeof x === 'object') {
        const y = x === null ? null : this.put(x, out[k], k)
        if (out[k] !== y) out[k] = y
      } else {
        if (typeof x === 'function') throw fnError(k)
        if (out[k] !== x || x === 0) out[k] = x
      }
    }
    let m = 0
    for (const k in out) if (Object.hasOwn(out, k)) m++
    if (m !== n) for (const k of Object.keys(out)) if (!Object.hasOwn(src, k)) delete out[k]
    return out
  }

  /**
   * The bulk of the state, copied field by field (named, monomorphic loads and stores instead
   * of a generic walk over keys). Only used when every checkpoint span and MSpan itself have
   * exactly the fields of spanFields, with numbers in the numeric ones (checked when the
   * checkpoint was taken, and against `new MSpan()` when this module loads).
   */
  private span(v: MSpan, out: MSpan): void {
    out.startAddr = v.startAddr
    out.npages = v.npages
    out.limit = v.limit
    out.spanclass = v.spanclass
    out.elemsize = v.elemsize
    out.nelems = v.nelems
    out.divMul = v.divMul
    out.freeindex = v.freeindex
    out.allocCount = v.allocCount
    out.allocCountBeforeCache = v.allocCountBeforeCache
    out.allocCacheLo = v.allocCacheLo
    out.allocCacheHi = v.allocCacheHi
    out.ptrObjs = v.ptrObjs
    out.sweepgen = v.sweepgen
    out.state = v.state
    out.needzero = v.needzero
    out.list = v.list
    out.cachedBy = v.cachedBy
    out.allIndex = v.allIndex
    // (most spans' allocBits and gcmarkBits are the shared zeroBits: no lookup for those)
    const ab = v.allocBits
    const mb = v.gcmarkBits
    out.allocBits = ab === zeroBits ? ab : (this.put(ab, out.allocBits, 'allocBits') as Uint32Array)
    out.gcmarkBits = mb === zeroBits ? mb : (this.put(mb, out.gcmarkBits, 'gcmarkBits') as Uint32Array)
    const im = v.inlineMarks
    out.inlineMarks = im === zeroBits ? im : (this.put(im, out.inlineMarks, 'inlineMarks') as Uint32Array)
    out.rootBits = this.put(v.rootBits, out.rootBits, 'rootBits') as Uint32Array
    const tr = v.tinyRoots
    out.tinyRoots = tr === null ? null : (this.put(tr, out.tinyRoots, 'tinyRoots') as Uint16Array)
  }

  /**
   * Spans by address. Every span of the checkpoint that sits at its own first page in its
   * arena's page → span array (all spans in use do) is restored here, into the live span that
   * sits at that same page with the same startAddr if there is one (a live span has one first
   * page, so it is taken at most once), else into a new MSpan. Then the arrays are filled, and
   * from then on any reference to such a span anywhere in the checkpoint (spanSets, allspans,
   * mcaches, the sweeper) is resolved by looking at its first page (spanAt): no identity Map.
   * Returns false (nothing done) when the arenas do not look like that or spans are not plain.
   */
  private spanPass(src: Map<unknown, unknown>, live: Map<unknown, unknown> | undefined): boolean {
    if (!this.plainSpans) return false
    const pairs: [number, unknown[], unknown[]][] = []
    for (const [ai, a] of src) {
      const s = typeof a === 'object' && a !== null ? (a as { spans?: unknown }).spans : undefined
      if (typeof ai !== 'number' || !Array.isArray(s)) return false
      const l = (live?.get(ai) as { spans?: unknown } | undefined)?.spans
      pairs.push([ai, s, Array.isArray(l) && !this.used.has(l) ? l : new Array<unknown>(s.length).fill(null)])
    }
    this.byAddress = true
    for (const [ai, s, d] of pairs) {
      this.used.add(d)
      this.seen.set(s, d)
      this.arenaSpans.set(ai, [s, d])
    }
    for (const [ai, s, d] of pairs) {
      const base = arenaBase(ai)
      let last: unknown = null
      for (let i = 0; i < s.length; i++) {
        const x = s[i]
        if (x === last) continue
        last = x
        if (!(x instanceof MSpan) || x.startAddr !== base + i * _PageSize) continue
        const l = d[i]
        const out =
          l instanceof MSpan && l.startAddr === x.startAddr && !sharedSpans.includes(l) ? l : new MSpan()
        this.span(x, out)
        d[i] = out
      }
    }
    for (const [, s, d] of pairs) {
      if (d.length !== s.length) d.length = s.length
      let lastIn: unknown = undefined
      let lastOut: unknown = null
      for (let i = 0; i < s.length; i++) {
        const x = s[i]
        if (x !== lastIn) {
          if (x === undefined) {
            this.elements(s, d, true) // holes: the general loop
            break
          }
          lastIn = x
          lastOut =
            x === null ? null : ((x instanceof MSpan ? this.spanAt(x) : undefined) ?? this.put(x, d[i], i))
        }
        if (d[i] !== lastOut) d[i] = lastOut
      }
    }
    return true
  }

  /** The restored span for checkpoint span s, if s sits at its first page (see spanPass). */
  private spanAt(s: MSpan): MSpan | undefined {
    const a = s.startAddr
    const ai = arenaIndex(a)
    let pair = this.lastPair
    if (ai !== this.lastArena) {
      pair = this.lastPair = this.arenaSpans.get(ai)
      this.lastArena = ai
    }
    if (pair === undefined) return undefined
    const i = Math.floor(a / _PageSize) % pagesPerArena
    return pair[0][i] === s ? (pair[1][i] as MSpan) : undefined
  }

  /** Write runtime `from`'s state into the live Runtime `to` (which keeps its listeners). */
  runtimeInto(from: Runtime, to: Runtime): void {
    this.seen.set(from, to)
    this.used.add(to)
    const src = from as unknown as Record<string, unknown>
    const dst = to as unknown as Record<string, unknown>
    // Spans first through the arenas' page → span arrays: there, position means address, so
    // each checkpoint span lands in the live span at the same address (the spanSets' positions
    // shift as spans are pushed and popped).
    const hs = src.mheap_ as Record<string, unknown> | undefined
    const hd = dst.mheap_ as Record<string, unknown> | undefined
    if (hs?.arenas instanceof Map) {
      const live = hd?.arenas instanceof Map ? hd.arenas : undefined
      if (!this.spanPass(hs.arenas, live)) this.put(hs.arenas, live, 'arenas')
    }
    for (const k of Object.keys(src)) {
      if (notCopied.has(k)) continue
      const y = this.put(src[k], dst[k], k)
      if (dst[k] !== y) dst[k] = y
    }
    for (const k of Object.keys(dst)) if (!Object.hasOwn(src, k) && !notCopied.has(k)) delete dst[k]
  }
}

/** Take bytes [from, to) of `c` (set them to 1) unless one is taken already. */
function take(c: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (c[i] !== 0) return false
  for (let i = from; i < to; i++) c[i] = 1
  return true
}

/** Make Set `s` hold exactly the distinct values `xs`, in that order, touching little. */
function syncSet(s: Set<unknown>, xs: unknown[]): void {
  let i = 0
  for (const x of s) {
    if (i === xs.length || x !== xs[i]) break
    i++
  }
  if (i === s.size) {
    // s is xs[0..i): append the rest
    for (let j = i; j < xs.length; j++) s.add(xs[j])
    return
  }
  if (i === xs.length) {
    // s starts with xs: drop its tail
    let j = 0
    for (const x of s) if (j++ >= i) s.delete(x)
    return
  }
  s.clear()
  for (const x of xs) s.add(x)
}

function checkRuntime(rt: unknown, name: string): asserts rt is Runtime {
  if (!(rt instanceof Runtime)) throw new TypeError(`${name} must be a Runtime, got ${describe(rt)}`)
}

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

function cloneWith<R extends Runtime>(rt: R, c: Copier, stats?: CloneStats): R {
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

// ---------------------------------------------------------------------------------------------
// Timeline

/** One recorded operation (plain data). Dispatched to the Runtime method of the same name. */
export type TimelineOp =
  | { op: 'malloc'; size: number; noscan?: boolean; p?: number }
  | { op: 'drop'; addr: number }
  | { op: 'writePointer'; obj: number; offset: number; target: number }
  | { op: 'gc' }
  | { op: 'freeOSMemory' }
  | { op: 'readMemStats' }

export type TimelineOpName = TimelineOp['op']

export interface TimelineOptions {
  /** Keep a full copy of the state every this many steps (integer ≥ 1, default 2000). */
  checkpointEvery?: number
  /** Most checkpoints kept, step 0 included (integer ≥ 2, default 64); older ones are thinned. */
  maxCheckpoints?: number
  /** Budget for all checkpoints together, in approximate bytes (default 256 MiB); older ones are
   *  thinned past it (step 0 and the newest checkpoint are always kept). */
  maxCheckpointBytes?: number
}

/** The checkpoints a Timeline holds (see the memory trade-off in the file comment). */
export interface CheckpointInfo {
  /** Steps that have a checkpoint, ascending (always starts with 0). */
  steps: number[]
  /** Rough JavaScript heap bytes of all checkpoints (approxCloneBytes summed). */
  approxBytes: number
  checkpointEvery: number
  maxCheckpoints: number
  maxCheckpointBytes: number
}

/** Operation name → the Runtime method's arguments, built from the op (plain data in, out). */
const opArgs: Record<TimelineOpName, (o: Record<string, unknown>) => unknown[]> = {
  malloc: (o) =>
    o.noscan === undefined && o.p === undefined
      ? [o.size]
      : [o.size, dropUndefined({ noscan: o.noscan, p: o.p })],
  drop: (o) => [o.addr],
  writePointer: (o) => [o.obj, o.offset, o.target],
  gc: () => [],
  freeOSMemory: () => [],
  readMemStats: () => [],
}
const opFields: Record<TimelineOpName, readonly string[]> = {
  malloc: ['size', 'noscan', 'p'],
  drop: ['addr'],
  writePointer: ['obj', 'offset', 'target'],
  gc: [],
  freeOSMemory: [],
  readMemStats: [],
}
const opNames = Object.keys(opArgs) as TimelineOpName[]
const opList = opNames.map((n) => `'${n}'`).join(', ')

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of Object.keys(o)) if (o[k] !== undefined) out[k] = o[k]
  return out
}

interface Prepared {
  record: TimelineOp
  method: TimelineOpName
  args: unknown[]
}

interface Checkpoint {
  step: number
  rt: Runtime
  bytes: number
  /** Its views never share bytes (Copier.solo): a restore may overwrite live views one by one. */
  solo: boolean
  /** Each of its spans has exactly spanFields (Restorer.span may copy them by name). */
  plainSpans: boolean
}

function checkCount(v: unknown, name: string, min: number, max: number, what: string): number {
  if (typeof v !== 'number')
    throw new TypeError(`${name} must be ${what} from ${min} to ${max}, got ${describe(v)}`)
  if (!Number.isInteger(v) || v < min || v > max)
    throw new RangeError(`${name} must be ${what} from ${min} to ${max}, got ${v}`)
  return v
}

type RuntimeInternals = { listeners: unknown[]; tracing: boolean }

export class Timeline {
  /**
   * The current state (the state after step `step`). Read it freely (snapshot, spanOf,
   * readCounters, subscribe); change it only through the Timeline. Keeps its identity across seeks.
   */
  readonly runtime: Runtime
  readonly checkpointEvery: number
  readonly maxCheckpoints: number
  readonly maxCheckpointBytes: number

  private readonly recorded: TimelineOp[] = []
  private readonly outcomes: unknown[] = []
  private checkpoints: Checkpoint[] = []
  private pos = 0
  /** Counters and heap statistics after the last step, to notice changes made behind our back. */
  private fingerprint: number[] = []
  /** ArrayBuffers this Timeline made for its Runtime while restoring (see Restorer). */
  private readonly own = new WeakSet<ArrayBufferLike>()

  /**
   * A timeline over `source`: a Runtime to take over (its current state becomes step 0) or the
   * options for a new one (default: a new Runtime()).
   */
  constructor(source?: Runtime | RuntimeOptions, options?: TimelineOptions) {
    if (options !== undefined && (options === null || typeof options !== 'object'))
      throw new TypeError(`options must be an object, got ${describe(options)}`)
    const o = options ?? {}
    this.checkpointEvery = checkCount(
      o.checkpointEvery ?? 2000,
      'options.checkpointEvery',
      1,
      2 ** 31,
      'an integer',
    )
    this.maxCheckpoints = checkCount(
      o.maxCheckpoints ?? 64,
      'options.maxCheckpoints',
      2,
      2 ** 20,
      'an integer',
    )
    this.maxCheckpointBytes = checkCount(
      o.maxCheckpointBytes ?? 256 * 2 ** 20,
      'options.maxCheckpointBytes',
      0,
      2 ** 53,
      'an integer number of bytes',
    )
    this.runtime = source instanceof Runtime ? source : new Runtime(source)
    this.addCheckpoint()
    this.fingerprint = this.takeFingerprint()
  }

  /** The current step: how many recorded operations the current state has applied (0..length). */
  get step(): number {
    return this.pos
  }

  /** Number of recorded operations (steps after `step` can be reached with seek/forward). */
  get length(): number {
    return this.recorded.length
  }

  /** The recorded operations, oldest first (copies; plain data). */
  get ops(): TimelineOp[] {
    return this.recorded.map((o) => ({ ...o }))
  }

  /** What each recorded operation returned (malloc: the address; readMemStats: the MemStats). */
  get results(): unknown[] {
    return this.outcomes.slice()
  }

  /**
   * Apply one operation to the current state and record it as step `step + 1`; returns what
   * the Runtime method returned. If the current step is not the last, the recorded future is
   * discarded first (like typing after an undo). A failing operation throws, records nothing
   * and changes nothing.
   */
  apply(op: TimelineOp): unknown {
    const p = prepare(op, this.runtime)
    this.checkInSync()
    const result = (this.runtime as unknown as Record<string, (...a: unknown[]) => unknown>)[p.method](
      ...p.args,
    )
    if (this.pos < this.recorded.length) {
      this.recorded.length = this.pos
      this.outcomes.length = this.pos
      this.checkpoints = this.checkpoints.filter((c) => c.step <= this.pos)
    }
    this.recorded.push(p.record)
    this.outcomes.push(result)
    this.pos++
    if (this.pos % this.checkpointEvery === 0) this.addCheckpoint()
    this.fingerprint = this.takeFingerprint()
    return result
  }

  /** apply({ op: 'malloc', size, noscan, p }): the address. */
  malloc(size: number, opts?: { noscan?: boolean; p?: number }): number {
    if (opts !== undefined && (opts === null || typeof opts !== 'object'))
      throw new TypeError(`opts must be an object, got ${describe(opts)}`)
    return this.apply({ op: 'malloc', size, ...opts }) as number
  }

  /** Restore the state after step n (0..length). Returns the timeline. */
  seek(n: number): this {
    checkCount(n, 'n', 0, this.recorded.length, 'an integer step')
    const inSync = this.inSync()
    if (n === this.pos && inSync) return this
    const c = this.checkpointAtOrBefore(n)
    if (!(inSync && c.step <= this.pos && this.pos <= n)) {
      new Restorer(this.own, c).runtimeInto(c.rt, this.runtime)
      this.pos = c.step
    }
    this.replayTo(n)
    this.fingerprint = this.takeFingerprint()
    return this
  }

  /** Go back k steps (default 1; 0..step). Returns the timeline. */
  back(k = 1): this {
    checkCount(k, 'k', 0, this.pos, 'an integer number of steps')
    return this.seek(this.pos - k)
  }

  /** Go forward k recorded steps (default 1; 0..length − step). Returns the timeline. */
  forward(k = 1): this {
    checkCount(k, 'k', 0, this.recorded.length - this.pos, 'an integer number of steps')
    return this.seek(this.pos + k)
  }

  /**
   * MemStats of the current state without changing it (Runtime.readMemStats flushes the
   * mcaches, which would change later results; this one works on a copy).
   */
  readMemStats(): MemStats {
    return cloneRuntime(this.runtime).readMemStats()
  }

  /** Which steps have checkpoints and roughly what they cost. */
  checkpointInfo(): CheckpointInfo {
    return {
      steps: this.checkpoints.map((c) => c.step),
      approxBytes: this.checkpoints.reduce((a, c) => a + c.bytes, 0),
      checkpointEvery: this.checkpointEvery,
      maxCheckpoints: this.maxCheckpoints,
      maxCheckpointBytes: this.maxCheckpointBytes,
    }
  }

  // --- internals ------------------------------------------------------------------------------

  private addCheckpoint(): void {
    const c = new Copier(true)
    const rt = cloneWith(this.runtime, c)
    this.checkpoints.push({
      step: this.pos,
      rt,
      bytes: approxCloneBytes(c.stats),
      solo: c.solo(),
      plainSpans: !c.oddSpan,
    })
    this.thin()
  }

  /**
   * Over the count or byte budget: drop every other checkpoint of the older half (step 0 and
   * the newest half stay), again until within budget; step 0 and the newest one always stay.
   */
  private thin(): void {
    const total = (): number => this.checkpoints.reduce((a, c) => a + c.bytes, 0)
    while (
      this.checkpoints.length > 2 &&
      (this.checkpoints.length > this.maxCheckpoints || total() > this.maxCheckpointBytes)
    ) {
      const cps = this.checkpoints
      const keepRecent = Math.max(1, Math.min(this.maxCheckpoints, cps.length) >>> 1)
      const oldEnd = cps.length - keepRecent
      const kept: Checkpoint[] = [cps[0]]
      for (let i = 1; i < oldEnd; i++) if (i % 2 === 0) kept.push(cps[i])
      for (let i = oldEnd; i < cps.length; i++) kept.push(cps[i])
      if (kept.length === cps.length) kept.splice(1, 1) // nothing old enough: drop the oldest after 0
      this.checkpoints = kept
    }
  }

  private checkpointAtOrBefore(n: number): Checkpoint {
    const cps = this.checkpoints
    let lo = 0
    let hi = cps.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (cps[mid].step <= n) lo = mid
      else hi = mid - 1
    }
    return cps[lo]
  }

  /** Replay recorded steps pos+1..n on the current state, without emitting trace events. */
  private replayTo(n: number): void {
    const rt = this.runtime as unknown as RuntimeInternals & Record<string, (...a: unknown[]) => unknown>
    const listeners = rt.listeners
    const tracing = rt.tracing
    rt.listeners = []
    rt.tracing = false
    try {
      for (; this.pos < n; this.pos++) {
        const p = prepare(this.recorded[this.pos], this.runtime)
        try {
          rt[p.method](...p.args)
        } catch (e) {
          throw new Error(
            `timeline: replaying step ${this.pos + 1} (${JSON.stringify(p.record)}) failed: ${e instanceof Error ? e.message : String(e)}`,
          )
        }
      }
    } finally {
      rt.listeners = listeners
      rt.tracing = tracing
    }
  }

  private takeFingerprint(): number[] {
    const out: number[] = []
    for (const src of [this.runtime.counters, this.runtime.memstats] as object[])
      for (const v of Object.values(src)) if (typeof v === 'number') out.push(v)
    return out
  }

  private inSync(): boolean {
    const now = this.takeFingerprint()
    const was = this.fingerprint
    if (now.length !== was.length) return false
    for (let i = 0; i < now.length; i++) if (now[i] !== was[i]) return false
    return true
  }

  private checkInSync(): void {
    if (!this.inSync())
      throw new Error(
        `timeline: the runtime was changed outside the timeline since step ${this.pos} ` +
          `(readMemStats() flushes the mcaches; use timeline.readMemStats() or apply({ op: 'readMemStats' })); ` +
          `seek(${this.pos}) restores the recorded state`,
      )
  }
}

/** Validate an operation's shape and build its record (a plain copy) and call. */
function prepare(op: unknown, rt: Runtime): Prepared {
  if (op === null || typeof op !== 'object' || Array.isArray(op))
    throw new TypeError(`op must be an object like { op: 'malloc', size: 24 }, got ${describe(op)}`)
  const o = op as Record<string, unknown>
  const name = o.op
  if (typeof name !== 'string') throw new TypeError(`op.op must be one of ${opList}, got ${describe(name)}`)
  if (!Object.hasOwn(opArgs, name))
    throw new RangeError(`op.op must be one of ${opList}, got ${describe(name)}`)
  const method = name as TimelineOpName
  if (typeof (rt as unknown as Record<string, unknown>)[method] !== 'function')
    throw new TypeError(`op.op '${method}' needs Runtime.${method}(), which this Runtime does not have`)
  const record: Record<string, unknown> = { op: method }
  for (const f of opFields[method]) if (o[f] !== undefined) record[f] = o[f]
  return { record: record as TimelineOp, method, args: opArgs[method](record) }
}
