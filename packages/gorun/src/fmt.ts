// fmt.ts — fmt's printing rules for the values the interpreter holds (values.ts).
//
// Println/Print/Printf/Sprintf with the verbs %v %+v %d %s %q %x %X %o %b %c %U %t %e %f %g %p %T
// and %%, flags '-', '+', '0', ' ', '#', widths and precisions (also '*'). Values print as fmt
// does through reflection: structs {1 2} (%+v {a:1 b:2}), a pointer to a struct, array or slice
// at the top level &{1 2}, deeper pointers as addresses, nil slices [], nil pointers <nil>;
// floats with %v use strconv's shortest 'g' form (exponent below -4 or from 6 digits on:
// 1e+06). Wrong verbs print %!d(string=hi); missing operands %!d(MISSING); extra ones
// %!(EXTRA int=1).

import { typeString, type GoType } from '@go-alloc/gotypes'
import { HStr, Ptr, Slice, decodeRune, elemAt, isIntKind, isUnsignedKind, runeBytes, sv } from './values.ts'

/** A typed operand: what fmt receives inside an interface. */
export interface Arg {
  t: GoType
  v: unknown
}

interface Flags {
  minus: boolean
  plus: boolean
  sharp: boolean
  space: boolean
  zero: boolean
  width: number // -1 = none
  prec: number // -1 = none
  plusV: boolean
}

const noFlags: Flags = {
  minus: false,
  plus: false,
  sharp: false,
  space: false,
  zero: false,
  width: -1,
  prec: -1,
  plusV: false,
}

/** %T: the type as fmt prints it. */
export function typeName(t: GoType): string {
  return typeString(t)
}

/** Address of a pointer-like value for %p and for printing nested pointers. */
export function addressOf(t: GoType, v: unknown): number {
  if (v === null || v === undefined) return 0
  if (v instanceof Ptr) return v.addr
  if (v instanceof Slice) {
    if (v.h !== null) return v.h.addr + v.hoff + v.off * t.elem!.size
    return v.hoff + v.off * t.elem!.size
  }
  return 0
}

function hexAddr(a: number): string {
  return '0x' + a.toString(16)
}

function pad(s: string, f: Flags): string {
  const n = f.width - [...s].length
  if (n <= 0) return s
  if (f.minus) return s + ' '.repeat(n)
  return ' '.repeat(n) + s
}

/** Pad a number: zero padding goes after the sign. */
function padNum(s: string, f: Flags): string {
  if (f.zero && !f.minus && f.width > s.length) {
    const neg = s[0] === '-' || s[0] === '+' || s[0] === ' '
    const sign = neg ? s[0] : ''
    const body = neg ? s.slice(1) : s
    return sign + '0'.repeat(f.width - s.length) + body
  }
  return pad(s, f)
}

function fmtInteger(v: bigint, unsigned: boolean, base: number, verb: string, f: Flags): string {
  const neg = v < 0n
  let a = neg ? -v : v
  let digits: string
  if (verb === 'c') return pad(String.fromCodePoint(validRune(Number(v))), f)
  if (verb === 'q') return pad(quoteRune(Number(v)), f)
  if (verb === 'U') {
    let h = a.toString(16).toUpperCase()
    if (h.length < 4) h = '0'.repeat(4 - h.length) + h
    return pad('U+' + h, f)
  }
  digits = a.toString(base)
  if (verb === 'X') digits = digits.toUpperCase()
  if (f.prec >= 0) {
    if (f.prec === 0 && a === 0n) digits = ''
    if (digits.length < f.prec) digits = '0'.repeat(f.prec - digits.length) + digits
  }
  if (f.sharp) {
    if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits
    else if (base === 8 && digits[0] !== '0') digits = '0' + digits
    else if (base === 2) digits = '0b' + digits
  }
  void unsigned
  a = 0n
  let s = digits
  if (neg) s = '-' + s
  else if (f.plus) s = '+' + s
  else if (f.space) s = ' ' + s
  if (f.prec >= 0) return pad(s, f) // a precision turns off zero padding
  return padNum(s, f)
}

