// The size-class explorer's model, checked against Go's published numbers
// (packages/core/docs/go-reference.md §2.1, §1.2, §3.3) and against invariants of the rounding rule.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  buildPlot,
  explorerView,
  initialState,
  parseSizeInput,
  stateFromParams,
  stateToParams,
  tableRows,
  type ExplorerState,
} from '../../site/widgets/size-class-explorer/model.ts'
import { renderExplorer } from '../../site/widgets/size-class-explorer/render.ts'

const st = (input: string, noscan = true, goVersion: ExplorerState['goVersion'] = '1.22'): ExplorerState => ({
  input,
  noscan,
  goVersion,
})

describe('parseSizeInput', () => {
  it.each([
    ['33', 33],
    [' 33 ', 33],
    ['1_000', 1000],
    ['32,768', 32768],
    ['4 KiB', 4096],
    ['4k', 4096],
    ['2MiB', 2 * 1024 * 1024],
    ['48 B', 48],
    ['0', 0],
  ])('%j → %d', (text, size) => {
    expect(parseSizeInput(text)).toEqual({ ok: true, size })
  })

  it.each(['', '   ', 'abc', '-1', '-0.5', '1.5', '33 apples', '0x21', '1e3', 'NaN', '281474976710657'])(
    '%j is refused with a message',
    (text) => {
      const r = parseSizeInput(text)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.message.length).toBeGreaterThan(10)
    },
  )

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseSizeInput(s)))
  })
})

describe('explorerView against Go', () => {
  it('starts at the newest release, Go 1.27', () => {
    expect(initialState.goVersion).toBe('1.27')
  })

  it('Go 1.27 keeps 128 B of inline mark bits at the end of a 16–512 B span: 24 B noscan → 336, not 341', () => {
    // (8192 − 128) / 24 = 336; before Go 1.26 the whole page: 8192 / 24 = 341.
    expect(explorerView(st('24', true, '1.27')).desc?.nelems).toBe(Math.floor((8192 - 128) / 24))
    expect(explorerView(st('24', true, '1.22')).desc?.nelems).toBe(Math.floor(8192 / 24))
    expect(explorerView(st('33', true, '1.27')).desc?.nelems).toBe(Math.floor((8192 - 128) / 48))
    expect(explorerView(st('33', true, '1.27')).note).toContain('inline mark bits')
  })

  it('make([]byte, 33) in Go 1.22: class 5, 48 B slots, 170 per one-page span, 32 B tail, 15 B wasted', () => {
    const v = explorerView(st('33', true, '1.22'))
    expect(v.message).toBeNull()
    expect(v.desc).toMatchObject({
      kind: 'small',
      sizeclass: 5,
      spanclass: 11,
      elemsize: 48,
      npages: 1,
      nelems: 170,
    })
    expect(v.desc?.wasteBytes).toBe(15)
    expect(v.desc?.tailWaste).toBe(32)
    expect(v.currentClass).toBe(5)
    expect(v.summary).toContain('33 B')
    expect(v.summary).toContain('class 5')
  })

  it('Go 1.22 scan spans of ≤ 512 B objects lose 128 B to pointer bits; 1.21 does not', () => {
    expect(explorerView(st('33', false, '1.22')).desc?.nelems).toBe(168)
    expect(explorerView(st('33', false, '1.21')).desc?.nelems).toBe(170)
    expect(explorerView(st('8', false, '1.22')).desc?.nelems).toBe(1008)
  })

  it('Go 1.22 pointerful objects above 512 B carry an 8-byte header', () => {
    const v = explorerView(st('1020', false, '1.22'))
    expect(v.desc?.header).toBe(true)
    expect(v.desc?.elemsize).toBe(1152)
    expect(v.note).toMatch(/header/)
    expect(explorerView(st('1020', true, '1.22')).desc?.elemsize).toBe(1024)
  })

  it('32761 B: large in 1.22 (own 4-page span, with a note naming 32760), class 67 in 1.21', () => {
    const v = explorerView(st('32761'))
    expect(v.desc).toMatchObject({ kind: 'large', sizeclass: 0, npages: 4, spanBytes: 32768 })
    expect(v.currentClass).toBeNull()
    expect(v.note).toContain('32760')
    expect(v.note).toContain('4 pages')
    const old = explorerView(st('32761', true, '1.21'))
    expect(old.desc).toMatchObject({ kind: 'small', sizeclass: 67, elemsize: 32768 })
  })

  it('100000 B is a large object of 13 pages', () => {
    const v = explorerView(st('100000'))
    expect(v.desc).toMatchObject({ kind: 'large', npages: 13, spanBytes: 106496 })
    expect(v.note).toMatch(/13 whole 8 KiB pages/)
    expect(v.slider).toBe(32768)
  })

  it('tiny and zero-size requests', () => {
    expect(explorerView(st('8')).desc).toMatchObject({ kind: 'tiny', sizeclass: 2, elemsize: 16 })
    expect(explorerView(st('8', false)).desc).toMatchObject({ kind: 'small', sizeclass: 1 })
    expect(explorerView(st('0')).desc?.kind).toBe('zero')
  })

  it('nonsense input becomes a message, never an exception', () => {
    for (const input of ['-4', 'lots', '2.5', '']) {
      const v = explorerView(st(input))
      expect(v.message).not.toBeNull()
      expect(v.desc).toBeNull()
      expect(v.currentClass).toBeNull()
      expect(v.summary).toContain(v.message as string)
    }
  })

  it('every small size lands in the smallest class whose slot holds it (noscan, ≥ 16 B)', () => {
    const rows = tableRows()
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 32760 }), (size) => {
        const v = explorerView(st(String(size)))
        const i = rows.findIndex((r) => r.class === v.currentClass)
        expect(i).toBeGreaterThanOrEqual(0)
        expect(rows[i]?.size).toBeGreaterThanOrEqual(size)
        if (i > 0) expect(rows[i - 1]?.size).toBeLessThan(size)
        expect(v.desc?.wasteBytes).toBe((rows[i]?.size ?? 0) - size)
      }),
      { numRuns: 300 },
    )
  })
})

