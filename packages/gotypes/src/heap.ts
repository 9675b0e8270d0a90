// heap.ts — allocation that speaks Go, on top of the core's Runtime.
//
// Design. Each helper does what the Go runtime function behind a Go construct does, then calls
// `rt.malloc` with the byte count and noscan bit that function would pass to mallocgc, and
// appends an AllocRecord (source line, construct, type, requested bytes → slot, class, span,
// address, Go function):
//   new(T), &T{…}         runtime.newobject: mallocgc(size(T), T)
//   make([]T, len, cap)    runtime.makeslice: mallocgc(cap × size(T), T) (no rounding of cap)
//   []T{a, b, c}           a backing array of the literal's length, like newarray
//   append past cap        runtime.growslice: nextSliceCap, then roundupsize of the byte size,
//                          cap = rounded / size(T), mallocgc(cap × size(T))
//   a + b (strings)        runtime.concatstrings: no allocation when the result is empty or only
//                          one operand is non-empty (that operand is returned as is); otherwise
//                          rawstring: mallocgc(total, noscan) — tiny when < 16 bytes
//   []byte(s)              runtime.stringtoslicebyte → rawbyteslice: cap = roundupsize(len(s),
//                          noscan), mallocgc(cap, noscan); so cap([]byte(s)) can exceed len
//   string(b)              runtime.slicebytetostring: "" for 0 bytes, a pointer into the
//                          runtime's static table for 1 byte (no allocation), else mallocgc(n, noscan)
// Zero-size requests return the core's `zerobase` and are recorded with kind 'zero'.
//
// Simplifications: every value is placed on the heap as if it escapes. For the string
// conversions and concatenation Go uses a 32-byte buffer on the caller's stack when the result
// does not escape (and the compiler may skip []byte(s) copies entirely); an escaping result, which
// is what these helpers model, always takes the paths above. No escape analysis is done here; a
// program whose values stay on the stack in real Go will show heap allocations here that Go does
// not make. Element values are not stored: the caller (the interpreter) keeps them and tells the
// Runtime about pointers with writePointer/drop.

import { type Runtime, roundupsize, zerobase } from '@go-alloc/core'
import { type MallocPlan, nextSliceCap, planBytes, roundSliceCap } from './malloc.ts'
import { type GoType, typeString, sourceString, hasPointers } from './types.ts'

export interface AllocRecord {
  /** Source line of the construct (1-based; 0 if unknown). */
  line: number
  /** The construct, in source form: 'new(Node)', 'make([]int, 3, 10)', '[]int{…}', 'append',
   *  'string concat', '[]byte(s)', 'string(b)', or what the caller passed ('&Node{…}'). */
  what: string
  /** Go type of the allocated object as %T prints it ('main.Node', '[10]int', 'string'). */
  type: string
  /** Bytes requested from mallocgc. */
  size: number
  /** Slot size in bytes (16 for a tiny block, the span bytes for a large object, 0 for zero). */
  slot: number
  sizeclass: number
  spanclass: number
  /** Base address of the span (0 for zero-size). */
  span: number
  /** The address the program gets (slot + 8 with a malloc header; inside the block for tiny). */
  addr: number
  /** Start of the slot (or tiny block) holding it. */
  slotAddr: number
  /** The Go function that allocated it under the runtime's Go version. */
  fn: string
  kind: MallocPlan['kind']
  noscan: boolean
  header: boolean
}

/** A Go run-time panic raised by a helper (message as Go prints it after "panic: "). */
export class GoRuntimeError extends Error {
  constructor(message: string) {
    super(`runtime error: ${message}`)
    this.name = 'GoRuntimeError'
  }
}

function checkCount(v: unknown, name: string): asserts v is number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw new RangeError(`${name} must be a non-negative integer, got ${String(v)}`)
}

function checkLine(line: unknown): asserts line is number {
  if (typeof line !== 'number' || !Number.isInteger(line) || line < 0)
    throw new RangeError(`line must be a non-negative integer, got ${String(line)}`)
}

function checkType(t: unknown, name: string): asserts t is GoType {
  if (t === null || typeof t !== 'object' || typeof (t as GoType).size !== 'number')
    throw new TypeError(`${name} must be a GoType`)
}

const maxAlloc = 2 ** 48

export class GoHeap {
  readonly rt: Runtime
  readonly records: AllocRecord[] = []

  constructor(rt: Runtime) {
    if (rt === null || typeof rt !== 'object' || typeof (rt as Runtime).malloc !== 'function')
      throw new TypeError('GoHeap: rt must be a Runtime')
    this.rt = rt
  }

  /** new(T) (and &T{…} with what = '&T{…}'): the object's address. */
  new(t: GoType, line: number, what?: string): number {
    checkType(t, 't')
    checkLine(line)
    return this.alloc(t.size, !hasPointers(t), line, what ?? `new(${sourceString(t)})`, typeString(t))
  }

  /** make([]T, len, cap): the backing array's address (zerobase when cap × size is 0). */
  makeSlice(elem: GoType, len: number, cap: number, line: number): number {
    checkType(elem, 'elem')
    checkLine(line)
    if (typeof len !== 'number' || !Number.isInteger(len))
      throw new TypeError(`len must be an integer, got ${String(len)}`)
    if (typeof cap !== 'number' || !Number.isInteger(cap))
      throw new TypeError(`cap must be an integer, got ${String(cap)}`)
    // runtime.makeslice: overflow or too large → "len out of range" unless only cap is at fault.
    const tooBig = (n: number) => n < 0 || n * elem.size > maxAlloc
    if (tooBig(cap) || len < 0 || len > cap) {
      if (len < 0 || tooBig(len)) throw new GoRuntimeError('makeslice: len out of range')
      throw new GoRuntimeError('makeslice: cap out of range')
    }
    const ts = typeString(elem)
    return this.alloc(
      cap * elem.size,
      !hasPointers(elem),
      line,
      `make([]${ts}, ${len}, ${cap})`,
      `[${cap}]${ts}`,
    )
  }

