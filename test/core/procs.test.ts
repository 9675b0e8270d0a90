// Many Ps: per-level cost accounting, the 'shared' cache comparison mode and the interleaving
// scheduler (packages/core/src/{costs,sched}.ts). Expectations come from Go's structure (one
// mcache per P needs no lock; a 24-byte span holds 341 objects, Go's size-class table) and from
// cross-checks between independently counted quantities, not from the simulator's own output.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  Runtime,
  Scheduler,
  runInterleaved,
  checkHeap,
  OutOfMemoryError,
  type CacheMode,
  type GoroutineSpec,
  type Schedule,
  type StepResult,
} from '@go-alloc/core'
import { goSizeClasses } from './go-sizeclasses.data.ts'

const objectsPerSpan24 = goSizeClasses[2][4] // class 3: 24 bytes, 341 per 8 KiB span

function fourPs(n: number, size = 24): GoroutineSpec[] {
  return [0, 1, 2, 3].map((p) => ({ p, noscan: true, allocs: Array<number>(n).fill(size) }))
}

function sum(steps: StepResult[], f: (s: StepResult) => number): number {
  return steps.reduce((t, s) => t + f(s), 0)
}

describe('4 Ps × 1000 × 24-byte objects', () => {
  const spansPerP = Math.ceil(1000 / objectsPerSpan24) // 3
  it.each([
    // cache, schedule, refills, shared-lock acquisitions, shared hand-offs
    ['perP', 'round-robin', 4 * spansPerP, 0, 0],
    ['perP', 'sequential', 4 * spansPerP, 0, 0],
    ['perP', { seed: 7 }, 4 * spansPerP, 0, 0],
    ['shared', 'round-robin', Math.ceil(4000 / objectsPerSpan24), 4000, 3999],
    ['shared', 'sequential', Math.ceil(4000 / objectsPerSpan24), 4000, 3],
  ] as [CacheMode, Schedule, number, number, number][])(
    '%s, %o',
    (cache, schedule, refills, sharedLocks, sharedHandoffs) => {
      const rt = new Runtime({ gomaxprocs: 4, cache })
      const r = runInterleaved(rt, fourPs(1000), schedule)
      checkHeap(rt)
      const lv = r.levels
      expect(r.steps).toBe(4000)
      expect(lv.mcentral.refills).toBe(refills)
      expect(lv.mcache.hits).toBe(4000 - refills)
      expect(lv.mcache.atomics).toBe(0)
      expect(lv.mcache.locks).toBe(sharedLocks)
      expect(r.contention.sharedCache).toEqual({ locks: sharedLocks, contended: sharedHandoffs })
      if (cache === 'perP') expect(lv.sharedCache).toBeNull()
      else expect(lv.sharedCache).toEqual({ locks: 4000 })
      // No GC, no flush: every span comes fresh from the heap, and the heap lock is taken only
      // by steps that needed a new span.
      expect(lv.mcentral.grows).toBe(refills)
      expect(lv.mheap.allocSpans).toBe(refills)
      for (const s of r.stepResults) {
        if (s.heapLocks > 0) expect(s.level).toBe('mheap')
        if (s.level === 'mcache') expect([s.heapLocks, s.spineLocks, s.atomics]).toEqual([0, 0, 0])
      }
      expect(r.stepResults.filter((s) => s.level !== 'mcache').length).toBe(refills)
      // The heap lock is far rarer than one per malloc in both modes.
      expect(lv.mheap.locks).toBeLessThanOrEqual(2 * refills)
      // Per-P: each P made its 1000 mallocs; totals add up.
      expect(r.perP.map((c) => c.mallocs)).toEqual([1000, 1000, 1000, 1000])
      expect(r.perP.map((c) => c.bytes)).toEqual([24000, 24000, 24000, 24000])
      expect(sum(r.stepResults, (s) => s.heapLocks)).toBe(lv.mheap.locks)
      expect(r.perP.reduce((t, c) => t + c.heapLocks, 0)).toBe(lv.mheap.locks)
      expect(r.perP.reduce((t, c) => t + c.atomics, 0)).toBe(r.counters.atomics)
      expect(r.perP.reduce((t, c) => t + c.refills, 0)).toBe(refills)
      expect(r.perP.reduce((t, c) => t + c.mcacheHits, 0)).toBe(lv.mcache.hits)
      if (cache === 'perP') for (const c of r.perP) expect(c.refills).toBe(spansPerP)
    },
  )

  it('per-P caches: every P fills spans of its own; shared: Ps interleave within one span', () => {
    for (const cache of ['perP', 'shared'] as const) {
      const rt = new Runtime({ gomaxprocs: 4, cache })
      const r = runInterleaved(rt, fourPs(100), 'round-robin')
      const owners = new Map<number, Set<number>>()
      r.addrs.forEach((as, g) => {
        for (const a of as) {
          const base = rt.spanOf(a)!.base
          if (!owners.has(base)) owners.set(base, new Set())
          owners.get(base)!.add(g)
        }
      })
      const maxSharing = Math.max(...[...owners.values()].map((s) => s.size))
      expect(maxSharing).toBe(cache === 'perP' ? 1 : 4)
      if (cache === 'shared') {
        // round-robin through one cache: consecutive steps take consecutive slots
        const steps = r.stepResults
        for (let i = 1; i < 100; i++) expect(steps[i].addr - steps[i - 1].addr).toBe(24)
      }
    }
  })

  it('zero-size mallocs take no lock and touch no level', () => {
    const rt = new Runtime({ gomaxprocs: 2, cache: 'shared' })
    const r = runInterleaved(rt, [{ allocs: [0, 0, 8] }, { allocs: [0] }], 'round-robin')
    expect(r.stepResults.map((s) => s.level)).toEqual(['zero', 'zero', 'zero', 'mheap'])
    expect(r.contention.sharedCache.locks).toBe(1)
    expect(r.levels.mcache.locks).toBe(1)
  })
})

