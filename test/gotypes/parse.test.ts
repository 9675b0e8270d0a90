// Type declarations and expressions: what is accepted (as gc accepts it) and what is refused,
// with the line and column of the error.
import { describe, expect, it } from 'vitest'
import { GoTypeError, parseTypeDecls, parseTypeExpr, typeString, types, structOf } from '@go-alloc/gotypes'

describe('parseTypeDecls', () => {
  it('reads a whole file, skipping what is not a type or constant declaration', () => {
    const r = parseTypeDecls(`package main

import "fmt"

var global = 3

type Point struct{ X, Y int }

func main() { fmt.Println(Point{}) }

type (
	A int
	B []A
)
`)
    expect(r.errors).toEqual([])
    expect(r.order).toEqual(['Point', 'A', 'B'])
    expect(r.types.get('Point')!.size).toBe(16)
    expect(typeString(r.types.get('B')!)).toBe('main.B')
    expect(typeString(r.types.get('B')!.elem!)).toBe('main.A')
    expect(r.positions.get('A')).toEqual({ line: 12, column: 2 })
  })

  it('forward references and recursion through pointers, slices, maps and funcs', () => {
    const r = parseTypeDecls(`
type List struct { head *Node; n int }
type Node struct { next *Node; kids []Node; m map[string]Node; f func(Node) Node; v Value }
type Value struct { a, b int32 }
type P *P
type S []S
`)
    expect(r.errors).toEqual([])
    const node = r.types.get('Node')!
    // next 8, kids 24, m 8, f 8, v 8 → 56
    expect(node.fields!.map((f) => f.offset)).toEqual([0, 8, 32, 40, 48])
    expect(node.size).toBe(56)
    expect(node.fields![0].type.elem).toBe(node)
    expect(r.types.get('List')!.fields![0].type.elem).toBe(node)
    const p = r.types.get('P')!
    expect(p.kind).toBe('pointer')
    expect(p.elem).toBe(p)
    expect(r.types.get('S')!.elem).toBe(r.types.get('S'))
    expect(Object.isFrozen(node) && Object.isFrozen(p)).toBe(true)
  })

  it('func types refer to defined types, themselves included, as reflect prints them', () => {
    const r = parseTypeDecls('type F func(F, ...T) (F, error)\ntype T struct{ cb func() T; g func([2]T) }')
    expect(r.errors).toEqual([])
    const f = r.types.get('F')!
    expect(typeString(f.underlying!)).toBe('func(main.F, ...main.T) (main.F, error)')
    expect(f.params![0]).toBe(f)
    const t = r.types.get('T')!
    expect(t.fields!.map((x) => typeString(x.type))).toEqual(['func() main.T', 'func([2]main.T) '.trim()])
    expect(t.size).toBe(16)
  })

  it('mutual references where one side holds the other by value', () => {
    const r = parseTypeDecls(`type A struct { p *B; x int8 }
type B struct { a A; y int8 }
type C struct { p *[2]C }`)
    expect(r.errors).toEqual([])
    expect(r.types.get('A')!.size).toBe(16)
    expect(r.types.get('B')!.size).toBe(24)
    expect(r.types.get('C')!.fields![0].type.elem!.size).toBe(16)
  })

  it('aliases stand for their target; byte and rune are uint8 and int32', () => {
    const r = parseTypeDecls('type Bytes = []byte\ntype T struct { b Bytes; r rune }\ntype U = T')
    expect(r.errors).toEqual([])
    expect(typeString(r.types.get('Bytes')!)).toBe('[]uint8')
    expect(r.types.get('U')).toBe(r.types.get('T'))
    expect(typeString(r.types.get('U')!)).toBe('main.T')
  })

  it('a defined type from a defined type takes its structure, not its name', () => {
    const r = parseTypeDecls('type A struct{ x int }\ntype B A')
    const b = r.types.get('B')!
    expect(typeString(b)).toBe('main.B')
    expect(b.fields).toBe(r.types.get('A')!.fields)
    expect(typeString(b.underlying!)).toBe('struct { x int }')
  })

  it('array lengths from integer constants, iota and implicit repetition', () => {
    const r = parseTypeDecls(`const N = 1 << 3
const (
	A = iota * 2
	B
	C
)
type T struct { a [N]byte; b [C + 1]int16; c [0x10 &^ 1]bool; d [(N - 2) / 3]int64 }`)
    expect(r.errors).toEqual([])
    const t = r.types.get('T')!
    expect(t.fields!.map((f) => f.type.len)).toEqual([8, 5, 16, 2])
  })

  it('atomic.Pointer[T], the one generic type it knows', () => {
    const r = parseTypeDecls(
      'type N struct { next atomic.Pointer[N]; atomic.Pointer[int] }\ntype L[T any] struct{}\ntype M struct{ l L[int] }',
    )
    expect(r.order).toEqual(['N'])
    const n = r.types.get('N')!
    expect([n.size, n.ptrdata]).toEqual([16, 16])
    expect(n.fields!.map((f) => [f.name, typeString(f.type)])).toEqual([
      ['next', 'atomic.Pointer[main.N]'],
      ['Pointer', 'atomic.Pointer[int]'],
    ])
    expect(r.errors.map((e) => e.message)).toEqual([
      'generic type L is not supported (type parameters are outside the subset)',
      'generic type L[int] is not supported (of generic types only atomic.Pointer[T] is known)',
    ])
  })

  it('standard-library types it knows', () => {
    const r = parseTypeDecls('type T struct { mu sync.Mutex; n atomic.Int64; t time.Time }')
    expect(r.errors).toEqual([])
    // Mutex 8 (align 4) @0, atomic.Int64 @8, time.Time (24, pointer last) @16 → 40, ptrdata 40
    const t = r.types.get('T')!
    expect(t.fields!.map((f) => f.offset)).toEqual([0, 8, 16])
    expect([t.size, t.ptrdata]).toEqual([40, 40])
    expect(typeString(t.fields![0].type)).toBe('sync.Mutex')
  })

  describe('errors name what was wrong and where; the other types are still returned', () => {
    it('invalid recursive types (direct, through arrays, through a cycle)', () => {
      const r = parseTypeDecls(`type Ok int
type T struct { a int; t T }
type A [2]B
type B struct { a A }
type D struct { d [0]D }
`)
      expect(r.order).toEqual(['Ok'])
      expect(r.errors).toEqual([
        { message: 'invalid recursive type T: T refers to T', line: 2, column: 6 },
        { message: 'invalid recursive type A: A refers to B refers to A', line: 3, column: 6 },
        { message: 'invalid recursive type D: D refers to D', line: 5, column: 6 },
      ])
    })
    it('recursive aliases', () => {
      const r = parseTypeDecls('type A = *A\ntype B = []C\ntype C = B')
      expect(r.order).toEqual([])
      expect(r.errors.map((e) => [e.line, e.column, e.message])).toEqual([
        [1, 6, 'invalid recursive type alias A: A refers to A'],
        [2, 6, 'invalid recursive type alias B: B refers to C refers to B'],
      ])
    })
    it('undefined names; dependents are left out', () => {
      const r = parseTypeDecls('type T struct {\n\tx Missing\n}\ntype U struct{ t *T }\ntype V int')
      expect(r.order).toEqual(['V'])
      expect(r.errors).toEqual([{ message: 'undefined: Missing', line: 2, column: 4 }])
    })
    it('syntax errors say what was expected', () => {
      const r = parseTypeDecls('type A int\ntype T struct {\n\ta int\n\tb ]int\n}\ntype B string')
      expect(r.order).toEqual(['A', 'B'])
      expect(r.errors).toEqual([
        { message: "syntax error: unexpected ']', expected a field type", line: 4, column: 4 },
      ])
      const e = parseTypeDecls('type T struct {\n\ta int\n').errors
      expect(e).toHaveLength(1)
      expect(e[0].message).toMatch(/^syntax error: unexpected end of input, expected/)
      expect(e[0].line).toBe(3)
    })
    it('generics, negative lengths, duplicate fields and declarations', () => {
      const r = parseTypeDecls(`type L[T any] struct{ v T }
type N struct { a [-1]int }
type F struct { a int; b, a string }
type G int
type G string
const K = "x"
type H [K]int`)
      expect(r.errors.map((e) => `${e.line}:${e.column} ${e.message}`)).toEqual([
        '1:6 generic type L is not supported (type parameters are outside the subset)',
        '2:20 invalid array length -1 (-1)',
        '3:27 a redeclared (a field of this struct already has that name)',
        '5:6 G redeclared in this block',
        '7:9 K is not an integer constant (array length "x" must be an integer constant expression)',
      ])
      expect(r.order).toEqual(['G'])
    })
  })
})

