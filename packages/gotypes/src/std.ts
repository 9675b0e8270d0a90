// std.ts — a few standard-library types readers embed in their structs, with the layout they
// have in Go 1.27 on linux/amd64 (checked against real Go by the go-truth layout test).
//
// Simplifications: the fields are those of the Go 1.27 sources with nested internal types
// flattened where that does not change offsets, size, alignment or pointer bytes (for example
// sync.Mutex is shown as { state int32; sema uint32 }, the fields of its internal mutex). Layouts
// of older releases may differ (sync.WaitGroup changed in 1.20 and 1.25).

import { type GoType, named, pointerTo, sliceOf, structOf, types } from './types.ts'

/** A defined struct type of package `pkg`, its fields given as [name, type] in order. */
function stdStruct(pkg: string, name: string, fields: readonly (readonly [string, GoType])[]): GoType {
  return named(name, structOf(fields.map(([name, type]) => ({ name, type }))), pkg)
}

const noCopy = structOf([])
/** sync/atomic's typed values: a zero-size noCopy marker, then the value word. */
const atomicOf = (name: string, v: GoType): GoType =>
  stdStruct('atomic', name, [
    ['_', noCopy],
    ['v', v],
  ])

const mutex = stdStruct('sync', 'Mutex', [
  ['state', types.int32],
  ['sema', types.uint32],
])
const atomicInt32 = atomicOf('Int32', types.int32)
const atomicUint32 = atomicOf('Uint32', types.uint32)
const atomicBool = atomicOf('Bool', types.uint32)
// atomic.Int64 and Uint64 carry sync/atomic's align64 marker: gc aligns them to 8 even on 32-bit.
const atomicInt64 = atomicOf('Int64', types.int64)
const atomicUint64 = atomicOf('Uint64', types.uint64)

/** The known types in the order error messages list them; each is keyed by its qualified name. */
const known: readonly GoType[] = [
  mutex,
  stdStruct('sync', 'RWMutex', [
    ['w', mutex],
    ['writerSem', types.uint32],
    ['readerSem', types.uint32],
    ['readerCount', atomicInt32],
    ['readerWait', atomicInt32],
  ]),
  stdStruct('sync', 'WaitGroup', [
    ['noCopy', noCopy],
    ['state', atomicUint64],
    ['sema', types.uint32],
  ]),
  stdStruct('sync', 'Once', [
    ['_', noCopy],
    ['done', atomicBool],
    ['m', mutex],
  ]),
  atomicInt32,
  atomicUint32,
  atomicInt64,
  atomicUint64,
  atomicBool,
  stdStruct('atomic', 'Value', [['v', types.any]]),
  stdStruct('time', 'Time', [
    ['wall', types.uint64],
    ['ext', types.int64],
    ['loc', pointerTo(stdStruct('time', 'Location', []))],
  ]),
  named('Duration', types.int64, 'time'),
  stdStruct('strings', 'Builder', [
    ['addr', pointerTo(structOf([]))],
    ['buf', sliceOf(types.uint8)],
  ]),
  stdStruct('bytes', 'Buffer', [
    ['buf', sliceOf(types.uint8)],
    ['off', types.int],
    ['lastRead', types.int8],
  ]),
]

/** Qualified names the type parser knows, e.g. 'sync.Mutex' → its layout. */
export const stdTypes: ReadonlyMap<string, GoType> = new Map(known.map((t) => [`${t.pkg}.${t.name}`, t]))
