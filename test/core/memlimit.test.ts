// The soft memory limit (GOMEMLIMIT): the memory-limit heap goal (Go's memoryLimitHeapGoal in
// mgcpacer.go), the scavenger's 95% goal (gcPaceScavenger), allocSpan's scavenging for the limit,
// the option and setMemoryLimit. Every expected figure below is worked out by hand from Go's
// formulas (the arithmetic is written next to it), never read back from the simulator.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Runtime, Timeline, checkHeap, goVersions, type GoVersion, type TimelineOp } from '@go-alloc/core'
import { memoryLimitHeapGoal } from '../../packages/core/src/mgc.ts'
import { scavengeMemoryLimitGoal } from '../../packages/core/src/mgcscavenge.ts'

const MiB = 1 << 20
const noscan = { noscan: true, p: 0 }

describe('memoryLimitHeapGoal (Go 1.21–1.27 mgcpacer.go), worked by hand', () => {
  // goal = limit − nonHeap − overage, nonHeap = mappedReady − heapFree − heapAlloc,
  // overage = max(mappedReady − limit, 0); headroom = max(⌊goal/100⌋·3, 1 MiB);
  // goal < 2·headroom → headroom, else goal − headroom; at least heapMarked.
  const cases: [string, Parameters<typeof memoryLimitHeapGoal>[0], number][] = [
    [
      // nonHeap = 50−10−30 = 10 MiB; goal = 90 MiB = 94371840; ⌊943718.4⌋·3 = 2831154
      '3% headroom',
      {
        memoryLimit: 100 * MiB,
        mappedReady: 50 * MiB,
        heapFree: 10 * MiB,
        heapAlloc: 30 * MiB,
        heapMarked: 20 * MiB,
      },
      94371840 - 2831154,
    ],
    [
      // nonHeap = 0.5 MiB; goal = 2.5 MiB = 2621440; 3% = 78642 < 1 MiB → 1 MiB; 2621440 − 1048576
      'the 1 MiB floor of the headroom',
      { memoryLimit: 3 * MiB, mappedReady: MiB, heapFree: 0, heapAlloc: MiB / 2, heapMarked: 0 },
      1572864,
    ],
    [
      // goal = 2 − 0.5 = 1.5 MiB; 1.5 MiB − 1 MiB < 1 MiB → goal = headroom = 1 MiB
      'less than twice the headroom left: the goal is the headroom',
      { memoryLimit: 2 * MiB, mappedReady: MiB, heapFree: 0, heapAlloc: MiB / 2, heapMarked: 0 },
      1048576,
    ],
    [
      // nonHeap = 80−4−70 = 6 MiB, overage = 16 MiB; goal = 42 MiB = 44040192; ⌊440401.92⌋·3 = 1321203
      'mapped memory over the limit: the overage comes off too',
      { memoryLimit: 64 * MiB, mappedReady: 80 * MiB, heapFree: 4 * MiB, heapAlloc: 70 * MiB, heapMarked: 0 },
      44040192 - 1321203,
    ],
    [
      // nonHeap = 20−0−10 = 10 MiB ≥ 8 MiB → heapMarked
      'non-heap memory alone reaches the limit: heapMarked',
      { memoryLimit: 8 * MiB, mappedReady: 20 * MiB, heapFree: 0, heapAlloc: 10 * MiB, heapMarked: 5 * MiB },
      5 * MiB,
    ],
    [
      // nonHeap = 2 MiB; goal = 62 MiB = 65011712 − ⌊650117.12⌋·3 = 63061361 < heapMarked 64 MiB
      'never below the live heap',
      {
        memoryLimit: 64 * MiB,
        mappedReady: 40 * MiB,
        heapFree: 0,
        heapAlloc: 38 * MiB,
        heapMarked: 64 * MiB,
      },
      64 * MiB,
    ],
    [
      // limit 0: nonHeap + overage ≥ 0 → heapMarked
      'a zero limit',
      { memoryLimit: 0, mappedReady: MiB, heapFree: 0, heapAlloc: MiB, heapMarked: 12345 },
      12345,
    ],
  ]
  it.each(cases)('%s', (_name, inputs, want) => {
    expect(memoryLimitHeapGoal(inputs)).toBe(want)
  })
})