  /** A slice literal []T{…} of n elements: its backing array. */
  sliceLiteral(elem: GoType, n: number, line: number): number {
    checkType(elem, 'elem')
    checkCount(n, 'n')
    checkLine(line)
    const ts = typeString(elem)
    return this.alloc(n * elem.size, !hasPointers(elem), line, `[]${sourceString(elem)}{…}`, `[${n}]${ts}`)
  }

  /**
   * append that does not fit: runtime.growslice for a slice of `elem` with length oldLen and
   * capacity oldCap growing to newLen. Returns the new backing array and its capacity.
   */
  growslice(
    elem: GoType,
    oldLen: number,
    oldCap: number,
    newLen: number,
    line: number,
  ): { addr: number; cap: number } {
    checkType(elem, 'elem')
    checkCount(oldLen, 'oldLen')
    checkCount(oldCap, 'oldCap')
    checkCount(newLen, 'newLen')
    checkLine(line)
    if (oldLen > oldCap) throw new RangeError(`oldLen (${oldLen}) must not exceed oldCap (${oldCap})`)
    if (newLen <= oldCap)
      throw new RangeError(`newLen (${newLen}) must exceed oldCap (${oldCap}): append fits without growing`)
    if (elem.size === 0) return { addr: zerobase, cap: newLen }
    const want = nextSliceCap(newLen, oldCap)
    if (want * elem.size > maxAlloc) throw new GoRuntimeError('growslice: len out of range')
    const cap = roundSliceCap(want, elem, this.rt.goVersion)
    const ts = typeString(elem)
    const addr = this.alloc(cap * elem.size, !hasPointers(elem), line, 'append', `[${cap}]${ts}`)
    return { addr, cap }
  }

  /** A string's bytes (runtime.rawstring): noscan, tiny below 16 bytes. 0 bytes: nothing, 0. */
  allocString(nbytes: number, line: number, what: string): number {
    checkCount(nbytes, 'nbytes')
    checkLine(line)
    if (typeof what !== 'string') throw new TypeError('what must be a string')
    if (nbytes === 0) return 0
    return this.alloc(nbytes, true, line, what, 'string')
  }

  /**
   * s0 + s1 + … (runtime.concatstrings) for operands of these byte lengths. `reuse` is the index
   * of the operand returned as is when it is the only non-empty one (no allocation); `addr` is 0
   * when nothing was allocated.
   */
  concatStrings(
    lengths: readonly number[],
    line: number,
  ): { addr: number; len: number; reuse: number | null } {
    if (!Array.isArray(lengths)) throw new TypeError('lengths must be an array of byte lengths')
    lengths.forEach((n, i) => checkCount(n, `lengths[${i}]`))
    checkLine(line)
    let total = 0
    let count = 0
    let idx = -1
    lengths.forEach((n, i) => {
      if (n === 0) return
      total += n
      count++
      idx = i
    })
    if (count === 0) return { addr: 0, len: 0, reuse: null }
    if (count === 1) return { addr: 0, len: total, reuse: idx }
    return { addr: this.alloc(total, true, line, 'string concat', 'string'), len: total, reuse: null }
  }

  /** []byte(s) for a string of n bytes (rawbyteslice): the array and its (rounded-up) cap. */
  stringToBytes(n: number, line: number): { addr: number; cap: number } {
    checkCount(n, 'n')
    checkLine(line)
    if (n === 0) return { addr: zerobase, cap: 0 }
    const cap = n <= maxAlloc ? roundupsize(n, true, this.rt.goVersion) : n
    return { addr: this.alloc(cap, true, line, '[]byte(s)', `[${cap}]uint8`), cap }
  }

  /** string(b) for n bytes (slicebytetostring): 0 when nothing is allocated (n ≤ 1). */
  bytesToString(n: number, line: number): number {
    checkCount(n, 'n')
    checkLine(line)
    if (n <= 1) return 0
    return this.alloc(n, true, line, 'string(b)', 'string')
  }

  private alloc(size: number, noscan: boolean, line: number, what: string, type: string): number {
    if (size > maxAlloc) throw new RangeError(`size ${size} exceeds maxAlloc (2^48)`)
    const plan = planBytes(size, noscan, this.rt.goVersion, { greenTea: this.rt.greenTea })
    const addr = this.rt.malloc(size, { noscan })
    let span = 0
    let slotAddr = addr
    if (size > 0) {
      const s = this.rt.spanOf(addr)
      if (s !== null) {
        span = s.base
        slotAddr = s.base + Math.floor((addr - s.base) / s.elemsize) * s.elemsize
      }
    }
    this.records.push({
      line,
      what,
      type,
      size,
      slot: plan.slot,
      sizeclass: plan.sizeclass,
      spanclass: plan.spanclass,
      span,
      addr,
      slotAddr,
      fn: plan.fn,
      kind: plan.kind,
      noscan,
      header: plan.header,
    })
    return addr
  }
}
