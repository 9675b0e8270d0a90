// The spans figure's walk against facts worked out here by hand: Go's size-class table puts the
// program's noscan objects in spans of 48 B (1 page, 170 slots), 1024 B (1 page), 3072 B (3 pages,
// 8 slots), 40 KiB (a large object: 5 pages), 512 B (1 page), 4096 B (1 page, 2 slots) × 2, laid
// out from the heap's first page in that order; the arena index is (p + 2^47) >> 26, the page in
// the arena (p >> 13) mod 8192, Go ≤ 1.10's entry (p − 0xc420000000) >> 13, the object
// (p − base) / elemsize. Go 1.26+ ends every span of 16–512 B objects in 128 B of inline mark
// bits. A freed span's entry is stale (still names it) and the state check
// rejects it; a byte past a span's last object fails the bounds check (base + nelems × elemsize).
import { describe, expect, it } from 'vitest'
import {
  addressForGoto,
  drawnPages,
  lookup,
  parseAddress,
  picks,
  spanScenario,
  walkSteps,
} from '../../site/widgets/span-lookup/model.ts'
import { renderSpanLookup, stepWords } from '../../site/widgets/span-lookup/render.ts'
import { stringsFor } from '../../site/widgets/span-lookup/strings.ts'

const go = '1.27'
const sc = spanScenario(go)
// Go 1.27 randomizes the heap base (seed 1 here); the spans still follow each other from it.
const base = sc.heapBase
const hex = (n: number) => `0x${n.toString(16)}`
// Pages per span from Go's sizeclasses.go (bytes/span ÷ 8192) and the large object's size.
const layout = [
  ['A', 48, 1],
  ['B', 1024, 1],
  ['C', 3072, 3],
  ['D', 40960, 5],
  ['E', 512, 1],
  ['F', 4096, 1],
  ['G', 4096, 1],
] as const

describe('the heap', () => {
  it('lays the spans out page after page from the heap base', () => {
    expect(sc.heapBase).not.toBe(0xc000000000)
    expect(sc.heapBase % 8192).toBe(0)
    let page = 0
    for (const [label, size, npages] of layout) {
      const s = sc.spans.find((x) => x.label === label)!
      expect(s.page, label).toBe(page)
      expect(s.npages, label).toBe(npages)
      expect(s.elemsize, label).toBe(size === 40960 ? 40960 : size)
      const usable = npages * 8192 - (size >= 16 && size <= 512 ? 128 : 0)
      if (size !== 40960) expect(s.nelems, label).toBe(Math.floor(usable / size))
      page += npages
    }
    expect(sc.spans.find((x) => x.label === 'G')!.state).toBe('mSpanDead')
    const expected = layout.flatMap(([l, , n]) => Array<string>(n).fill(l))
    expect(sc.entries).toEqual([...expected, ...Array(drawnPages - expected.length).fill(null)])
    expect(sc.legacyEntries).toEqual(sc.entries)
  })
})

describe('the walk', () => {
  it('finds the object of a byte inside a 48-byte object', () => {
    const p = base + 2 * 48 + 5
    const r = lookup(go, hex(p))
    if (!r.ok) return expect.unreachable()
    const w = r.walk
    expect(w.arenaIndex).toBe(Math.floor((p + 2 ** 47) / 2 ** 26))
    expect(w.pageInArena).toBe(Math.floor(p / 8192) % 8192)
    expect(w.entry).toBe('A')
    expect(w.verdict.kind).toBe('found')
    if (w.verdict.kind === 'found') {
      expect(w.verdict.object).toBe(2)
      expect(w.verdict.offset).toBe(5)
    }
    expect(w.legacy.index).toBe((0xc420000000 + 2 * 48 + 5 - 0xc420000000) >> 13)
    expect(walkSteps(w)).toEqual(['arena', 'heapArena', 'entry', 'mspan', 'check', 'object'])
  })
  it('reads a multi-page span from any of its pages, in both layouts', () => {
    const p = base + 3 * 8192 + 100 // C's second page
    const r = lookup(go, hex(p))
    if (!r.ok) return expect.unreachable()
    expect(r.walk.entry).toBe('C')
    if (r.walk.verdict.kind === 'found') expect(r.walk.verdict.object).toBe(Math.floor((8192 + 100) / 3072))
    else expect.unreachable()
    const lp = 0xc420000000 + 3 * 8192 + 100
    expect(r.walk.legacy.addr).toBe(lp)
    expect(r.walk.legacy.index).toBe((lp - 0xc420000000) >> 13)
    expect(r.walk.legacy.entry).toBe('C')
    expect(r.walk.legacy.verdict).toBe('found')
  })
  it('rejects a stale entry of a freed span by its state, like spanOfHeap', () => {
    const p = base + 12 * 8192 + 8
    const r = lookup(go, hex(p))
    if (!r.ok) return expect.unreachable()
    expect(r.walk.entry).toBe('G')
    expect(r.walk.verdict.kind).toBe('dead')
    expect(r.walk.legacy.verdict).toBe('dead')
    expect(addressForGoto(go, 'stale')).toBe(hex(p))
    const words = stepWords(r.walk, stringsFor('en'), sc).map((s) => s.text)
    expect(words.at(-1)).toMatch(/mSpanDead.*stale/)
  })
  it('rejects a byte past the last object by the bounds check', () => {
    const p = base + 168 * 48 + 4 // A's tail: 168 objects end at 8064; 128 B of mark bits follow
    const r = lookup(go, hex(p))
    if (!r.ok) return expect.unreachable()
    expect(r.walk.entry).toBe('A')
    expect(r.walk.verdict.kind).toBe('bounds')
  })
  it('stops at a nil entry, a nil arena, a non-user address', () => {
    const free = lookup(go, hex(base + 13 * 8192))
    if (free.ok) expect(free.walk.verdict.kind).toBe('nilEntry')
    const other = lookup(go, '0xc420000000')
    if (other.ok) expect(other.walk.verdict.kind).toBe('noArena')
    expect(addressForGoto(go, 'notheap')).toBe('0xc420000000')
    const high = lookup(go, '0xffff800000000000')
    if (high.ok) expect(walkSteps(high.walk)).toEqual(['arena'])
  })
  it('explains bad input and never throws', () => {
    expect(parseAddress('0xc0_0h')).toEqual({ ok: false, error: { kind: 'digit', char: 'h', column: 7 } })
    expect(lookup(go, '').ok).toBe(false)
    for (const p of picks(go)) expect(lookup(go, p.addr).ok).toBe(true)
  })
  it('renders both languages at build time', () => {
    const addr = addressForGoto(go, 'stale')
    const en = renderSpanLookup({ id: 'span-lookup', go, addr, step: 99, locale: 'en' }, sc, lookup(go, addr))
    expect(en).toContain('G†')
    expect(en).toContain('Step 5 of 5')
    const zh = renderSpanLookup({ id: 'span-lookup', go, addr, step: 2, locale: 'zh' }, sc, lookup(go, addr))
    expect(zh).toContain('第 2 步，共 5 步')
  })
})
