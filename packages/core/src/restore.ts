// restore.ts — write a checkpoint's state into a live Runtime's existing objects.
//
// Not a Go structure: the in-place restorer behind Timeline.seek (timeline.ts). Restoring by
// building a whole new object graph (a clone of the checkpoint) makes tens of thousands of
// objects that all survive V8's young-generation collections, which then copy every one of
// them. Instead the checkpoint's state is written into the objects the Runtime already has, and
// only what has no counterpart is created, so a seek makes almost no garbage:
//   - generic objects, arrays, Maps and Sets are matched by position (the checkpoint object at
//     rt.a.b[i] goes into the live object at the same place if it is of the same kind and not
//     taken yet), with one Map for shared references, like the copier (clone.ts);
//   - spans are matched by address, not by position (spanSets shift as spans are pushed and
//     popped): the arenas' page → span arrays go first; a checkpoint span goes into the live
//     span with the same startAddr at its first page (each live span is taken at most once), and
//     every other reference to it (spanSets, allspans, mcaches, sweeper) is resolved through its
//     first page instead of an identity Map. MSpan's fields are copied by name (the field list
//     in graphwalk.ts; the generic walk is used if MSpan ever gains a field the list lacks — a
//     test watches that);
//   - typed arrays: when the checkpoint's views are each referenced once and share no byte
//     (checked when the checkpoint is taken), a view's bytes are written into the live view at
//     the same place if that one has the same type and length and its bytes are this Runtime's
//     alone: its buffer is one an earlier restore made, or a gcBits chunk (whose regions each
//     belong to one bitmap of one span). Other views get a fresh copy of their buffer. Writes to
//     any other buffer (a module-level constant, another Runtime's bits) are thus impossible.
// The result is the graph a clone would have (same prototypes, keys, lengths, holes, Map/Set
// order, sharing, views over buffers with the same bytes), held by other JavaScript objects:
// internal objects read from tl.runtime before a seek show the restored state after it.

import { pagesPerArena } from './constants.ts'
import {
  GraphWalker,
  fnError,
  notCopied,
  shared,
  sharedSpans,
  sharedViews,
  spanFieldsMatch,
  spreadCopy,
  viewOver,
} from './graphwalk.ts'
import { arenaBase, arenaIndex } from './mheap.ts'
import { MSpan, isGCBitsChunk, zeroBits } from './mspan.ts'
import type { Runtime } from './runtime.ts'
import { _PageSize } from './sizeclasses.ts'

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
export class Restorer extends GraphWalker {
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
    super()
    this.own = own
    this.solo = cp.solo
    this.plainSpans = cp.plainSpans && spanFieldsMatch
    for (const o of shared) this.used.add(o)
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
    return this.walkObject(v, live, key)
  }

  protected override made(v: unknown, out: unknown): void {
    this.used.add(out)
    this.seen.set(v, out)
  }

  protected madeBuffer(out: ArrayBufferLike): void {
    this.own.add(out)
  }

  /** Is `live` an object of `v`'s kind (same prototype) that no other one took yet? */
  private fits(v: object, live: unknown): boolean {
    return this.free(live) && Object.getPrototypeOf(live) === Object.getPrototypeOf(v)
  }

  private free(live: unknown): live is object {
    return typeof live === 'object' && live !== null && !this.used.has(live)
  }

  protected array(v: unknown[], live: unknown): unknown[] {
    const inPlace = Array.isArray(live) && !this.used.has(live)
    const out: unknown[] = inPlace ? live : v.slice()
    this.made(v, out)
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
  protected view(v: ArrayBufferView): ArrayBufferView {
    const out = this.freshView(v)
    this.made(v, out)
    return out
  }

  private freshView(v: ArrayBufferView): ArrayBufferView {
    return viewOver(v, this.buffer(v.buffer))
  }

  protected map(v: Map<unknown, unknown>, live: unknown): Map<unknown, unknown> {
    const inPlace = this.fits(v, live)
    const out: Map<unknown, unknown> = inPlace ? (live as Map<unknown, unknown>) : new Map()
    this.made(v, out)
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

  protected set(v: Set<unknown>, live: unknown): Set<unknown> {
    const inPlace = this.fits(v, live)
    const out: Set<unknown> = inPlace ? (live as Set<unknown>) : new Set()
    this.made(v, out)
    const it = inPlace ? out.values() : undefined
    const xs: unknown[] = []
    for (const x of v) xs.push(this.put(x, it?.next().value, 'Set element'))
    syncSet(out, xs)
    return out
  }

  protected object(v: object, live: unknown): unknown {
    const proto = Object.getPrototypeOf(v) as object | null
    const inPlace = this.free(live) && Object.getPrototypeOf(live) === proto
    if (proto === MSpan.prototype && this.plainSpans) {
      // (by address, live spans are only taken in spanPass: each at most once, with no `used`)
      const out = inPlace && !this.byAddress ? (live as MSpan) : new MSpan()
      this.made(v, out)
      this.span(v as MSpan, out)
      return out
    }
    if (!inPlace) {
      const out = spreadCopy(v, proto)
      this.made(v, out)
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
    this.made(v, out)
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
    out.limitOff = v.limitOff
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
