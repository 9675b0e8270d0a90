// Green Tea marking (Go 1.26+): inline mark bits in spans of 16–512-byte objects, a FIFO span
// queue, and the classic LIFO object work list for everything else. Expected counts are worked
// out by hand from the algorithm (mgcmark_greenteagc.go), not read off the simulator.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { Runtime, checkHeap, HeapCheckError, type TraceEvent } from '@go-alloc/core'
import { zeroBits } from '../../packages/core/src/mspan.ts'

/** A program: objects of given sizes, pointer links (from, offset, to), roots kept. */
interface Program {
  sizes: { size: number; noscan: boolean }[]
  links: { from: number; word: number; to: number }[]
  keep: boolean[]
}

/** Run a program on a fresh runtime, then gc(); returns which objects survived and the counts. */
function runProgram(prog: Program, greenTea: boolean) {
  const rt = new Runtime({ goVersion: '1.26', greenTea, gogc: 'off' })
  const addrs = prog.sizes.map((o) => rt.malloc(o.size, { noscan: o.noscan }))
  for (const l of prog.links) {
    const from = prog.sizes[l.from]
    if (from.noscan) continue
    const words = Math.floor(Math.min(from.size, 512) / 8)
    if (words === 0) continue
    rt.writePointer(addrs[l.from], (l.word % words) * 8, addrs[l.to])
  }
  prog.keep.forEach((k, i) => {
    if (!k) rt.drop(addrs[i])
  })
  const r = rt.gc()
  checkHeap(rt)
  const alive = addrs.map((a) => {
    const s = rt.mheap_.spanOfHeap(a)
    return s !== null && s.isAllocated(s.objIndex(a))
  })
  return { rt, alive, r }
}

const programArb: fc.Arbitrary<Program> = fc
  .integer({ min: 1, max: 80 })
  .chain((n) =>
    fc.record({
      sizes: fc.array(
        fc.record({
          // 8 B (classic), 16–512 B (inline marks), headers, large; noscan only at ≥ 16 B so
          // no tiny blocks blur which object survives
          size: fc.oneof(
            fc.constant(8),
            fc.integer({ min: 16, max: 512 }),
            fc.integer({ min: 513, max: 4000 }),
            fc.constant(40000),
          ),
          noscan: fc.boolean(),
        }),
        { minLength: n, maxLength: n },
      ),
      links: fc.array(fc.record({ from: fc.nat(n - 1), word: fc.nat(63), to: fc.nat(n - 1) }), {
        maxLength: n * 2,
      }),
      keep: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    }),
  )
  .map((p) => ({ ...p, sizes: p.sizes.map((o) => (o.size === 8 ? { ...o, noscan: false } : o)) }))

describe('Green Tea and the classic marker reach exactly the same objects', () => {
  it('random heaps: same survivors, same marked bytes; the same as an independent reachability walk', () => {
    fc.assert(
      fc.property(programArb, (prog) => {
        const gt = runProgram(prog, true)
        const classic = runProgram(prog, false)
        // independent: reachable from the kept objects through the links
        // (a later link stored at the same word replaces the earlier one, as a store does)
        const stored = new Map<string, { from: number; to: number }>()
        for (const l of prog.links) {
          const from = prog.sizes[l.from]
          const words = Math.floor(Math.min(from.size, 512) / 8)
          if (!from.noscan && words > 0) stored.set(`${l.from}:${l.word % words}`, l)
        }
        const reach = new Set<number>()
        const stack = prog.keep.flatMap((k, i) => (k ? [i] : []))
        while (stack.length > 0) {
          const i = stack.pop()!
          if (reach.has(i)) continue
          reach.add(i)
          for (const l of stored.values()) if (l.from === i) stack.push(l.to)
        }
        const want = prog.sizes.map((_, i) => reach.has(i))
        expect(gt.alive).toEqual(want)
        expect(classic.alive).toEqual(want)
        expect(gt.r.markedObjects).toBe(classic.r.markedObjects)
        expect(gt.r.mark.greenTea).toBe(true)
        expect(classic.r.mark.greenTea).toBe(false)
        expect(classic.r.mark.spansQueued).toBe(0)
      }),
      { numRuns: 60 },
    )
  })
})

