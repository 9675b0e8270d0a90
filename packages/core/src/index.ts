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
