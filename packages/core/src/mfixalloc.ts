// mfixalloc.ts — fixed-size allocator for runtime metadata (mspan and mcache structs).
//
// Mirrors Go's src/runtime/mfixalloc.go: fixalloc hands out objects of one size from 16 KiB
// chunks obtained with persistentalloc, and keeps freed objects on a free list. Its `inuse`
// and `stat` feed MemStats.MSpanInuse/MSpanSys and MCacheInuse/MCacheSys.
//
// Simplifications: we only count; the "objects" are JS objects that live elsewhere.

/** Go's _FixAllocChunk. */
const fixAllocChunk = 16 << 10

export class FixAlloc {
  /** Bytes of objects handed out and not freed. */
  inuse = 0
  /** Bytes obtained from persistentalloc (grows by 16 KiB chunks). */
  sys = 0
  /** Objects waiting on the free list. */
  free = 0
  /** Bytes left in the current chunk. */
  nchunk = 0

  readonly size: number

  constructor(size: number) {
    this.size = size
  }

  alloc(): void {
    if (this.free > 0) {
      this.free--
    } else {
      if (this.nchunk < this.size) {
        this.sys += fixAllocChunk
        this.nchunk = fixAllocChunk
      }
      this.nchunk -= this.size
    }
    this.inuse += this.size
  }

  dealloc(): void {
    this.free++
    this.inuse -= this.size
  }
}

/** sizeof(mspan) on linux/amd64, Go 1.22 (docs/go-reference.md §6, computed from the field list). */
export const sizeofMSpan = 160
/** sizeof(mcache) on linux/amd64, Go 1.22 (docs/go-reference.md §6). */
export const sizeofMCache = 1200
