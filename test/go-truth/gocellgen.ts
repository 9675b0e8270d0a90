// A seeded generator of Go programs inside the cells' subset, for the comparison of the
// interpreter (@go-alloc/gorun) with real Go. Each program mixes a few sections: integer
// arithmetic at every width, append growth of package-level slices, a linked list, MemStats deltas
// around allocation and runtime.GC(), string building and []byte conversions, struct layouts
// through unsafe, fmt verbs, float formatting, and now and then a panic.
//
// Rules that keep the programs comparable with real Go: every allocation whose count or capacity
// is printed is kept in a package-level variable (so it escapes in real Go too); MemStats are read
// after two runtime.GC() calls and nothing is printed between the reads (fmt allocates in real Go);
// pointers are never printed with %v (addresses differ).

type Rand = () => number

function mulberry32(seed: number): Rand {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const intKinds = ['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64']
const bits: Record<string, number> = {
  int: 64,
  int8: 8,
  int16: 16,
  int32: 32,
  int64: 64,
  uint: 64,
  uint8: 8,
  uint16: 16,
  uint32: 32,
  uint64: 64,
}

interface Gen {
  r: Rand
  decls: string[]
  body: string[]
  imports: Set<string>
  n: number
}

function int(r: Rand, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1))
}
function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]
}

/** A random value of integer kind k (as Go source text). */
function intValue(r: Rand, k: string): string {
  const b = bits[k]
  const unsigned = k.startsWith('u')
  const choice = r()
  let v: bigint
  if (choice < 0.2) v = unsigned ? (1n << BigInt(b)) - 1n : (1n << BigInt(b - 1)) - 1n
  else if (choice < 0.3) v = unsigned ? 0n : -(1n << BigInt(b - 1))
  else if (choice < 0.7) {
    const x = BigInt(int(r, unsigned ? 0 : -1000, 1000))
    v = unsigned ? BigInt.asUintN(b, x) : BigInt.asIntN(b, x)
  } else {
    const x = BigInt(Math.floor(r() * 2 ** 30)) * BigInt(Math.floor(r() * 2 ** 30)) * BigInt(int(r, 1, 64))
    v = unsigned ? BigInt.asUintN(b, x) : BigInt.asIntN(b, x)
  }
  return v.toString()
}

function intSection(g: Gen): void {
  const k = pick(g.r, intKinds)
  const id = g.n++
  const a = intValue(g.r, k)
  let b = intValue(g.r, k)
  if (b === '0') b = '7'
  const s = int(g.r, 0, bits[k] + 3)
  g.body.push(
    `\tvar a${id} ${k} = ${a}`,
    `\tvar b${id} ${k} = ${b}`,
    `\tvar s${id} uint = ${s}`,
    `\tfmt.Println("${k}:", a${id}+b${id}, a${id}-b${id}, a${id}*b${id}, a${id}/b${id}, a${id}%b${id})`,
    `\tfmt.Println(a${id}<<s${id}, a${id}>>s${id}, a${id}&b${id}, a${id}|b${id}, a${id}^b${id}, a${id}&^b${id}, ^a${id}, -b${id})`,
    `\tfmt.Println(int8(a${id}), uint8(a${id}), int16(b${id}), uint32(a${id}), int64(b${id}), uint64(a${id}), float64(a${id}))`,
    `\ta${id} += b${id}`,
    `\ta${id}++`,
    `\tb${id} *= 3`,
    `\tfmt.Printf("%d %x %o %b %v\\n", a${id}, b${id}, uint8(a${id}), uint16(b${id}), a${id} > b${id})`,
  )
}

