// The heap's life after malloc: drop, writePointer, gc, sweeping, the scavenger, freeOSMemory.
//
// Scenario tables with expectations worked out by hand from Go's rules, and a property test that
// keeps its own model of the program's object graph (what is referenced, what points where) and
// checks the runtime against it: no reachable object is ever freed, every unreachable one is
// gone after a full collection, MemStats agree with the model — with checkHeap after every step.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Runtime, checkHeap, OutOfMemoryError, type GoVersion, type RuntimeOptions } from '@go-alloc/core'

const MiB = 1 << 20

/** Set bits in a hex string. */
function popcount(hexs: string): number {
  let n = 0
  for (const ch of hexs) for (let v = parseInt(ch, 16); v; v &= v - 1) n++
  return n
}

function allocated(rt: Runtime, addr: number): boolean {
  const s = rt.spanOf(addr)
  if (s === null) return false
  // Through the public snapshot: the span's allocation state after the last sweep.
  const snap = rt.snapshot()
  const span = snap.spans.find((x) => x.base === s.base)
  if (span === undefined) return false
  const i = Math.floor((addr - s.base) / s.elemsize)
  return i < span.freeindex || ((span.allocBits[i >>> 3] >>> (i & 7)) & 1) === 1
}

describe('drop and gc: what is freed', () => {
  it('an object nobody references is freed by the next gc; referenced ones stay', () => {
    const rt = new Runtime({ gogc: 'off' })
    const keep = rt.malloc(48, { noscan: true })
    const lose = rt.malloc(48, { noscan: true })
    rt.drop(lose)
    expect(allocated(rt, lose)).toBe(true) // dropped is not freed: only a GC frees
    const before = rt.readMemStats()
    const r = rt.gc()
    checkHeap(rt)
    const after = rt.readMemStats()
    expect(r.markedObjects).toBe(1)
    expect(r.markedBytes).toBe(48)
    expect(allocated(rt, keep)).toBe(true)
    expect(allocated(rt, lose)).toBe(false)
    expect(after.frees - before.frees).toBe(1)
    expect(after.heapObjects).toBe(1)
    expect(after.heapAlloc).toBe(48)
    expect(after.numGC).toBe(1)
    expect(after.numForcedGC).toBe(1)
    expect(after.bySize[5].frees).toBe(1) // class 5 = 48 bytes
  })

  it('pointers keep objects alive; a cycle with no root is collected', () => {
    const rt = new Runtime({ gogc: 'off' })
    const root = rt.malloc(32)
    const child = rt.malloc(32)
    const grandchild = rt.malloc(1000) // 1.22: header, pointer words at 0..1000-8
    rt.writePointer(root, 8, child)
    rt.writePointer(child, 0, grandchild + 500) // interior pointer
    rt.drop(child)
    rt.drop(grandchild)
    const a = rt.malloc(64)
    const b = rt.malloc(64)
    rt.writePointer(a, 0, b)
    rt.writePointer(b, 0, a)
    rt.drop(a)
    rt.drop(b)
    rt.gc()
    checkHeap(rt)
    expect([root, child, grandchild].map((x) => allocated(rt, x))).toEqual([true, true, true])
    expect(allocated(rt, a)).toBe(false)
    expect(allocated(rt, b)).toBe(false)
    expect(rt.readPointer(root, 8)).toBe(child)
    // Cut the chain: clearing the pointer frees child and grandchild at the next GC.
    rt.writePointer(root, 8, 0)
    rt.gc()
    checkHeap(rt)
    expect(allocated(rt, child)).toBe(false)
    expect(allocated(rt, grandchild)).toBe(false)
    expect(rt.readMemStats().heapObjects).toBe(1)
  })

  it('a tiny block stays while any tiny object in it is referenced', () => {
    const rt = new Runtime({ gogc: 'off' })
    const x = rt.malloc(4, { noscan: true })
    const y = rt.malloc(4, { noscan: true })
    const z = rt.malloc(8, { noscan: true })
    expect(y - x).toBe(4)
    expect(z - x).toBe(8) // one 16-byte block
    rt.drop(x)
    rt.drop(z)
    rt.gc()
    expect(allocated(rt, x)).toBe(true) // y keeps the block
    expect(rt.readMemStats().heapObjects).toBe(1)
    expect(() => rt.drop(x)).toThrow(RangeError) // x itself is gone from the program
    rt.drop(y)
    rt.gc()
    checkHeap(rt)
    expect(allocated(rt, x)).toBe(false)
    expect(rt.readMemStats().heapObjects).toBe(0)
  })

  it('a large object is freed with its span, and its pages return to the heap', () => {
    const rt = new Runtime({ gogc: 'off' })
    const big = rt.malloc(100_000) // 13 pages
    const m1 = rt.readMemStats()
    rt.drop(big)
    rt.gc()
    checkHeap(rt)
    const m2 = rt.readMemStats()
    expect(rt.spanOf(big)).toBeNull()
    expect(m1.heapInuse - m2.heapInuse).toBe(13 * 8192)
    expect(m2.frees - m1.frees).toBe(1)
    expect(m2.bySize[0].frees).toBe(0) // as in Go, large objects are not in BySize
    // The next large allocation of that size reuses the freed pages (address-ordered first fit).
    expect(rt.malloc(100_000)).toBe(big)
  })

  it('a freed slot is reused in address order after the sweep, and starts with no pointers', () => {
    const rt = new Runtime({ gogc: 'off' })
    const objs = Array.from({ length: 10 }, () => rt.malloc(64))
    rt.writePointer(objs[3], 0, objs[9])
    rt.drop(objs[3])
    rt.drop(objs[6])
    rt.gc()
    rt.readMemStats() // flush: the span goes back to mcentral's partial swept set
    expect(rt.malloc(64)).toBe(objs[3])
    expect(rt.readPointer(objs[3], 0)).toBe(0)
    expect(rt.malloc(64)).toBe(objs[6])
    checkHeap(rt)
  })
})

