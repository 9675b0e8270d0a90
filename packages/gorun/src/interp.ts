// interp.ts — checks a Go program of the subset and compiles it to JavaScript closures that run it.
//
// One pass over the Lezer syntax tree (@lezer/go) gives every expression its static Go type
// (constants are folded exactly: integers as bigint, untyped until they meet a type) and a closure
// that evaluates it; addressable expressions also get a closure returning their location (Ptr).
// Statements compile to closures returning a completion code (normal, break, continue, return,
// fallthrough). Errors outside the subset are GoCompileError with the construct's line and column.
//
// Heap (see heap.ts): new, make, &T{…}, slice literals, append growth, string building and
// conversions, and locals whose address is taken (Go moves those to the heap) are allocated
// through GoHeap on the Runtime, as if they escape. Variables hold their objects until their scope
// ends; stores into heap objects write pointer words into the simulator.

import { goParser as parser } from '@go-alloc/gotypes'
import { GNode, toGTree } from './ast.ts'
import { type Runtime, roundupsize } from '@go-alloc/core'
import {
  GoHeap,
  arrayOf,
  hasPointers,
  named,
  parseTypeDecls,
  pointerTo,
  predeclared,
  sliceOf,
  sourceString,
  structOf,
  typeString,
  types,
  type GoType,
} from '@go-alloc/gotypes'
import { GoBudgetError, GoCompileError, GoFatal, GoPanic } from './errors.ts'
import { type Arg, quoteString, sprint, sprintf, sprintln, toBytes } from './fmt.ts'
import { Roots } from './heap.ts'
import {
  HStr,
  Ptr,
  Slice,
  copyValue,
  decodeRune,
  elemAt,
  intFits,
  isFloatKind,
  isIntKind,
  isScalar,
  isUnsignedKind,
  runeBytes,
  sv,
  utf8Encode,
  wrapInt,
  zeroValue,
  type HeapObj,
} from './values.ts'

// ---- static types ----

type UKind = 'int' | 'rune' | 'float' | 'string' | 'bool' | 'nil'
interface Untyped {
  kind: 'untyped'
  u: UKind
}
type Ty = GoType | Untyped
const U: Record<UKind, Untyped> = {
  int: { kind: 'untyped', u: 'int' },
  rune: { kind: 'untyped', u: 'rune' },
  float: { kind: 'untyped', u: 'float' },
  string: { kind: 'untyped', u: 'string' },
  bool: { kind: 'untyped', u: 'bool' },
  nil: { kind: 'untyped', u: 'nil' },
}
function isU(t: Ty): t is Untyped {
  return t.kind === 'untyped'
}
function defaultType(t: Ty): GoType {
  if (!isU(t)) return t
  switch (t.u) {
    case 'int':
      return types.int
    case 'rune':
      return types.rune
    case 'float':
      return types.float64
    case 'string':
      return types.string
    case 'bool':
      return types.bool
    default:
      return types.any
  }
}
function tyStr(t: Ty): string {
  if (isU(t)) return t.u === 'nil' ? 'untyped nil' : `untyped ${t.u}`
  return typeString(t)
}
function identical(a: GoType, b: GoType): boolean {
  return a === b || typeString(a) === typeString(b)
}

// ---- runtime frames ----

interface Frame {
  vars: unknown[]
  ret: unknown
  fn: FuncInfo | null
  line: number
}

type Ev = (fr: Frame) => unknown
type St = (fr: Frame) => number
const NORMAL = 0
const BREAK = 1
const CONTINUE = 2
const RETURN = 3
const FALLTHROUGH = 4
/** break/continue with a label: the label is in Interp.jump. */
const BREAK_L = 5
const CONTINUE_L = 6

interface E {
  t: Ty
  tuple?: GoType[]
  /** Constant value: bigint (integers, runes), number (floats), string (bytes), boolean. */
  k?: unknown
  ev: Ev
  loc?: (fr: Frame) => Ptr
  n: GNode
  /** A type used where an expression was parsed (conversion callee, new/make argument). */
  type?: GoType
  /** The untyped nil, converted to the other operand's type. */
  nil?: boolean
  /** The name of a package or builtin this expression denotes (fmt, len, …). */
  special?: string
}

interface VarEnt {
  kind: 'var'
  name: string
  t: GoType
  slot: number
  global: boolean
  boxed: boolean
  used: boolean
  node: GNode
}
interface ConstEnt {
  kind: 'const'
  t: Ty
  val: unknown
}
interface TypeEnt {
  kind: 'type'
  t: GoType
}
interface FuncEnt {
  kind: 'func'
  fn: FuncInfo
}
interface SpecialEnt {
  kind: 'builtin' | 'pkg'
  name: string
}
type Ent = VarEnt | ConstEnt | TypeEnt | FuncEnt | SpecialEnt

interface FuncInfo {
  name: string
  params: { name: string; t: GoType; node: GNode }[]
  results: GoType[]
  resultNames: string[] | null
  variadic: boolean
  nslots: number
  body: St | null
  paramVars: VarEnt[]
  resultVars: VarEnt[]
  node: GNode
}

class Scope {
  names = new Map<string, Ent>()
  vars: VarEnt[] = []
  readonly parent: Scope | null
  constructor(parent: Scope | null) {
    this.parent = parent
  }
  lookup(n: string): Ent | undefined {
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      const e = s.names.get(n)
      if (e !== undefined) return e
    }
    return undefined
  }
}

const builtins = ['len', 'cap', 'append', 'copy', 'make', 'new', 'panic', 'print', 'println', 'min', 'max']
const unsupportedBuiltins: Record<string, string> = {
  delete: 'map operations',
  close: 'channels',
  recover: 'recover',
  clear: 'the clear builtin',
  complex: 'complex numbers',
  real: 'complex numbers',
  imag: 'complex numbers',
}
/** Constant arithmetic, by operator: on integer constants (exact, as bigint) and on float
 *  constants. constBinary checks for division by zero before folding. */
const intConstOps = new Map<string, (a: bigint, b: bigint) => bigint>([
  ['+', (a, b) => a + b],
  ['-', (a, b) => a - b],
  ['*', (a, b) => a * b],
  ['/', (a, b) => a / b],
  ['%', (a, b) => a % b],
  ['&', (a, b) => a & b],
  ['|', (a, b) => a | b],
  ['^', (a, b) => a ^ b],
  ['&^', (a, b) => a & ~b],
])
const floatConstOps = new Map<string, (a: number, b: number) => number>([
  ['+', (a, b) => a + b],
  ['-', (a, b) => a - b],
  ['*', (a, b) => a * b],
  ['/', (a, b) => a / b],
])
const cmpOps = new Set(['==', '!=', '<', '<=', '>', '>='])

// ---- Go's operand classes and constant representation (as go/types and types2 define them) ----

function isNumericTy(t: Ty): boolean {
  return isU(t)
    ? t.u === 'int' || t.u === 'rune' || t.u === 'float'
    : isIntKind(t.kind) || isFloatKind(t.kind)
}
function isIntegerTy(t: Ty): boolean {
  return isU(t) ? t.u === 'int' || t.u === 'rune' : isIntKind(t.kind)
}
function isFloatTy(t: Ty): boolean {
  return isU(t) ? t.u === 'float' : isFloatKind(t.kind)
}
function isBoolTy(t: Ty): boolean {
  return isU(t) ? t.u === 'bool' : t.kind === 'bool'
}
function isStringTy(t: Ty): boolean {
  return isU(t) ? t.u === 'string' : t.kind === 'string'
}
function isNilTy(t: Ty): boolean {
  return isU(t) && t.u === 'nil'
}
function isBasicTy(t: GoType): boolean {
  return isIntKind(t.kind) || isFloatKind(t.kind) || t.kind === 'string' || t.kind === 'bool'
}
function isOrderedTy(t: Ty): boolean {
  return isNumericTy(t) || isStringTy(t)
}
const nilable = new Set(['pointer', 'slice', 'map', 'chan', 'func', 'interface', 'unsafe.Pointer'])
function hasNil(t: Ty): boolean {
  return !isU(t) && nilable.has(t.kind)
}
/** byte and rune: aliases, printed by their own names. */
function isAliasTy(t: GoType): boolean {
  return (t.name === 'byte' || t.name === 'rune') && t.pkg === undefined
}
/** A type as the compiler prints it in messages ("untyped int", "int8", "MyInt", "[]byte"). */
function goTypeString(t: Ty): string {
  return isU(t) ? tyStr(t) : sourceString(t)
}
/** The basic type under t, as representability errors name it ("int" for `type MyInt int`). */
function basicName(t: GoType): string {
  return isAliasTy(t) ? (t.name as string) : t.kind
}
const compositeKinds = new Set(['array', 'slice', 'struct', 'pointer', 'func', 'interface', 'map', 'chan'])
/** "of type int", "of int type MyInt", "of struct type T". */
function ofType(t: GoType): string {
  if (t.name === undefined || isAliasTy(t)) return `of type ${sourceString(t)}`
  return `of ${t.kind} type ${sourceString(t)}`
}
/** What a comparison operator is not defined on: "untyped bool", "struct", "float64". */
function kindString(t: Ty): string {
  if (isU(t)) return tyStr(t)
  return compositeKinds.has(t.kind) ? t.kind : sourceString(t)
}
/** Which operand types a binary operator accepts. */
function binaryOpDefined(op: string, t: Ty): boolean {
  switch (op) {
    case '+':
      return isNumericTy(t) || isStringTy(t)
    case '-':
    case '*':
    case '/':
      return isNumericTy(t)
    case '&&':
    case '||':
      return isBoolTy(t)
    default: // % & | ^ &^
      return isIntegerTy(t)
  }
}
function unaryOpDefined(op: string, t: Ty): boolean {
  if (op === '!') return isBoolTy(t)
  if (op === '^') return isIntegerTy(t)
  return isNumericTy(t) // + -
}
/** Go's printed form of a constant value (go/constant's String): integers in decimal, floats as
 *  %.6g (more digits when that would hide a fraction), strings quoted and cut at 72 characters. */
function constString(v: unknown): string {
  if (typeof v === 'bigint') return v.toString()
  if (typeof v === 'number') {
    const s = sprintf('%.6g', [{ t: types.float64, v }])
    return !Number.isInteger(v) && !s.includes('.') ? sprintf('%g', [{ t: types.float64, v }]) : s
  }
  if (typeof v === 'string') {
    const q = [...quoteString(v)]
    return q.length > 72 ? q.slice(0, 69).join('') + '...' : q.join('')
  }
  return String(v)
}
/** Constant v (of type from) as a constant of basic type t: its value there, or why it is not
 *  representable — Go calls a float that does not fit an integer type "truncated" even when it
 *  is whole. */
function represent(v: unknown, from: Ty, t: GoType): { v: unknown } | 'truncated' | 'overflows' | 'invalid' {
  const k = t.kind
  const numeric = typeof v === 'bigint' || typeof v === 'number'
  if (isIntKind(k)) {
    if (!numeric) return 'invalid'
    if (typeof v === 'number' && !Number.isInteger(v)) return 'truncated'
    const b = BigInt(v)
    if (intFits(k, b)) return { v: b }
    return isIntegerTy(from) ? 'overflows' : 'truncated'
  }
  if (isFloatKind(k)) {
    if (!numeric) return 'invalid'
    const f = k === 'float32' ? Math.fround(Number(v)) : Number(v)
    return Number.isFinite(f) ? { v: f } : 'overflows'
  }
  if (k === 'string') return typeof v === 'string' ? { v } : 'invalid'
  if (k === 'bool') return typeof v === 'boolean' ? { v } : 'invalid'
  return 'invalid'
}
/** How Go names the operation whose untyped integer result passed 512 bits. */
const overflowOpNames: Record<string, string> = {
  '+': 'addition ',
  '-': 'subtraction ',
  '*': 'multiplication ',
  '^': 'bitwise XOR ',
  '<<': 'shift ',
}
function bitLen(b: bigint): number {
  return (b < 0n ? -b : b).toString(2).length
}

const allowedImports = new Set(['fmt', 'runtime', 'runtime/debug', 'unsafe'])

const memStatsFields: [string, string][] = [
  ['Alloc', 'alloc'],
  ['TotalAlloc', 'totalAlloc'],
  ['Sys', 'sys'],
  ['Lookups', 'lookups'],
  ['Mallocs', 'mallocs'],
  ['Frees', 'frees'],
  ['HeapAlloc', 'heapAlloc'],
  ['HeapSys', 'heapSys'],
  ['HeapIdle', 'heapIdle'],
  ['HeapInuse', 'heapInuse'],
  ['HeapReleased', 'heapReleased'],
  ['HeapObjects', 'heapObjects'],
  ['StackInuse', 'stackInuse'],
  ['StackSys', 'stackSys'],
  ['MSpanInuse', 'mSpanInuse'],
  ['MSpanSys', 'mSpanSys'],
  ['MCacheInuse', 'mCacheInuse'],
  ['MCacheSys', 'mCacheSys'],
  ['BuckHashSys', 'buckHashSys'],
  ['GCSys', 'gcSys'],
  ['OtherSys', 'otherSys'],
  ['NextGC', 'nextGC'],
  ['LastGC', 'lastGC'],
  ['PauseTotalNs', 'pauseTotalNs'],
]

/** runtime.MemStats with Go's field order and layout. */
export const memStatsType: GoType = named(
  'MemStats',
  structOf([
    ...memStatsFields.map(([name]) => ({ name, type: types.uint64 })),
    { name: 'PauseNs', type: arrayOf(256, types.uint64) },
    { name: 'PauseEnd', type: arrayOf(256, types.uint64) },
    { name: 'NumGC', type: types.uint32 },
    { name: 'NumForcedGC', type: types.uint32 },
    { name: 'GCCPUFraction', type: types.float64 },
    { name: 'EnableGC', type: types.bool },
    { name: 'DebugGC', type: types.bool },
    {
      name: 'BySize',
      type: arrayOf(
        61,
        structOf([
          { name: 'Size', type: types.uint32 },
          { name: 'Mallocs', type: types.uint64 },
          { name: 'Frees', type: types.uint64 },
        ]),
      ),
    },
  ]),
  'runtime',
)

export interface InterpOptions {
  maxSteps: number
  write: (bytes: string) => void
}

/** Source positions. */
class Lines {
  private starts: number[] = [0]
  constructor(src: string) {
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.starts.push(i + 1)
  }
  at(pos: number): { line: number; column: number } {
    let lo = 0
    let hi = this.starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (this.starts[mid] <= pos) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: pos - this.starts[lo] + 1 }
  }
}

function kids(n: GNode): GNode[] {
  return n.children
}

const punct = new Set([
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  ';',
  ':',
  '.',
  '=',
  ':=',
  '...',
  'LineComment',
  'BlockComment',
])
/** Children that are not punctuation or keywords. */
function parts(n: GNode): GNode[] {
  return kids(n).filter((c) => !punct.has(c.name) && !keywords.has(c.name))
}
const keywords = new Set([
  'package',
  'import',
  'func',
  'var',
  'const',
  'type',
  'struct',
  'return',
  'if',
  'else',
  'for',
  'range',
  'switch',
  'case',
  'default',
  'break',
  'continue',
  'goto',
  'fallthrough',
  'go',
  'defer',
  'select',
  'chan',
  'map',
  'interface',
])

const typeNodeNames = new Set([
  'TypeName',
  'QualifiedType',
  'PointerType',
  'SliceType',
  'ArrayType',
  'StructType',
  'MapType',
  'ChannelType',
  'FunctionType',
  'InterfaceType',
  'ParenthesizedType',
  'ParameterizedType',
])

const constructNames: Record<string, string> = {
  GoStatement: 'goroutines (go statements)',
  SelectStatement: 'select statements',
  SendStatement: 'channel sends',
  DeferStatement: 'defer',
  GotoStatement: 'goto',
  LabeledStatement: 'labeled statements',
  TypeSwitchStatement: 'type switches',
  MethodDecl: 'methods',
  FunctionLiteral: 'function literals (closures)',
  TypeAssertion: 'type assertions',
  ChannelType: 'channels',
  MapType: 'maps',
  FunctionType: 'function types',
  InterfaceType: 'interface types',
  ParameterizedType: 'generics',
  ParameterizedExpr: 'generics',
  TypeParams: 'generics',
}

export class Interp {
  readonly src: string
  readonly lines: Lines
  readonly rt: Runtime
  readonly heap: GoHeap
  readonly roots: Roots
  readonly opts: InterpOptions
  steps = 0
  /** At most this many allocation records are kept (the rest are counted per span). */
  static readonly recordLimit = 10_000
  /** Allocations past recordLimit: how many, and how many per span base. */
  extraAllocs = 0
  extraSpans = new Map<number, { n: number; sizeclass: number; spanclass: number; slot: number }>()
  globals: unknown[] = []
  private globalScope: Scope
  private imports = new Map<string, { node: GNode; used: boolean }>()
  private fn: FuncInfo | null = null
  private nslots = 0
  private boxedNames = new Set<string>()
  private globalInit: St[] = []
  private mainFn: FuncInfo | null = null
  private namedTypes = new Map<string, GoType>()
  /** Call stack (function names and the line each frame is at) for panics. */
  stack: Frame[] = []
  private loopDepth = 0
  private switchDepth = 0
  /** The label of the statement being compiled (set by a labeled for/switch). */
  private pendingLabel: string | null = null
  /** Labels of the enclosing labeled statements while compiling: name → [is a loop, used]. */
  private labels = new Map<string, { loop: boolean; used: boolean }>()
  /** At run time: the label a labeled break/continue is looking for. */
  jump: string | null = null

  constructor(src: string, rt: Runtime, opts: InterpOptions) {
    this.src = src
    this.lines = new Lines(src)
    this.rt = rt
    this.heap = new GoHeap(rt)
    this.roots = new Roots(rt)
    this.opts = opts
    this.globalScope = new Scope(null)
  }

  // ---- errors ----

  private fail(n: GNode | number, msg: string): never {
    const pos = typeof n === 'number' ? n : n.from
    const { line, column } = this.lines.at(pos)
    throw new GoCompileError(msg, line, column)
  }
  private text(n: GNode): string {
    return this.src.slice(n.from, n.to)
  }
  private line(n: GNode): number {
    return this.lines.at(n.from).line
  }
  private unsupported(n: GNode, what: string): never {
    this.fail(n, `${what} ${what.endsWith('s') || what.includes(' ') ? 'are' : 'is'} not supported in cells`)
  }

  // ---- program ----