const elemTypes: { t: string; v: (i: string) => string; decl?: string }[] = [
  { t: 'int', v: (i) => i },
  { t: 'byte', v: (i) => `byte(${i})` },
  { t: 'int32', v: (i) => `int32(${i})` },
  { t: 'int16', v: (i) => `int16(${i})` },
  { t: 'string', v: () => '"x"' },
  { t: '*int', v: () => 'new(int)' },
  { t: 'float64', v: (i) => `float64(${i}) / 2` },
  {
    t: 'E3',
    v: (i) => `E3{a: int64(${i}), b: byte(${i})}`,
    decl: 'type E3 struct {\n\ta int64\n\tb byte\n}',
  },
  { t: 'E5', v: (i) => `E5{p: nil, n: ${i}}`, decl: 'type E5 struct {\n\tp *int\n\tn int\n\tq [3]int32\n}' },
  { t: '[5]int16', v: () => '[5]int16{1, 2}' },
  { t: 'E7', v: () => 'E7{}', decl: 'type E7 struct {\n\tbuf [37]byte\n}' },
]

function sliceSection(g: Gen): void {
  const e = pick(g.r, elemTypes)
  if (e.decl !== undefined && !g.decls.includes(e.decl)) g.decls.push(e.decl)
  const id = g.n++
  const start = g.r() < 0.5 ? 'nil' : `make([]${e.t}, ${int(g.r, 0, 3)}, ${int(g.r, 3, 9)})`
  g.decls.push(`var gs${id} []${e.t}`)
  const n = int(g.r, 5, 60)
  g.body.push(
    start === 'nil' ? `\tgs${id} = nil` : `\tgs${id} = ${start}`,
    `\tfor i := 0; i < ${n}; i++ {`,
    `\t\tgs${id} = append(gs${id}, ${e.v('i')})`,
    `\t\tif i%${int(g.r, 1, 7)} == 0 {`,
    `\t\t\tfmt.Println("${e.t}", len(gs${id}), cap(gs${id}))`,
    `\t\t}`,
    `\t}`,
    `\tfmt.Println(len(gs${id}), cap(gs${id}), len(gs${id}[1:3]), cap(gs${id}[1:3]), cap(gs${id}[2:4:5]))`,
  )
  if (g.r() < 0.5) {
    const m = int(g.r, 2, 30)
    g.body.push(
      `\tgs${id} = append(gs${id}[:2], gs${id}[:${m % 5}]...)`,
      `\tfmt.Println(len(gs${id}), cap(gs${id}))`,
    )
  }
}

function listSection(g: Gen): void {
  if (!g.decls.includes('type Node struct {\n\tnext *Node\n\tval  int\n}'))
    g.decls.push('type Node struct {\n\tnext *Node\n\tval  int\n}')
  const id = g.n++
  const n = int(g.r, 1, 50)
  g.decls.push(`var head${id} *Node`)
  g.body.push(
    `\tfor i := 0; i < ${n}; i++ {`,
    `\t\thead${id} = &Node{next: head${id}, val: i * ${int(g.r, 1, 9)}}`,
    `\t}`,
    `\tsum${id}, count${id} := 0, 0`,
    `\tfor p := head${id}; p != nil; p = p.next {`,
    `\t\tsum${id} += p.val`,
    `\t\tcount${id}++`,
    `\t}`,
    `\tfmt.Println("list", sum${id}, count${id}, head${id}.val, head${id}.next == nil)`,
  )
}

