// types.ts — Go types as the gc compiler lays them out on linux/amd64.
//
// Design. A GoType is a plain object whose size, alignment and pointer bytes are computed when it
// is made (constructors below), following gc's rules (cmd/compile/internal/types/size.go):
//   - bool, int8, uint8: 1; int16, uint16: 2; int32, uint32, float32: 4; int, uint, uintptr,
//     int64, uint64, float64, complex64: 8 (complex64 aligns to 4); complex128: 16 (aligns to 8);
//     string: 2 words; slice: 3 words; interface: 2 words; pointer, unsafe.Pointer, map, chan and
//     func: 1 word. Every word-sized kind aligns to 8.
//   - array [n]T: n × size(T), aligned like T.
//   - struct: each field at the next multiple of its alignment; the struct aligns to its largest
//     field alignment (at least 1). A struct that is not zero-sized but ends in a zero-sized field
//     gets one more byte before the final rounding, so &s.last never points at the next object.
//   - ptrdata ("pointer bytes", the prefix the GC must scan): for a struct, the offset of the last
//     field holding pointers plus that field's ptrdata; for [n]T, (n−1) × size(T) + ptrdata(T);
//     a string, slice, pointer, map, chan, func or unsafe.Pointer has 8; an interface 16.
//   - the pointer mask marks the words the GC scans: the first word of pointers, strings and
//     slices, and only the second (data) word of an interface (its first word points to an
//     itab or type descriptor, which are never in the heap).
//
// Named (defined) types share their underlying type's layout and carry `name` and `pkg`. The type
// declaration parser (parse.ts) builds recursive types by creating named types first and filling
// them in afterwards (see `newNamedShell` / `finishNamed`); everything is frozen once complete.
//
// Simplifications: only linux/amd64 (8-byte words). No generics, no method sets (an interface is
// two words whatever its methods; its methods are kept only for printing). Types larger
// than gc's limit (2^50 bytes on amd64) are refused, as gc refuses them ("type too large").

export type Kind =
  | 'bool'
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr'
  | 'float32'
  | 'float64'
  | 'complex64'
  | 'complex128'
  | 'string'
  | 'unsafe.Pointer'
  | 'pointer'
  | 'slice'
  | 'array'
  | 'struct'
  | 'interface'
  | 'map'
  | 'chan'
  | 'func'

export type ChanDir = 'both' | 'send' | 'recv'

export interface GoType {
  readonly kind: Kind
  /** Name of a defined type ('Node'), or of the aliases byte/rune on uint8/int32. */
  readonly name?: string
  /** Package of a defined type: 'main' for the reader's types, '' for predeclared ones (error). */
  readonly pkg?: string
  /** For a defined type: the type it was defined from, without the name. */
  readonly underlying?: GoType
  /** Pointer, slice and array element; map value; channel element. */
  readonly elem?: GoType
  /** Map key. */
  readonly key?: GoType
  /** Array length. */
  readonly len?: number
  /** Struct fields, in declaration order, with their offsets. */
  readonly fields?: readonly Field[]
  /** Channel direction ('both' unless declared chan<- or <-chan). */
  readonly dir?: ChanDir
  /** Func types made by funcOf or the parser: parameter and result types; `variadic` when the
   *  last parameter is ...T (stored as []T). */
  readonly params?: readonly GoType[]
  readonly results?: readonly GoType[]
  readonly variadic?: boolean
  /** Interfaces made by interfaceOf or the parser: methods sorted as Go sorts them (exported
   *  first, then by name), and embedded interfaces whose methods are unknown (e.g. 'fmt.Stringer'). */
  readonly methods?: readonly Method[]
  readonly embeds?: readonly string[]
  /** Type arguments of an instantiated generic type (atomic.Pointer[T]). */
  readonly typeArgs?: readonly GoType[]
  /** Func types made by funcType(sig): the signature text after 'func' (e.g. '(int) error');
   *  interfaces: the methods as printed between the braces (e.g. 'M()'). Only for printing. */
  readonly sig?: string
  readonly size: number
  readonly align: number
  readonly ptrdata: number
}

export interface Field {
  readonly name: string
  readonly type: GoType
  readonly offset: number
  readonly embedded: boolean
  /** Struct tag without quotes, if any. */
  readonly tag?: string
}

export interface Method {
  readonly name: string
  /** A func type (parameters and results; no receiver). */
  readonly type: GoType
}

export interface FieldSpec {
  name: string
  type: GoType
  embedded?: boolean
  tag?: string
}

