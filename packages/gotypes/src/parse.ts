// parse.ts — Go type declarations and type expressions, read with the Lezer Go grammar.
//
// Design. `parseTypeDecls` reads a whole Go file (anything that is not a top-level type or const
// declaration is skipped), then builds every declared type:
//   1. each defined type (`type T U`) gets a named shell first, so declarations may refer to
//      each other in any order;
//   2. a type is built from its syntax; a reference to a defined type that needs its layout
//      (array element, struct field, the type it is defined from) builds that type first, and
//      meeting a type already being built on that path is an invalid recursive type, as in gc
//      (`type T struct{ next T }`); the element of a pointer, slice, map or channel does not need
//      a layout, so it is filled in afterwards (`type Node struct{ next *Node }` is fine);
//   3. aliases (`type A = B`) stand for their target; an alias that refers to itself, directly or
//      through other aliases, is an error.
// Array lengths are constant expressions: integer literals, top-level integer constants
// (with iota and the implicit repetition of const groups), + − * / % << >> & | ^ &^ and
// parentheses. `unsafe.Pointer` is known; other qualified types come from `stdTypes` (std.ts).
// Errors carry 1-based line and column and say what was expected; a type that fails (or depends
// on one that failed) is left out of the result, the others are still returned.
//
// Simplifications: no generics (a type parameter list is an error), no methods or method sets,
// struct tags kept as written, map keys are not checked for comparability, constants are untyped
// integers only (no typed, float, string or rune constants in array lengths).

import { goParser as parser } from './goparser.ts'
import {
  type ChanDir,
  type Field,
  type GoType,
  type Mutable,
  type Method,
  arrayOf,
  finishNamed,
  interfaceOf,
  layoutStruct,
  structOf,
  sliceOf,
  newNamedShell,
  predeclared,
  types,
} from './types.ts'
import { stdTypes } from './std.ts'

type SyntaxNode = ReturnType<typeof parser.parse>['topNode']

export interface GoSyntaxError {
  message: string
  /** 1-based */
  line: number
  /** 1-based, in UTF-16 code units */
  column: number
}

export class GoTypeError extends Error {
  readonly line: number
  readonly column: number
  constructor(message: string, line: number, column: number) {
    super(`${line}:${column}: ${message}`)
    this.name = 'GoTypeError'
    this.line = line
    this.column = column
  }
}

export interface ParsedDecls {
  /** Every declared type that could be built (aliases included, under their own name). */
  types: Map<string, GoType>
  /** Names of `types` in declaration order. */
  order: string[]
  errors: GoSyntaxError[]
  /** Declaration positions of the names in `types`. */
  positions: Map<string, { line: number; column: number }>
}

/** Lines and columns of offsets in a text. */
class Positions {
  private readonly starts: number[] = [0]
  private readonly text: string
  private readonly shift: number
  constructor(text: string, shift = 0) {
    this.text = text
    this.shift = shift
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1)
  }
  at(pos: number): { line: number; column: number } {
    const p = Math.max(0, Math.min(pos - this.shift, this.text.length))
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= p) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: p - this.starts[lo] + 1 }
  }
}

class Fail extends Error {
  readonly pos: number
  cycle?: string[]
  /** Raised only because another declaration failed (that one's error is reported). */
  dependent = false
  constructor(message: string, pos: number) {
    super(message)
    this.pos = pos
  }
}

// What a syntax error inside a node of this kind was expecting.
const expectations: Record<string, string> = {
  StructBody: 'expected a field name or an embedded type',
  FieldDecl: 'expected a field type',
  TypeSpec: 'expected a type',
  TypeDecl: "expected a type name or '('",
  SpecList: "expected a declaration or ')'",
  ArrayType: "expected an array length and ']'",
  SliceType: 'expected an element type',
  PointerType: 'expected a type',
  MapType: "expected 'map[' key ']' value",
  ChannelType: 'expected a channel element type',
  InterfaceBody: "expected a method or '}'",
  Parameters: "expected a parameter or ')'",
  ConstSpec: 'expected a constant expression',
  ParenthesizedType: "expected a type and ')'",
}

function describeToken(src: string, from: number, to: number): string {
  if (from >= src.length) return 'end of input'
  let text = src.slice(from, Math.max(to, from + 1))
  const nl = text.indexOf('\n')
  if (nl === 0) return 'newline'
  if (nl > 0) text = text.slice(0, nl)
  if (text.length > 20) text = text.slice(0, 20) + '…'
  return `'${text}'`
}

