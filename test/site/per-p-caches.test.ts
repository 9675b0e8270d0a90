// The per-P-vs-shared figure's frames, checked against facts: Go's size-class table (objects per
// span decide how often a cache refills), one lock per allocation for the shared design and none
// for per-P caches, and the hand-off counts each order implies.
import { describe, expect, it } from 'vitest'
import {
  compareTrace,
  describeFrame,
  frameForGoto,
  initialState,
  orderChoices,
  perGoroutine,
  procChoices,
  sizeChoices,
  stateFromParams,
  stateToParams,
  summarize,
  type CompareState,
} from '../../site/widgets/per-p-caches/model.ts'
import { renderCompare, renderFrame } from '../../site/widgets/per-p-caches/render.ts'
import { goSizeClasses } from '../core/go-sizeclasses.data.ts'

// The figure follows Go 1.27: noscan spans of 16–512-byte objects keep 128 B of inline mark bits.
const objectsPerSpan = (size: number) => goSizeClasses.find((r) => r[1] === size)![10]

const allStates: CompareState[] = procChoices.flatMap((procs) =>
  orderChoices.flatMap((order) => sizeChoices.map((size) => ({ procs, order, size }))),
)

describe('per-p-caches frames', () => {
  it.each(allStates)('%o: one frame per allocation; locks and refills follow Go', (s) => {
    const frames = compareTrace(s)
    const n = s.procs * perGoroutine
    expect(frames.length).toBe(n + 1)
    const last = frames[n]!
    expect(last.mallocs).toEqual(Array(s.procs).fill(perGoroutine))
    for (const [i, f] of frames.entries()) {
      expect(f.step).toBe(i)
      expect(f.perP.cacheLocks).toBe(0) // per-P caches never lock
      expect(f.perP.cacheHandoffs).toBe(0)
      expect(f.shared.cacheLocks).toBe(i) // one lock per allocation
      expect(f.shared.cacheHandoffs).toBeLessThanOrEqual(Math.max(0, i - 1))
      expect(f.perP.heapHandoffs).toBeLessThanOrEqual(f.perP.heapLocks)
      if (i > 0) {
        expect(f.shared.holder).toBe(f.p)
        // a step refills exactly when its level is beyond the cache
        const prev = frames[i - 1]!
        expect(f.perP.refills - prev.perP.refills).toBe(f.perP.level === 'mcache' ? 0 : 1)
        expect(f.shared.refills - prev.shared.refills).toBe(f.shared.level === 'mcache' ? 0 : 1)
        expect(f.shared.handoff).toBe(prev.shared.holder >= 0 && prev.shared.holder !== f.p)
      }
    }
    // Refills: one per span filled. Per P, each goroutine fills its own spans; shared, all share.
    const per = objectsPerSpan(s.size)
    expect(last.perP.refills).toBe(s.procs * Math.ceil(perGoroutine / per))
    expect(last.shared.refills).toBe(Math.ceil(n / per))
    // Hand-offs the order implies.
    if (s.order === 'round-robin') expect(last.shared.cacheHandoffs).toBe(n - 1)
    if (s.order === 'sequential') expect(last.shared.cacheHandoffs).toBe(s.procs - 1)
    // The text alternative carries the final numbers.
    const text = summarize(s, frames)
    expect(text).toContain(`${last.shared.cacheLocks} lock acquisitions for ${n} allocations`)
    expect(text).toContain(`${last.shared.cacheHandoffs} of them handed off`)
  })

  it('round-robin: Ps take turns; sequential: each goroutine runs to the end', () => {
    const rr = compareTrace({ ...initialState, order: 'round-robin' })
    rr.slice(1).forEach((f, i) => expect(f.p).toBe(i % initialState.procs))
    const sq = compareTrace({ ...initialState, order: 'sequential' })
    sq.slice(1).forEach((f, i) => expect(f.p).toBe(Math.floor(i / perGoroutine)))
  })

  it('the random order is reproducible (same frames for the same setup)', () => {
    const s: CompareState = { procs: 8, order: 'random', size: 1024 }
    const a = compareTrace(s).map((f) => f.p)
    expect(new Set(a.slice(1)).size).toBe(8)
    expect(a).not.toEqual(compareTrace({ ...s, order: 'round-robin' }).map((f) => f.p))
  })

  it('describes every frame in words', () => {
    const frames = compareTrace(initialState)
    expect(describeFrame(frames[0]!, 0, frames.length)).toMatch(/4 goroutines, one per P/)
    for (const [i, f] of frames.entries()) {
      const d = describeFrame(f, i, frames.length)
      expect(d).toMatch(new RegExp(`^Step ${i} of ${frames.length - 1}: `))
      if (i > 0) expect(d).toContain(`P${f.p}`)
    }
  })
})

describe('per-p-caches state and links', () => {
  it('round-trips through URL parameters and ignores unknown values', () => {
    for (const s of allStates) expect(stateFromParams(new URLSearchParams(stateToParams(s)))).toEqual(s)
    const bad = new URLSearchParams({ procs: '3', order: 'lifo', size: '-1' })
    expect(stateFromParams(bad)).toEqual(initialState)
    expect(stateFromParams(new URLSearchParams())).toEqual(initialState)
  })

  it('frameForGoto takes step numbers only, clamped', () => {
    expect(frameForGoto('3', 10)).toBe(3)
    expect(frameForGoto(' 99 ', 10)).toBe(9)
    expect(frameForGoto('x', 10)).toBeNull()
    expect(frameForGoto('-1', 10)).toBeNull()
  })

  it('renders both designs with text alternatives', () => {
    const frames = compareTrace(initialState)
    const html = renderCompare(initialState, frames, 0, 'per-p-caches')
    for (const part of ['form', 'run', 'sides', 'bars', 'summary', 'link', 'table'])
      expect(html).toContain(`data-part="${part}"`)
    expect(html).toContain('href="#per-p-caches:procs=4&amp;order=round-robin&amp;size=1024"')
    const r = renderFrame(frames[5]!, frames.length - 1)
    expect(r.sides.match(/role="img"/g)?.length).toBe(2)
    expect(r.sides).toContain('after step 5')
    expect(r.table).toContain('<td>5</td>')
  })
})