/** Bytes in a machine word on linux/amd64. */
export const wordSize = 8
/** gc refuses types at least this large on amd64 (cmd/compile/internal/amd64 MAXWIDTH). */
export const maxTypeSize = 2 ** 50

function basic(kind: Kind, size: number, align = size, ptrdata = 0): GoType {
  return Object.freeze({ kind, size, align, ptrdata })
}

const int32Type = basic('int32', 4)
const uint8Type = basic('uint8', 1)

function errorType(): GoType {
  const str = basic('string', 16, 8, 8)
  const sig: GoType = Object.freeze({
    kind: 'func',
    params: Object.freeze([]),
    results: Object.freeze([str]),
    variadic: false,
    size: 8,
    align: 8,
    ptrdata: 8,
  })
  const methods = Object.freeze([Object.freeze({ name: 'Error', type: sig })])
  const u: GoType = Object.freeze({
    kind: 'interface',
    methods,
    embeds: Object.freeze([]),
    size: 16,
    align: 8,
    ptrdata: 16,
  })
  return Object.freeze({ ...u, name: 'error', pkg: '', underlying: u })
}

/** The predeclared types (and unsafe.Pointer, error and any). byte and rune are the aliases of
 *  uint8 and int32: they carry the name only so that declarations can be printed as written. */
export const types = Object.freeze({
  bool: basic('bool', 1),
  int: basic('int', 8),
  int8: basic('int8', 1),
  int16: basic('int16', 2),
  int32: int32Type,
  int64: basic('int64', 8),
  uint: basic('uint', 8),
  uint8: uint8Type,
  uint16: basic('uint16', 2),
  uint32: basic('uint32', 4),
  uint64: basic('uint64', 8),
  uintptr: basic('uintptr', 8),
  float32: basic('float32', 4),
  float64: basic('float64', 8),
  complex64: basic('complex64', 8, 4),
  complex128: basic('complex128', 16, 8),
  string: basic('string', 16, 8, 8),
  unsafePointer: basic('unsafe.Pointer', 8, 8, 8),
  byte: Object.freeze({ ...uint8Type, name: 'byte' }) as GoType,
  rune: Object.freeze({ ...int32Type, name: 'rune' }) as GoType,
  any: Object.freeze({ kind: 'interface', size: 16, align: 8, ptrdata: 16 }) as GoType,
  error: errorType(),
})

/** Names the type parser resolves without a declaration (the universe scope): every entry of
 *  `types` but unsafe.Pointer, which is reached only as the qualified name. */
export const predeclared: ReadonlyMap<string, GoType> = new Map(
  Object.entries(types).filter(([name]) => name !== 'unsafePointer'),
)

function checkType(t: unknown, what: string): asserts t is GoType {
  if (t === null || typeof t !== 'object' || typeof (t as GoType).kind !== 'string')
    throw new TypeError(`${what} must be a GoType`)
}

function checkSizeLimit(size: number, what: () => string): void {
  if (!(size < maxTypeSize))
    throw new RangeError(`type ${what()} too large (${size} bytes; gc's limit is 2^50)`)
}

export function pointerTo(t: GoType): GoType {
  checkType(t, 'pointerTo: t')
  return Object.freeze({ kind: 'pointer', elem: t, size: 8, align: 8, ptrdata: 8 })
}

export function sliceOf(t: GoType): GoType {
  checkType(t, 'sliceOf: t')
  return Object.freeze({ kind: 'slice', elem: t, size: 24, align: 8, ptrdata: 8 })
}

export function mapOf(k: GoType, v: GoType): GoType {
  checkType(k, 'mapOf: k')
  checkType(v, 'mapOf: v')
  return Object.freeze({ kind: 'map', key: k, elem: v, size: 8, align: 8, ptrdata: 8 })
}

export function chanOf(t: GoType, dir: ChanDir = 'both'): GoType {
  checkType(t, 'chanOf: t')
  if (dir !== 'both' && dir !== 'send' && dir !== 'recv')
    throw new RangeError(`chanOf: dir must be 'both', 'send' or 'recv', got ${String(dir)}`)
  return Object.freeze({ kind: 'chan', elem: t, dir, size: 8, align: 8, ptrdata: 8 })
}

/** A func type; `sig` is what Go prints after 'func', default '()'. */
export function funcType(sig = '()'): GoType {
  return Object.freeze({ kind: 'func', sig, size: 8, align: 8, ptrdata: 8 })
}