function memSection(g: Gen): void {
  g.imports.add('runtime')
  const id = g.n++
  const e = pick(g.r, [
    { t: 'Obj8', decl: 'type Obj8 struct {\n\tn int64\n}' },
    { t: 'Obj24', decl: 'type Obj24 struct {\n\tnext *Obj24\n\ta, b int64\n}' },
    { t: 'Obj100', decl: 'type Obj100 struct {\n\tbuf [100]byte\n}' },
    { t: 'Obj600', decl: 'type Obj600 struct {\n\tp   *int\n\tbuf [592]byte\n}' },
    { t: 'Obj4', decl: 'type Obj4 struct {\n\ta, b uint16\n}' },
  ])
  if (!g.decls.includes(e.decl)) g.decls.push(e.decl)
  const n = int(g.r, 1, 400)
  const pre = g.r() < 0.5
  g.decls.push(`var keep${id} []*${e.t}`)
  g.body.push(
    `\tvar m${id}a, m${id}b, m${id}c runtime.MemStats`,
    `\truntime.GC()`,
    `\truntime.GC()`,
    pre ? `\tkeep${id} = make([]*${e.t}, 0, ${n})` : `\tkeep${id} = nil`,
    `\truntime.ReadMemStats(&m${id}a)`,
    `\tfor i := 0; i < ${n}; i++ {`,
    `\t\tkeep${id} = append(keep${id}, &${e.t}{})`,
    `\t}`,
    `\truntime.ReadMemStats(&m${id}b)`,
    `\tkeep${id} = keep${id}[:${int(g.r, 0, n)}:${n}]`,
    `\tkeep${id} = nil`,
    `\truntime.GC()`,
    `\truntime.ReadMemStats(&m${id}c)`,
    `\tfmt.Println("mallocs", m${id}b.Mallocs-m${id}a.Mallocs, "heapAlloc", m${id}b.HeapAlloc-m${id}a.HeapAlloc, "total", m${id}b.TotalAlloc-m${id}a.TotalAlloc)`,
    `\tfmt.Println("objects", m${id}b.HeapObjects-m${id}a.HeapObjects, "frees", m${id}c.Frees-m${id}b.Frees, "gc", m${id}c.NumGC-m${id}b.NumGC)`,
  )
}

function stringSection(g: Gen): void {
  const id = g.n++
  const n = int(g.r, 1, 40)
  g.decls.push(`var str${id} string`, `var bs${id} []byte`)
  g.body.push(
    `\tstr${id} = ""`,
    `\tfor i := 0; i < ${n}; i++ {`,
    `\t\tstr${id} += string(rune('a' + i%26))`,
    `\t}`,
    `\tbs${id} = []byte(str${id})`,
    `\tfmt.Println(len(str${id}), str${id}, len(bs${id}), cap(bs${id}), string(bs${id}[:1]), str${id}[${n - 1}])`,
    `\tbs${id} = append(bs${id}, "é€"...)`,
    `\tfmt.Printf("%s %q %x %d\\n", bs${id}, str${id}[:${Math.min(n, 3)}], str${id}[:${Math.min(n, 2)}], len(bs${id}))`,
    `\tfor i, r := range string(bs${id}[${Math.max(0, n - 2)}:]) {`,
    `\t\tfmt.Print(i, r, " ")`,
    `\t}`,
    `\tfmt.Println()`,
  )
}

const fieldTypes = [
  'bool',
  'byte',
  'int8',
  'int16',
  'int32',
  'int64',
  'int',
  'uint16',
  'float32',
  'float64',
  'string',
  '*int',
  '[]int',
  '[3]byte',
  '[2]int32',
  'struct {\n\t\tx byte\n\t\ty int32\n\t}',
]

function layoutSection(g: Gen): void {
  g.imports.add('unsafe')
  const id = g.n++
  const nf = int(g.r, 1, 7)
  const fields: string[] = []
  for (let i = 0; i < nf; i++) fields.push(`\tf${i} ${pick(g.r, fieldTypes)}`)
  g.decls.push(`type L${id} struct {\n${fields.join('\n')}\n}`)
  g.body.push(`\tvar l${id} L${id}`)
  g.body.push(
    `\tfmt.Println("layout", unsafe.Sizeof(l${id}), unsafe.Alignof(l${id})${fields.map((_, i) => `, unsafe.Offsetof(l${id}.f${i})`).join('')})`,
  )
  g.body.push(`\tfmt.Printf("%+v %v\\n", l${id}, l${id})`)
}

function fmtSection(g: Gen): void {
  const id = g.n++
  const v = int(g.r, -100000, 100000)
  const w = int(g.r, 1, 12)
  g.body.push(
    `\tx${id} := ${v}`,
    `\tfmt.Printf("[%${w}d] [%-${w}d] [%0${w}d] [%+d] [%x] [%X] [%${w}x]\\n", x${id}, x${id}, x${id}, x${id}, x${id}, x${id}, x${id})`,
    `\tfmt.Printf("[%${w}s] [%-${w}s] [%q] [%v] [%T] [%T]\\n", "go", "alloc", "t\\tab", []string{"a", "b"}, x${id}, []byte("x"))`,
    `\ts${id} := fmt.Sprintf("%d|%v|%5.1f", x${id}, x${id}%7 == 0, float64(x${id})/3)`,
    `\tfmt.Println(s${id}, len(s${id}))`,
  )
}