describe('the scavenger’s memory-limit goal (gcPaceScavenger)', () => {
  it('is 95% of the limit, truncated, from Go 1.22; Go 1.21 multiplies by 95', () => {
    // 268435456 × 0.95 = 255013683.2 → 255013683; 100 × 0.95 = 95
    expect(scavengeMemoryLimitGoal(256 * MiB, '1.22')).toBe(255013683)
    expect(scavengeMemoryLimitGoal(256 * MiB, '1.27')).toBe(255013683)
    expect(scavengeMemoryLimitGoal(100, '1.27')).toBe(95)
    // Go 1.21: 268435456 × 95 = 25501368320
    expect(scavengeMemoryLimitGoal(256 * MiB, '1.21')).toBe(25501368320)
  })
})

describe('the heap goal of a Runtime with a memory limit', () => {
  it('fresh: only the mcache chunk is non-heap memory', () => {
    const rt = new Runtime({ gogc: 'off', memoryLimit: 64 * MiB, heapBase: 'fixed' })
    const g = rt.snapshot().gc
    // mappedReady = one 16 KiB fixalloc chunk of mcaches = 16384; goal = 67108864 − 16384 =
    // 67092480; ⌊670924.8⌋·3 = 2012772 → 65079708
    expect(g.mappedReady).toBe(16384)
    expect(g.memoryLimitHeapGoal).toBe(65079708)
    expect(g.heapGoal).toBe(65079708)
    expect(g.gcPercentHeapGoal).toBe(Infinity)
    expect(rt.readMemStats().nextGC).toBe(65079708)
  })

  it('after one 64 KiB object: arena metadata and the mspan chunk count as non-heap', () => {
    const rt = new Runtime({ gogc: 'off', memoryLimit: 64 * MiB, heapBase: 'fixed' })
    rt.malloc(65536, noscan)
    const g = rt.snapshot().gc
    // mappedReady = 65536 (span) + 16384 (mcache chunk) + 16384 (mspan chunk: 64 structs × 160 B)
    // + 68624 (one heapArena record) = 166928; heapAlloc = 65536 → nonHeap 101392;
    // goal = 67108864 − 101392 = 67007472; ⌊670074.72⌋·3 = 2010222 → 64997250
    expect(g.mappedReady).toBe(166928)
    expect(g.memoryLimitHeapGoal).toBe(64997250)
    const ms = rt.readMemStats()
    expect(ms.sys - ms.heapReleased).toBe(166928) // Go's identity: mappedReady = Sys − HeapReleased
  })

  it('with GOGC on, the smaller goal wins', () => {
    // GOGC 100 before any GC: 4 MiB. A 2 MiB limit: 2097152 − 16384 = 2080768; 3% = 62421 <
    // 1 MiB; 2080768 − 1048576 = 1032192 < 1 MiB → the goal is the headroom, 1048576.
    const rt = new Runtime({ gogc: 100, memoryLimit: 2 * MiB })
    expect(rt.snapshot().gc.heapGoal).toBe(1048576)
    expect(rt.setMemoryLimit('off')).toBe(2 * MiB)
    expect(rt.snapshot().gc.heapGoal).toBe(4 * MiB)
    expect(rt.snapshot().gc.memoryLimitHeapGoal).toBe(null)
  })
})

