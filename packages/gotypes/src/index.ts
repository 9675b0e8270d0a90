// Public entry of @go-alloc/gotypes. See packages/gotypes/README.md for the API.
export {
  type Kind,
  type ChanDir,
  type GoType,
  type Field,
  type FieldSpec,
  type LayoutRow,
  layoutRows,
  wordSize,
  maxTypeSize,
  types,
  predeclared,
  pointerTo,
  sliceOf,
  arrayOf,
  structOf,
  mapOf,
  chanOf,
  funcType,
  funcOf,
  emptyInterface,
  interfaceType,
  interfaceOf,
  type Method,
  named,
  typeString,
  sourceString,
  pointerMask,
  hasPointers,
} from './types.ts'
export { stdTypes } from './std.ts'
export { type GoSyntaxError, type ParsedDecls, GoTypeError, parseTypeDecls, parseTypeExpr } from './parse.ts'
export {
  type MallocPlan,
  type MallocKind,
  mallocPlan,
  planBytes,
  mallocFn,
  goMinor,
  coreVersion,
  nextSliceCap,
  roundSliceCap,
} from './malloc.ts'
export { type OptimalOrder, optimalOrder } from './order.ts'
export { type AllocRecord, GoHeap, GoRuntimeError } from './heap.ts'
export { goParser, goSemicolonTracker } from './goparser.ts'