/** Syntax errors of a Lezer tree, at most one per top-level declaration. */
function syntaxErrors(src: string, top: SyntaxNode) {
  const out: { message: string; pos: number; decl: SyntaxNode }[] = []
  const seen = new Set<number>()
  // One walk over the tree; the first error node of each top-level declaration is reported.
  const c = top.cursor()
  while (c.next()) {
    if (!c.type.isError) continue
    const first = c.node
    let decl = first
    while (decl.parent !== null && decl.parent.parent !== null) decl = decl.parent
    if (seen.has(decl.from)) continue
    seen.add(decl.from)
    let parent = first.parent
    while (parent !== null && expectations[parent.name] === undefined && parent.parent !== null)
      parent = parent.parent
    let expected = parent !== null ? expectations[parent.name] : undefined
    if (expected === undefined) expected = expectations[decl.name] ?? 'expected a declaration'
    // Where the grammar had to insert something, report the next real token.
    let tokFrom = first.from
    let tokTo = first.to
    if (tokFrom === tokTo) {
      while (tokFrom < src.length && /[ \t\r]/.test(src[tokFrom])) tokFrom++
      tokTo = tokFrom + 1
      while (tokTo < src.length && /\w/.test(src[tokFrom]) && /\w/.test(src[tokTo])) tokTo++
    }
    out.push({
      message: `syntax error: unexpected ${describeToken(src, tokFrom, tokTo)}, ${expected}`,
      pos: tokFrom,
      decl,
    })
  }
  return out
}

function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = []
  for (let c = n.firstChild; c !== null; c = c.nextSibling) out.push(c)
  return out
}

const punctuation = new Set([
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ';',
  ',',
  '.',
  '*',
  '=',
  '<-',
  '...',
  'Comment',
  'LineComment',
  'BlockComment',
])

function significant(n: SyntaxNode): SyntaxNode[] {
  return kids(n).filter((k) => !punctuation.has(k.name))
}

const typeNodes = new Set([
  'TypeName',
  'QualifiedType',
  'PointerType',
  'SliceType',
  'ArrayType',
  'MapType',
  'ChannelType',
  'FunctionType',
  'InterfaceType',
  'StructType',
  'ParenthesizedType',
  'ParameterizedType',
])

interface DeclInfo {
  name: string
  node: SyntaxNode // the TypeSpec
  nameNode: SyntaxNode
  typeNode: SyntaxNode | null
  alias: boolean
  state: 'new' | 'building' | 'done' | 'failed'
  shell?: Mutable
  value?: GoType // aliases: the target; defined types: the finished shell
  deps: Set<string>
}

interface ConstInfo {
  name: string
  expr: SyntaxNode | null
  iota: number
  pos: number
  state: 'new' | 'building' | 'done' | 'failed'
  value?: bigint
}

class Builder {
  readonly decls = new Map<string, DeclInfo>()
  readonly consts = new Map<string, ConstInfo>()
  /** Defined types on the current build path, for the recursion check. */
  private readonly path: string[] = []
  /** Pointer/slice/map/chan types whose element is filled in later. */
  readonly deferred: { run: () => void; owner: string | null }[] = []
  /** Declaration currently being built (dependencies are recorded on it). */
  owner: string | null = null

  readonly src: string
  readonly scope: ReadonlyMap<string, GoType> | undefined
  constructor(src: string, scope: ReadonlyMap<string, GoType> | undefined) {
    this.src = src
    this.scope = scope
  }

