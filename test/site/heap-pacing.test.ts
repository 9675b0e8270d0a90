// The heap-pacing figure's frames, checked against Go's rules rather than against the model's own
// output: the heap goal after each collection is max(4 MiB × GOGC/100, live × (1 + GOGC/100)); no
// referenced object is ever freed; a higher GOGC never means more collections; GOGC=off never
// collects and never frees; released memory is part of idle memory.
import { describe, expect, it } from 'vitest'
import {
  describeFrame,
  frameForGoto,
  gogcChoices,
  keepChoices,
  objectSize,
  pacingTrace,
  perFrame,
  stateFromParams,
  stateToParams,
  totalObjects,
  type PacingState,
} from '../../site/widgets/heap-pacing/model.ts'
import { renderChart, renderPacing } from '../../site/widgets/heap-pacing/render.ts'

const MiB = 2 ** 20
const states: PacingState[] = gogcChoices.flatMap((gogc) => keepChoices.map((keep) => ({ gogc, keep })))
const traces = new Map(states.map((s) => [`${s.gogc}/${s.keep}`, pacingTrace(s)]))
const trace = (s: PacingState) => traces.get(`${s.gogc}/${s.keep}`)!

describe('heap-pacing frames', () => {
  it.each(states)('%o: one frame per %#', (s) => {
    const frames = trace(s)
    expect(frames.length).toBe(totalObjects / perFrame + 1)
    for (const [i, f] of frames.entries()) {
      expect(f.allocated).toBe(i * perFrame)
      expect(f.totalAlloc).toBe(f.allocated * objectSize)
      // Kept objects so far (1 of every 100/keep, starting with the first) are never freed.
      const kept = Math.ceil((f.allocated * s.keep) / 100)
      expect(f.heapAlloc).toBeGreaterThanOrEqual(kept * objectSize)
      expect(f.heapInuse).toBeGreaterThanOrEqual(f.heapAlloc)
      expect(f.heapReleased).toBeLessThanOrEqual(f.heapIdle)
      expect(f.retained).toBe(f.heapInuse + f.heapIdle - f.heapReleased)
      if (i > 0) expect(f.numGC).toBeGreaterThanOrEqual(frames[i - 1]!.numGC)
    }
  })

  it('the goal after each collection follows GOGC and the live heap the collection found', () => {
    for (const s of states) {
      if (s.gogc === 'off') continue
      for (const f of trace(s)) {
        if (f.numGC === 0) {
          expect(f.nextGC).toBe((4 * MiB * s.gogc) / 100)
          continue
        }
        const want = Math.floor(Math.max((4 * MiB * s.gogc) / 100, f.lastMarked * (1 + s.gogc / 100)))
        if (f.gcInFrame) expect(f.nextGC).toBe(want)
        // The live heap a collection finds is the kept objects (plus the object being allocated).
        const keptAtMost = Math.ceil((f.allocated * s.keep) / 100) + 1
        expect(f.lastMarked).toBeLessThanOrEqual(keptAtMost * objectSize)
      }
    }
  })

  it('GOGC=off never collects or frees; a higher GOGC never collects more often', () => {
    for (const keep of keepChoices) {
      const off = trace({ gogc: 'off', keep })
      for (const f of off) {
        expect(f.numGC).toBe(0)
        expect(f.nextGC).toBe(Infinity)
        expect(f.heapAlloc).toBe(f.totalAlloc)
      }
      const n = (g: 50 | 100 | 200) => trace({ gogc: g, keep }).at(-1)!.numGC
      expect(n(50)).toBeGreaterThanOrEqual(n(100))
      expect(n(100)).toBeGreaterThanOrEqual(n(200))
      expect(n(200)).toBeGreaterThan(0)
    }
  })

  it('with most objects dropped, collections keep the heap near the goal, far below what was allocated', () => {
    const last = trace({ gogc: 100, keep: 10 }).at(-1)!
    expect(last.heapInuse).toBeLessThan(last.totalAlloc / 2)
  })

  it('URL state round-trips and rejects nonsense', () => {
    for (const s of states)
      expect(stateFromParams(new URLSearchParams(stateToParams(s)), states[0]!)).toEqual(s)
    expect(stateFromParams(new URLSearchParams('gogc=7&keep=-3'), { gogc: 100, keep: 25 })).toEqual({
      gogc: 100,
      keep: 25,
    })
  })

  it('goto values: step numbers and gc-N', () => {
    const frames = trace({ gogc: 100, keep: 25 })
    expect(frameForGoto('3', frames)).toBe(3)
    expect(frameForGoto('99999', frames)).toBe(frames.length - 1)
    expect(frameForGoto('x', frames)).toBeNull()
    const i = frameForGoto('gc-1', frames)!
    expect(frames[i]!.numGC).toBe(1)
    expect(frames[i - 1]!.numGC).toBe(0)
  })

  it('renders a labelled chart, a caption and a table for every step', () => {
    const s = { gogc: 100, keep: 25 } as const
    const frames = trace(s)
    const html = renderPacing(s, frames, frames.length - 1, 'heap-pacing')
    for (const label of ['heap goal', 'HeapInuse', 'HeapAlloc', 'released']) expect(html).toContain(label)
    expect(renderChart(frames, 0)).toContain('role="img"')
    expect(describeFrame(frames[0]!, 0, frames.length)).toContain('4.0 MiB')
  })
})