  compile(): void {
    const top = toGTree(parser.parse(this.src).topNode)
    this.checkSyntax(top)
    const decls = kids(top)
    const pkg = decls.find((d) => d.name === 'PackageClause')
    if (pkg === undefined) this.fail(0, "expected 'package main' at the start of the program")
    const pkgName = pkg.getChild('DefName')
    if (pkgName === null || this.text(pkgName) !== 'main')
      this.fail(pkgName ?? pkg, 'the program must be package main')
    // universe
    const g = this.globalScope
    for (const b of builtins) g.names.set(b, { kind: 'builtin', name: b })
    for (const b of Object.keys(unsupportedBuiltins)) g.names.set(b, { kind: 'builtin', name: b })
    // the predeclared types, but complex64 and complex128 are builtins here (cells have no complex numbers)
    for (const [n, t] of predeclared)
      g.names.set(
        n,
        n === 'complex64' || n === 'complex128' ? { kind: 'builtin', name: n } : { kind: 'type', t },
      )
    g.names.set('true', { kind: 'const', t: U.bool, val: true })
    g.names.set('false', { kind: 'const', t: U.bool, val: false })
    const pkgScope = new Scope(g)
    this.globalScope = pkgScope
    // imports
    for (const d of decls) {
      if (d.name !== 'ImportDecl') continue
      for (const spec of d
        .getChildren('ImportSpec')
        .concat(d.getChild('SpecList')?.getChildren('ImportSpec') ?? [])) {
        const s = spec.getChild('String')!
        const path = this.text(s).slice(1, -1)
        if (spec.getChild('DefName') !== null || kids(spec).some((k) => k.name === '.'))
          this.fail(spec, 'renamed imports are not supported in cells')
        if (!allowedImports.has(path))
          this.fail(
            s,
            `package ${path} is not available in cells (only fmt, runtime, runtime/debug and unsafe)`,
          )
        const name = path === 'runtime/debug' ? 'debug' : path
        this.imports.set(name, { node: s, used: false })
        pkgScope.names.set(name, { kind: 'pkg', name: path })
      }
    }
    // types (the whole file; layouts by gotypes)
    const parsed = parseTypeDecls(this.src)
    for (const d of decls) {
      if (d.name !== 'TypeDecl') continue
      for (const spec of d
        .getChildren('TypeSpec')
        .concat(d.getChild('SpecList')?.getChildren('TypeSpec') ?? [])) {
        if (spec.getChild('TypeParams') !== null) this.unsupported(spec, 'generics')
        this.checkTypeSupported(spec)
        const nm = this.text(spec.getChild('DefName')!)
        const t = parsed.types.get(nm)
        if (t === undefined) {
          const e = parsed.errors[0]
          if (e !== undefined) throw new GoCompileError(e.message, e.line, e.column)
          this.fail(spec, `cannot build type ${nm}`)
        }
        this.namedTypes.set(nm, t)
        pkgScope.names.set(nm, { kind: 'type', t })
      }
    }
    // function signatures first (calls may come before declarations)
    const funcs: [GNode, FuncInfo][] = []
    for (const d of decls) {
      if (d.name === 'MethodDecl') this.unsupported(d, 'methods')
      if (d.name !== 'FunctionDecl') continue
      if (d.getChild('TypeParams') !== null) this.unsupported(d.getChild('TypeParams')!, 'generics')
      const nm = this.text(d.getChild('DefName')!)
      if (nm === 'init') this.fail(d, 'init functions are not supported in cells')
      const fi = this.signature(d, nm, pkgScope)
      if (pkgScope.names.has(nm)) this.fail(d.getChild('DefName')!, `${nm} redeclared in this block`)
      pkgScope.names.set(nm, { kind: 'func', fn: fi })
      funcs.push([d, fi])
      if (nm === 'main') this.mainFn = fi
    }
    if (this.mainFn === null) this.fail(top.to, 'function main is undeclared in the main package')
    if (this.mainFn.params.length > 0 || this.mainFn.results.length > 0)
      this.fail(this.mainFn.node, 'func main must have no arguments and no return values')
    // package-level consts and vars, in order
    for (const d of decls) {
      if (d.name === 'ConstDecl') this.constDecl(d, pkgScope)
      else if (d.name === 'VarDecl') this.globalInit.push(this.varDecl(d, pkgScope, true))
      else if (
        d.name !== 'PackageClause' &&
        d.name !== 'ImportDecl' &&
        d.name !== 'TypeDecl' &&
        d.name !== 'FunctionDecl' &&
        d.name !== ';' &&
        d.name !== 'LineComment' &&
        d.name !== 'BlockComment'
      ) {
        if (constructNames[d.name] !== undefined) this.unsupported(d, constructNames[d.name])
        this.fail(d, 'non-declaration statement outside function body')
      }
    }
    for (const [d, fi] of funcs) this.funcBody(d, fi, pkgScope)
    for (const [name, imp] of this.imports)
      if (!imp.used)
        this.fail(imp.node, `"${name === 'debug' ? 'runtime/debug' : name}" imported and not used`)
  }

  private checkSyntax(top: GNode): void {
    for (const n of top.descendants()) {
      if (n.isError) {
        const next = this.src.slice(n.from, n.from + 12).split(/\s/)[0]
        const where =
          n.from >= this.src.length
            ? 'unexpected end of file'
            : `unexpected ${next === '' ? 'newline' : next}`
        this.fail(n.from, `syntax error: ${where}`)
      }
      if (
        constructNames[n.name] !== undefined &&
        !['MapType', 'InterfaceType', 'FunctionType', 'GotoStatement', 'LabeledStatement'].includes(n.name)
      )
        this.unsupported(n, constructNames[n.name])
      if (n.name === 'UnaryExp' && n.firstChild !== null && this.text(n.firstChild) === '<-')
        this.unsupported(n, 'channel receives')
    }
  }

  private checkTypeSupported(n: GNode): void {
    for (const c of n.descendants()) {
      if (c.name === 'ChannelType') this.unsupported(c, 'channels')
      if (c.name === 'FunctionType') this.unsupported(c, 'function types')
      if (c.name === 'InterfaceType') this.unsupported(c, 'interface types')
      if (c.name === 'MapType') this.unsupported(c, 'maps')
    }
  }

  // ---- running ----

  run(): void {
    const top: Frame = { vars: [], ret: undefined, fn: null, line: 0 }
    this.stack.push(top)
    for (const s of this.globalInit) s(top)
    this.stack.pop()
    this.call(this.mainFn!, [], 0)
  }

  call(fi: FuncInfo, args: unknown[], line: number): unknown {
    if (this.stack.length > 8000) throw new GoFatal('stack overflow')
    const caller = this.stack[this.stack.length - 1]
    if (caller !== undefined) caller.line = line || caller.line
    const fr: Frame = { vars: new Array(fi.nslots), ret: undefined, fn: fi, line: this.line(fi.node) }
    this.stack.push(fr)
    for (let i = 0; i < fi.paramVars.length; i++) this.declare(fr, fi.paramVars[i], args[i], line)
    for (const v of fi.resultVars) this.declare(fr, v, zeroValue(v.t), line)
    fi.body!(fr)
    for (const v of fi.paramVars) this.undeclare(fr, v)
    if (fi.resultNames !== null && fr.ret === undefined) fr.ret = this.namedResults(fr, fi)
    for (const v of fi.resultVars) this.undeclare(fr, v)
    this.stack.pop()
    return fr.ret
  }

  private namedResults(fr: Frame, fi: FuncInfo): unknown {
    const vals = fi.resultVars.map((v) => this.readVar(fr, v))
    return vals.length === 1 ? vals[0] : vals
  }

  /** Keep the first recordLimit allocation records; count the others (a loop may allocate millions). */
  trimRecords(): void {
    const recs = this.heap.records
    const limit = Interp.recordLimit
    if (recs.length <= limit) return
    for (let i = limit; i < recs.length; i++) {
      const r = recs[i]
      this.extraAllocs++
      if (r.span === 0) continue
      const e = this.extraSpans.get(r.span)
      if (e !== undefined) e.n++
      else this.extraSpans.set(r.span, { n: 1, sizeclass: r.sizeclass, spanclass: r.spanclass, slot: r.slot })
    }
    recs.length = limit
  }

  private step(fr: Frame, line: number): void {
    if (++this.steps > this.opts.maxSteps) throw new GoBudgetError(this.opts.maxSteps, line)
    fr.line = line
  }

  // ---- variables ----

  private newVar(scope: Scope, name: string, t: GoType, node: GNode, global: boolean): VarEnt {
    if (t.kind === 'map') this.unsupported(node, 'maps')
    if (t.kind === 'chan') this.unsupported(node, 'channels')
    if (t.kind === 'func') this.unsupported(node, 'function values')
    const v: VarEnt = {
      kind: 'var',
      name,
      t,
      slot: global ? this.globals.length : this.nslots++,
      global,
      boxed: !global && this.boxedNames.has(name),
      used: global,
      node,
    }
    if (global) this.globals.push(undefined)
    if (name !== '_') {
      if (scope.names.has(name) && scope.names.get(name)!.kind !== 'builtin')
        this.fail(node, `${name} redeclared in this block`)
      scope.names.set(name, v)
    }
    scope.vars.push(v)
    return v
  }

  private container(fr: Frame, v: VarEnt): unknown[] {
    return v.global ? this.globals : fr.vars
  }

  readVar(fr: Frame, v: VarEnt): unknown {
    const x = this.container(fr, v)[v.slot]
    return v.boxed ? (x as Ptr).c[0] : x
  }

  private varLoc(fr: Frame, v: VarEnt): Ptr {
    const c = this.container(fr, v)
    if (v.boxed) return c[v.slot] as Ptr
    return new Ptr(c, v.slot, null, 0, v.global ? 0x560000 + v.slot * 64 : 0xc000100000 + v.slot * 64)
  }

  /** A variable comes into existence holding x (copied). */
  declare(fr: Frame, v: VarEnt, x: unknown, line: number): void {
    const c = this.container(fr, v)
    const val = copyValue(v.t, x)
    if (v.boxed) {
      const addr = this.heap.new(v.t, line, `moved to heap: ${v.name}`)
      const box = [val]
      const h = this.roots.obj(addr, v.t.size, hasPointers(v.t), box)
      if (v.t.ptrdata > 0) this.roots.writeWords(h, 0, v.t, val)
      const p = new Ptr(box, 0, h, 0)
      c[v.slot] = p
      this.roots.hold(h)
    } else {
      c[v.slot] = val
      this.roots.retain(v.t, val)
    }
  }

  /** The variable's scope ends: it no longer holds its objects. */
  undeclare(fr: Frame, v: VarEnt): void {
    const c = this.container(fr, v)
    const x = c[v.slot]
    if (x === undefined) return
    if (v.boxed) this.roots.unhold((x as Ptr).h!)
    else this.roots.drop(v.t, x)
    c[v.slot] = undefined
  }

  /** Store x (of type t) at location p. */
  store(p: Ptr, t: GoType, x: unknown): void {
    const old = p.c[p.i]
    if (t.ptrdata > 0) {
      if (p.h !== null) this.roots.writeWords(p.h, p.off, t, x)
      else {
        this.roots.retain(t, x)
        if (old !== undefined) this.roots.drop(t, old)
      }
    }
    if (isScalar(t)) p.c[p.i] = x
    else if (old === undefined) p.c[p.i] = copyValue(t, x)
    else assignInto(t, old as unknown[], x as unknown[])
  }

  // ---- heap objects ----

  private heapObj(addr: number, size: number, scan: boolean, box: unknown[]): HeapObj {
    return this.roots.obj(addr, size, scan, box)
  }

  /** A backing array of cap elements of type e at addr. */
  private backing(e: GoType, addr: number, cap: number): { arr: unknown[]; h: HeapObj | null } {
    const arr = new Array(cap)
    if (!isScalar(e)) for (let i = 0; i < cap; i++) arr[i] = zeroValue(e)
    const size = cap * e.size
    const h = addr === 0 || size === 0 ? null : this.heapObj(addr, size, hasPointers(e), arr)
    return { arr, h }
  }

  private newString(bytes: string, addr: number): string | HStr {
    if (addr === 0 || bytes.length === 0) return bytes
    const h = this.heapObj(addr, bytes.length, false, [])
    return new HStr(bytes, h, 0)
  }

  private panic(fr: Frame, line: number, msg: string, signal: string | null = null): never {
    fr.line = line
    throw new GoPanic(msg, signal)
  }

  // ---- declarations ----

  private signature(d: GNode, name: string, scope: Scope): FuncInfo {
    const ps = d.getChildren('Parameters')
    const params: FuncInfo['params'] = []
    let variadic = false
    for (const p of ps[0].getChildren('Parameter')) {
      const names = p.getChildren('DefName')
      const tn = parts(p).find((k) => k.name !== 'DefName')!
      if (kids(p).some((k) => k.name === '...')) variadic = true
      let t = this.typeOf(tn, scope)
      if (variadic) t = sliceOf(t)
      if (names.length === 0) params.push({ name: '_', t, node: p })
      for (const nm of names) params.push({ name: this.text(nm), t, node: nm })
    }
    const results: GoType[] = []
    let resultNames: string[] | null = null
    if (ps.length > 1) {
      for (const p of ps[1].getChildren('Parameter')) {
        const names = p.getChildren('DefName')
        const tn = parts(p).find((k) => k.name !== 'DefName')!
        const t = this.typeOf(tn, scope)
        if (names.length === 0) results.push(t)
        for (const nm of names) {
          results.push(t)
          ;(resultNames ??= []).push(this.text(nm))
        }
      }
    } else {
      const rt = parts(d).find((k, i) => i > 0 && typeNodeNames.has(k.name))
      if (rt !== undefined) results.push(this.typeOf(rt, scope))
    }
    return {
      name,
      params,
      results,
      resultNames,
      variadic,
      nslots: 0,
      body: null,
      paramVars: [],
      resultVars: [],
      node: d,
    }
  }

  private funcBody(d: GNode, fi: FuncInfo, pkg: Scope): void {
    const block = d.getChild('Block')
    if (block === null) this.fail(d, `missing function body for ${fi.name}`)
    this.fn = fi
    this.nslots = 0
    this.boxedNames = this.addressTaken(block)
    for (const p of fi.params) if (this.boxedNames.has(p.name)) this.boxedNames.add(p.name)
    const scope = new Scope(pkg)
    fi.paramVars = fi.params.map((p) => {
      const v = this.newVar(scope, p.name, p.t, p.node, false)
      v.used = true
      return v
    })
    if (fi.resultNames !== null)
      fi.resultVars = fi.resultNames.map((n, i) => {
        const v = this.newVar(scope, n, fi.results[i], d, false)
        v.used = true
        return v
      })
    const body = this.block(block, scope, true)
    fi.nslots = this.nslots
    const needReturn = fi.results.length > 0
    fi.body = body
    if (needReturn && !this.terminates(block)) this.fail(block.lastChild ?? block, 'missing return')
    this.fn = null
  }

  /** Names whose address is taken in a body (&x, &x.f, x[:] of an array): Go moves them to the heap. */
  private addressTaken(body: GNode): Set<string> {
    const out = new Set<string>()
    for (const n of body.descendants()) {
      if (n.name === 'UnaryExp') {
        if (n.firstChild !== null && this.text(n.firstChild) === '&') {
          // &x passed straight to runtime.ReadMemStats does not escape in Go
          const call = n.parent?.parent
          const inReadMemStats =
            call?.name === 'CallExpr' &&
            this.text(call.firstChild!).replace(/\s/g, '') === 'runtime.ReadMemStats'
          let base: GNode | null = n.lastChild
          while (
            base !== null &&
            (base.name === 'SelectorExpr' || base.name === 'IndexExpr' || base.name === 'ParenthesizedExpr')
          )
            base = base.firstChild
          if (base !== null && base.name === 'VariableName' && !inReadMemStats) out.add(this.text(base))
        }
      } else if (n.name === 'SliceExpr') {
        const b = n.firstChild
        if (b !== null && b.name === 'VariableName') out.add(this.text(b))
      }
    }
    return out
  }

  private terminates(n: GNode | null): boolean {
    if (n === null) return false
    switch (n.name) {
      case 'Block': {
        const ps = parts(n)
        return ps.length > 0 && this.terminates(ps[ps.length - 1])
      }
      case 'ReturnStatement':
        return true
      case 'ExprStatement': {
        const c = n.firstChild
        return c !== null && c.name === 'CallExpr' && this.text(c.firstChild!) === 'panic'
      }
      case 'IfStatement': {
        const blocks = n.getChildren('Block')
        const elseIf = n.getChild('IfStatement')
        if (elseIf !== null) return this.terminates(blocks[0]) && this.terminates(elseIf)
        return blocks.length === 2 && this.terminates(blocks[0]) && this.terminates(blocks[1])
      }
      case 'ForStatement': {
        const hasCond = parts(n).some((k) => k.name !== 'Block' && k.name !== 'ForClause')
        const fc = n.getChild('ForClause')
        // a for clause with a condition (an expression between its semicolons) can end
        const fcCond =
          fc !== null &&
          parts(fc).some(
            (k) => !['VarDecl', 'Assignment', 'IncDecStatement', 'ExprStatement'].includes(k.name),
          )
        if (hasCond || n.getChild('RangeClause') !== null) return false
        if (fc !== null && fcCond) return false
        return !this.text(n.getChild('Block')!).includes('break')
      }
      case 'SwitchStatement': {
        const sb = n.getChild('SwitchBlock')!
        if (this.text(sb).includes('break')) return false
        const ks = kids(sb)
        let hasDefault = false
        let last: GNode | null = null
        for (const k of ks) {
          if (k.name === 'Case') {
            if (last !== null && !this.terminates(last) && last.name !== 'FallthroughStatement') return false
            if (this.text(k).startsWith('default')) hasDefault = true
            last = null
            continue
          }
          if (!punct.has(k.name)) last = k
        }
        return hasDefault && this.terminates(last)
      }
    }
    return false
  }

  private constDecl(d: GNode, scope: Scope): void {
    const specs = d.getChildren('ConstSpec').concat(d.getChild('SpecList')?.getChildren('ConstSpec') ?? [])
    let prevExprs: GNode[] = []
    let prevType: GNode | null = null
    specs.forEach((spec, iota) => {
      const names = spec.getChildren('DefName')
      const ps = parts(spec).filter((k) => k.name !== 'DefName')
      let tn: GNode | null =
        ps.length > 0 && typeNodeNames.has(ps[0].name) && this.isTypeNode(ps[0], scope) ? ps[0] : null
      let exprs = tn !== null ? ps.slice(1) : ps
      if (exprs.length === 0) {
        exprs = prevExprs
        tn = prevType
        if (exprs.length === 0) this.fail(spec, 'missing init expr for const declaration')
      }
      prevExprs = exprs
      prevType = tn
      if (exprs.length !== names.length)
        this.fail(
          spec,
          exprs.length < names.length ? 'missing init expr for const declaration' : 'extra init expr',
        )
      const t = tn !== null ? this.typeOf(tn, scope) : null
      const cs = new Scope(scope)
      cs.names.set('iota', { kind: 'const', t: U.int, val: BigInt(iota) })
      names.forEach((nm, i) => {
        let e = this.expr(exprs[i], cs)
        if (e.k === undefined)
          this.fail(exprs[i], `${this.text(exprs[i])} (value of type ${tyStr(e.t)}) is not constant`)
        if (t !== null) e = this.assignable(e, t, 'constant declaration')
        const name = this.text(nm)
        if (name !== '_') scope.names.set(name, { kind: 'const', t: e.t, val: e.k })
      })
    })
  }

  private isTypeNode(n: GNode, scope: Scope): boolean {
    if (n.name === 'TypeName') {
      const e = scope.lookup(this.text(n))
      return e !== undefined && e.kind === 'type'
    }
    return typeNodeNames.has(n.name)
  }

