// The types panel's model: layouts and malloc plans for pasted declarations, worked out by hand
// from gc's layout rules on amd64 and Go's size classes.
import { describe, expect, it } from 'vitest'
import { typesModel } from '../../site/tools/types.ts'
import { sortTypes } from '../../site/tools/render.ts'

const src = `package main

import "fmt"

type Node struct {
	a    bool
	next *Node
	b    bool
	val  int64
	c    bool
}

var x = 3

func main() { fmt.Println(x) }

type Small struct{ a, b uint8 }

type Big [5000]int64
`

describe('typesModel', () => {
  it('lays out a struct, plans new(T), and finds a better field order', () => {
    const m = typesModel(src, '1.27')
    expect(m.issues).toEqual([])
    expect(m.types.map((t) => t.name)).toEqual(['Node', 'Small', 'Big'])
    const node = m.types[0]
    // bool@0 (+7), *Node@8, bool@16 (+7), int64@24, bool@32 (+7) = 40 B, pointer bytes 16.
    expect(node.rows!.map((r) => [r.name, r.offset, r.padding])).toEqual([
      ['a', 0, 7],
      ['next', 8, 0],
      ['b', 16, 7],
      ['val', 24, 0],
      ['c', 32, 7],
    ])
    expect([node.size, node.align, node.ptrdata, node.padding]).toEqual([40, 8, 16, 21])
    expect(node.plan).toMatchObject({ kind: 'small', noscan: false, sizeclass: 5, slot: 48, waste: 8 })
    // next, val, a, b, c: 8 + 8 + 3 → 24 B, the 24-byte class 3.
    expect(node.better).toMatchObject({ size: 24, saves: 16 })
    expect(node.better!.plan).toMatchObject({ sizeclass: 3, slot: 24, waste: 0 })
    expect(node.better!.decl).toMatch(/next\s+\*Node[\s\S]*val\s+int64[\s\S]*a\s+bool/)
    // 2 pointer-free bytes: the tiny allocator.
    expect(m.types[1].plan).toMatchObject({ kind: 'tiny', noscan: true })
    // 40000 B pointer-free: large, 5 pages.
    expect(m.types[2].plan).toMatchObject({ kind: 'large', npages: 5 })
  })

  it('sorts by waste per object', () => {
    const m = typesModel(src, '1.27')
    // Big: 40000 B → 5 pages = 40960, 960 B wasted; Small: 2 B in a 16 B tiny block, up to 14 B; Node: 8 B.
    expect(sortTypes(m.types, 'waste').map((t) => [t.name, t.plan.waste])).toEqual([
      ['Big', 960],
      ['Small', 14],
      ['Node', 8],
    ])
  })

  it('reports syntax errors with line and column and keeps the types it could read', () => {
    const m = typesModel('type A struct { x int }\ntype B struct { y [ }\ntype C struct{ z *A }\n', '1.27')
    expect(m.issues.length).toBeGreaterThan(0)
    expect(m.issues[0].line).toBe(2)
    expect(m.issues[0].column).toBeGreaterThan(1)
    expect(m.types.map((t) => t.name)).toEqual(['A', 'C'])
  })

  it('says where a type too large for the heap is declared, and keeps the others', () => {
    const m = typesModel('type Huge [1 << 49]byte\ntype Ok struct{ a int }\n', '1.27')
    expect(m.types.map((t) => t.name)).toEqual(['Ok'])
    expect(m.issues).toHaveLength(1)
    expect(m.issues[0]).toMatchObject({ line: 1 })
    expect(m.issues[0].message).toMatch(/^Huge: /)
  })
})
