// Time travel: cloneRuntime gives an independent copy that behaves exactly like the original,
// and a Timeline restores the state after any step — compared against a fresh Runtime that
// replays the same operations from scratch (the definition of "the state after step n").
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { zeroBits } from '../../packages/core/src/mspan.ts'
import { spanFieldsMatch } from '../../packages/core/src/graphwalk.ts'
import {
  Runtime,
  Timeline,
  checkHeap,
  cloneRuntime,
  type RuntimeOptions,
  type TimelineOp,
  type TraceEvent,
} from '@go-alloc/core'

type MallocOp = Extract<TimelineOp, { op: 'malloc' }>

/** A Runtime with a bit of everything: tiny blocks, small spans on two Ps, a large span, a flush. */
function populated(): Runtime {
  const rt = new Runtime({ gomaxprocs: 2 })
  for (let i = 0; i < 300; i++) rt.malloc(1 + ((i * 37) % 700), { noscan: i % 3 === 0, p: i % 2 })
  rt.malloc(5, { noscan: true })
  rt.malloc(100_000)
  rt.readMemStats()
  rt.malloc(24, { p: 1 })
  return rt
}

/** What continuing on a runtime gives: the addresses of a fixed mix of mallocs, then the state. */
function continueOn(rt: Runtime): unknown {
  const addrs: number[] = []
  for (let i = 0; i < 200; i++)
    addrs.push(rt.malloc([8, 3, 24, 700, 33_000, 5000][i % 6], { noscan: i % 4 === 1, p: i % rt.gomaxprocs }))
  return { addrs, snapshot: rt.snapshot(), memstats: rt.readMemStats(), counters: rt.readCounters() }
}

function replayFresh(options: RuntimeOptions, ops: MallocOp[]): Runtime {
  const rt = new Runtime(options)
  for (const o of ops) rt.malloc(o.size, { noscan: o.noscan, p: o.p })
  return rt
}