describe('readCounters().levels', () => {
  it('splits atomics between mcentral and mheap and keeps the totals', () => {
    // GOGC off: no sweeping, whose sweepgen CAS/store (2 per span) would add to mcentral's atomics.
    const rt = new Runtime({ gomaxprocs: 2, gogc: 'off' })
    for (let i = 0; i < 5000; i++)
      rt.malloc([8, 24, 100, 3000, 40000][i % 5], { noscan: i % 2 === 0, p: i % 2 })
    rt.readMemStats() // flush: uncacheSpan of every cached span
    const c = rt.readCounters()
    const lv = c.levels
    expect(lv.mcentral.atomics + lv.mheap.atomics).toBe(c.atomics)
    // spanSet: a push is one atomic, a pop two; uncacheSpan one store plus two stats adds.
    expect(lv.mcentral.atomics).toBe(lv.mcentral.pushes + 2 * lv.mcentral.pops + 3 * lv.mcentral.uncacheSpans)
    // every malloc ends at exactly one level
    expect(c.mallocs).toBe(c.zeroAllocs + lv.mcache.hits + lv.mcentral.refills + lv.mheap.largeAllocs)
    // large objects and fresh spans are the heap's only customers here
    expect(lv.mheap.allocSpans).toBe(lv.mcentral.grows + lv.mheap.largeAllocs)
    expect(lv.mcache.locks).toBe(0)
    expect(lv.sharedCache).toBeNull()
    expect(rt.snapshot().counters.levels).toEqual(lv)
  })

  it("the cache option is 'perP' by default and appears in the snapshot", () => {
    expect(new Runtime().cache).toBe('perP')
    const rt = new Runtime({ cache: 'shared', gomaxprocs: 3 })
    expect(rt.cache).toBe('shared')
    expect(rt.snapshot().cache).toBe('shared')
  })

  it('shared mode: one mcache serves every P (one mcache struct allocated)', () => {
    const per = new Runtime({ gomaxprocs: 4 })
    const shared = new Runtime({ gomaxprocs: 4, cache: 'shared' })
    const a = shared.malloc(48, { p: 2 })
    const b = shared.malloc(48, { p: 3 })
    expect(b - a).toBe(48)
    expect(shared.spanOf(a)!.cachedBy).toBe(0)
    expect(shared.readMemStats().mCacheInuse * 4).toBe(per.readMemStats().mCacheInuse)
    checkHeap(shared)
  })
})

