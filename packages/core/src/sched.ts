// sched.ts — goroutines on GOMAXPROCS Ps allocating in an interleaving the caller chooses.
//
// Go's scheduler runs goroutines (G) on Ps; an allocating goroutine uses the mcache of the P it
// is running on (src/runtime/proc.go, runtime2.go `p.mcache`; mallocgc in malloc.go). This file
// is not Go's scheduler: it is a small driver that lets a figure or a test decide the order in
// which several goroutines' mallocs happen, and reports what each one cost at each level of the
// allocator (costs.ts), per P, and how often a lock changed hands between Ps.
//
//   new Scheduler(rt, goroutines, schedule)   goroutines: [{ p, noscan?, allocs: [size | {size, noscan}] }]
//   step()    one malloc of the next goroutine in the schedule → StepResult (null when done)
//   run()     the remaining steps
//   result()  addresses per goroutine, counter deltas, levels, per-P costs, lock hand-offs
//   runInterleaved(rt, goroutines, schedule) = new Scheduler(…).run() + result()
//
// Schedules: 'round-robin' (each runnable goroutine in turn), 'sequential' (each goroutine to the
// end, one after the other), { seed } (at each step a runnable goroutine picked by xorshift32 from
// the seed: the same seed gives the same interleaving), or an explicit array of goroutine indexes.
//
// Contention ("hand-offs"). A step is a whole malloc, so two goroutines are never inside the
// allocator at the same instant here. We count instead what a real run with these goroutines on
// parallel Ps would fight over: a lock acquisition is *contended* when the previous acquisition of
// the same lock was by a goroutine on another P. Consecutive steps on different Ps stand for Ps
// running at the same time, so such an acquisition is where one would wait for the other and the
// lock's cache line moves between cores; a P that takes a lock again after itself pays neither.
// Counted for the shared cache's lock ('shared' mode) and for mheap.lock. (Spine locks are per span
// set and rare; they are counted but not tracked for hand-offs.)
//
// Simplifications:
// - A step is one whole mallocgc: Go disables preemption during mallocgc, and a goroutine does not
//   change P in the middle of one. We count operations, not time; real concurrency inside mcentral
//   (CAS retries of the lock-free span sets) is not simulated.
// - A goroutine stays on its P (no work stealing, no migration).
// - Costs are attributed to a P by the counter difference across its step, which is exact because
//   steps do not overlap.

import { Runtime } from './runtime.ts'
import { type CostLevels, costLevels } from './costs.ts'
import { Counters } from './trace.ts'
import type { CounterValues } from './runtime.ts'
import { checkSize, describe } from './msize.ts'

/** One allocation request: a size (the goroutine's `noscan` applies), or a size with its own noscan. */
export type AllocRequest = number | { size: number; noscan?: boolean }

export interface GoroutineSpec {
  /** The P this goroutine runs on (default: its index modulo gomaxprocs). */
  p?: number
  /** Default noscan for requests given as plain sizes (default false, like malloc). */
  noscan?: boolean
  /** The mallocs it performs, in order. */
  allocs: readonly AllocRequest[]
}

/** 'round-robin' | 'sequential' | { seed } (seeded random) | explicit goroutine indexes. */
export type Schedule = 'round-robin' | 'sequential' | { seed: number } | readonly number[]

/** The deepest level a malloc reached. */
export type StepLevel = 'zero' | 'mcache' | 'mcentral' | 'pageCache' | 'mheap'

export interface StepResult {
  /** 0-based step number within this scheduler. */
  step: number
  /** Goroutine index, its P, and the index of the request within the goroutine. */
  g: number
  p: number
  index: number
  size: number
  noscan: boolean
  addr: number
  /** 'mcache': served by the cache; 'mcentral': a refill served by a central span set;
   *  'pageCache': a new span whose pages came from the P's page cache without the heap lock;
   *  'mheap': the heap lock was taken; 'zero': size 0, nothing touched. */
  level: StepLevel
  /** Operations this step performed. */
  sharedLocks: number
  heapLocks: number
  spineLocks: number
  atomics: number
  /** Lock acquisitions that were hand-offs from another P (shared lock + heap lock). */
  contended: number
}