describe('cloneRuntime', () => {
  it('copies the whole state: the copy continues exactly like the original', () => {
    const a = populated()
    const b = cloneRuntime(a)
    expect(b).toBeInstanceOf(Runtime)
    expect(b).not.toBe(a)
    expect(b.snapshot()).toEqual(a.snapshot())
    checkHeap(b)
    expect(continueOn(b)).toEqual(continueOn(a))
    checkHeap(b)
  })

  it('shares no mutable object, array, Map, Set or buffer with the original', () => {
    const a = populated()
    const b = cloneRuntime(a)
    const fromA = new Set<unknown>()
    const walk = (v: unknown, into: (x: object) => boolean): void => {
      if (typeof v !== 'object' || v === null || !into(v)) return
      if (ArrayBuffer.isView(v)) return
      if (v instanceof Map) for (const [k, x] of v) (walk(k, into), walk(x, into))
      else if (v instanceof Set) for (const x of v) walk(x, into)
      else for (const x of Object.values(v)) walk(x, into)
    }
    walk(a, (x) => {
      if (fromA.has(x)) return false
      fromA.add(x)
      if (ArrayBuffer.isView(x)) fromA.add(x.buffer)
      return true
    })
    const sharedWith: unknown[] = []
    const seenB = new Set<unknown>()
    const emptySpan = a.allp[0].mcache.alloc[0] // the emptymspan sentinel, shared on purpose
    walk(b, (x) => {
      if (seenB.has(x)) return false
      seenB.add(x)
      const isSentinel =
        x === emptySpan || x === emptySpan.allocBits || x === emptySpan.gcmarkBits || x === zeroBits
      if (!isSentinel && (fromA.has(x) || (ArrayBuffer.isView(x) && fromA.has(x.buffer)))) sharedWith.push(x)
      return true
    })
    expect(sharedWith).toEqual([])
  })

  it('is independent both ways: changing one leaves the other as it was', () => {
    const a = populated()
    const before = a.snapshot()
    const b = cloneRuntime(a)
    continueOn(b)
    expect(a.snapshot()).toEqual(before)
    const c = cloneRuntime(a)
    const cBefore = c.snapshot()
    continueOn(a)
    expect(c.snapshot()).toEqual(cBefore)
    checkHeap(a)
    checkHeap(c)
  })

  it('keeps bit arrays apart even when they share a 64 KiB gcBits buffer', () => {
    const a = new Runtime({ gogc: 'off', heapBase: 'fixed' })
    a.malloc(24, { noscan: true }) // two spans whose root bits are carved from one module buffer
    a.malloc(64, { noscan: true })
    a.gc() // and mark bits, carved the same way
    const b = cloneRuntime(a)
    const [sa, sa2] = [a.mheap_.spanOfHeap(0xc000000000)!, a.mheap_.spanOfHeap(0xc000002000)!]
    const [sb, sb2] = [b.mheap_.spanOfHeap(0xc000000000)!, b.mheap_.spanOfHeap(0xc000002000)!]
    expect(sa.rootBits.buffer).toBe(sa2.rootBits.buffer)
    expect(sb.rootBits.buffer).not.toBe(sa.rootBits.buffer)
    expect(sb.rootBits.byteOffset).toBe(sa.rootBits.byteOffset)
    sb.rootBits[1] = 0xff
    expect(sa.rootBits[1]).toBe(0)
    expect(sb.rootBits.buffer).toBe(sb2.rootBits.buffer) // sharing inside the copy is kept
    expect(sb.allocBits).not.toBe(sa.allocBits) // the swept bitmaps (former mark bits) too
    expect(sb.allocBits.buffer).not.toBe(sa.allocBits.buffer)
  })

  it('starts with no subscribers, and the original keeps its own', () => {
    const a = new Runtime()
    const seen: TraceEvent[] = []
    a.subscribe((e) => seen.push(e))
    const b = cloneRuntime(a)
    b.malloc(24)
    expect(seen).toEqual([])
    a.malloc(24)
    expect(seen.at(-1)).toMatchObject({ type: 'malloc', addr: b.snapshot().spans[0].base })
  })

  it('refuses what it cannot copy faithfully', () => {
    expect(() => cloneRuntime({} as Runtime)).toThrow(TypeError)
    expect(() => cloneRuntime(null as unknown as Runtime)).toThrow(/rt must be a Runtime/)
    const rt = new Runtime()
    ;(rt as unknown as { extra: unknown }).extra = { active: () => false }
    expect(() => cloneRuntime(rt)).toThrow(/cannot copy the function at property 'active'/)
  })
})

const sizeArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 1024 }) },
  { weight: 3, arbitrary: fc.integer({ min: 1025, max: 32768 }) },
  { weight: 1, arbitrary: fc.integer({ min: 32769, max: 40000 }) },
)
const opsArb = (gomaxprocs: number): fc.Arbitrary<MallocOp[]> =>
  fc.array(
    fc.record({
      op: fc.constant('malloc' as const),
      size: sizeArb,
      noscan: fc.boolean(),
      p: fc.integer({ min: 0, max: gomaxprocs - 1 }),
    }),
    { minLength: 1, maxLength: 400 },
  )

