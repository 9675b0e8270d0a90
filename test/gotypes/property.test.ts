// Properties of every layout, over random nested types: offsets rise and are aligned, the size is
// a multiple of the alignment, ptrdata fits and ends on a pointer word, printing a type and
// parsing it back gives the same layout, and the parser never throws anything but GoTypeError.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  type GoType,
  GoTypeError,
  arrayOf,
  chanOf,
  emptyInterface,
  funcType,
  layoutRows,
  mapOf,
  parseTypeDecls,
  parseTypeExpr,
  pointerMask,
  pointerTo,
  sliceOf,
  sourceString,
  structOf,
  types,
} from '@go-alloc/gotypes'

const basic = fc.constantFrom<GoType>(
  types.bool,
  types.int8,
  types.uint16,
  types.int32,
  types.float32,
  types.int,
  types.uintptr,
  types.float64,
  types.complex64,
  types.complex128,
  types.string,
  types.unsafePointer,
  types.byte,
  types.rune,
  emptyInterface(),
  funcType(),
)

const goType: fc.Arbitrary<GoType> = fc.letrec<{ t: GoType }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: basic },
    { weight: 1, arbitrary: tie('t').map(pointerTo) },
    { weight: 1, arbitrary: tie('t').map(sliceOf) },
    { weight: 1, arbitrary: fc.tuple(basic, tie('t')).map(([k, v]) => mapOf(k, v)) },
    { weight: 1, arbitrary: tie('t').map((t) => chanOf(t)) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.integer({ min: 0, max: 4 }), tie('t')).map(([n, t]) => arrayOf(n, t)),
    },
    {
      weight: 3,
      arbitrary: fc
        .array(tie('t'), { maxLength: 6 })
        .map((ts) => structOf(ts.map((type, i) => ({ name: i % 4 === 3 ? '_' : `f${i}`, type })))),
    },
  ),
})).t

function check(t: GoType): void {
  expect(t.align).toBeGreaterThanOrEqual(1)
  expect(t.size % t.align).toBe(0)
  expect(t.ptrdata).toBeLessThanOrEqual(t.size)
  expect(t.ptrdata % 8).toBe(0)
  const mask = pointerMask(t)
  expect(mask.length).toBe(t.ptrdata / 8)
  if (mask.length > 0) expect(mask[mask.length - 1]).toBe(true)
  if (t.kind === 'struct') {
    let end = 0
    for (const f of t.fields!) {
      expect(f.offset % f.type.align).toBe(0)
      expect(f.offset).toBeGreaterThanOrEqual(end)
      expect(f.offset - end).toBeLessThan(f.type.align) // only the padding alignment needs
      end = f.offset + f.type.size
      expect(t.align).toBeGreaterThanOrEqual(f.type.align)
      check(f.type)
    }
    expect(t.size).toBeGreaterThanOrEqual(end)
    const rows = layoutRows(t)
    expect(rows.reduce((n, r) => n + r.size + r.padding, rows[0]?.offset ?? t.size)).toBe(t.size)
    const last = t.fields!.at(-1)
    if (last !== undefined && last.type.size === 0 && end > 0) expect(t.size).toBeGreaterThan(end)
  }
  if (t.kind === 'array') {
    expect(t.size).toBe(t.len! * t.elem!.size)
    check(t.elem!)
  }
}

describe('layout properties', () => {
  it('offsets rise and are aligned; size is a multiple of align; ptrdata fits', () => {
    fc.assert(
      fc.property(goType, (t) => check(t)),
      { numRuns: 500 },
    )
  })
  it('printing a type as Go source and parsing it back gives the same layout and mask', () => {
    fc.assert(
      fc.property(goType, (t) => {
        const back = parseTypeExpr(sourceString(t))
        expect([back.size, back.align, back.ptrdata]).toEqual([t.size, t.align, t.ptrdata])
        expect(pointerMask(back)).toEqual(pointerMask(t))
        expect(sourceString(back)).toBe(sourceString(t))
      }),
      { numRuns: 300 },
    )
  })
})

describe('bad input', () => {
  it('any text: parseTypeExpr returns a type or throws GoTypeError with a position inside the text', () => {
    const alphabet = fc.constantFrom(
      ...('[]{}()*;,.=<-' + ' \n'),
      'int',
      'struct',
      'map',
      'chan',
      'func',
      'x',
      '3',
      '"t"',
      'type',
      'T',
      '`',
    )
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')),
        (src) => {
          try {
            parseTypeExpr(src)
          } catch (e) {
            expect(e).toBeInstanceOf(GoTypeError)
            const g = e as GoTypeError
            const lines = src.split('\n')
            expect(g.line).toBeGreaterThanOrEqual(1)
            expect(g.line).toBeLessThanOrEqual(lines.length)
            expect(g.column).toBeGreaterThanOrEqual(1)
            expect(g.column).toBeLessThanOrEqual(lines[g.line - 1].length + 1)
          }
        },
      ),
      { numRuns: 500 },
    )
  })
  it('any text: parseTypeDecls never throws, and every error has a position inside the text', () => {
    const alphabet = fc.constantFrom(
      'type ',
      'T',
      'U',
      ' struct{',
      '}',
      '[2]',
      '*',
      '\n',
      ' int',
      ';',
      '=',
      '(',
      ')',
      'const N = 2\n',
      '[N]',
    )
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')),
        (src) => {
          const r = parseTypeDecls(src)
          const lines = src.split('\n')
          for (const e of r.errors) {
            expect(e.line).toBeGreaterThanOrEqual(1)
            expect(e.line).toBeLessThanOrEqual(lines.length)
            expect(e.column).toBeLessThanOrEqual(lines[e.line - 1].length + 1)
          }
          for (const name of r.order) check(r.types.get(name)!)
        },
      ),
      { numRuns: 500 },
    )
  })
})
