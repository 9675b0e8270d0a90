// The gctrace parser on lines in Go 1.27's and older formats (runtime/mgc.go's print), the GOGC the
// goals imply, and the replay on the simulator checked against Go's pacing rule, with and without a
// soft memory limit (the memory-limit goal worked out by hand from Go's heapGoal).
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readFileSync } from 'node:fs'
import { Runtime } from '@go-alloc/core'
import {
  gctraceModel,
  impliedGogc,
  maxReplayCycles,
  parseGctrace,
  replay,
  segmentsOf,
  type GcCycle,
} from '../../site/tools/gctrace.ts'

const line127 =
  'gc 3 @0.012s 2%: 0.011+1.2+0.020 ms clock, 0.045+0.30/1.0/2.1+0.081 ms cpu, 4->5->1 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 8 P'
// Go 1.17 and earlier: no stacks or globals.
const line117 =
  'gc 12 @3.456s 1%: 0.025+2.5+0.003 ms clock, 0.20+0.15/4.1/9.8+0.024 ms cpu, 40->41->20 MB, 42 MB goal, 8 P (forced)'

describe('parseGctrace', () => {
  it('reads every field of a Go 1.27 line', () => {
    const p = parseGctrace(line127)
    expect(p.issues).toEqual([])
    expect(p.cycles[0]).toEqual({
      line: 1,
      n: 3,
      at: 0.012,
      cpuPercent: 2,
      clock: [0.011, 1.2, 0.02],
      heapStart: 4,
      heapEnd: 5,
      live: 1,
      goal: 5,
      stacks: 0,
      globals: 0,
      procs: 8,
      forced: false,
    })
  })

  it('reads the older format without stacks and globals, and (forced)', () => {
    const c = parseGctrace(line117).cycles[0]
    expect(c).toMatchObject({
      n: 12,
      at: 3.456,
      heapStart: 40,
      heapEnd: 41,
      live: 20,
      goal: 42,
      stacks: null,
      globals: null,
      procs: 8,
      forced: true,
    })
  })

  it('reads the goroutine-leak note Go 1.27 may print after the percentage', () => {
    const c = parseGctrace(line127.replace('2%:', '2% (checking for goroutine leaks):')).cycles[0]
    expect(c.n).toBe(3)
  })

  it('skips other lines and reports a broken gc line with its column', () => {
    const text = `program output\nGC forced\n${line127}\ngc 4 @0.020s 2%: 0.01+1.2+0.02 ms clock, 0.05+0.3/1.0/2.1+0.08 ms cpu, 4->5 MB, 5 MB goal, 8 P\n`
    const p = parseGctrace(text)
    expect(p.cycles).toHaveLength(1)
    expect(p.skipped).toBe(2)
    expect(p.issues).toHaveLength(1)
    const col = 'gc 4 @0.020s 2%: 0.01+1.2+0.02 ms clock, 0.05+0.3/1.0/2.1+0.08 ms cpu, 4->5'.length + 1
    expect(p.issues[0]).toMatchObject({ line: 4, column: col })
    expect(p.issues[0].message).toMatch(/expected "->"/)
  })

  it('never throws on random or truncated text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(line127.length), (junk, cut) => {
        for (const text of [junk, 'gc 1' + junk, line127.slice(0, cut), line127.slice(0, cut) + junk]) {
          const p = parseGctrace(text)
          const lines = text.split('\n').length
          for (const i of p.issues) {
            expect(i.line).toBeGreaterThanOrEqual(1)
            expect(i.line).toBeLessThanOrEqual(lines)
            expect(i.column).toBeGreaterThanOrEqual(1)
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})

function cyc(
  n: number,
  heapStart: number,
  heapEnd: number,
  live: number,
  goal: number,
  stacks = 0,
  globals = 0,
): GcCycle {
  return {
    line: n,
    n,
    at: n,
    cpuPercent: 1,
    clock: [0, 0, 0],
    heapStart,
    heapEnd,
    live,
    goal,
    stacks,
    globals,
    procs: 1,
    forced: false,
  }
}

describe('impliedGogc and segments', () => {
  it('inverts goal = live + (live + stacks + globals) × GOGC/100', () => {
    // GOGC=50: live 100, stacks 4, globals 6 → goal 100 + 110 × 0.5 = 155.
    const cs = [
      cyc(1, 50, 60, 100, 80, 4, 6),
      cyc(2, 150, 155, 100, 155, 4, 6),
      cyc(3, 150, 155, 100, 155, 4, 6),
    ]
    expect(impliedGogc(cs)).toBe(50)
  })

  it('reads the 4 MB × GOGC/100 floor when the live heap is small', () => {
    expect(impliedGogc([cyc(1, 4, 4, 0, 8), cyc(2, 8, 8, 1, 8), cyc(3, 8, 8, 1, 8)])).toBe(200)
  })

  it('turns cycles into allocation segments', () => {
    const MB = 1 << 20
    expect(segmentsOf([cyc(1, 4, 5, 1, 4), cyc(2, 6, 7, 2, 6)])).toEqual([
      { alloc: 5 * MB, live: 1 * MB }, // 4 before the first cycle, 1 during it
      { alloc: 6 * MB, live: 2 * MB }, // 6 − 1 between, 1 during
    ])
  })
})

describe('replay', () => {
  it('with nothing live, collects every 4 MiB × GOGC/100 (the pacer floor)', () => {
    const MB = 1 << 20
    const segs = [{ alloc: 64 * MB, live: 0 }]
    // Go: heapMinimum = 4 MiB × GOGC/100, so 64 MiB of garbage triggers 16 cycles at GOGC=100, 8 at 200.
    const r100 = replay(segs, 100, '1.27')
    const r200 = replay(segs, 200, '1.27')
    expect(Math.abs(r100.cycles - 16)).toBeLessThanOrEqual(1)
    expect(Math.abs(r200.cycles - 8)).toBeLessThanOrEqual(1)
    expect(r100.peakHeap).toBeLessThanOrEqual(4 * MB + 64 * 1024)
    expect(r200.peakHeap).toBeGreaterThan(7 * MB)
  })

  it('with a live heap L, each cycle starts near L × (1 + GOGC/100)', () => {
    const MB = 1 << 20
    const segs = Array.from({ length: 6 }, () => ({ alloc: 40 * MB, live: 20 * MB }))
    const r = replay(segs, 100, '1.27')
    // The first cycles ramp up from the 4 MiB floor (4, 8, 16, 32 MiB) until the live heap is 20 MiB.
    const later = r.starts.slice(4)
    expect(later.length).toBeGreaterThanOrEqual(5)
    for (const s of later) {
      expect(s).toBeGreaterThan(38 * MB)
      expect(s).toBeLessThan(42 * MB)
    }
  })
})

describe('replay under a memory limit (GOMEMLIMIT)', () => {
  const MB = 1 << 20
  // 8 MiB live, 256 MiB allocated in all: 4096 B objects (256 MiB / 1 KiB would pass 150 000 objects).
  const segs = Array.from({ length: 8 }, () => ({ alloc: 32 * MB, live: 8 * MB }))

  it('GOGC=off and no limit: no collection, the heap holds everything allocated', () => {
    const r = replay([{ alloc: 64 * MB, live: 0 }], 'off', '1.27')
    expect(r.cycles).toBe(0)
    expect(r.objectSize).toBe(1024) // 65 536 objects of 1 KiB fit under the 150 000 cap
    expect(r.peakHeap).toBe(64 * MB)
    expect(r.peakMapped).toBeGreaterThanOrEqual(64 * MB)
    expect(r.thrashed).toBe(false)
  })

  it('a limit far above the peak changes nothing', () => {
    const off = replay(segs, 100, '1.27')
    const far = replay(segs, 100, '1.27', 1024 * MB)
    expect(far.memoryLimit).toBe(1024 * MB)
    expect(off.memoryLimit).toBe('off')
    expect(far.starts).toEqual(off.starts)
    expect({ ...far, memoryLimit: 'off' }).toEqual(off)
  })

  it('GOGC=off with a 32 MiB limit collects when the heap reaches limit minus 3 % headroom', () => {
    // Hand count: the memory-limit goal is 32 MiB − 3 % = 31.04 MiB less the simulator's non-heap
    // memory (metadata, partly filled spans), which is under 1 MiB here: goal in (30.04, 31.04].
    // The first cycle comes at the goal, each later one after goal − 8 MiB more (8 MiB stays live):
    // 1 + ⌊(256 − 31.04) / 23.04⌋ = 10 up to 1 + ⌊(256 − 30.04) / 22.04⌋ = 11 cycles.
    const r = replay(segs, 'off', '1.27', 32 * MB)
    expect(r.cycles).toBeGreaterThanOrEqual(10)
    expect(r.cycles).toBeLessThanOrEqual(11)
    for (const s of r.starts) {
      expect(s).toBeLessThanOrEqual(31.04 * MB)
      expect(s).toBeGreaterThan(30.04 * MB)
    }
    expect(r.peakMapped).toBeLessThanOrEqual(32 * MB)
    expect(r.peakMapped).toBeGreaterThan(30 * MB)
    expect(r.thrashed).toBe(false)
  })

  it('a tight limit under GOGC=100 collects more often and keeps mapped memory near the limit', () => {
    // GOGC=100 alone: goal 16 MiB with 8 MiB live, 8 MiB of garbage per cycle, about 256 / 8 = 32
    // cycles. A 12 MiB limit: goal = 12 − 1 MiB headroom (3 % is under the 1 MiB floor) less under
    // 1 MiB of non-heap memory, in (10, 11] MiB: 2 to 3 MiB of garbage per cycle after two cycles
    // at the 4 MiB floor and 8 MiB, so 2 + (256 − 11) / 3 ≈ 84 up to 2 + (256 − 10) / 2 = 125 cycles.
    const base = replay(segs, 100, '1.27')
    const r = replay(segs, 100, '1.27', 12 * MB)
    expect(Math.abs(base.cycles - 32)).toBeLessThanOrEqual(3)
    expect(r.cycles).toBeGreaterThan(2 * base.cycles)
    expect(r.cycles).toBeGreaterThanOrEqual(84)
    expect(r.cycles).toBeLessThanOrEqual(125)
    expect(r.peakHeap).toBeLessThanOrEqual(11 * MB)
    expect(r.peakMapped).toBeLessThanOrEqual(12 * MB)
    expect(r.peakMapped).toBeGreaterThan(10.5 * MB)
  })

  it('a live heap above the limit stops the replay after maxReplayCycles collections', () => {
    const big = Array.from({ length: 4 }, () => ({ alloc: 40 * MB, live: 24 * MB }))
    const r = replay(big, 'off', '1.27', 16 * MB)
    expect(r.thrashed).toBe(true)
    expect(r.cycles).toBe(maxReplayCycles + 1)
    expect(r.segments).toBeLessThan(big.length)
  })

  it('peak mapped memory is what the snapshot reports', () => {
    // rt.mappedReady() (what the replay reads after every malloc) against the snapshot's figure.
    const rt = new Runtime({ goVersion: '1.27', gogc: 'off', memoryLimit: 16 * MB, heapBase: 'fixed' })
    for (let i = 0; i < 6000; i++) {
      const a = rt.malloc(4096, { noscan: true })
      if (i % 3) rt.drop(a)
      if (i % 500 === 0) expect(rt.mappedReady()).toBe(rt.snapshot().gc.mappedReady)
    }
    expect(rt.snapshot().gc.numGC).toBeGreaterThan(0)
    expect(rt.mappedReady()).toBe(rt.snapshot().gc.mappedReady)
  })

  it('the model replays the trace twice: the implied GOGC without a limit, the compared setting with it', () => {
    const text = readFileSync(new URL('../../site/tools/examples/gctrace.txt', import.meta.url), 'utf8')
    const p = parseGctrace(text)
    const m = gctraceModel(p, { gogc: 'off', memoryLimit: 64 * MB }, '1.27')
    expect(m.base!.memoryLimit).toBe('off')
    expect(m.base!.gogc).toBe(m.impliedGogc)
    expect(m.other).toMatchObject({ gogc: 'off', memoryLimit: 64 * MB, thrashed: false })
    expect(m.other!.peakMapped).toBeLessThanOrEqual(64 * MB)
    // The same allocation with no collection at all would hold every byte allocated.
    expect(m.other!.peakHeap).toBeLessThan(m.totalAlloc)
    // A plain GOGC still works as before.
    expect(gctraceModel(p, 200, '1.27').other).toMatchObject({ gogc: 200, memoryLimit: 'off' })
  })
})