describe('GOGC: collections start by themselves at the heap goal', () => {
  it('with gogc 100 the first GC comes when the heap reaches 4 MiB; off means never', () => {
    for (const gogc of [100, 'off'] as const) {
      const rt = new Runtime({ gogc })
      let n = 0
      while (rt.readMemStats().numGC === 0 && n < 200_000) {
        rt.drop(rt.malloc(1024, { noscan: true }))
        n++
      }
      if (gogc === 'off') {
        expect(rt.readMemStats().numGC).toBe(0)
        expect(rt.readMemStats().nextGC).toBe(Infinity)
      } else {
        // 4 MiB of 1 KiB objects, within one span (8 objects) of the goal.
        expect(n * 1024).toBeGreaterThanOrEqual(4 * MiB - 8192)
        expect(n * 1024).toBeLessThanOrEqual(4 * MiB + 8192)
        const m = rt.readMemStats()
        expect(m.numForcedGC).toBe(0)
        expect(m.nextGC).toBe(4 * MiB) // nothing was live: the 4 MiB minimum
      }
      checkHeap(rt)
    }
  })

  it('the goal is live heap × (1 + GOGC/100) once that is above the minimum', () => {
    const rt = new Runtime({ gogc: 50 })
    const live: number[] = []
    for (let i = 0; i < 1000; i++) live.push(rt.malloc(32 * 1024, { noscan: true })) // 32 MiB live
    rt.gc()
    const m = rt.readMemStats()
    expect(m.heapAlloc).toBe(1000 * 32768)
    expect(m.nextGC).toBe(Math.floor(1000 * 32768 * 1.5))
    expect(rt.setGCPercent(200)).toBe(50)
    expect(rt.readMemStats().nextGC).toBe(1000 * 32768 * 3)
    expect(rt.setGCPercent('off')).toBe(200)
    checkHeap(rt)
    expect(live.length).toBe(1000)
  })

  it('after a triggered GC sweeping is lazy: spans are swept as allocation needs them', () => {
    const rt = new Runtime({ gogc: 100 })
    const events: string[] = []
    rt.subscribe((e) => {
      if (e.type === 'gcStart' || e.type === 'sweepDone') events.push(e.type)
    })
    while (rt.readMemStats().numGC === 0) rt.drop(rt.malloc(512))
    const k1 = rt.readCounters()
    expect(events).toEqual(['gcStart'])
    // Unswept spans remain; allocating more sweeps them (cacheSpan, background, credit).
    const snap = rt.snapshot()
    expect(snap.spans.some((s) => s.sweepgen === snap.sweepgen - 2)).toBe(true)
    for (let i = 0; i < 20_000; i++) rt.drop(rt.malloc(512))
    const k2 = rt.readCounters()
    expect(k2.spansSwept).toBeGreaterThan(k1.spansSwept)
    checkHeap(rt)
  })
})