describe('Scheduler', () => {
  it('explicit schedule runs exactly that order; step() and peek() agree', () => {
    const rt = new Runtime({ gomaxprocs: 2 })
    const order = [1, 0, 0, 1, 1]
    const s = new Scheduler(rt, [{ allocs: [16, 32] }, { p: 1, allocs: [8, 8, 8] }], order)
    const seen: number[] = []
    while (!s.done) {
      const g = s.peek()
      const r = s.step()!
      expect(r.g).toBe(g)
      expect(r.p).toBe(g === 0 ? 0 : 1)
      seen.push(r.g)
    }
    expect(seen).toEqual(order)
    expect(s.step()).toBeNull()
    expect(s.peek()).toBe(-1)
    expect(s.result().addrs.map((a) => a.length)).toEqual([2, 3])
  })

  it('an explicit schedule may stop early', () => {
    const rt = new Runtime()
    const r = runInterleaved(rt, [{ allocs: [8, 8, 8] }], [0])
    expect([r.steps, r.total, r.addrs[0].length]).toEqual([1, 1, 1])
  })

  it('round-robin skips finished goroutines; sequential runs each to the end', () => {
    const gs = [{ allocs: [8] }, { allocs: [8, 8, 8] }, { allocs: [8, 8] }]
    const rr = runInterleaved(new Runtime({ gomaxprocs: 3 }), gs, 'round-robin')
    expect(rr.stepResults.map((s) => s.g)).toEqual([0, 1, 2, 1, 2, 1])
    const sq = runInterleaved(new Runtime({ gomaxprocs: 3 }), gs, 'sequential')
    expect(sq.stepResults.map((s) => s.g)).toEqual([0, 1, 1, 1, 2, 2])
  })

  it('goroutines default to P = index mod gomaxprocs and may share a P', () => {
    const r = runInterleaved(new Runtime({ gomaxprocs: 2 }), [
      { allocs: [8] },
      { allocs: [8] },
      { allocs: [8] },
    ])
    expect(r.stepResults.map((s) => s.p)).toEqual([0, 1, 0])
    expect(r.perP.map((c) => c.mallocs)).toEqual([2, 1])
  })

  it('request objects override the goroutine noscan', () => {
    const rt = new Runtime()
    const r = runInterleaved(rt, [{ noscan: true, allocs: [24, { size: 24, noscan: false }, { size: 24 }] }])
    expect(r.addrs[0].map((a) => rt.spanOf(a)!.noscan)).toEqual([true, false, true])
  })

  it('result() is a fresh copy', () => {
    const s = new Scheduler(new Runtime(), [{ allocs: [8, 8] }])
    s.step()
    const r1 = s.result()
    r1.addrs[0].push(1)
    r1.perP[0].mallocs = 99
    s.step()
    const r2 = s.result()
    expect(r2.addrs[0].length).toBe(2)
    expect(r2.perP[0].mallocs).toBe(2)
  })

  it('counter deltas start at the scheduler', () => {
    const rt = new Runtime({ gomaxprocs: 2 })
    for (let i = 0; i < 50; i++) rt.malloc(64)
    const r = runInterleaved(rt, [{ allocs: [64, 64] }])
    expect(r.counters.mallocs).toBe(2)
    expect(r.levels.mcache.hits).toBe(2)
    expect(r.counters.os.mapCalls).toBe(0)
  })
})