function validRune(r: number): number {
  if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return 0xfffd
  return r
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u

function isPrint(r: number): boolean {
  return printable.test(String.fromCodePoint(r))
}

function escRune(r: number, quote: string): string {
  switch (r) {
    case 7:
      return '\\a'
    case 8:
      return '\\b'
    case 12:
      return '\\f'
    case 10:
      return '\\n'
    case 13:
      return '\\r'
    case 9:
      return '\\t'
    case 11:
      return '\\v'
    case 92:
      return '\\\\'
  }
  if (String.fromCharCode(r) === quote) return '\\' + quote
  if (isPrint(r)) return String.fromCodePoint(r)
  if (r < 0x80) return '\\x' + r.toString(16).padStart(2, '0')
  if (r < 0x10000) return '\\u' + r.toString(16).padStart(4, '0')
  return '\\U' + r.toString(16).padStart(8, '0')
}

/** strconv.Quote of Go string bytes (result as display text). */
export function quoteString(bytes: string): string {
  let out = '"'
  for (let i = 0; i < bytes.length;) {
    const [r, w] = decodeRune(bytes, i)
    if (r === 0xfffd && w === 1) {
      out += '\\x' + bytes.charCodeAt(i).toString(16).padStart(2, '0')
    } else out += escRune(r, '"')
    i += w
  }
  return out + '"'
}

function quoteRune(r: number): string {
  return "'" + escRune(validRune(r), "'") + "'"
}

// ---- floats ----

/** Shortest decimal digits and exponent that read back as v (float32 when bits = 32). */
function shortest(v: number, bits: number): { d: string; e: number } {
  let s: string
  if (bits === 32) {
    // the shortest digits that read back as the same float32, rounded half to even from the
    // exact value (as strconv does)
    const x = exactDecimal(v)
    for (let p = 1; p <= 9; p++) {
      const r = roundDigits(x.d, x.e, p)
      const t = r.d[0] + '.' + (r.d.slice(1) || '0') + 'e' + r.e
      if (Math.fround(Number(t)) === v) return { d: r.d.replace(/0+$/, '') || '0', e: r.e }
    }
    s = v.toExponential(8)
  } else s = v.toExponential()
  const [m, e] = s.split('e')
  return { d: m.replace('.', '').replace('-', ''), e: Number(e) }
}

/** The exact decimal value of a finite non-negative double: digits (no leading zeros, '0' for 0)
 *  and the exponent of the first digit (value = 0.d1d2… × 10^(e+1)). */
function exactDecimal(a: number): { d: string; e: number } {
  if (a === 0) return { d: '0', e: 0 }
  const buf = new DataView(new ArrayBuffer(8))
  buf.setFloat64(0, a)
  const hi = buf.getUint32(0)
  const lo = buf.getUint32(4)
  const bexp = (hi >>> 20) & 0x7ff
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo)
  let exp: number
  if (bexp === 0) exp = -1074
  else {
    mant |= 1n << 52n
    exp = bexp - 1075
  }
  let digits: string
  let point: number // digits after the decimal point
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString()
    point = 0
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString()
    point = -exp
  }
  const e = digits.length - point - 1
  return { d: digits.replace(/0+$/, '') || '0', e }
}

/** Round digits d (value 0.d × 10^(e+1)) to n significant digits, half to even, as strconv. */
function roundDigits(d: string, e: number, n: number): { d: string; e: number } {
  if (n < 0) return { d: '', e }
  if (d.length <= n) return { d: d.padEnd(n, '0'), e }
  const keep = d.slice(0, n)
  const rest = d.slice(n)
  let up: boolean
  if (rest[0] > '5') up = true
  else if (rest[0] < '5') up = false
  else if (/[1-9]/.test(rest.slice(1))) up = true
  else up = n > 0 && Number(keep[n - 1]) % 2 === 1
  if (!up) return { d: keep, e }
  // add one to the kept digits
  const arr = keep.split('').map(Number)
  let i = arr.length - 1
  while (i >= 0) {
    if (arr[i] < 9) {
      arr[i]++
      break
    }
    arr[i] = 0
    i--
  }
  if (i < 0)
    return {
      d:
        '1' +
        arr
          .join('')
          .slice(0, Math.max(0, n - 1))
          .padEnd(Math.max(0, n - 1), '0') +
        (n === 0 ? '' : ''),
      e: e + 1,
    }
  return { d: arr.join(''), e }
}

/** %.{prec}f of a non-negative double, exactly as strconv rounds. */
function fixed(a: number, prec: number): string {
  const { d, e } = exactDecimal(a)
  // significant digits needed: those before the point (e+1) plus prec
  const n = e + 1 + prec
  let r: { d: string; e: number }
  if (n < 0) r = { d: '', e }
  else if (n === 0) {
    // only rounding can produce a digit: 0.5 rounds to even (0), above rounds up
    const up = d[0] > '5' || (d[0] === '5' && /[1-9]/.test(d.slice(1)))
    r = up ? { d: '1', e: e + 1 } : { d: '', e }
  } else r = roundDigits(d, e, n)
  let ds = r.d
  const ee = r.e
  // build the number with prec digits after the point
  let intPart: string
  let frac: string
  if (ee < 0) {
    intPart = '0'
    frac = ('0'.repeat(-ee - 1) + ds).padEnd(prec, '0').slice(0, prec)
  } else {
    ds = ds.padEnd(ee + 1 + prec, '0')
    intPart = ds.slice(0, ee + 1) || '0'
    frac = ds.slice(ee + 1, ee + 1 + prec)
  }
  return prec > 0 ? intPart + '.' + frac : intPart
}