describe('table and plot', () => {
  it('has Go’s 67 classes with the published first, middle and last rows', () => {
    const rows = tableRows()
    expect(rows).toHaveLength(67)
    expect(rows[0]).toMatchObject({ class: 1, size: 8, npages: 1, objects: 1024, tailWaste: 0 })
    expect(rows[39]).toMatchObject({ class: 40, size: 2688, npages: 1, objects: 3, tailWaste: 128 })
    expect(rows[64]).toMatchObject({ class: 65, size: 27264, npages: 10, objects: 3 })
    expect(rows[66]).toMatchObject({ class: 67, size: 32768, npages: 4, objects: 1 })
    expect(rows[4]?.maxWastePct).toBeCloseTo(31.52, 2)
  })

  it('plot: one point per class, left to right by size, inside the view box', () => {
    const p = buildPlot(tableRows())
    expect(p.points).toHaveLength(67)
    for (let i = 1; i < p.points.length; i++)
      expect(p.points[i]?.x).toBeGreaterThan(p.points[i - 1]?.x as number)
    for (const q of p.points) {
      expect(q.x).toBeGreaterThanOrEqual(p.pad.left)
      expect(q.x).toBeLessThanOrEqual(p.width - p.pad.right)
      expect(q.y).toBeGreaterThanOrEqual(p.pad.top)
      expect(q.y).toBeLessThanOrEqual(p.height - p.pad.bottom)
    }
    // Higher waste is drawn higher (smaller y).
    const [a, b] = [p.points[0], p.points[31]]
    expect(a && b && a.maxWastePct > b.maxWastePct && a.y < b.y).toBe(true)
  })
})

describe('URL state', () => {
  it('round-trips and ignores bad values', () => {
    const s = st('1025', false, '1.21')
    // The version is the page's (?go= in the query), not the figure's hash: it comes from `base`.
    expect(stateToParams(s)).not.toHaveProperty('go')
    expect(stateFromParams(new URLSearchParams(stateToParams(s)), s)).toEqual(s)
    expect(stateFromParams(new URLSearchParams('size=8&go=1.21')).goVersion).toBe(initialState.goVersion)
    const bad = stateFromParams(new URLSearchParams('noscan=maybe&go=2.0'))
    expect(bad).toEqual(initialState)
  })
})

describe('build-time render', () => {
  it('prints the starting state: inputs, the result, the highlighted row and the summary', () => {
    const html = renderExplorer(explorerView(initialState), 'size-class-explorer')
    expect(html).toContain('value="33"')
    expect(html).toContain('<tr data-class="5" aria-current="true">')
    expect((html.match(/aria-current="true"/g) ?? []).length).toBe(1)
    expect(html).toContain('48 B')
    expect(html).toContain('<svg')
    expect(html).toContain('class="nb-summary"')
  })

  it('escapes what the reader typed', () => {
    const html = renderExplorer(explorerView(st('<img src=x onerror=alert(1)>')), 'x')
    expect(html).not.toContain('<img src=x')
  })
})