describe('what each marker does', () => {
  // A 4096-byte pointerful object (classic: header span) holding pointers to n 24-byte scan
  // objects that sit in one span. Only the big object is a root.
  function fanOut(greenTea: boolean, n: number) {
    const rt = new Runtime({ goVersion: '1.27', greenTea, gogc: 'off' })
    const root = rt.malloc(4096)
    const kids = Array.from({ length: n }, () => rt.malloc(24))
    kids.forEach((k, i) => rt.writePointer(root, i * 8, k))
    for (const k of kids) rt.drop(k)
    return rt
  }

  it('fan-out: Green Tea queues the children’s span once and scans all of them in one visit', () => {
    const r = fanOut(true, 100).gc()
    // the root (classic, > 512 B) is pushed once; its 100 children all land in one 24-byte span,
    // marked while the span waits in the queue: one queue entry, one visit scanning 100.
    expect(r.mark).toEqual({
      greenTea: true,
      objectPushes: 1,
      spansQueued: 1,
      spanVisits: 1,
      spanObjectsScanned: 100,
      maxObjectsPerVisit: 100,
    })
    expect(r.markedObjects).toBe(101)
  })

  it('fan-out, classic: every child is pushed on the work list', () => {
    const r = fanOut(false, 100).gc()
    expect(r.mark).toMatchObject({ objectPushes: 101, spansQueued: 0, spanVisits: 0 })
    expect(r.markedObjects).toBe(101)
  })

  it('a linked list of 24-byte objects: one object per visit, so as many visits as nodes', () => {
    const rt = new Runtime({ goVersion: '1.27', gogc: 'off' })
    const nodes = Array.from({ length: 50 }, () => rt.malloc(24))
    for (let i = 0; i + 1 < nodes.length; i++) rt.writePointer(nodes[i], 0, nodes[i + 1])
    for (const n of nodes.slice(1)) rt.drop(n)
    const r = rt.gc()
    // each node is found only when the previous one is scanned, after its span left the queue
    expect(r.mark).toMatchObject({ spansQueued: 50, spanVisits: 50, spanObjectsScanned: 50, objectPushes: 0 })
  })

  it('noscan objects are marked black at once: no queue, no push', () => {
    const rt = new Runtime({ goVersion: '1.27', gogc: 'off' })
    for (let i = 0; i < 10; i++) rt.malloc(32, { noscan: true })
    const r = rt.gc()
    expect(r.markedObjects).toBe(10)
    expect(r.mark).toMatchObject({ spansQueued: 0, spanVisits: 0, objectPushes: 0 })
  })

  it('trace: markObject, markSpanQueued and markSpanVisit describe the fan-out', () => {
    const rt = fanOut(true, 3)
    const evs: TraceEvent[] = []
    rt.subscribe((e) => evs.push(e))
    rt.gc()
    const kinds = evs.map((e) => e.type).filter((t) => t.startsWith('mark'))
    expect(kinds).toEqual([
      'markObject', // the root
      'markObjectPush',
      'markObjectScan',
      'markObject', // child 1: marks its span's inline bits and queues the span
      'markSpanQueued',
      'markObject', // children 2 and 3: the span is already queued
      'markObject',
      'markSpanVisit',
    ])
    const visit = evs.find((e) => e.type === 'markSpanVisit')
    expect(visit).toMatchObject({ scanned: 3, queued: 0 })
  })
})

