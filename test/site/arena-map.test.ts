// The arena figure's model against arithmetic done here by hand, independently of the model and
// the core: the arena index of an address is (p + 2^47) >> 26 on linux/amd64 (0xc000000000 →
// 2109440); the legacy reservation is spans 512 MiB | bitmap 16 GiB | arena 512 GiB from
// 0xc000000000, so arena_start = 0xc000000000 + 2^29 + 2^34 = 0xc420000000 and a page's spans
// entry is (p − 0xc420000000) >> 13; the bitmap grows down, one byte per 4 words; growth is
// in 4 MiB chunks (a 10 MiB object grows the heap by 12 MiB) and an arena holds 16 of them.
import { describe, expect, it } from 'vitest'
import {
  arenaIndexOf,
  buildArenaModel,
  defaultAddress,
  formatOps,
  lookup,
  parseAddress,
  parseOps,
  startOps,
} from '../../site/widgets/arena-map/model.ts'
import { renderArenaMap } from '../../site/widgets/arena-map/render.ts'

const MiB = 2 ** 20
const GiB = 2 ** 30
const handArenaIndex = (p: number) => Math.floor((p + 2 ** 47) / 2 ** 26)
const legacyArenaStart = 0xc000000000 + 512 * MiB + 16 * GiB

describe('address arithmetic', () => {
  it('arenaIndex is (p + 2^47) >> 26 for user addresses', () => {
    expect(legacyArenaStart).toBe(0xc420000000)
    for (const p of [0, 0xc000000000, 0xc003ffffff, 0xc004000000, 0xc420000000, 2 ** 47 - 1])
      expect(arenaIndexOf(BigInt(p))).toBe(BigInt(handArenaIndex(p)))
    expect(arenaIndexOf(0xc000000000n)).toBe(2109440n)
    // Kernel-half addresses wrap around to small indexes (uint64 arithmetic).
    expect(arenaIndexOf(0xffff800000000000n)).toBe(0n)
  })
  it('parses hex addresses and says what is wrong with bad input', () => {
    expect(parseAddress(' 0xC000_0000_00 ')).toEqual({ ok: true, value: 0xc000000000n })
    expect(parseAddress('c420000000')).toEqual({ ok: true, value: 0xc420000000n })
    expect(parseAddress('0xc00g')).toEqual({ ok: false, error: { kind: 'digit', char: 'g', column: 6 } })
    expect(parseAddress('  12z')).toEqual({ ok: false, error: { kind: 'digit', char: 'z', column: 5 } })
    expect(parseAddress('0x')).toEqual({ ok: false, error: { kind: 'empty' } })
    expect(parseAddress('0x1' + '0'.repeat(16))).toEqual({ ok: false, error: { kind: 'long', digits: 17 } })
  })
  it('parses and formats programs, rejecting unknown steps by position', () => {
    expect(parseOps('10, 60,f')).toEqual({ ok: true, ops: [10, 60, 'free'] })
    expect(formatOps([10, 'free', 1])).toBe('10,f,1')
    const bad = parseOps('10,7')
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error).toMatch(/step 2 is "7"/)
  })
})

const fixed = { base: 'fixed', seed: 1 } as const