describe('giving memory back', () => {
  it('freeOSMemory releases every free page except those in the calling P’s page cache', () => {
    const rt = new Runtime({ gogc: 'off' })
    const objs: number[] = []
    for (let i = 0; i < 4000; i++) objs.push(rt.malloc(4096, { noscan: true })) // ~16 MiB
    for (let i = 0; i < objs.length; i++) if (i % 4 !== 0) rt.drop(objs[i])
    const k0 = rt.readCounters().os
    const r = rt.freeOSMemory()
    checkHeap(rt)
    const m = rt.readMemStats()
    const snap = rt.snapshot()
    const pc = snap.ps[0].pcache
    const cached = pc.pages - popcount(pc.scav)
    expect(r.released).toBeGreaterThan(0)
    expect(m.heapReleased + cached * 8192).toBe(m.heapIdle)
    const k1 = rt.readCounters().os
    expect(k1.unusedBytes - k0.unusedBytes).toBe(r.released)
    expect(k1.unusedCalls).toBeGreaterThan(k0.unusedCalls)
    // Memory handed back is faulted in again (sysUsed) when a span needs it.
    const used0 = k1.usedBytes
    for (let i = 0; i < 3000; i++) rt.malloc(4096, { noscan: true })
    expect(rt.readCounters().os.usedBytes).toBeGreaterThan(used0)
    checkHeap(rt)
  })

  it('the background scavenger releases in 64 KiB steps down to ~110% of the goal', () => {
    const rt = new Runtime({ gogc: 100 })
    const live: number[] = []
    // Grow to ~40 MiB, mostly garbage, then shrink the live heap and collect twice.
    for (let i = 0; i < 5000; i++) live.push(rt.malloc(8192, { noscan: true }))
    rt.gc()
    for (let i = 0; i < live.length; i++) if (i % 10 !== 0) rt.drop(live[i])
    rt.gc()
    rt.gc()
    const before = rt.readMemStats()
    const steps: number[] = []
    rt.subscribe((e) => {
      if (e.type === 'sysUnused') steps.push(e.bytes)
    })
    const r = rt.background(10_000)
    const after = rt.readMemStats()
    expect(r.released).toBeGreaterThan(0)
    for (const b of steps) expect(b).toBeLessThanOrEqual(64 * 1024)
    expect(after.heapReleased - before.heapReleased).toBe(r.released)
    // Retained = HeapInuse + free backed pages ends within one step of the goal.
    const retained = after.heapInuse + (after.heapIdle - after.heapReleased)
    const goal = rt.snapshot().gc.scavengeGoal
    expect(goal).not.toBeNull()
    expect(retained).toBeLessThanOrEqual(goal! + 64 * 1024)
    checkHeap(rt)
  })
})