describe('collections under the limit', () => {
  /** 1 GiB of 64 KiB garbage, each object dropped at once. */
  function churn(rt: Runtime, n = 16384): void {
    for (let i = 0; i < n; i++) rt.drop(rt.malloc(65536, noscan))
  }

  it('with GOGC=off the limit alone starts collections (none without it)', () => {
    const off = new Runtime({ gogc: 'off' })
    churn(off)
    expect(off.readMemStats().numGC).toBe(0)
    const rt = new Runtime({ gogc: 'off', memoryLimit: 64 * MiB })
    churn(rt)
    const ms = rt.readMemStats()
    // Each cycle starts when heapLive reaches a goal just under 0.97 × 64 MiB ≈ 65.0 MB and
    // begins at ≈ 0 (nothing survives): 2^30 / 65.0e6 ≈ 16.5 → 16 complete cycles.
    expect(ms.numGC).toBe(16)
    expect(ms.sys - ms.heapReleased).toBeLessThanOrEqual(64 * MiB)
  })

  it('with a live heap, the limit makes GOGC=100 collect more often and release memory', () => {
    const run = (memoryLimit: number | 'off') => {
      const rt = new Runtime({ gogc: 100, memoryLimit })
      const live: number[] = []
      for (let i = 0; i < 40 * 16; i++) live.push(rt.malloc(65536, noscan)) // 40 MiB kept
      churn(rt, 8192)
      return rt.readMemStats()
    }
    const without = run('off')
    const withLimit = run(64 * MiB)
    // GOGC=100 with 40 MiB live: goal 80 MiB → 512 MiB / 40 MiB ≈ 12 cycles; the limit's goal
    // ≈ 0.97 × 64 MiB ≈ 62 MiB: 512 MiB / 22 MiB ≈ 23 cycles.
    expect(withLimit.numGC).toBeGreaterThan(without.numGC + 8)
    expect(withLimit.sys - withLimit.heapReleased).toBeLessThanOrEqual(64 * MiB)
    expect(without.sys - without.heapReleased).toBeGreaterThan(64 * MiB)
    expect(withLimit.heapReleased).toBeGreaterThan(without.heapReleased)
  })

  it('a live heap above the limit: the goal is heapMarked, every trigger test collects', () => {
    const rt = new Runtime({ gogc: 'off', memoryLimit: 4 * MiB })
    const live: number[] = []
    for (let i = 0; i < 96; i++) live.push(rt.malloc(65536, noscan)) // 6 MiB kept
    const before = rt.readMemStats().numGC
    for (let i = 0; i < 10; i++) rt.malloc(65536, noscan)
    // Each large malloc is a trigger test with heapLive ≥ heapMarked = the goal (Go's trigger()
    // returns goal, goal when heapMarked ≥ goal): ten more collections.
    expect(rt.readMemStats().numGC - before).toBe(10)
    const g = rt.snapshot().gc
    expect(g.heapGoal).toBe(g.heapMarked)
  })
})

describe('the scavenger under the limit', () => {
  it('background: releases down to 95% of the limit (1.22+); not on 1.21', () => {
    for (const goVersion of ['1.21', '1.27'] as GoVersion[]) {
      const rt = new Runtime({ goVersion, gogc: 'off', memoryLimit: 256 * MiB })
      const objs: number[] = []
      for (let i = 0; i < 244; i++) objs.push(rt.malloc(MiB, noscan)) // under the ≈ 260 MB goal
      expect(rt.readMemStats().numGC).toBe(0)
      for (const a of objs) rt.drop(a)
      rt.gc() // every page free but backed; paces the scavenger
      const g = rt.snapshot().gc
      const mapped = g.mappedReady
      expect(mapped).toBeGreaterThan(244 * MiB)
      if (goVersion === '1.21') {
        expect(g.scavengeLimitGoal).toBe(null) // 95 × the limit: never below mappedReady
        expect(rt.background(100).released).toBe(0)
        continue
      }
      // 268435456 × 0.95 = 255013683.2 → 255013683; mappedReady is above it
      expect(g.scavengeLimitGoal).toBe(255013683)
      const over = mapped - 255013683
      // 64 KiB steps while over, the last one rounded up to 8 KiB pages
      const want = Math.floor(over / 65536) * 65536 + Math.ceil((over % 65536) / 8192) * 8192
      expect(rt.background(1000).released).toBe(want)
      expect(rt.snapshot().gc.mappedReady).toBe(mapped - want)
      expect(rt.snapshot().gc.mappedReady).toBeLessThanOrEqual(255013683)
      checkHeap(rt)
    }
  })

  it('allocSpan releases what would take mapped memory past a lowered limit (every version)', () => {
    for (const goVersion of goVersions) {
      const rt = new Runtime({ goVersion, gogc: 'off' })
      const objs: number[] = []
      for (let i = 0; i < 40; i++) objs.push(rt.malloc(MiB, noscan))
      for (const a of objs) rt.drop(a)
      rt.gc() // 40 MiB free, backed
      const m0 = rt.snapshot().gc.mappedReady
      expect(rt.setMemoryLimit(24 * MiB)).toBe('off')
      // The first-fit span reuses backed pages (scav = 0): Go's allocSpan scavenges
      // scav + mappedReady − limit = m0 − 24 MiB, in whole 8 KiB pages here.
      rt.malloc(MiB, noscan)
      const g = rt.snapshot().gc
      expect(g.assistReleased).toBe(Math.ceil((m0 - 24 * MiB) / 8192) * 8192)
      expect(g.mappedReady).toBeLessThanOrEqual(24 * MiB)
      checkHeap(rt)
    }
  })
})