describe('Timeline', () => {
  it('seek(n) gives the state of a fresh Runtime replayed to step n (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('1.21' as const, '1.22' as const),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 2, max: 5 }),
        fc.context(),
        (gomaxprocs, goVersion, every, maxCheckpoints, ctx) => {
          const options = { gomaxprocs, goVersion }
          return fc.assert(
            fc.property(
              opsArb(gomaxprocs),
              fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
              (ops, seeks) => {
                const tl = new Timeline(options, { checkpointEvery: every, maxCheckpoints })
                const direct = new Runtime(options)
                for (const o of ops) {
                  const want = direct.malloc(o.size, { noscan: o.noscan, p: o.p })
                  expect(tl.apply(o)).toBe(want)
                }
                expect(tl.step).toBe(ops.length)
                expect(tl.runtime.snapshot()).toEqual(direct.snapshot())
                expect(tl.checkpointInfo().steps.length).toBeLessThanOrEqual(maxCheckpoints)
                for (const s of seeks) {
                  const n = s % (ops.length + 1)
                  ctx.log(`seek(${n}) of ${ops.length}`)
                  tl.seek(n)
                  expect(tl.step).toBe(n)
                  const fresh = replayFresh(options, ops.slice(0, n))
                  expect(tl.runtime.snapshot()).toEqual(fresh.snapshot())
                  expect(tl.readMemStats()).toEqual(fresh.readMemStats())
                  checkHeap(tl.runtime)
                }
                // and what comes next is the same too (on a copy, so the timeline stays usable)
                const fresh = replayFresh(options, ops.slice(0, tl.step))
                expect(continueOn(cloneRuntime(tl.runtime))).toEqual(continueOn(fresh))
              },
            ),
            { numRuns: 4 },
          )
        },
      ),
      { numRuns: 12 },
    )
  })

  it('with GC ops (drop, writePointer, gc, freeOSMemory) seek matches a fresh replay (property)', () => {
    type Step = { kind: number; a: number; b: number; size: number }
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.integer({ min: 0, max: 9 }),
            a: fc.nat(),
            b: fc.nat(),
            size: fc.integer({ min: 1, max: 40_000 }),
          }),
          { minLength: 10, maxLength: 200 },
        ),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        (steps: Step[], seeks) => {
          const options = { gomaxprocs: 2, gogc: 25 }
          const tl = new Timeline(options, { checkpointEvery: 16 })
          const direct = new Runtime(options)
          const roots: number[] = []
          const ops: TimelineOp[] = []
          for (const st of steps) {
            let op: TimelineOp
            if (st.kind < 5 || roots.length === 0)
              op = { op: 'malloc', size: st.size, noscan: st.size % 3 === 0, p: st.a % 2 }
            else if (st.kind < 7) op = { op: 'drop', addr: roots.splice(st.a % roots.length, 1)[0] }
            else if (st.kind < 9) {
              const from = roots[st.a % roots.length]
              if (direct.spanOf(from)?.noscan !== false) continue
              op = { op: 'writePointer', obj: from, offset: 0, target: roots[st.b % roots.length] }
            } else op = st.a % 2 === 0 ? { op: 'gc' } : { op: 'freeOSMemory' }
            const { op: name, ...args } = op as { op: string } & Record<string, unknown>
            const fn = (direct as unknown as Record<string, (...x: unknown[]) => unknown>)[name]
            const argv =
              name === 'malloc'
                ? [args.size, { noscan: args.noscan, p: args.p }]
                : name === 'drop'
                  ? [args.addr]
                  : name === 'writePointer'
                    ? [args.obj, args.offset, args.target]
                    : []
            const want = fn.apply(direct, argv)
            expect(tl.apply(op)).toEqual(want)
            if (name === 'malloc' && typeof want === 'number' && want !== 0) roots.push(want)
            ops.push(op)
          }
          expect(tl.runtime.snapshot()).toEqual(direct.snapshot())
          for (const s of seeks) {
            const n = s % (ops.length + 1)
            tl.seek(n)
            const fresh = new Timeline(options, { checkpointEvery: 1_000_000 })
            for (const o of ops.slice(0, n)) fresh.apply(o)
            expect(tl.runtime.snapshot()).toEqual(fresh.runtime.snapshot())
            checkHeap(tl.runtime)
          }
        },
      ),
      { numRuns: 25 },
    )
  })

  it('back/forward walk the recorded steps; results and ops are recorded as plain data', () => {
    const tl = new Timeline({ gomaxprocs: 2 }, { checkpointEvery: 4 })
    const ops: MallocOp[] = Array.from({ length: 30 }, (_, i) => ({
      op: 'malloc',
      size: [16, 8, 3000, 40000, 0][i % 5],
      noscan: i % 2 === 0,
      p: i % 2,
    }))
    const results = ops.map((o) => tl.apply(o))
    expect(tl.ops).toEqual(ops)
    expect(tl.results).toEqual(results)
    expect(structuredClone(tl.ops)).toEqual(ops)
    const at = (n: number) => replayFresh({ gomaxprocs: 2 }, ops.slice(0, n)).snapshot()
    expect(tl.back(7).step).toBe(23)
    expect(tl.runtime.snapshot()).toEqual(at(23))
    expect(tl.back().step).toBe(22)
    expect(tl.forward(3).step).toBe(25)
    expect(tl.runtime.snapshot()).toEqual(at(25))
    expect(tl.seek(30).runtime.snapshot()).toEqual(at(30))
    expect(tl.seek(0).runtime.snapshot()).toEqual(new Runtime({ gomaxprocs: 2 }).snapshot())
    expect(tl.length).toBe(30)
  })

  it('applying after going back discards the future (branching)', () => {
    const tl = new Timeline(undefined, { checkpointEvery: 3 })
    for (let i = 0; i < 20; i++) tl.malloc(100 + i)
    tl.seek(8)
    const a = tl.malloc(5000, { noscan: true })
    expect([tl.step, tl.length]).toEqual([9, 9])
    expect(tl.checkpointInfo().steps.every((s) => s <= 9)).toBe(true)
    const fresh = new Runtime()
    for (let i = 0; i < 8; i++) fresh.malloc(100 + i)
    expect(fresh.malloc(5000, { noscan: true })).toBe(a)
    expect(tl.runtime.snapshot()).toEqual(fresh.snapshot())
    tl.seek(2)
    tl.seek(9)
    expect(tl.runtime.snapshot()).toEqual(fresh.snapshot())
  })

  it('keeps the Runtime object and its subscribers across seeks, silent while replaying', () => {
    const rt = new Runtime()
    const events: TraceEvent[] = []
    rt.subscribe((e) => events.push(e))
    const tl = new Timeline(rt, { checkpointEvery: 5 })
    for (let i = 0; i < 12; i++) tl.malloc(64)
    const n = events.length
    tl.back(9).forward(4)
    expect(tl.runtime).toBe(rt)
    expect(events.length).toBe(n)
    tl.malloc(64)
    expect(events.at(-1)).toMatchObject({ type: 'malloc', size: 64 })
  })

  it('thins old checkpoints past maxCheckpoints, keeping step 0 and the recent ones', () => {
    const tl = new Timeline(undefined, { checkpointEvery: 2, maxCheckpoints: 6 })
    for (let i = 0; i < 60; i++) tl.malloc(48)
    const { steps } = tl.checkpointInfo()
    expect(steps.length).toBeLessThanOrEqual(6)
    expect(steps[0]).toBe(0)
    expect(steps.at(-1)).toBe(60)
    expect(steps).toEqual([...steps].sort((x, y) => x - y))
    tl.seek(1)
    expect(tl.runtime.snapshot()).toEqual(
      replayFresh({}, Array(1).fill({ op: 'malloc', size: 48 })).snapshot(),
    )
  })

  it('keeps within the checkpoint byte budget (at least step 0 and the newest)', () => {
    const tl = new Timeline(undefined, { checkpointEvery: 3, maxCheckpointBytes: 0 })
    const ops: MallocOp[] = []
    for (let i = 0; i < 40; i++) ops.push({ op: 'malloc', size: 1 + ((i * 997) % 20000) })
    for (const o of ops) tl.apply(o)
    const info = tl.checkpointInfo()
    expect(info.steps).toEqual([0, 39])
    expect(info.approxBytes).toBeGreaterThan(0)
    for (const n of [38, 5, 40, 39, 0]) {
      tl.seek(n)
      expect(tl.runtime.snapshot()).toEqual(replayFresh({}, ops.slice(0, n)).snapshot())
    }
  })

  it('a failing op records nothing and changes nothing', () => {
    const tl = new Timeline({ heapLimit: 1 << 20 }, { checkpointEvery: 2 })
    for (let i = 0; i < 5; i++) tl.malloc(1000)
    tl.seek(3)
    const before = tl.runtime.snapshot()
    expect(() => tl.malloc(2 << 20)).toThrow(/^runtime: out of memory/)
    expect(() => tl.apply({ op: 'malloc', size: -1 })).toThrow(RangeError)
    expect(() => tl.apply({ op: 'malloc', size: 8, p: 3 })).toThrow(/opts\.p/)
    expect([tl.step, tl.length]).toEqual([3, 5])
    expect(tl.runtime.snapshot()).toEqual(before)
    checkHeap(tl.runtime)
  })

  it.each([
    [() => new Timeline().seek(-1), RangeError, /^n must be an integer step from 0 to 0, got -1/],
    [() => new Timeline().seek(1.5), RangeError, /^n must be/],
    [() => new Timeline().seek(1), RangeError, /^n must be an integer step from 0 to 0, got 1/],
    [() => new Timeline().seek('2' as unknown as number), TypeError, /^n must be/],
    [() => new Timeline().seek(Number.NaN), RangeError, /^n must be/],
    [() => new Timeline().back(1), RangeError, /^k must be/],
    [() => new Timeline().forward(-1), RangeError, /^k must be/],
    [() => new Timeline(undefined, { checkpointEvery: 0 }), RangeError, /^options\.checkpointEvery/],
    [() => new Timeline(undefined, { maxCheckpoints: 1 }), RangeError, /^options\.maxCheckpoints/],
    [() => new Timeline(undefined, { maxCheckpointBytes: -1 }), RangeError, /^options\.maxCheckpointBytes/],
    [() => new Timeline(undefined, 5 as never), TypeError, /^options must be an object/],
    [() => new Timeline({ gomaxprocs: 0 }), RangeError, /^gomaxprocs/],
  ])('rejects bad arguments (%#)', (f, kind, msg) => {
    expect(f).toThrow(kind)
    expect(f).toThrow(msg)
  })

  it.each([
    [null, TypeError, /^op must be an object/],
    [[], TypeError, /^op must be an object/],
    [{ size: 8 }, TypeError, /^op\.op must be one of 'malloc', 'drop'/],
    [{ op: 'free', addr: 1 }, RangeError, /^op\.op must be one of .*got "free"/],
    [{ op: 'toString' }, RangeError, /^op\.op must be one of/],
  ])('rejects unknown ops, state unchanged (%o)', (op, kind, msg) => {
    const tl = new Timeline()
    tl.malloc(24)
    const before = tl.runtime.snapshot()
    expect(() => tl.apply(op as unknown as TimelineOp)).toThrow(kind)
    expect(() => tl.apply(op as unknown as TimelineOp)).toThrow(msg)
    expect([tl.step, tl.length]).toEqual([1, 1])
    expect(tl.runtime.snapshot()).toEqual(before)
  })

  it('dispatches ops by Runtime method name, and says when the Runtime lacks one', () => {
    const tl = new Timeline()
    for (const name of ['drop', 'writePointer', 'gc', 'freeOSMemory'] as const) {
      if (typeof (tl.runtime as unknown as Record<string, unknown>)[name] === 'function') continue
      expect(() => tl.apply({ op: name } as TimelineOp)).toThrow(TypeError)
      expect(() => tl.apply({ op: name } as TimelineOp)).toThrow(`needs Runtime.${name}()`)
    }
    expect(tl.length).toBe(0)
    const ms = tl.apply({ op: 'readMemStats' }) as { mallocs: number }
    expect(ms.mallocs).toBe(0)
    expect(tl.ops).toEqual([{ op: 'readMemStats' }])
  })

  it('notices changes made behind its back and refuses to record on top of them', () => {
    const tl = new Timeline()
    tl.malloc(5, { noscan: true })
    tl.runtime.readMemStats() // flushes the mcache: the tiny block is dropped
    expect(() => tl.malloc(5, { noscan: true })).toThrow(/changed outside the timeline/)
    tl.seek(1) // restores the recorded state
    const fresh = new Runtime()
    fresh.malloc(5, { noscan: true })
    expect(tl.malloc(5, { noscan: true })).toBe(fresh.malloc(5, { noscan: true }))
    expect(tl.readMemStats()).toEqual(cloneRuntime(fresh).readMemStats())
    expect(tl.runtime.snapshot()).toEqual(fresh.snapshot()) // readMemStats() above changed nothing
  })
})

