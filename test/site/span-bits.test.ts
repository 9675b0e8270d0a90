// The span-bits figure's frames, checked against what Go's algorithm gives when computed here
// by hand from the frame's own allocBits (not through the model or the core): allocCache is the
// complement of allocBits from freeindex to the next 64-slot boundary; nextFreeFast takes the
// first free slot at or after freeindex, after counting that many trailing zeros; the fast path
// declines exactly when freeindex would land on a multiple of 64 short of nelems; a sweep makes
// allocBits the mark bits (the objects the program still holds: two of every four dropped),
// freeindex 0; the holes are reused lowest address first. Span capacities: Go 1.22 one-page spans
// of 48 B hold 170 noscan, (8192 − 128) / 48 = 168 scan objects.
import { describe, expect, it } from 'vitest'
import {
  cacheBitOf,
  ctzHex,
  droppedIndexes,
  frameForGoto,
  reservedTail,
  reuseCount,
  spanBitsTrace,
  stateFromParams,
  type SpanBitsFrame,
} from '../../site/widgets/span-bits/model.ts'
import { describeFrame, renderRun, slotState } from '../../site/widgets/span-bits/render.ts'

const frames = spanBitsTrace({ size: 48, pointers: false }, '1.22')
const scan = spanBitsTrace({ size: 48, pointers: true }, '1.22')
const firstFree = (f: SpanBitsFrame, from: number) => {
  for (let j = from; j < f.nelems; j++) if (!f.allocBits[j]) return j
  return f.nelems
}

