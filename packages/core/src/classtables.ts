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
