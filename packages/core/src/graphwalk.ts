// graphwalk.ts — what the deep copier (clone.ts) and the in-place restorer (restore.ts) share:
// the walk over a Runtime's object graph by kind of value, and the few facts both rely on.
//
// Not a Go structure: it is the machinery of time travel (timeline.ts). A Runtime's state is
// plain data: numbers, strings, booleans, arrays, typed arrays over ArrayBuffers, Maps, Sets and
// class instances made of those. GraphWalker dispatches an object neither walker has met yet to
// the method for its kind; each walker decides what a copy of that kind is (a new object for the
// copier, the live object at the same place when it fits for the restorer). Values nobody can
// copy faithfully are refused here, for both: functions (a copied closure would share state)
// and WeakMap/WeakSet/WeakRef/Promise (their contents cannot be enumerated).
//
// Also here: the module-level objects every Runtime may point at and nobody writes (copies keep
// the reference), MSpan's field list (the restorer's fast path copies spans field by field), and
// the Runtime fields that are not state (trace subscribers).

import { emptymspan } from './mcache.ts'
import { MSpan, zeroBits } from './mspan.ts'

/** Objects every Runtime may point at and nobody writes: copies keep the same reference. */
export const shared = new Set<object>()
/** The views and the spans among them, as short arrays (a few identity compares beat a Set
 *  lookup on the restore's hot paths). */
export const sharedViews: object[] = []
export const sharedSpans: object[] = []

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

/** MSpan's own properties, as Restorer.span copies them: numbers, then the bitmaps. */
const spanNumbers = [
  'startAddr',
  'npages',
  'limitOff',
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
export function isPlainSpan(s: Record<string, unknown>, keys: string[]): boolean {
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

/** Runtime fields that are not state: trace subscribers (a copy starts with none). */
export const notCopied = new Set(['listeners', 'tracing'])

export function fnError(key: string | number): TypeError {
  return new TypeError(
    `cloneRuntime: cannot copy the function at ${typeof key === 'number' ? `index ${key}` : `property '${key}'`} (only data can be copied)`,
  )
}

/** A view like `v` (same type, byteOffset and length) over `buf`. */
export function viewOver(v: ArrayBufferView, buf: ArrayBufferLike): ArrayBufferView {
  if (v instanceof DataView) return new DataView(buf, v.byteOffset, v.byteLength)
  const C = v.constructor as new (b: ArrayBufferLike, off: number, len: number) => ArrayBufferView
  return new C(buf, v.byteOffset, (v as unknown as { length: number }).length)
}

/** A shallow copy of object `v` with its prototype: spread first (V8 clones the source's hidden
 *  class, so the copy keeps fast properties), then the prototype set back. */
export function spreadCopy(v: object, proto: object | null): Record<string, unknown> {
  const out = { ...v } as Record<string, unknown>
  if (proto !== Object.prototype) Object.setPrototypeOf(out, proto)
  return out
}

/**
 * The walk both copiers share. `seen` maps each object met to its copy (shared sentinels map to
 * themselves); walkObject dispatches an object not in `seen` by kind. `live` is the object at the
 * same place in the state being written into (the restorer's candidate; the copier passes
 * undefined). Each kind's method records its result with `made` before walking into it, so
 * cycles and shared references resolve to the same copy.
 */
export abstract class GraphWalker {
  protected readonly seen = new Map<unknown, unknown>()

  constructor() {
    for (const o of shared) this.seen.set(o, o)
  }

  protected walkObject(v: object, live: unknown, key: string | number): unknown {
    if (Array.isArray(v)) return this.array(v, live)
    if (ArrayBuffer.isView(v)) return this.view(v, live)
    if (v instanceof Map) return this.map(v, live)
    if (v instanceof Set) return this.set(v, live)
    if (v instanceof ArrayBuffer) return this.bareBuffer(v)
    if (v instanceof WeakMap || v instanceof WeakSet || v instanceof Promise || v instanceof WeakRef)
      throw new TypeError(
        `cloneRuntime: cannot copy the ${v.constructor.name} at property '${key}' (its contents cannot be enumerated)`,
      )
    if (v instanceof Date) {
      const out = new Date(v.getTime())
      this.made(v, out)
      return out
    }
    return this.object(v, live, key)
  }

  /** Record `out` as the copy of `v`. */
  protected made(v: unknown, out: unknown): void {
    this.seen.set(v, out)
  }

  /** The copy of buffer `b`, made once (bytes copied) and then reused. */
  protected buffer(b: ArrayBufferLike): ArrayBufferLike {
    const hit = this.seen.get(b)
    if (hit !== undefined) return hit as ArrayBufferLike
    const out = b.slice(0)
    this.made(b, out)
    this.madeBuffer(out)
    return out
  }

  /** An ArrayBuffer held directly (not only through views). */
  protected bareBuffer(b: ArrayBuffer): ArrayBufferLike {
    return this.buffer(b)
  }

  /** Called for each buffer copy made. */
  protected abstract madeBuffer(out: ArrayBufferLike): void
  protected abstract array(v: unknown[], live: unknown): unknown[]
  protected abstract view(v: ArrayBufferView, live: unknown): ArrayBufferView
  protected abstract map(v: Map<unknown, unknown>, live: unknown): Map<unknown, unknown>
  protected abstract set(v: Set<unknown>, live: unknown): Set<unknown>
  /** Plain objects and class instances. */
  protected abstract object(v: object, live: unknown, key: string | number): unknown
}