// ---- property tests ----

const sizeArb = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 15 }) },
  { weight: 6, arbitrary: fc.integer({ min: 16, max: 2048 }) },
  { weight: 1, arbitrary: fc.integer({ min: 2049, max: 32768 }) },
  { weight: 1, arbitrary: fc.integer({ min: 32769, max: 200_000 }) },
)

const reqArb = fc.record({ size: sizeArb, noscan: fc.boolean() })

const scenarioArb = fc.integer({ min: 1, max: 4 }).chain((procs) =>
  fc.record({
    procs: fc.constant(procs),
    gs: fc.array(
      fc.record({
        p: fc.integer({ min: 0, max: procs - 1 }),
        allocs: fc.array(reqArb, { maxLength: 40 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
  }),
)

interface Range {
  a: number
  n: number
}

function slotRange(rt: Runtime, addr: number, size: number, noscan: boolean): Range {
  const s = rt.spanOf(addr)!
  if (noscan && size < 16) return { a: addr, n: size }
  if (s.sizeclass === 0) return { a: s.base, n: s.npages * 8192 }
  const header = !noscan && size > 512
  return { a: addr - (header ? 8 : 0), n: s.elemsize }
}

function noOverlap(ranges: Range[]): void {
  const r = [...ranges].sort((x, y) => x.a - y.a)
  for (let i = 1; i < r.length; i++) expect(r[i].a).toBeGreaterThanOrEqual(r[i - 1].a + r[i - 1].n)
}

describe('random interleavings (fast-check)', () => {
  it('checkHeap passes after every step, no byte is handed out twice, per-P spans stay per P', () => {
    fc.assert(
      fc.property(scenarioArb, fc.constantFrom<CacheMode>('perP', 'shared'), ({ procs, gs, seed }, cache) => {
        const rt = new Runtime({ gomaxprocs: procs, cache })
        const s = new Scheduler(rt, gs, { seed })
        const ranges: Range[] = []
        const spanP = new Map<number, number>()
        for (let r = s.step(); r !== null; r = s.step()) {
          checkHeap(rt)
          expect(r.p).toBe(gs[r.g].p)
          if (r.size === 0) continue
          ranges.push(slotRange(rt, r.addr, r.size, r.noscan))
          const sp = rt.spanOf(r.addr)!
          if (cache === 'perP' && sp.sizeclass !== 0) {
            // no flush happened, so a span handed to a P's mcache never serves another P
            if (!spanP.has(sp.base)) spanP.set(sp.base, r.p)
            expect(spanP.get(sp.base)).toBe(r.p)
          }
        }
        noOverlap(ranges)
        const res = s.result()
        expect(res.addrs.map((a) => a.length)).toEqual(gs.map((g) => g.allocs.length))
        const nz = gs.reduce((t, g) => t + g.allocs.filter((a) => a.size > 0).length, 0)
        expect(res.contention.sharedCache.locks).toBe(cache === 'shared' ? nz : 0)
        expect(res.contention.sharedCache.contended).toBeLessThanOrEqual(Math.max(0, nz - 1))
        expect(res.contention.mheap.contended).toBeLessThanOrEqual(res.contention.mheap.locks)
        const lv = res.levels
        expect(res.counters.mallocs).toBe(
          res.counters.zeroAllocs + lv.mcache.hits + lv.mcentral.refills + lv.mheap.largeAllocs,
        )
      }),
      { numRuns: 60 },
    )
  })

  it('the same seed gives the same interleaving and addresses; each goroutine keeps its order', () => {
    fc.assert(
      fc.property(scenarioArb, ({ procs, gs, seed }) => {
        const a = runInterleaved(new Runtime({ gomaxprocs: procs }), gs, { seed })
        const b = runInterleaved(new Runtime({ gomaxprocs: procs }), gs, { seed })
        expect(b.stepResults).toEqual(a.stepResults)
        const next = gs.map(() => 0)
        for (const st of a.stepResults) expect(st.index).toBe(next[st.g]++)
      }),
      { numRuns: 40 },
    )
  })

  it('shared and per-P caches hand out the same objects and (without tiny) the same bytes', () => {
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), ({ procs, gs, seed }, noTiny) => {
        const specs = noTiny
          ? gs.map((g) => ({
              ...g,
              allocs: g.allocs.filter((r) => !(r.noscan && r.size > 0 && r.size < 16)),
            }))
          : gs
        const per = new Runtime({ gomaxprocs: procs })
        const shared = new Runtime({ gomaxprocs: procs, cache: 'shared' })
        runInterleaved(per, specs, { seed })
        runInterleaved(shared, specs, { seed })
        const mp = per.readMemStats()
        const ms = shared.readMemStats()
        expect(ms.mallocs).toBe(mp.mallocs)
        if (noTiny) {
          expect(ms.totalAlloc).toBe(mp.totalAlloc)
          expect(ms.heapObjects).toBe(mp.heapObjects)
        }
        checkHeap(per)
        checkHeap(shared)
      }),
      { numRuns: 40 },
    )
  })
})

// ---- bad input: TypeError/RangeError naming the argument, nothing changed ----

function populated(cache: CacheMode = 'perP'): Runtime {
  const rt = new Runtime({ gomaxprocs: 2, cache })
  rt.malloc(3, { noscan: true })
  rt.malloc(24, { p: 1 })
  rt.malloc(50000)
  return rt
}

function expectRejected(rt: Runtime, f: () => unknown, kind: ErrorConstructor, name: RegExp): void {
  const before = rt.snapshot()
  let err: unknown
  try {
    f()
  } catch (e) {
    err = e
  }
  expect(err).toBeInstanceOf(kind)
  expect((err as Error).message).toMatch(name)
  expect(rt.snapshot()).toEqual(before)
  checkHeap(rt)
}

describe('bad input', () => {
  it.each([
    [1, TypeError],
    [false, TypeError],
    ['global', RangeError],
    ['PerP', RangeError],
  ])('Runtime option cache %o', (cache, kind) => {
    expect(() => new Runtime({ cache: cache as never })).toThrow(kind)
    expect(() => new Runtime({ cache: cache as never })).toThrow(/^cache must be 'perP' or 'shared'/)
  })

  it.each([
    [{ p: 2 }, RangeError, /^opts\.p must be a P index from 0 to 1/],
    [{ p: -1 }, RangeError, /^opts\.p/],
    [{ p: '1' }, TypeError, /^opts\.p/],
    [{ p: 1, noscan: 'yes' }, TypeError, /^opts\.noscan/],
    ['x', TypeError, /^opts must be an object/],
  ])('shared mode: malloc(8, %o) is rejected like with per-P caches', (opts, kind, name) => {
    const rt = populated('shared')
    expectRejected(rt, () => rt.malloc(8, opts as never), kind, name)
    expectRejected(rt, () => rt.malloc(-1, { p: 1 }), RangeError, /^size/)
  })

  const ok = [{ allocs: [8] }]
  it.each([
    ['rt', () => [{}, ok, 'round-robin'], TypeError, /^rt must be a Runtime/],
    ['goroutines not an array', () => [null, {}, 'round-robin'], TypeError, /^goroutines must be an array/],
    ['goroutines empty', () => [null, [], 'round-robin'], RangeError, /^goroutines must hold/],
    [
      'goroutine not an object',
      () => [null, [5], undefined],
      TypeError,
      /^goroutines\[0\] must be an object/,
    ],
    ['p type', () => [null, [{ p: '1', allocs: [] }]], TypeError, /^goroutines\[0\]\.p must be a P index/],
    [
      'p range',
      () => [null, [{ allocs: [] }, { p: 2, allocs: [] }]],
      RangeError,
      /^goroutines\[1\]\.p must be/,
    ],
    ['p fractional', () => [null, [{ p: 0.5, allocs: [] }]], RangeError, /^goroutines\[0\]\.p/],
    [
      'noscan',
      () => [null, [{ noscan: 1, allocs: [] }]],
      TypeError,
      /^goroutines\[0\]\.noscan must be a boolean/,
    ],
    ['allocs missing', () => [null, [{ p: 0 }]], TypeError, /^goroutines\[0\]\.allocs must be an array/],
    [
      'alloc negative',
      () => [null, [{ allocs: [8, -1] }]],
      RangeError,
      /^goroutines\[0\]\.allocs\[1\] must be/,
    ],
    ['alloc NaN', () => [null, [{ allocs: [NaN] }]], RangeError, /^goroutines\[0\]\.allocs\[0\] must be/],
    ['alloc string', () => [null, [{ allocs: ['8'] }]], TypeError, /^goroutines\[0\]\.allocs\[0\] must be/],
    ['alloc hole', () => [null, [{ allocs: Array(2) }]], TypeError, /^goroutines\[0\]\.allocs\[0\] must be/],
    ['goroutine hole', () => [null, Array(1)], TypeError, /^goroutines\[0\] must be an object/],
    [
      'alloc size',
      () => [null, [{ allocs: [{ size: 1.5 }] }]],
      RangeError,
      /^goroutines\[0\]\.allocs\[0\]\.size/,
    ],
    [
      'alloc noscan',
      () => [null, [{ allocs: [{ size: 8, noscan: 'y' }] }]],
      TypeError,
      /allocs\[0\]\.noscan/,
    ],
    ['schedule name', () => [null, ok, 'fifo'], RangeError, /^schedule must be 'round-robin'/],
    ['schedule type', () => [null, ok, 3], TypeError, /^schedule must be/],
    ['schedule object', () => [null, ok, {}], TypeError, /^schedule\.seed must be an integer/],
    ['seed negative', () => [null, ok, { seed: -1 }], RangeError, /^schedule\.seed/],
    ['seed too big', () => [null, ok, { seed: 2 ** 32 }], RangeError, /^schedule\.seed/],
    ['seed fractional', () => [null, ok, { seed: 1.5 }], RangeError, /^schedule\.seed/],
    ['explicit range', () => [null, ok, [0, 1]], RangeError, /^schedule\[1\] must be a goroutine index/],
    ['explicit type', () => [null, ok, ['0']], TypeError, /^schedule\[0\] must be a goroutine index/],
    ['explicit too many', () => [null, ok, [0, 0]], RangeError, /^schedule\[1\] names goroutine 0/],
  ] as [string, () => unknown[], ErrorConstructor, RegExp][])('%s', (_label, args, kind, name) => {
    for (const cache of ['perP', 'shared'] as const) {
      const rt = populated(cache)
      const [r, gs, sched] = args()
      const target = r === null ? rt : (r as Runtime)
      expectRejected(rt, () => new Scheduler(target, gs as never, sched as never), kind, name)
      expectRejected(rt, () => runInterleaved(target, gs as never, sched as never), kind, name)
    }
  })

  it('out of memory in a step leaves the runtime and the scheduler unchanged', () => {
    const rt = new Runtime({ gomaxprocs: 2, heapLimit: 64 * 8192 })
    const s = new Scheduler(rt, [{ allocs: [8, 100 * 8192, 8] }, { allocs: [16] }], 'round-robin')
    s.step()
    s.step()
    const before = rt.snapshot()
    const res = s.result()
    const g = s.peek()
    expect(() => s.step()).toThrow(OutOfMemoryError)
    expect(rt.snapshot()).toEqual(before)
    expect(s.result()).toEqual(res)
    expect(s.peek()).toBe(g)
    checkHeap(rt)
  })
})