  /** var declarations (also package level) and := . Returns the statement. */
  private varDecl(d: GNode, scope: Scope, global: boolean): St {
    const specs = d.getChildren('VarSpec').concat(d.getChild('SpecList')?.getChildren('VarSpec') ?? [])
    if (specs.length === 0) return this.shortVarDecl(d, scope)
    const sts = specs.map((spec) => this.varSpec(spec, scope, global))
    return (fr) => {
      for (const s of sts) s(fr)
      return NORMAL
    }
  }

  private varSpec(spec: GNode, scope: Scope, global: boolean): St {
    const names = spec.getChildren('DefName')
    const ps = parts(spec).filter((k) => k.name !== 'DefName')
    const hasEq = kids(spec).some((k) => k.name === '=')
    const tn =
      !hasEq || (ps.length > 0 && typeNodeNames.has(ps[0].name) && ps.length > names.length) ? ps[0] : null
    const t = tn !== null && tn !== undefined ? this.typeOf(tn, scope) : null
    const exprNodes = tn !== null ? ps.slice(1) : ps
    const line = this.line(spec)
    if (exprNodes.length === 0) {
      if (t === null) this.fail(spec, 'missing type or init expr')
      const vs = names.map((nm) => this.newVar(scope, this.text(nm), t, nm, global))
      return (fr) => {
        for (const v of vs) this.declare(fr, v, zeroValue(v.t), line)
        return NORMAL
      }
    }
    const es = this.exprList(exprNodes, scope, names.length)
    const types_ = es.types.map((et, i) =>
      t !== null ? t : this.varType(et, exprNodes[Math.min(i, exprNodes.length - 1)]),
    )
    const evs = es.single
      ? null
      : es.exprs.map((e, i) => this.assignable(e, types_[i], 'variable declaration').ev)
    const multi = es.single ? es.exprs[0] : null
    if (multi !== null && t !== null)
      multi.tuple!.forEach((tt) => {
        if (!identical(tt, t))
          this.fail(exprNodes[0], `cannot use ${tyStr(tt)} value as ${typeString(t)} value in assignment`)
      })
    const vs = names.map((nm, i) => this.newVar(scope, this.text(nm), types_[i], nm, global))
    return (fr) => {
      if (multi !== null) {
        const r = multi.ev(fr) as unknown[]
        for (let i = 0; i < vs.length; i++) this.declare(fr, vs[i], r[i], line)
      } else {
        const vals = evs!.map((ev) => ev(fr))
        for (let i = 0; i < vs.length; i++) this.declare(fr, vs[i], vals[i], line)
      }
      return NORMAL
    }
  }

  private varType(t: Ty, n: GNode): GoType {
    if (isU(t) && t.u === 'nil') this.fail(n, 'use of untyped nil in variable declaration')
    return defaultType(t)
  }

  private shortVarDecl(d: GNode, scope: Scope): St {
    const names = d.getChildren('DefName')
    const exprNodes = parts(d).filter((k) => k.name !== 'DefName')
    const es = this.exprList(exprNodes, scope, names.length)
    const line = this.line(d)
    // existing variables in the same scope are assigned, new ones declared
    let fresh = 0
    const targets = names.map((nm, i) => {
      const name = this.text(nm)
      const existing = scope.names.get(name)
      const t = es.types[i]
      if (name === '_') return { v: null as VarEnt | null, assign: null as VarEnt | null, t: defaultType(t) }
      if (existing !== undefined && existing.kind === 'var') {
        return { v: null, assign: existing, t: existing.t }
      }
      fresh++
      return { v: null, assign: null, t: this.varType(t, exprNodes[Math.min(i, exprNodes.length - 1)]), nm }
    })
    if (fresh === 0) this.fail(d, 'no new variables on left side of :=')
    const evs = es.single ? null : es.exprs.map((e, i) => this.assignable(e, targets[i].t, 'assignment').ev)
    const multi = es.single ? es.exprs[0] : null
    for (let i = 0; i < names.length; i++) {
      const tg = targets[i] as { v: VarEnt | null; assign: VarEnt | null; t: GoType; nm?: GNode }
      if (tg.nm !== undefined) tg.v = this.newVar(scope, this.text(tg.nm), tg.t, tg.nm, false)
      if (multi !== null && tg.assign !== null && !identical(multi.tuple![i], tg.t))
        this.fail(
          names[i],
          `cannot use ${typeString(multi.tuple![i])} value as ${typeString(tg.t)} value in assignment`,
        )
    }
    return (fr) => {
      const vals = multi !== null ? (multi.ev(fr) as unknown[]) : evs!.map((ev) => ev(fr))
      for (let i = 0; i < targets.length; i++) {
        const tg = targets[i]
        if (tg.v !== null) this.declare(fr, tg.v, vals[i], line)
        else if (tg.assign !== null) this.store(this.varLoc(fr, tg.assign), tg.assign.t, vals[i])
      }
      return NORMAL
    }
  }

  private exprList(nodes: GNode[], scope: Scope, want: number): { exprs: E[]; types: Ty[]; single: boolean } {
    if (nodes.length === 1 && want > 1) {
      const e = this.expr(nodes[0], scope, true)
      if (e.tuple === undefined || e.tuple.length !== want)
        this.fail(
          nodes[0],
          `assignment mismatch: ${want} variables but ${e.tuple === undefined ? 1 : e.tuple.length} value${e.tuple?.length === 1 ? '' : 's'}`,
        )
      return { exprs: [e], types: e.tuple, single: true }
    }
    if (nodes.length !== want)
      this.fail(
        nodes[0],
        `assignment mismatch: ${want} variable${want === 1 ? '' : 's'} but ${nodes.length} value${nodes.length === 1 ? '' : 's'}`,
      )
    const exprs = nodes.map((n) => this.expr(n, scope))
    return { exprs, types: exprs.map((e) => e.t), single: false }
  }

  // ---- types ----

  typeOf(n: GNode, scope: Scope): GoType {
    switch (n.name) {
      case 'TypeName':
      case 'VariableName': {
        const name = this.text(n)
        const e = scope.lookup(name)
        if (e === undefined) this.fail(n, `undefined: ${name}`)
        if (e.kind === 'builtin' && (name === 'complex64' || name === 'complex128'))
          this.unsupported(n, 'complex numbers')
        if (e.kind !== 'type') this.fail(n, `${name} is not a type`)
        if (e.t.kind === 'interface' && name !== 'error') this.unsupported(n, 'interfaces')
        return e.t
      }
      case 'QualifiedType':
      case 'SelectorExpr': {
        const t = this.text(n).replace(/\s/g, '')
        if (t === 'runtime.MemStats') {
          this.useImport('runtime')
          return memStatsType
        }
        if (t === 'unsafe.Pointer') this.unsupported(n, 'unsafe.Pointer values')
        this.fail(n, `undefined type: ${t}`)
      }
      // fallthrough impossible
      case 'PointerType':
        return pointerTo(this.typeOf(n.lastChild!, scope))
      case 'UnaryExp':
        if (this.text(n.firstChild!) === '*') return pointerTo(this.typeOf(n.lastChild!, scope))
        break
      case 'SliceType': {
        const el = this.typeOf(n.lastChild!, scope)
        if (kids(n).some((k) => k.name === '...'))
          this.fail(n, 'invalid use of [...] array (outside a composite literal)')
        return sliceOf(el)
      }
      case 'ArrayType': {
        const ps = parts(n)
        const len = this.expr(ps[0], scope)
        if (len.k === undefined || typeof len.k !== 'bigint')
          this.fail(ps[0], `array length ${this.text(ps[0])} must be a constant integer`)
        if (len.k < 0n) this.fail(ps[0], `invalid array length ${this.text(ps[0])}`)
        return arrayOf(Number(len.k), this.typeOf(ps[ps.length - 1], scope))
      }
      case 'StructType': {
        const fields: { name: string; type: GoType; embedded?: boolean }[] = []
        for (const fd of n.getChild('StructBody')!.getChildren('FieldDecl')) {
          const names = fd.getChildren('FieldName')
          const tn = parts(fd).find((k) => k.name !== 'FieldName' && k.name !== 'String')!
          const t = this.typeOf(tn, scope)
          if (names.length === 0) this.unsupported(fd, 'embedded fields')
          for (const nm of names) fields.push({ name: this.text(nm), type: t })
        }
        return structOf(fields)
      }
      case 'ParenthesizedType':
      case 'ParenthesizedExpr':
        return this.typeOf(parts(n)[0], scope)
      case 'MapType':
        this.unsupported(n, 'maps')
      // eslint-disable-next-line no-fallthrough
      case 'ChannelType':
        this.unsupported(n, 'channels')
      // eslint-disable-next-line no-fallthrough
      case 'FunctionType':
        this.unsupported(n, 'function types')
      // eslint-disable-next-line no-fallthrough
      case 'InterfaceType':
        this.unsupported(n, 'interface types')
    }
    this.fail(n, `${this.text(n)} is not a type`)
  }

  /** If n denotes a type in expression position, that type. */
  private asType(n: GNode, scope: Scope): GoType | null {
    switch (n.name) {
      case 'VariableName':
      case 'TypeName': {
        const e = scope.lookup(this.text(n))
        if (e !== undefined && e.kind === 'type') return this.typeOf(n, scope)
        if (e !== undefined && e.kind === 'builtin' && (e.name === 'complex64' || e.name === 'complex128'))
          this.unsupported(n, 'complex numbers')
        return null
      }
      case 'SelectorExpr':
      case 'QualifiedType':
        if (this.text(n).replace(/\s/g, '') === 'runtime.MemStats') return this.typeOf(n, scope)
        return null
      case 'ParenthesizedExpr':
      case 'ParenthesizedType':
        return this.asType(parts(n)[0], scope)
      case 'UnaryExp': {
        if (this.text(n.firstChild!) !== '*') return null
        const inner = this.asType(n.lastChild!, scope)
        return inner === null ? null : pointerTo(inner)
      }
      default:
        if (typeNodeNames.has(n.name)) return this.typeOf(n, scope)
        return null
    }
  }

  private useImport(name: string): void {
    const i = this.imports.get(name)
    if (i === undefined) this.fail(0, `undefined: ${name}`)
    i.used = true
  }

  // ---- statements ----

  private block(n: GNode, parent: Scope, funcBody = false): St {
    const scope = funcBody ? (parent as Scope) : new Scope(parent)
    const sts = this.stmtList(parts(n), scope)
    return this.scoped(scope, sts)
  }

  /** Run statements, then end the scope's variables. */
  private scoped(scope: Scope, sts: St[]): St {
    this.checkUnused(scope)
    const vars = scope.vars.filter((v) => v.t.ptrdata > 0 || v.boxed)
    const nv = vars.length
    const ns = sts.length
    return (fr) => {
      let c = NORMAL
      for (let i = 0; i < ns; i++) {
        c = sts[i](fr)
        if (c !== NORMAL) break
      }
      for (let i = 0; i < nv; i++) this.undeclare(fr, vars[i])
      return c
    }
  }

  private checkUnused(scope: Scope): void {
    for (const v of scope.vars)
      if (!v.used && v.name !== '_' && !v.global) this.fail(v.node, `declared and not used: ${v.name}`)
  }

  private stmtList(nodes: GNode[], scope: Scope): St[] {
    return nodes.map((n) => this.stmt(n, scope))
  }

  private stmt(n: GNode, scope: Scope): St {
    const inner = this.stmtInner(n, scope)
    const line = this.line(n)
    const roots = this.roots
    const recs = this.heap.records
    return (fr) => {
      this.step(fr, line)
      const mark = roots.temps.length
      const c = inner(fr)
      if (c !== RETURN) roots.release(mark)
      if (recs.length > Interp.recordLimit) this.trimRecords()
      return c
    }
  }

  private stmtInner(n: GNode, scope: Scope): St {
    switch (n.name) {
      case 'VarDecl':
        return this.varDecl(n, scope, false)
      case 'ConstDecl':
        this.constDecl(n, scope)
        return () => NORMAL
      case 'TypeDecl':
        this.fail(
          n,
          'type declarations inside functions are not supported in cells (declare the type at package level)',
        )
      // eslint-disable-next-line no-fallthrough
      case 'ExprStatement':
        return this.exprStmt(parts(n)[0], scope)
      case 'Assignment':
        return this.assignment(n, scope)
      case 'IncDecStatement':
        return this.incDec(n, scope)
      case 'Block':
        return this.block(n, scope)
      case 'IfStatement':
        return this.ifStmt(n, scope)
      case 'ForStatement':
        return this.forStmt(n, scope)
      case 'SwitchStatement':
        return this.switchStmt(n, scope)
      case 'ReturnStatement':
        return this.returnStmt(n, scope)
      case 'GotoStatement': {
        const kw = this.text(n.firstChild!)
        const ln = n.getChild('LabelName')
        if (ln !== null && (kw === 'break' || kw === 'continue')) {
          const name = this.text(ln)
          const l = this.labels.get(name)
          if (l === undefined) this.fail(ln, `invalid ${kw} label ${name}`)
          if (kw === 'continue' && !l.loop) this.fail(ln, `invalid continue label ${name}`)
          l.used = true
          const code = kw === 'break' ? BREAK_L : CONTINUE_L
          return () => {
            this.jump = name
            return code
          }
        }
        if (kw === 'break') {
          if (this.loopDepth === 0 && this.switchDepth === 0)
            this.fail(n, 'break is not in a loop, switch, or select')
          return () => BREAK
        }
        if (kw === 'continue') {
          if (this.loopDepth === 0) this.fail(n, 'continue is not in a loop')
          return () => CONTINUE
        }
        this.unsupported(n, 'goto')
      }
      // eslint-disable-next-line no-fallthrough
      case 'FallthroughStatement':
        return () => FALLTHROUGH
      case 'LabeledStatement': {
        const name = this.text(n.getChild('LabelName')!)
        const inner = parts(n).filter((k) => k.name !== 'LabelName')[0]
        if (inner === undefined || (inner.name !== 'ForStatement' && inner.name !== 'SwitchStatement'))
          this.unsupported(n, 'labels on statements other than for and switch (goto)')
        if (this.labels.has(name)) this.fail(n, `label ${name} already defined`)
        const info = { loop: inner.name === 'ForStatement', used: false }
        this.labels.set(name, info)
        this.pendingLabel = name
        const st = inner.name === 'ForStatement' ? this.forStmt(inner, scope) : this.switchStmt(inner, scope)
        this.labels.delete(name)
        if (!info.used) this.fail(n, `label ${name} defined and not used`)
        return st
      }
      default:
        if (constructNames[n.name] !== undefined) this.unsupported(n, constructNames[n.name])
        this.fail(n, `unexpected ${n.name}`)
    }
  }

  private exprStmt(n: GNode, scope: Scope): St {
    const e = this.expr(n, scope, true)
    if (n.name !== 'CallExpr')
      this.fail(
        n,
        `${this.text(n)} (${e.k !== undefined ? 'constant' : 'value'} of type ${tyStr(e.t)}) is not used`,
      )
    const f = this.text(n.firstChild!)
    if (['len', 'cap', 'append', 'new', 'make', 'min', 'max'].includes(f) || e.type !== undefined)
      this.fail(n, `${this.text(n)} (value of type ${tyStr(e.t)}) is not used`)
    const ev = e.ev
    return (fr) => {
      ev(fr)
      return NORMAL
    }
  }

  private lvalue(n: GNode, scope: Scope): { t: GoType; loc: (fr: Frame) => Ptr } | null {
    if (n.name === 'VariableName' && this.text(n) === '_') return null
    if (n.name === 'VariableName') {
      const name = this.text(n)
      const ent = scope.lookup(name)
      if (ent === undefined) this.fail(n, `undefined: ${name}`)
      if (ent.kind !== 'var')
        this.fail(n, `cannot assign to ${name} (neither addressable nor a map index expression)`)
      return { t: ent.t, loc: (fr) => this.varLoc(fr, ent) }
    }
    const e = this.expr(n, scope)
    if (e.loc === undefined) {
      if (n.name === 'IndexExpr' && !isU(e.t)) {
        const base = this.expr(n.firstChild!, scope)
        if (!isU(base.t) && base.t.kind === 'string')
          this.fail(n, `cannot assign to ${this.text(n)} (neither addressable nor a map index expression)`)
      }
      this.fail(n, `cannot assign to ${this.text(n)} (neither addressable nor a map index expression)`)
    }
    return { t: e.t as GoType, loc: e.loc }
  }

  private assignment(n: GNode, scope: Scope): St {
    const opNode = kids(n).find((k) => k.name === '=' || k.name === 'UpdateOp')!
    const lhsNodes = kids(n).filter((k) => k.to <= opNode.from && !punct.has(k.name))
    const rhsNodes = kids(n).filter((k) => k.from >= opNode.to && !punct.has(k.name))
    if (opNode.name === 'UpdateOp') {
      const op = this.text(opNode).slice(0, -1)
      if (lhsNodes.length !== 1 || rhsNodes.length !== 1)
        this.fail(opNode, `assignment operation ${op}= requires single-valued expressions`)
      const lv = this.lvalue(lhsNodes[0], scope)
      if (lv === null) this.fail(lhsNodes[0], 'cannot use _ as value')
      const cur: E = {
        t: lv.t,
        ev: (fr) => {
          const p = lv.loc(fr)
          return p.c[p.i] ?? zeroValue(lv.t)
        },
        loc: lv.loc,
        n: lhsNodes[0],
      }
      const rhs = this.expr(rhsNodes[0], scope)
      const bin = this.binary(n, op, cur, rhs)
      const t = lv.t
      const loc = lv.loc
      const evb = this.assignable(bin, t, 'assignment').ev
      // evaluate the location once: a[f()] += 1
      return (fr) => {
        const p = loc(fr)
        const saved = cur.ev
        cur.ev = () => p.c[p.i] ?? zeroValue(t)
        const v = evb(fr)
        cur.ev = saved
        this.store(p, t, v)
        return NORMAL
      }
    }
    const lvs = lhsNodes.map((l) => this.lvalue(l, scope))
    const es = this.exprList(rhsNodes, scope, lhsNodes.length)
    if (es.single) {
      const multi = es.exprs[0]
      lvs.forEach((lv, i) => {
        if (lv !== null && !identical(multi.tuple![i], lv.t))
          this.fail(
            lhsNodes[i],
            `cannot use ${typeString(multi.tuple![i])} value as ${typeString(lv.t)} value in assignment`,
          )
      })
      return (fr) => {
        const locs = lvs.map((lv) => (lv === null ? null : lv.loc(fr)))
        const vals = multi.ev(fr) as unknown[]
        locs.forEach((p, i) => {
          if (p !== null) this.store(p, lvs[i]!.t, vals[i])
        })
        return NORMAL
      }
    }
    const evs = es.exprs.map((e, i) => {
      const lv = lvs[i]
      if (lv === null) {
        if (isU(e.t) && e.t.u === 'nil') this.fail(e.n, 'use of untyped nil in assignment')
        return e.ev
      }
      return this.assignable(e, lv.t, 'assignment').ev
    })
    if (lvs.length === 1) {
      const lv = lvs[0]
      const ev = evs[0]
      if (lv === null)
        return (fr) => {
          ev(fr)
          return NORMAL
        }
      const t = lv.t
      const loc = lv.loc
      return (fr) => {
        const p = loc(fr)
        const v = ev(fr)
        this.store(p, t, isScalar(t) ? v : copyValue(t, v))
        return NORMAL
      }
    }
    return (fr) => {
      const locs = lvs.map((lv) => (lv === null ? null : lv.loc(fr)))
      const vals = evs.map((ev, i) => {
        const v = ev(fr)
        const lv = lvs[i]
        return lv !== null && !isScalar(lv.t) ? copyValue(lv.t, v) : v
      })
      locs.forEach((p, i) => {
        if (p !== null) this.store(p, lvs[i]!.t, vals[i])
      })
      return NORMAL
    }
  }

