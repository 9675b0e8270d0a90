// Layouts worked out by hand from the Go spec's size guarantees and gc's amd64 rules (every
// expected number below is derived in the comment next to it, not printed by the code under test).
import { describe, expect, it } from 'vitest'
import {
  types,
  pointerTo,
  sliceOf,
  arrayOf,
  structOf,
  mapOf,
  chanOf,
  funcType,
  emptyInterface,
  named,
  typeString,
  sourceString,
  pointerMask,
  hasPointers,
  parseTypeExpr,
  layoutRows,
  type GoType,
} from '@go-alloc/gotypes'

const L = (t: GoType) => [t.size, t.align, t.ptrdata]

describe('basic kinds (Go spec "Size and alignment guarantees", amd64 word = 8)', () => {
  // [kind, size, align, ptrdata]
  const table: [keyof typeof types, number, number, number][] = [
    ['bool', 1, 1, 0],
    ['int8', 1, 1, 0],
    ['uint8', 1, 1, 0],
    ['byte', 1, 1, 0],
    ['int16', 2, 2, 0],
    ['uint16', 2, 2, 0],
    ['int32', 4, 4, 0],
    ['rune', 4, 4, 0],
    ['uint32', 4, 4, 0],
    ['float32', 4, 4, 0],
    ['int', 8, 8, 0],
    ['uint', 8, 8, 0],
    ['uintptr', 8, 8, 0],
    ['int64', 8, 8, 0],
    ['uint64', 8, 8, 0],
    ['float64', 8, 8, 0],
    ['complex64', 8, 4, 0], // two float32
    ['complex128', 16, 8, 0], // two float64
    ['string', 16, 8, 8], // data pointer, length
    ['unsafePointer', 8, 8, 8],
    ['any', 16, 8, 16], // type word, data word
    ['error', 16, 8, 16],
  ]
  it.each(table)('%s: size %d, align %d, ptrdata %d', (k, size, align, ptrdata) => {
    expect(L(types[k])).toEqual([size, align, ptrdata])
  })
  it('pointer-shaped kinds are one word holding a pointer; a slice three words', () => {
    expect(L(pointerTo(types.int))).toEqual([8, 8, 8])
    expect(L(mapOf(types.string, types.int))).toEqual([8, 8, 8])
    expect(L(chanOf(types.int))).toEqual([8, 8, 8])
    expect(L(funcType())).toEqual([8, 8, 8])
    expect(L(sliceOf(types.int))).toEqual([24, 8, 8]) // data pointer, len, cap
  })
})

describe('structs', () => {
  it('padding between fields and at the end', () => {
    // a bool @0, 7 bytes padding, b int64 @8, c bool @16, then round 17 up to 8 → 24
    const s = structOf([
      { name: 'a', type: types.bool },
      { name: 'b', type: types.int64 },
      { name: 'c', type: types.bool },
    ])
    expect(s.fields!.map((f) => f.offset)).toEqual([0, 8, 16])
    expect(L(s)).toEqual([24, 8, 0])
    // reordered: b @0, a @8, c @9 → 10 → 16
    const t = structOf([
      { name: 'b', type: types.int64 },
      { name: 'a', type: types.bool },
      { name: 'c', type: types.bool },
    ])
    expect(t.fields!.map((f) => f.offset)).toEqual([0, 8, 9])
    expect(t.size).toBe(16)
  })
  it('alignment is the largest field alignment; complex64 aligns to 4', () => {
    // a int8 @0, c complex64 @4 (align 4) → 12, align 4 → 12
    const s = structOf([
      { name: 'a', type: types.int8 },
      { name: 'c', type: types.complex64 },
    ])
    expect(s.fields![1].offset).toBe(4)
    expect(L(s)).toEqual([12, 4, 0])
  })
  it('empty struct is zero-size with alignment 1; a zero-size final field costs a byte', () => {
    expect(L(structOf([]))).toEqual([0, 1, 0])
    // x int64 @0, z struct{} @8: size 8 + 1 padding byte = 9 → rounded to 16 (gc, issue 9401)
    const s = structOf([
      { name: 'x', type: types.int64 },
      { name: 'z', type: structOf([]) },
    ])
    expect(s.fields![1].offset).toBe(8)
    expect(s.size).toBe(16)
    // the same fields the other way round: z @0, x @0 → 8, no extra byte
    const t = structOf([
      { name: 'z', type: structOf([]) },
      { name: 'x', type: types.int64 },
    ])
    expect(t.fields!.map((f) => f.offset)).toEqual([0, 0])
    expect(t.size).toBe(8)
    // only zero-size fields: the struct is zero-size, no byte added
    expect(structOf([{ name: 'a', type: arrayOf(0, types.int64) }]).size).toBe(0)
    // a byte then struct{}: z @1, end 1 + 1 byte = 2, align 1 → 2
    expect(
      structOf([
        { name: 'a', type: types.uint8 },
        { name: 'z', type: structOf([]) },
      ]).size,
    ).toBe(2)
  })
  it('zero-size final field with a larger alignment (worked out)', () => {
    // a uint8 @0; z [0]int32 has align 4 → offset 4; end = 4; +1 byte = 5; align 4 → 8
    const s = structOf([
      { name: 'a', type: types.uint8 },
      { name: 'z', type: arrayOf(0, types.int32) },
    ])
    expect(s.fields![1].offset).toBe(4)
    expect(s.size).toBe(8)
  })
  it('ptrdata ends after the last pointer word', () => {
    // s string @0 (ptr word 0), n int @16, p *int @24 → ptrdata 32; size 40 with a trailing int
    const s = structOf([
      { name: 's', type: types.string },
      { name: 'n', type: types.int },
      { name: 'p', type: pointerTo(types.int) },
      { name: 'm', type: types.int },
    ])
    expect(L(s)).toEqual([40, 8, 32])
    expect(pointerMask(s)).toEqual([true, false, false, true])
    // an interface contributes both words to ptrdata, but only its data word is a pointer
    const i = structOf([
      { name: 'n', type: types.int },
      { name: 'e', type: emptyInterface() },
      { name: 'b', type: types.bool },
    ])
    expect(L(i)).toEqual([32, 8, 24])
    expect(pointerMask(i)).toEqual([false, false, true])
  })
  it('embedded and blank fields take space like any other', () => {
    const inner = named('Inner', structOf([{ name: 'x', type: types.int32 }]))
    const s = structOf([
      { name: '_', type: types.int16 },
      { name: 'Inner', type: inner, embedded: true },
      { name: '_', type: types.bool },
    ])
    // _ int16 @0, Inner (align 4) @4, _ bool @8 → 9 → 12
    expect(s.fields!.map((f) => f.offset)).toEqual([0, 4, 8])
    expect(s.size).toBe(12)
    expect(typeString(s)).toBe('struct { _ int16; main.Inner; _ bool }')
  })
  it('rejects duplicate field names but allows several blank ones', () => {
    expect(() =>
      structOf([
        { name: 'a', type: types.int },
        { name: 'a', type: types.int },
      ]),
    ).toThrow(/duplicate field a/)
  })
})