describe('Timeline restores in place', () => {
  type Step = { kind: number; a: number; b: number; size: number }
  const stepArb = fc.record({
    kind: fc.integer({ min: 0, max: 9 }),
    a: fc.nat(),
    b: fc.nat(),
    size: fc.integer({ min: 1, max: 40_000 }),
  })
  const options = { gomaxprocs: 2, gogc: 25 }

  /** Valid ops with GC work in them (drops, pointers, cycles), from a Runtime that runs them. */
  function gcOps(steps: Step[]): TimelineOp[] {
    const rt = new Runtime(options)
    const roots: number[] = []
    const ops: TimelineOp[] = []
    for (const st of steps) {
      let op: TimelineOp
      if (st.kind < 5 || roots.length === 0) {
        op = { op: 'malloc', size: st.size, noscan: st.size % 3 === 0, p: st.a % 2 }
        const addr = rt.malloc(op.size, { noscan: op.noscan, p: op.p })
        if (addr !== 0) roots.push(addr)
      } else if (st.kind < 7) {
        op = { op: 'drop', addr: roots.splice(st.a % roots.length, 1)[0] }
        rt.drop(op.addr)
      } else if (st.kind < 9) {
        const from = roots[st.a % roots.length]
        if (rt.spanOf(from)?.noscan !== false) continue
        op = { op: 'writePointer', obj: from, offset: 0, target: roots[st.b % roots.length] }
        rt.writePointer(op.obj, op.offset, op.target)
      } else if (st.a % 2 === 0) {
        op = { op: 'gc' }
        rt.gc()
      } else {
        op = { op: 'freeOSMemory' }
        rt.freeOSMemory()
      }
      ops.push(op)
    }
    return ops
  }

  function fresh(ops: TimelineOp[]): Runtime {
    const tl = new Timeline(options, { checkpointEvery: 1_000_000 })
    for (const o of ops) tl.apply(o)
    return tl.runtime
  }

  it('two timelines seeking in turn each match a fresh replay, and continue like it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 20, maxLength: 160 }),
        fc.array(stepArb, { minLength: 20, maxLength: 160 }),
        fc.array(fc.tuple(fc.boolean(), fc.nat()), { minLength: 2, maxLength: 8 }),
        (s1, s2, seeks) => {
          const ops = [gcOps(s1), gcOps(s2)]
          // both carve their bitmaps from the same module-level gcBits buffers
          const tls = ops.map(() => new Timeline(options, { checkpointEvery: 8 }))
          for (let i = 0; i < Math.max(ops[0].length, ops[1].length); i++)
            for (const j of [0, 1]) if (i < ops[j].length) tls[j].apply(ops[j][i])
          for (const [which, s] of seeks) {
            const j = which ? 1 : 0
            const n = s % (ops[j].length + 1)
            tls[j].seek(n)
            expect(tls[j].runtime.snapshot()).toEqual(fresh(ops[j].slice(0, n)).snapshot())
            checkHeap(tls[j].runtime)
          }
          for (const j of [0, 1]) {
            const want = fresh(ops[j].slice(0, tls[j].step))
            expect(tls[j].runtime.snapshot()).toEqual(want.snapshot())
            expect(continueOn(cloneRuntime(tls[j].runtime))).toEqual(continueOn(want))
          }
        },
      ),
      { numRuns: 20 },
    )
  })

  it('never lets the runtime share an object or a buffer with a checkpoint', () => {
    const ops = gcOps(
      Array.from({ length: 300 }, (_, i) => ({
        kind: (i * 7) % 10,
        a: i * 13,
        b: i * 29,
        size: 1 + ((i * 977) % 20_000),
      })),
    )
    const tl = new Timeline(options, { checkpointEvery: 25 })
    for (const o of ops) tl.apply(o)
    const emptySpan = tl.runtime.allp[0].mcache.alloc[0]
    const sentinels = new Set<unknown>([emptySpan, emptySpan.allocBits, emptySpan.gcmarkBits, zeroBits])
    const reach = (root: unknown): Set<unknown> => {
      const out = new Set<unknown>()
      const stack = [root]
      while (stack.length > 0) {
        const v = stack.pop()
        if (typeof v !== 'object' || v === null || out.has(v) || sentinels.has(v)) continue
        out.add(v)
        if (ArrayBuffer.isView(v)) out.add(v.buffer)
        else if (v instanceof Map) for (const [k, x] of v) stack.push(k, x)
        else if (v instanceof Set) for (const x of v) stack.push(x)
        else for (const x of Object.values(v)) stack.push(x)
      }
      return out
    }
    const check = (tl: Timeline, seeks: number[]): void => {
      const checkpoints = (tl as unknown as { checkpoints: { rt: Runtime }[] }).checkpoints
      for (const n of seeks) {
        tl.seek(n)
        const live = reach(tl.runtime)
        for (const c of checkpoints)
          for (const x of reach(c.rt)) if (x !== c.rt) expect(live.has(x)).toBe(false)
      }
    }
    check(tl, [ops.length - 30, 40, ops.length - 3, 0, 170, 60])
    // restoring into a runtime that lacks what the checkpoint has (a second arena): new objects
    const big = new Timeline({ ...options, heapBase: 'fixed' }, { checkpointEvery: 2 })
    for (const size of [24, 5000, 30 << 20, 30 << 20, 30 << 20, 8]) big.malloc(size)
    check(big, [1, 5, 0, 2, 6])
    expect(big.runtime.mheap_.arenas.size).toBe(2)
  })

  it('keeps aliasing views aliased (the careful path for state whose views share bytes)', () => {
    const rt = new Runtime({ gomaxprocs: 2 })
    const words = new Uint32Array([1, 2, 3, 4])
    // extra state a later feature might add: one view held twice, and a second view over its bytes
    const extra = { a: words, b: words, bytes: new Uint8Array(words.buffer, 4, 8) }
    Object.assign(rt, { extra })
    const tl = new Timeline(rt, { checkpointEvery: 3 })
    const ops: MallocOp[] = Array.from({ length: 20 }, (_, i) => ({ op: 'malloc', size: 8 + i * 50 }))
    for (const o of ops) tl.apply(o)
    for (const n of [4, 17, 2, 20, 9]) {
      tl.seek(n)
      expect(tl.runtime.snapshot()).toEqual(replayFresh({ gomaxprocs: 2 }, ops.slice(0, n)).snapshot())
      const e = (tl.runtime as unknown as { extra: typeof extra }).extra
      expect(e.a).toBe(e.b)
      expect([...e.a]).toEqual([1, 2, 3, 4])
      expect(e.bytes.buffer).toBe(e.a.buffer)
      expect(e.a.buffer).not.toBe(words.buffer)
      e.bytes[0] = 9 // still one memory: the word view sees it
      expect(e.a[1]).toBe(9)
      e.bytes[0] = 2
    }
  })

  it('copies spans field by field (MSpan still has the fields the fast path knows)', () => {
    expect(spanFieldsMatch).toBe(true)
  })
})
