// ast.ts — the Lezer Go syntax tree as a plain tree, with postfix operators re-associated.
//
// @lezer/go is a highlighting grammar: its precedence table puts selectors, index and slice
// expressions and calls *below* the binary and unary operators, so `a + b[1]` parses as
// `(a + b)[1]` and `m2.X - m1.X` as `(m2.X - m1).X`. Go binds postfix operators tightest. While
// copying the tree, a postfix node whose operand is a binary or unary expression is pushed down
// onto that expression's rightmost operand: Postfix(Binary(l, op, r)) → Binary(l, op, Postfix(r)),
// Postfix(Unary(op, x)) → Unary(op, Postfix(x)). Parenthesised operands are left alone.

import type { SyntaxNode } from '@lezer/common'

export class GNode {
  name: string
  from: number
  to: number
  isError: boolean
  children: GNode[] = []
  parent: GNode | null = null
  constructor(name: string, from: number, to: number, isError = false) {
    this.name = name
    this.from = from
    this.to = to
    this.isError = isError
  }
  get firstChild(): GNode | null {
    return this.children[0] ?? null
  }
  get lastChild(): GNode | null {
    return this.children[this.children.length - 1] ?? null
  }
  get nextSibling(): GNode | null {
    const p = this.parent
    if (p === null) return null
    const i = p.children.indexOf(this)
    return p.children[i + 1] ?? null
  }
  getChild(name: string): GNode | null {
    return this.children.find((c) => c.name === name) ?? null
  }
  getChildren(name: string): GNode[] {
    return this.children.filter((c) => c.name === name)
  }
  /** Every node below this one, depth first, in source order. */
  *descendants(): Generator<GNode> {
    for (const c of this.children) {
      yield c
      yield* c.descendants()
    }
  }
}

const postfix = new Set(['SelectorExpr', 'IndexExpr', 'SliceExpr', 'CallExpr', 'TypeAssertion'])

function copy(n: SyntaxNode): GNode {
  const g = new GNode(n.name, n.from, n.to, n.type.isError)
  for (let c = n.firstChild; c !== null; c = c.nextSibling) {
    const k = copy(c)
    k.parent = g
    g.children.push(k)
  }
  return postfix.has(g.name) ? reassociate(g) : g
}

/** Push postfix node p down into its operand when that operand is a binary or unary expression. */
function reassociate(p: GNode): GNode {
  const op = p.children[0]
  if (op === undefined || (op.name !== 'BinaryExp' && op.name !== 'UnaryExp')) return p
  // the operand's rightmost operand takes p's place
  const inner = op.children[op.children.length - 1]
  const moved = new GNode(p.name, inner.from, p.to)
  moved.children = [inner, ...p.children.slice(1)]
  for (const c of moved.children) c.parent = moved
  const fixed = reassociate(moved)
  op.children[op.children.length - 1] = fixed
  fixed.parent = op
  op.to = p.to
  op.parent = p.parent
  return op
}

/** Copy a Lezer tree into GNodes, fixing postfix precedence. */
export function toGTree(top: SyntaxNode): GNode {
  return copy(top)
}