/** %.{prec}e of a non-negative double. */
function expo(a: number, prec: number): string {
  const { d, e } = exactDecimal(a)
  if (a === 0) return '0' + (prec > 0 ? '.' + '0'.repeat(prec) : '') + 'e+00'
  const r = roundDigits(d, e, prec + 1)
  const ds = r.d.padEnd(prec + 1, '0')
  return ds[0] + (prec > 0 ? '.' + ds.slice(1) : '') + expStr(r.e)
}

function expStr(e: number): string {
  const a = Math.abs(e)
  return (e < 0 ? 'e-' : 'e+') + (a < 10 ? '0' + a : String(a))
}

function fmtE(d: string, e: number, prec: number): string {
  // d: digits, value = 0.d × 10^(e+1) — i.e. d[0].d[1..] × 10^e
  let s = d[0]
  const rest = prec < 0 ? d.slice(1) : d.slice(1).padEnd(prec, '0').slice(0, prec)
  if (rest.length > 0) s += '.' + rest
  return s + expStr(e)
}

function fmtF(d: string, e: number): string {
  // digits d with the decimal point after e+1 digits
  if (e < 0) return '0.' + '0'.repeat(-e - 1) + d
  if (d.length <= e + 1) return d + '0'.repeat(e + 1 - d.length)
  return d.slice(0, e + 1) + '.' + d.slice(e + 1)
}

/** strconv.FormatFloat(v, verb, prec, bits) without the sign of v handled by the caller. */
function formatFloatAbs(a: number, verb: string, prec: number, bits: number): string {
  if (verb === 'f' || verb === 'F') {
    if (prec < 0) {
      if (a === 0) return '0'
      const { d, e } = shortest(a, bits)
      return fmtF(d, e)
    }
    return fixed(a, prec)
  }
  if (verb === 'e' || verb === 'E') {
    let s: string
    if (prec < 0) {
      if (a === 0) s = '0e+00'
      else {
        const { d, e } = shortest(a, bits)
        s = fmtE(d, e, -1)
      }
    } else s = expo(a, prec)
    return verb === 'E' ? s.toUpperCase() : s
  }
  // 'g'
  let d: string
  let e: number
  if (a === 0) {
    d = '0'
    e = 0
  } else if (prec < 0) {
    ;({ d, e } = shortest(a, bits))
  } else {
    const p = prec === 0 ? 1 : prec
    const x = exactDecimal(a)
    const r = roundDigits(x.d, x.e, p)
    d = r.d.replace(/0+$/, '') || '0'
    e = r.e
  }
  let eprec = prec < 0 ? 6 : prec === 0 ? 1 : prec
  if (prec >= 0 && eprec > d.length && d.length >= e + 1) eprec = d.length
  if (prec < 0) eprec = 6
  let s: string
  if (e < -4 || e >= eprec) s = fmtE(d, e, -1)
  else s = fmtF(d, e)
  return verb === 'G' ? s.toUpperCase() : s
}

function fmtFloat(v: number, bits: number, verb: string, f: Flags): string {
  let prec = f.prec
  if (verb === 'v') verb = 'g'
  if (prec < 0 && (verb === 'f' || verb === 'F' || verb === 'e' || verb === 'E')) prec = 6
  if (Number.isNaN(v)) {
    const s = f.plus ? '+NaN' : f.space ? ' NaN' : 'NaN'
    return pad(s, f)
  }
  if (!Number.isFinite(v)) {
    const s = v > 0 ? (f.plus ? '+Inf' : f.space ? ' Inf' : '+Inf') : '-Inf'
    return pad(s, f)
  }
  const neg = v < 0 || Object.is(v, -0)
  let s = formatFloatAbs(Math.abs(v), verb, prec, bits)
  if (neg) s = '-' + s
  else if (f.plus) s = '+' + s
  else if (f.space) s = ' ' + s
  return padNum(s, f)
}

/** fmt's %v of a float64 (strconv 'g', shortest). */
export function formatFloatV(v: number, bits = 64): string {
  return fmtFloat(v, bits, 'v', noFlags)
}

// ---- values ----

