// Small fakes for the per-structure tests (mcache, mcentral): the part of a Runtime a structure
// reads, with what sits below it replaced by recorders, and spans built by hand.
import type { Runtime } from '@go-alloc/core'
import { MSpan, mSpanInUse, newGCBits, zeroBits } from '../../packages/core/src/mspan.ts'
import { MStats } from '../../packages/core/src/mstats.ts'
import { Counters } from '../../packages/core/src/trace.ts'
import { classToDivMagic, classToNPages, classToSize } from '../../packages/core/src/sizeclasses.ts'

export const pageSize = 8192

/** A fresh in-use span of span class `spc` at `base` with `nelems` slots, none allocated. */
export function handSpan(base: number, spc: number, nelems: number, sweepgen = 0): MSpan {
  const s = new MSpan()
  const sizeclass = spc >>> 1
  s.init(base, classToNPages[sizeclass])
  s.spanclass = spc
  s.elemsize = classToSize[sizeclass]
  s.nelems = nelems
  s.divMul = classToDivMagic[sizeclass]
  s.limitOff = s.elemsize * nelems
  s.allocCacheLo = -1
  s.allocCacheHi = -1
  s.allocBits = zeroBits
  s.gcmarkBits = zeroBits
  s.rootBits = newGCBits(nelems)
  s.sweepgen = sweepgen
  s.state = mSpanInUse
  return s
}

/** Allocate the next n slots of s the way mcache.nextFree does (nextFreeIndex, allocCount++). */
export function take(s: MSpan, n: number): void {
  const k = { allocCacheRefills: 0 }
  for (let i = 0; i < n; i++) {
    if (s.nextFreeIndex(k) === s.nelems) throw new Error('fixture: span full')
    s.allocCount++
  }
}

/** A sweeper that sweeps nothing and records what it is asked. */
export class RecordingSweeper {
  isActive = false
  credits: [number, number][] = []
  acquired: MSpan[] = []
  swept: [MSpan, boolean][] = []
  /** What sweep does to a span (default: nothing, as if every object were still live). */
  onSweep: (s: MSpan) => void = () => {}
  constructor(private readonly heap: { sweepgen: number }) {}
  active(): boolean {
    return this.isActive
  }
  tryAcquire(s: MSpan): boolean {
    if (s.sweepgen !== this.heap.sweepgen - 2) return false
    s.sweepgen = this.heap.sweepgen - 1
    this.acquired.push(s)
    return true
  }
  sweep(s: MSpan, preserve: boolean): boolean {
    this.swept.push([s, preserve])
    this.onSweep(s)
    s.sweepgen = this.heap.sweepgen
    return false
  }
  deductSweepCredit(spanBytes: number, callerSweepPages: number): void {
    this.credits.push([spanBytes, callerSweepPages])
  }
}

export interface FakeHeap {
  sweepgen: number
  central: unknown[]
  /** mheap.alloc: records its calls, hands out `next` spans in order. */
  alloc(npages: number, spc: number, pp: number): MSpan | null
  allocs: [number, number, number][]
  next: MSpan[]
}

/** The fields of a Runtime that mcache and mcentral use; `central` is filled in by the test. */
export function fakeRuntime(sweepgen = 4): {
  rt: Runtime
  heap: FakeHeap
  sweeper: RecordingSweeper
  counters: Counters
  memstats: MStats
} {
  const heap: FakeHeap = {
    sweepgen,
    central: [],
    allocs: [],
    next: [],
    alloc(npages, spc, pp) {
      this.allocs.push([npages, spc, pp])
      return this.next.shift() ?? null
    },
  }
  const sweeper = new RecordingSweeper(heap)
  const counters = new Counters()
  const memstats = new MStats()
  const rt = {
    mheap_: heap,
    sweeper,
    counters,
    memstats,
    tracing: false,
    goVersion: '1.27',
    emit() {
      throw new Error('fake runtime: nothing should emit while not tracing')
    },
  } as unknown as Runtime
  return { rt, heap, sweeper, counters, memstats }
}
