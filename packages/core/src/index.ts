// Public entry of @go-alloc/core. See packages/core/README.md for the API.
export * from './sizeclasses.ts'
export {
  sizeToClass,
  roundupsize,
  hasMallocHeader,
  spanCapacity,
  spanHeapBitsBytes,
  spanInlineMarkBytes,
  mallocFunction,
  sizeClassTable,
  describeSize,
  type SizeClassRow,
  type SizeDescription,
  type SizeKind,
} from './msize.ts'
export {
  type GoVersion,
  goVersions,
  defaultGoVersion,
  goMinor,
  greenTeaDefault,
  randomizedHeapBaseDefault,
  usesInlineMarkBits,
  spanInlineMarkBitsBytes,
  spanTailHeapBitsBytes,
  maxAlloc,
  maxTinySize,
  mallocHeaderSize,
  minSizeForMallocHeader,
  maxSmallAllocSize,
  heapArenaBytes,
  pallocChunkBytes,
  arenaHintBase,
  zerobase,
} from './constants.ts'
export {
  Runtime,
  simulatorHeapCap,
  type HeapLayout,
  type HeapBase,
  type RuntimeOptions,
  type MallocOptions,
  type GCOptions,
  type SpanInfo,
  type CounterValues,
  type FreeOSMemoryResult,
} from './runtime.ts'
export { OutOfMemoryError } from './malloc.ts'
export type { MemStats, RawStats } from './mstats.ts'
export type { TraceEvent, TraceEventType, TraceListener, SpanSetName, MallocPath } from './trace.ts'
export type { Snapshot, SpanSnapshot, PSnapshot, GCSnapshot } from './snapshot.ts'
export type { GCResult, GCReason, MarkCounts } from './mgc.ts'
export { checkHeap, HeapCheckError } from './check.ts'
export {
  unsweptGen,
  beingSweptGen,
  sweptGen,
  cachedUnsweptGen,
  cachedSweptGen,
  awaitsSweep,
  isCachedGen,
  sweepPhaseOf,
  type SpanSweepPhase,
} from './sweepgen.ts'
export {
  legacyLayout,
  heapBitsForAddr,
  spanIndexForAddr,
  type LegacyRegion,
  type LegacyHeapBits,
  type LegacySpanIndex,
  type LegacySnapshot,
} from './legacy.ts'
export { costLevels, type CacheMode, type CostLevels } from './costs.ts'
export {
  Scheduler,
  runInterleaved,
  type AllocRequest,
  type GoroutineSpec,
  type Schedule,
  type StepLevel,
  type StepResult,
  type PCost,
  type InterleavedResult,
} from './sched.ts'
export { cloneRuntime, type CloneStats } from './clone.ts'
export {
  Timeline,
  type TimelineOp,
  type TimelineOpName,
  type TimelineOptions,
  type CheckpointInfo,
} from './timeline.ts'