function badVerb(verb: string, t: GoType | null, v: unknown): string {
  if (t === null) return `%!${verb}(<nil>)`
  return `%!${verb}(${typeName(t)}=${printValue(t, v, 'v', noFlags, 0)})`
}

function fmtString(bytes: string, verb: string, f: Flags, t: GoType, v: unknown): string {
  switch (verb) {
    case 'v':
    case 's': {
      let s = bytes
      if (f.prec >= 0) s = truncRunes(s, f.prec)
      return pad(display(s), f)
    }
    case 'q':
      return pad(quoteString(bytes), f)
    case 'x':
    case 'X': {
      let out = ''
      for (let i = 0; i < bytes.length; i++) {
        if (f.space && i > 0) out += ' '
        if (f.sharp && (f.space || i === 0)) out += verb === 'X' ? '0X' : '0x'
        const h = bytes.charCodeAt(i).toString(16).padStart(2, '0')
        out += verb === 'X' ? h.toUpperCase() : h
      }
      return pad(out, f)
    }
    default:
      return badVerb(verb, t, v)
  }
}

function truncRunes(s: string, n: number): string {
  let i = 0
  for (let k = 0; k < n && i < s.length; k++) i += decodeRune(s, i)[1]
  return s.slice(0, i)
}

/** Output text: bytes decoded as UTF-8. */
function display(bytes: string): string {
  let out = ''
  for (let i = 0; i < bytes.length;) {
    const [r, w] = decodeRune(bytes, i)
    out += String.fromCodePoint(r)
    i += w
  }
  return out
}