/** func(params...) results; with `variadic` the last parameter is ...T, given as []T. */
export function funcOf(params: readonly GoType[], results: readonly GoType[] = [], variadic = false): GoType {
  if (!Array.isArray(params) || !Array.isArray(results))
    throw new TypeError('funcOf: params and results must be arrays')
  params.forEach((p, i) => checkType(p, `funcOf: params[${i}]`))
  results.forEach((r, i) => checkType(r, `funcOf: results[${i}]`))
  if (variadic && (params.length === 0 || params[params.length - 1].kind !== 'slice'))
    throw new RangeError('funcOf: a variadic func needs a slice as its last parameter')
  return Object.freeze({
    kind: 'func',
    params: Object.freeze([...params]),
    results: Object.freeze([...results]),
    variadic,
    size: 8,
    align: 8,
    ptrdata: 8,
  })
}

/** interface{} (any). */
export function emptyInterface(): GoType {
  return types.any
}

/** An interface with methods; `methods` is the text between the braces, e.g. 'M(); N() int'. */
export function interfaceType(methods = ''): GoType {
  if (methods === '') return types.any
  return Object.freeze({ kind: 'interface', sig: methods, size: 16, align: 8, ptrdata: 16 })
}

/** An exported name starts with an upper-case letter. */
function exported(name: string): boolean {
  const c = name.charAt(0)
  return c !== c.toLowerCase()
}

/** An interface with these methods (duplicates by name are dropped; sorted exported first, then
 *  by name, as gc sorts them) and embedded interfaces known only by name. No methods and no
 *  embeds: interface{} (types.any). */
export function interfaceOf(methods: readonly Method[], embeds: readonly string[] = []): GoType {
  if (!Array.isArray(methods) || !Array.isArray(embeds))
    throw new TypeError('interfaceOf: methods and embeds must be arrays')
  const byName = new Map<string, Method>()
  for (const m of methods)
    if (!byName.has(m.name)) byName.set(m.name, Object.freeze({ name: m.name, type: m.type }))
  const ms = [...byName.values()].sort((a, b) => {
    const ea = exported(a.name)
    const eb = exported(b.name)
    if (ea !== eb) return ea ? -1 : 1
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  })
  const es = [...new Set(embeds)].sort()
  if (ms.length === 0 && es.length === 0) return types.any
  return Object.freeze({
    kind: 'interface',
    methods: Object.freeze(ms),
    embeds: Object.freeze(es),
    size: 16,
    align: 8,
    ptrdata: 16,
  })
}

export function arrayOf(n: number, t: GoType): GoType {
  checkType(t, 'arrayOf: t')
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0)
    throw new RangeError(`arrayOf: n must be a non-negative integer, got ${String(n)}`)
  const a: Mutable = { kind: 'array', elem: t, len: n, size: NaN, align: NaN, ptrdata: NaN }
  layoutArray(a)
  return Object.freeze(a) as GoType
}

export function structOf(fields: readonly FieldSpec[]): GoType {
  if (!Array.isArray(fields)) throw new TypeError('structOf: fields must be an array')
  const seen = new Set<string>()
  const fs: Field[] = fields.map((f, i) => {
    if (f === null || typeof f !== 'object') throw new TypeError(`structOf: fields[${i}] must be an object`)
    if (typeof f.name !== 'string' || f.name === '')
      throw new TypeError(`structOf: fields[${i}].name must be a non-empty string`)
    checkType(f.type, `structOf: fields[${i}].type`)
    if (f.name !== '_') {
      if (seen.has(f.name)) throw new RangeError(`structOf: duplicate field ${f.name}`)
      seen.add(f.name)
    }
    const field: { name: string; type: GoType; offset: number; embedded: boolean; tag?: string } = {
      name: f.name,
      type: f.type,
      offset: 0,
      embedded: f.embedded === true,
    }
    if (f.tag !== undefined) field.tag = f.tag
    return field
  })
  const s: Mutable = { kind: 'struct', fields: fs, size: NaN, align: NaN, ptrdata: NaN }
  layoutStruct(s)
  for (const f of fs) Object.freeze(f)
  Object.freeze(fs)
  return Object.freeze(s) as GoType
}

/** A defined type `type name underlying` in package `pkg` (default 'main'). Its underlying type is
 *  the underlying type of `underlying` (so `type B A` with A defined copies A's structure). */
export function named(name: string, underlying: GoType, pkg = 'main'): GoType {
  if (typeof name !== 'string' || name === '') throw new TypeError('named: name must be a non-empty string')
  checkType(underlying, 'named: underlying')
  const shell = newNamedShell(name, pkg)
  finishNamed(shell, underlying)
  return shell
}

// ---- internal: mutable construction used by the parser ----

/** A GoType under construction (size etc. NaN until laid out). */
export type Mutable = { -readonly [K in keyof GoType]: GoType[K] } & { fields?: Field[] }

