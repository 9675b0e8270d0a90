// The gc-cycle figure's frames, checked against facts computed here without the model: which
// objects are reachable from the program's references (a breadth-first walk of the scenario's
// pointers), what a second runtime does with the same program under runtime.GC (which slots the
// next mallocs return), Go 1.22's slot count for 512-byte pointerful spans, mheap.go's sweepgen
// rules, and the span invariants (allocCount = allocated slots, allocCache bit = free slot).
import { describe, expect, it } from 'vitest'
import { Runtime } from '@go-alloc/core'
import {
  cacheBitOf,
  describeFrame,
  describeState,
  dropped,
  firstAllocs,
  frameForGoto,
  frameFromSnapshot,
  gcCycleTrace,
  links,
  objectSize,
  reallocs,
  type GcFrame,
} from '../../site/widgets/gc-cycle/model.ts'
import { renderGcCycle, renderView } from '../../site/widgets/gc-cycle/render.ts'

/** Objects reachable from the ones the program keeps, through the scenario's pointers. */
function reachable(): Set<number> {
  const seen = new Set<number>()
  const todo = Array.from({ length: firstAllocs }, (_, i) => i).filter((i) => !dropped.includes(i))
  while (todo.length) {
    const o = todo.pop() as number
    if (seen.has(o)) continue
    seen.add(o)
    for (const [a, b] of links) if (a === o) todo.push(b)
  }
  return seen
}

/** The same program on a fresh runtime, collected with gc() (mark + full sweep), then mallocs. */
function independentRun() {
  const rt = new Runtime({ gogc: 'off' })
  const objs = Array.from({ length: firstAllocs }, () => rt.malloc(objectSize))
  for (const [a, b] of links) rt.writePointer(objs[a]!, 0, objs[b]!)
  for (const i of dropped) rt.drop(objs[i]!)
  const r = rt.gc()
  const again = Array.from({ length: reallocs }, () => rt.malloc(objectSize))
  return { objs, r, again }
}

const frames = gcCycleTrace()
const byKind = (k: GcFrame['kind']) => frames.find((f) => f.kind === k)!
const slotsWhere = (f: GcFrame, pred: (s: GcFrame['slots'][number]) => boolean) =>
  f.slots.filter(pred).map((s) => s.index)
const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b)

