// heap.ts — the interpreter's side of the simulated heap: which objects the program still holds.
//
// Go's collector finds roots by scanning stacks and globals and follows pointers through object
// memory. The simulator (@go-alloc/core) instead keeps one "referenced by the program" bit per
// object (set by malloc, cleared by drop) and the pointers written with writePointer. This file
// drives both from the interpreter's values:
//
//   roots     every heap object counts the variables (locals, parameters, globals) whose value
//             points into it (directly: a pointer, a slice's backing array, a string's bytes,
//             also inside struct and array variables). When the count falls to 0 the object is
//             queued; at the end of the statement that queued it (once the value is no longer in
//             flight) it is dropped if the count is still 0. An object held again by a variable
//             after it was dropped (loaded through a pointer field) is marked referenced again.
//   pointers  every store of a pointerful value into a heap object writes its pointer words with
//             writePointer (0 for nil, for pointers to variables and for static strings).
//
// So runtime.GC() frees what Go would free, with one difference: Go's liveness analysis ends a
// local's life at its last use, while here a local holds its objects until its scope ends.

import type { Runtime } from '@go-alloc/core'
import type { GoType } from '@go-alloc/gotypes'
import { findSlot, setTinyRoot } from '../../core/src/heapgraph.ts'
import { HStr, Ptr, Slice, elemAt, type HeapObj } from './values.ts'

export class Roots {
  readonly rt: Runtime
  /** Objects whose root count fell to 0 or that were just allocated (not yet held). */
  temps: HeapObj[] = []
  constructor(rt: Runtime) {
    this.rt = rt
  }

  /** A new heap object (just returned by malloc: referenced until released). */
  obj(addr: number, size: number, scan: boolean, box: unknown[]): HeapObj {
    const h: HeapObj = { addr, size, roots: 0, rooted: addr !== 0 && size > 0, scan, box }
    if (h.rooted) this.temps.push(h)
    return h
  }

  hold(h: HeapObj): void {
    h.roots++
    if (!h.rooted && h.size > 0 && h.addr !== 0) {
      reroot(this.rt, h)
      h.rooted = true
    }
  }

  unhold(h: HeapObj): void {
    if (--h.roots === 0) this.temps.push(h)
  }

  /** Drop the queued objects from index `mark` on that no variable holds. */
  release(mark: number): void {
    const t = this.temps
    for (let i = mark; i < t.length; i++) {
      const h = t[i]
      if (h.roots === 0 && h.rooted) {
        h.rooted = false
        this.rt.drop(h.addr)
      }
    }
    t.length = mark
  }

  /** The variable now holds value v of type t. */
  retain(t: GoType, v: unknown): void {
    if (t.ptrdata === 0 || v === null || v === undefined) return
    eachRef(t, v, this.holdFn)
  }

  /** The variable no longer holds value v of type t. */
  drop(t: GoType, v: unknown): void {
    if (t.ptrdata === 0 || v === null || v === undefined) return
    eachRef(t, v, this.unholdFn)
  }

  private holdFn = (h: HeapObj): void => this.hold(h)
  private unholdFn = (h: HeapObj): void => this.unhold(h)

  /** Store value v of type t at byte offset off of heap object h: write its pointer words. */
  writeWords(h: HeapObj, off: number, t: GoType, v: unknown): void {
    if (t.ptrdata === 0 || !h.scan || h.addr === 0) return
    const rt = this.rt
    switch (t.kind) {
      case 'pointer':
      case 'slice':
      case 'string':
        rt.writePointer(h.addr, off, target(t, v))
        return
      case 'struct': {
        const fs = t.fields!
        const a = v as unknown[]
        for (let i = 0; i < fs.length; i++) {
          const f = fs[i]
          if (f.type.ptrdata > 0) this.writeWords(h, off + f.offset, f.type, a[i])
        }
        return
      }
      case 'array': {
        const e = t.elem!
        const a = v as unknown[]
        for (let i = 0; i < t.len!; i++) this.writeWords(h, off + i * e.size, e, elemAt(a, i, e))
        return
      }
      default:
        // interfaces, maps, channels, funcs: only nil values exist in the subset
        for (let w = 0; w < t.ptrdata; w += 8) rt.writePointer(h.addr, off + w, 0)
    }
  }
}

/** The address a pointer word holds for value v (0 when it points outside the heap). */
export function target(t: GoType, v: unknown): number {
  if (v === null || v === undefined) return 0
  if (v instanceof Ptr) {
    const h = v.h
    if (h === null || h.addr === 0 || h.size === 0) return 0
    return h.addr + Math.min(v.off, h.size - 1)
  }
  if (v instanceof Slice) {
    const h = v.h
    if (h === null || h.addr === 0 || h.size === 0) return 0
    const off = v.hoff + v.off * t.elem!.size
    return off < h.size ? h.addr + off : h.addr + v.hoff
  }
  if (v instanceof HStr) {
    const h = v.h
    if (h.addr === 0 || h.size === 0) return 0
    return h.addr + Math.min(v.hoff, h.size - 1)
  }
  return 0
}

/** Call f for every heap object value v (of type t) points into directly. */
export function eachRef(t: GoType, v: unknown, f: (h: HeapObj) => void): void {
  if (v === null || v === undefined) return
  switch (t.kind) {
    case 'pointer':
      if ((v as Ptr).h !== null) f((v as Ptr).h!)
      return
    case 'slice':
      if ((v as Slice).h !== null) f((v as Slice).h!)
      return
    case 'string':
      if (v instanceof HStr) f(v.h)
      return
    case 'struct': {
      const fs = t.fields!
      const a = v as unknown[]
      for (let i = 0; i < fs.length; i++) if (fs[i].type.ptrdata > 0) eachRef(fs[i].type, a[i], f)
      return
    }
    case 'array': {
      const e = t.elem!
      const a = v as unknown[]
      for (let i = 0; i < a.length; i++) if (a[i] !== undefined) eachRef(e, a[i], f)
      return
    }
  }
}

/**
 * Mark an object the program dropped as referenced again (it was loaded from a pointer field
 * into a variable). The core has no public call for this; it is the inverse of drop.
 */
function reroot(rt: Runtime, h: HeapObj): void {
  const o = findSlot(rt, h.addr)
  if (o === null) return
  if (o.span.spanclass >>> 1 === 2 && (o.span.spanclass & 1) === 1 && h.size < 16) {
    setTinyRoot(o.span, o.index, h.addr - o.slot)
  } else o.span.rootBits[o.index >>> 5] |= 1 << (o.index & 31)
}
