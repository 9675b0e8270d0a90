// The Go interpreter's semantics, each row a small program and the output worked out by hand from
// the Go specification and fmt's documentation (not produced by the interpreter).

import { describe, expect, it } from 'vitest'
import { runGo } from '@go-alloc/gorun'

/** A program whose main is `body` (fmt imported), plus package-level `decls`. */
function prog(body: string, decls = '', imports = ['fmt']): string {
  return `package main\n\nimport (\n${imports.map((i) => `\t"${i}"`).join('\n')}\n)\n\n${decls}\n\nfunc main() {\n${body}\n}\n`
}

function out(body: string, decls = '', imports?: string[]): string {
  const r = runGo(prog(body, decls, imports))
  if (r.exitCode !== 0) throw new Error(`exit ${r.exitCode}: ${r.stderr}`)
  return r.stdout
}

describe('integers', () => {
  const rows: [string, string][] = [
    ['fmt.Println(7/2, -7/2, 7%3, -7%3, 7%-3)', '3 -3 1 -1 1'],
    ['var b byte = 250; b += 10; fmt.Println(b)', '4'],
    ['var i8 int8 = 127; i8++; fmt.Println(i8)', '-128'],
    ['x := 1 << 62; x *= 4; fmt.Println(x)', '0'],
    ['var u uint = 0; u--; fmt.Println(u)', '18446744073709551615'],
    ['var u32 uint32 = 1 << 31; fmt.Println(u32 * 2, u32 << 1, u32 >> 31)', '0 0 1'],
    ['x := -8; fmt.Println(x >> 1, x >> 100, ^x, x &^ 3)', '-4 -1 7 -8'],
    ['m := -1; fmt.Println(int8(200 - 100), uint8(int8(m)), int64(int32(m-4)))', '100 255 -5'],
    ['x := 300; fmt.Println(byte(x), int8(x))', '44 44'],
    ['const big = 1 << 100; fmt.Println(big >> 98)', '4'],
    ['const (A = iota; B; C = iota * 10; D); fmt.Println(A, B, C, D)', '0 1 20 30'],
    ['x := 0x1F + 0o17 + 0b101 + 017 + 1_000; fmt.Println(x)', '1066'],
    ["r := 'a' + 1; fmt.Println(r, string(r))", '98 b'],
    ['fmt.Println(min(3, 1, 2), max(2.5, 1), min("b", "a"))', '1 2.5 a'],
    ['n := 9; var b byte = 1 << n; var w int64 = 1 << n; fmt.Println(b, w, 1<<n, w+1<<n)', '0 512 512 1024'],
  ]
  for (const [body, want] of rows) it(body, () => expect(out(body)).toBe(want + '\n'))
})

describe('floats and fmt %v', () => {
  const rows: [string, string][] = [
    [
      'fmt.Println(1.5, 1e6, 100000.0, 123456789.0, 0.0001, 0.00001)',
      '1.5 1e+06 100000 1.23456789e+08 0.0001 1e-05',
    ],
    ['fmt.Println(float32(0.1), float64(float32(0.1)), 1.0/3)', '0.1 0.10000000149011612 0.3333333333333333'],
    ['x := 3.0; fmt.Println(x, x/2, -x)', '3 1.5 -3'],
    [
      'fmt.Printf("%.2f|%8.3f|%-8.1f|%e|%g\\n", 3.14159, 2.5, 1.25, 1234.5678, 0.000012)',
      '3.14|   2.500|1.2     |1.234568e+03|1.2e-05',
    ],
    ['x := 7; f := 3.99; fmt.Println(float64(x)/2, int(f), int(-f))', '3.5 3 -3'],
  ]
  for (const [body, want] of rows) it(body, () => expect(out(body)).toBe(want + '\n'))
})

