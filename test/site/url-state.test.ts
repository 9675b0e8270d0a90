import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatFigureHash, parseFigureHash, parseGoto } from '../../site/widgets/shared/url-state.ts'
import { withBase } from '../../site/lib/url.ts'
import { withBaseHref } from '../../site/lib/base-links.mjs'

describe('figure state in the URL hash', () => {
  it('leaves plain heading anchors alone', () => {
    expect(parseFigureHash('#why-round-up-at-all')).toBeNull()
    expect(parseFigureHash('')).toBeNull()
    expect(parseFigureHash('#')).toBeNull()
    expect(parseFigureHash('#:size=3')).toBeNull()
    expect(parseFigureHash('#Bad_Id:x=1')).toBeNull()
  })

  it('parses the documented example', () => {
    const s = parseFigureHash('#size-class-explorer:size=33&noscan=1&go=1.22')
    expect(s?.id).toBe('size-class-explorer')
    expect(s?.params.get('size')).toBe('33')
    expect(s?.params.get('noscan')).toBe('1')
    expect(s?.params.get('go')).toBe('1.22')
  })

  it('round-trips any params through format and parse', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 12 })),
        (id, params) => {
          const s = parseFigureHash(formatFigureHash(id, params))
          expect(s?.id).toBe(id)
          expect(Object.fromEntries(s?.params ?? [])).toEqual(params)
        },
      ),
    )
  })

  it('formats booleans as 1/0 and rejects bad ids', () => {
    expect(formatFigureHash('w', { on: true, off: false })).toBe('#w:on=1&off=0')
    expect(() => formatFigureHash('Not OK', {})).toThrow(RangeError)
  })

  it('parses data-goto values', () => {
    expect(parseGoto('span-walk:12')).toEqual({ id: 'span-walk', value: '12' })
    expect(parseGoto('size-class-explorer:4 KiB')).toEqual({ id: 'size-class-explorer', value: '4 KiB' })
    expect(parseGoto('nocolon')).toBeNull()
    expect(parseGoto(':5')).toBeNull()
  })
})

describe('base-aware links', () => {
  it('prefixes root-relative paths once, leaves the rest', () => {
    for (const f of [withBase, withBaseHref.bind(null, '/go-alloc/')]) {
      const g = (p: string) => (f === withBase ? withBase(p, '/go-alloc/') : (f as (p: string) => string)(p))
      expect(g('/size-classes/')).toBe('/go-alloc/size-classes/')
      expect(g('/go-alloc/size-classes/')).toBe('/go-alloc/size-classes/')
      expect(g('/go-alloc')).toBe('/go-alloc')
      expect(g('/')).toBe('/go-alloc/')
      expect(g('https://go.dev/')).toBe('https://go.dev/')
      expect(g('//cdn.example/x')).toBe('//cdn.example/x')
      expect(g('#anchor')).toBe('#anchor')
      expect(g('relative/x')).toBe('relative/x')
    }
    expect(withBase('/x/', '/')).toBe('/x/')
    expect(withBaseHref('/', '/x/')).toBe('/x/')
  })
})
