// heapgraph.ts — what the program still references: roots and the pointers between objects.
//
// Go has no such structure: the collector finds roots by scanning goroutine stacks and global
// variables, and finds pointers by reading object memory through the type's pointer bitmap
// (mbitmap.go). The simulator has no program and no memory contents, so it keeps the same
// information in compact form:
//
//   roots     every object the program allocated is referenced until drop(addr). One bit per
//             slot (mspan.rootBits), set by malloc. Tiny objects share a 16-byte block, so the
//             tiny span class keeps, per block, a 16-bit mask of the offsets still referenced
//             (mspan.tinyRoots); the block's root bit is set while the mask is non-zero. A 16-byte
//             noscan object is a whole block of that class: its mask stays 0 and its root bit
//             alone says it is referenced.
//   pointers  writePointer(obj, offset, target) stores "the word at obj+offset points at
//             target". Pointers are kept per object slot in a hash table (open addressing,
//             typed arrays) whose values are linked lists in a typed-array pool. No JavaScript
//             object is created per simulated object or per pointer.
//
// Pointer bits: the simulator does not know the program's types, so every word of a
// pointerful (scan) object is a pointer word: the slot minus the 8-byte malloc header (Go 1.22,
// objects > 512 B) for small objects, the requested size for large ones. Noscan objects have
// no pointer words, so writing a pointer into one is an error, as is a write outside the object
// or not 8-byte aligned.

import { _PageSize } from './sizeclasses.ts'
import { mallocHeaderSize, tinySpanClass } from './constants.ts'
import { type MSpan, mSpanInUse } from './mspan.ts'
import type { Runtime } from './runtime.ts'
import { awaitsSweep } from './sweepgen.ts'

/** Where an address lies: the span, the slot index, and the slot's base address. */
export interface ObjectRef {
  span: MSpan
  index: number
  slot: number
}

/** Does span s put a malloc header in front of each object (Go 1.22, scan, elemsize > 512)? */
export function spanHasHeaders(rt: Runtime, s: MSpan): boolean {
  return rt.allocHeaders && (s.spanclass & 1) === 0 && s.spanclass >>> 1 !== 0 && s.elemsize > 512
}

/** Bytes of an object that can hold pointers (0 for noscan). */
export function pointerBytes(rt: Runtime, s: MSpan): number {
  if ((s.spanclass & 1) !== 0) return 0
  if (s.spanclass >>> 1 === 0) return s.limit - s.startAddr
  return spanHasHeaders(rt, s) ? s.elemsize - mallocHeaderSize : s.elemsize
}

/** The in-use span and slot holding addr (anywhere inside the slot), or null. */
export function findSlot(rt: Runtime, addr: number): ObjectRef | null {
  const s = rt.mheap_.spanOfHeap(addr)
  if (s === null) return null
  const index = s.objIndex(addr)
  if (index >= s.nelems) return null // in the span's tail (e.g. the 1.22 pointer bitmap)
  return { span: s, index, slot: s.startAddr + index * s.elemsize }
}

/**
 * Is the slot currently holding an object that may still be used? Allocated (below freeindex
 * or allocBits set), and — while its span waits to be swept after a GC — marked by that GC
 * (an unmarked object in an unswept span is already garbage, it just has not been freed yet).
 */
export function slotLive(rt: Runtime, s: MSpan, i: number): boolean {
  if (s.state !== mSpanInUse || !s.isAllocated(i)) return false
  const sg = rt.mheap_.sweepgen
  if (awaitsSweep(s.sweepgen, sg)) return s.isMarked(i)
  return true
}

function setRootBit(s: MSpan, i: number): void {
  s.rootBits[i >>> 5] |= 1 << (i & 31)
}
function clearRootBit(s: MSpan, i: number): void {
  s.rootBits[i >>> 5] &= ~(1 << (i & 31))
}
function rootBit(s: MSpan, i: number): boolean {
  return (s.rootBits[i >>> 5] & (1 << (i & 31))) !== 0
}

/** Record a tiny object at offset `off` of block i as referenced. */
export function setTinyRoot(s: MSpan, i: number, off: number): void {
  let m = s.tinyRoots
  if (m === null) m = s.tinyRoots = new Uint16Array(s.nelems)
  m[i] |= 1 << off
  setRootBit(s, i)
}

/**
 * Is addr an object the program still references (what malloc returned, not yet dropped)?
 * Returns its slot, or a string saying why not.
 */
export function findRoot(rt: Runtime, addr: number): ObjectRef | string {
  const o = findSlot(rt, addr)
  if (o === null) return 'is not inside an in-use span'
  const { span: s, index: i, slot } = o
  if (s.spanclass === tinySpanClass) {
    const off = addr - slot
    const m = s.tinyRoots === null ? 0 : s.tinyRoots[i]
    if (m !== 0) {
      if ((m & (1 << off)) === 0) return 'is not the address of a referenced tiny object'
      return o
    }
    if (off !== 0 || !rootBit(s, i)) return 'is not the address of a referenced object'
    return o
  }
  const want = spanHasHeaders(rt, s) ? slot + mallocHeaderSize : slot
  if (addr !== want)
    return `is inside the object at 0x${want.toString(16)}, not its start (drop takes what malloc returned)`
  if (!rootBit(s, i)) return 'is not referenced by the program (already dropped, or never returned by malloc)'
  return o
}

/** Forget a root found by findRoot. */
export function dropRoot(o: ObjectRef, addr: number): void {
  const s = o.span
  if (s.spanclass === tinySpanClass && s.tinyRoots !== null && s.tinyRoots[o.index] !== 0) {
    const m = (s.tinyRoots[o.index] &= ~(1 << (addr - o.slot)))
    if (m === 0) clearRootBit(s, o.index)
    return
  }
  clearRootBit(s, o.index)
}