describe('the starting program (10, 10, 60 MiB), heap base fixed at 0xc000000000', () => {
  const m = buildArenaModel(startOps, '1.27', fixed)
  it('lays out the 64 fixed hints of Go, i<<40 | 0x00c0<<32', () => {
    expect(m.modern.hints).toEqual(Array.from({ length: 64 }, (_, i) => i * 2 ** 40 + 0xc000000000))
  })
  it('grows the heap in 4 MiB chunks across two 64 MiB arenas', () => {
    // 10 MiB → +12 MiB; 10 MiB → +12 MiB (20 MiB used, 4 free); 60 MiB: 56 more needed → +60 MiB.
    const grown = 12 + 12 + 60
    const chunks = m.modern.arenas.flatMap((a) => a.chunks)
    expect(chunks.filter((c) => c.state !== 'reserved').length).toBe(grown / 4)
    expect(m.modern.arenas.length).toBe(Math.ceil(grown / 64))
    expect(m.modern.mappedBytes).toBe(grown * MiB)
    const inUse = chunks.reduce((n, c) => n + c.inUsePages, 0)
    expect(inUse * 8192).toBe(80 * MiB)
    // The last mapped chunk holds only free pages: never touched, so Prepared.
    const mapped = chunks.filter((c) => c.state !== 'reserved')
    expect(mapped.at(-1)?.state).toBe('prepared')
    expect(mapped.slice(0, -1).every((c) => c.state === 'ready')).toBe(true)
    for (const a of m.modern.arenas) {
      expect(a.l2).toBe(handArenaIndex(a.base))
      expect(a.base % (64 * MiB)).toBe(0)
    }
  })
  it('puts the legacy heap at arena_start and maps its metadata in proportion', () => {
    expect(m.legacy.arenaStart).toBe(legacyArenaStart)
    expect(m.legacy.objects[0]).toBe(legacyArenaStart)
    const used = m.legacy.arenaUsed - m.legacy.arenaStart
    expect(used).toBe(84 * MiB)
    // Bitmap: 2 bits per 8-byte word = used / 32, mapped in whole 8 KiB pieces.
    expect(m.legacy.bitmapMapped).toBe(Math.ceil(used / 32 / 8192) * 8192)
    // Spans array: 8 bytes per 8 KiB page, mapped in whole 4 KiB pages.
    expect(m.legacy.spansMapped).toBe(Math.ceil(((used / 8192) * 8) / 4096) * 4096)
  })
  it('looks up an address in both layouts', () => {
    const p = 0xc000a00010 // 16 bytes into the second object (10 MiB in)
    const r = lookup(m, hex(p))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.modern.kind).toBe('span')
    if (r.modern.kind === 'span') {
      expect(r.modern.l2).toBe(handArenaIndex(p))
      expect(r.modern.page).toBe(Math.floor((p - 0xc000000000) / 8192))
      expect(r.modern.chunk.index).toBe(Math.floor((p - 0xc000000000) / (4 * MiB)))
      expect(r.modern.span.base).toBe(0xc000000000 + 10 * MiB)
      expect(r.modern.offset).toBe(16)
    }
    // In Go 1.10 this address was inside the spans array: entry (p − 0xc000000000) / 8.
    expect(r.legacy).toEqual({
      kind: 'spans',
      entry: (p - 0xc000000000) / 8,
      forPage: (p - 0xc000000000) / 8,
    })
    const q = legacyArenaStart + 10 * MiB + 3 * 8192 + 5
    const rl = lookup(m, hex(q))
    if (rl.ok && rl.legacy.kind === 'arena') {
      expect(rl.legacy.page).toBe((q - 0xc420000000) >> 13)
      expect(rl.legacy.span?.base).toBe(legacyArenaStart + 10 * MiB)
    } else expect.unreachable('legacy arena verdict')
    if (rl.ok) expect(rl.modern.kind).toBe('noArena')
    const b = legacyArenaStart - 1 - 7
    const rb = lookup(m, hex(b))
    if (rb.ok) expect(rb.legacy).toEqual({ kind: 'bitmap', byteFromTop: 7, forWord: 28 })
  })
  it('says why an address is not heap', () => {
    const tail = lookup(m, '0xc005400000') // 84 MiB in: mapped? no — the 22nd chunk is reserved
    if (tail.ok) expect(tail.modern.kind).toBe('reserved')
    const free = lookup(m, hex(0xc000000000 + 81 * MiB))
    if (free.ok) expect(free.modern.kind).toBe('freePage')
    const user = lookup(m, '0x800000000000')
    if (user.ok) expect(user.modern.kind).toBe('notUser')
    expect(lookup(m, 'xyz')).toEqual({ ok: false, error: { kind: 'digit', char: 'x', column: 1 } })
  })
  it('renders the starting state in both languages', () => {
    const en = renderArenaMap(
      { id: 'arena-map', model: m, addr: defaultAddress(m), size: 10, locale: 'en', base: fixed },
      lookup(m, defaultAddress(m)),
    )
    expect(en).toContain('arenas[0][2109440]')
    expect(en).toContain('0xc420000000')
    const zh = renderArenaMap(
      { id: 'arena-map', model: m, addr: 'zz', size: 10, locale: 'zh', base: fixed },
      lookup(m, 'zz'),
    )
    expect(zh).toContain('不是十六进制数字')
    expect(zh).toContain('已预留')
  })
})

describe('free all', () => {
  it('returns every page to the OS: chunks fall back to Prepared, arenas stay reserved', () => {
    const m = buildArenaModel([...startOps, 'free'], '1.27', fixed)
    const chunks = m.modern.arenas.flatMap((a) => a.chunks)
    expect(m.modern.arenas.length).toBe(2)
    expect(chunks.filter((c) => c.state === 'prepared').length).toBe(21)
    expect(chunks.filter((c) => c.state === 'ready').length).toBe(0)
    expect(m.modern.readyBytes).toBe(0)
  })
})

function hex(n: number): string {
  return `0x${n.toString(16)}`
}

describe('Go 1.26+: the randomized heap base', () => {
  it('draws the base from the seed; every arena still sits at (p + 2^47) >> 26', () => {
    const a = buildArenaModel(startOps, '1.27')
    const b = buildArenaModel(startOps, '1.27', { base: 'auto', seed: 2 })
    expect(a.modern.randomized).toBe(true)
    expect(a.modern.arenas[0]!.base).not.toBe(0xc000000000)
    expect(b.modern.arenas[0]!.base).not.toBe(a.modern.arenas[0]!.base)
    for (const m of [a, b]) {
      for (const ar of m.modern.arenas) {
        expect(ar.l2).toBe(handArenaIndex(ar.base))
        expect(ar.base % (64 * MiB)).toBe(0)
      }
      // Below 2^46, and the first object's arena is one of the heap's.
      expect(m.modern.arenas.at(-1)!.base).toBeLessThan(2 ** 46)
      const r = lookup(m, defaultAddress(m))
      if (r.ok) expect(r.modern.kind).toBe('span')
      // Chunks below the heap's random first chunk were never mapped.
      const first = m.modern.arenas[0]!.chunks
      const k = first.findIndex((c) => c.state !== 'reserved')
      expect(first.slice(0, k).every((c) => c.state === 'reserved')).toBe(true)
    }
    // The hints (Go 1.26 mallocinit): with base = the first hint and prefix = bits 38–45 of it,
    // hint i = ((prefix + i) & 0xff) << 38 | (base & ^(0xff << 40)) — the low part keeps bits 38
    // and 39, so they are ORed into the new prefix, as in Go.
    const hints = a.modern.hints
    expect(hints).toHaveLength(64)
    expect(a.modern.arenas[0]!.base).toBe(hints[0])
    const base = BigInt(hints[0]!)
    const prefix = (base >> 38n) & 0xffn
    for (let k = 0; k < 64; k++) {
      const want = (((prefix + BigInt(k)) & 0xffn) << 38n) | (base & ((1n << 40n) - 1n))
      expect(BigInt(hints[k]!), `hint ${k}`).toBe(want)
    }
    // Before 1.26 (and with layout 'legacy') the base is fixed.
    expect(buildArenaModel(startOps, '1.25').modern.arenas[0]!.base).toBe(0xc000000000)
  })
})