describe('bad input changes nothing', () => {
  const cases: [string, (rt: Runtime, o: { p: number; q: number; n: number }) => unknown, RegExp][] = [
    ['drop(-1)', (rt) => rt.drop(-1), /addr must be a non-negative integer/],
    ['drop("x")', (rt) => rt.drop('x' as unknown as number), /addr must be/],
    ['drop(unknown address)', (rt) => rt.drop(0x1000), /addr 0x1000 is not inside an in-use span/],
    ['drop twice', (rt, o) => (rt.drop(o.q), rt.drop(o.q)), /not referenced|not the address/],
    ['drop(interior)', (rt, o) => rt.drop(o.p + 8), /not its start/],
    ['writePointer into noscan', (rt, o) => rt.writePointer(o.n, 0, o.p), /noscan object/],
    ['writePointer unaligned', (rt, o) => rt.writePointer(o.p, 4, o.q), /multiple of 8/],
    ['writePointer outside', (rt, o) => rt.writePointer(o.p, 64, o.q), /outside obj/],
    [
      'writePointer bad target',
      (rt, o) => rt.writePointer(o.p, 0, 0x1234),
      /target 0x1234 is not inside a live object/,
    ],
    ['writePointer NaN offset', (rt, o) => rt.writePointer(o.p, NaN, o.q), /offset must be/],
    ['setGCPercent(-5)', (rt) => rt.setGCPercent(-5), /gogc must be an integer/],
    ['background(1.5)', (rt) => rt.background(1.5), /n must be a non-negative integer/],
  ]
  for (const [name, call, msg] of cases) {
    it(name, () => {
      const rt = new Runtime({ gogc: 'off' })
      const p = rt.malloc(64)
      const q = rt.malloc(64)
      const n = rt.malloc(64, { noscan: true })
      if (name === 'drop twice') rt.drop(q)
      const before = rt.snapshot()
      expect(() => call(rt, { p, q, n })).toThrow(msg)
      expect(rt.snapshot()).toEqual(before)
    })
  }
  it('gogc option is validated', () => {
    expect(() => new Runtime({ gogc: -1 })).toThrow(
      /gogc must be an integer from 0 to 1000000 or 'off', got -1/,
    )
    expect(() => new Runtime({ gogc: 'on' as unknown as number })).toThrow(TypeError)
  })
  it('out of memory while garbage awaits sweeping: the sweep makes room, or nothing changes', () => {
    const rt = new Runtime({ gogc: 'off', heapLimit: 8 * MiB })
    const objs: number[] = []
    try {
      for (;;) objs.push(rt.malloc(64 * 1024, { noscan: true }))
    } catch (e) {
      expect(e).toBeInstanceOf(OutOfMemoryError)
    }
    const n = objs.length
    expect(n).toBe((8 * MiB) / (64 * 1024)) // the limit holds exactly 128 eight-page spans
    for (const o of objs.slice(0, 10)) rt.drop(o)
    // Mark, but leave sweeping to allocation: a heap-triggered style cycle.
    rt.gc({ sweep: 'lazy' }) // a heap-triggered cycle: sweeping is left to allocation
    expect(rt.snapshot().gc.sweepActive).toBe(true)
    for (let i = 0; i < 10; i++) expect(() => rt.malloc(64 * 1024, { noscan: true })).not.toThrow()
    const before = rt.snapshot()
    expect(() => rt.malloc(64 * 1024, { noscan: true })).toThrow(/^runtime: out of memory/)
    expect(rt.snapshot()).toEqual(before)
    checkHeap(rt)
  })
})

// ---- the model-based property test -------------------------------------------------------

type Op =
  | { kind: 'malloc'; size: number; noscan: boolean; p: number }
  | { kind: 'drop'; pick: number }
  | { kind: 'write'; from: number; word: number; to: number; interior: number; nil: boolean }
  | { kind: 'gc' }
  | { kind: 'gcLazy' }
  | { kind: 'freeOSMemory' }
  | { kind: 'background'; n: number }

const sizeArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 15 }) },
  { weight: 5, arbitrary: fc.integer({ min: 16, max: 1024 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1025, max: 40_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 40_001, max: 200_000 }) },
)

