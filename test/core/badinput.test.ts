// Bad input: every public method throws TypeError/RangeError naming the argument, and a failed
// call changes nothing (snapshot before == snapshot after).
import { describe, expect, it } from 'vitest'
import { Runtime, checkHeap } from '@go-alloc/core'

function populated(): Runtime {
  const rt = new Runtime({ gomaxprocs: 2 })
  rt.malloc(3, { noscan: true })
  rt.malloc(24, { noscan: true, p: 1 })
  rt.malloc(700)
  rt.malloc(50000, { noscan: true })
  return rt
}

function expectUnchanged(rt: Runtime, f: () => unknown, kind: ErrorConstructor | RegExp, name: RegExp): void {
  const before = rt.snapshot()
  let err: unknown
  try {
    f()
  } catch (e) {
    err = e
  }
  expect(err).toBeDefined()
  if (kind instanceof RegExp) expect(String((err as Error).message)).toMatch(kind)
  else expect(err).toBeInstanceOf(kind)
  expect((err as Error).message).toMatch(name)
  expect(rt.snapshot()).toEqual(before)
  checkHeap(rt)
}

describe('Runtime constructor', () => {
  it.each([
    [{ gomaxprocs: 0 }, RangeError, /gomaxprocs/],
    [{ gomaxprocs: 1.5 }, RangeError, /gomaxprocs/],
    [{ gomaxprocs: 257 }, RangeError, /gomaxprocs/],
    [{ gomaxprocs: '2' }, TypeError, /gomaxprocs/],
    [{ goVersion: '1.20' }, RangeError, /goVersion/],
    [{ goVersion: 122 }, TypeError, /goVersion/],
    [{ layout: 'flat' }, RangeError, /layout/],
    [{ layout: 'legacy2' }, RangeError, /layout/],
    [{ layout: 'Legacy' }, RangeError, /layout/],
    [{ layout: '' }, RangeError, /layout/],
    [{ layout: 1 }, TypeError, /layout/],
    [{ layout: ['legacy'] }, TypeError, /layout/],
    [{ heapLimit: -1 }, RangeError, /heapLimit/],
    [{ heapLimit: 0 }, RangeError, /heapLimit/],
    [{ heapLimit: Number.NaN }, RangeError, /heapLimit/],
    [{ heapLimit: '1G' }, TypeError, /heapLimit/],
    ['x', TypeError, /options/],
  ])('rejects %o', (opts, kind, name) => {
    expect(() => new Runtime(opts as never)).toThrow(kind)
    expect(() => new Runtime(opts as never)).toThrow(name)
  })
  it('accepts the documented defaults', () => {
    const rt = new Runtime()
    expect([rt.gomaxprocs, rt.goVersion, rt.layout, rt.heapLimit]).toEqual([1, '1.27', 'arenas', null])
  })
})

describe('malloc', () => {
  it.each([
    ['24', TypeError],
    [null, TypeError],
    [undefined, TypeError],
    [24n, TypeError],
    [Number.NaN, RangeError],
    [-8, RangeError],
    [2.5, RangeError],
    [Infinity, RangeError],
    [-Infinity, RangeError],
  ])('size %s → %o naming size, state unchanged', (size, kind) => {
    const rt = populated()
    expectUnchanged(rt, () => rt.malloc(size as number), kind, /^size/)
  })
  it.each([
    [{ p: 2 }, RangeError, /^opts\.p/],
    [{ p: -1 }, RangeError, /^opts\.p/],
    [{ p: 0.5 }, RangeError, /^opts\.p/],
    [{ p: '0' }, TypeError, /^opts\.p/],
    [{ noscan: 'yes' }, TypeError, /^opts\.noscan/],
    [42, TypeError, /^opts/],
    [null, TypeError, /^opts/],
  ])('opts %o → error naming the option, state unchanged', (opts, kind, name) => {
    const rt = populated()
    expectUnchanged(rt, () => rt.malloc(8, opts as never), kind, name)
  })
  it('above maxAlloc → runtime: out of memory, state unchanged', () => {
    const rt = populated()
    expectUnchanged(rt, () => rt.malloc(2 ** 48 + 1), /^runtime: out of memory/, /out of memory/)
    expectUnchanged(
      rt,
      () => rt.malloc(2 ** 60, { noscan: true }),
      /^runtime: out of memory/,
      /out of memory/,
    )
  })
  it('past heapLimit → runtime: out of memory, state unchanged, on every path', () => {
    const rt = new Runtime({ heapLimit: 3 * 8192 })
    rt.malloc(8, { noscan: true }) // tiny span
    rt.malloc(24, { noscan: true }) // class 3 span
    rt.malloc(32, { noscan: true }) // class 4 span: heap now 3 pages
    expectUnchanged(rt, () => rt.malloc(48, { noscan: true }), /^runtime: out of memory/, /heapLimit/)
    expectUnchanged(rt, () => rt.malloc(40000), /^runtime: out of memory/, /heapLimit/)
    // fill the tiny span (504 blocks in 1.27: (8192 − 128 inline mark bytes) / 16), then the
    // next tiny block needs a span
    for (let i = 1; i < 504; i++) rt.malloc(16, { noscan: true })
    // 8 bytes of the tiny block are used: 12 more do not fit and need a new block → no span left
    expectUnchanged(rt, () => rt.malloc(12, { noscan: true }), /^runtime: out of memory/, /heapLimit/)
    // 4 more bytes fit in the current block: no span needed, so this succeeds at the limit
    expect(rt.malloc(4, { noscan: true })).toBeGreaterThan(0)
    // the 24-byte span still has room: allocations there keep working
    expect(rt.malloc(24, { noscan: true })).toBeGreaterThan(0)
  })
})