describe('strings', () => {
  const rows: [string, string][] = [
    ['s := "héllo"; fmt.Println(len(s), s[1], s[0:1], s[3:])', '6 195 h llo'],
    ['for i, r := range "aé€" { fmt.Print(i, ":", r, " ") }; fmt.Println()', '0:97 1:233 3:8364 '],
    ['b := []byte("hi"); b[0] = \'H\'; fmt.Println(string(b), b, len(b))', 'Hi [72 105] 2'],
    ['s := "a" + "b"; t := s + "c"; fmt.Println(t, t == "abc", t < "abd")', 'abc true true'],
    [
      'fmt.Printf("%q %x %X %5s|%-5s|%.2s\\n", "a\\"b\\n", "hi", "hi", "ab", "ab", "héllo")',
      '"a\\"b\\n" 6869 6869    ab|ab   |hé',
    ],
    ['rs := []rune("héllo"); fmt.Println(len(rs), rs[1], string(rs[1:3]))', '5 233 él'],
    ['s := fmt.Sprintf("%d-%s", 42, "x"); fmt.Println(s, len(s))', '42-x 4'],
    ['fmt.Print("a", 1, 2, "b", "c", 3.5, true, "\\n")', 'a1 2bc3.5 true'],
  ]
  for (const [body, want] of rows) it(body, () => expect(out(body)).toBe(want + '\n'))
})

describe('slices share backing arrays', () => {
  const rows: [string, string][] = [
    [
      'a := []int{1, 2, 3, 4}; b := a[1:3]; b[0] = 20; fmt.Println(a, b, len(b), cap(b))',
      '[1 20 3 4] [20 3] 2 3',
    ],
    ['a := []int{1, 2, 3, 4}; b := a[:2]; b = append(b, 99); fmt.Println(a, b)', '[1 2 99 4] [1 2 99]'],
    [
      'a := []int{1, 2, 3, 4}; b := a[:2:2]; b = append(b, 99); fmt.Println(a, b, cap(b))',
      '[1 2 3 4] [1 2 99] 4',
    ],
    ['var s []int; fmt.Println(s == nil, len(s), cap(s), s)', 'true 0 0 []'],
    ['s := make([]int, 2, 5); s = append(s, 7); fmt.Println(s, len(s), cap(s))', '[0 0 7] 3 5'],
    [
      'a := []int{1, 2}; b := []int{3, 4, 5}; a = append(a, b...); fmt.Println(a, len(a), cap(a))',
      '[1 2 3 4 5] 5 6',
    ],
    ['d := make([]int, 3); n := copy(d, []int{9, 8, 7, 6}); fmt.Println(n, d)', '3 [9 8 7]'],
    ['b := append([]byte("ab"), "cd"...); fmt.Println(string(b))', 'abcd'],
    ['var a [4]int; s := a[1:3]; s[0] = 5; fmt.Println(a, len(s), cap(s))', '[0 5 0 0] 2 3'],
    [
      'a := [3]int{1, 2, 3}; b := a; b[0] = 9; fmt.Println(a, b, a == [3]int{1, 2, 3})',
      '[1 2 3] [9 2 3] true',
    ],
    ['s := []int{5: 1, 2}; fmt.Println(len(s), s)', '7 [0 0 0 0 0 1 2]'],
    ['a := [...]string{"x", "y"}; fmt.Println(len(a), a)', '2 [x y]'],
    ['var s []int; for i := range 5 { s = append(s, i) }; fmt.Println(s, cap(s))', '[0 1 2 3 4] 8'],
  ]
  for (const [body, want] of rows) it(body, () => expect(out(body)).toBe(want + '\n'))
})