const emptyKey = 0
const tombstone = -1

/**
 * The pointers stored in objects: slot base → list of (offset from the slot, target address).
 * Open-addressing hash table over Float64Array keys; list cells in typed-array pools.
 */
export class PtrStore {
  private keys = new Float64Array(64)
  private heads = new Int32Array(64)
  private used = 0 // live keys + tombstones
  /** Objects with at least one pointer. */
  objects = 0
  /** Stored pointers. */
  count = 0
  // pool of list cells
  cellOff: Float64Array<ArrayBuffer> = new Float64Array(64)
  cellTarget: Float64Array<ArrayBuffer> = new Float64Array(64)
  cellNext = new Int32Array(64)
  private freeCell = -1
  private nextCell = 0

  private slotOf(key: number): number {
    const mask = this.keys.length - 1
    let i = hash(key) & mask
    for (;;) {
      const k = this.keys[i]
      if (k === key || k === emptyKey) return i
      i = (i + 1) & mask
    }
  }

  /** First list cell of the object at slot base `key`, or -1. */
  head(key: number): number {
    const i = this.slotOf(key)
    return this.keys[i] === key ? this.heads[i] : -1
  }

  /** The target stored at (key, off), or 0. */
  get(key: number, off: number): number {
    for (let c = this.head(key); c >= 0; c = this.cellNext[c])
      if (this.cellOff[c] === off) return this.cellTarget[c]
    return 0
  }

  /**
   * Store target at (key, off); target 0 clears the word. Returns +1 if the object gained its
   * first pointer, −1 if it lost its last one, else 0.
   */
  set(key: number, off: number, target: number): number {
    const i = this.slotOf(key)
    if (this.keys[i] !== key) {
      if (target === 0) return 0
      if ((this.used + 1) * 2 > this.keys.length) {
        this.rehash(this.keys.length * 2)
        return this.set(key, off, target)
      }
      const c = this.allocCell(off, target, -1)
      this.keys[i] = key
      this.heads[i] = c
      this.used++
      this.objects++
      this.count++
      return 1
    }
    let prev = -1
    for (let c = this.heads[i]; c >= 0; prev = c, c = this.cellNext[c]) {
      if (this.cellOff[c] !== off) continue
      if (target !== 0) {
        this.cellTarget[c] = target
        return 0
      }
      if (prev < 0) this.heads[i] = this.cellNext[c]
      else this.cellNext[prev] = this.cellNext[c]
      this.releaseCell(c)
      this.count--
      if (this.heads[i] < 0) {
        this.keys[i] = tombstone
        this.objects--
        return -1
      }
      return 0
    }
    if (target === 0) return 0
    this.heads[i] = this.allocCell(off, target, this.heads[i])
    this.count++
    return 0
  }

  /** Forget every pointer stored in the object at slot base key (it was freed). */
  deleteObject(key: number): boolean {
    const i = this.slotOf(key)
    if (this.keys[i] !== key) return false
    for (let c = this.heads[i]; c >= 0;) {
      const n = this.cellNext[c]
      this.releaseCell(c)
      this.count--
      c = n
    }
    this.keys[i] = tombstone
    this.objects--
    return true
  }

  /** Every (slot, offset, target), for snapshots and the checker. */
  entries(): { slot: number; offset: number; target: number }[] {
    const out: { slot: number; offset: number; target: number }[] = []
    for (let i = 0; i < this.keys.length; i++) {
      const k = this.keys[i]
      if (k === emptyKey || k === tombstone) continue
      for (let c = this.heads[i]; c >= 0; c = this.cellNext[c])
        out.push({ slot: k, offset: this.cellOff[c], target: this.cellTarget[c] })
    }
    return out.sort((a, b) => a.slot - b.slot || a.offset - b.offset)
  }

  private allocCell(off: number, target: number, next: number): number {
    let c = this.freeCell
    if (c >= 0) this.freeCell = this.cellNext[c]
    else {
      c = this.nextCell++
      if (c >= this.cellOff.length) {
        const n = this.cellOff.length * 2
        this.cellOff = grow(this.cellOff, n)
        this.cellTarget = grow(this.cellTarget, n)
        const nx = new Int32Array(n)
        nx.set(this.cellNext)
        this.cellNext = nx
      }
    }
    this.cellOff[c] = off
    this.cellTarget[c] = target
    this.cellNext[c] = next
    return c
  }

  private releaseCell(c: number): void {
    this.cellNext[c] = this.freeCell
    this.freeCell = c
  }

  private rehash(n: number): void {
    const keys = this.keys
    const heads = this.heads
    // Shrink back when tombstones dominate.
    while (n > 64 && (this.objects + 1) * 4 < n) n >>>= 1
    this.keys = new Float64Array(n)
    this.heads = new Int32Array(n)
    this.used = 0
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]
      if (k === emptyKey || k === tombstone) continue
      const j = this.slotOf(k)
      this.keys[j] = k
      this.heads[j] = heads[i]
      this.used++
    }
  }
}

function grow(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n)
  b.set(a)
  return b
}

/** Slot addresses are multiples of 8 (or 16): mix the page number and the offset. */
function hash(key: number): number {
  const page = Math.floor(key / _PageSize)
  const off = key - page * _PageSize
  return (Math.imul(page | 0, 0x9e3779b1) ^ Math.imul((off >>> 3) + 1, 0x85ebca6b)) >>> 0
}