describe('span-bits: the scenario', () => {
  it('runs on a 48-byte span of Go 1.22: 170 noscan slots, 168 scan (128 B of heap bits)', () => {
    expect(frames[0]?.nelems).toBe(170)
    expect(scan[0]?.nelems).toBe(Math.floor((8192 - 128) / 48))
    expect(scan[0]?.tailBytes).toBe(8192 - 168 * 48)
    expect(reservedTail('1.22' as never, 48, false)).toEqual({ heapBits: 128, inlineMarks: 0 })
    expect(reservedTail('1.27' as never, 48, false)).toEqual({ heapBits: 128, inlineMarks: 128 })
    expect(reservedTail('1.27' as never, 8, true)).toEqual({ heapBits: 0, inlineMarks: 0 })
    expect(reservedTail('1.21' as never, 48, false)).toEqual({ heapBits: 0, inlineMarks: 0 })
    const kinds = frames.map((f) => f.kind)
    expect(kinds.filter((k) => k === 'alloc' || k === 'boundary')).toHaveLength(70)
    expect(kinds.slice(70, 74)).toEqual(['drop', 'flush', 'mark', 'sweep'])
    expect(kinds.slice(74)).toEqual(Array(reuseCount).fill('reuse'))
  })

  it('follows Go 1.27: 48 B spans hold 168 noscan / 165 scan objects (inline mark bits)', () => {
    const ns = spanBitsTrace({ size: 48, pointers: false }, '1.27')[0] as SpanBitsFrame
    const sc = spanBitsTrace({ size: 48, pointers: true }, '1.27')[0] as SpanBitsFrame
    expect(ns.nelems).toBe(168)
    expect(sc.nelems).toBe(165)
    expect([ns.inlineMarkBytes, ns.heapBitsBytes]).toEqual([128, 0])
    expect([sc.inlineMarkBytes, sc.heapBitsBytes]).toEqual([128, 128])
    expect(sc.tailBytes).toBe(8192 - 165 * 48)
  })

  it('keeps allocCache = ~allocBits from freeindex to the next 64-slot boundary', () => {
    for (const f of frames) {
      const end = Math.min(f.nelems, (Math.floor(f.freeindex / 64) + 1) * 64)
      for (let j = f.freeindex; j < end; j++)
        expect(cacheBitOf(f.allocCache, f.freeindex, j), `slot ${j} at step ${f.kind}`).toBe(
          f.allocBits[j] ? 0 : 1,
        )
    }
  })

  it('hands out the first free slot at or after freeindex, ctz slots on', () => {
    frames.forEach((f, i) => {
      if (f.slot < 0 || i === 0) return
      const prev = frames[i - 1] as SpanBitsFrame
      const fi = prev.kind === 'sweep' ? 0 : prev.freeindex
      expect(f.slot, `step ${i}`).toBe(firstFree(prev, fi))
      if (f.path === 'fast') {
        expect(f.ctz).toBe(f.slot - fi)
        expect(ctzHex(prev.allocCache)).toBe(f.slot - fi)
      }
      expect(f.freeindex).toBe(f.slot + 1)
    })
  })

  it('leaves the fast path exactly at the 64-slot boundary and reloads allocCache there', () => {
    const slow = frames.filter((f) => f.path === 'slow' && !f.cached)
    expect(slow.map((f) => f.slot)).toEqual([63])
    expect(slow[0]?.kind).toBe('boundary')
    expect(slow[0]?.cacheRefilled).toBe(true)
    for (const f of frames)
      if (f.path === 'fast') expect((f.slot + 1) % 64 === 0 && f.slot + 1 !== f.nelems).toBe(false)
    expect(frames[0]?.cached).toBe(true) // the first malloc fetched the span
  })

  it('marks what the program holds; the sweep makes the marks allocBits and resets freeindex', () => {
    const dropped = new Set(droppedIndexes(70))
    const mark = frames.find((f) => f.kind === 'mark') as SpanBitsFrame
    const sweep = frames.find((f) => f.kind === 'sweep') as SpanBitsFrame
    for (let j = 0; j < 70; j++) expect(mark.gcmarkBits[j], `slot ${j}`).toBe(!dropped.has(j))
    for (let j = 70; j < mark.nelems; j++) expect(mark.gcmarkBits[j]).toBe(false)
    expect(sweep.allocBits).toEqual(mark.gcmarkBits)
    expect(sweep.freeindex).toBe(0)
    expect(sweep.allocCount).toBe(70 - dropped.size)
    expect(sweep.gcmarkBits.some(Boolean)).toBe(false)
    expect(sweep.changed).toEqual([...dropped].sort((a, b) => a - b))
    expect(slotState(sweep, 1)).toBe('swept')
    expect(slotState(mark, 0)).toBe('marked')
  })

  it('reuses the holes in address order', () => {
    const reuse = frames.filter((f) => f.kind === 'reuse').map((f) => f.slot)
    const holes = droppedIndexes(70).sort((a, b) => a - b)
    expect(reuse).toEqual(holes.slice(0, reuseCount))
  })
})

describe('span-bits: links, URL, words', () => {
  it('finds steps by kind and number', () => {
    expect(frameForGoto('boundary', frames)).toBe(63)
    expect(frameForGoto('sweep', frames)).toBe(73)
    expect(frameForGoto('999', frames)).toBe(frames.length - 1)
    expect(frameForGoto('nope', frames)).toBeNull()
    expect(
      stateFromParams(new URLSearchParams('size=128&pointers=1'), { size: 48, pointers: false }),
    ).toEqual({
      size: 128,
      pointers: true,
    })
    expect(stateFromParams(new URLSearchParams('size=100'), { size: 48, pointers: false }).size).toBe(48)
  })
  it('describes steps in both languages and renders a table row per slot', () => {
    const b = frames[63] as SpanBitsFrame
    expect(describeFrame(b, 63, frames.length)).toContain('64-slot boundary')
    expect(describeFrame(b, 63, frames.length, 'zh')).toContain('64 槽位边界')
    const html = renderRun({ size: 48, pointers: false }, frames, 63, 'span-bits', 'en')
    expect(html.match(/<tr data-slot=/g)).toHaveLength(170)
    // the Chinese page gets a Chinese control bar and legend
    const zh = renderRun({ size: 48, pointers: false }, frames, 63, 'span-bits', 'zh')
    expect(zh).toContain('>播放<')
    expect(zh).toContain('下一步')
    expect(zh).not.toMatch(/>(Play|Reset)</)
  })
})