/** A defined type whose underlying type is not known yet (forward references, recursion). */
export function newNamedShell(name: string, pkg = 'main'): Mutable {
  return { kind: 'struct', name, pkg, size: NaN, align: NaN, ptrdata: NaN }
}

/** Complete a shell from its underlying type (which must be laid out) and freeze it. */
export function finishNamed(shell: Mutable, underlying: GoType, freeze = true): void {
  const u = underlying.underlying ?? stripAlias(underlying)
  shell.kind = u.kind
  shell.underlying = u
  if (u.elem !== undefined) shell.elem = u.elem
  if (u.key !== undefined) shell.key = u.key
  if (u.len !== undefined) shell.len = u.len
  if (u.fields !== undefined) shell.fields = u.fields as Field[]
  if (u.dir !== undefined) shell.dir = u.dir
  if (u.params !== undefined) shell.params = u.params
  if (u.results !== undefined) shell.results = u.results
  if (u.variadic !== undefined) shell.variadic = u.variadic
  if (u.sig !== undefined) shell.sig = u.sig
  if (u.methods !== undefined) shell.methods = u.methods
  if (u.embeds !== undefined) shell.embeds = u.embeds
  shell.size = u.size
  shell.align = u.align
  shell.ptrdata = u.ptrdata
  if (freeze) Object.freeze(shell)
}

/** byte/rune → uint8/int32 (their names are aliases, not defined types). */
function stripAlias(t: GoType): GoType {
  if (t.name === 'byte' && t.pkg === undefined) return types.uint8
  if (t.name === 'rune' && t.pkg === undefined) return types.int32
  return t
}

function roundUp(x: number, a: number): number {
  return Math.ceil(x / a) * a
}

/** Fill size/align/ptrdata of an array whose element is laid out. */
export function layoutArray(a: Mutable): void {
  const e = a.elem!
  const n = a.len!
  const size = n * e.size
  checkSizeLimit(size, () => `[${n}]${typeString(e)}`)
  a.size = size
  a.align = e.align
  a.ptrdata = n === 0 || e.ptrdata === 0 ? 0 : (n - 1) * e.size + e.ptrdata
}

/** Fill offsets and size/align/ptrdata of a struct whose field types are laid out. */
export function layoutStruct(s: Mutable): void {
  const fs = s.fields!
  let off = 0
  let align = 1
  let ptrdata = 0
  for (const f of fs as { offset: number; type: GoType }[]) {
    const t = f.type
    off = roundUp(off, t.align)
    f.offset = off
    if (t.ptrdata > 0) ptrdata = off + t.ptrdata
    off += t.size
    if (t.align > align) align = t.align
  }
  // gc (types.CalcStructSize): a non-zero-sized struct ending in a zero-sized field gets a byte.
  if (off > 0 && fs.length > 0 && fs[fs.length - 1].type.size === 0) off++
  const size = roundUp(off, align)
  checkSizeLimit(size, () => 'struct')
  s.size = size
  s.align = align
  s.ptrdata = ptrdata
}

// ---- queries ----

export function hasPointers(t: GoType): boolean {
  return t.ptrdata > 0
}

/** One entry per 8-byte word of t's ptrdata: true where the word holds a pointer. */
export function pointerMask(t: GoType): boolean[] {
  const words = t.ptrdata / wordSize
  if (words > 1 << 24) throw new RangeError(`pointerMask: ${words} words is too many to list`)
  const mask = new Array<boolean>(words).fill(false)
  markPointers(t, 0, mask)
  return mask
}

function markPointers(t: GoType, base: number, mask: boolean[]): void {
  if (t.ptrdata === 0) return
  switch (t.kind) {
    case 'interface':
      // gc counts both words in ptrdata but marks only the data word: the first word points to
      // an itab or a type descriptor, never to the heap (cmd/compile typebits.Set).
      mask[base / 8 + 1] = true
      return
    case 'array': {
      const e = t.elem!
      for (let i = 0; i < t.len!; i++) markPointers(e, base + i * e.size, mask)
      return
    }
    case 'struct':
      for (const f of t.fields!) markPointers(f.type, base + f.offset, mask)
      return
    default:
      // string, slice: the data pointer is the first word; pointer-shaped kinds are one word.
      mask[base / 8] = true
  }
}

function isAliasName(t: GoType): boolean {
  return (t.name === 'byte' || t.name === 'rune') && t.pkg === undefined
}

/**
 * The type as fmt's %T (reflect's String) prints it: defined types with their package
 * ('main.Node', 'error'), byte and rune as uint8 and int32, 'struct { a int; b string }',
 * 'map[string]int', 'chan<- int', 'func(int) error', 'interface {}'.
 */
