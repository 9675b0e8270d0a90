// values.ts — how the interpreter holds Go values.
//
//   integers   bigint (every width; wrapped to the type's width after each operation)
//   floats     number (float32 rounded with Math.fround)
//   bool       boolean
//   string     a JS string of bytes (each char code 0..255 is one byte of the UTF-8 text), or an
//              HStr when its bytes live in a heap object (concatenation, conversions, Sprintf)
//   pointer    Ptr (a location: container + index) or null for nil
//   slice      Slice (backing JS array + offset/len/cap) or null for nil
//   array      JS array of element values
//   struct     JS array of field values, in declaration order
//
// A Go value the program holds is at most one JS object; simulated heap bytes are never stored.
// Backing arrays of scalar elements are holey JS arrays: a hole reads as the zero value, so
// make([]byte, 1<<20) costs nothing until written.

import type { GoType } from '@go-alloc/gotypes'

/** A heap object the interpreter created through GoHeap. */
export interface HeapObj {
  addr: number
  /** Bytes requested (the type's size × count). */
  size: number
  /** Number of variables (locals, parameters, globals) whose value points into this object. */
  roots: number
  /** Does the simulator still count it as referenced by the program (not yet dropped)? */
  rooted: boolean
  /** Pointerful object (writePointer allowed). */
  scan: boolean
  /** The object's contents as one Go value (for new/&T{}): box[0]. */
  box: unknown[]
}

/** A location holding one Go value: c[i]. h/off: the heap object and byte offset, if in the heap. */
export class Ptr {
  c: unknown[]
  i: number
  h: HeapObj | null
  off: number
  /** Address shown by %p for a location outside the simulated heap (a variable). */
  fake: number
  constructor(c: unknown[], i: number, h: HeapObj | null, off: number, fake = 0) {
    this.c = c
    this.i = i
    this.h = h
    this.off = off
    this.fake = fake
  }
  get addr(): number {
    return this.h !== null ? this.h.addr + this.off : this.fake
  }
}

export class Slice {
  arr: unknown[]
  off: number
  len: number
  cap: number
  h: HeapObj | null
  /** Byte offset of arr[0] inside h (or a fake base address when h is null). */
  hoff: number
  constructor(arr: unknown[], off: number, len: number, cap: number, h: HeapObj | null, hoff: number) {
    this.arr = arr
    this.off = off
    this.len = len
    this.cap = cap
    this.h = h
    this.hoff = hoff
  }
}

/** A string whose bytes are in a heap object. */
export class HStr {
  s: string
  h: HeapObj
  hoff: number
  constructor(s: string, h: HeapObj, hoff: number) {
    this.s = s
    this.h = h
    this.hoff = hoff
  }
}

export type GoString = string | HStr

export function sv(x: unknown): string {
  return typeof x === 'string' ? x : (x as HStr).s
}

// ---- UTF-8 (no TextEncoder in the core lib) ----

/** JS text → Go string bytes. */
export function utf8Encode(text: string): string {
  let out = ''
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    out += runeBytes(c)
  }
  return out
}

/** The UTF-8 bytes of one rune (invalid runes → U+FFFD, as Go's string(rune)). */
export function runeBytes(c: number): string {
  if (c < 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) c = 0xfffd
  if (c < 0x80) return String.fromCharCode(c)
  if (c < 0x800) return String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 63))
  if (c < 0x10000) return String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63))
  return String.fromCharCode(
    0xf0 | (c >> 18),
    0x80 | ((c >> 12) & 63),
    0x80 | ((c >> 6) & 63),
    0x80 | (c & 63),
  )
}