  private incDec(n: GNode, scope: Scope): St {
    const target = n.firstChild!
    const op = this.text(n.lastChild!)
    const lv = this.lvalue(target, scope)
    if (lv === null) this.fail(target, 'cannot use _ as value')
    const t = lv.t
    if (!isIntKind(t.kind) && !isFloatKind(t.kind))
      this.fail(n, `invalid operation: ${this.text(n)} (non-numeric type ${sourceString(t)})`)
    const loc = lv.loc
    const k = t.kind
    if (isIntKind(k)) {
      const d = op === '++' ? 1n : -1n
      return (fr) => {
        const p = loc(fr)
        p.c[p.i] = wrapInt(k, ((p.c[p.i] as bigint | undefined) ?? 0n) + d)
        return NORMAL
      }
    }
    const d = op === '++' ? 1 : -1
    const f32 = k === 'float32'
    return (fr) => {
      const p = loc(fr)
      const v = ((p.c[p.i] as number | undefined) ?? 0) + d
      p.c[p.i] = f32 ? Math.fround(v) : v
      return NORMAL
    }
  }

  private simple(n: GNode, scope: Scope): St {
    return this.stmt(n, scope)
  }

  private cond(n: GNode, scope: Scope): Ev {
    const e = this.expr(n, scope)
    const t = e.t
    if (!(isU(t) ? t.u === 'bool' : t.kind === 'bool')) this.fail(n, `non-boolean condition in if statement`)
    return e.ev
  }

  private ifStmt(n: GNode, parent: Scope): St {
    const scope = new Scope(parent)
    const ps = parts(n)
    let i = 0
    let init: St | null = null
    if (ps.length > 0 && kids(n).some((k) => k.name === ';')) init = this.simple(ps[i++], scope)
    const cond = this.cond(ps[i++], scope)
    const then = this.block(ps[i++], scope)
    let els: St | null = null
    if (i < ps.length) {
      const e = ps[i]
      els = e.name === 'IfStatement' ? this.stmt(e, scope) : this.block(e, scope)
    }
    const body: St = (fr) => {
      if (init !== null) init(fr)
      if (cond(fr) as boolean) return then(fr)
      if (els !== null) return els(fr)
      return NORMAL
    }
    return this.scoped(scope, [body])
  }

  private forStmt(n: GNode, parent: Scope): St {
    const label = this.pendingLabel
    this.pendingLabel = null
    const scope = new Scope(parent)
    const bodyNode = n.getChild('Block')!
    const rc = n.getChild('RangeClause')
    if (rc !== null) return this.rangeStmt(n, rc, bodyNode, scope, label)
    const fc = n.getChild('ForClause')
    let init: St | null = null
    let cond: Ev | null = null
    let post: St | null = null
    if (fc !== null) {
      // ForClause: [init] ; [cond] ; [post]
      const ks = kids(fc)
      const semis = ks.filter((k) => k.name === ';')
      const before = ks.filter((k) => k.to <= semis[0].from && !punct.has(k.name))
      const mid = ks.filter((k) => k.from >= semis[0].to && k.to <= semis[1].from && !punct.has(k.name))
      const after = ks.filter((k) => k.from >= semis[1].to && !punct.has(k.name))
      if (before.length > 0) init = this.simple(before[0], scope)
      if (mid.length > 0) cond = this.cond(mid[0], scope)
      if (after.length > 0) {
        if (after[0].name === 'VarDecl') this.fail(after[0], 'cannot declare in post statement of for loop')
        post = this.simple(after[0], scope)
      }
    } else {
      const ps = parts(n).filter((k) => k.name !== 'Block')
      if (ps.length > 0) cond = this.cond(ps[0], scope)
    }
    this.loopDepth++
    const body = this.block(bodyNode, scope)
    this.loopDepth--
    // Go 1.22: each iteration has its own copy of the loop variables (visible when moved to heap)
    const perIter = scope.vars.filter((v) => v.boxed)
    const line = this.line(n)
    const loop: St = (fr) => {
      if (init !== null) init(fr)
      for (;;) {
        if (cond !== null && !(cond(fr) as boolean)) break
        const c = body(fr)
        if (c !== NORMAL && c !== CONTINUE) {
          if (c === BREAK) break
          if (c === BREAK_L && this.jump === label) {
            this.jump = null
            break
          }
          if (c === CONTINUE_L && this.jump === label) this.jump = null
          else return c
        }
        if (perIter.length > 0)
          for (const v of perIter) {
            const val = this.readVar(fr, v)
            this.undeclare(fr, v)
            this.declare(fr, v, val, line)
          }
        if (post !== null) post(fr)
        this.step(fr, line)
      }
      return NORMAL
    }
    return this.scoped(scope, [loop])
  }

  private rangeStmt(n: GNode, rc: GNode, bodyNode: GNode, scope: Scope, label: string | null): St {
    /** What a range loop does after its body returned c: 1 break, 0 next iteration, else return c. */
    const after = (c: number): number => {
      if (c === NORMAL || c === CONTINUE) return 0
      if (c === BREAK) return 1
      if (c === BREAK_L && this.jump === label) {
        this.jump = null
        return 1
      }
      if (c === CONTINUE_L && this.jump === label) {
        this.jump = null
        return 0
      }
      return c
    }
    const ks = kids(rc)
    const rangeKw = ks.find((k) => k.name === 'range')!
    const define = ks.some((k) => k.name === ':=')
    const lhs = ks.filter((k) => k.to <= rangeKw.from && !punct.has(k.name))
    const xNode = ks.filter((k) => k.from >= rangeKw.to && !punct.has(k.name))[0]
    const x = this.expr(xNode, scope)
    let xt = x.t
    if (isU(xt)) {
      if (xt.u === 'int' || xt.u === 'rune')
        xt = lhs.length > 0 && !define ? (this.lhsType(lhs[0], scope) ?? defaultType(xt)) : defaultType(xt)
      else xt = defaultType(xt)
    }
    const line = this.line(n)
    let kt: GoType
    let vt: GoType | null = null
    let kind: 'int' | 'slice' | 'array' | 'string' | 'parray'
    if (isIntKind(xt.kind)) {
      kind = 'int'
      kt = xt
      if (lhs.length > 1)
        this.fail(lhs[1], `range over ${this.text(xNode)} permits only one iteration variable`)
    } else if (xt.kind === 'slice') {
      kind = 'slice'
      kt = types.int
      vt = xt.elem!
    } else if (xt.kind === 'array') {
      kind = 'array'
      kt = types.int
      vt = xt.elem!
    } else if (xt.kind === 'pointer' && xt.elem!.kind === 'array') {
      kind = 'parray'
      kt = types.int
      vt = xt.elem!.elem!
    } else if (xt.kind === 'string') {
      kind = 'string'
      kt = types.int
      vt = types.rune
    } else if (xt.kind === 'map') this.unsupported(xNode, 'maps')
    else if (xt.kind === 'chan') this.unsupported(xNode, 'channels')
    else if (xt.kind === 'func') this.unsupported(xNode, 'range over functions')
    else this.fail(xNode, `cannot range over ${this.text(xNode)} (variable of type ${typeString(xt)})`)
    const xev = kind === 'int' ? this.assignable(x, xt, 'range').ev : x.ev
    // iteration variables
    let kVar: VarEnt | null = null
    let vVar: VarEnt | null = null
    let kLoc: ((fr: Frame) => Ptr) | null = null
    let vLoc: ((fr: Frame) => Ptr) | null = null
    let kT = kt!
    let vT = vt
    const iterScope = new Scope(scope)
    if (define) {
      if (lhs[0] !== undefined && this.text(lhs[0]) !== '_') {
        kVar = this.newVar(iterScope, this.text(lhs[0]), kt!, lhs[0], false)
      }
      if (lhs[1] !== undefined && this.text(lhs[1]) !== '_')
        vVar = this.newVar(iterScope, this.text(lhs[1]), vt!, lhs[1], false)
    } else {
      if (lhs[0] !== undefined) {
        const lv = this.lvalue(lhs[0], scope)
        if (lv !== null) {
          kLoc = lv.loc
          kT = lv.t
        }
      }
      if (lhs[1] !== undefined) {
        const lv = this.lvalue(lhs[1], scope)
        if (lv !== null) {
          vLoc = lv.loc
          vT = lv.t
        }
      }
    }
    const useV = vVar !== null || vLoc !== null
    this.loopDepth++
    const body = this.block(bodyNode, iterScope)
    this.loopDepth--
    this.checkUnused(iterScope)
    const setK = (fr: Frame, k: unknown): void => {
      if (kVar !== null) this.declare(fr, kVar, k, line)
      else if (kLoc !== null) this.store(kLoc(fr), kT, k)
    }
    const setV = (fr: Frame, v: unknown): void => {
      if (vVar !== null) this.declare(fr, vVar, v, line)
      else if (vLoc !== null) this.store(vLoc(fr), vT!, v)
    }
    const endIter = (fr: Frame): void => {
      if (kVar !== null) this.undeclare(fr, kVar)
      if (vVar !== null) this.undeclare(fr, vVar)
    }
    const kk = kT.kind
    const loop: St = (fr) => {
      const xv = xev(fr)
      let n: number
      let get: ((i: number) => unknown) | null = null
      if (kind === 'int') {
        const cnt = xv as bigint
        for (let i = 0n; i < cnt; i++) {
          this.step(fr, line)
          setK(fr, wrapInt(kk, i))
          const c = after(body(fr))
          endIter(fr)
          if (c === 1) break
          if (c !== 0) return c
        }
        return NORMAL
      }
      if (kind === 'string') {
        const s = sv(xv)
        for (let i = 0; i < s.length;) {
          this.step(fr, line)
          const [r, w] = decodeRune(s, i)
          setK(fr, BigInt(i))
          if (useV) setV(fr, BigInt(r))
          const c = after(body(fr))
          endIter(fr)
          if (c === 1) break
          if (c !== 0) return c
          i += w
        }
        return NORMAL
      }
      if (kind === 'slice') {
        const s = xv as Slice | null
        n = s === null ? 0 : s.len
        if (s !== null) get = (i) => elemAt(s.arr, s.off + i, vt!)
      } else if (kind === 'array') {
        const arr = useV ? (copyValue(xt as GoType, xv) as unknown[]) : (xv as unknown[])
        n = (xt as GoType).len!
        get = (i) => elemAt(arr, i, vt!)
      } else {
        const p = xv as Ptr | null
        n = (xt as GoType).elem!.len!
        if (p === null && useV)
          this.panic(
            fr,
            line,
            'runtime error: invalid memory address or nil pointer dereference',
            '[signal SIGSEGV: segmentation violation]',
          )
        if (p !== null) {
          const arr = p.c[p.i] as unknown[]
          get = (i) => elemAt(arr, i, vt!)
        }
      }
      for (let i = 0; i < n; i++) {
        this.step(fr, line)
        setK(fr, BigInt(i))
        if (useV) setV(fr, get!(i))
        const c = after(body(fr))
        endIter(fr)
        if (c === 1) break
        if (c !== 0) return c
      }
      return NORMAL
    }
    return this.scoped(scope, [loop])
  }

  private lhsType(n: GNode, scope: Scope): GoType | null {
    const lv = this.lvalue(n, scope)
    return lv === null ? null : lv.t
  }

  private switchStmt(n: GNode, parent: Scope): St {
    const label = this.pendingLabel
    this.pendingLabel = null
    const scope = new Scope(parent)
    const ks = kids(n)
    const sb = n.getChild('SwitchBlock')!
    const head = ks.filter((k) => k.to <= sb.from && !punct.has(k.name) && !keywords.has(k.name))
    let init: St | null = null
    let tag: E | null = null
    const hasSemi = ks.some((k) => k.name === ';' && k.to <= sb.from)
    if (hasSemi) {
      if (head.length > 0 && head[0].to <= ks.find((k) => k.name === ';')!.from)
        init = this.simple(head.shift()!, scope)
    }
    if (head.length > 0) tag = this.expr(head[0], scope)
    let tagT: GoType = types.bool
    if (tag !== null) {
      tagT = defaultType(tag.t)
      tag = this.assignable(tag, tagT, 'switch')
    }
    // clauses
    const clauses: { vals: Ev[]; body: St; isDefault: boolean; ft: boolean }[] = []
    const bks = kids(sb)
    this.switchDepth++
    for (let i = 0; i < bks.length; i++) {
      const c = bks[i]
      if (c.name !== 'Case') continue
      const isDefault = this.text(c).trimStart().startsWith('default')
      const vals = parts(c).map((v) => {
        const e = this.expr(v, scope)
        if (tag === null) {
          if (!(isU(e.t) ? e.t.u === 'bool' : e.t.kind === 'bool'))
            this.fail(v, `invalid case ${this.text(v)} in switch (mismatched types ${tyStr(e.t)} and bool)`)
          return e.ev
        }
        const ce = this.assignable(e, tagT, 'switch case')
        return ce.ev
      })
      const stmts: GNode[] = []
      for (let j = i + 1; j < bks.length && bks[j].name !== 'Case'; j++)
        if (!punct.has(bks[j].name) && bks[j].name !== '}') stmts.push(bks[j])
      const cs = new Scope(scope)
      const ft = stmts.length > 0 && stmts[stmts.length - 1].name === 'FallthroughStatement'
      const body = this.scoped(cs, this.stmtList(ft ? stmts.slice(0, -1) : stmts, cs))
      clauses.push({ vals, body, isDefault, ft })
    }
    this.switchDepth--
    const eq = tag !== null ? equalFn(tagT) : null
    const tagEv = tag?.ev
    const run: St = (fr) => {
      if (init !== null) init(fr)
      const tv = tagEv !== undefined ? tagEv(fr) : true
      let start = -1
      for (let i = 0; i < clauses.length && start < 0; i++) {
        for (const v of clauses[i].vals) {
          const cv = v(fr)
          if (eq !== null ? eq(tv, cv) : cv === true) {
            start = i
            break
          }
        }
      }
      if (start < 0) start = clauses.findIndex((c) => c.isDefault)
      if (start < 0) return NORMAL
      for (let i = start; i < clauses.length; i++) {
        const c = clauses[i].body(fr)
        if (c === BREAK) return NORMAL
        if (c === BREAK_L && this.jump === label) {
          this.jump = null
          return NORMAL
        }
        if (c !== NORMAL) return c
        if (!clauses[i].ft) return NORMAL
      }
      return NORMAL
    }
    return this.scoped(scope, [run])
  }

  private returnStmt(n: GNode, scope: Scope): St {
    const fi = this.fn!
    const ps = parts(n)
    if (ps.length === 0) {
      if (fi.results.length > 0 && fi.resultNames === null)
        this.fail(n, 'not enough return values\n\thave ()')
      if (fi.resultNames !== null)
        return (fr) => {
          fr.ret = this.namedResults(fr, fi)
          return RETURN
        }
      return () => RETURN
    }
    if (fi.results.length === 0) this.fail(ps[0], 'too many return values')
    if (ps.length === 1 && fi.results.length > 1) {
      const e = this.expr(ps[0], scope, true)
      if (e.tuple === undefined || e.tuple.length !== fi.results.length)
        this.fail(ps[0], 'not enough return values')
      return (fr) => {
        fr.ret = e.ev(fr)
        return RETURN
      }
    }
    if (ps.length !== fi.results.length)
      this.fail(ps[0], ps.length < fi.results.length ? 'not enough return values' : 'too many return values')
    const evs = ps.map((p, i) => this.assignable(this.expr(p, scope), fi.results[i], 'return statement').ev)
    if (evs.length === 1) {
      const ev = evs[0]
      const t = fi.results[0]
      return (fr) => {
        fr.ret = copyValue(t, ev(fr))
        return RETURN
      }
    }
    return (fr) => {
      fr.ret = evs.map((ev, i) => copyValue(fi.results[i], ev(fr)))
      return RETURN
    }
  }

  // ---- expressions ----

  /** Make e usable as a value of type t (constants converted, untyped nil to pointers/slices). */
  assignable(e: E, t: GoType, ctx: string): E {
    if (e.tuple !== undefined)
      this.fail(
        e.n,
        `multiple-value ${this.text(e.n)} (value of type (${e.tuple.map(typeString).join(', ')})) in single-value context`,
      )
    if (isU(e.t)) return this.convertConst(e, t, ctx)
    if (!identical(e.t, t))
      this.fail(e.n, `cannot use ${this.operand(e)} as ${sourceString(t)} value in ${ctx}`)
    return e
  }

  /** An untyped constant (or nil) as a value of type t. */
  private convertConst(e: E, t: GoType, ctx: string): E {
    const u = (e.t as Untyped).u
    const k = t.kind
    if (u === 'nil') {
      if (hasNil(t)) return { ...e, t, ev: () => null, k: undefined, nil: true }
      this.fail(e.n, `cannot use nil as ${sourceString(t)} value in ${ctx}`)
    }
    if (k === 'interface') return this.convertConst(e, defaultType(e.t), ctx)
    if (e.k === undefined && isNumericTy(e.t)) {
      // untyped non-constant: shifts of a constant wrap to t
      if (isIntKind(k)) {
        const ev = e.ev
        return { ...e, t, ev: (fr) => wrapInt(k, ev(fr) as bigint) }
      }
      if (isFloatKind(k)) {
        // 1 << n where n is a variable and the context wants a float
        const x = e.n.name === 'BinaryExp' ? parts(e.n)[0] : e.n
        this.fail(
          x,
          `invalid operation: shifted operand ${this.exprString(x)} (type ${sourceString(t)}) must be integer`,
        )
      }
    }
    if (e.k === undefined) {
      // untyped bool values (comparisons) take any boolean type
      if (u === 'bool' && k === 'bool') return { ...e, t }
      this.fail(e.n, `cannot use ${this.operand(e)} as ${sourceString(t)} value in ${ctx}`)
    }
    const r = represent(e.k, e.t, t)
    if (typeof r !== 'object')
      this.fail(
        e.n,
        `cannot use ${this.operand(e)} as ${sourceString(t)} value in ${ctx}${r === 'invalid' ? '' : ` (${r})`}`,
      )
    return this.constE(e.n, t, r.v, u === 'bool' || u === 'string' ? e.ev : undefined)
  }

  /** The constant e converted implicitly to basic type t, as Go does for an operand of a binary
   *  expression whose other operand is typed. */
  private implicitConst(e: E, t: GoType): E {
    const r = represent(e.k, e.t, t)
    if (typeof r === 'object') return this.constE(e.n, t, r.v)
    if (r === 'invalid') this.fail(e.n, `cannot convert ${this.operand(e)} to type ${sourceString(t)}`)
    this.fail(e.n, `${this.operand(e)} ${r === 'truncated' ? 'truncated to' : 'overflows'} ${basicName(t)}`)
  }

