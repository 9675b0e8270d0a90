// The shared memory pieces (site/widgets/shared/memory): the palette in memory.css is the one in
// palette.ts, every ink reaches WCAG AA (4.5:1) on its fill by the WCAG formula written out here,
// a span strip puts slot i at base + i × elemsize on the address scale, merges runs only when
// slots are too narrow, hatches exactly the tail bytes; bits sit LSB-first with byte gaps.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  classColourIndex,
  classColours,
  classFill,
  largeColour,
  paletteDeclarations,
  splitSpanClass,
} from '../../site/widgets/shared/memory/palette.ts'
import { spanStripSVG, stripX } from '../../site/widgets/shared/memory/span-strip.ts'
import { slotSVG, stateLegendHTML, type SlotState } from '../../site/widgets/shared/memory/states.ts'
import { bitGridSVG, bitXY } from '../../site/widgets/shared/memory/bits.ts'
import { pageGridSVG } from '../../site/widgets/shared/memory/pages.ts'

const css = readFileSync(new URL('../../site/widgets/shared/memory/memory.css', import.meta.url), 'utf8')

function block(selector: string): string {
  const i = css.indexOf(`${selector} {`)
  expect(i, selector).toBeGreaterThanOrEqual(0)
  return css.slice(i, css.indexOf('}', i))
}

function luminance(hex: string): number {
  const v = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
  const lin = v.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

describe('palette', () => {
  it('memory.css declares exactly the palette of palette.ts, per theme', () => {
    for (const [sel, theme] of [
      [':root', 'dark'],
      [":root[data-theme='light']", 'light'],
    ] as const) {
      const b = block(sel)
      for (const d of paletteDeclarations(theme)) expect(b, `${theme}: ${d}`).toContain(d)
      expect(b.match(/--nb-class-/g)?.length).toBe(paletteDeclarations(theme).length)
    }
  })
  it('ink on every fill reaches 4.5:1 in both themes', () => {
    for (const c of [...classColours, largeColour]) {
      expect(contrast(c.light, c.inkLight), `${c.name} light`).toBeGreaterThanOrEqual(4.5)
      expect(contrast(c.dark, c.inkDark), `${c.name} dark`).toBeGreaterThanOrEqual(4.5)
    }
  })
  it('neighbouring size classes take different hues; class 0 has its own', () => {
    for (let c = 1; c < 67; c++) expect(classColourIndex(c)).not.toBe(classColourIndex(c + 1))
    // The classes the chapters draw most take hues of their own.
    const common = [1, 2, 3, 5, 18, 26, 32, 41, 44]
    expect(new Set(common.map(classColourIndex)).size).toBe(common.length)
    expect(classFill(0)).toBe('var(--nb-class-large)')
    expect(classFill(5)).toBe(`var(--nb-class-${Math.floor(((5 * 0.404) % 1) * 9)})`)
    expect(() => classFill(68)).toThrow(/0\.\.67/)
    expect(splitSpanClass(11)).toEqual({ sizeclass: 5, noscan: true })
  })
})

describe('span strip', () => {
  it('draws slot i at address scale and hatches the tail', () => {
    // class 5: 48-byte slots, 170 per 8 KiB span, 32 tail bytes.
    const o = { x: 10, y: 20, width: 8192 / 4, height: 10, spanBytes: 8192 }
    const svg = spanStripSVG({ ...o, sizeclass: 5, elemsize: 48, nelems: 170, state: () => 'used' })
    const m = /data-slot="7"><rect class="nb-m-box" x="([\d.]+)"/.exec(svg)
    expect(Number(m?.[1])).toBeCloseTo(10 + (7 * 48) / 4, 2)
    expect(stripX(o, 7 * 48)).toBeCloseTo(10 + 84, 5)
    expect(svg.match(/data-slot=/g)?.length).toBe(170)
    const tail = /nb-m-tail"><rect class="nb-m-box" x="([\d.]+)" y="20" width="([\d.]+)"/.exec(svg)
    expect(Number(tail?.[1])).toBeCloseTo(10 + (170 * 48) / 4, 2)
    expect(Number(tail?.[2])).toBeCloseTo(32 / 4, 2)
  })
  it('merges equal runs when slots are narrower than minSlotPx', () => {
    const states = Array.from({ length: 1024 }, (_, i): SlotState =>
      i < 100 ? 'used' : i < 101 ? 'marked' : 'free',
    )
    const svg = spanStripSVG({
      x: 0,
      y: 0,
      width: 300,
      height: 8,
      spanBytes: 8192,
      sizeclass: 1,
      elemsize: 8,
      nelems: 1024,
      state: states,
      changed: new Set([100]),
    })
    expect(svg).toContain('data-slots="0-99"')
    expect(svg).toContain('nb-m-marked nb-m-changed" data-slots="100-100"')
    expect(svg).toContain('data-slots="101-1023"')
    expect(svg).not.toContain('nb-m-tail')
  })
  it('rejects impossible geometry', () => {
    expect(() =>
      spanStripSVG({
        x: 0,
        y: 0,
        width: 1,
        height: 1,
        spanBytes: 0,
        sizeclass: 1,
        elemsize: 8,
        nelems: 1,
        state: [],
      }),
    ).toThrow(/spanBytes 0/)
  })
})

describe('states, pages, bits', () => {
  it('gives every state a shape cue besides colour', () => {
    expect(slotSVG(0, 0, 10, 10, 'marked', 3)).toContain('<circle')
    expect(slotSVG(0, 0, 10, 10, 'swept', 3)).toContain('<line')
    expect(slotSVG(0, 0, 10, 10, 'tail', 3)).toContain('url(#nb-m-hatch)')
    expect(slotSVG(0, 0, 10, 10, 'free', 3)).not.toContain('fill:')
    expect(stateLegendHTML('zh')).toContain('被清扫释放')
  })
  it('colours in-use pages by class and hatches large objects', () => {
    const svg = pageGridSVG({
      x: 0,
      y: 0,
      cols: 4,
      cellW: 10,
      cellH: 10,
      cells: [
        { state: 'inuse', sizeclass: 2, label: 'A' },
        { state: 'inuse', sizeclass: 0 },
        { state: 'free' },
        { state: 'reserved' },
      ],
    })
    expect(svg).toContain(`fill:${classFill(2)}`)
    expect(svg).toContain('url(#nb-m-lines)')
    expect(svg).toContain('nb-m-reserved')
  })
  it('places bit i LSB-first with a gap after each byte', () => {
    const o = { x: 0, y: 0, cols: 16, cell: 8, byteGap: 3 }
    expect(bitXY(o, 0)).toEqual({ x: 0, y: 0 })
    expect(bitXY(o, 7)).toEqual({ x: 56, y: 0 })
    expect(bitXY(o, 8)).toEqual({ x: 67, y: 0 })
    expect(bitXY(o, 17)).toEqual({ x: 8, y: 10 })
    const svg = bitGridSVG({ ...o, bits: [1, 0, 1], digits: true })
    expect(svg.match(/nb-m-bit1/g)?.length).toBe(2)
    expect(svg).toContain('data-bit="2"')
  })
})