describe('inline mark bits live in the span until it is swept', () => {
  it('after a triggered cycle the unswept spans keep their marks inline; sweeping merges them', () => {
    const rt = new Runtime({ goVersion: '1.27', gogc: 'off' })
    const keep = Array.from({ length: 20 }, () => rt.malloc(48))
    const drop = Array.from({ length: 20 }, () => rt.malloc(48))
    for (const d of drop) rt.drop(d)
    // fill the span — (8192 − 128 pointer bits − 128 inline marks) / 48 = 165 — so the mcache
    // moves on to another
    for (let i = 40; i < 165; i++) rt.malloc(48)
    rt.malloc(48)
    rt.gc({ sweep: 'lazy' }) // lazy sweep, as after an automatic cycle
    const s = rt.mheap_.spanOfHeap(keep[0])!
    const ha = [...rt.mheap_.arenas.values()][0]
    const page = Math.floor(s.startAddr / 8192) % 8192
    expect((ha.pageUseSpanInlineMarkBits[page >>> 3] >>> (page & 7)) & 1).toBe(1)
    expect(s.isInlineMarked(s.objIndex(keep[0]))).toBe(true)
    expect(s.isInlineMarked(s.objIndex(drop[0]))).toBe(false)
    checkHeap(rt)
    rt.gc() // finishes the sweep first
    expect(s.inlineMarks.every((w) => w === 0)).toBe(true)
    expect(s.allocCount).toBe(165 - 20)
    checkHeap(rt)
  })

  it('the checker catches inline marks left on a swept span, or past nelems', () => {
    const rt = new Runtime({ goVersion: '1.27', gogc: 'off' })
    const p = rt.malloc(64, { noscan: true })
    rt.gc()
    const s = rt.mheap_.spanOfHeap(p)!
    const broken = new Uint32Array(4)
    broken[0] = 1
    s.inlineMarks = broken
    expect(() => checkHeap(rt)).toThrow(HeapCheckError)
    expect(() => checkHeap(rt)).toThrow(/slot 0 marked on a swept span/)
    // an inline mark past the span's last slot
    s.inlineMarks = zeroBits
    const r = new Runtime({ goVersion: '1.27', gogc: 'off' })
    const keep = Array.from({ length: 200 }, () => r.malloc(48))
    r.gc({ sweep: 'lazy' })
    const t = r.mheap_.spanOfHeap(keep[0])!
    expect(t.isInlineMarked(0)).toBe(true)
    checkHeap(r)
    t.inlineMarks[5] |= 1 << 31 // slot 191 of a 165-slot span
    expect(() => checkHeap(r)).toThrow(/inline mark 191 set past nelems 165/)
  })

  it('spans of 8-byte and > 512-byte objects never get inline bits; greenTea: false gives none at all', () => {
    const rt = new Runtime({ goVersion: '1.27', gogc: 'off', gomaxprocs: 2 })
    const a = rt.malloc(8, { p: 1 })
    const b = rt.malloc(1024, { p: 1 })
    rt.gc({ sweep: 'lazy' }) // P1's spans are released unswept… then swept on the spot
    expect(rt.mheap_.spanOfHeap(a)!.isAllocated(0)).toBe(true)
    const c8 = Array.from({ length: 1100 }, () => rt.malloc(8)) // a full 8-byte span, uncached
    const c1k = Array.from({ length: 10 }, () => rt.malloc(1024))
    rt.gc({ sweep: 'lazy' })
    const s8 = rt.mheap_.spanOfHeap(c8[0])!
    expect(s8.isInlineMarked(0)).toBe(false)
    expect(s8.isMarked(0)).toBe(true) // in gcmarkBits: 8-byte objects keep the classic bits
    expect(rt.mheap_.spanOfHeap(c1k[0])!.isInlineMarked(0)).toBe(false)
    expect(rt.mheap_.spanOfHeap(b)!.isAllocated(0)).toBe(true)
    checkHeap(rt)
    const off = new Runtime({ goVersion: '1.27', greenTea: false, gogc: 'off' })
    const c = off.malloc(24)
    expect(off.spanOf(c)!.nelems).toBe(336) // (8192 − 128 pointer bits) / 24, as in 1.22–1.25
    off.gc({ sweep: 'lazy' })
    expect(off.mheap_.spanOfHeap(c)!.isInlineMarked(0)).toBe(false)
    checkHeap(off)
  })

  it('greenTea cannot be switched on before 1.25 and is validated', () => {
    expect(() => new Runtime({ goVersion: '1.24', greenTea: true })).toThrow(RangeError)
    expect(() => new Runtime({ greenTea: 1 as unknown as boolean })).toThrow(TypeError)
    expect(new Runtime({ goVersion: '1.25' }).greenTea).toBe(false)
    expect(new Runtime({ goVersion: '1.25', greenTea: true }).spanOf).toBeTypeOf('function')
    expect(() => new Runtime({ goVersion: '1.28' as '1.27' })).toThrow(/'1\.21'.*'1\.27'/)
    expect(() => new Runtime({ greentea: true } as unknown as object)).toThrow(/greentea.*accepted/)
  })
})