  /** A folded constant: typed constants must be representable in their type, untyped integers
   *  stay within Go's 512 bits. op is the operator, where Go reports the untyped overflow. */
  private constResult(n: GNode, t: Ty, v: unknown, op: GNode): E {
    if (!isU(t)) {
      const r = represent(v, t, t)
      if (typeof r !== 'object')
        this.fail(n, `${this.operand({ t, k: v, ev: () => v, n })} overflows ${basicName(t)}`)
      return this.constE(n, t, r.v)
    }
    if (typeof v === 'bigint' && bitLen(v) > 512) {
      const name = n.name === 'BinaryExp' ? (overflowOpNames[this.text(op)] ?? '') : ''
      this.fail(
        op,
        `constant ${n.name === 'UnaryExp' && this.text(op) === '^' ? 'bitwise complement ' : name}overflow`,
      )
    }
    return this.constE(n, t, v)
  }

  /** An expression as Go's compiler prints it in messages: binary operators spaced, the rest as written. */
  private exprString(n: GNode): string {
    switch (n.name) {
      case 'BinaryExp': {
        const [a, op, b] = parts(n)
        if (b !== undefined) return `${this.exprString(a)} ${this.text(op)} ${this.exprString(b)}`
        break
      }
      case 'UnaryExp':
        return this.text(n.firstChild!) + this.exprString(n.lastChild!)
      case 'ParenthesizedExpr':
        if (parts(n).length === 1) return `(${this.exprString(parts(n)[0])})`
    }
    return this.text(n)
  }

  /** An operand as Go's type checker describes it: `x (variable of type int)`, `7.0 (untyped float
   *  constant 7)`, `t (constant "x" of type string)`, `len(s) (value of type int)`. */
  private operand(e: E): string {
    if (isNilTy(e.t)) return 'nil'
    const expr = this.exprString(e.n)
    const mode = e.k !== undefined ? 'constant' : e.loc !== undefined ? 'variable' : 'value'
    let d = isU(e.t) ? `${tyStr(e.t)} ${mode}` : mode
    if (e.k !== undefined) {
      const v = constString(e.k)
      if (v !== expr) d += ' ' + v
    }
    if (!isU(e.t)) d += ' ' + ofType(e.t)
    return `${expr} (${d})`
  }

  private constE(n: GNode, t: Ty, v: unknown, ev?: Ev): E {
    return { t, k: v, ev: ev ?? (() => v), n }
  }

  /** The value of e with untyped constants given their default type. */
  private value(e: E, ctx = 'assignment'): E {
    if (e.tuple !== undefined) this.fail(e.n, `multiple-value ${this.text(e.n)} in single-value context`)
    if (isU(e.t)) {
      if (e.t.u === 'nil') this.fail(e.n, 'use of untyped nil')
      return this.convertConst(e, defaultType(e.t), ctx)
    }
    return e
  }

  expr(n: GNode, scope: Scope, allowTuple = false): E {
    const e = this.expr0(n, scope)
    const fnInfo = (e as E & { fnInfo?: FuncInfo }).fnInfo
    if (fnInfo !== undefined) {
      const parent = n.parent
      const first = parent?.firstChild
      if (parent?.name !== 'CallExpr' || first == null || first.from !== n.from || first.to !== n.to)
        this.unsupported(n, 'function values')
    }
    if (e.tuple !== undefined && !allowTuple)
      this.fail(
        n,
        `multiple-value ${this.text(n)} (value of type (${e.tuple.map(typeString).join(', ')})) in single-value context`,
      )
    if (e.special !== undefined && e.special !== '') {
      const parent = n.parent
      const first = parent?.firstChild
      const isFirst = first != null && first.from === n.from && first.to === n.to
      const isCallee = parent !== null && parent.name === 'CallExpr' && isFirst
      const isSel = parent !== null && parent.name === 'SelectorExpr' && isFirst
      if (!isCallee && !isSel) {
        const ent = scope.lookup(e.special)
        if (ent !== undefined && ent.kind === 'pkg')
          this.fail(n, `use of package ${e.special} without selector`)
        this.fail(n, `${e.special} (built-in function) must be called`)
      }
    }
    return e
  }

  private expr0(n: GNode, scope: Scope): E {
    switch (n.name) {
      case 'Number':
        return this.number(n)
      case 'String':
        return this.constE(n, U.string, this.stringLit(n))
      case 'Rune':
        return this.constE(n, U.rune, this.runeLit(n))
      case 'Bool':
        return this.constE(n, U.bool, this.text(n) === 'true')
      case 'Nil':
        return { t: U.nil, ev: () => null, n }
      case 'ParenthesizedExpr':
        // the parentheses belong to the operand: Go prints and points at "(1 + 2)"
        return { ...this.expr0(parts(n)[0], scope), n }
      case 'VariableName':
        return this.ident(n, scope)
      case 'UnaryExp':
        return this.unary(n, scope)
      case 'BinaryExp': {
        const [a, op, b] = kids(n)
        const l = this.expr(a, scope)
        const r = this.expr(b, scope)
        return this.binary(n, this.text(op), l, r)
      }
      case 'CallExpr':
        return this.callExpr(n, scope)
      case 'SelectorExpr':
        return this.selector(n, scope)
      case 'IndexExpr':
        return this.index(n, scope)
      case 'SliceExpr':
        return this.sliceExpr(n, scope)
      case 'TypedLiteral':
        return this.compositeLit(n, scope, null)
      case 'Conversion': {
        const t = this.typeOf(n.firstChild!, scope)
        const arg = parts(n).slice(1)
        if (arg.length !== 1) this.fail(n, `wrong number of arguments in conversion to ${typeString(t)}`)
        return this.conversion(n, t, this.expr(arg[0], scope))
      }
      default:
        if (constructNames[n.name] !== undefined) this.unsupported(n, constructNames[n.name])
        if (typeNodeNames.has(n.name)) this.fail(n, `${this.text(n)} (type) is not an expression`)
        this.fail(n, `unexpected ${this.text(n)}`)
    }
  }

  private number(n: GNode): E {
    let s = this.text(n).replace(/_/g, '')
    if (s.endsWith('i')) this.unsupported(n, 'complex numbers')
    const isHex = /^0[xX]/.test(s)
    if ((!isHex && /[.eE]/.test(s)) || (isHex && /[.pP]/.test(s))) {
      if (isHex) this.fail(n, 'hexadecimal floating-point literals are not supported in cells')
      return this.constE(n, U.float, Number(s))
    }
    if (/^0[0-7]+$/.test(s)) s = '0o' + s.slice(1)
    if (/^0[oO]/.test(s)) s = '0o' + s.slice(2)
    return this.constE(n, U.int, BigInt(s))
  }

  private stringLit(n: GNode): string {
    const raw = this.text(n)
    if (raw[0] === '`') return utf8Encode(raw.slice(1, -1).replace(/\r/g, ''))
    if (raw.length < 2 || raw[raw.length - 1] !== '"') this.fail(n, 'string literal not terminated')
    return this.unescape(raw.slice(1, -1), n, '"')
  }

