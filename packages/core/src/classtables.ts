// classtables.ts — the size-class tables as typed arrays, for the allocator's own use.
//
// sizeclasses.ts exports Go's tables as frozen arrays: the public, read-only form. V8 reads the
// elements of a frozen array through a slower path than a typed array's: on the malloc fast path
// the size-class lookup alone measured ≈ 5 ns with the frozen table and ≈ 0.5 ns with a
// Uint8Array (Node 22, 24-byte mallocs). The core reads these copies; they hold the same numbers.

import { classToDivMagic, classToNPages, classToSize, sizeToClass128, sizeToClass8 } from './sizeclasses.ts'

/** sizeToClass8 (size classes 0..67 fit a byte). */
export const sizeToClass8T = Uint8Array.from(sizeToClass8)
/** sizeToClass128. */
export const sizeToClass128T = Uint8Array.from(sizeToClass128)
/** classToSize (at most 32768 bytes). */
export const classToSizeT = Uint16Array.from(classToSize)
/** classToNPages (at most 10 pages). */
export const classToNPagesT = Uint8Array.from(classToNPages)
/** classToDivMagic (below 2^32). */
export const classToDivMagicT = Uint32Array.from(classToDivMagic)

/**
 * The size class of every small size at 8-byte granularity, one table for 1..32768 bytes: entry
 * (size + 7) >>> 3. Go splits the lookup at 1024 bytes (sizeToClass8, then sizeToClass128 at
 * 128-byte steps) to keep its tables small; every class size is a multiple of 8, so the finer
 * table holds the same class for every size. malloc's fast path reads it with one load for any
 * small pointer-free size (Go 1.27 likewise dispatches on the size itself, through tables of
 * size-specialized functions, for sizes up to 80 bytes).
 */
export const sizeToClassT = ((): Uint8Array => {
  const t = new Uint8Array((32768 >>> 3) + 1)
  for (let i = 1; i < t.length; i++) {
    const size = i << 3
    t[i] = size <= 1024 - 8 ? sizeToClass8[(size + 7) >>> 3] : sizeToClass128[(size - 1024 + 127) >>> 7]
  }
  return t
})()