  text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to)
  }

  /** Build the type a syntax node denotes. */
  type(n: SyntaxNode): GoType {
    switch (n.name) {
      case 'TypeName':
        return this.typeName(n)
      case 'QualifiedType': {
        const q = this.text(n).replace(/\s+/g, '')
        if (q === 'unsafe.Pointer') return types.unsafePointer
        const std = stdTypes.get(q)
        if (std !== undefined) return std
        const pkg = q.slice(0, q.indexOf('.'))
        throw new Fail(
          `undefined: ${q} (only unsafe.Pointer and a few standard types are known: ${[...stdTypes.keys()].filter((k) => k.startsWith(pkg + '.')).join(', ') || 'none from package ' + pkg})`,
          n.from,
        )
      }
      case 'ParenthesizedType':
        return this.type(this.only(n))
      case 'PointerType':
        return this.later({ kind: 'pointer', size: 8, align: 8, ptrdata: 8 }, this.only(n))
      case 'SliceType': {
        if (kids(n).some((k) => k.name === '...'))
          throw new Fail('invalid use of [...] array (outside a composite literal)', n.from)
        return this.later({ kind: 'slice', size: 24, align: 8, ptrdata: 8 }, this.only(n))
      }
      case 'MapType': {
        const [k, v] = significant(n).filter((x) => typeNodes.has(x.name))
        if (k === undefined || v === undefined) throw new Fail("expected 'map[' key ']' value", n.from)
        return this.later({ kind: 'map', size: 8, align: 8, ptrdata: 8 }, v, k)
      }
      case 'ChannelType': {
        const ks = kids(n)
        const arrowIdx = ks.findIndex((k) => k.name === '<-')
        const chanIdx = ks.findIndex((k) => k.name === 'chan')
        const dir: ChanDir = arrowIdx < 0 ? 'both' : arrowIdx < chanIdx ? 'recv' : 'send'
        const elem = ks.filter((k) => typeNodes.has(k.name))
        if (elem.length !== 1) throw new Fail('expected a channel element type', n.from)
        return this.later({ kind: 'chan', dir, size: 8, align: 8, ptrdata: 8 }, elem[0])
      }
      case 'FunctionType':
        return this.funcSignature(n)
      case 'InterfaceType': {
        const body = kids(n).find((k) => k.name === 'InterfaceBody')
        const elems = body === undefined ? [] : significant(body)
        const methods: Method[] = []
        const embeds: string[] = []
        for (const e of elems) {
          if (e.name === 'MethodElem') {
            const nm = kids(e).find((k) => k.name === 'FieldName')
            if (nm === undefined) throw new Fail('expected a method name', e.from)
            methods.push({ name: this.text(nm), type: this.funcSignature(e) })
          } else if (e.name === 'TypeName' || e.name === 'QualifiedType' || e.name === 'ParenthesizedType') {
            // An embedded interface: its methods when we know them (error, declared interfaces).
            let t: GoType | undefined
            try {
              t = this.type(e)
            } catch (err) {
              if (e.name !== 'QualifiedType') throw err
            }
            if (t === undefined) embeds.push(this.text(e).replace(/\s+/g, ''))
            else if (t.kind !== 'interface')
              throw new Fail(`cannot embed non-interface type ${this.text(e)} in an interface`, e.from)
            else {
              for (const m of t.methods ?? []) methods.push(m)
              for (const x of t.embeds ?? []) embeds.push(x)
            }
          } else
            throw new Fail(
              'type constraints (unions, ~T) are not supported: generics are outside the subset',
              e.from,
            )
        }
        return interfaceOf(methods, embeds)
      }
      case 'ArrayType':
        return this.array(n)
      case 'StructType':
        return this.struct(n)
      case 'ParameterizedType':
        return this.instance(n)
      default:
        throw new Fail(`expected a type, found ${describeToken(this.src, n.from, n.to)}`, n.from)
    }
  }

  private only(n: SyntaxNode): SyntaxNode {
    const t = kids(n).filter((k) => typeNodes.has(k.name))
    if (t.length !== 1) throw new Fail('expected a type', n.from)
    return t[0]
  }

  /** A func type; its parameter and result types are filled in later (they need no layout). */
  private funcSignature(n: SyntaxNode): GoType {
    const parts = kids(n)
    const pi = parts.findIndex((k) => k.name === 'Parameters')
    const params = pi < 0 ? [] : this.paramNodes(parts[pi])
    const r = pi < 0 ? undefined : parts[pi + 1]
    const results =
      r === undefined
        ? []
        : r.name === 'Parameters'
          ? this.paramNodes(r)
          : typeNodes.has(r.name)
            ? [{ node: r, variadic: false }]
            : []
    if (results.some((x) => x.variadic)) throw new Fail('cannot use ... in a result list', n.from)
    params.slice(0, -1).forEach((x) => {
      if (x.variadic) throw new Fail('can only use ... with the final parameter', x.node.from)
    })
    const f: Mutable = { kind: 'func', size: 8, align: 8, ptrdata: 8 }
    this.deferred.push({
      owner: this.owner,
      run: () => {
        f.params = params.map((x) => (x.variadic ? sliceOf(this.reference(x.node)) : this.reference(x.node)))
        f.results = results.map((x) => this.reference(x.node))
        f.variadic = params.length > 0 && params[params.length - 1].variadic
        Object.freeze(f.params)
        Object.freeze(f.results)
        Object.freeze(f)
      },
    })
    return f as GoType
  }

  /** An instantiated generic type: only sync/atomic's Pointer[T] is known. */
  private instance(n: SyntaxNode): GoType {
    const [base, args] = kids(n)
    const argNodes = args === undefined ? [] : kids(args).filter((k) => typeNodes.has(k.name))
    const baseText = base === undefined ? '' : this.text(base).replace(/\s+/g, '')
    if (baseText !== 'atomic.Pointer')
      throw new Fail(
        `generic type ${this.text(n).replace(/\s+/g, '')} is not supported (of generic types only atomic.Pointer[T] is known)`,
        n.from,
      )
    if (argNodes.length !== 1) throw new Fail('atomic.Pointer takes one type argument', n.from)
    // Go 1.27: struct { _ [0]*T; _ noCopy; v unsafe.Pointer }
    const ptr = this.later({ kind: 'pointer', size: 8, align: 8, ptrdata: 8 }, argNodes[0])
    const s = structOf([
      { name: '_', type: arrayOf(0, ptr) },
      { name: '_', type: structOf([]) },
      { name: 'v', type: types.unsafePointer },
    ])
    const shell = newNamedShell('Pointer', 'atomic')
    finishNamed(shell, s, false)
    this.deferred.push({
      owner: this.owner,
      run: () => {
        shell.typeArgs = Object.freeze([this.reference(argNodes[0])])
        Object.freeze(shell)
      },
    })
    return shell as GoType
  }

  /** Parameter type nodes, one per parameter ('a, b int' is two). */
  private paramNodes(params: SyntaxNode): { node: SyntaxNode; variadic: boolean }[] {
    const out: { node: SyntaxNode; variadic: boolean }[] = []
    for (const prm of kids(params).filter((k) => k.name === 'Parameter')) {
      const ks = kids(prm)
      const names = ks.filter((k) => k.name === 'DefName' || k.name === 'VariableName')
      const t = ks.find((k) => typeNodes.has(k.name))
      if (t === undefined) throw new Fail('expected a parameter type', prm.from)
      const variadic = ks.some((k) => k.name === '...')
      for (let i = 0; i < Math.max(1, names.length); i++) out.push({ node: t, variadic })
    }
    return out
  }

  /** Pointer-shaped or slice type whose element is resolved after the current declarations. */
  private later(t: Mutable, elemNode: SyntaxNode, keyNode?: SyntaxNode): GoType {
    this.deferred.push({
      owner: this.owner,
      run: () => {
        t.elem = this.reference(elemNode)
        if (keyNode !== undefined) t.key = this.reference(keyNode)
        Object.freeze(t)
      },
    })
    return t as GoType
  }

  private typeName(n: SyntaxNode): GoType {
    const name = this.text(n)
    const fromScope = this.scope?.get(name)
    if (fromScope !== undefined) return fromScope
    const d = this.decls.get(name)
    if (d !== undefined) {
      if (this.owner !== null) this.decls.get(this.owner)?.deps.add(name)
      if (d.state === 'failed') throw dependentFail(name, n.from)
      if (d.alias) return this.alias(d, n.from)
      // A defined type: its layout is needed here (callers that only need a reference are the
      // deferred element fillers, which run when every declaration has been built).
      return this.defined(d)
    }
    const p = predeclared.get(name)
    if (p !== undefined) return p
    if (this.consts.has(name)) throw new Fail(`${name} is a constant, not a type`, n.from)
    throw new Fail(`undefined: ${name}`, n.from)
  }

  alias(d: DeclInfo, usePos: number): GoType {
    if (d.state === 'done') return d.value!
    if (d.state === 'building') throw new Fail(`invalid recursive type alias ${d.name}`, usePos)
    d.state = 'building'
    const saved = this.owner
    this.owner = d.name
    try {
      d.value = this.type(d.typeNode!)
      d.state = 'done'
      return d.value
    } catch (e) {
      d.state = 'failed'
      throw e
    } finally {
      this.owner = saved
    }
  }

  defined(d: DeclInfo): GoType {
    if (d.state === 'done') return d.value!
    if (d.state === 'building') {
      const start = this.path.indexOf(d.name)
      const cycle = [...this.path.slice(start), d.name]
      const e = new Fail(`invalid recursive type ${d.name}: ${cycle.join(' refers to ')}`, d.nameNode.from)
      e.cycle = cycle
      throw e
    }
    d.state = 'building'
    this.path.push(d.name)
    const saved = this.owner
    this.owner = d.name
    try {
      const u = this.type(d.typeNode!)
      // The element of `type P *P` etc. is filled later; only the layout is needed here.
      finishNamed(d.shell!, u, false)
      d.value = d.shell as GoType
      d.state = 'done'
      return d.value
    } catch (e) {
      d.state = 'failed'
      throw e
    } finally {
      this.path.pop()
      this.owner = saved
    }
  }

  /** Defined type reference for deferred elements: the shell is enough. */
  reference(n: SyntaxNode): GoType {
    if (n.name === 'TypeName') {
      const name = this.text(n)
      const d = this.scope?.has(name) ? undefined : this.decls.get(name)
      if (d !== undefined && !d.alias) {
        if (this.owner !== null) this.decls.get(this.owner)?.deps.add(name)
        if (d.state === 'failed') throw dependentFail(name, n.from)
        return d.shell as GoType
      }
    }
    if (n.name === 'ParenthesizedType') return this.reference(this.only(n))
    return this.type(n)
  }

  private array(n: SyntaxNode): GoType {
    const ks = significant(n)
    const elemNode = ks[ks.length - 1]
    const lenNode = ks.length >= 2 ? ks[0] : null
    if (lenNode === null || !typeNodes.has(elemNode.name))
      throw new Fail("expected an array length and ']'", n.from)
    const len = this.constValue(lenNode)
    if (len < 0n) throw new Fail(`invalid array length ${this.text(lenNode)} (${len})`, lenNode.from)
    if (len > 2n ** 50n) throw new Fail(`array length ${this.text(lenNode)} too large`, lenNode.from)
    const elem = this.type(elemNode)
    try {
      return arrayOf(Number(len), elem)
    } catch (e) {
      throw new Fail((e as Error).message, n.from)
    }
  }

  private struct(n: SyntaxNode): GoType {
    const body = kids(n).find((k) => k.name === 'StructBody')
    const fields: Field[] = []
    const seen = new Map<string, number>()
    for (const fd of body === undefined ? [] : kids(body).filter((k) => k.name === 'FieldDecl')) {
      const ks = kids(fd)
      const names = ks.filter((k) => k.name === 'FieldName')
      const typeNode = ks.find((k) => typeNodes.has(k.name))
      const tagNode = ks.find((k) => k.name === 'String' || k.name === 'RawString')
      if (typeNode === undefined) throw new Fail('expected a field type', fd.from)
      const tag = tagNode === undefined ? undefined : this.unquote(tagNode)
      const embedded = names.length === 0
      // The grammar gives an embedded `*T` as a '*' token before the type name.
      const viaPointer = embedded && ks.some((k) => k.name === '*')
      const t = viaPointer
        ? this.later({ kind: 'pointer', size: 8, align: 8, ptrdata: 8 }, typeNode)
        : this.type(typeNode)
      const entries = embedded
        ? [{ name: this.embeddedName(typeNode), pos: typeNode.from }]
        : names.map((k) => ({ name: this.text(k), pos: k.from }))
      for (const { name, pos } of entries) {
        if (name !== '_') {
          if (seen.has(name))
            throw new Fail(`${name} redeclared (a field of this struct already has that name)`, pos)
          seen.set(name, pos)
        }
        const f: Field & { tag?: string } = { name, type: t, offset: 0, embedded }
        if (tag !== undefined) f.tag = tag
        fields.push(f)
      }
    }
    const s: Mutable = { kind: 'struct', fields, size: NaN, align: NaN, ptrdata: NaN }
    try {
      layoutStruct(s)
    } catch (e) {
      throw new Fail((e as Error).message, n.from)
    }
    for (const f of fields) Object.freeze(f)
    Object.freeze(fields)
    return Object.freeze(s) as GoType
  }

  private embeddedName(typeNode: SyntaxNode): string {
    let n = typeNode
    if (n.name === 'PointerType') n = this.only(n)
    if (n.name === 'ParameterizedType' && n.firstChild !== null) n = n.firstChild
    if (n.name === 'TypeName') return this.text(n)
    if (n.name === 'QualifiedType') {
      const t = this.text(n)
      return t.slice(t.indexOf('.') + 1).trim()
    }
    throw new Fail('embedded field must be a type name or a pointer to a type name', typeNode.from)
  }

  private unquote(n: SyntaxNode): string {
    const raw = this.text(n)
    if (raw.startsWith('`')) return raw.slice(1, -1)
    try {
      return JSON.parse(raw) as string
    } catch {
      return raw.slice(1, -1)
    }
  }

  // ---- constants ----

  constValue(n: SyntaxNode, iota?: number): bigint {
    switch (n.name) {
      case 'Number': {
        const t = this.text(n).replace(/_/g, '')
        if (!/^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]+|[0-9]+)$/.test(t))
          throw new Fail(`array length ${this.text(n)} must be an integer constant`, n.from)
        if (/^0[0-7]+$/.test(t)) return BigInt('0o' + t.slice(1))
        if (/^0[oO]/.test(t)) return BigInt('0o' + t.slice(2))
        return BigInt(t)
      }
      case 'ParenthesizedExpr':
        return this.constValue(significant(n)[0], iota)
      case 'UnaryExp': {
        const [op, x] = kids(n)
        const v = this.constValue(x, iota)
        const o = this.text(op)
        if (o === '-') return -v
        if (o === '+') return v
        if (o === '^') return -v - 1n
        break
      }
      case 'BinaryExp': {
        const [a, op, b] = kids(n)
        const x = this.constValue(a, iota)
        const y = this.constValue(b, iota)
        switch (this.text(op)) {
          case '+':
            return x + y
          case '-':
            return x - y
          case '*':
            return x * y
          case '/':
            if (y === 0n) throw new Fail('invalid operation: division by zero', op.from)
            return x / y
          case '%':
            if (y === 0n) throw new Fail('invalid operation: division by zero', op.from)
            return x % y
          case '<<':
            if (y < 0n || y > 1000n) throw new Fail(`invalid shift count ${y}`, b.from)
            return x << y
          case '>>':
            if (y < 0n) throw new Fail(`invalid shift count ${y}`, b.from)
            return x >> y
          case '&':
            return x & y
          case '|':
            return x | y
          case '^':
            return x ^ y
          case '&^':
            return x & ~y
        }
        break
      }
      case 'VariableName': {
        const name = this.text(n)
        if (name === 'iota') {
          if (iota === undefined) throw new Fail('cannot use iota outside constant declaration', n.from)
          return BigInt(iota)
        }
        const c = this.consts.get(name)
        if (c !== undefined) return this.constant(c, n.from)
        throw new Fail(
          `undefined: ${name} (array lengths may use integer constants declared in this file)`,
          n.from,
        )
      }
    }
    throw new Fail(`array length ${this.text(n)} must be an integer constant expression`, n.from)
  }

  private constant(c: ConstInfo, usePos: number): bigint {
    if (c.state === 'done') return c.value!
    if (c.state === 'building') throw new Fail(`initialization cycle: ${c.name} refers to itself`, usePos)
    if (c.state === 'failed' || c.expr === null)
      throw new Fail(`${c.name} is not a usable integer constant`, usePos)
    c.state = 'building'
    try {
      c.value = this.constValue(c.expr, c.iota)
      c.state = 'done'
      return c.value
    } catch (e) {
      c.state = 'failed'
      if (e instanceof Fail && e.message.startsWith('initialization cycle')) throw e
      throw new Fail(
        `${c.name} is not an integer constant (${e instanceof Error ? e.message : String(e)})`,
        usePos,
      )
    }
  }
}