const opArb = (gomaxprocs: number): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc.record({
        kind: fc.constant('malloc' as const),
        size: sizeArb,
        noscan: fc.boolean(),
        p: fc.integer({ min: 0, max: gomaxprocs - 1 }),
      }),
    },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }) },
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('write' as const),
        from: fc.nat(),
        word: fc.nat(),
        to: fc.nat(),
        interior: fc.nat(),
        nil: fc.boolean(),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'gc' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'gcLazy' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'freeOSMemory' as const }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('background' as const), n: fc.integer({ min: 1, max: 20 }) }),
    },
  )

interface Obj {
  addr: number
  size: number
  noscan: boolean
  /** Slot base: the unit the collector frees (a tiny block holds several objects). */
  slot: number
  elemsize: number
  rooted: boolean
  ptrs: Map<number, number>
}

function runModel(
  goVersion: GoVersion,
  gomaxprocs: number,
  gogc: number | 'off',
  ops: Op[],
  extra: RuntimeOptions = {},
): { reclaims: number; pagesReclaimed: number } {
  const rt = new Runtime({ goVersion, gomaxprocs, gogc, ...extra })
  let objs: Obj[] = []
  const slotOf = (addr: number): { slot: number; elemsize: number } => {
    const s = rt.spanOf(addr)!
    const i = Math.floor((addr - s.base) / s.elemsize)
    return { slot: s.base + i * s.elemsize, elemsize: s.elemsize }
  }
  /** Objects reachable from the roots through the model's pointers, by slot. */
  const reachableSlots = (): Set<number> => {
    const bySlot = new Map<number, Obj[]>()
    for (const o of objs) bySlot.set(o.slot, [...(bySlot.get(o.slot) ?? []), o])
    const seen = new Set<number>()
    const stack = objs.filter((o) => o.rooted).map((o) => o.slot)
    while (stack.length > 0) {
      const slot = stack.pop()!
      if (seen.has(slot)) continue
      seen.add(slot)
      for (const o of bySlot.get(slot) ?? []) for (const t of o.ptrs.values()) stack.push(slotOf(t).slot)
    }
    return seen
  }
  const liveObjs = (): Obj[] => {
    const r = reachableSlots()
    return objs.filter((o) => r.has(o.slot))
  }
  const ptrWords = (o: Obj): number => {
    const s = rt.spanOf(o.addr)!
    if (s.sizeclass === 0) return Math.floor(o.size / 8)
    return Math.floor((o.slot + s.elemsize - o.addr) / 8)
  }
  for (const op of ops) {
    if (op.kind === 'malloc') {
      let a: number
      try {
        a = rt.malloc(op.size, { noscan: op.noscan, p: op.p })
      } catch (e) {
        if (e instanceof OutOfMemoryError) continue
        throw e
      }
      const { slot, elemsize } = slotOf(a)
      // The new slot must not overlap an object the model still reaches (a tiny object may
      // share a reachable block), and whatever unreachable objects it overlaps were freed.
      const live = liveObjs()
      const overlaps = (o: Obj): boolean => o.slot < slot + elemsize && slot < o.slot + o.elemsize
      if (live.some((o) => overlaps(o) && !(o.slot === slot && op.noscan && op.size < 16)))
        throw new Error(`malloc returned ${a.toString(16)}, overlapping a reachable object`)
      objs = objs.filter((o) => !overlaps(o) || live.includes(o))
      objs.push({ addr: a, size: op.size, noscan: op.noscan, slot, elemsize, rooted: true, ptrs: new Map() })
    } else if (op.kind === 'drop') {
      const roots = objs.filter((o) => o.rooted)
      if (roots.length === 0) continue
      const o = roots[op.pick % roots.length]
      rt.drop(o.addr)
      o.rooted = false
    } else if (op.kind === 'write') {
      const live = liveObjs()
      const scan = live.filter((o) => !o.noscan && ptrWords(o) > 0)
      if (scan.length === 0) continue
      const from = scan[op.from % scan.length]
      const off = (op.word % ptrWords(from)) * 8
      if (op.nil || live.length === 0) {
        rt.writePointer(from.addr, off, 0)
        from.ptrs.delete(off)
      } else {
        const to = live[op.to % live.length]
        const target = to.addr + (op.interior % Math.max(1, to.size))
        rt.writePointer(from.addr, off, target)
        from.ptrs.set(off, target)
      }
    } else if (op.kind === 'gc' || op.kind === 'freeOSMemory') {
      // Each P's current tiny block survives the cycle whatever it holds (gcMarkTinyAllocs).
      const tinyBlocks = rt.snapshot().ps.map((p) => p.mcache.tiny)
      if (op.kind === 'gc') rt.gc()
      else rt.freeOSMemory()
      // After a full collection exactly the reachable slots (and those tiny blocks) are allocated.
      const reach = reachableSlots()
      for (const t of tinyBlocks) if (t !== 0) reach.add(t)
      for (const o of objs)
        expect(allocated(rt, o.addr), `object ${o.addr.toString(16)}`).toBe(reach.has(o.slot))
      objs = objs.filter((o) => reach.has(o.slot))
      const m = rt.readMemStats()
      const slots = new Map<number, number>()
      for (const o of objs)
        slots.set(
          o.slot,
          o.size > 32760 || o.elemsize > 32768 ? rt.spanOf(o.addr)!.npages * 8192 : o.elemsize,
        )
      expect(m.heapObjects).toBe(slots.size)
      expect(m.heapAlloc).toBe([...slots.values()].reduce((a, b) => a + b, 0))
      expect(m.mallocs - m.frees).toBe(m.heapObjects)
    } else if (op.kind === 'gcLazy') {
      // A cycle like one the heap's growth starts: sweeping is left to allocation (cacheSpan,
      // the page reclaimer in mheap.alloc) and the background sweeper.
      rt.gc({ sweep: 'lazy' })
    } else {
      rt.background(op.n)
    }
    // Never: a reachable object freed.
    for (const o of liveObjs()) expect(allocated(rt, o.addr), `live ${o.addr.toString(16)} freed`).toBe(true)
    checkHeap(rt)
  }
  return { reclaims: rt.counters.reclaims, pagesReclaimed: rt.counters.pagesReclaimed }
}

