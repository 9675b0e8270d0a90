// Contract tests: the behaviours the core's API (packages/core/README.md) and Go's allocation path
// (packages/core/docs/go-reference.md §3) promise. Expected values come from Go's behaviour as written
// there, not from our code.
import { describe, expect, it } from 'vitest'
import { Runtime, checkHeap, zerobase } from '@go-alloc/core'

const arena0 = 0xc000000000

describe('malloc dispatch', () => {
  it('malloc(0) returns the shared zerobase and allocates nothing', () => {
    const rt = new Runtime()
    expect(rt.malloc(0)).toBe(zerobase)
    expect(rt.malloc(0, { noscan: true })).toBe(zerobase)
    expect(rt.snapshot().spans).toEqual([])
    const ms = rt.readMemStats()
    expect(ms.mallocs).toBe(0)
    expect(ms.heapSys).toBe(0)
    expect(rt.spanOf(zerobase)).toBeNull()
  })

  it('with a fixed heap base the first object is at 0xc000000000; the heap maps one 4 MiB chunk of a 64 MiB arena', () => {
    const rt = new Runtime({ heapBase: 'fixed' })
    const p = rt.malloc(24, { noscan: true })
    expect(p).toBe(arena0)
    const snap = rt.snapshot()
    expect(snap.arenas).toEqual([{ index: 2109440, base: arena0, zeroedBase: 8192 }])
    expect(snap.os.reserved).toEqual([{ base: arena0, size: 64 << 20 }])
    expect(snap.os.mapped).toEqual([{ base: arena0, size: 4 << 20 }])
    expect(snap.pageAlloc.start).toBe(33751040)
    expect(snap.pageAlloc.summaries.some((s) => s.level === 0 && s.index === 8240)).toBe(true)
    const ms = rt.readMemStats()
    expect(ms.heapSys).toBe(4 << 20)
    expect(ms.heapInuse).toBe(8192)
    expect(ms.heapReleased).toBe((4 << 20) - 8192)
    expect(ms.heapIdle).toBe((4 << 20) - 8192)
  })

  it('Go 1.26+ randomizes the heap base: a random arena below 2^46, chunk and page; padding pages stay released', () => {
    const first = (opts: ConstructorParameters<typeof Runtime>[0]) => {
      const rt = new Runtime(opts)
      const p = rt.malloc(24, { noscan: true })
      return { rt, p }
    }
    const a = first({ seed: 1 })
    const b = first({ seed: 1 })
    const c = first({ seed: 2 })
    expect(a.rt.goVersion).toBe('1.27')
    expect(a.rt.heapBase).toBe('randomized')
    expect(b.p).toBe(a.p) // same seed, same calls → same addresses
    expect(c.p).not.toBe(a.p)
    for (const { rt, p } of [a, c]) {
      expect(p % 8192).toBe(0) // the first object starts a page
      expect(p).toBeLessThan(2 ** 46)
      expect(p).not.toBe(arena0)
      const [arena] = rt.snapshot().arenas
      expect(arena.base % (64 << 20)).toBe(0)
      expect(p - arena.base).toBeLessThan(64 << 20)
      const ms = rt.readMemStats()
      expect(ms.heapInuse).toBe(8192) // the padding pages are not in use…
      expect(ms.heapSys).toBe(4 << 20) // …but inside the one 4 MiB chunk the heap mapped,
      expect(ms.heapReleased).toBe((4 << 20) - 8192) // and counted as released
      checkHeap(rt)
    }
    expect(first({ goVersion: '1.25' }).p).toBe(arena0)
    expect(first({ goVersion: '1.26', heapBase: 'fixed' }).p).toBe(arena0)
    expect(() => new Runtime({ goVersion: '1.25', heapBase: 'randomized' })).toThrow(/heapBase/)
  })

  it('tiny sequence of docs/go-reference.md §3.1: 1, 8, 4, 12', () => {
    const rt = new Runtime()
    const a1 = rt.malloc(1, { noscan: true })
    const a8 = rt.malloc(8, { noscan: true })
    const a4 = rt.malloc(4, { noscan: true })
    const a12 = rt.malloc(12, { noscan: true })
    const B1 = a1
    expect(a8).toBe(B1 + 8)
    const B2 = a4
    expect(B2).toBe(B1 + 16) // next slot of the 16-byte noscan span
    expect(a12).toBe(B2 + 4)
    checkHeap(rt)
    const ms = rt.readMemStats()
    // two 16-byte blocks are class-2 objects; the two combined sub-allocations are tiny allocs,
    // counted in both mallocs and frees
    expect(ms.bySize[2].mallocs).toBe(2)
    expect(ms.mallocs).toBe(4)
    expect(ms.frees).toBe(2)
    expect(ms.heapObjects).toBe(2)
    expect(ms.heapAlloc).toBe(32)
  })

  it('tiny allocator keeps the block with more room left', () => {
    const rt = new Runtime()
    const a = rt.malloc(10, { noscan: true }) // block A, off 10
    const b = rt.malloc(12, { noscan: true }) // align 4 → 12; 12+12 > 16 → block B; 12 < 10? no → A stays
    const c = rt.malloc(4, { noscan: true }) // A: align 4 → 12, 12+4 = 16 fits
    expect(b).toBe(a + 16)
    expect(c).toBe(a + 12)
  })

  it('a 16-byte noscan object is not tiny; 15 pointerful bytes are not tiny either', () => {
    const rt = new Runtime()
    const t = rt.malloc(8, { noscan: true })
    const s16 = rt.malloc(16, { noscan: true })
    expect(s16).toBe(t + 16) // own slot in the same span class 5
    const t2 = rt.malloc(8, { noscan: true })
    expect(t2).toBe(t + 8) // the tiny block is still current
    const ptr15 = rt.malloc(15, { noscan: false })
    // 1.27: (8192 − 128 pointer bits − 128 inline mark bits) / 16
    expect(rt.spanOf(ptr15)).toMatchObject({ spanclass: 4, sizeclass: 2, noscan: false, nelems: 496 })
  })

  it('33 bytes round to the 48-byte class', () => {
    const rt = new Runtime()
    const p = rt.malloc(33, { noscan: true })
    const q = rt.malloc(33, { noscan: true })
    expect(q - p).toBe(48)
    // 1.27: (8192 − 128 inline mark bits) / 48; before 1.26: 8192 / 48
    expect(rt.spanOf(p)).toMatchObject({ sizeclass: 5, elemsize: 48, nelems: 168, spanclass: 11 })
    const old = new Runtime({ goVersion: '1.25' })
    expect(old.spanOf(old.malloc(33, { noscan: true }))).toMatchObject({ nelems: 170 })
  })

  it.each([
    ['1.22', 32760, 'small'],
    ['1.22', 32761, 'large'],
    ['1.22', 32768, 'large'],
    ['1.21', 32768, 'small'],
    ['1.21', 32769, 'large'],
  ] as const)('goVersion %s: %i bytes are %s', (goVersion, size, kind) => {
    const rt = new Runtime({ goVersion })
    const p = rt.malloc(size, { noscan: true })
    const s = rt.spanOf(p)!
    if (kind === 'small') expect(s).toMatchObject({ sizeclass: 67, elemsize: 32768, npages: 4, nelems: 1 })
    else expect(s).toMatchObject({ sizeclass: 0, npages: Math.ceil(size / 8192), nelems: 1, limit: p + size })
    checkHeap(rt)
  })

  it('1.22 malloc header: pointerful 513 B → 576 B slot, address = slot + 8', () => {
    const rt = new Runtime()
    const p = rt.malloc(513)
    const s = rt.spanOf(p)!
    expect(s.elemsize).toBe(576)
    expect(p - s.base).toBe(8)
    const q = rt.malloc(513)
    expect(q - p).toBe(576)
    const old = new Runtime({ goVersion: '1.21' })
    const r = old.malloc(513)
    expect(r - old.spanOf(r)!.base).toBe(0)
  })

  it('24-byte pointerful objects: 330 per span in 1.26+, 336 in 1.22–1.25, 341 in 1.21', () => {
    for (const [v, n] of [
      ['1.27', 330],
      ['1.26', 330],
      ['1.25', 336],
      ['1.22', 336],
      ['1.21', 341],
    ] as const) {
      const rt = new Runtime({ goVersion: v })
      const first = rt.malloc(24)
      for (let i = 1; i < n; i++) expect(rt.malloc(24)).toBe(first + 24 * i)
      const next = rt.malloc(24)
      expect(rt.spanOf(next)!.base).not.toBe(rt.spanOf(first)!.base)
      expect(rt.spanOf(first)).toMatchObject({ allocCount: n, nelems: n })
      checkHeap(rt)
    }
  })

  it('large objects take ceil(size/8192) pages straight from the heap', () => {
    const rt = new Runtime()
    const p = rt.malloc(40000, { noscan: true })
    expect(rt.spanOf(p)).toMatchObject({
      npages: 5,
      elemsize: 40960,
      spanclass: 1,
      allocCount: 1,
      freeindex: 1,
    })
    const q = rt.malloc(1 << 20)
    expect(rt.spanOf(q)).toMatchObject({ npages: 128, spanclass: 0 })
    expect(rt.spanOf(q + (1 << 20) - 1)!.base).toBe(q)
    const ms = rt.readMemStats()
    expect(ms.heapInuse).toBe(40960 + (1 << 20))
    expect(ms.mallocs).toBe(2)
    expect(ms.totalAlloc).toBe(40960 + (1 << 20))
  })

  it('spans come from the page cache after the first (address-ordered)', () => {
    const rt = new Runtime({ heapBase: 'fixed' })
    const a = rt.malloc(8, { noscan: true })
    const b = rt.malloc(24, { noscan: true }) // another class → another span
    const c = rt.malloc(48, { noscan: true })
    expect(a).toBe(arena0)
    expect(b).toBe(arena0 + 8192)
    expect(c).toBe(arena0 + 2 * 8192)
    const k = rt.readCounters()
    // Two refills: the first finds no free page (the heap has not grown yet, so the span comes from
    // the page allocator after the growth); the second fills the cache the next two spans use.
    expect(k.pageCacheRefills).toBe(2)
    expect(k.pageCacheAllocs).toBe(2)
  })

  it('Ps have their own mcaches', () => {
    const rt = new Runtime({ gomaxprocs: 2 })
    const a = rt.malloc(24, { noscan: true, p: 0 })
    const b = rt.malloc(24, { noscan: true, p: 1 })
    expect(rt.spanOf(a)!.base).not.toBe(rt.spanOf(b)!.base)
    expect(rt.spanOf(a)!.cachedBy).toBe(0)
    expect(rt.spanOf(b)!.cachedBy).toBe(1)
    checkHeap(rt)
  })

  it('readMemStats flushes the mcaches: spans go back to mcentral and the tiny block is dropped', () => {
    const rt = new Runtime()
    const t = rt.malloc(4, { noscan: true })
    rt.malloc(100, { noscan: true })
    expect(rt.snapshot().stats.smallAllocCount[2]).toBe(0) // not yet flushed
    const ms = rt.readMemStats()
    expect(ms.bySize[2].mallocs).toBe(1)
    expect(ms.bySize[9].mallocs).toBe(1)
    const snap = rt.snapshot()
    expect(snap.ps[0].mcache.alloc).toEqual([])
    expect(snap.ps[0].mcache.tiny).toBe(0)
    expect(snap.mcentral.map((c) => c.spanclass).sort((x, y) => x - y)).toEqual([5, 19])
    expect(rt.spanOf(t)!.cachedBy).toBeNull()
    // the next tiny allocation starts a new block in the same span
    const t2 = rt.malloc(4, { noscan: true })
    expect(t2).toBe(t + 16)
    checkHeap(rt)
  })

  it('heap grows in 4 MiB chunks and stays contiguous inside the first arena', () => {
    const rt = new Runtime({ heapBase: 'fixed' })
    const p = rt.malloc(5 << 20, { noscan: true }) // 640 pages → 2 chunks
    expect(p).toBe(arena0)
    expect(rt.readMemStats().heapSys).toBe(8 << 20)
    // 100 MiB more: the heap grows by 100 MiB at 8 MiB (a second arena is reserved right after the
    // first), and first fit places the object right after the first one, at 5 MiB.
    const q = rt.malloc(100 << 20, { noscan: true })
    expect(q).toBe(arena0 + (5 << 20))
    expect(rt.readMemStats().heapSys).toBe(108 << 20)
    const snap = rt.snapshot()
    // sysAlloc rounds the 100 MiB ask up to two whole arenas at the next hint
    expect(snap.os.reserved).toEqual([{ base: arena0, size: 192 << 20 }])
    expect(snap.arenas.map((a) => a.base)).toEqual([arena0, arena0 + (64 << 20), arena0 + (128 << 20)])
    checkHeap(rt)
  })

  it('subscribe delivers typed events and unsubscribe stops them', () => {
    const rt = new Runtime()
    const types: string[] = []
    const off = rt.subscribe((e) => types.push(e.type))
    rt.malloc(24, { noscan: true })
    expect(types[0]).toBe('sizeClass')
    expect(types.at(-1)).toBe('malloc')
    for (const t of [
      'refill',
      'cacheSpan',
      'mcentralGrow',
      'heapGrow',
      'sysReserve',
      'sysMap',
      'newArena',
      'allocSpan',
      'pageAlloc',
    ])
      expect(types).toContain(t)
    types.length = 0
    rt.malloc(24, { noscan: true })
    expect(types).toEqual(['sizeClass', 'nextFreeFast', 'malloc'])
    off()
    types.length = 0
    rt.malloc(24, { noscan: true })
    expect(types).toEqual([])
  })

  it('snapshot is structured-clone safe', () => {
    const rt = new Runtime({ gomaxprocs: 2 })
    rt.malloc(3, { noscan: true })
    rt.malloc(700)
    rt.malloc(100000)
    const snap = rt.snapshot()
    expect(structuredClone(snap)).toEqual(snap)
  })

  it('heapLimit: past it malloc throws runtime: out of memory', () => {
    const rt = new Runtime({ heapLimit: 1 << 20 })
    rt.malloc(512 << 10, { noscan: true })
    expect(() => rt.malloc(1 << 20, { noscan: true })).toThrow(/^runtime: out of memory/)
    expect(() => rt.malloc(2 ** 48 + 8)).toThrow(/^runtime: out of memory/)
    checkHeap(rt)
  })
})