  private unescape(body: string, n: GNode, q: string): string {
    let out = ''
    for (let i = 0; i < body.length;) {
      const ch = body[i]
      if (ch !== '\\') {
        const cp = body.codePointAt(i)!
        out += runeBytes(cp)
        i += cp > 0xffff ? 2 : 1
        continue
      }
      const e = body[i + 1]
      i += 2
      const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 }
      if (simple[e] !== undefined) out += String.fromCharCode(simple[e])
      else if (e === q) out += q
      else if (e === 'x') {
        out += String.fromCharCode(parseInt(body.slice(i, i + 2), 16))
        i += 2
      } else if (e >= '0' && e <= '7') {
        out += String.fromCharCode(parseInt(body.slice(i - 1, i + 2), 8))
        i += 2
      } else if (e === 'u') {
        out += runeBytes(parseInt(body.slice(i, i + 4), 16))
        i += 4
      } else if (e === 'U') {
        out += runeBytes(parseInt(body.slice(i, i + 8), 16))
        i += 8
      } else this.fail(n, 'unknown escape sequence')
    }
    return out
  }

  private runeLit(n: GNode): bigint {
    const raw = this.text(n)
    const bytes = this.unescape(raw.slice(1, -1), n, "'")
    const [r, w] = decodeRune(bytes, 0)
    if (w !== bytes.length || bytes.length === 0) {
      if (bytes.length === 1) return BigInt(bytes.charCodeAt(0))
      this.fail(n, 'more than one character in rune literal')
    }
    return BigInt(r)
  }

  private ident(n: GNode, scope: Scope): E {
    const name = this.text(n)
    if (name === '_') this.fail(n, 'cannot use _ as value')
    const ent = scope.lookup(name)
    if (ent === undefined && name === 'nil') return { t: U.nil, ev: () => null, n }
    if (ent === undefined) {
      if (name === 'iota') this.fail(n, 'cannot use iota outside constant declaration')
      this.fail(n, `undefined: ${name}`)
    }
    switch (ent.kind) {
      case 'var': {
        ent.used = true
        const v = ent
        if (v.global) {
          const g = this.globals
          const slot = v.slot
          return { t: v.t, ev: () => g[slot], loc: (fr) => this.varLoc(fr, v), n }
        }
        const slot = v.slot
        if (v.boxed)
          return { t: v.t, ev: (fr) => (fr.vars[slot] as Ptr).c[0], loc: (fr) => fr.vars[slot] as Ptr, n }
        return { t: v.t, ev: (fr) => fr.vars[slot], loc: (fr) => this.varLoc(fr, v), n }
      }
      case 'const':
        return this.constE(n, ent.t, ent.val)
      case 'type':
        return { t: ent.t, type: ent.t, ev: () => this.fail(n, `${name} (type) is not an expression`), n }
      case 'func':
        return {
          t: types.int,
          special: '',
          ev: () => null,
          n,
          type: undefined,
          k: undefined,
          ...{ fnInfo: ent.fn },
        } as E
      case 'builtin':
        if (unsupportedBuiltins[name] !== undefined) this.unsupported(n, unsupportedBuiltins[name])
        return { t: types.int, special: name, ev: () => null, n }
      case 'pkg':
        this.useImport(name === 'runtime/debug' ? 'debug' : name)
        return { t: types.int, special: name, ev: () => null, n }
    }
  }

  private unary(n: GNode, scope: Scope): E {
    const op = this.text(n.firstChild!)
    const xn = n.lastChild!
    if (op === '&') {
      if (xn.name === 'TypedLiteral') {
        const lit = this.compositeLit(xn, scope, null)
        return this.heapLiteral(n, lit)
      }
      if (xn.name === 'ParenthesizedExpr' && parts(xn)[0].name === 'TypedLiteral')
        return this.heapLiteral(n, this.compositeLit(parts(xn)[0], scope, null))
      const x = this.expr(xn, scope)
      if (x.loc === undefined) this.fail(n, `invalid operation: cannot take address of ${this.text(xn)}`)
      const loc = x.loc
      return { t: pointerTo(x.t as GoType), ev: loc, n }
    }
    if (op === '*') {
      const x = this.value(this.expr(xn, scope))
      if (x.type !== undefined) this.fail(n, `${this.text(n)} (type) is not an expression`)
      const t = x.t as GoType
      if (t.kind !== 'pointer')
        this.fail(
          n,
          `invalid operation: cannot indirect ${this.text(xn)} (variable of type ${typeString(t)})`,
        )
      const el = t.elem!
      const line = this.line(n)
      const loc = (fr: Frame): Ptr => {
        const p = x.ev(fr) as Ptr | null
        if (p === null)
          this.panic(
            fr,
            line,
            'runtime error: invalid memory address or nil pointer dereference',
            '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]',
          )
        return p
      }
      return {
        t: el,
        ev: (fr) => {
          const p = loc(fr)
          return p.c[p.i] ?? zeroValue(el)
        },
        loc,
        n,
      }
    }
    const x = this.expr(xn, scope)
    if (x.tuple !== undefined) this.fail(x.n, `multiple-value ${this.text(x.n)} in single-value context`)
    if (!unaryOpDefined(op, x.t))
      this.fail(x.n, `invalid operation: operator ${op} not defined on ${this.operand(x)}`)
    if (x.k !== undefined) return this.constUnary(n, op, x)
    const v = this.value(x)
    const t = v.t as GoType
    const k = t.kind
    const ev = v.ev
    switch (op) {
      case '-':
        if (isIntKind(k)) return { t, ev: (fr) => wrapInt(k, -(ev(fr) as bigint)), n }
        if (isFloatKind(k)) return { t, ev: (fr) => -(ev(fr) as number), n }
        break
      case '+':
        if (isIntKind(k) || isFloatKind(k)) return { t, ev, n }
        break
      case '!':
        if (k === 'bool') return { t, ev: (fr) => !(ev(fr) as boolean), n }
        break
      case '^':
        if (isIntKind(k)) return { t, ev: (fr) => wrapInt(k, ~(ev(fr) as bigint)), n }
        break
    }
    this.fail(x.n, `invalid operation: operator ${op} not defined on ${this.operand(v)}`)
  }

  /** A unary operator on a constant (the operator is defined on it: see unary). */
  private constUnary(n: GNode, op: string, x: E): E {
    const v = x.k
    let r: unknown
    if (op === '!') r = !v
    else if (op === '+') r = v
    else if (op === '-') r = typeof v === 'bigint' ? -v : -(v as number)
    else r = !isU(x.t) && isUnsignedKind(x.t.kind) ? wrapInt(x.t.kind, ~(v as bigint)) : ~(v as bigint)
    return this.constResult(n, x.t, r, n.firstChild!)
  }

  /** &T{…}: the literal's value in a new heap object. */
  private heapLiteral(n: GNode, lit: E): E {
    const t = lit.t as GoType
    const line = this.line(n)
    const ev = lit.ev
    return {
      t: pointerTo(t),
      ev: (fr) => {
        const v = ev(fr)
        const addr = this.heap.new(t, line, `&${typeString(t).replace(/^main\./, '')}{…}`)
        const box = [v]
        const h = this.heapObj(addr, t.size, hasPointers(t), box)
        if (t.ptrdata > 0) this.roots.writeWords(h, 0, t, v)
        return new Ptr(box, 0, h, 0)
      },
      n,
    }
  }

  /** A binary expression, checked in the order of Go's type checker: an untyped operand first
   *  takes the other operand's type, then comparisons, mismatched types, whether the operator is
   *  defined on the operands, division by a constant zero; constants are folded. n is the
   *  expression, or the statement of an assignment operation (`x += y`). */
  binary(n: GNode, op: string, l: E, r: E): E {
    if (l.tuple !== undefined) this.fail(l.n, `multiple-value ${this.text(l.n)} in single-value context`)
    if (r.tuple !== undefined) this.fail(r.n, `multiple-value ${this.text(r.n)} in single-value context`)
    if (op === '<<' || op === '>>') return this.shift(n, op, l, r)
    ;[l, r] = this.matchTypes(l, r)
    if (cmpOps.has(op)) return this.comparison(n, op, l, r)
    const same = isU(l.t) ? isU(r.t) && l.t.u === r.t.u : !isU(r.t) && identical(l.t, r.t)
    if (!same) {
      const what =
        n.name === 'BinaryExp' ? this.exprString(n) : `${this.exprString(l.n)} ${op}= ${this.exprString(r.n)}`
      this.fail(
        l.n,
        `invalid operation: ${what} (mismatched types ${goTypeString(l.t)} and ${goTypeString(r.t)})`,
      )
    }
    if (!binaryOpDefined(op, l.t))
      this.fail(l.n, `invalid operation: operator ${op} not defined on ${this.operand(l)}`)
    if ((op === '/' || op === '%') && (l.k !== undefined || isIntegerTy(l.t)) && (r.k === 0n || r.k === 0))
      this.fail(r.n, 'invalid operation: division by zero')
    if (l.k !== undefined && r.k !== undefined) return this.constBinary(n, op, l, r)
    if (op === '&&' || op === '||') {
      const a = l.ev
      const b = r.ev
      return {
        t: l.t,
        ev:
          op === '&&'
            ? (fr) => (a(fr) as boolean) && (b(fr) as boolean)
            : (fr) => (a(fr) as boolean) || (b(fr) as boolean),
        n,
      }
    }
    const t = isU(l.t) ? defaultType(l.t) : l.t
    return this.arith(n, op, this.assignable(l, t, 'assignment'), this.assignable(r, t, 'assignment'), t)
  }

  /** Go's implicit conversion of an untyped operand to the other operand's type (types2's
   *  matchTypes): only between operands that can meet (booleans with booleans, strings with
   *  strings, nil with types that have nil); two untyped numbers meet at the larger kind. */
  private matchTypes(l: E, r: E): [E, E] {
    if (!isU(l.t) && !isU(r.t)) return [l, r]
    const iface = (t: Ty) => !isU(t) && t.kind === 'interface'
    const may =
      iface(l.t) ||
      iface(r.t) ||
      (isBoolTy(l.t) === isBoolTy(r.t) &&
        isStringTy(l.t) === isStringTy(r.t) &&
        (isNilTy(l.t)
          ? hasNil(r.t)
          : isNilTy(r.t)
            ? hasNil(l.t)
            : (isU(l.t) || l.t.kind !== 'pointer') && (isU(r.t) || r.t.kind !== 'pointer')))
    if (!may) return [l, r]
    if (isU(l.t) && isU(r.t)) {
      if (!isNumericTy(l.t) || !isNumericTy(r.t)) return [l, r]
      const rank = { int: 0, rune: 1, float: 2 } as Record<UKind, number>
      const t = rank[l.t.u] >= rank[r.t.u] ? l.t : r.t
      return [
        { ...l, t },
        { ...r, t },
      ]
    }
    return isU(l.t) ? [this.implicit(l, r.t as GoType), r] : [l, this.implicit(r, l.t as GoType)]
  }

  /** An untyped operand converted to the typed operand's type t. */
  private implicit(e: E, t: GoType): E {
    if (t.kind === 'interface') return e // converted with the comparison (convertConst)
    if (e.k === undefined) return this.convertConst(e, t, 'assignment')
    if (!isBasicTy(t)) this.fail(e.n, `cannot convert ${this.operand(e)} to type ${sourceString(t)}`)
    return this.implicitConst(e, t)
  }

  /** == != < <= > >= after matchTypes: the operands must be assignable one to the other, and the
   *  operator defined on them (types2's comparison). */
  private comparison(n: GNode, op: string, l: E, r: E): E {
    const what = `${this.exprString(l.n)} ${op} ${this.exprString(r.n)}`
    const bad = (at: E, cause: string): never => this.fail(at.n, `invalid operation: ${what} (${cause})`)
    const assignableTo = (x: Ty, t: Ty): boolean => {
      if (isU(t)) return isU(x) && x.u === t.u
      if (t.kind === 'interface') return true
      if (isU(x)) return x.u === 'nil' && hasNil(t)
      return identical(x, t)
    }
    if (!assignableTo(l.t, r.t) && !assignableTo(r.t, l.t))
      bad(r, `mismatched types ${goTypeString(l.t)} and ${goTypeString(r.t)}`)
    if (op === '==' || op === '!=') {
      if ((isNilTy(l.t) || isNilTy(r.t)) && !hasNil(isNilTy(l.t) ? r.t : l.t))
        bad(r, `operator ${op} not defined on ${kindString(r.t)}`)
    } else if (!isOrderedTy(l.t)) bad(l, `operator ${op} not defined on ${kindString(l.t)}`)
    else if (!isOrderedTy(r.t)) bad(r, `operator ${op} not defined on ${kindString(r.t)}`)
    if (l.k !== undefined && r.k !== undefined) {
      const float = isFloatTy(l.t) || isFloatTy(r.t)
      const x = (float ? Number(l.k) : l.k) as number
      const y = (float ? Number(r.k) : r.k) as number
      const res =
        op === '=='
          ? x === y
          : op === '!='
            ? x !== y
            : op === '<'
              ? x < y
              : op === '<='
                ? x <= y
                : op === '>'
                  ? x > y
                  : x >= y
      return this.constE(n, U.bool, res)
    }
    let t: GoType
    if (isU(l.t) && isU(r.t)) {
      if (isNilTy(l.t) && isNilTy(r.t)) bad(r, `operator ${op} not defined on untyped nil`)
      t = defaultType(l.t)
    } else t = isU(l.t) ? (r.t as GoType) : (l.t as GoType)
    return this.compare(n, op, this.assignable(l, t, 'assignment'), this.assignable(r, t, 'assignment'), t)
  }

  private compare(n: GNode, op: string, a: E, b: E, t: GoType): E {
    const k = t.kind
    const A = a.ev
    const B = b.ev
    if (op === '==' || op === '!=') {
      if ((k === 'slice' || k === 'map' || k === 'func') && !(a.nil || b.nil))
        this.fail(n, `invalid operation: ${this.text(n)} (${k} can only be compared to nil)`)
      if (k === 'struct' && !comparable(t))
        this.fail(n, `invalid operation: ${this.text(n)} (struct containing slices cannot be compared)`)
      const eq = equalFn(t)
      return op === '=='
        ? { t: U.bool, ev: (fr) => eq(A(fr), B(fr)), n }
        : { t: U.bool, ev: (fr) => !eq(A(fr), B(fr)), n }
    }
    if (!isIntKind(k) && !isFloatKind(k) && k !== 'string')
      this.fail(n, `invalid operation: ${this.text(n)} (operator ${op} not defined on ${typeString(t)})`)
    const cmp: (x: unknown, y: unknown) => boolean =
      k === 'string'
        ? op === '<'
          ? (x, y) => sv(x) < sv(y)
          : op === '<='
            ? (x, y) => sv(x) <= sv(y)
            : op === '>'
              ? (x, y) => sv(x) > sv(y)
              : (x, y) => sv(x) >= sv(y)
        : op === '<'
          ? (x, y) => (x as number) < (y as number)
          : op === '<='
            ? (x, y) => (x as number) <= (y as number)
            : op === '>'
              ? (x, y) => (x as number) > (y as number)
              : (x, y) => (x as number) >= (y as number)
    return { t: U.bool, ev: (fr) => cmp(A(fr), B(fr)), n }
  }

  private arith(n: GNode, op: string, a: E, b: E, t: GoType): E {
    const k = t.kind
    const A = a.ev
    const B = b.ev
    const line = this.line(n)
    if (k === 'string') {
      return {
        t,
        ev: (fr) => {
          const x = A(fr)
          const y = B(fr)
          const xs = sv(x)
          const ys = sv(y)
          const r = this.heap.concatStrings([xs.length, ys.length], line)
          if (r.reuse === 0) return x
          if (r.reuse === 1) return y
          if (r.addr === 0) return ''
          return this.newString(xs + ys, r.addr)
        },
        n,
      }
    }
    if (isIntKind(k)) {
      const w = (v: bigint) => wrapInt(k, v)
      switch (op) {
        case '+':
          return { t, ev: (fr) => w((A(fr) as bigint) + (B(fr) as bigint)), n }
        case '-':
          return { t, ev: (fr) => w((A(fr) as bigint) - (B(fr) as bigint)), n }
        case '*':
          return { t, ev: (fr) => w((A(fr) as bigint) * (B(fr) as bigint)), n }
        case '/':
        case '%': {
          const div = op === '/'
          return {
            t,
            ev: (fr) => {
              const x = A(fr) as bigint
              const y = B(fr) as bigint
              if (y === 0n) this.panic(fr, line, 'runtime error: integer divide by zero')
              return w(div ? x / y : x % y)
            },
            n,
          }
        }
        case '&':
          return { t, ev: (fr) => w((A(fr) as bigint) & (B(fr) as bigint)), n }
        case '|':
          return { t, ev: (fr) => w((A(fr) as bigint) | (B(fr) as bigint)), n }
        case '^':
          return { t, ev: (fr) => w((A(fr) as bigint) ^ (B(fr) as bigint)), n }
        case '&^':
          return { t, ev: (fr) => w((A(fr) as bigint) & ~(B(fr) as bigint)), n }
      }
    }
    if (isFloatKind(k)) {
      const f = k === 'float32' ? Math.fround : (x: number) => x
      switch (op) {
        case '+':
          return { t, ev: (fr) => f((A(fr) as number) + (B(fr) as number)), n }
        case '-':
          return { t, ev: (fr) => f((A(fr) as number) - (B(fr) as number)), n }
        case '*':
          return { t, ev: (fr) => f((A(fr) as number) * (B(fr) as number)), n }
        case '/':
          // a float variable divided by a constant zero is ±Inf or NaN, as in Go
          return { t, ev: (fr) => f((A(fr) as number) / (B(fr) as number)), n }
      }
    }
    this.fail(a.n, `invalid operation: operator ${op} not defined on ${this.operand(a)}`)
  }

  /** x << y, x >> y, checked as types2's shift does. */
  private shift(n: GNode, op: string, l: E, r: E): E {
    // the shifted operand: an integer, or an untyped constant with an integer value (2.0)
    const lval =
      typeof l.k === 'bigint'
        ? l.k
        : typeof l.k === 'number' && Number.isInteger(l.k)
          ? BigInt(l.k)
          : undefined
    if (!isIntegerTy(l.t) && !(isU(l.t) && lval !== undefined))
      this.fail(l.n, `invalid operation: shifted operand ${this.operand(l)} must be integer`)
    // the count: an integer, or an untyped constant representable as a uint
    let rv = r
    if (r.k !== undefined) {
      const c = r.k
      if ((typeof c === 'bigint' && c < 0n) || (typeof c === 'number' && Number.isInteger(c) && c < 0))
        this.fail(r.n, `invalid operation: negative shift count ${this.operand(r)}`)
      if (isU(r.t)) rv = { ...this.implicitConst(r, types.uint), t: r.t }
      else if (!isIntKind(r.t.kind))
        this.fail(r.n, `invalid operation: shift count ${this.operand(r)} must be integer`)
    } else if (isU(r.t)) rv = this.convertConst(r, types.uint, 'assignment')
    else if (!isIntKind(r.t.kind))
      this.fail(r.n, `invalid operation: shift count ${this.operand(r)} must be integer`)
    if (l.k !== undefined && rv.k !== undefined) {
      const s = rv.k as bigint
      // Go's bound on constant shift counts (enough to reach the smallest float64)
      if (s > 1074n) this.fail(r.n, `invalid operation: invalid shift count ${this.operand(r)}`)
      const t = isIntegerTy(l.t) ? l.t : U.int
      return this.constResult(n, t, op === '<<' ? lval! << s : lval! >> s, kids(n)[1])
    }
    if (l.k !== undefined && isU(l.t) && (l.t.u === 'int' || l.t.u === 'rune')) {
      // 1 << n with n a variable: the constant takes the type the context gives it (Go spec), so
      // the result stays untyped here and convertConst wraps it to that type's width.
      const c = l.k as bigint
      const B0 = rv.k !== undefined ? () => BigInt(rv.k as bigint) : rv.ev
      const line0 = this.line(n)
      return {
        t: l.t,
        ev: (fr) => {
          const s = B0(fr) as bigint
          if (s < 0n) this.panic(fr, line0, 'runtime error: negative shift amount')
          if (op === '<<') return s >= 128n ? 0n : c << s
          return s >= 128n ? (c < 0n ? -1n : 0n) : c >> s
        },
        n,
      }
    }
    const lv = this.value(l)
    const t = lv.t as GoType
    if (!isIntKind(t.kind))
      this.fail(l.n, `invalid operation: shifted operand ${this.operand(l)} must be integer`)
    const k = t.kind
    const A = lv.ev
    const B = rv.k !== undefined ? () => BigInt(rv.k as bigint) : rv.ev
    const line = this.line(n)
    const bits = BigInt(t.size * 8)
    return {
      t,
      ev: (fr) => {
        const x = A(fr) as bigint
        const s = B(fr) as bigint
        if (s < 0n) this.panic(fr, line, 'runtime error: negative shift amount')
        if (op === '<<') return s >= bits ? 0n : wrapInt(k, x << s)
        return s >= bits ? (x < 0n ? -1n : 0n) : x >> s
      },
      n,
    }
  }

  /** Fold a binary operator on two constants of the same type (binary has checked them). */
  private constBinary(n: GNode, op: string, l: E, r: E): E {
    const t = l.t
    let res: unknown
    if (typeof l.k === 'string') res = l.k + (r.k as string)
    else if (typeof l.k === 'boolean') res = op === '&&' ? l.k && r.k : l.k || r.k
    else if (isFloatTy(t)) res = floatConstOps.get(op)!(Number(l.k), Number(r.k))
    else res = intConstOps.get(op)!(l.k as bigint, r.k as bigint)
    return this.constResult(n, t, res, kids(n)[1] ?? n)
  }

  // ---- conversions ----

  conversion(n: GNode, t: GoType, x: E): E {
    const line = this.line(n)
    const tk = t.kind
    if (x.tuple !== undefined) this.fail(x.n, `multiple-value in single-value context`)
    // constants
    if (x.k !== undefined) {
      const v = x.k
      if (typeof v === 'bigint' && tk === 'string') {
        // string(rune constant)
        const s = runeBytes(Number(BigInt.asIntN(64, v) > 0x10ffffn ? 0xfffdn : v))
        return this.constE(n, t, s)
      }
      if (isBasicTy(t)) {
        const r = represent(v, x.t, t)
        if (typeof r === 'object') return this.constE(n, t, r.v)
        // a constant conversion must be exact; between integer types Go says only that it overflows
        if (r === 'overflows' && isIntegerTy(x.t) && isIntKind(tk))
          this.fail(x.n, `constant ${constString(v)} overflows ${sourceString(t)}`)
        this.fail(x.n, `cannot convert ${this.operand(x)} to type ${sourceString(t)}`)
      }
    }
    if (isU(x.t) && x.t.u === 'nil') return this.convertConst(x, t, 'conversion')
    const xv = this.value(x)
    const from = xv.t as GoType
    const fk = from.kind
    const ev = xv.ev
    if (identical(from, t)) return { t, ev, n }
    if (isIntKind(tk) && isIntKind(fk)) return { t, ev: (fr) => wrapInt(tk, ev(fr) as bigint), n }
    if (isFloatKind(tk) && isIntKind(fk))
      return { t, ev: (fr) => (tk === 'float32' ? Math.fround(Number(ev(fr))) : Number(ev(fr))), n }
    if (isIntKind(tk) && isFloatKind(fk))
      return {
        t,
        ev: (fr) => {
          const f = ev(fr) as number
          if (!Number.isFinite(f)) return wrapInt(tk, -(1n << 63n))
          return wrapInt(tk, BigInt(Math.trunc(f)))
        },
        n,
      }
    if (isFloatKind(tk) && isFloatKind(fk))
      return { t, ev: tk === 'float32' ? (fr) => Math.fround(ev(fr) as number) : ev, n }
    if (tk === 'string' && isIntKind(fk)) {
      // string(rune): intstring allocates 4 bytes when the result escapes
      return {
        t,
        ev: (fr) => {
          const r = ev(fr) as bigint
          const cp = r < 0n || r > 0x10ffffn ? 0xfffd : Number(r)
          const bytes = runeBytes(cp)
          const addr = this.heap.allocString(4, line, 'string(rune)')
          return this.newString(bytes, addr)
        },
        n,
      }
    }
    if (tk === 'slice' && fk === 'string' && (t.elem!.kind === 'uint8' || t.elem!.kind === 'int32')) {
      const runes = t.elem!.kind === 'int32'
      const el = t.elem!
      return {
        t,
        ev: (fr) => {
          const s = sv(ev(fr))
          if (!runes) {
            const { addr, cap } = this.heap.stringToBytes(s.length, line)
            const { arr, h } = this.backing(el, addr, cap)
            for (let i = 0; i < s.length; i++) arr[i] = BigInt(s.charCodeAt(i))
            return new Slice(arr, 0, s.length, cap, h, 0)
          }
          const rs: bigint[] = []
          for (let i = 0; i < s.length;) {
            const [r, w] = decodeRune(s, i)
            rs.push(BigInt(r))
            i += w
          }
          // rawruneslice: cap = roundupsize(n × 4) / 4
          const bytes = rs.length * 4
          const capBytes = bytes === 0 ? 0 : roundupsize(bytes, true, this.rt.goVersion)
          const addr = bytes === 0 ? 0 : this.heap.sliceLiteral(el, capBytes / 4, line)
          const { arr, h } = this.backing(el, addr, capBytes / 4)
          rs.forEach((r, i) => (arr[i] = r))
          return new Slice(arr, 0, rs.length, capBytes / 4, h, 0)
        },
        n,
      }
    }
    if (tk === 'string' && fk === 'slice' && (from.elem!.kind === 'uint8' || from.elem!.kind === 'int32')) {
      const runes = from.elem!.kind === 'int32'
      return {
        t,
        ev: (fr) => {
          const s = ev(fr) as Slice | null
          let bytes = ''
          if (s !== null)
            for (let i = 0; i < s.len; i++) {
              const b = (s.arr[s.off + i] as bigint | undefined) ?? 0n
              bytes += runes
                ? runeBytes(b < 0n || b > 0x10ffffn ? 0xfffd : Number(b))
                : String.fromCharCode(Number(b))
            }
          const addr = runes
            ? this.heap.allocString(bytes.length, line, 'string(runes)')
            : this.heap.bytesToString(bytes.length, line)
          return this.newString(bytes, addr)
        },
        n,
      }
    }
    // same underlying type (named ↔ unnamed)
    if (sameUnderlying(from, t)) return { t, ev, n }
    this.fail(
      n,
      `cannot convert ${this.text(x.n)} (variable of type ${typeString(from)}) to type ${typeString(t)}`,
    )
  }

  // ---- selectors, index, slices ----

  private selector(n: GNode, scope: Scope): E {
    const base = n.firstChild!
    const field = this.text(n.lastChild!)
    if (base.name === 'VariableName') {
      const ent = scope.lookup(this.text(base))
      if (ent !== undefined && ent.kind === 'pkg') {
        this.useImport(ent.name === 'runtime/debug' ? 'debug' : ent.name)
        if (ent.name === 'runtime' && field === 'MemStats')
          return { t: memStatsType, type: memStatsType, ev: () => null, n }
        return { t: types.int, special: `${ent.name}.${field}`, ev: () => null, n }
      }
    }
    const x = this.value(this.expr(base, scope))
    if (x.type !== undefined) this.unsupported(n, 'method expressions')
    let t = x.t as GoType
    let viaPtr = false
    if (t.kind === 'pointer' && t.elem!.kind === 'struct') {
      viaPtr = true
      t = t.elem!
    }
    if (t.kind !== 'struct') {
      this.fail(
        n.lastChild!,
        `${this.text(n)} undefined (type ${typeString(x.t as GoType)} has no field or method ${field})`,
      )
    }
    const idx = t.fields!.findIndex((f) => f.name === field)
    if (idx < 0)
      this.fail(
        n.lastChild!,
        `${this.text(n)} undefined (type ${typeString(x.t as GoType)} has no field or method ${field})`,
      )
    const f = t.fields![idx]
    const ft = f.type
    const line = this.line(n)
    if (viaPtr) {
      const ev = x.ev
      const loc = (fr: Frame): Ptr => {
        const p = ev(fr) as Ptr | null
        if (p === null)
          this.panic(
            fr,
            line,
            'runtime error: invalid memory address or nil pointer dereference',
            '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]',
          )
        return new Ptr(p.c[p.i] as unknown[], idx, p.h, p.off + f.offset, p.fake + f.offset)
      }
      return {
        t: ft,
        ev: (fr) => {
          const p = loc(fr)
          return p.c[p.i]
        },
        loc,
        n,
      }
    }
    const ev = x.ev
    if (x.loc !== undefined) {
      const bl = x.loc
      const loc = (fr: Frame): Ptr => {
        const p = bl(fr)
        return new Ptr(p.c[p.i] as unknown[], idx, p.h, p.off + f.offset, p.fake + f.offset)
      }
      return { t: ft, ev: (fr) => (ev(fr) as unknown[])[idx], loc, n }
    }
    return { t: ft, ev: (fr) => (ev(fr) as unknown[])[idx], n }
  }

  private intIndex(n: GNode, scope: Scope, what: string): { ev: (fr: Frame) => number; k?: number } {
    const e = this.expr(n, scope)
    if (e.k !== undefined) {
      let v = e.k
      if (typeof v === 'number' && Number.isInteger(v)) v = BigInt(v)
      if (typeof v !== 'bigint')
        this.fail(
          n,
          `invalid argument: ${what} ${this.text(n)} (untyped ${typeof v === 'number' ? 'float' : 'string'} constant) must be integer`,
        )
      if (v < 0n)
        this.fail(n, `invalid argument: ${what} ${this.text(n)} (constant of type int) must not be negative`)
      const k = Number(v)
      return { ev: () => k, k }
    }
    const v = this.value(e)
    if (!isIntKind((v.t as GoType).kind))
      this.fail(
        n,
        `invalid argument: ${what} ${this.text(n)} (variable of type ${typeString(v.t as GoType)}) must be integer`,
      )
    const ev = v.ev
    const big = (v.t as GoType).kind
    return {
      ev: (fr) => {
        const b = ev(fr) as bigint
        // huge unsigned values stay out of range
        if (b > 0x7fffffffffffn) return Number.MAX_SAFE_INTEGER
        void big
        return Number(b)
      },
    }
  }

  private index(n: GNode, scope: Scope): E {
    const ps = parts(n)
    const x = this.value(this.expr(ps[0], scope))
    const t = x.t as GoType
    const line = this.line(n)
    if (t.kind === 'map') this.unsupported(n, 'map operations')
    const ix = this.intIndex(ps[1], scope, 'index')
    const iev = ix.ev
    const oob = (fr: Frame, i: number, len: number): never =>
      this.panic(
        fr,
        line,
        i < 0
          ? `runtime error: index out of range [${i}]`
          : `runtime error: index out of range [${i}] with length ${len}`,
      )
    if (t.kind === 'string') {
      if (x.k !== undefined && ix.k !== undefined) {
        const s = x.k as string
        if (ix.k >= s.length)
          this.fail(ps[1], `invalid argument: index ${ix.k} out of bounds [0:${s.length}]`)
        return this.constE(n, types.byte, BigInt(s.charCodeAt(ix.k)))
      }
      const ev = x.ev
      return {
        t: types.byte,
        ev: (fr) => {
          const s = sv(ev(fr))
          const i = iev(fr)
          if (i < 0 || i >= s.length) oob(fr, i, s.length)
          return BigInt(s.charCodeAt(i))
        },
        n,
      }
    }
    if (t.kind === 'slice') {
      const el = t.elem!
      const ev = x.ev
      const es = el.size
      const loc = (fr: Frame): Ptr => {
        const s = ev(fr) as Slice | null
        const i = iev(fr)
        const len = s === null ? 0 : s.len
        if (i < 0 || i >= len) oob(fr, i, len)
        const j = s!.off + i
        if (!isScalar(el) && s!.arr[j] === undefined) s!.arr[j] = zeroValue(el)
        return new Ptr(s!.arr, j, s!.h, s!.hoff + j * es, s!.hoff + j * es)
      }
      return {
        t: el,
        ev: (fr) => {
          const s = ev(fr) as Slice | null
          const i = iev(fr)
          const len = s === null ? 0 : s.len
          if (i < 0 || i >= len) oob(fr, i, len)
          return elemAt(s!.arr, s!.off + i, el)
        },
        loc,
        n,
      }
    }
    let arrT = t
    let viaPtr = false
    if (t.kind === 'pointer' && t.elem!.kind === 'array') {
      arrT = t.elem!
      viaPtr = true
    }
    if (arrT.kind !== 'array')
      this.fail(n, `invalid operation: cannot index ${this.text(ps[0])} (variable of type ${typeString(t)})`)
    const el = arrT.elem!
    const len = arrT.len!
    if (ix.k !== undefined && ix.k >= len)
      this.fail(ps[1], `invalid argument: index ${ix.k} out of bounds [0:${len}]`)
    const es = el.size
    const ev = x.ev
    const baseLoc: ((fr: Frame) => Ptr) | undefined = viaPtr
      ? (fr) => {
          const p = ev(fr) as Ptr | null
          if (p === null)
            this.panic(
              fr,
              line,
              'runtime error: invalid memory address or nil pointer dereference',
              '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]',
            )
          return p
        }
      : x.loc
    if (baseLoc !== undefined) {
      const loc = (fr: Frame): Ptr => {
        const p = baseLoc(fr)
        const i = iev(fr)
        if (i < 0 || i >= len) oob(fr, i, len)
        const arr = p.c[p.i] as unknown[]
        if (!isScalar(el) && arr[i] === undefined) arr[i] = zeroValue(el)
        return new Ptr(arr, i, p.h, p.off + i * es, p.fake + i * es)
      }
      return {
        t: el,
        ev: (fr) => {
          const p = loc(fr)
          return elemAt(p.c, p.i, el)
        },
        loc,
        n,
      }
    }
    return {
      t: el,
      ev: (fr) => {
        const a = ev(fr) as unknown[]
        const i = iev(fr)
        if (i < 0 || i >= len) oob(fr, i, len)
        return elemAt(a, i, el)
      },
      n,
    }
  }

  private sliceExpr(n: GNode, scope: Scope): E {
    const ks = kids(n)
    const x = this.value(this.expr(ks[0], scope))
    const t = x.t as GoType
    const line = this.line(n)
    // indices between the colons
    const colons = ks.filter((k) => k.name === ':')
    const three = colons.length === 2
    const seg = (from: number, to: number) =>
      ks.find((k) => k.from >= from && k.to <= to && !punct.has(k.name) && k !== ks[0])
    const lbr = ks.find((k) => k.name === '[')!
    const rbr = ks[ks.length - 1]
    const loN = seg(lbr.to, colons[0].from)
    const hiN = seg(colons[0].to, three ? colons[1].from : rbr.from)
    const maxN = three ? seg(colons[1].to, rbr.from) : undefined
    if (three && (hiN === undefined || maxN === undefined))
      this.fail(
        n,
        hiN === undefined
          ? 'middle index required in 3-index slice'
          : 'final index required in 3-index slice',
      )
    const lo = loN !== undefined ? this.intIndex(loN, scope, 'index') : null
    const hi = hiN !== undefined ? this.intIndex(hiN, scope, 'index') : null
    const mx = maxN !== undefined ? this.intIndex(maxN, scope, 'index') : null
    if (lo?.k !== undefined && hi?.k !== undefined && lo.k > hi.k)
      this.fail(n, `invalid slice indices: ${hi.k} < ${lo.k}`)
    const bad = (fr: Frame, msg: string): never =>
      this.panic(fr, line, `runtime error: slice bounds out of range ${msg}`)
    /** Go's checks, in Go's order; returns [lo, hi, max]. */
    const bounds = (fr: Frame, len: number, cap: number, isStr: boolean): [number, number, number] => {
      const l = lo !== null ? lo.ev(fr) : 0
      let h: number
      let m: number
      if (three) {
        m = mx!.ev(fr)
        h = hi!.ev(fr)
        if (m < 0) bad(fr, `[::${m}]`)
        if (m > cap) bad(fr, `[::${m}] with capacity ${cap}`)
        if (h < 0) bad(fr, `[:${h}:]`)
        if (h > m) bad(fr, `[:${h}:${m}]`)
        if (l < 0) bad(fr, `[${l}::]`)
        if (l > h) bad(fr, `[${l}:${h}:]`)
        return [l, h, m]
      }
      h = hi !== null ? hi.ev(fr) : len
      m = cap
      if (hi !== null) {
        if (h < 0) bad(fr, `[:${h}]`)
        if (h > cap) bad(fr, isStr ? `[:${h}] with length ${cap}` : `[:${h}] with capacity ${cap}`)
      }
      if (l < 0) bad(fr, `[${l}:]`)
      if (l > h) bad(fr, `[${l}:${h}]`)
      return [l, h, m]
    }
    if (t.kind === 'string') {
      if (three) this.fail(n, `invalid operation: 3-index slice of string`)
      const ev = x.ev
      return {
        t,
        ev: (fr) => {
          const v = ev(fr)
          const s = sv(v)
          const [l, h] = bounds(fr, s.length, s.length, true)
          const sub = s.slice(l, h)
          if (v instanceof HStr && sub.length > 0) return new HStr(sub, v.h, v.hoff + l)
          return sub
        },
        n,
      }
    }
    if (t.kind === 'slice') {
      const ev = x.ev
      return {
        t,
        ev: (fr) => {
          const s = ev(fr) as Slice | null
          const len = s === null ? 0 : s.len
          const cap = s === null ? 0 : s.cap
          const [l, h, m] = bounds(fr, len, cap, false)
          if (s === null) return null
          return new Slice(s.arr, s.off + l, h - l, m - l, s.h, s.hoff)
        },
        n,
      }
    }
    let arrT = t
    let viaPtr = false
    if (t.kind === 'pointer' && t.elem!.kind === 'array') {
      arrT = t.elem!
      viaPtr = true
    }
    if (arrT.kind !== 'array')
      this.fail(n, `cannot slice ${this.text(ks[0])} (variable of type ${typeString(t)})`)
    if (!viaPtr && x.loc === undefined)
      this.fail(n, `invalid operation: ${this.text(n)} (slice of unaddressable value)`)
    const len = arrT.len!
    const ev = x.ev
    const baseLoc = viaPtr
      ? (fr: Frame): Ptr => {
          const p = ev(fr) as Ptr | null
          if (p === null)
            this.panic(
              fr,
              line,
              'runtime error: invalid memory address or nil pointer dereference',
              '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]',
            )
          return p
        }
      : x.loc!
    return {
      t: sliceOf(arrT.elem!),
      ev: (fr) => {
        const p = baseLoc(fr)
        const [l, h, m] = bounds(fr, len, len, false)
        return new Slice(p.c[p.i] as unknown[], l, h - l, m - l, p.h, p.h !== null ? p.off : p.fake)
      },
      n,
    }
  }

  // ---- composite literals ----

  /** T{…} (t given when the type is elided inside an outer literal). */
  private compositeLit(n: GNode, scope: Scope, elided: GoType | null): E {
    let t: GoType
    let lv: GNode
    let dotsArray = false
    if (elided !== null) {
      t = elided
      lv = n
    } else {
      const tn = n.firstChild!
      lv = n.lastChild!
      if (tn.name === 'SliceType' && kids(tn).some((k) => k.name === '...')) {
        dotsArray = true
        t = sliceOf(this.typeOf(tn.lastChild!, scope)) // length fixed below
      } else t = this.typeOf(tn, scope)
    }
    const elems = lv.getChildren('Element')
    const line = this.line(n)
    const elemOf = (en: GNode, et: GoType): E => {
      const v = parts(en).filter((k) => k.name !== 'Key')[0]
      if (v.name === 'LiteralValue') {
        if (et.kind === 'pointer') {
          const inner = this.compositeLit(v, scope, et.elem!)
          return this.heapLiteral(v, inner)
        }
        return this.compositeLit(v, scope, et)
      }
      return this.assignable(this.expr(v, scope), et, `${typeString(t)} literal`)
    }
    if (t.kind === 'struct') {
      const fs = t.fields!
      const evs: (Ev | null)[] = fs.map(() => null)
      const keyed = elems.length > 0 && elems[0].getChild('Key') !== null
      elems.forEach((en, i) => {
        const key = en.getChild('Key')
        if ((key !== null) !== keyed)
          this.fail(en, 'mixture of field:value and value elements in struct literal')
        let fi = i
        if (key !== null) {
          const name = this.text(key).trim()
          fi = fs.findIndex((f) => f.name === name)
          if (fi < 0) this.fail(key, `unknown field ${name} in struct literal of type ${typeString(t)}`)
          if (evs[fi] !== null) this.fail(key, `duplicate field name ${name} in struct literal`)
        } else if (i >= fs.length) this.fail(en, `too many values in struct literal of type ${typeString(t)}`)
        evs[fi] = elemOf(en, fs[fi].type).ev
      })
      if (!keyed && elems.length > 0 && elems.length < fs.length)
        this.fail(lv.lastChild!, `too few values in struct literal of type ${typeString(t)}`)
      return {
        t,
        ev: (fr) => fs.map((f, i) => (evs[i] === null ? zeroValue(f.type) : copyValue(f.type, evs[i]!(fr)))),
        n,
      }
    }
    if (t.kind === 'array' || t.kind === 'slice') {
      const et = t.elem!
      const items: { i: number; ev: Ev }[] = []
      let next = 0
      let maxI = 0
      for (const en of elems) {
        const key = en.getChild('Key')
        if (key !== null) {
          const ke = this.expr(parts(key)[0], scope)
          if (typeof ke.k !== 'bigint') this.fail(key, 'index must be non-negative integer constant')
          next = Number(ke.k)
        }
        if (items.some((it) => it.i === next))
          this.fail(en, `duplicate index ${next} in array or slice literal`)
        items.push({ i: next, ev: elemOf(en, et).ev })
        next++
        maxI = Math.max(maxI, next)
      }
      if (dotsArray) t = arrayOf(maxI, et)
      if (t.kind === 'array') {
        const len = t.len!
        if (maxI > len) this.fail(n, `index ${maxI - 1} out of bounds [0:${len}]`)
        const at = t
        return {
          t,
          ev: (fr) => {
            const a = zeroValue(at) as unknown[]
            for (const it of items) a[it.i] = copyValue(et, it.ev(fr))
            return a
          },
          n,
        }
      }
      const st = t
      return {
        t,
        ev: (fr) => {
          const vals = items.map((it) => copyValue(et, it.ev(fr)))
          const addr = maxI === 0 ? 0 : this.heap.sliceLiteral(et, maxI, line)
          const { arr, h } = this.backing(et, addr, maxI)
          items.forEach((it, k) => (arr[it.i] = vals[k]))
          if (h !== null && et.ptrdata > 0) this.roots.writeWords(h, 0, arrayOf(maxI, et), arr)
          void st
          return new Slice(arr, 0, maxI, maxI, h, 0)
        },
        n,
      }
    }
    if (t.kind === 'map') this.unsupported(n, 'maps')
    this.fail(n, `invalid composite literal type ${typeString(t)}`)
  }

  // ---- calls ----

  private callExpr(n: GNode, scope: Scope): E {
    const callee = n.firstChild!
    const argsNode = n.getChild('Arguments')!
    const argNodes = parts(argsNode)
    const dots = kids(argsNode).some((k) => k.name === '...')
    const line = this.line(n)
    if (callee.name === 'make') return this.makeCall(n, argNodes, scope)
    if (
      callee.name === 'new' ||
      (callee.name === 'VariableName' &&
        this.text(callee) === 'new' &&
        scope.lookup('new')?.kind === 'builtin')
    ) {
      if (argNodes.length !== 1) this.fail(n, `wrong number of arguments to new`)
      const t = this.typeOf(argNodes[0], scope)
      return {
        t: pointerTo(t),
        ev: () => {
          const addr = this.heap.new(t, line)
          const box = [zeroValue(t)]
          return new Ptr(box, 0, this.heapObj(addr, t.size, hasPointers(t), box), 0)
        },
        n,
      }
    }
    // conversion T(x)
    const asT = this.asType(callee, scope)
    if (asT !== null) {
      if (argNodes.length !== 1) this.fail(n, `wrong number of arguments in conversion to ${typeString(asT)}`)
      return this.conversion(n, asT, this.expr(argNodes[0], scope))
    }
    const f = this.expr(callee, scope)
    const fnInfo = (f as E & { fnInfo?: FuncInfo }).fnInfo
    if (fnInfo !== undefined) return this.userCall(n, fnInfo, argNodes, dots, scope)
    if (f.special === undefined)
      this.fail(callee, `invalid operation: cannot call non-function ${this.text(callee)}`)
    return this.builtinCall(n, f.special, argNodes, dots, scope)
  }

  private userCall(n: GNode, fi: FuncInfo, argNodes: GNode[], dots: boolean, scope: Scope): E {
    const line = this.line(n)
    const ps = fi.params
    let evs: Ev[]
    if (argNodes.length === 1 && ps.length > 1) {
      const e = this.expr(argNodes[0], scope, true)
      if (e.tuple === undefined || e.tuple.length !== ps.length)
        this.fail(n, `not enough arguments in call to ${fi.name}`)
      const ev = e.ev
      const call: Ev = (fr) => this.call(fi, ev(fr) as unknown[], line)
      return this.callResult(n, fi, call)
    }
    if (fi.variadic && !dots) {
      const fixed = ps.length - 1
      if (argNodes.length < fixed) this.fail(n, `not enough arguments in call to ${fi.name}`)
      const vt = ps[fixed].t.elem!
      const fixedEvs = argNodes
        .slice(0, fixed)
        .map((a, i) => this.assignable(this.expr(a, scope), ps[i].t, 'argument').ev)
      const restEvs = argNodes
        .slice(fixed)
        .map((a) => this.assignable(this.expr(a, scope), vt, 'argument').ev)
      const call: Ev = (fr) => {
        const args = fixedEvs.map((ev) => ev(fr))
        const rest = restEvs.map((ev) => copyValue(vt, ev(fr)))
        let s: Slice | null = null
        if (rest.length > 0) {
          const addr = this.heap.sliceLiteral(vt, rest.length, line)
          const { arr, h } = this.backing(vt, addr, rest.length)
          rest.forEach((v, i) => (arr[i] = v))
          if (h !== null && vt.ptrdata > 0) this.roots.writeWords(h, 0, arrayOf(rest.length, vt), arr)
          s = new Slice(arr, 0, rest.length, rest.length, h, 0)
        }
        args.push(s)
        return this.call(fi, args, line)
      }
      return this.callResult(n, fi, call)
    }
    if (dots && !fi.variadic) this.fail(n, `have (...) arguments but ${fi.name} is not variadic`)
    if (argNodes.length !== ps.length)
      this.fail(
        n,
        `${argNodes.length < ps.length ? 'not enough' : 'too many'} arguments in call to ${fi.name}\n\thave (${argNodes.map(() => '…').join(', ')})\n\twant (${ps.map((p) => typeString(p.t)).join(', ')})`,
      )
    evs = argNodes.map((a, i) => this.assignable(this.expr(a, scope), ps[i].t, 'argument').ev)
    const call: Ev = (fr) => {
      const args = new Array(evs.length)
      for (let i = 0; i < evs.length; i++) args[i] = evs[i](fr)
      return this.call(fi, args, line)
    }
    return this.callResult(n, fi, call)
  }

  private callResult(n: GNode, fi: FuncInfo, call: Ev): E {
    if (fi.results.length === 0) return { t: types.int, tuple: [], ev: call, n }
    if (fi.results.length === 1) return { t: fi.results[0], ev: call, n }
    return { t: fi.results[0], tuple: fi.results, ev: call, n }
  }

  private makeCall(n: GNode, args: GNode[], scope: Scope): E {
    if (args.length === 0) this.fail(n, 'not enough arguments for make() (expected 1, found 0)')
    const t = this.typeOf(args[0], scope)
    if (t.kind === 'map') this.unsupported(n, 'maps')
    if (t.kind === 'chan') this.unsupported(n, 'channels')
    if (t.kind !== 'slice')
      this.fail(
        args[0],
        `invalid argument: cannot make ${this.text(args[0])}; type must be slice, map, or channel`,
      )
    if (args.length < 2)
      this.fail(n, `invalid operation: ${this.text(n)} expects 2 or 3 arguments; found ${args.length}`)
    if (args.length > 3)
      this.fail(n, `invalid operation: ${this.text(n)} expects 2 or 3 arguments; found ${args.length}`)
    const lenE = this.sizeArg(args[1], scope, 'len')
    const capE = args.length === 3 ? this.sizeArg(args[2], scope, 'cap') : null
    if (lenE.k !== undefined && capE?.k !== undefined && lenE.k > capE.k)
      this.fail(args[1], `invalid argument: length and capacity swapped`)
    const el = t.elem!
    const line = this.line(n)
    return {
      t,
      ev: (fr) => {
        const len = lenE.ev(fr)
        const cap = capE !== null ? capE.ev(fr) : len
        if (len < 0 || len > 2 ** 48) this.panic(fr, line, 'runtime error: makeslice: len out of range')
        if (cap < len || cap * el.size > 2 ** 48)
          this.panic(fr, line, 'runtime error: makeslice: cap out of range')
        const addr = this.heap.makeSlice(el, len, cap, line)
        const { arr, h } = this.backing(el, addr, cap)
        return new Slice(arr, 0, len, cap, h, 0)
      },
      n,
    }
  }

  private sizeArg(n: GNode, scope: Scope, what: string): { ev: (fr: Frame) => number; k?: number } {
    const e = this.expr(n, scope)
    if (e.k !== undefined) {
      let v = e.k
      if (typeof v === 'number' && Number.isInteger(v)) v = BigInt(v)
      if (typeof v !== 'bigint') this.fail(n, `${this.text(n)} (untyped float constant) truncated to int`)
      if (v < 0n)
        this.fail(n, `invalid argument: index ${this.text(n)} (constant of type int) must not be negative`)
      const k = Number(v)
      return { ev: () => k, k }
    }
    const v = this.value(e)
    if (!isIntKind((v.t as GoType).kind))
      this.fail(
        n,
        `cannot convert ${this.text(n)} (variable of type ${typeString(v.t as GoType)}) to type int`,
      )
    void what
    const ev = v.ev
    return { ev: (fr) => Number(ev(fr) as bigint) }
  }

  /** Arguments of fn (fmt.Println, println, …): any values, untyped constants at their default type. */
  private fmtArgs(args: GNode[], scope: Scope, fn: string): { t: GoType; ev: Ev }[] {
    return args.map((a) => {
      const e = this.value(this.expr(a, scope), `argument to ${fn}`)
      return { t: e.t as GoType, ev: e.ev }
    })
  }

  private builtinCall(n: GNode, name: string, args: GNode[], dots: boolean, scope: Scope): E {
    const line = this.line(n)
    const nargs = (want: number) => {
      if (args.length < want)
        this.fail(n, `not enough arguments for ${this.text(n)} (expected ${want}, found ${args.length})`)
      if (args.length > want)
        this.fail(n, `too many arguments for ${this.text(n)} (expected ${want}, found ${args.length})`)
    }
    switch (name) {
      case 'len':
      case 'cap': {
        nargs(1)
        const x = this.expr(args[0], scope)
        if (x.k !== undefined && typeof x.k === 'string' && name === 'len')
          return this.constE(n, types.int, BigInt(x.k.length))
        const v = this.value(x)
        const t = v.t as GoType
        const ev = v.ev
        if (t.kind === 'array' || (t.kind === 'pointer' && t.elem!.kind === 'array')) {
          const len = BigInt(t.kind === 'array' ? t.len! : t.elem!.len!)
          return this.constE(n, types.int, len)
        }
        if (t.kind === 'slice') {
          if (name === 'len')
            return { t: types.int, ev: (fr) => BigInt((ev(fr) as Slice | null)?.len ?? 0), n }
          return { t: types.int, ev: (fr) => BigInt((ev(fr) as Slice | null)?.cap ?? 0), n }
        }
        if (t.kind === 'string' && name === 'len')
          return { t: types.int, ev: (fr) => BigInt(sv(ev(fr)).length), n }
        if (t.kind === 'map') this.unsupported(n, 'map operations')
        this.fail(
          args[0],
          `invalid argument: ${this.text(args[0])} (variable of type ${typeString(t)}) for built-in ${name}`,
        )
      }
      // eslint-disable-next-line no-fallthrough
      case 'append':
        return this.appendCall(n, args, dots, scope)
      case 'copy': {
        nargs(2)
        const d = this.value(this.expr(args[0], scope))
        const s = this.value(this.expr(args[1], scope))
        const dt = d.t as GoType
        const st = s.t as GoType
        if (dt.kind !== 'slice')
          this.fail(
            args[0],
            `invalid argument: copy expects slice arguments; found ${this.text(args[0])} (variable of type ${typeString(dt)})`,
          )
        const fromString = st.kind === 'string' && dt.elem!.kind === 'uint8'
        if (!fromString && (st.kind !== 'slice' || !identical(st.elem!, dt.elem!)))
          this.fail(
            n,
            `invalid argument: arguments to copy ${this.text(args[0])} and ${this.text(args[1])} have different element types`,
          )
        const el = dt.elem!
        const dev = d.ev
        const sev = s.ev
        return {
          t: types.int,
          ev: (fr) => {
            const dst = dev(fr) as Slice | null
            const src = sev(fr)
            if (dst === null) return 0n
            let vals: unknown[]
            if (fromString) {
              const str = sv(src)
              const k = Math.min(dst.len, str.length)
              vals = []
              for (let i = 0; i < k; i++) vals.push(BigInt(str.charCodeAt(i)))
            } else {
              const ss = src as Slice | null
              const k = ss === null ? 0 : Math.min(dst.len, ss.len)
              vals = []
              for (let i = 0; i < k; i++) vals.push(copyValue(el, elemAt(ss!.arr, ss!.off + i, el)))
            }
            for (let i = 0; i < vals.length; i++) this.storeElem(dst, i, el, vals[i])
            return BigInt(vals.length)
          },
          n,
        }
      }
      case 'panic': {
        nargs(1)
        const e = this.value(this.expr(args[0], scope))
        const t = e.t as GoType
        const ev = e.ev
        return {
          t: types.int,
          tuple: [],
          ev: (fr) => {
            const v = ev(fr)
            let msg: string
            if (t.kind === 'string') msg = utf8Decode(sv(v))
            else if (t.kind === 'interface' && v === null)
              msg = 'panic called with nil argument (use runtime.PanicNilError)'
            else msg = sprint([{ t, v }])
            if (t.kind !== 'string' && t.name !== undefined) msg = `${typeString(t)}(${msg})`
            else if (isIntKind(t.kind) || isFloatKind(t.kind)) msg = `${msg}`
            if (t.kind === 'string' && t.name !== undefined) msg = `${typeString(t)}("${msg}")`
            this.panic(fr, line, msg)
          },
          n,
        }
      }
      case 'print':
      case 'println': {
        const as = this.fmtArgs(args, scope, `built-in ${name}`)
        return {
          t: types.int,
          tuple: [],
          ev: (fr) => {
            const parts = as.map((a) => printArg(a.t, a.ev(fr)))
            this.opts.write('\u0000err' + (name === 'println' ? parts.join(' ') + '\n' : parts.join('')))
            return undefined
          },
          n,
        }
      }
      case 'min':
      case 'max': {
        if (args.length === 0) this.fail(n, `not enough arguments for ${name}() (expected 1, found 0)`)
        const es = args.map((a) => this.expr(a, scope))
        if (es.every((e) => e.k !== undefined)) {
          let best = es[0]
          for (const e of es.slice(1)) {
            const less = this.binary(n, '<', e, best).k as boolean
            if (name === 'min' ? less : !less && this.binary(n, '!=', e, best).k) best = e
          }
          return best
        }
        const typed = es.find((e) => !isU(e.t))
        const t = typed !== undefined ? (typed.t as GoType) : defaultType(es[0].t)
        if (!isIntKind(t.kind) && !isFloatKind(t.kind) && t.kind !== 'string')
          this.fail(n, `invalid argument: ${name} of ${typeString(t)}`)
        const evs = es.map((e) => this.assignable(e, t, 'argument').ev)
        const isStr = t.kind === 'string'
        return {
          t,
          ev: (fr) => {
            let best = evs[0](fr)
            for (let i = 1; i < evs.length; i++) {
              const v = evs[i](fr)
              const a = isStr ? sv(v) : v
              const b = isStr ? sv(best) : best
              if (name === 'min' ? (a as number) < (b as number) : (a as number) > (b as number)) best = v
            }
            return best
          },
          n,
        }
      }
      case 'fmt.Println':
      case 'fmt.Print':
      case 'fmt.Printf':
      case 'fmt.Sprintf':
      case 'fmt.Sprint':
      case 'fmt.Sprintln': {
        const isF = name.endsWith('f')
        if (isF && args.length === 0) this.fail(n, `not enough arguments in call to ${name}`)
        let fmtE: E | null = null
        if (isF) {
          fmtE = this.value(this.expr(args[0], scope))
          if ((fmtE.t as GoType).kind !== 'string')
            this.fail(args[0], `cannot use ${this.text(args[0])} as string value in argument to ${name}`)
        }
        const as = this.fmtArgs(isF ? args.slice(1) : args, scope, name)
        if (dots) this.fail(n, `passing a slice with ... to ${name} is not supported in cells`)
        const fev = fmtE?.ev
        const format = (fr: Frame): string => {
          const vals: Arg[] = as.map((a) => ({ t: a.t, v: a.ev(fr) }))
          if (name.endsWith('ln')) return toBytes(sprintln(vals))
          if (isF) return toBytes(sprintf(sv(fev!(fr)), vals))
          return toBytes(sprint(vals))
        }
        if (name.startsWith('fmt.S'))
          return {
            t: types.string,
            ev: (fr) => {
              const s = format(fr)
              return this.newString(s, this.heap.bytesToString(s.length, line))
            },
            n,
          }
        return {
          t: types.int,
          tuple: [types.int, types.error],
          ev: (fr) => {
            const s = format(fr)
            this.opts.write(s)
            return [BigInt(s.length), null]
          },
          n,
        }
      }
      case 'unsafe.Sizeof':
      case 'unsafe.Alignof': {
        nargs(1)
        const e = this.value(this.expr(args[0], scope))
        const t = e.t as GoType
        let v = name === 'unsafe.Sizeof' ? t.size : t.align
        if (name === 'unsafe.Alignof' && args[0].name === 'SelectorExpr') v = t.align
        return this.constE(n, types.uintptr, BigInt(v))
      }
      case 'unsafe.Offsetof': {
        nargs(1)
        const a = args[0]
        if (a.name !== 'SelectorExpr')
          this.fail(a, `invalid argument: ${this.text(a)} is not a selector expression`)
        const base = this.value(this.expr(a.firstChild!, scope))
        let bt = base.t as GoType
        if (bt.kind === 'pointer') bt = bt.elem!
        const fname = this.text(a.lastChild!)
        const f = bt.fields?.find((x) => x.name === fname)
        if (f === undefined) this.fail(a, `${this.text(a)} undefined`)
        return this.constE(n, types.uintptr, BigInt(f.offset))
      }
      case 'runtime.GC':
        nargs(0)
        return { t: types.int, tuple: [], ev: () => void this.rt.gc(), n }
      case 'runtime.KeepAlive': {
        nargs(1)
        const e = this.expr(args[0], scope)
        const ev = e.ev
        return { t: types.int, tuple: [], ev: (fr) => void ev(fr), n }
      }
      case 'runtime.ReadMemStats': {
        nargs(1)
        const e = this.value(this.expr(args[0], scope))
        if (!identical(e.t as GoType, pointerTo(memStatsType)))
          this.fail(
            args[0],
            `cannot use ${this.text(args[0])} (value of type ${typeString(e.t as GoType)}) as *runtime.MemStats value in argument to runtime.ReadMemStats`,
          )
        const ev = e.ev
        return {
          t: types.int,
          tuple: [],
          ev: (fr) => {
            const p = ev(fr) as Ptr | null
            if (p === null)
              this.panic(
                fr,
                line,
                'runtime error: invalid memory address or nil pointer dereference',
                '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x0]',
              )
            const m = this.rt.readMemStats() as unknown as Record<string, unknown>
            const dst = p.c[p.i] as unknown[]
            memStatsFields.forEach(([, key], i) => (dst[i] = BigInt(m[key] as number)))
            const base = memStatsFields.length
            dst[base + 2] = BigInt(m.numGC as number)
            dst[base + 3] = BigInt(m.numForcedGC as number)
            dst[base + 4] = m.gcCPUFraction as number
            dst[base + 5] = m.enableGC as boolean
            dst[base + 6] = m.debugGC as boolean
            const by = dst[base + 7] as unknown[][]
            const bs = m.bySize as { size: number; mallocs: number; frees: number }[]
            for (let i = 0; i < 61; i++) {
              const row = (by[i] ??= [0n, 0n, 0n])
              row[0] = BigInt(bs[i]?.size ?? 0)
              row[1] = BigInt(bs[i]?.mallocs ?? 0)
              row[2] = BigInt(bs[i]?.frees ?? 0)
            }
          },
          n,
        }
      }
      case 'debug.SetGCPercent': {
        nargs(1)
        const e = this.assignable(this.expr(args[0], scope), types.int, 'argument to debug.SetGCPercent')
        const ev = e.ev
        return {
          t: types.int,
          ev: (fr) => {
            const v = Number(ev(fr) as bigint)
            const prev = this.rt.setGCPercent(v < 0 ? 'off' : v)
            return BigInt(prev === 'off' ? -1 : prev)
          },
          n,
        }
      }
      case 'debug.FreeOSMemory':
        nargs(0)
        return { t: types.int, tuple: [], ev: () => void this.rt.freeOSMemory(), n }
    }
    if (
      name.startsWith('fmt.') ||
      name.startsWith('runtime.') ||
      name.startsWith('debug.') ||
      name.startsWith('unsafe.') ||
      name.startsWith('runtime/debug.')
    ) {
      const nm = name.replace('runtime/debug.', 'debug.')
      if (nm === 'fmt.Errorf') this.unsupported(n, 'error values (fmt.Errorf)')
      if (nm === 'runtime.NumGoroutine' || nm === 'runtime.Gosched') this.unsupported(n, 'goroutines')
      this.fail(
        n.firstChild!,
        `${nm} is not available in cells (supported: fmt.Println/Print/Printf/Sprintf/Sprint/Sprintln, runtime.GC/ReadMemStats/KeepAlive, debug.SetGCPercent/FreeOSMemory, unsafe.Sizeof/Alignof/Offsetof)`,
      )
    }
    this.fail(n, `${name} is not supported in cells`)
  }

  /** Store into element i of a slice (pointer words into the heap backing array). */
  private storeElem(s: Slice, i: number, el: GoType, v: unknown): void {
    const j = s.off + i
    const p = new Ptr(s.arr, j, s.h, s.hoff + j * el.size)
    if (!isScalar(el) && s.arr[j] === undefined) s.arr[j] = zeroValue(el)
    this.store(p, el, v)
  }

  private appendCall(n: GNode, args: GNode[], dots: boolean, scope: Scope): E {
    if (args.length === 0) this.fail(n, 'not enough arguments for append() (expected 1, found 0)')
    const s0 = this.expr(args[0], scope)
    if (isU(s0.t) && s0.t.u === 'nil')
      this.fail(args[0], 'first argument to append must be a typed slice; found untyped nil')
    const s = this.value(s0)
    const t = s.t as GoType
    if (t.kind !== 'slice')
      this.fail(
        args[0],
        `invalid argument: ${this.text(args[0])} (variable of type ${typeString(t)}) is not a slice`,
      )
    const el = t.elem!
    const line = this.line(n)
    let restEv: (fr: Frame) => unknown[]
    if (dots) {
      if (args.length !== 2) this.fail(n, 'can only use ... with final argument in list')
      const r = this.value(this.expr(args[1], scope))
      const rt = r.t as GoType
      const ev = r.ev
      if (rt.kind === 'string' && el.kind === 'uint8') {
        restEv = (fr) => {
          const str = sv(ev(fr))
          const out = new Array(str.length)
          for (let i = 0; i < str.length; i++) out[i] = BigInt(str.charCodeAt(i))
          return out
        }
      } else {
        if (rt.kind !== 'slice' || !identical(rt.elem!, el))
          this.fail(
            args[1],
            `cannot use ${this.text(args[1])} (variable of type ${typeString(rt)}) as ${typeString(t)} value in argument to append`,
          )
        restEv = (fr) => {
          const r2 = ev(fr) as Slice | null
          const out: unknown[] = []
          if (r2 !== null)
            for (let i = 0; i < r2.len; i++) out.push(copyValue(el, elemAt(r2.arr, r2.off + i, el)))
          return out
        }
      }
    } else {
      const evs = args.slice(1).map((a) => {
        const an = a
        if (an.name === 'LiteralValue') this.fail(an, 'missing type in composite literal')
        return this.assignable(this.expr(a, scope), el, 'argument to append').ev
      })
      restEv = (fr) => evs.map((ev) => copyValue(el, ev(fr)))
    }
    const sev = s.ev
    return {
      t,
      ev: (fr) => {
        const old = sev(fr) as Slice | null
        const add = restEv(fr)
        const len = old === null ? 0 : old.len
        const cap = old === null ? 0 : old.cap
        const newLen = len + add.length
        if (add.length === 0) return old
        if (newLen <= cap) {
          const ns = new Slice(old!.arr, old!.off, newLen, cap, old!.h, old!.hoff)
          for (let i = 0; i < add.length; i++) this.storeElem(ns, len + i, el, add[i])
          return ns
        }
        const g = this.heap.growslice(el, len, cap, newLen, line)
        const { arr, h } = this.backing(el, g.addr, g.cap)
        for (let i = 0; i < len; i++) arr[i] = copyValue(el, elemAt(old!.arr, old!.off + i, el))
        for (let i = 0; i < add.length; i++) arr[len + i] = add[i]
        if (h !== null && el.ptrdata > 0)
          for (let i = 0; i < newLen; i++) this.roots.writeWords(h, i * el.size, el, arr[i])
        return new Slice(arr, 0, newLen, g.cap, h, 0)
      },
      n,
    }
  }
}

