// mspanset.ts — a set of spans, as mcentral keeps them.
//
// Mirrors Go's spanSet (src/runtime/mspanset.go, Go 1.15+): a lock-free FIFO. A 64-bit
// headTail word holds two 32-bit indexes; push atomically increments the tail, pop CASes the
// head. Entries live in blocks of 512 span pointers (spanSetBlockEntries) hung off a "spine";
// only adding a block to the spine takes the spineLock. A block goes back to a global pool once
// all of its 512 entries have been popped. reset() (after sweeping finished) clears an empty set.
//
// Simplifications: no concurrency, so no retry loops; the entries of all live blocks are kept in
// one JS array (`slots`, trimmed a block at a time). Block and spine accounting follow Go.
// A span swept out of turn by the page reclaimer (mheap.ts) stays in Go's unswept set as a stale
// entry that a later pop returns and its caller skips (its tryAcquire fails). Here the entry
// becomes a hole (`forget`): it still counts in `length` and a pop still spends the pop (and the
// failed tryAcquire's load) on it, but pop passes over it and returns the next span, and
// `spans()` leaves it out, so every span stays in exactly one place for the checker, snapshots
// and time travel. (What the hole does not spend: one unit of mcentral.cacheSpan's spanBudget.)

import type { MSpan } from './mspan.ts'
import { listNone } from './mspan.ts'
import type { Counters } from './trace.ts'

const spanSetBlockEntries = 512
const spanSetInitSpineCap = 256

export class SpanSet {
  /** Logical index of the next pop. */
  head = 0
  /** Logical index of the next push. */
  tail = 0
  /** Blocks in the spine (Go's spineLen). */
  spineLen = 0
  /** Capacity of the spine (Go's spineCap: 0, then 256, doubling). */
  spineCap = 0
  /** slots[i - offset] is entry i for head ≤ i < tail. */
  private slots: (MSpan | null)[] = []
  private offset = 0

  /** `id` is what spans in this set carry in `list` (for snapshots and checkHeap). */
  readonly id: number

  constructor(id: number) {
    this.id = id
  }

  get length(): number {
    return this.tail - this.head
  }

  push(s: MSpan, counters: Counters): void {
    const cursor = this.tail++
    counters.atomics++ // incTail
    counters.centralAtomics++
    counters.spanSetPushes++
    const top = Math.floor(cursor / spanSetBlockEntries)
    if (top >= this.spineLen) {
      counters.spineLocks++
      if (this.spineLen === this.spineCap)
        this.spineCap = this.spineCap === 0 ? spanSetInitSpineCap : this.spineCap * 2
      this.spineLen++
    }
    this.slots.push(s)
    s.list = this.id
  }

  pop(counters: Counters): MSpan | null {
    for (;;) {
      if (this.head >= this.tail) return null
      counters.atomics += 2 // CAS on head, block.popped.Add
      counters.centralAtomics += 2
      counters.spanSetPops++
      const s = this.slots[this.head - this.offset]
      this.slots[this.head - this.offset] = null
      this.head++
      if (this.head - this.offset >= spanSetBlockEntries) {
        this.slots.splice(0, spanSetBlockEntries)
        this.offset += spanSetBlockEntries
      }
      if (s === null || s === undefined) {
        // A stale entry (see top): Go's caller would try to acquire it and fail.
        counters.atomics++
        counters.centralAtomics++
        continue
      }
      s.list = listNone
      return s
    }
  }

  /** Turn s's entry into a stale one (the page reclaimer swept it out of turn; see top). */
  forget(s: MSpan): void {
    const i = this.slots.indexOf(s, this.head - this.offset)
    if (i < 0) throw new Error('spanSet.forget: span not in the set')
    this.slots[i] = null
    s.list = listNone
  }

  /** Entries from head to tail, oldest first, stale ones left out (read-only view for
   *  snapshots and the checker). */
  spans(): MSpan[] {
    const out: MSpan[] = []
    for (let i = this.head - this.offset; i < this.slots.length; i++) {
      const s = this.slots[i]
      if (s !== null) out.push(s)
    }
    return out
  }

  /** Go's reset: only legal on an empty set (after sweep termination). */
  reset(): void {
    if (this.head < this.tail) throw new Error('attempt to clear non-empty span set')
    this.head = 0
    this.tail = 0
    this.spineLen = 0
    this.slots = []
    this.offset = 0
  }

  /** Live blocks: those holding at least one unpopped entry or not yet completely popped. */
  liveBlocks(): number {
    if (this.tail === 0) return 0
    const first = Math.floor(this.head / spanSetBlockEntries)
    const last = Math.floor((this.tail - 1) / spanSetBlockEntries)
    return this.head === this.tail && this.head % spanSetBlockEntries === 0 ? 0 : last - first + 1
  }
}