/** Fill the elements of pointer/slice/map/chan types and func parameters, including those of
 *  types created while filling. */
function fillDeferred(b: Builder, fail: (owner: string | null, e: unknown) => void): void {
  for (let i = 0; i < b.deferred.length; i++) {
    const item = b.deferred[i]
    b.owner = item.owner
    try {
      item.run()
    } catch (e) {
      fail(item.owner, e)
    }
  }
  b.owner = null
}

function dependentFail(name: string, pos: number): Fail {
  const f = new Fail(`${name} is invalid (see its declaration)`, pos)
  f.dependent = true
  return f
}

function rethrow(e: unknown): never {
  throw e
}

/**
 * Parse a Go source file (or just type declarations) and build every top-level type it declares.
 * Non-type declarations are skipped (top-level integer constants are read for array lengths).
 */
export function parseTypeDecls(src: string): ParsedDecls {
  if (typeof src !== 'string') throw new TypeError('parseTypeDecls: src must be a string')
  const pos = new Positions(src)
  const tree = parser.parse(src)
  const top = tree.topNode
  const errors: { message: string; pos: number }[] = []
  const b = new Builder(src, undefined)
  const badDecls = new Set<number>()
  for (const e of syntaxErrors(src, top)) {
    errors.push(e)
    badDecls.add(e.decl.from)
  }
  const order: string[] = []
  for (const decl of kids(top)) {
    if (badDecls.has(decl.from)) {
      // Still register the names, so references to them say "invalid", not "undefined".
      for (const spec of specs(decl, decl.name === 'TypeDecl' ? 'TypeSpec' : 'ConstSpec')) {
        const nm = kids(spec).find((k) => k.name === 'DefName')
        if (nm === undefined) continue
        const name = src.slice(nm.from, nm.to)
        if (decl.name === 'TypeDecl' && !b.decls.has(name))
          b.decls.set(name, {
            name,
            node: spec,
            nameNode: nm,
            typeNode: null,
            alias: false,
            state: 'failed',
            deps: new Set(),
          })
        if (decl.name === 'ConstDecl' && !b.consts.has(name))
          b.consts.set(name, { name, expr: null, iota: 0, pos: nm.from, state: 'failed' })
      }
      continue
    }
    if (decl.name === 'TypeDecl') {
      for (const spec of specs(decl, 'TypeSpec')) {
        const ks = kids(spec)
        const nm = ks.find((k) => k.name === 'DefName')
        if (nm === undefined) continue
        const name = src.slice(nm.from, nm.to)
        const typeNode = ks.find((k) => typeNodes.has(k.name)) ?? null
        const info: DeclInfo = {
          name,
          node: spec,
          nameNode: nm,
          typeNode,
          alias: ks.some((k) => k.name === '='),
          state: 'new',
          deps: new Set(),
        }
        if (ks.some((k) => k.name === 'TypeParams')) {
          errors.push({
            message: `generic type ${name} is not supported (type parameters are outside the subset)`,
            pos: nm.from,
          })
          info.state = 'failed'
        }
        if (typeNode === null && info.state !== 'failed') {
          errors.push({ message: `syntax error: expected a type after ${name}`, pos: nm.to })
          info.state = 'failed'
        }
        if (name === '_') continue
        if (b.decls.has(name) || b.consts.has(name)) {
          errors.push({ message: `${name} redeclared in this block`, pos: nm.from })
          continue
        }
        if (!info.alias) info.shell = newNamedShell(name)
        b.decls.set(name, info)
        order.push(name)
      }
    } else if (decl.name === 'ConstDecl') {
      let prev: SyntaxNode | null = null
      let iota = 0
      for (const spec of specs(decl, 'ConstSpec')) {
        const ks = kids(spec)
        const names = ks.filter((k) => k.name === 'DefName')
        const eq = ks.findIndex((k) => k.name === '=')
        const exprs = eq < 0 ? [] : ks.slice(eq + 1).filter((k) => k.name !== ',')
        if (eq >= 0) prev = exprs.length === 1 ? exprs[0] : null
        names.forEach((nm, i) => {
          const name = src.slice(nm.from, nm.to)
          if (name === '_' || b.consts.has(name) || b.decls.has(name)) return
          const expr = eq >= 0 ? (exprs[i] ?? null) : names.length === 1 ? prev : null
          b.consts.set(name, { name, expr, iota, pos: nm.from, state: 'new' })
        })
        iota++
      }
    }
  }
  // Aliases that refer to themselves through other aliases (never allowed, even via pointers).
  const failed = new Map<string, { message: string; pos: number }>()
  const fail = (owner: string | null, e: unknown) => {
    if (!(e instanceof Fail)) rethrow(e)
    if (owner !== null && !failed.has(owner))
      failed.set(owner, { message: e.message, pos: e.dependent ? -1 : e.pos })
    if (owner !== null) {
      const d = b.decls.get(owner)
      if (d !== undefined) d.state = 'failed'
    }
    const cycle = e.cycle
    if (cycle !== undefined)
      for (const n of cycle) {
        const d = b.decls.get(n)
        if (d !== undefined) d.state = 'failed'
        if (!failed.has(n)) failed.set(n, { message: '', pos: -1 })
      }
  }
  for (const d of b.decls.values()) {
    if (!d.alias || d.state !== 'new') continue
    const cyc = aliasCycle(b, d.name)
    if (cyc !== null) {
      fail(
        d.name,
        new Fail(`invalid recursive type alias ${d.name}: ${cyc.join(' refers to ')}`, d.nameNode.from),
      )
      for (const n of cyc) b.decls.get(n)!.state = 'failed'
    }
  }
  for (const name of order) {
    const d = b.decls.get(name)!
    if (d.state !== 'new') continue
    b.owner = null
    try {
      if (d.alias) b.alias(d, d.nameNode.from)
      else b.defined(d)
    } catch (e) {
      fail(name, e)
    }
  }
  fillDeferred(b, fail)
  // Defined pointer/slice/map/chan types take their element now that it is filled in.
  for (const d of b.decls.values()) {
    const sh = d.shell
    if (sh === undefined || Object.isFrozen(sh)) continue
    const u = sh.underlying
    if (u !== undefined) {
      if (u.elem !== undefined) sh.elem = u.elem
      if (u.key !== undefined) sh.key = u.key
      if (u.params !== undefined) sh.params = u.params
      if (u.results !== undefined) sh.results = u.results
      if (u.variadic !== undefined) sh.variadic = u.variadic
    }
    Object.freeze(sh)
  }
  for (const f of failed.values()) if (f.pos >= 0) errors.push(f)
  // A type that depends on a failed one is left out too.
  const bad = new Set<string>()
  for (const d of b.decls.values()) if (d.state === 'failed' || failed.has(d.name)) bad.add(d.name)
  let grew = true
  while (grew) {
    grew = false
    for (const d of b.decls.values()) {
      if (bad.has(d.name)) continue
      for (const dep of d.deps)
        if (bad.has(dep)) {
          bad.add(d.name)
          grew = true
          break
        }
    }
  }
  const result = new Map<string, GoType>()
  const positions = new Map<string, { line: number; column: number }>()
  const okOrder: string[] = []
  for (const name of order) {
    if (bad.has(name)) continue
    const d = b.decls.get(name)!
    result.set(name, d.value!)
    positions.set(name, pos.at(d.nameNode.from))
    okOrder.push(name)
  }
  errors.sort((x, y) => x.pos - y.pos)
  const seenMsg = new Set<string>()
  const out: GoSyntaxError[] = []
  for (const e of errors) {
    const key = `${e.pos}`
    if (seenMsg.has(key)) continue
    seenMsg.add(key)
    out.push({ message: e.message, ...pos.at(e.pos) })
  }
  return { types: result, order: okOrder, errors: out, positions }
}