describe('the scavenger’s goal ratio uses the goal the cycle ran to (Go’s endCycle)', () => {
  it('after setGCPercent between two cycles', () => {
    const rt = new Runtime({ gogc: 100 })
    const objs: number[] = []
    for (let i = 0; i < 300; i++) objs.push(rt.malloc(8192, noscan)) // 300 one-page spans
    rt.gc() // marked 2457600 → goal 4915200
    for (let i = 30; i < 300; i++) rt.drop(objs[i])
    expect(rt.setGCPercent(50)).toBe(100) // goal now max(2457600 × 1.5, 2 MiB) = 3686400
    rt.gc()
    // lastHeapGoal = 3686400 (the goal as the mark ended, under GOGC 50 — not 4915200, the goal
    // set at the previous cycle's end); new goal max(245760 × 1.5, 2 MiB) = 2097152;
    // lastHeapInUse = 2457600 (before this cycle's sweep):
    // ⌊2457600 × 2097152/3686400⌋ = 1398101; + ⌊1398101/10⌋ = 1537911; → 4096: 1540096.
    // Retained 2457600 is above it, so the goal stands.
    expect(rt.snapshot().gc.scavengeGoal).toBe(1540096)
  })
})

describe('memoryLimit option and setMemoryLimit: bad input', () => {
  const bad: [unknown, ErrorConstructor, RegExp][] = [
    [-1, RangeError, /^memoryLimit must be a non-negative integer number of bytes .*or 'off', got -1$/],
    [1.5, RangeError, /^memoryLimit must be .*, got 1\.5$/],
    [2 ** 53, RangeError, /^memoryLimit must be .*at most 2\^53 − 1.*, got 9007199254740992$/],
    [NaN, RangeError, /^memoryLimit must be .*, got NaN$/],
    [
      '64MiB',
      TypeError,
      /^memoryLimit must be a non-negative integer number of bytes or 'off', got "64MiB"$/,
    ],
    [null, TypeError, /^memoryLimit must be .*, got null$/],
    [64n, TypeError, /^memoryLimit must be /],
  ]
  // (An option given as undefined or null means its default, as for every Runtime option.)
  it.each(bad.filter(([v]) => v !== null))('new Runtime({ memoryLimit: %s }) throws', (v, type, msg) => {
    expect(() => new Runtime({ memoryLimit: v as number })).toThrow(type)
    expect(() => new Runtime({ memoryLimit: v as number })).toThrow(msg)
  })
  it.each(bad)('setMemoryLimit(%s) throws and changes nothing', (v, type, msg) => {
    const rt = new Runtime({ gogc: 100, memoryLimit: 32 * MiB })
    for (let i = 0; i < 100; i++) rt.malloc(1000, noscan)
    const before = rt.snapshot()
    expect(() => rt.setMemoryLimit(v as number)).toThrow(type)
    expect(() => rt.setMemoryLimit(v as number)).toThrow(msg)
    expect(rt.snapshot()).toEqual(before)
  })
  it('accepts 0 and off; returns the previous setting', () => {
    const rt = new Runtime()
    expect(rt.snapshot().gc.memoryLimit).toBe('off')
    expect(rt.setMemoryLimit(0)).toBe('off')
    expect(rt.setMemoryLimit(MiB)).toBe(0)
    expect(rt.setMemoryLimit('off')).toBe(MiB)
    expect(rt.snapshot().gc.memoryLimit).toBe('off')
  })
})