// ---- helpers ----

function assignInto(t: GoType, dst: unknown[], src: unknown[]): void {
  if (dst === src) return
  if (t.kind === 'struct') {
    const fs = t.fields!
    for (let i = 0; i < fs.length; i++) {
      const ft = fs[i].type
      if (isScalar(ft)) dst[i] = src[i]
      else if (dst[i] === undefined) dst[i] = copyValue(ft, src[i])
      else assignInto(ft, dst[i] as unknown[], src[i] as unknown[])
    }
    return
  }
  const e = t.elem!
  for (let i = 0; i < t.len!; i++) {
    if (isScalar(e)) dst[i] = src[i]
    else {
      const sv2 = elemAt(src, i, e)
      if (dst[i] === undefined) dst[i] = copyValue(e, sv2)
      else assignInto(e, dst[i] as unknown[], sv2 as unknown[])
    }
  }
}

function comparable(t: GoType): boolean {
  if (t.kind === 'slice' || t.kind === 'map' || t.kind === 'func') return false
  if (t.kind === 'struct') return t.fields!.every((f) => comparable(f.type))
  if (t.kind === 'array') return comparable(t.elem!)
  return true
}

function sameUnderlying(a: GoType, b: GoType): boolean {
  const ua = a.underlying ?? a
  const ub = b.underlying ?? b
  return typeString({ ...ua, name: undefined } as GoType) === typeString({ ...ub, name: undefined } as GoType)
}

