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
// Cost model (measured by `pnpm bench --only stepback`): seeking back costs one copy of the
// state (proportional to the heap's spans, pages and arenas: ≈ 11 ms for 4,800 spans when no
// young-generation GC hits it, several times more when one does, since every copied object
// survives it) plus the replay of fewer than `checkpointEvery` operations (mallocs replay in about
// a microsecond). Seeking forward only replays. Memory: each checkpoint is a full copy, so memory grows
// with (steps / checkpointEvery) × state size. `maxCheckpoints` (default 64) and
// `maxCheckpointBytes` (default 256 MiB, estimated while copying) cap it: past either, every
// other checkpoint of the older half is dropped (step 0 and the newest half are kept), so recent
// steps stay cheap to reach and older ones cost a longer replay.
//
// Simplifications / limits:
// - Module-level state: `emptymspan` (mcache.ts) is a shared, never-written sentinel compared by
//   identity, so copies keep pointing at it (see shareAcrossClones). The 64 KiB gcBits buffers
//   newGCBits carves from are module-level too; a clone copies every buffer its spans use, so it
//   never shares bits with its source, and later carves only take fresh, zeroed words.
// - The Runtime must only be changed through the Timeline. Reading it is fine, except
//   readMemStats(), which flushes the mcaches (as Go's does) and so changes what later mallocs
//   return: use Timeline.readMemStats() (computed on a copy) or apply({ op: 'readMemStats' })
//   (recorded). apply() detects most outside changes (through the cost counters and heap
//   statistics) and refuses to record on top of them; seek() restores a recorded state.

import { emptymspan } from './mcache.ts'
import { zeroBits } from './mspan.ts'
import type { MemStats } from './mstats.ts'
import { describe } from './msize.ts'
import { Runtime, type RuntimeOptions } from './runtime.ts'

// ---------------------------------------------------------------------------------------------
// cloneRuntime

/** Objects every Runtime may point at and nobody writes: copies keep the same reference. */
const shared = new Set<object>()

/**
 * @internal Declare a module-level object that Runtimes share and never modify (a sentinel
 * compared by identity, like `emptymspan`): cloneRuntime keeps the reference instead of copying.
 * Its typed arrays (never written either) are shared too.
 */
export function shareAcrossClones(obj: object): void {
  shared.add(obj)
  for (const v of Object.values(obj)) if (ArrayBuffer.isView(v)) shared.add(v)
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

  constructor() {
    for (const o of shared) this.seen.set(o, o)
  }

  copy(v: unknown, key: string | number): unknown {
    if (typeof v !== 'object' || v === null) {
      if (typeof v === 'function') throw fnError(key)
      return v
    }
    const hit = this.seen.get(v)
    if (hit !== undefined) return hit
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
        }
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
    if (v instanceof ArrayBuffer) return this.buffer(v)
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

/**
 * An exact, independent deep copy of a Runtime: continuing on the copy gives exactly the same
 * addresses, snapshots, MemStats and counters as continuing on the original, and neither sees
 * the other's changes. The copy has no trace subscribers. `stats`, if given, receives what the
 * copy cost.
 */
export function cloneRuntime<R extends Runtime>(rt: R, stats?: CloneStats): R {
  checkRuntime(rt, 'rt')
  const c = new Copier()
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
      new Copier().runtimeInto(c.rt, this.runtime)
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
    const stats: CloneStats = { objects: 0, slots: 0, bufferBytes: 0 }
    const rt = cloneRuntime(this.runtime, stats)
    this.checkpoints.push({ step: this.pos, rt, bytes: approxCloneBytes(stats) })
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
