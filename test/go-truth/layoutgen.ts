// Seeded generators of Go source for the layout ground truth (layout.test.ts, golayout/):
// - `genTypes`: a file of type declarations (structs with every kind of field, blank and embedded
//   fields, zero-size fields last, arrays with constant lengths, aliases, recursive types through
//   pointers and slices, a few standard-library types) plus the function `layouts()` printing,
//   for each, what golayout's printType/printOffset report;
// - `genCaps`: element types of every size 1..256 (pointer-free, and pointerful for multiples
//   of 8) and the function `caps()` printing append capacity sequences.
// The generated text is also what the TypeScript side parses, so the parser is exercised on it.

/** Small deterministic PRNG (mulberry32). */
/** The package clause, imports and blank uses every generated layout program starts with (the
 *  standard-library types the generated declarations may name). */
export const goFileHead: readonly string[] = [
  'package main',
  '',
  'import (',
  '\t"bytes"',
  '\t"strings"',
  '\t"sync"',
  '\t"sync/atomic"',
  '\t"time"',
  '\t"unsafe"',
  ')',
  '',
  'var (',
  '\t_ bytes.Buffer',
  '\t_ strings.Builder',
  '\t_ sync.Mutex',
  '\t_ atomic.Int64',
  '\t_ time.Time',
  ')',
  '',
]

export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const basics = [
  'bool',
  'int8',
  'uint8',
  'byte',
  'int16',
  'uint16',
  'int32',
  'rune',
  'uint32',
  'float32',
  'int',
  'uint',
  'uintptr',
  'int64',
  'uint64',
  'float64',
  'complex64',
  'complex128',
  'string',
  'unsafe.Pointer',
]
const zeroSize = ['struct{}', '[0]int64', '[0]*int', '[0]string', '[0]byte', 'struct{ _ [0]int32 }']
const std = [
  'sync.Mutex',
  'sync.RWMutex',
  'sync.WaitGroup',
  'sync.Once',
  'time.Time',
  'time.Duration',
  'atomic.Int64',
  'atomic.Int32',
  'atomic.Bool',
  'atomic.Uint64',
  'atomic.Value',
  'atomic.Pointer[string]',
  'atomic.Pointer[T1]',
  'strings.Builder',
  'bytes.Buffer',
]
const others = [
  'map[string]int',
  'map[int]*int',
  'chan int',
  '<-chan string',
  'chan<- []byte',
  'func()',
  'func(int, string) error',
  'func(a, b int) (bool, error)',
  'func(x ...string) []byte',
  'func(func(int)) (int, *bool)',
  'any',
  'error',
  'interface{ M() }',
  'interface{ z(); M(a int) (s string, err error); error }',
  'interface{}',
]

export interface GeneratedTypes {
  /** The whole Go file (package main). */
  src: string
  /** Declared type names, in order. */
  names: string[]
}