function printValue(t: GoType, v: unknown, verb: string, f: Flags, depth: number): string {
  const k = t.kind
  if (verb === 'T') return pad(typeName(t), f)
  if (verb === 'p') {
    if (k === 'pointer' || k === 'slice' || k === 'unsafe.Pointer') {
      const a = addressOf(t, v)
      return padNum(f.sharp ? a.toString(16) : hexAddr(a), f)
    }
    return badVerb(verb, t, v)
  }
  if (k === 'bool') {
    if (verb === 'v' || verb === 't') return pad(v ? 'true' : 'false', f)
    return badVerb(verb, t, v)
  }
  if (isIntKind(k)) {
    const x = v as bigint
    switch (verb) {
      case 'v':
      case 'd':
        return fmtInteger(x, isUnsignedKind(k), 10, 'd', f)
      case 'b':
        return fmtInteger(x, isUnsignedKind(k), 2, verb, f)
      case 'o':
      case 'O':
        return fmtInteger(x, isUnsignedKind(k), 8, verb, f)
      case 'x':
      case 'X':
        return fmtInteger(x, isUnsignedKind(k), 16, verb, f)
      case 'c':
      case 'q':
      case 'U':
        return fmtInteger(x, isUnsignedKind(k), 16, verb, f)
      default:
        return badVerb(verb, t, v)
    }
  }
  if (k === 'float32' || k === 'float64') {
    const bits = k === 'float32' ? 32 : 64
    switch (verb) {
      case 'v':
      case 'g':
      case 'G':
      case 'e':
      case 'E':
      case 'f':
      case 'F':
        return fmtFloat(v as number, bits, verb, f)
      default:
        return badVerb(verb, t, v)
    }
  }
  if (k === 'string') return fmtString(sv(v), verb, f, t, v)
  if (k === 'pointer' || k === 'unsafe.Pointer') {
    if (v === null) {
      if (verb === 'v') return pad('<nil>', f)
      if (verb === 'x' || verb === 'X' || verb === 'd') return fmtInteger(0n, true, 16, verb, f)
      return badVerb(verb, t, v)
    }
    const p = v as Ptr
    const e = t.elem
    if (depth === 0 && e !== undefined && (e.kind === 'struct' || e.kind === 'array' || e.kind === 'slice')) {
      if (verb === 'v' || verb === 'd' || verb === 's' || verb === 'x' || verb === 'q')
        return '&' + printValue(e, p.c[p.i], verb, f, depth + 1)
    }
    const a = p.addr
    if (verb === 'v') return padNum(hexAddr(a), f)
    if (verb === 'x' || verb === 'X' || verb === 'd' || verb === 'o' || verb === 'b')
      return fmtInteger(BigInt(a), true, verb === 'd' ? 10 : verb === 'o' ? 8 : verb === 'b' ? 2 : 16, verb, {
        ...f,
        sharp: verb === 'x' || verb === 'X' ? !f.sharp : f.sharp,
      })
    return badVerb(verb, t, v)
  }
  if (k === 'slice' || k === 'array') {
    const e = t.elem!
    let items: unknown[]
    if (k === 'slice') {
      if (v === null) items = []
      else {
        const s = v as Slice
        items = []
        for (let i = 0; i < s.len; i++) items.push(elemAt(s.arr, s.off + i, e))
      }
    } else {
      const a = v as unknown[]
      items = []
      for (let i = 0; i < t.len!; i++) items.push(elemAt(a, i, e))
    }
    if (e.kind === 'uint8' && (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X')) {
      const bytes = items.map((b) => String.fromCharCode(Number(b))).join('')
      return fmtString(bytes, verb, f, t, v)
    }
    const parts = items.map((x) => printValue(e, x, verb, f, depth + 1))
    return '[' + parts.join(' ') + ']'
  }
  if (k === 'struct') {
    const fs = t.fields!
    const a = v as unknown[]
    const parts = fs.map((fd, i) => {
      const s = printValue(fd.type, a[i], verb, f, depth + 1)
      return f.plusV ? fd.name + ':' + s : s
    })
    return '{' + parts.join(' ') + '}'
  }
  if (k === 'interface') {
    if (v === null) return pad('<nil>', f)
  }
  if (v === null) return pad('<nil>', f)
  return badVerb(verb, t, v)
}

/** One operand as Println prints it (%v). */
export function formatV(a: Arg): string {
  return printValue(a.t, a.v, 'v', noFlags, 0)
}

export function sprintln(args: Arg[]): string {
  return args.map(formatV).join(' ') + '\n'
}

export function sprint(args: Arg[]): string {
  let out = ''
  for (let i = 0; i < args.length; i++) {
    const isStr = args[i].t.kind === 'string'
    if (i > 0 && !isStr && args[i - 1].t.kind !== 'string') out += ' '
    out += formatV(args[i])
  }
  return out
}

/** fmt.Sprintf. The result is display text (UTF-16); the caller re-encodes it. */
export function sprintf(format: string, args: Arg[]): string {
  let out = ''
  let argi = 0
  const n = format.length
  let i = 0
  while (i < n) {
    const c = format[i]
    if (c !== '%') {
      // copy the run of literal bytes, decoded
      let j = i
      while (j < n && format[j] !== '%') j++
      out += display(format.slice(i, j))
      i = j
      continue
    }
    i++
    if (i >= n) {
      out += '%!(NOVERB)'
      break
    }
    const f: Flags = { ...noFlags }
    for (; i < n; i++) {
      const ch = format[i]
      if (ch === '-') {
        f.minus = true
        f.zero = false
      } else if (ch === '+') f.plus = true
      else if (ch === '#') f.sharp = true
      else if (ch === ' ') f.space = true
      else if (ch === '0') f.zero = !f.minus
      else break
    }
    // width
    if (format[i] === '*') {
      i++
      const a = args[argi++]
      if (a !== undefined && isIntKind(a.t.kind)) {
        let w = Number(a.v as bigint)
        if (w < 0) {
          f.minus = true
          f.zero = false
          w = -w
        }
        f.width = w
      } else out += '%!(BADWIDTH)'
    } else {
      let w = ''
      while (i < n && format[i] >= '0' && format[i] <= '9') w += format[i++]
      if (w !== '') f.width = Number(w)
    }
    if (format[i] === '.') {
      i++
      if (format[i] === '*') {
        i++
        const a = args[argi++]
        if (a !== undefined && isIntKind(a.t.kind)) f.prec = Math.max(0, Number(a.v as bigint))
        else out += '%!(BADPREC)'
      } else {
        let p = ''
        while (i < n && format[i] >= '0' && format[i] <= '9') p += format[i++]
        f.prec = p === '' ? 0 : Number(p)
      }
    }
    if (i >= n) {
      out += '%!(NOVERB)'
      break
    }
    const [r, w] = decodeRune(format, i)
    const verb = String.fromCodePoint(r)
    i += w
    if (verb === '%') {
      out += '%'
      continue
    }
    const a = args[argi++]
    if (a === undefined) {
      out += `%!${verb}(MISSING)`
      continue
    }
    if (verb === 'v' && f.plus) {
      f.plus = false
      f.plusV = true
    }
    if (verb === 'v' && f.sharp) {
      out += '%!v(#v unsupported)'
      continue
    }
    out += printValue(a.t, a.v, verb, f, 0)
  }
  if (argi < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argi)
        .map((a) => typeName(a.t) + '=' + formatV(a))
        .join(', ') +
      ')'
  }
  return out
}

/** Go string bytes of display text. */
export function toBytes(text: string): string {
  let out = ''
  for (const ch of text) out += runeBytes(ch.codePointAt(0)!)
  return out
}

export { HStr }