/** What one P paid over the scheduler's steps. */
export interface PCost {
  p: number
  mallocs: number
  /** Bytes requested. */
  bytes: number
  mcacheHits: number
  refills: number
  pageCacheHits: number
  pageCacheRefills: number
  sharedLocks: number
  heapLocks: number
  spineLocks: number
  atomics: number
  contended: number
}

export interface InterleavedResult {
  /** Steps taken so far, and the total number of requests. */
  steps: number
  total: number
  /** Addresses handed out so far, per goroutine, in request order. */
  addrs: number[][]
  /** Counter differences since the scheduler was created (os counters included), with levels. */
  counters: CounterValues
  /** Shorthand for counters.levels. */
  levels: CostLevels
  /** One entry per P of the Runtime. */
  perP: PCost[]
  /** Lock acquisitions and hand-offs between Ps (see the header of sched.ts). */
  contention: {
    sharedCache: { locks: number; contended: number }
    mheap: { locks: number; contended: number }
  }
}

interface Req {
  size: number
  noscan: boolean
}

interface G {
  p: number
  reqs: Req[]
  next: number
  addrs: number[]
}

/** xorshift32 (Marsaglia), as in bench/lib.ts. */
function xorshift32(x: number): number {
  x ^= x << 13
  x >>>= 0
  x ^= x >>> 17
  x ^= x << 5
  return x >>> 0
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const counterNames = Object.keys(new Counters()) as (keyof Counters)[]

export class Scheduler {
  readonly rt: Runtime
  private readonly gs: G[]
  private readonly mode: 'round-robin' | 'sequential' | 'random' | 'explicit'
  private readonly order: number[]
  private rng = 0
  private cursor = 0
  private rr = 0
  private steps = 0
  private readonly total: number
  private readonly base: CounterValues
  private readonly perP: PCost[]
  private sharedHolder = -1
  private heapHolder = -1
  private sharedContended = 0
  private heapContended = 0

  constructor(rt: Runtime, goroutines: readonly GoroutineSpec[], schedule: Schedule = 'round-robin') {
    if (!(rt instanceof Runtime)) throw new TypeError(`rt must be a Runtime, got ${describe(rt)}`)
    if (!Array.isArray(goroutines))
      throw new TypeError(`goroutines must be an array of { p, allocs }, got ${describe(goroutines)}`)
    if (goroutines.length === 0) throw new RangeError('goroutines must hold at least one goroutine, got []')
    const n = rt.gomaxprocs
    const gs: G[] = []
    // Index loops, not forEach: a hole in an array is an error, not a skipped entry.
    for (let gi = 0; gi < goroutines.length; gi++) {
      const spec: unknown = goroutines[gi]
      const name = `goroutines[${gi}]`
      if (!isPlainObject(spec))
        throw new TypeError(`${name} must be an object { p, noscan?, allocs }, got ${describe(spec)}`)
      let p = gi % n
      if (spec.p !== undefined) {
        if (typeof spec.p !== 'number')
          throw new TypeError(`${name}.p must be a P index from 0 to ${n - 1}, got ${describe(spec.p)}`)
        if (!Number.isInteger(spec.p) || spec.p < 0 || spec.p >= n)
          throw new RangeError(`${name}.p must be a P index from 0 to ${n - 1}, got ${spec.p}`)
        p = spec.p
      }
      let noscan = false
      if (spec.noscan !== undefined) {
        if (typeof spec.noscan !== 'boolean')
          throw new TypeError(`${name}.noscan must be a boolean, got ${describe(spec.noscan)}`)
        noscan = spec.noscan
      }
      const allocs = spec.allocs
      if (!Array.isArray(allocs))
        throw new TypeError(
          `${name}.allocs must be an array of sizes or { size, noscan }, got ${describe(allocs)}`,
        )
      const reqs: Req[] = []
      for (let ai = 0; ai < allocs.length; ai++) {
        const a: unknown = allocs[ai]
        const an = `${name}.allocs[${ai}]`
        if (typeof a === 'number') {
          checkSize(a, an)
          reqs.push({ size: a, noscan })
        } else if (isPlainObject(a)) {
          checkSize(a.size, `${an}.size`)
          let ns = noscan
          if (a.noscan !== undefined) {
            if (typeof a.noscan !== 'boolean')
              throw new TypeError(`${an}.noscan must be a boolean, got ${describe(a.noscan)}`)
            ns = a.noscan
          }
          reqs.push({ size: a.size, noscan: ns })
        } else throw new TypeError(`${an} must be a size or { size, noscan }, got ${describe(a)}`)
      }
      gs.push({ p, reqs, next: 0, addrs: [] })
    }
    let total = gs.reduce((t, g) => t + g.reqs.length, 0)
    this.order = []
    if (schedule === 'round-robin' || schedule === 'sequential') this.mode = schedule
    else if (Array.isArray(schedule)) {
      this.mode = 'explicit'
      const left = gs.map((g) => g.reqs.length)
      for (let i = 0; i < schedule.length; i++) {
        const x: unknown = schedule[i]
        if (typeof x !== 'number')
          throw new TypeError(`schedule[${i}] must be a goroutine index, got ${describe(x)}`)
        if (!Number.isInteger(x) || x < 0 || x >= gs.length)
          throw new RangeError(
            `schedule[${i}] must be a goroutine index from 0 to ${gs.length - 1}, got ${x}`,
          )
        if (left[x] === 0)
          throw new RangeError(
            `schedule[${i}] names goroutine ${x}, which has no request left (it has ${gs[x].reqs.length})`,
          )
        left[x]--
        this.order.push(x)
      }
      total = this.order.length
    } else if (isPlainObject(schedule)) {
      const seed = schedule.seed
      if (typeof seed !== 'number')
        throw new TypeError(`schedule.seed must be an integer from 0 to 2^32-1, got ${describe(seed)}`)
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
        throw new RangeError(`schedule.seed must be an integer from 0 to 2^32-1, got ${seed}`)
      this.mode = 'random'
      this.rng = (seed + 0x9e3779b9) >>> 0 || 1
    } else if (typeof schedule === 'string')
      throw new RangeError(
        `schedule must be 'round-robin', 'sequential', { seed } or an array of goroutine indexes, got '${schedule}'`,
      )
    else
      throw new TypeError(
        `schedule must be 'round-robin', 'sequential', { seed } or an array of goroutine indexes, got ${describe(schedule)}`,
      )
    this.rt = rt
    this.gs = gs
    this.total = total
    this.base = rt.readCounters()
    this.perP = rt.allp.map((_, p) => ({
      p,
      mallocs: 0,
      bytes: 0,
      mcacheHits: 0,
      refills: 0,
      pageCacheHits: 0,
      pageCacheRefills: 0,
      sharedLocks: 0,
      heapLocks: 0,
      spineLocks: 0,
      atomics: 0,
      contended: 0,
    }))
  }

  /** True once every scheduled request has run. */
  get done(): boolean {
    return this.steps >= this.total
  }

  /** The goroutine the next step will run, or -1 when done. Changes nothing. */
  peek(): number {
    if (this.done) return -1
    const gs = this.gs
    switch (this.mode) {
      case 'explicit':
        return this.order[this.cursor]
      case 'sequential': {
        let g = 0
        while (gs[g].next >= gs[g].reqs.length) g++
        return g
      }
      case 'round-robin': {
        let g = this.rr
        while (gs[g].next >= gs[g].reqs.length) g = (g + 1) % gs.length
        return g
      }
      case 'random': {
        const x = xorshift32(this.rng)
        let k = x % this.runnable()
        for (let g = 0; ; g++) if (gs[g].next < gs[g].reqs.length && k-- === 0) return g
      }
    }
  }

  private runnable(): number {
    let r = 0
    for (const g of this.gs) if (g.next < g.reqs.length) r++
    return r
  }

  /**
   * Run one malloc: the next request of the goroutine the schedule picks. Returns null when the
   * schedule is done. If the malloc throws (out of memory), the Runtime and the scheduler are
   * left as they were.
   */
  step(): StepResult | null {
    if (this.done) return null
    const gi = this.peek()
    const g = this.gs[gi]
    const req = g.reqs[g.next]
    const rt = this.rt
    const k = rt.counters
    const mallocs0 = k.mallocs
    const zero0 = k.zeroAllocs
    const refills0 = k.refills
    const large0 = k.largeAllocs
    const allocSpans0 = k.allocSpans
    const heap0 = k.heapLocks
    const spine0 = k.spineLocks
    const atomics0 = k.atomics
    const pcHits0 = k.pageCacheAllocs
    const pcRefills0 = k.pageCacheRefills
    const addr = rt.malloc(req.size, { noscan: req.noscan, p: g.p })
    // Committed: advance the schedule.
    if (this.mode === 'explicit') this.cursor++
    else if (this.mode === 'round-robin') this.rr = (gi + 1) % this.gs.length
    else if (this.mode === 'random') this.rng = xorshift32(this.rng)
    g.next++
    g.addrs.push(addr)
    const p = g.p
    const zero = k.zeroAllocs - zero0
    const refills = k.refills - refills0
    const large = k.largeAllocs - large0
    const heapLocks = k.heapLocks - heap0
    const spineLocks = k.spineLocks - spine0
    const atomics = k.atomics - atomics0
    const sharedLocks = rt.cache === 'shared' && zero === 0 ? 1 : 0
    let contended = 0
    if (sharedLocks > 0) {
      if (this.sharedHolder >= 0 && this.sharedHolder !== p) {
        contended++
        this.sharedContended++
      }
      this.sharedHolder = p
    }
    if (heapLocks > 0) {
      if (this.heapHolder >= 0 && this.heapHolder !== p) {
        contended++
        this.heapContended++
      }
      this.heapHolder = p
    }
    const level: StepLevel =
      zero > 0
        ? 'zero'
        : refills === 0 && large === 0
          ? 'mcache'
          : k.allocSpans === allocSpans0
            ? 'mcentral'
            : heapLocks === 0
              ? 'pageCache'
              : 'mheap'
    const c = this.perP[p]
    c.mallocs += k.mallocs - mallocs0
    c.bytes += req.size
    if (level === 'mcache') c.mcacheHits++
    c.refills += refills
    c.pageCacheHits += k.pageCacheAllocs - pcHits0
    c.pageCacheRefills += k.pageCacheRefills - pcRefills0
    c.sharedLocks += sharedLocks
    c.heapLocks += heapLocks
    c.spineLocks += spineLocks
    c.atomics += atomics
    c.contended += contended
    return {
      step: this.steps++,
      g: gi,
      p,
      index: g.next - 1,
      size: req.size,
      noscan: req.noscan,
      addr,
      level,
      sharedLocks,
      heapLocks,
      spineLocks,
      atomics,
      contended,
    }
  }

  /** Run every remaining step; returns their results. */
  run(): StepResult[] {
    const out: StepResult[] = []
    for (let r = this.step(); r !== null; r = this.step()) out.push(r)
    return out
  }

  /** Totals since the scheduler was created (plain data; a fresh copy each call). */
  result(): InterleavedResult {
    const rt = this.rt
    const now = rt.readCounters()
    const b = this.base
    const delta = new Counters()
    for (const name of counterNames) delta[name] = now[name] - b[name]
    const os = { ...now.os }
    for (const key of Object.keys(os) as (keyof typeof os)[]) os[key] -= b.os[key]
    const levels = costLevels(delta, rt.cache)
    const counters: CounterValues = { ...delta, os, levels }
    const sharedLocks = this.perP.reduce((t, c) => t + c.sharedLocks, 0)
    return {
      steps: this.steps,
      total: this.total,
      addrs: this.gs.map((g) => [...g.addrs]),
      counters,
      levels,
      perP: this.perP.map((c) => ({ ...c })),
      contention: {
        sharedCache: { locks: sharedLocks, contended: this.sharedContended },
        mheap: { locks: delta.heapLocks, contended: this.heapContended },
      },
    }
  }
}

/** Run goroutines' mallocs on `rt` in the given interleaving; per-step results plus totals. */
export function runInterleaved(
  rt: Runtime,
  goroutines: readonly GoroutineSpec[],
  schedule: Schedule = 'round-robin',
): InterleavedResult & { stepResults: StepResult[] } {
  const s = new Scheduler(rt, goroutines, schedule)
  const stepResults = s.run()
  return { ...s.result(), stepResults }
}