describe('structs, pointers, fmt verbs', () => {
  const decls = 'type P struct { X, Y int }\ntype N struct { next *N; v int; name string }'
  const rows: [string, string][] = [
    ['p := P{1, 2}; q := &p; q.X = 5; fmt.Println(p, *q)', '{5 2} {5 2}'],
    ['p := &P{Y: 3}; fmt.Println(p)', '&{0 3}'],
    ['p := &P{1, 2}; fmt.Printf("%v %+v %T %T\\n", *p, p, p, *p)', '{1 2} &{X:1 Y:2} *main.P main.P'],
    ['var n *N; fmt.Println(n == nil, n)', 'true <nil>'],
    ['a := &N{v: 1}; b := &N{next: a, v: 2}; fmt.Println(b.next.v, b.next.next == nil)', '1 true'],
    ['ps := []P{{1, 2}, {3, 4}}; ps[1].X = 30; fmt.Println(ps)', '[{1 2} {30 4}]'],
    ['pp := []*P{{1, 2}}; fmt.Println(pp[0].Y, *pp[0])', '2 {1 2}'],
    ['p := new(int); *p = 42; fmt.Println(*p)', '42'],
    ['a := P{1, 2}; b := a; b.X = 9; fmt.Println(a, b, a == P{1, 2}, a != b)', '{1 2} {9 2} true true'],
    [
      'fmt.Printf("%5d|%-5d|%05d|%x|%X|%o|%b|%08b|%c|%U\\n", 42, 42, -42, 255, 255, 8, 5, 5, 65, 0x1F600)',
      '   42|42   |-0042|ff|FF|10|101|00000101|A|U+1F600',
    ],
    ['fmt.Printf("%t %v %d %s\\n", true, []string{"a", "b"}, []int{1, 2}, "x")', 'true [a b] [1 2] x'],
    ['fmt.Printf("%d %s\\n", "x", 5)', '%!d(string=x) %!s(int=5)'],
    ['fmt.Printf("%d %d\\n", 1)', '1 %!d(MISSING)'],
    ['fmt.Printf("%d|", 1, 2); fmt.Println()', '1|%!(EXTRA int=2)'],
    ['x := 5; fmt.Printf("%q %v %%\\n", \'x\', x)', "'x' 5 %"],
  ]
  for (const [body, want] of rows) it(body, () => expect(out(body, decls)).toBe(want + '\n'))
})

describe('control flow and functions', () => {
  const decls = `
func divmod(a, b int) (int, int) { return a / b, a % b }
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}
func named() (x, y int) {
	x = 1
	y = 2
	return
}
func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}`
  const rows: [string, string][] = [
    ['q, r := divmod(17, 5); fmt.Println(q, r)', '3 2'],
    ['fmt.Println(fib(15))', '610'],
    ['a, b := named(); fmt.Println(a, b)', '1 2'],
    ['fmt.Println(sum(), sum(1, 2, 3), sum([]int{4, 5}...))', '0 6 9'],
    ['i := 0; for i < 3 { i++ }; fmt.Println(i)', '3'],
    ['n := 0; for { n++; if n == 4 { break } }; fmt.Println(n)', '4'],
    ['t := 0; for i := 0; i < 10; i++ { if i%2 == 0 { continue }; t += i }; fmt.Println(t)', '25'],
    [
      'switch x := 5; { case x > 3: fmt.Println("big"); fallthrough; case x > 10: fmt.Println("ft"); default: fmt.Println("d") }',
      'big\nft',
    ],
    ['switch 2 { case 1, 2: fmt.Println("one or two"); case 3: fmt.Println("three") }', 'one or two'],
    ['for i := range 3 { switch i { case 1: continue }; fmt.Print(i) }; fmt.Println()', '02'],
    ['if x := 3; x > 2 { fmt.Println("yes", x) } else { fmt.Println("no") }', 'yes 3'],
    ['a, b := 1, 2; a, b = b, a; fmt.Println(a, b)', '2 1'],
    ['s := []int{1, 2, 3}; for i, v := range s { s[i] = v * 10 }; fmt.Println(s)', '[10 20 30]'],
    [
      'outer: for i := 0; i < 3; i++ { for j := 0; j < 3; j++ { if j == 2 { continue outer }; if i == 2 { break outer }; fmt.Print(i, j, " ") } }; fmt.Println()',
      '0 0 0 1 1 0 1 1 ',
    ],
    ['loop: for i := range 5 { switch { case i == 3: break loop }; fmt.Print(i) }; fmt.Println()', '012'],
    [
      'rows: for _, r := range "abc" { for k := range 3 { if k == 1 { continue rows }; fmt.Print(string(r), k) } }; fmt.Println()',
      'a0b0c0',
    ],
  ]
  for (const [body, want] of rows) it(body, () => expect(out(body, decls)).toBe(want + '\n'))
})