describe('arrays', () => {
  it('n × element size, element alignment, ptrdata up to the last element’s pointers', () => {
    expect(L(arrayOf(3, types.int16))).toEqual([6, 2, 0])
    expect(L(arrayOf(0, types.string))).toEqual([0, 8, 0])
    // [3]string: 48 bytes; pointers at words 0, 2, 4 → ptrdata = 2×16 + 8 = 40
    const a = arrayOf(3, types.string)
    expect(L(a)).toEqual([48, 8, 40])
    expect(pointerMask(a)).toEqual([true, false, true, false, true])
  })
  it('refuses types of 2^50 bytes or more, as gc does', () => {
    expect(() => arrayOf(2 ** 47, types.int64)).toThrow(/too large/)
    expect(arrayOf(2 ** 46, types.int64).size).toBe(2 ** 49)
  })
})

describe('typeString as %T prints it', () => {
  it.each([
    ['[]byte', '[]uint8'],
    ['map[string][]rune', 'map[string][]int32'],
    ['chan<- int', 'chan<- int'],
    ['<-chan int', '<-chan int'],
    ['chan (<-chan int)', 'chan (<-chan int)'],
    ['*[4]unsafe.Pointer', '*[4]unsafe.Pointer'],
    ['func(a, b int) (string, error)', 'func(int, int) (string, error)'],
    ['func(int) error', 'func(int) error'],
    ['func(a, b int, c ...string) (x int)', 'func(int, int, ...string) int'],
    ['func(func()) (p *byte, q []rune)', 'func(func()) (*uint8, []int32)'],
    ['interface{}', 'interface {}'],
    // methods sorted exported first, then by name; parameter names dropped; error expanded;
    // unexported method names qualified by their package, as reflect prints them
    [
      'interface{ n(); M(a int) (s string, err error); error }',
      'interface { Error() string; M(int) (string, error); main.n() }',
    ],
    ['any', 'interface {}'],
    ['struct{}', 'struct {}'],
    ['struct{ a int; b, c string }', 'struct { a int; b string; c string }'],
    ['struct{ a int `json:"a"` }', 'struct { a int "json:\\"a\\"" }'],
  ])('%s → %s', (src, want) => {
    expect(typeString(parseTypeExpr(src))).toBe(want)
  })
  it('defined types carry their package; source form keeps byte and drops main', () => {
    const n = named('Node', structOf([{ name: 'b', type: sliceOf(types.byte) }]))
    expect(typeString(pointerTo(n))).toBe('*main.Node')
    expect(sourceString(pointerTo(n))).toBe('*Node')
    expect(sourceString(n.fields![0].type)).toBe('[]byte')
  })
})

describe('hasPointers / pointerMask', () => {
  it('pointer-free composite types have no mask', () => {
    const t = structOf([
      { name: 'a', type: arrayOf(4, types.float64) },
      { name: 'b', type: types.complex128 },
    ])
    expect(hasPointers(t)).toBe(false)
    expect(pointerMask(t)).toEqual([])
  })
  it('nested: [2]struct{ x int; s []int } → slices at words 1 and 5', () => {
    const e = structOf([
      { name: 'x', type: types.int },
      { name: 's', type: sliceOf(types.int) },
    ])
    const a = arrayOf(2, e)
    // element 32 bytes, its slice at +8; ptrdata = 32 + 16 = 48
    expect(L(a)).toEqual([64, 8, 48])
    expect(pointerMask(a)).toEqual([false, true, false, false, false, true])
  })
})

describe('layoutRows', () => {
  it('padding after each field adds up to the size', () => {
    // a bool @0 +7, b int64 @8 +0, c int16 @16, z struct{} @18: +1 byte (gc) → 19 → 24: +6
    const t = parseTypeExpr('struct{ a bool; b int64; c int16; z struct{} }')
    expect(layoutRows(t).map((r) => [r.name, r.type, r.offset, r.size, r.padding])).toEqual([
      ['a', 'bool', 0, 1, 7],
      ['b', 'int64', 8, 8, 0],
      ['c', 'int16', 16, 2, 0],
      ['z', 'struct{}', 18, 0, 6],
    ])
    expect(t.size).toBe(24)
    expect(() => layoutRows(types.int)).toThrow(/struct/)
  })
})