function specs(decl: SyntaxNode, kind: string): SyntaxNode[] {
  const direct = kids(decl).filter((k) => k.name === kind)
  const list = kids(decl).find((k) => k.name === 'SpecList')
  return list === undefined ? direct : [...direct, ...kids(list).filter((k) => k.name === kind)]
}

function aliasCycle(b: Builder, start: string): string[] | null {
  const path: string[] = []
  const visit = (name: string): string[] | null => {
    const i = path.indexOf(name)
    if (i >= 0) return [...path.slice(i), name]
    const d = b.decls.get(name)
    if (d === undefined || !d.alias || d.typeNode === null) return null
    path.push(name)
    const c = d.typeNode.cursor()
    const end = d.typeNode.to
    do {
      if (c.name === 'TypeName') {
        const r = visit(b.src.slice(c.from, c.to))
        if (r !== null) return r
      }
    } while (c.next() && c.from < end)
    path.pop()
    return null
  }
  const r = visit(start)
  return r !== null && r[0] === start ? r : null
}

const exprPrefix = 'package p;type _ = '

/**
 * Parse one Go type expression ('[]*Node', 'struct{ a int; b string }', 'map[string][]byte').
 * Names resolve in `scope` first, then to the predeclared types. Throws GoTypeError with the
 * 1-based line and column in `src`.
 */