describe('panics print like Go', () => {
  const rows: [string, string][] = [
    [
      's := []int{1, 2, 3}; i := 5; fmt.Println(s[i])',
      'panic: runtime error: index out of range [5] with length 3',
    ],
    [
      's := []int{1, 2, 3}; i := 5; fmt.Println(s[1:i])',
      'panic: runtime error: slice bounds out of range [:5] with capacity 3',
    ],
    [
      's := []int{1, 2, 3}; i, j := 2, 1; fmt.Println(s[i:j])',
      'panic: runtime error: slice bounds out of range [2:1]',
    ],
    [
      's := "abc"; i := 4; fmt.Println(s[:i])',
      'panic: runtime error: slice bounds out of range [:4] with length 3',
    ],
    [
      's := make([]int, 2, 4); i := 5; fmt.Println(s[0:1:i])',
      'panic: runtime error: slice bounds out of range [::5] with capacity 4',
    ],
    ['a, b := 1, 0; fmt.Println(a / b)', 'panic: runtime error: integer divide by zero'],
    [
      'var p *struct{ x int }; fmt.Println(p.x)',
      'panic: runtime error: invalid memory address or nil pointer dereference',
    ],
    ['panic("boom")', 'panic: boom'],
    ['n := -1; s := make([]int, n); fmt.Println(s)', 'panic: runtime error: makeslice: len out of range'],
  ]
  for (const [body, want] of rows)
    it(body, () => {
      const r = runGo(prog(body, '', body.includes('fmt.') ? ['fmt'] : []))
      expect(r.exitCode).toBe(2)
      expect(r.stderr.split('\n')[0]).toBe(want)
      expect(r.stderr).toContain('goroutine 1 [running]:')
      expect(r.stderr).toMatch(/exit status 2\n$/)
    })
  it('a nil dereference also prints the signal line', () => {
    const r = runGo(prog('var p *int; fmt.Println(*p)'))
    expect(r.stderr.split('\n')[1]).toMatch(/^\[signal SIGSEGV: segmentation violation/)
  })
  it('the trace names the functions and lines', () => {
    const r = runGo(prog('f()', 'func f() {\n\tvar s []int\n\t_ = s[0]\n}', []))
    expect(r.stderr).toContain('main.f()\n\tmain.go:9\nmain.main()\n\tmain.go:13\n')
  })
})

describe('errors name the construct, line and column', () => {
  const rows: [string, string, RegExp][] = [
    [
      'go f()',
      'func f() {}',
      /^goroutines \(go statements\) are not supported in cells \(line 10, column 1\)$/,
    ],
    ['ch := make(chan int); _ = ch', '', /^channels are not supported in cells \(line 10, column 12\)$/],
    ['m := map[string]int{}; _ = m', '', /^maps are not supported in cells \(line 10, column 6\)$/],
    ['defer f()', 'func f() {}', /^defer is not supported in cells/],
    [
      'f := func() {}; f()',
      '',
      /^function literals \(closures\) are not supported in cells \(line 10, column 6\)$/,
    ],
    ['x := 1', '', /^declared and not used: x \(line 10, column 1\)$/],
    ['fmt.Println(y)', '', /^undefined: y \(line 10, column 13\)$/],
    ['var x int = "a"; fmt.Println(x)', '', /^cannot use "a" \(untyped string constant\) as int value/],
    ['fmt.Println(1', '', /^syntax error/],
    ['var b byte = 300; fmt.Println(b)', '', /overflows/],
    ['L: for { }', '', /^label L defined and not used \(line 10, column 1\)$/],
    ['for { }', '', /./],
  ]
  for (const [body, decls, want] of rows.slice(0, -1))
    it(body, () => {
      const r = runGo(prog(body, decls))
      expect(r.exitCode).toBe(1)
      expect(r.compileError?.message).toMatch(want)
    })
  it('methods are refused at their declaration', () => {
    const r = runGo(prog('', 'type T struct{}\nfunc (t T) M() {}'))
    expect(r.compileError?.message).toMatch(/^methods are not supported in cells \(line 8, column 1\)$/)
  })
  it('a loop that never ends stops at the step budget', () => {
    const r = runGo(prog('n := 0\n\tfor n >= 0 {\n\t\tn = n + 1 - 1\n\t}', '', []), { maxSteps: 10_000 })
    expect(r.exitCode).toBe(-1)
    expect(r.budget?.message).toMatch(/more than 10000 steps/)
  })
  it('imports outside the subset are refused', () => {
    const r = runGo('package main\n\nimport "os"\n\nfunc main() { os.Exit(1) }\n')
    expect(r.compileError?.message).toBe(
      'package os is not available in cells (only fmt, runtime, runtime/debug and unsafe) (line 3, column 8)',
    )
  })
})