/** == for values of type t. */
export function equalFn(t: GoType): (a: unknown, b: unknown) => boolean {
  const k = t.kind
  if (k === 'string') return (a, b) => sv(a) === sv(b)
  if (k === 'pointer')
    return (a, b) =>
      a === b || (a !== null && b !== null && (a as Ptr).c === (b as Ptr).c && (a as Ptr).i === (b as Ptr).i)
  if (k === 'slice' || k === 'map' || k === 'func' || k === 'interface') return (a, b) => a === b
  if (k === 'struct') {
    const fs = t.fields!.map((f) => equalFn(f.type))
    return (a, b) => fs.every((eq, i) => eq((a as unknown[])[i], (b as unknown[])[i]))
  }
  if (k === 'array') {
    const e = t.elem!
    const eq = equalFn(e)
    return (a, b) => {
      for (let i = 0; i < t.len!; i++)
        if (!eq(elemAt(a as unknown[], i, e), elemAt(b as unknown[], i, e))) return false
      return true
    }
  }
  return (a, b) => a === b
}

function utf8Decode(s: string): string {
  let out = ''
  for (let i = 0; i < s.length;) {
    const [r, w] = decodeRune(s, i)
    out += String.fromCodePoint(r)
    i += w
  }
  return out
}

/** The builtin print's formatting (to stderr): floats in %e form, pointers in hex. */
function printArg(t: GoType, v: unknown): string {
  if (isIntKind(t.kind)) return String(v)
  if (isFloatKind(t.kind)) {
    const x = v as number
    const s = x.toExponential(6).replace('e', 'e')
    const [m, e] = s.split('e')
    const en = Number(e)
    return (x >= 0 ? '+' : '') + m + 'e' + (en < 0 ? '-' : '+') + String(Math.abs(en)).padStart(3, '0')
  }
  if (t.kind === 'string') return utf8Decode(sv(v))
  if (t.kind === 'bool') return v ? 'true' : 'false'
  if (v instanceof Ptr) return '0x' + v.addr.toString(16)
  if (v === null) return '0x0'
  return '?'
}