describe('parseTypeExpr', () => {
  it('builds types, resolving names in the scope first', () => {
    const scope = new Map([['Pair', structOf([{ name: 'a', type: types.int }])]])
    const t = parseTypeExpr('[]*Pair', scope)
    expect(typeString(t)).toBe('[]*struct { a int }')
    expect(parseTypeExpr('  map[string] []int ').kind).toBe('map')
  })
  it.each([
    ['', 1, 1, 'expected a type, found end of input'],
    ['[]', 1, 3, 'syntax error: unexpected end of input'],
    ['int]', 1, 4, "syntax error: unexpected ']'"],
    ['Foo', 1, 1, 'undefined: Foo'],
    ['struct{\n  a int\n  a string\n}', 3, 3, 'a redeclared'],
    ['[1<<60]int64', 1, 2, 'too large'],
    ['sync.Cond', 1, 1, 'undefined: sync.Cond'],
    ['[...]int', 1, 1, 'invalid use of [...] array'],
  ])('%j → %d:%d %s', (src, line, column, msg) => {
    let err: unknown
    try {
      parseTypeExpr(src)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(GoTypeError)
    const g = err as GoTypeError
    expect([g.line, g.column]).toEqual([line, column])
    expect(g.message).toContain(msg)
    expect(g.message.startsWith(`${line}:${column}: `)).toBe(true)
  })
})