function floatSection(g: Gen): void {
  const id = g.n++
  const vals: string[] = []
  for (let i = 0; i < 4; i++) {
    const mag = int(g.r, -8, 12)
    const x = (g.r() - 0.3) * 10 ** mag
    vals.push(String(x))
  }
  g.body.push(`\tfs${id} := []float64{${vals.join(', ')}}`)
  g.body.push(
    `\tfor _, f := range fs${id} {`,
    `\t\tfmt.Println(f, float32(f), f*3, int64(f/1e3))`,
    `\t\tfmt.Printf("%.3f %e %g %8.2f %.0f %.4e\\n", f, f, f, f, f, f)`,
    `\t}`,
  )
}

function panicSection(g: Gen): void {
  const id = g.n++
  const kind = int(g.r, 0, 3)
  const n = int(g.r, 1, 5)
  g.body.push(`\tps${id} := make([]int, ${n})`, `\tidx${id} := ${n + int(g.r, 0, 3)}`)
  if (kind === 0) g.body.push(`\tfmt.Println(ps${id}[idx${id}])`)
  else if (kind === 1) g.body.push(`\tfmt.Println(ps${id}[1:idx${id}+1])`)
  else if (kind === 2) g.body.push(`\tfmt.Println(ps${id}[idx${id}:1])`)
  else g.body.push(`\tz${id} := idx${id} - idx${id}`, `\tfmt.Println(len(ps${id}) / z${id})`)
}

function funcSection(g: Gen): void {
  const id = g.n++
  const k = int(g.r, 2, 9)
  g.decls.push(
    `func divmod${id}(a, b int) (q, r int) {\n\tq = a / b\n\tr = a % b\n\treturn\n}`,
    `func classify${id}(x int) string {\n\tswitch {\n\tcase x < 0:\n\t\treturn "neg"\n\tcase x == 0:\n\t\treturn "zero"\n\tcase x%${k} == 0:\n\t\treturn "mult"\n\t}\n\tswitch x % 3 {\n\tcase 1, 2:\n\t\treturn "odd3"\n\tdefault:\n\t\treturn "other"\n\t}\n}`,
    `func fib${id}(n int) int {\n\tif n < 2 {\n\t\treturn n\n\t}\n\treturn fib${id}(n-1) + fib${id}(n-2)\n}`,
    `func sum${id}(xs ...int) (t int) {\n\tfor _, x := range xs {\n\t\tt += x\n\t}\n\treturn t\n}`,
  )
  const a = int(g.r, -500, 500)
  const b = pick(g.r, [-7, -3, 2, 5, 9, 13])
  g.body.push(
    `\tq${id}, r${id} := divmod${id}(${a}, ${b})`,
    `\tfmt.Println(q${id}, r${id}, classify${id}(${a}), classify${id}(q${id}), fib${id}(${int(g.r, 5, 18)}), sum${id}(), sum${id}(q${id}, r${id}, ${a}))`,
    `\tfor i := range ${int(g.r, 3, 8)} {`,
    `\t\tif i == ${int(g.r, 1, 2)} {`,
    `\t\t\tcontinue`,
    `\t\t}`,
    `\t\tfmt.Print(classify${id}(i-2), " ")`,
    `\t}`,
    `\tfmt.Println()`,
    `outer${id}:`,
    `\tfor i := 0; i < 4; i++ {`,
    `\t\tfor j := range 4 {`,
    `\t\t\tif j == ${int(g.r, 1, 3)} {`,
    `\t\t\t\tcontinue outer${id}`,
    `\t\t\t}`,
    `\t\t\tif i*j == ${int(g.r, 2, 6)} {`,
    `\t\t\t\tbreak outer${id}`,
    `\t\t\t}`,
    `\t\t\tfmt.Print(i, j, ";")`,
    `\t\t}`,
    `\t}`,
    `\tfmt.Println()`,
  )
}

