/** A span's sweep state, read from its sweepgen against the heap's as mgcsweep.go defines it. */
export type SpanSweepPhase =
  'needs sweeping' | 'being swept' | 'swept' | 'cached, needs sweeping' | 'swept, cached' | 'unknown'

/** mheap.go's reading of a span's sweepgen against the heap's. */
export function sweepPhaseOf(spanGen: number, heapGen: number): SpanSweepPhase {
  switch (spanGen - heapGen) {
    case -2:
      return 'needs sweeping'
    case -1:
      return 'being swept'
    case 0:
      return 'swept'
    case 1:
      return 'cached, needs sweeping'
    case 3:
      return 'swept, cached'
    default:
      return 'unknown'
  }
}