describe('spanOf', () => {
  it.each([
    ['0xc000000000', TypeError],
    [Number.NaN, RangeError],
    [-1, RangeError],
    [0xc000000000 + 0.5, RangeError],
  ])('address %s → %o naming p, state unchanged', (p, kind) => {
    const rt = populated()
    expectUnchanged(rt, () => rt.spanOf(p as number), kind, /^p /)
  })
  it('returns null for addresses outside in-use spans', () => {
    const rt = populated()
    expect(rt.spanOf(0)).toBeNull()
    expect(rt.spanOf(0xc000000000 + (4 << 20) - 1)).toBeNull()
    expect(rt.spanOf(0xc100000000)).toBeNull()
  })
})

describe("layout 'legacy': bad input changes nothing either", () => {
  function legacyPopulated(): Runtime {
    const rt = new Runtime({ layout: 'legacy', gomaxprocs: 2 })
    rt.malloc(3, { noscan: true })
    rt.malloc(24, { noscan: true, p: 1 })
    rt.malloc(700)
    rt.malloc(50000, { noscan: true })
    return rt
  }
  it.each([
    [() => '24', TypeError, /^size/],
    [() => -8, RangeError, /^size/],
    [() => 2.5, RangeError, /^size/],
    [() => Number.NaN, RangeError, /^size/],
  ])('malloc(%s) → error naming size', (size, kind, name) => {
    const rt = legacyPopulated()
    expectUnchanged(rt, () => rt.malloc(size() as number), kind, name)
  })
  it('bad opts and sizes above maxAlloc', () => {
    const rt = legacyPopulated()
    expectUnchanged(rt, () => rt.malloc(8, { p: 2 }), RangeError, /^opts\.p/)
    expectUnchanged(rt, () => rt.malloc(8, { noscan: 1 as never }), TypeError, /^opts\.noscan/)
    expectUnchanged(rt, () => rt.malloc(2 ** 48 + 1), /^runtime: out of memory/, /out of memory/)
  })
  it('spanOf: bad addresses throw naming p; addresses outside the arena give null', () => {
    const rt = legacyPopulated()
    expectUnchanged(rt, () => rt.spanOf(-1), RangeError, /^p /)
    expectUnchanged(rt, () => rt.spanOf('0xc420000000' as never), TypeError, /^p /)
    expect(rt.spanOf(0xc420000000)).not.toBeNull()
    expect(rt.spanOf(0xc000000000)).toBeNull() // the spans array region
    expect(rt.spanOf(0xc41fffffff)).toBeNull() // the bitmap's top byte
    expect(rt.spanOf(0xc420000000 + (4 << 20))).toBeNull() // arena_used
    expect(rt.spanOf(0x14420000000)).toBeNull() // past the arena
  })
})

describe('subscribe', () => {
  it.each([[null], ['f'], [{}]])('rejects %o naming listener', (l) => {
    const rt = populated()
    expectUnchanged(rt, () => rt.subscribe(l as never), TypeError, /^listener/)
  })
})

describe('methods that cannot fail change nothing but what they document', () => {
  it('snapshot and readCounters are read-only', () => {
    const rt = populated()
    const a = rt.snapshot()
    rt.readCounters()
    rt.snapshot()
    expect(rt.snapshot()).toEqual(a)
  })
})