function valueSection(g: Gen): void {
  const id = g.n++
  if (!g.decls.includes('type Pt struct {\n\tX, Y int\n\tTag string\n}'))
    g.decls.push(
      'type Pt struct {\n\tX, Y int\n\tTag string\n}',
      'type Box struct {\n\tMin, Max Pt\n\tIDs     [3]uint8\n\tNext    *Box\n\tNames   []string\n}',
    )
  const x = int(g.r, -50, 50)
  g.decls.push(`var boxes${id} []Box`)
  g.body.push(
    `\tb${id} := Box{Min: Pt{${x}, 2, "a"}, Max: Pt{X: 9, Tag: "z"}, IDs: [3]uint8{1, 2}, Names: []string{"p", "q"}}`,
    `\tc${id} := b${id}`,
    `\tc${id}.Min.X++`,
    `\tc${id}.IDs[2] = 255`,
    `\tc${id}.Names[0] = "shared"`,
    `\tfmt.Println(b${id}.Min == c${id}.Min, b${id}.Max == c${id}.Max, b${id}.IDs, c${id}.IDs, b${id}.Names)`,
    `\tfmt.Printf("%v|%+v\\n", b${id}.Min, c${id}.Max)`,
    `\tboxes${id} = append(boxes${id}, b${id}, c${id})`,
    `\tboxes${id}[0].Next = &boxes${id}[1]`,
    `\tboxes${id}[1].Min.Y = ${int(g.r, 100, 200)}`,
    `\tfmt.Println(boxes${id}[0].Next.Min, len(boxes${id}), cap(boxes${id}), boxes${id}[0].Next.Next == nil)`,
    `\tarr${id} := [5]int{4: 1, 1: ${x}}`,
    `\tpa${id} := &arr${id}`,
    `\tpa${id}[2] = 7`,
    `\tsl${id} := arr${id}[1:3:4]`,
    `\tsl${id} = append(sl${id}, 99)`,
    `\tn${id} := copy(sl${id}, []int{-1, -2, -3, -4})`,
    `\tfmt.Println(arr${id}, sl${id}, len(sl${id}), cap(sl${id}), n${id}, len(pa${id}))`,
  )
}

function unicodeSection(g: Gen): void {
  const id = g.n++
  const words = ['héllo', '世界', 'a\\xffb', 'Go€', 'naïve', 'x']
  const w = pick(g.r, words)
  g.body.push(
    `\tu${id} := "${w}"`,
    `\tfor i, r := range u${id} {`,
    `\t\tfmt.Print(i, ":", r, " ")`,
    `\t}`,
    `\tfmt.Println(len(u${id}), len([]rune(u${id})))`,
    `\tfmt.Printf("%q %x %s %v %c %U\\n", u${id}, u${id}, u${id}, []byte(u${id}), []rune(u${id})[0], []rune(u${id})[0])`,
    `\tfmt.Println(u${id} < "m", u${id} + "!" == "${w}!", string([]rune(u${id})[:1]))`,
  )
}

/** Program number `seed`: valid Go in the cells' subset. */
export function generateProgram(seed: number): string {
  const g: Gen = { r: mulberry32(seed * 7919 + 17), decls: [], body: [], imports: new Set(['fmt']), n: 0 }
  const sections = [
    intSection,
    sliceSection,
    listSection,
    memSection,
    stringSection,
    layoutSection,
    fmtSection,
    floatSection,
    funcSection,
    valueSection,
    unicodeSection,
  ]
  const count = int(g.r, 2, 4)
  for (let i = 0; i < count; i++) pick(g.r, sections)(g)
  if (seed % 3 === 0) memSection(g)
  if (g.r() < 0.15) panicSection(g)
  const imports = [...g.imports].sort()
  return `package main\n\nimport (\n${imports.map((i) => `\t"${i}"`).join('\n')}\n)\n\n${g.decls.join('\n\n')}\n\nfunc main() {\n${g.body.join('\n')}\n}\n`
}
