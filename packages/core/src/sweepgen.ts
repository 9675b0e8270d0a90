// sweepgen.ts — what a span's sweepgen says, read against the heap's.
//
// Mirrors the protocol of Go's mspan.sweepgen (the comment on the field in src/runtime/mheap.go,
// used throughout src/runtime/mgcsweep.go, mcentral.go and mcache.go). The heap's sweepgen h
// grows by 2 at every GC; a span's sweepgen, compared with h, says where the span stands in
// the current sweep:
//
//   h − 2   unswept: the span needs sweeping (it was swept, or cached, before this GC began)
//   h − 1   being swept: a sweeper owns it (it won the h−2 → h−1 compare-and-swap)
//   h       swept, ready to use
//   h + 1   cached in an mcache before the sweep began: swept when the mcache gives it back
//   h + 3   swept and then cached
//
// Go writes these as sweepgen-2, sweepgen+3 and so on; here each has a name, used by the
// sweeper, mcentral, mcache, the heap graph, the checker, and (exported) by the figures.

/** A span's sweepgen when it needs sweeping, for heap sweepgen h. */
export function unsweptGen(h: number): number {
  return h - 2
}
/** A span's sweepgen while a sweeper owns it. */
export function beingSweptGen(h: number): number {
  return h - 1
}
/** A span's sweepgen once swept (the heap's own). */
export function sweptGen(h: number): number {
  return h
}
/** A span's sweepgen when an mcache cached it before the current sweep began (stale). */
export function cachedUnsweptGen(h: number): number {
  return h + 1
}
/** A span's sweepgen when an mcache cached it after it was swept. */
export function cachedSweptGen(h: number): number {
  return h + 3
}

/** Does the span (sweepgen `spanGen`) wait for the current sweep (unswept or being swept)? */
export function awaitsSweep(spanGen: number, h: number): boolean {
  return spanGen === unsweptGen(h) || spanGen === beingSweptGen(h)
}

/** Is the span (sweepgen `spanGen`) cached by an mcache (stale or swept)? */
export function isCachedGen(spanGen: number, h: number): boolean {
  return spanGen === cachedUnsweptGen(h) || spanGen === cachedSweptGen(h)
}

/** A span's sweep phase in words; 'unknown' for a sweepgen the protocol does not use. */
export type SpanSweepPhase =
  'needs sweeping' | 'being swept' | 'swept' | 'cached, needs sweeping' | 'swept, cached' | 'unknown'

/** The phase a span with sweepgen `spanGen` is in, for heap sweepgen `h`. */
export function sweepPhaseOf(spanGen: number, h: number): SpanSweepPhase {
  switch (spanGen) {
    case unsweptGen(h):
      return 'needs sweeping'
    case beingSweptGen(h):
      return 'being swept'
    case sweptGen(h):
      return 'swept'
    case cachedUnsweptGen(h):
      return 'cached, needs sweeping'
    case cachedSweptGen(h):
      return 'swept, cached'
    default:
      return 'unknown'
  }
}