/** Decode one rune at byte i, as Go's range over a string: [rune, width]; bad bytes → [0xFFFD, 1]. */
export function decodeRune(s: string, i: number): [number, number] {
  const b0 = s.charCodeAt(i)
  if (b0 < 0x80) return [b0, 1]
  const n = s.length
  const cont = (k: number): number => {
    if (i + k >= n) return -1
    const b = s.charCodeAt(i + k)
    return (b & 0xc0) === 0x80 ? b & 63 : -1
  }
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const b1 = cont(1)
    if (b1 < 0) return [0xfffd, 1]
    return [((b0 & 31) << 6) | b1, 2]
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const b1 = cont(1)
    if (b1 < 0) return [0xfffd, 1]
    if ((b0 === 0xe0 && b1 < 0x20) || (b0 === 0xed && b1 >= 0x20)) return [0xfffd, 1]
    const b2 = cont(2)
    if (b2 < 0) return [0xfffd, 1]
    return [((b0 & 15) << 12) | (b1 << 6) | b2, 3]
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const b1 = cont(1)
    if (b1 < 0) return [0xfffd, 1]
    if ((b0 === 0xf0 && b1 < 0x10) || (b0 === 0xf4 && b1 >= 0x10)) return [0xfffd, 1]
    const b2 = cont(2)
    if (b2 < 0) return [0xfffd, 1]
    const b3 = cont(3)
    if (b3 < 0) return [0xfffd, 1]
    return [((b0 & 7) << 18) | (b1 << 12) | (b2 << 6) | b3, 4]
  }
  return [0xfffd, 1]
}

/** Go string bytes → JS text for display (invalid sequences become U+FFFD). */
export function utf8Decode(s: string): string {
  let out = ''
  for (let i = 0; i < s.length;) {
    const [r, w] = decodeRune(s, i)
    out += String.fromCodePoint(r)
    i += w
  }
  return out
}

// ---- integers ----

export function isIntKind(k: string): boolean {
  return (
    k === 'int' ||
    k === 'int8' ||
    k === 'int16' ||
    k === 'int32' ||
    k === 'int64' ||
    k === 'uint' ||
    k === 'uint8' ||
    k === 'uint16' ||
    k === 'uint32' ||
    k === 'uint64' ||
    k === 'uintptr'
  )
}

export function isUnsignedKind(k: string): boolean {
  return k[0] === 'u' && k !== 'unsafe.Pointer'
}

export function isFloatKind(k: string): boolean {
  return k === 'float32' || k === 'float64'
}

const widths: Record<string, number> = {
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
  uintptr: 64,
}

export function intBits(k: string): number {
  return widths[k] ?? 64
}

/** Wrap v to the width of integer kind k (two's complement), as Go's arithmetic does. */
export function wrapInt(k: string, v: bigint): bigint {
  const w = widths[k]
  return isUnsignedKind(k) ? BigInt.asUintN(w, v) : BigInt.asIntN(w, v)
}

export function intFits(k: string, v: bigint): boolean {
  return wrapInt(k, v) === v
}

// ---- zero values and copies ----

export function zeroValue(t: GoType): unknown {
  switch (t.kind) {
    case 'bool':
      return false
    case 'float32':
    case 'float64':
      return 0
    case 'string':
      return ''
    case 'array': {
      const n = t.len!
      const e = t.elem!
      if (isScalar(e)) return new Array(n)
      const a = new Array(n)
      for (let i = 0; i < n; i++) a[i] = zeroValue(e)
      return a
    }
    case 'struct':
      return t.fields!.map((f) => zeroValue(f.type))
    case 'pointer':
    case 'slice':
    case 'map':
    case 'chan':
    case 'func':
    case 'interface':
    case 'unsafe.Pointer':
      return null
    default:
      if (isIntKind(t.kind)) return 0n
      return null
  }
}

/** Kinds whose values are immutable JS primitives or references (no copy needed). */
export function isScalar(t: GoType): boolean {
  return t.kind !== 'array' && t.kind !== 'struct'
}

/** Read element i of a backing array: a hole is the zero value (materialised for composites). */
export function elemAt(arr: unknown[], i: number, t: GoType): unknown {
  const v = arr[i]
  if (v !== undefined) return v
  const z = zeroValue(t)
  if (!isScalar(t)) arr[i] = z
  return z
}

/** A copy of value v of type t (structs and arrays are copied; everything else is shared). */
export function copyValue(t: GoType, v: unknown): unknown {
  if (t.kind === 'struct') {
    const fs = t.fields!
    const a = v as unknown[]
    const out = new Array(fs.length)
    for (let i = 0; i < fs.length; i++) out[i] = copyValue(fs[i].type, a[i])
    return out
  }
  if (t.kind === 'array') {
    const a = v as unknown[]
    const e = t.elem!
    if (isScalar(e)) return a.slice()
    const out = new Array(a.length)
    for (let i = 0; i < a.length; i++) out[i] = copyValue(e, elemAt(a, i, e))
    return out
  }
  return v
}
