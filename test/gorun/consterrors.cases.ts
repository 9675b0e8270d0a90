// Constant and operator expressions that do not compile, with the message Go 1.27's compiler
// prints for each. The messages were captured from go1.27.4 (`go build`, linux/amd64): they are
// Go's output written down, not produced by the interpreter. test/gorun/consterrors.test.ts
// checks the interpreter against them; test/go-truth/gocells.test.ts checks them against the
// installed Go 1.27 and the interpreter against Go directly.

/** The program of a case: `stmt` as the last statement of main (line 12), or, for a case
 *  starting with "top:", the rest as package-level declarations after the import (line 4 on). */
export function constErrorProgram(stmt: string): string {
  const top = stmt.startsWith('top:')
  return (
    'package main\n\nimport "fmt"\n' +
    (top ? stmt.slice(4) + '\n' : '') +
    '\nfunc main() {\n\tvar i int = 3\n\tvar f float64 = 2.5\n\tvar s string = "a"\n\tvar b bool = true\n' +
    '\tvar u uint8 = 1\n\tfmt.Println(i, f, s, b, u)\n' +
    (top ? '' : '\t' + stmt + '\n') +
    '}\n'
  )
}

/** [statement, Go's "line:column: message"] — null where Go compiles the program. */
export const constErrorCases: [string, string | null][] = [
  // untyped bool constants
  [
    'const c = true + false',
    '12:12: invalid operation: operator + not defined on true (untyped bool constant)',
  ],
  [
    'const c = true - false',
    '12:12: invalid operation: operator - not defined on true (untyped bool constant)',
  ],
  [
    'const c = true * false',
    '12:12: invalid operation: operator * not defined on true (untyped bool constant)',
  ],
  [
    'const c = true / false',
    '12:12: invalid operation: operator / not defined on true (untyped bool constant)',
  ],
  [
    'const c = true % false',
    '12:12: invalid operation: operator % not defined on true (untyped bool constant)',
  ],
  [
    'const c = true & false',
    '12:12: invalid operation: operator & not defined on true (untyped bool constant)',
  ],
  [
    'const c = true | false',
    '12:12: invalid operation: operator | not defined on true (untyped bool constant)',
  ],
  [
    'const c = true ^ false',
    '12:12: invalid operation: operator ^ not defined on true (untyped bool constant)',
  ],
  [
    'const c = true &^ false',
    '12:12: invalid operation: operator &^ not defined on true (untyped bool constant)',
  ],
  [
    'const c = true << 1',
    '12:12: invalid operation: shifted operand true (untyped bool constant) must be integer',
  ],
  [
    'const c = true < false',
    '12:12: invalid operation: true < false (operator < not defined on untyped bool)',
  ],
  [
    'const c = true >= false',
    '12:12: invalid operation: true >= false (operator >= not defined on untyped bool)',
  ],
  ['const c = -true', '12:13: invalid operation: operator - not defined on true (untyped bool constant)'],
  ['const c = +false', '12:13: invalid operation: operator + not defined on false (untyped bool constant)'],
  ['const c = ^true', '12:13: invalid operation: operator ^ not defined on true (untyped bool constant)'],
  [
    'const c = true == 1',
    '12:20: invalid operation: true == 1 (mismatched types untyped bool and untyped int)',
  ],
  [
    'const c = true && 1',
    '12:12: invalid operation: true && 1 (mismatched types untyped bool and untyped int)',
  ],
  [
    'const c = 1 || false',
    '12:12: invalid operation: 1 || false (mismatched types untyped int and untyped bool)',
  ],
  [
    'fmt.Println(true + false)',
    '12:14: invalid operation: operator + not defined on true (untyped bool constant)',
  ],
  // untyped strings
  [
    'const c = "a" - "b"',
    '12:12: invalid operation: operator - not defined on "a" (untyped string constant)',
  ],
  [
    'const c = "a" * "b"',
    '12:12: invalid operation: operator * not defined on "a" (untyped string constant)',
  ],
  [
    'const c = "a" % "b"',
    '12:12: invalid operation: operator % not defined on "a" (untyped string constant)',
  ],
  [
    'const c = "a" | "b"',
    '12:12: invalid operation: operator | not defined on "a" (untyped string constant)',
  ],
  [
    'const c = "a" + 1',
    '12:12: invalid operation: "a" + 1 (mismatched types untyped string and untyped int)',
  ],
  [
    'const c = 1 + "a"',
    '12:12: invalid operation: 1 + "a" (mismatched types untyped int and untyped string)',
  ],
  [
    'const c = "a" * 2',
    '12:12: invalid operation: "a" * 2 (mismatched types untyped string and untyped int)',
  ],
  ['const c = -"a"', '12:13: invalid operation: operator - not defined on "a" (untyped string constant)'],
  ['const c = !"a"', '12:13: invalid operation: operator ! not defined on "a" (untyped string constant)'],
  [
    'const c = "a" << 1',
    '12:12: invalid operation: shifted operand "a" (untyped string constant) must be integer',
  ],
  [
    'const c = "a" && "b"',
    '12:12: invalid operation: operator && not defined on "a" (untyped string constant)',
  ],
  [
    'const c = "a" < 1',
    '12:18: invalid operation: "a" < 1 (mismatched types untyped string and untyped int)',
  ],
  // untyped floats
  [
    'const c = 7.0 % 2.0',
    '12:12: invalid operation: operator % not defined on 7.0 (untyped float constant 7)',
  ],
  [
    'fmt.Println(7.0 % 2.0)',
    '12:14: invalid operation: operator % not defined on 7.0 (untyped float constant 7)',
  ],
  ['const c = 7.5 % 2', '12:12: invalid operation: operator % not defined on 7.5 (untyped float constant)'],
  ['const c = 1.5 & 1', '12:12: invalid operation: operator & not defined on 1.5 (untyped float constant)'],
  ['const c = 1.5 | 2', '12:12: invalid operation: operator | not defined on 1.5 (untyped float constant)'],
  ['const c = 1.5 ^ 2', '12:12: invalid operation: operator ^ not defined on 1.5 (untyped float constant)'],
  ['const c = 1.5 &^ 1', '12:12: invalid operation: operator &^ not defined on 1.5 (untyped float constant)'],
  ['const c = ^1.5', '12:13: invalid operation: operator ^ not defined on 1.5 (untyped float constant)'],
  ['const c = !1.5', '12:13: invalid operation: operator ! not defined on 1.5 (untyped float constant)'],
  [
    'const c = 1.5 << 2',
    '12:12: invalid operation: shifted operand 1.5 (untyped float constant) must be integer',
  ],
  ['const c = 1 << 1.5', '12:17: 1.5 (untyped float constant) truncated to uint'],
  [
    'const c = 1.5 && true',
    '12:12: invalid operation: 1.5 && true (mismatched types untyped float and untyped bool)',
  ],
  // untyped runes and ints
  [
    `const c = 'a' + "b"`,
    `12:12: invalid operation: 'a' + "b" (mismatched types untyped rune and untyped string)`,
  ],
  [`const c = !'a'`, `12:13: invalid operation: operator ! not defined on 'a' (untyped rune constant 97)`],
  [`const c = 'a' % 0`, '12:18: invalid operation: division by zero'],
  ['const c = !1', '12:13: invalid operation: operator ! not defined on 1 (untyped int constant)'],
  ['const c = 1 && 2', '12:12: invalid operation: operator && not defined on 1 (untyped int constant)'],
  [
    'const c = 1 == "a"',
    '12:17: invalid operation: 1 == "a" (mismatched types untyped int and untyped string)',
  ],
  // division by constant zero
  ['const c = 1 / 0', '12:16: invalid operation: division by zero'],
  ['const c = 1 % 0', '12:16: invalid operation: division by zero'],
  ['const c = 1.0 / 0', '12:18: invalid operation: division by zero'],
  ['const c = 1 / 0.0', '12:16: invalid operation: division by zero'],
  ['fmt.Println(i / 0)', '12:18: invalid operation: division by zero'],
  ['fmt.Println(i % 0)', '12:18: invalid operation: division by zero'],
  ['fmt.Println(f / 0)', null],
  ['fmt.Println(f / 0.0)', null],
  ['fmt.Println(u % 0)', '12:18: invalid operation: division by zero'],
  // negative and oversized shifts
  ['const c = 1 << -1', '12:17: invalid operation: negative shift count -1 (untyped int constant)'],
  ['const c = 1 >> -2', '12:17: invalid operation: negative shift count -2 (untyped int constant)'],
  ['fmt.Println(i << -1)', '12:19: invalid operation: negative shift count -1 (untyped int constant)'],
  ['fmt.Println(i >> -1)', '12:19: invalid operation: negative shift count -1 (untyped int constant)'],
  // constant overflow
  ['fmt.Println(int8(200))', '12:19: constant 200 overflows int8'],
  [
    'const c uint8 = 256',
    '12:18: cannot use 256 (untyped int constant) as uint8 value in constant declaration (overflows)',
  ],
  [
    'var x int = 1 << 64; fmt.Println(x)',
    '12:14: cannot use 1 << 64 (untyped int constant 18446744073709551616) as int value in variable declaration (overflows)',
  ],
  [
    'const c int8 = 100 + 100',
    '12:17: cannot use 100 + 100 (untyped int constant 200) as int8 value in constant declaration (overflows)',
  ],
  [
    'var x uint = -1; fmt.Println(x)',
    '12:15: cannot use -1 (untyped int constant) as uint value in variable declaration (overflows)',
  ],
  ['const c = uint8(255) + 1', '12:12: uint8(255) + 1 (constant 256 of type uint8) overflows uint8'],
  ['const c = int8(-128) / -1', '12:12: int8(-128) / -1 (constant 128 of type int8) overflows int8'],
  ['const c = int8(1) << 8', '12:12: int8(1) << 8 (constant 256 of type int8) overflows int8'],
  [
    'var x int32 = 1e10; fmt.Println(x)',
    '12:16: cannot use 1e10 (untyped float constant 1e+10) as int32 value in variable declaration (truncated)',
  ],
  [
    'const big = 1 << 100; fmt.Println(big)',
    '12:36: cannot use big (untyped int constant 1267650600228229401496703205376) as int value in argument to fmt.Println (overflows)',
  ],
  ['const c = -uint8(1)', '12:12: -uint8(1) (constant -1 of type uint8) overflows uint8'],
  ['fmt.Println(u + 256)', '12:18: 256 (untyped int constant) overflows uint8'],
  ['fmt.Println(i + 1.5)', '12:18: 1.5 (untyped float constant) truncated to int'],
  // typed constants
  [
    'const a int = 1; const d float64 = 2; fmt.Println(a + d)',
    '12:52: invalid operation: a + d (mismatched types int and float64)',
  ],
  [
    'const t string = "x"; fmt.Println(t - t)',
    '12:36: invalid operation: operator - not defined on t (constant "x" of type string)',
  ],
  [
    'const t bool = true; fmt.Println(t + t)',
    '12:35: invalid operation: operator + not defined on t (constant true of type bool)',
  ],
  [
    'const t float64 = 1.5; fmt.Println(t % 2)',
    '12:37: invalid operation: operator % not defined on t (constant 1.5 of type float64)',
  ],
  [
    'fmt.Println(int8(1) + int16(1))',
    '12:14: invalid operation: int8(1) + int16(1) (mismatched types int8 and int16)',
  ],
  [
    'const t int = 2; fmt.Println(!t)',
    '12:32: invalid operation: operator ! not defined on t (constant 2 of type int)',
  ],
  [
    'const t string = "x"; fmt.Println(-t)',
    '12:37: invalid operation: operator - not defined on t (constant "x" of type string)',
  ],
  // typed variables
  ['fmt.Println(i + f)', '12:14: invalid operation: i + f (mismatched types int and float64)'],
  ['fmt.Println(s - s)', '12:14: invalid operation: operator - not defined on s (variable of type string)'],
  ['fmt.Println(b + b)', '12:14: invalid operation: operator + not defined on b (variable of type bool)'],
  ['fmt.Println(f % f)', '12:14: invalid operation: operator % not defined on f (variable of type float64)'],
  ['fmt.Println(f & 1)', '12:14: invalid operation: operator & not defined on f (variable of type float64)'],
  ['fmt.Println(i + "a")', '12:14: invalid operation: i + "a" (mismatched types int and untyped string)'],
  ['fmt.Println(s + 1)', '12:14: invalid operation: s + 1 (mismatched types string and untyped int)'],
  ['fmt.Println(!i)', '12:15: invalid operation: operator ! not defined on i (variable of type int)'],
  ['fmt.Println(-s)', '12:15: invalid operation: operator - not defined on s (variable of type string)'],
  ['fmt.Println(-b)', '12:15: invalid operation: operator - not defined on b (variable of type bool)'],
  ['fmt.Println(^f)', '12:15: invalid operation: operator ^ not defined on f (variable of type float64)'],
  [
    'fmt.Println(i << f)',
    '12:19: invalid operation: shift count f (variable of type float64) must be integer',
  ],
  [
    'fmt.Println(f << 2)',
    '12:14: invalid operation: shifted operand f (variable of type float64) must be integer',
  ],
  ['fmt.Println(i && b)', '12:14: invalid operation: i && b (mismatched types int and bool)'],
  ['fmt.Println(b < b)', '12:14: invalid operation: b < b (operator < not defined on bool)'],
  ['fmt.Println(s < 1)', '12:18: invalid operation: s < 1 (mismatched types string and untyped int)'],
  ['fmt.Println(b == 1)', '12:19: invalid operation: b == 1 (mismatched types bool and untyped int)'],
  ['fmt.Println(i == s)', '12:19: invalid operation: i == s (mismatched types int and string)'],
  ['fmt.Println(i == nil)', '12:19: invalid operation: i == nil (mismatched types int and untyped nil)'],
  [
    'fmt.Println(nil == nil)',
    '12:21: invalid operation: nil == nil (operator == not defined on untyped nil)',
  ],
  ['fmt.Println(u + i)', '12:14: invalid operation: u + i (mismatched types uint8 and int)'],
  ['fmt.Println(i << 1.5)', '12:19: 1.5 (untyped float constant) truncated to uint'],
  ['fmt.Println(s * 2)', '12:14: invalid operation: s * 2 (mismatched types string and untyped int)'],
  // conversions
  ['fmt.Println(int(1.5))', '12:18: cannot convert 1.5 (untyped float constant) to type int'],
  ['fmt.Println(uint(-1))', '12:19: constant -1 overflows uint'],
  ['fmt.Println(int8(1000.0))', '12:19: cannot convert 1000.0 (untyped float constant 1000) to type int8'],
  ['fmt.Println(string(1.5))', '12:21: cannot convert 1.5 (untyped float constant) to type string'],
  ['fmt.Println(bool(1))', '12:19: cannot convert 1 (untyped int constant) to type bool'],
  ['fmt.Println(int("a"))', '12:18: cannot convert "a" (untyped string constant) to type int'],
  ['fmt.Println(float32(1e40))', '12:22: cannot convert 1e40 (untyped float constant 1e+40) to type float32'],
  // bigger shifts and untyped overflow
  ['const c = 1 << 2000', '12:17: invalid operation: invalid shift count 2000 (untyped int constant)'],
  ['const c = 1 << 600', '12:14: constant shift overflow'],
  [
    'fmt.Println(1 << 70)',
    '12:14: cannot use 1 << 70 (untyped int constant 1180591620717411303424) as int value in argument to fmt.Println (overflows)',
  ],
  [
    'x := 1 << 70; fmt.Println(x)',
    '12:7: cannot use 1 << 70 (untyped int constant 1180591620717411303424) as int value in assignment (overflows)',
  ],
  ['i = 1.5', '12:6: cannot use 1.5 (untyped float constant) as int value in assignment (truncated)'],
  [
    'var w uint = ^0; fmt.Println(w)',
    '12:15: cannot use ^0 (untyped int constant -1) as uint value in variable declaration (overflows)',
  ],
  [
    'var g float64 = 1 << i; fmt.Println(g)',
    '12:18: invalid operation: shifted operand 1 (type float64) must be integer',
  ],
  ['fmt.Println(i % 2.5)', '12:18: 2.5 (untyped float constant) truncated to int'],
  ['const c = int8(-128) * -1', '12:12: int8(-128) * -1 (constant 128 of type int8) overflows int8'],
  [
    'const c = 1 + 2 + true',
    '12:12: invalid operation: 1 + 2 + true (mismatched types untyped int and untyped bool)',
  ],
  [
    'const c = (1 + 2) % 1.5',
    '12:12: invalid operation: operator % not defined on (1 + 2) (untyped float constant 3)',
  ],
  ['const c = +"a"', '12:13: invalid operation: operator + not defined on "a" (untyped string constant)'],
  [
    'var h float32 = 1e40; fmt.Println(h)',
    '12:18: cannot use 1e40 (untyped float constant 1e+40) as float32 value in variable declaration (overflows)',
  ],
  // assignment operators and ++
  ['i += "a"', '12:2: invalid operation: i += "a" (mismatched types int and untyped string)'],
  ['f %= 2', '12:2: invalid operation: operator % not defined on f (variable of type float64)'],
  ['s -= "b"', '12:2: invalid operation: operator - not defined on s (variable of type string)'],
  ['s++', '12:2: invalid operation: s++ (non-numeric type string)'],
  ['b++', '12:2: invalid operation: b++ (non-numeric type bool)'],
  ['u += 300', '12:7: 300 (untyped int constant) overflows uint8'],
  ['i <<= -1', '12:8: invalid operation: negative shift count -1 (untyped int constant)'],
  ['i /= 0', '12:7: invalid operation: division by zero'],
  // spacing as Go prints it
  ['fmt.Println(i+f)', '12:14: invalid operation: i + f (mismatched types int and float64)'],
  ['fmt.Println(i+  "a")', '12:14: invalid operation: i + "a" (mismatched types int and untyped string)'],
  // package-level declarations
  [
    'top:const x = true + false',
    '4:11: invalid operation: operator + not defined on true (untyped bool constant)',
  ],
  [
    'top:var y = 7.0 % 2.0',
    '4:9: invalid operation: operator % not defined on 7.0 (untyped float constant 7)',
  ],
  [
    'top:const z int8 = 1 << 7',
    '4:16: cannot use 1 << 7 (untyped int constant 128) as int8 value in constant declaration (overflows)',
  ],
  // named types
  [
    'top:type MyInt int\n\nvar m MyInt = 1\nvar k = m + 1.5',
    '7:13: 1.5 (untyped float constant) truncated to int',
  ],
  [
    'top:type T struct{ a int }\n\nvar t1, t2 T\nvar k = t1 + t2',
    '7:9: invalid operation: operator + not defined on t1 (variable of struct type T)',
  ],
  [
    'top:type MyInt int\n\nvar m MyInt = 1\nvar k = !m',
    '7:10: invalid operation: operator ! not defined on m (variable of int type MyInt)',
  ],
  [
    'top:type T struct{ a int }\n\nvar t1, t2 T\nvar k = t1 < t2',
    '7:9: invalid operation: t1 < t2 (operator < not defined on struct)',
  ],
  // results of calls and other non-variables
  [
    'fmt.Println(-len(s) + !i)',
    '12:25: invalid operation: operator ! not defined on i (variable of type int)',
  ],
  ['fmt.Println(!len(s))', '12:15: invalid operation: operator ! not defined on len(s) (value of type int)'],
  [
    'fmt.Println(s[0] + "x")',
    '12:14: invalid operation: s[0] + "x" (mismatched types byte and untyped string)',
  ],
  ['fmt.Println(s[0] + 300)', '12:21: 300 (untyped int constant) overflows byte'],
  [
    'fmt.Println(len(s) + "x")',
    '12:14: invalid operation: len(s) + "x" (mismatched types int and untyped string)',
  ],
  ['fmt.Println(len(s) / 0)', '12:23: invalid operation: division by zero'],
  [
    'const c = len("abc") + true',
    '12:12: invalid operation: len("abc") + true (mismatched types int and untyped bool)',
  ],
  // more contexts for untyped constants
  [
    'var x int = "3"; fmt.Println(x)',
    '12:14: cannot use "3" (untyped string constant) as int value in variable declaration',
  ],
  [
    'x := 1 + "a"; fmt.Println(x)',
    '12:7: invalid operation: 1 + "a" (mismatched types untyped int and untyped string)',
  ],
  ['i = i / 0.0', '12:10: invalid operation: division by zero'],
  ['i += 1.5', '12:7: 1.5 (untyped float constant) truncated to int'],
  [
    'const c = -1; var w uint = c; fmt.Println(w)',
    '12:29: cannot use c (untyped int constant -1) as uint value in variable declaration (overflows)',
  ],
  [
    'fmt.Println(1 << 63)',
    '12:14: cannot use 1 << 63 (untyped int constant 9223372036854775808) as int value in argument to fmt.Println (overflows)',
  ],
  [
    'fmt.Printf("%d\\n", 1<<64)',
    '12:21: cannot use 1 << 64 (untyped int constant 18446744073709551616) as int value in argument to fmt.Printf (overflows)',
  ],
  [
    'println(1 << 70)',
    '12:10: cannot use 1 << 70 (untyped int constant 1180591620717411303424) as int value in argument to built-in println (overflows)',
  ],
  [
    `const c byte = '世'`,
    `12:17: cannot use '世' (untyped rune constant 19990) as byte value in constant declaration (overflows)`,
  ],
  [
    'var r rune = "a"; fmt.Println(r)',
    '12:15: cannot use "a" (untyped string constant) as rune value in variable declaration',
  ],
  [
    'fmt.Println(^uint(0) + 1)',
    '12:14: ^uint(0) + 1 (constant 18446744073709551616 of type uint) overflows uint',
  ],
  [
    'fmt.Println(int64(1) << 63)',
    '12:14: int64(1) << 63 (constant 9223372036854775808 of type int64) overflows int64',
  ],
  [
    'var x float32 = 1e39; fmt.Println(x)',
    '12:18: cannot use 1e39 (untyped float constant 1e+39) as float32 value in variable declaration (overflows)',
  ],
  // nil, pointers, arrays, slices
  [
    'fmt.Println(nil + 1)',
    '12:14: invalid operation: nil + 1 (mismatched types untyped nil and untyped int)',
  ],
  [
    'var p *int; fmt.Println(p + 1)',
    '12:26: invalid operation: p + 1 (mismatched types *int and untyped int)',
  ],
  ['var p *int; fmt.Println(p < p)', '12:26: invalid operation: p < p (operator < not defined on pointer)'],
  [
    'var a []int; fmt.Println(a == a)',
    '12:27: invalid operation: a == a (slice can only be compared to nil)',
  ],
  [
    'var q [2]int; fmt.Println(q + q)',
    '12:28: invalid operation: operator + not defined on q (variable of type [2]int)',
  ],
  // how constant values are printed
  [
    'const t = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; fmt.Println(-t)',
    '12:117: invalid operation: operator - not defined on t (untyped string constant "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...)',
  ],
  [
    'const t float64 = 0.1; fmt.Println(t % 2)',
    '12:37: invalid operation: operator % not defined on t (constant 0.1 of type float64)',
  ],
  [
    'const t = 123456789.0; fmt.Println(t & 1)',
    '12:37: invalid operation: operator & not defined on t (untyped float constant 1.23457e+08)',
  ],
  [
    'fmt.Println(1e-7 & 1)',
    '12:14: invalid operation: operator & not defined on 1e-7 (untyped float constant 1e-07)',
  ],
  [
    'fmt.Println(0x10 && true)',
    '12:14: invalid operation: 0x10 && true (mismatched types untyped int and untyped bool)',
  ],
  [
    `fmt.Println(!'\\n')`,
    `12:15: invalid operation: operator ! not defined on '\\n' (untyped rune constant 10)`,
  ],
  [
    'top:type S string\n\nvar x S\n\nfunc g() {\n\tx++\n}',
    '9:2: invalid operation: x++ (non-numeric type S)',
  ],
]