export function genTypes(seed: number, count: number): GeneratedTypes {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]
  const chance = (p: number) => r() < p
  const names: string[] = []
  // Types that directly contain no defined type: only these are embedded by value elsewhere, so
  // sizes stay small.
  const leaves: string[] = []
  const structLeaves: string[] = []
  // Decide up front which names are structs: only those may be embedded through a pointer.
  const isStruct = Array.from({ length: count }, () => r() >= 0.12)
  const consts = ['const N0 = 3', 'const (\n\tN1 = iota + 2\n\tN2\n\tN3 = N1 * N2\n)', 'const N4 = 1 << 2']
  const constNames = ['N0', 'N1', 'N2', 'N3', 'N4']
  const decls: string[] = []
  const structFields = new Map<string, { name: string; selector: string | null }[]>()

  let usesNamed = false
  const fieldType = (i: number, depth: number): string => {
    const x = r()
    if (x < 0.3) return pick(basics)
    if (x < 0.38) return `*T${Math.floor(r() * count)}`
    if (x < 0.44) return `[]T${Math.floor(r() * count)}`
    if (x < 0.5) return pick(others)
    if (x < 0.55) return pick(std)
    if (x < 0.6) return pick(zeroSize)
    if (x < 0.68 && leaves.length > 0) {
      usesNamed = true
      return pick(leaves)
    }
    if (x < 0.82 && depth < 2) {
      const n = chance(0.2) ? pick(constNames) : String(Math.floor(r() * 5))
      return `[${n}]${fieldType(i, depth + 1)}`
    }
    if (x < 0.9 && depth < 2) {
      const k = 1 + Math.floor(r() * 3)
      const fs: string[] = []
      for (let j = 0; j < k; j++) fs.push(`${'abc'[j]} ${fieldType(i, depth + 1)}`)
      return `struct{ ${fs.join('; ')} }`
    }
    if (x < 0.95) return `[]${fieldType(i, depth + 1)}`
    return `*${fieldType(i, depth + 1)}`
  }

  for (let i = 0; i < count; i++) {
    const name = `T${i}`
    names.push(name)
    usesNamed = false
    if (!isStruct[i]) {
      // Not a struct: an array, slice, pointer, defined-from-defined or alias.
      const v = r()
      let body: string
      if (v < 0.3) body = `[${1 + Math.floor(r() * 4)}]${fieldType(i, 1)}`
      else if (v < 0.45) body = `[]${name}`
      else if (v < 0.6) body = `*${name}`
      else if (v < 0.8 && leaves.length > 0) {
        usesNamed = true
        body = pick(leaves)
      } else {
        // An alias must not lead back to itself: no defined names in its target.
        let t = fieldType(i, 1)
        for (let k = 0; k < 10 && /\bT\d+/.test(t); k++) t = fieldType(i, 1)
        if (/\bT\d+/.test(t)) t = pick(basics)
        body = `= ${t}`
      }
      decls.push(`type ${name} ${body}`)
      if (!usesNamed) leaves.push(name)
      continue
    }
    const nf = 1 + Math.floor(r() * 8)
    const lines: string[] = []
    const fields: { name: string; selector: string | null }[] = []
    const used = new Set<string>()
    for (let j = 0; j < nf; j++) {
      const f = r()
      if (f < 0.08) {
        lines.push(`_ ${fieldType(i, 0)}`)
        fields.push({ name: '_', selector: null })
      } else if (f < 0.16) {
        // Embedded: a defined type by value (a leaf declared earlier), by pointer, or std.
        const e = r()
        let t: string
        let fname: string
        if (e < 0.4 && structLeaves.length > 0) {
          t = pick(structLeaves)
          fname = t
          usesNamed = true
        } else if (e < 0.75) {
          const k = Math.floor(r() * count)
          if (!isStruct[k]) continue
          fname = `T${k}`
          t = `*${fname}`
        } else {
          t = pick(['sync.Mutex', 'time.Time', 'strings.Builder', 'atomic.Pointer[T2]'])
          fname = t.slice(t.indexOf('.') + 1).replace(/\[.*$/, '')
        }
        if (used.has(fname)) continue
        used.add(fname)
        lines.push(t)
        fields.push({ name: fname, selector: fname })
      } else if (f < 0.24) {
        const a = `f${j}a`
        const b = `f${j}b`
        used.add(a)
        used.add(b)
        lines.push(`${a}, ${b} ${fieldType(i, 0)}`)
        fields.push({ name: a, selector: a }, { name: b, selector: b })
      } else {
        const fname = `f${j}`
        used.add(fname)
        const tag = chance(0.05) ? ` \`json:"${fname}"\`` : ''
        lines.push(`${fname} ${fieldType(i, 0)}${tag}`)
        fields.push({ name: fname, selector: fname })
      }
    }
    if (chance(0.12)) {
      lines.push(`z ${pick(zeroSize)}`)
      fields.push({ name: 'z', selector: 'z' })
    }
    decls.push(`type ${name} struct {\n\t${lines.join('\n\t')}\n}`)
    structFields.set(name, fields)
    if (!usesNamed) {
      leaves.push(name)
      structLeaves.push(name)
    }
  }

  const body: string[] = []
  for (const name of names) {
    body.push(`\t{\n\t\tvar v ${name}\n\t\tprintType("${name}", v, unsafe.Sizeof(v), unsafe.Alignof(v))`)
    for (const f of structFields.get(name) ?? [])
      if (f.selector !== null)
        body.push(`\t\tprintOffset("${name}", "${f.name}", unsafe.Offsetof(v.${f.selector}))`)
    body.push('\t}')
  }
  const src = [
    '// Code generated by test/go-truth/layoutgen.ts; DO NOT EDIT.',
    '',
    ...goFileHead,
    ...consts,
    '',
    ...decls.map((d) => d + '\n'),
    'func layouts() {',
    ...body,
    '}',
    '',
  ].join('\n')
  return { src, names }
}

export interface CapsCase {
  name: string
  /** Element layout as a Go type expression (for the TS side to parse). */
  expr: string
}

export const capStarts = [0, 1, 3, 7, 100]
export const bulkCases: readonly [number, number][] = [
  [0, 1],
  [0, 3],
  [5, 3],
  [5, 6],
  [5, 11],
  [100, 1],
  [100, 150],
  [300, 1],
  [300, 1000],
  [1000, 3],
]

/** Element types for sizes 1..256: Cn = struct{ a [n]byte }, Pn (n multiple of 8) with a
 *  pointer first, Qn (n multiple of 8) all pointers. */
export function capsCases(): CapsCase[] {
  const out: CapsCase[] = []
  for (let n = 1; n <= 256; n++) {
    out.push({ name: `C${n}`, expr: `struct{ a [${n}]byte }` })
    if (n % 8 === 0) {
      out.push({ name: `P${n}`, expr: n === 8 ? 'struct{ p *byte }' : `struct{ p *byte; a [${n - 8}]byte }` })
      out.push({ name: `Q${n}`, expr: `[${n / 8}]*byte` })
    }
  }
  return out
}

/** Elements appended one at a time: enough to pass the large-object boundary. */
export function capsLimit(size: number): number {
  return Math.max(600, Math.ceil(70000 / size))
}

export function genCaps(): string {
  const cases = capsCases()
  const lines = ['// Code generated by test/go-truth/layoutgen.ts; DO NOT EDIT.', '', 'package main', '']
  for (const c of cases) lines.push(`type ${c.name} ${c.expr}`)
  lines.push('')
  lines.push('var (')
  for (const c of cases) lines.push(`\tg${c.name} []${c.name}`)
  lines.push(')')
  lines.push('')
  lines.push('func caps() {')
  for (const c of cases) {
    const size = Number(/\d+/.exec(c.name)![0])
    for (const s of capStarts) lines.push(`\tappendCaps("${c.name}", &g${c.name}, ${s}, ${capsLimit(size)})`)
    for (const [n, k] of bulkCases) lines.push(`\tappendMany("${c.name}", &g${c.name}, ${n}, ${k})`)
  }
  lines.push('}')
  lines.push('')
  return lines.join('\n')
}