describe('gc-cycle scenario', () => {
  const run = independentRun()
  const base = frames[0]!.base
  const slotOfObj = (i: number) => (run.objs[i]! - base) / objectSize
  const live = reachable()
  const liveSlots = sorted([...live].map(slotOfObj))
  const deadSlots = sorted(
    Array.from({ length: firstAllocs }, (_, i) => i)
      .filter((i) => !live.has(i))
      .map(slotOfObj),
  )

  it('has one frame per step: alloc, link, drop, flush, mark, sweep, then one per malloc', () => {
    expect(frames.map((f) => f.kind)).toEqual([
      'alloc',
      'link',
      'drop',
      'flush',
      'mark',
      'sweep',
      ...Array<string>(reallocs).fill('realloc'),
    ])
  })

  it('draws the span the program allocated into: Go 1.22 fits 15 pointerful 512-byte slots in a page', () => {
    // One 8 KiB page; in Go 1.22 a span of pointerful objects ≤ 512 B keeps its heap bitmap in its
    // last pageSize/64 = 128 bytes (mbitmap.go heapBitsInSpan), so (8192 − 128) / 512 = 15 slots.
    expect(frames[0]!.nelems).toBe(Math.floor((8192 - 8192 / 64) / 512))
    expect(frames[0]!.elemsize).toBe(objectSize)
    // The independent run placed the objects at the same addresses, lowest first.
    expect(run.objs.map((a, i) => a - i * objectSize)).toEqual(Array(firstAllocs).fill(base))
    expect(slotsWhere(frames[0]!, (s) => s.allocated)).toEqual(run.objs.map((_, i) => i))
  })

  it('marks exactly the objects reachable from the program’s references, as the core’s gc() does', () => {
    const mark = byKind('mark')
    expect(slotsWhere(mark, (s) => s.markBit)).toEqual(liveSlots)
    expect(run.r.markedObjects).toBe(live.size)
    expect(run.r.markedBytes).toBe(live.size * objectSize)
    // Reasons: roots are the kept objects; every other marked slot is pointed at by its reason.
    const kept = sorted(
      Array.from({ length: firstAllocs }, (_, i) => i)
        .filter((i) => !dropped.includes(i))
        .map(slotOfObj),
    )
    expect(slotsWhere(mark, (s) => s.markedBy === 'root')).toEqual(kept)
    for (const s of mark.slots) {
      if (typeof s.markedBy !== 'number') continue
      expect(links.some(([a, b]) => slotOfObj(a) === s.markedBy && slotOfObj(b) === s.index)).toBe(true)
      expect(mark.slots[s.markedBy]!.markBit).toBe(true)
    }
    // Marking changes no allocation state; it only makes the span unswept.
    expect(mark.allocCount).toBe(firstAllocs)
    expect(mark.freeindex).toBe(firstAllocs)
    expect(mark.heapSweepgen).toBe(byKind('flush').heapSweepgen + 2)
    expect(mark.sweepPhase).toBe('needs sweeping')
    expect(mark.numGC).toBe(1)
  })

  it('sweeps: allocBits ← gcmarkBits, freeindex 0, allocCount = survivors; the dead are freed', () => {
    const mark = byKind('mark')
    const sweep = byKind('sweep')
    expect(sweep.slots.map((s) => s.allocBit)).toEqual(mark.slots.map((s) => s.markBit))
    expect(sweep.slots.every((s) => !s.markBit)).toBe(true)
    expect(sweep.freeindex).toBe(0)
    expect(sweep.allocCount).toBe(live.size)
    expect(slotsWhere(sweep, (s) => s.allocated)).toEqual(liveSlots)
    expect(slotsWhere(sweep, (s) => s.freed)).toEqual(deadSlots)
    expect(sweep.sweepPhase).toBe('swept')
    // Pointers held by freed objects are gone; the survivors' remain.
    const expected = links
      .filter(([a]) => live.has(a))
      .map(([a, b]) => ({ from: slotOfObj(a), offset: 0, to: slotOfObj(b) }))
    expect(sweep.pointers).toEqual(expect.arrayContaining(expected))
    expect(sweep.pointers).toHaveLength(expected.length)
  })

  it('reuses freed slots in address order, the same slots the core’s gc() run hands out', () => {
    const re = frames.filter((f) => f.kind === 'realloc')
    const n = byKind('sweep').nelems
    const free = Array.from({ length: n }, (_, i) => i).filter((i) => !liveSlots.includes(i))
    expect(re.map((f) => f.newSlot)).toEqual(free.slice(0, reallocs))
    expect(re.map((f) => f.newSlot)).toEqual(run.again.map((a) => (a - base) / objectSize))
    for (const f of re) {
      expect(slotsWhere(f, (s) => s.fresh)).toEqual([f.newSlot])
      expect(f.newSlotFreed).toBe(deadSlots.includes(f.newSlot))
    }
  })

  it('keeps the span invariants in every frame', () => {
    for (const f of frames) {
      expect(f.allocCount).toBe(f.slots.filter((s) => s.allocated).length)
      for (const s of f.slots) {
        if (s.index >= f.freeindex && s.index < f.freeindex + 64) expect(s.cacheBit).toBe(s.allocated ? 0 : 1)
        else expect(s.cacheBit).toBeNull()
        expect(s.addr).toBe(f.base + s.index * f.elemsize)
      }
    }
    // Roots: the program holds every object until it drops it, and every new object.
    expect(slotsWhere(byKind('link'), (s) => s.root)).toEqual(run.objs.map((_, i) => i))
    expect(slotsWhere(frames.at(-1)!, (s) => s.root)).toEqual(
      sorted([
        ...liveSlots.filter((i) => frames[5]!.slots[i]!.root),
        ...run.again.map((a) => (a - base) / 512),
      ]),
    )
  })

  it('captions each step in one sentence naming the slots involved', () => {
    frames.forEach((f, i) => {
      const c = describeFrame(f, i, frames.length)
      expect(c.startsWith(`Step ${i} of ${frames.length - 1}: `)).toBe(true)
      expect(c.endsWith('.')).toBe(true)
      expect(c.slice(0, -1)).not.toMatch(/\.\s/) // one sentence
    })
    const at = (k: GcFrame['kind']) => frames.findIndex((f) => f.kind === k)
    const words = (xs: number[]) =>
      xs.length === 1 ? String(xs[0]) : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`
    expect(describeFrame(byKind('sweep'), at('sweep'), frames.length)).toContain(
      `slots ${words(deadSlots)} are free`,
    )
    expect(describeFrame(byKind('sweep'), at('sweep'), frames.length)).toContain(`allocCount is ${live.size}`)
    const droppedSlots = sorted(dropped.map(slotOfObj))
    expect(describeFrame(byKind('drop'), at('drop'), frames.length)).toContain(words(droppedSlots))
    const last = frames.at(-1)!
    expect(describeFrame(last, frames.length - 1, frames.length)).toContain(`slot ${last.newSlot}`)
    expect(describeState(byKind('mark'))).toContain(`Marked: ${words(liveSlots)}.`)
  })
})

describe('gc-cycle helpers', () => {
  it('reads allocCache bits relative to freeindex (bit 0 = slot freeindex)', () => {
    expect(cacheBitOf('0000000000000001', 3, 3)).toBe(1)
    expect(cacheBitOf('0000000000000001', 3, 4)).toBe(0)
    expect(cacheBitOf('8000000000000000', 0, 63)).toBe(1)
    expect(cacheBitOf('ffffffffffffffff', 5, 4)).toBeNull()
    expect(cacheBitOf('ffffffffffffffff', 0, 64)).toBeNull()
  })

  it('rejects a span base that is not an in-use span', () => {
    const rt = new Runtime()
    expect(() => frameFromSnapshot(rt.snapshot(), 0x1000, 'alloc', null)).toThrow(RangeError)
    expect(() => frameFromSnapshot(rt.snapshot(), 0x1000, 'alloc', null)).toThrow(/^spanBase/)
  })

  it('maps prose-link values to steps', () => {
    expect(frameForGoto('4')).toBe(4)
    expect(frameForGoto('999')).toBe(frames.length - 1)
    expect(frameForGoto('mark')).toBe(frames.findIndex((f) => f.kind === 'mark'))
    expect(frameForGoto('sweep')).toBe(frames.findIndex((f) => f.kind === 'sweep'))
    expect(frameForGoto('nonsense')).toBeNull()
  })

  it('renders every slot with its state in words, and the control bar', () => {
    const html = renderGcCycle(frames, 0)
    expect(html).toContain('data-ctl="fwd"')
    expect(html.match(/data-slot="/g)).toHaveLength(frames[0]!.nelems)
    const sweepHTML = renderView(byKind('sweep'))
    expect(sweepHTML.match(/data-state="freed"/g)).toHaveLength(
      byKind('sweep').slots.filter((s) => s.freed).length,
    )
    expect(sweepHTML).toContain('0x' + byKind('sweep').allocCache)
  })
})