export function typeString(t: GoType): string {
  return format(t, true)
}

/** The type as written in Go source inside package main: 'Node', '[]byte', 'struct{ ... }'. */
export function sourceString(t: GoType): string {
  return format(t, false)
}

function format(t: GoType, reflect: boolean): string {
  const f = (u: GoType) => format(u, reflect)
  if (t.name !== undefined) {
    if (isAliasName(t)) return reflect ? t.kind : t.name
    const args = t.typeArgs === undefined ? '' : `[${t.typeArgs.map(f).join(',')}]`
    if (t.pkg === undefined || t.pkg === '' || (!reflect && t.pkg === 'main')) return t.name + args
    return `${t.pkg}.${t.name}${args}`
  }
  switch (t.kind) {
    case 'pointer':
      return '*' + f(t.elem!)
    case 'slice':
      return '[]' + f(t.elem!)
    case 'array':
      return `[${t.len}]` + f(t.elem!)
    case 'map':
      return `map[${f(t.key!)}]${f(t.elem!)}`
    case 'chan': {
      const e = f(t.elem!)
      if (t.dir === 'send') return 'chan<- ' + e
      if (t.dir === 'recv') return '<-chan ' + e
      // chan (<-chan T) needs parentheses to stay a bidirectional channel of receive channels
      return t.elem!.kind === 'chan' && t.elem!.dir === 'recv' && t.elem!.name === undefined
        ? `chan (${e})`
        : 'chan ' + e
    }
    case 'func': {
      if (t.params === undefined) return 'func' + (t.sig ?? '()')
      const ps = t.params.map((p, i) =>
        t.variadic && i === t.params!.length - 1 ? '...' + f(p.elem!) : f(p),
      )
      const rs = t.results ?? []
      const res = rs.length === 0 ? '' : rs.length === 1 ? ' ' + f(rs[0]) : ` (${rs.map(f).join(', ')})`
      return `func(${ps.join(', ')})${res}`
    }
    case 'interface':
      if (t.methods !== undefined) {
        const parts = [
          // reflect qualifies unexported method names with their package: main.z()
          ...t.methods.map(
            (m) =>
              (reflect && !exported(m.name) ? 'main.' : '') +
              m.name +
              format(m.type, reflect).slice('func'.length),
          ),
          ...(t.embeds ?? []),
        ]
        if (parts.length === 0) return reflect ? 'interface {}' : 'any'
        return reflect ? `interface { ${parts.join('; ')} }` : `interface{ ${parts.join('; ')} }`
      }
      if (t.sig === undefined || t.sig === '') return reflect ? 'interface {}' : 'any'
      return reflect ? `interface { ${t.sig} }` : `interface{ ${t.sig} }`
    case 'struct': {
      const fs = t.fields!
      if (fs.length === 0) return reflect ? 'struct {}' : 'struct{}'
      const parts = fs.map((x) => {
        let s = x.embedded ? f(x.type) : `${x.name} ${f(x.type)}`
        if (x.tag !== undefined) s += ' ' + JSON.stringify(x.tag)
        return s
      })
      return reflect ? `struct { ${parts.join('; ')} }` : `struct{ ${parts.join('; ')} }`
    }
    default:
      return t.kind
  }
}

/** One row of a struct's layout table. */
export interface LayoutRow {
  name: string
  /** As written in source (package main): 'int64', '*Node', '[]byte'. */
  type: string
  offset: number
  size: number
  align: number
  /** Bytes after this field before the next field (or the end of the struct). */
  padding: number
  /** Pointer bytes of the field's type. */
  ptrdata: number
  embedded: boolean
}

/**
 * The layout table of a struct: each field with its offset, size and the padding that follows it
 * (the last row's padding includes gc's byte after a zero-size final field and the rounding to
 * the struct's alignment). The paddings and sizes add up to the struct's size.
 */
export function layoutRows(t: GoType): LayoutRow[] {
  if (t === null || typeof t !== 'object' || t.kind !== 'struct' || t.fields === undefined)
    throw new TypeError(`layoutRows: t must be a struct type, got ${t?.kind ?? String(t)}`)
  const fs = t.fields
  return fs.map((f, i) => {
    const next = i + 1 < fs.length ? fs[i + 1].offset : t.size
    return {
      name: f.name,
      type: sourceString(f.type),
      offset: f.offset,
      size: f.type.size,
      align: f.type.align,
      padding: next - f.offset - f.type.size,
      ptrdata: f.type.ptrdata,
      embedded: f.embedded,
    }
  })
}
