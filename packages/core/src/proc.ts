// proc.ts — the P: a logical processor, owner of per-P allocator state.
//
// Mirrors the allocator-related fields of Go's `p` (src/runtime/runtime2.go): `mcache`,
// `pcache` (page cache) and `mspancache` (up to 128 preallocated mspan structs). GOMAXPROCS
// Ps exist; an allocating goroutine uses the caches of the P it is running on.
//
// Simplifications: a P is only its caches; which P allocates is chosen by the caller
// (Runtime.malloc's `p` option, or sched.ts's Scheduler for interleaved goroutines) instead of by
// Go's scheduler. mspancache is a count.

import { MCache } from './mcache.ts'
import { PageCache } from './mpagecache.ts'

export class P {
  readonly mcache: MCache
  readonly pcache = new PageCache()
  /** Preallocated mspan structs in this P's mspancache (0..128). */
  mspancache = 0

  readonly id: number

  constructor(id: number) {
    this.id = id
    this.mcache = new MCache(id)
  }
}
