// Public entry of @go-alloc/core. See packages/core/README.md for the API.
export * from './sizeclasses.ts'
export {
  sizeToClass,
  roundupsize,
  hasMallocHeader,
  spanCapacity,
  sizeClassTable,
  describeSize,
  type SizeClassRow,
  type SizeDescription,
  type SizeKind,
} from './msize.ts'
export {
  type GoVersion,
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
  type RuntimeOptions,
  type MallocOptions,
  type SpanInfo,
  type CounterValues,
} from './runtime.ts'
export { OutOfMemoryError } from './malloc.ts'
export type { MemStats, RawStats } from './mstats.ts'
export type { TraceEvent, TraceEventType, TraceListener, SpanSetName, MallocPath } from './trace.ts'
export type { Snapshot, SpanSnapshot, PSnapshot } from './snapshot.ts'
export { checkHeap, HeapCheckError } from './check.ts'
export {
  cloneRuntime,
  Timeline,
  type TimelineOp,
  type TimelineOpName,
  type TimelineOptions,
  type CheckpointInfo,
  type CloneStats,
} from './timetravel.ts'
