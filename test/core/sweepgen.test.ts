// The sweepgen states by name (sweepgen.ts) against the protocol written out in Go's mheap.go
// (the comment on mspan.sweepgen): with the heap at h, h−2 unswept, h−1 being swept, h swept,
// h+1 cached before the sweep began, h+3 swept and cached.
import { describe, expect, it } from 'vitest'
import {
  Runtime,
  awaitsSweep,
  beingSweptGen,
  cachedSweptGen,
  cachedUnsweptGen,
  isCachedGen,
  sweepPhaseOf,
  sweptGen,
  unsweptGen,
} from '@go-alloc/core'

describe('sweepgen states', () => {
  it('name the offsets of the protocol', () => {
    const h = 10
    expect([unsweptGen(h), beingSweptGen(h), sweptGen(h), cachedUnsweptGen(h), cachedSweptGen(h)]).toEqual([
      8, 9, 10, 11, 13,
    ])
  })

  it('read a span’s sweepgen against the heap’s', () => {
    expect(sweepPhaseOf(0, 2)).toBe('needs sweeping')
    expect(sweepPhaseOf(1, 2)).toBe('being swept')
    expect(sweepPhaseOf(2, 2)).toBe('swept')
    expect(sweepPhaseOf(3, 2)).toBe('cached, needs sweeping')
    expect(sweepPhaseOf(5, 2)).toBe('swept, cached')
    for (const g of [-1, 4, 6, 7]) expect(sweepPhaseOf(g, 2)).toBe('unknown')
    expect([0, 1, 2, 3, 5].map((g) => awaitsSweep(g, 2))).toEqual([true, true, false, false, false])
    expect([0, 1, 2, 3, 5].map((g) => isCachedGen(g, 2))).toEqual([false, false, false, true, true])
  })

  it('a real heap: cached spans read as swept and cached, the rest as swept', () => {
    const rt = new Runtime({ gogc: 'off' })
    for (let i = 0; i < 100; i++) rt.malloc(48, { noscan: true })
    rt.malloc(100_000)
    const snap = rt.snapshot()
    for (const s of snap.spans)
      expect(sweepPhaseOf(s.sweepgen, snap.sweepgen)).toBe(s.cachedBy !== null ? 'swept, cached' : 'swept')
  })
})

describe('gc({ sweep })', () => {
  /** A heap with garbage in several spans (small and large). */
  function withGarbage(): Runtime {
    const rt = new Runtime({ gogc: 'off' })
    for (let i = 0; i < 600; i++) {
      const a = rt.malloc(48, { noscan: true })
      if (i % 3 !== 0) rt.drop(a)
    }
    rt.drop(rt.malloc(100_000))
    rt.readMemStats() // flush the mcache: its span waits in mcentral like the others
    return rt
  }

  it("'lazy' marks and leaves every span unswept; 'full' (the default) sweeps them all", () => {
    const lazy = withGarbage()
    const r = lazy.gc({ sweep: 'lazy' })
    expect(r.reason).toBe('heap')
    const snap = lazy.snapshot()
    for (const s of snap.spans) expect(sweepPhaseOf(s.sweepgen, snap.sweepgen)).toBe('needs sweeping')
    expect(lazy.readMemStats().numForcedGC).toBe(0)

    const full = withGarbage()
    expect(full.gc().reason).toBe('forced')
    const fs = full.snapshot()
    for (const s of fs.spans) expect(sweepPhaseOf(s.sweepgen, fs.sweepgen)).toBe('swept')
    expect(full.readMemStats().numForcedGC).toBe(1)
    expect(withGarbage().gc({ sweep: 'full' }).reason).toBe('forced')
  })

  it('bad options: a clear error, nothing changed', () => {
    const rt = withGarbage()
    const before = rt.snapshot()
    expect(() => rt.gc({ sweep: 'eager' as 'lazy' })).toThrow(
      new RangeError(`opts.sweep must be 'full' or 'lazy', got "eager"`),
    )
    expect(() => rt.gc({ mode: 'lazy' } as object)).toThrow(
      new RangeError('opts.mode is not a gc option (accepted: sweep)'),
    )
    expect(() => rt.gc(null as unknown as object)).toThrow(TypeError)
    expect(() => rt.gc('lazy' as unknown as object)).toThrow(
      /opts must be an object like \{ sweep: 'lazy' \}, got "lazy"/,
    )
    expect(rt.snapshot()).toEqual(before)
  })
})