describe('model-based: random malloc/drop/writePointer/gc sequences', () => {
  for (const [goVersion, gogc, extra] of [
    ['1.27', 'off', {}],
    ['1.27', 100, {}],
    ['1.26', 50, { greenTea: false }],
    ['1.25', 50, { greenTea: true }],
    ['1.24', 100, {}],
    ['1.22', 'off', {}],
    ['1.22', 100, {}],
    ['1.21', 10, {}],
    ['1.22', 0, {}],
    ['1.22', 50, { layout: 'legacy' }],
    ['1.27', 50, { cache: 'shared' }],
  ] as const) {
    it(`goVersion ${goVersion}, gogc ${gogc}, 1–3 Ps ${JSON.stringify(extra)}`, () => {
      // GOGC=0 collects at every span refill: fewer, shorter runs keep the test quick.
      let reclaims = 0
      let pagesReclaimed = 0
      fc.assert(
        fc.property(
          fc
            .integer({ min: 1, max: 3 })
            .chain((n) => fc.tuple(fc.constant(n), fc.array(opArb(n), { minLength: 20, maxLength: 150 }))),
          ([n, ops]) => {
            const r = runModel(goVersion, n, gogc, gogc === 0 ? ops.slice(0, 60) : ops, extra)
            reclaims += r.reclaims
            pagesReclaimed += r.pagesReclaimed
          },
        ),
        { numRuns: gogc === 0 ? 15 : 30 },
      )
      // The page reclaimer ran along the way (the 'legacy' layout has none).
      if ('layout' in extra) expect(reclaims).toBe(0)
      else expect(reclaims).toBeGreaterThan(0)
      reclaimedTotal += pagesReclaimed
    })
  }
  it('the page reclaimer gave pages back to the heap in those runs', () => {
    expect(reclaimedTotal).toBeGreaterThan(0)
  })
})
let reclaimedTotal = 0