type Op =
  | { kind: 'malloc'; size: number; keep: boolean }
  | { kind: 'dropOldest' }
  | { kind: 'gc' }
  | { kind: 'setLimit'; mib: number }
  | { kind: 'background'; n: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.record({
      kind: fc.constant('malloc' as const),
      size: fc.oneof(
        fc.integer({ min: 1, max: 32768 }),
        fc.integer({ min: 1, max: 32 }).map((k) => k * 65536 + 8), // large: 64 KiB … 2 MiB
      ),
      keep: fc.boolean(),
    }),
  },
  { weight: 4, arbitrary: fc.constant({ kind: 'dropOldest' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'gc' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('setLimit' as const), mib: fc.integer({ min: 4, max: 64 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('background' as const), n: fc.integer({ min: 1, max: 20 }) }),
  },
)

describe('property: checkHeap after every step with a memory limit, every version', () => {
  for (const goVersion of goVersions)
    it(`goVersion ${goVersion}`, () => {
      let sawGC = 0 // runs where the limit started a collection / allocSpan released memory
      let sawAssist = 0
      fc.assert(
        fc.property(
          fc.integer({ min: 4, max: 48 }),
          fc.constantFrom(100 as const, 'off' as const),
          fc.array(opArb, { minLength: 20, maxLength: 150 }),
          (mib, gogc, ops) => {
            const rt = new Runtime({ goVersion, gogc, memoryLimit: mib * MiB })
            const kept: number[] = []
            let limit = mib * MiB
            for (const op of ops) {
              if (op.kind === 'malloc') {
                const a = rt.malloc(op.size, { noscan: op.size % 2 === 0, p: 0 })
                if (op.keep) kept.push(a)
                else rt.drop(a)
              } else if (op.kind === 'dropOldest') {
                const a = kept.shift()
                if (a !== undefined) rt.drop(a)
              } else if (op.kind === 'gc') rt.gc()
              else if (op.kind === 'setLimit') {
                expect(rt.setMemoryLimit(op.mib * MiB)).toBe(limit)
                limit = op.mib * MiB
              } else rt.background(op.n)
              checkHeap(rt)
              const g = rt.snapshot().gc
              const ms = rt.readMemStats()
              expect(g.mappedReady).toBe(ms.sys - ms.heapReleased)
              // After a large malloc (always a new span), Go's allocSpan has released what paging
              // the span in would put over the limit: mapped memory is under it — plus metadata
              // the span may have added (a heapArena record, a 16 KiB mspan chunk) — unless no
              // free backed page was left to release (but those of a P's page cache, ≤ 64 pages).
              if (op.kind === 'malloc' && op.size > 32768 && g.mappedReady > limit + 68624 + 16384)
                expect(ms.heapIdle - ms.heapReleased).toBeLessThanOrEqual(64 * 8192)
              expect(g.heapGoal).toBeGreaterThanOrEqual(g.heapMarked)
            }
            const g = rt.snapshot().gc
            if (g.numGC > rt.readMemStats().numForcedGC) sawGC++
            if (g.assistReleased > 0) sawAssist++
          },
        ),
        { numRuns: 25, seed: 27 },
      )
      // The runs went where the limit matters.
      expect(sawGC).toBeGreaterThan(5)
      expect(sawAssist).toBeGreaterThan(0)
    })
})

describe('time travel with a memory limit', () => {
  it('seek(n) gives the state of a fresh replay (limit, goals, scavenger released)', () => {
    const options = { gogc: 'off' as const, memoryLimit: 8 * MiB }
    const tl = new Timeline(options, { checkpointEvery: 8 })
    const ops: TimelineOp[] = []
    for (let i = 0; i < 120; i++) {
      const op: TimelineOp = { op: 'malloc', size: 65536 + (i % 7) * 8192, noscan: true, p: 0 }
      const a = tl.apply(op) as number
      ops.push(op)
      if (i % 3 !== 0) {
        const d: TimelineOp = { op: 'drop', addr: a }
        tl.apply(d)
        ops.push(d)
      }
    }
    expect(tl.runtime.snapshot().gc.numGC).toBeGreaterThan(0)
    for (const n of [0, 17, 90, ops.length - 1, 40]) {
      tl.seek(n)
      const fresh = new Timeline(options, { checkpointEvery: 1_000_000 })
      for (const o of ops.slice(0, n)) fresh.apply(o)
      expect(tl.runtime.snapshot()).toEqual(fresh.runtime.snapshot())
      checkHeap(tl.runtime)
    }
  })
})