export function parseTypeExpr(src: string, scope?: ReadonlyMap<string, GoType>): GoType {
  if (typeof src !== 'string') throw new TypeError('parseTypeExpr: src must be a string')
  if (scope !== undefined && !(scope instanceof Map))
    throw new TypeError('parseTypeExpr: scope must be a Map')
  const full = exprPrefix + src
  const pos = new Positions(src, exprPrefix.length)
  const tree = parser.parse(full)
  const top = tree.topNode
  const raise = (message: string, p: number): never => {
    const { line, column } = pos.at(p)
    throw new GoTypeError(message, line, column)
  }
  if (src.trim() === '') raise('expected a type, found end of input', exprPrefix.length)
  const errs = syntaxErrors(full, top)
  if (errs.length > 0) {
    const e = errs.find((x) => x.pos >= exprPrefix.length) ?? errs[0]
    raise(e.message.replace(/expected a declaration$/, 'expected the end of the type'), e.pos)
  }
  const decls = kids(top).filter((k) => k.name !== 'PackageClause' && !punctuation.has(k.name))
  const spec = decls.length === 1 && decls[0].name === 'TypeDecl' ? specs(decls[0], 'TypeSpec')[0] : undefined
  const typeNode = spec === undefined ? undefined : kids(spec).find((k) => typeNodes.has(k.name))
  if (typeNode === undefined || decls.length !== 1 || typeNode.to < full.trimEnd().length) {
    const after = typeNode === undefined ? exprPrefix.length : typeNode.to
    let p = after
    while (p < full.length && /\s|;/.test(full[p])) p++
    raise(
      `syntax error: unexpected ${describeToken(full, p, p + 1)} after the type, expected the end of the type`,
      p,
    )
  }
  const b = new Builder(full, scope)
  try {
    const t = b.type(typeNode!)
    fillDeferred(b, (_o, e) => rethrow(e))
    return t
  } catch (e) {
    if (e instanceof Fail) raise(e.message, e.pos)
    throw e
  }
}
