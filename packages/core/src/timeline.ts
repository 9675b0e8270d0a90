// timeline.ts — record a run's operations and go back to the state after any step.
//
// Not a Go structure: Go has no time travel. This is the debugger's record-and-replay (as in rr
// or an editor's undo), made cheap by the simulator being deterministic: the same operations on
// the same starting state give the same addresses, spans, statistics and counters. So a run is
// stored as its list of operations plus a few full copies of the state (checkpoints, made by
// cloneRuntime in clone.ts); the state after step n is the nearest checkpoint at or before n,
// with the operations after it replayed.
//
// Timeline owns a Runtime. apply(op) runs one operation ({ op: 'malloc', size, … }, 'drop',
// 'writePointer', 'gc', 'freeOSMemory', 'readMemStats'; dispatched to the Runtime method of that
// name) and records it with its result; every `checkpointEvery` steps it keeps a clone.
// seek(n) / back(k) / forward(k) restore the state after step n *in place* (restore.ts): the
// Runtime object keeps its identity and its subscribers (no events are emitted while
// replaying). Applying an operation after going back discards the recorded future.
//
// Cost model: back(k) = one restore of the nearest checkpoint (proportional to the spans, and
// memory-bound: it reads the checkpoint and writes the live state) + the replay of fewer than
// `checkpointEvery` operations (≈ 0.5 µs a malloc); seeking forward only replays. The restore,
// not the replay, dominates, so checkpointEvery is 2000 by default. `pnpm bench --only stepback`
// measures it; its figures and their history are in packages/core/bench/README.md.
// Memory: each checkpoint is a full copy of the state, so memory grows with
// (steps / checkpointEvery) × state size. `maxCheckpoints` (default 64) and `maxCheckpointBytes`
// (default 256 MiB, estimated while copying) cap it: past either, every other checkpoint of the
// older half is dropped (step 0 and the newest half are kept), so recent steps stay cheap to
// reach and older ones cost a longer replay.
//
// Simplifications / limits:
// - The Runtime must only be changed through the Timeline. Reading it is fine, except
//   readMemStats(), which flushes the mcaches (as Go's does) and so changes what later mallocs
//   return: use Timeline.readMemStats() (computed on a copy) or apply({ op: 'readMemStats' })
//   (recorded). apply() detects most outside changes (through the cost counters and heap
//   statistics) and refuses to record on top of them; seek() restores a recorded state.

import { Copier, approxCloneBytes, cloneRuntime, cloneWith, type RuntimeInternals } from './clone.ts'
import type { MemStats } from './mstats.ts'
import { describe } from './msize.ts'
import { Restorer } from './restore.ts'
import { Runtime, type RuntimeOptions } from './runtime.ts'

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
  /** Each of its spans has exactly MSpan's field list (Restorer.span may copy them by name). */
  plainSpans: boolean
}

function checkCount(v: unknown, name: string, min: number, max: number, what: string): number {
  if (typeof v !== 'number')
    throw new TypeError(`${name} must be ${what} from ${min} to ${max}, got ${describe(v)}`)
  if (!Number.isInteger(v) || v < min || v > max)
    throw new RangeError(`${name} must be ${what} from ${min} to ${max}, got ${v}`)
  return v
}

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
