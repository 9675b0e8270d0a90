// optimalOrder against hand-worked examples and against brute force over every permutation.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  type GoType,
  arrayOf,
  emptyInterface,
  optimalOrder,
  parseTypeDecls,
  pointerTo,
  sliceOf,
  structOf,
  types,
} from '@go-alloc/gotypes'

describe('optimalOrder', () => {
  it('the classic bool/int64/bool: 24 → 16 bytes', () => {
    const { types: ts } = parseTypeDecls('type T struct {\n\ta bool\n\tb int64\n\tc bool\n}')
    const o = optimalOrder(ts.get('T')!)
    expect(o.saves).toBe(8)
    expect(o.indexes).toEqual([1, 0, 2])
    expect(o.decl).toBe('type T struct {\n\tb int64\n\ta bool\n\tc bool\n}')
    expect(o.type.size).toBe(16)
  })
  it('same size, fewer pointer bytes: pointers first', () => {
    // struct{ n int; p *int }: ptrdata 16; reordered { p; n }: ptrdata 8
    const o = optimalOrder(
      structOf([
        { name: 'n', type: types.int },
        { name: 'p', type: pointerTo(types.int) },
      ]),
    )
    expect([o.saves, o.ptrdataSaves, o.indexes]).toEqual([0, 8, [1, 0]])
  })
  it('zero-size fields first (a trailing one would cost padding)', () => {
    const o = optimalOrder(
      structOf([
        { name: 'x', type: types.int64 },
        { name: 'z', type: structOf([]) },
      ]),
    )
    expect([o.type.size, o.saves, o.indexes]).toEqual([8, 8, [1, 0]])
  })
  it('among pointerful fields, fewer trailing scalar bytes first (fieldalignment)', () => {
    // string (16, ptrdata 8: 8 trailing), *int (8, 0 trailing), any (16, ptrdata 16: 0 trailing)
    const o = optimalOrder(
      structOf([
        { name: 's', type: types.string },
        { name: 'p', type: pointerTo(types.int) },
        { name: 'e', type: emptyInterface() },
      ]),
    )
    // trailing: e 0, p 0 (tie → larger first: e), then s; ptrdata = 16 + 8 + 8 = 32
    expect(o.indexes).toEqual([2, 1, 0])
    expect(o.type.ptrdata).toBe(32)
  })
  it('keeps tags and embedded fields in the declaration', () => {
    const { types: ts } = parseTypeDecls('type T struct {\n\tok bool `json:"ok"`\n\tsync.Mutex\n\tn int64\n}')
    expect(optimalOrder(ts.get('T')!).decl).toBe(
      'type T struct {\n\tn  int64\n\tsync.Mutex\n\tok bool `json:"ok"`\n}',
    )
  })
  it('refuses non-structs', () => {
    expect(() => optimalOrder(types.int)).toThrow(/struct/)
  })

  const leaf = fc.constantFrom<GoType>(
    types.bool,
    types.int8,
    types.int16,
    types.int32,
    types.int64,
    types.float32,
    types.complex64,
    types.complex128,
    types.string,
    pointerTo(types.int),
    sliceOf(types.byte),
    emptyInterface(),
    structOf([]),
    arrayOf(3, types.int16),
    arrayOf(0, types.int64),
    structOf([
      { name: 'a', type: types.int32 },
      { name: 'p', type: pointerTo(types.int) },
      { name: 'b', type: types.int8 },
    ]),
  )

  function* permutations(n: number): Generator<number[]> {
    const a = [...Array(n).keys()]
    const c = new Array(n).fill(0)
    yield [...a]
    let i = 0
    while (i < n) {
      if (c[i] < i) {
        const j = i % 2 === 0 ? 0 : c[i]
        ;[a[j], a[i]] = [a[i], a[j]]
        yield [...a]
        c[i]++
        i = 0
      } else {
        c[i] = 0
        i++
      }
    }
  }

  it('property: no permutation is smaller, and none with that size has fewer pointer bytes', () => {
    fc.assert(
      fc.property(fc.array(leaf, { minLength: 1, maxLength: 6 }), (fts) => {
        const fields = fts.map((type, i) => ({ name: `f${i}`, type }))
        const o = optimalOrder(structOf(fields))
        let best = Infinity
        let bestPtr = Infinity
        for (const p of permutations(fields.length)) {
          const s = structOf(p.map((i) => fields[i]))
          if (s.size < best || (s.size === best && s.ptrdata < bestPtr)) {
            best = s.size
            bestPtr = s.ptrdata
          }
        }
        expect(o.type.size).toBe(best)
        expect(o.type.ptrdata).toBe(bestPtr)
      }),
      { numRuns: 200 },
    )
  })
})
