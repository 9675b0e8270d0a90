// std.ts — a few standard-library types readers embed in their structs, with the layout they
// have in Go 1.27 on linux/amd64 (checked against real Go by the go-truth layout test).
//
// Simplifications: the fields are those of the Go 1.27 sources with nested internal types
// flattened where that does not change offsets, size, alignment or pointer bytes (for example
// sync.Mutex is shown as { state int32; sema uint32 }, the fields of its internal mutex). Layouts
// of older releases may differ (sync.WaitGroup changed in 1.20 and 1.25).

import { type GoType, named, pointerTo, sliceOf, structOf, types } from './types.ts'

const noCopy = structOf([])

const mutex = named(
  'Mutex',
  structOf([
    { name: 'state', type: types.int32 },
    { name: 'sema', type: types.uint32 },
  ]),
  'sync',
)
const atomicInt32 = named(
  'Int32',
  structOf([
    { name: '_', type: noCopy },
    { name: 'v', type: types.int32 },
  ]),
  'atomic',
)
const atomicUint32 = named(
  'Uint32',
  structOf([
    { name: '_', type: noCopy },
    { name: 'v', type: types.uint32 },
  ]),
  'atomic',
)
const atomicBool = named(
  'Bool',
  structOf([
    { name: '_', type: noCopy },
    { name: 'v', type: types.uint32 },
  ]),
  'atomic',
)
// atomic.Int64 and Uint64 carry sync/atomic's align64 marker: gc aligns them to 8 even on 32-bit.
const atomicInt64 = named(
  'Int64',
  structOf([
    { name: '_', type: noCopy },
    { name: 'v', type: types.int64 },
  ]),
  'atomic',
)
const atomicUint64 = named(
  'Uint64',
  structOf([
    { name: '_', type: noCopy },
    { name: 'v', type: types.uint64 },
  ]),
  'atomic',
)
const atomicValue = named('Value', structOf([{ name: 'v', type: types.any }]), 'atomic')
const location = named('Location', structOf([]), 'time')

/** Qualified names the type parser knows, e.g. 'sync.Mutex' → its layout. */
export const stdTypes: ReadonlyMap<string, GoType> = new Map<string, GoType>([
  ['sync.Mutex', mutex],
  [
    'sync.RWMutex',
    named(
      'RWMutex',
      structOf([
        { name: 'w', type: mutex },
        { name: 'writerSem', type: types.uint32 },
        { name: 'readerSem', type: types.uint32 },
        { name: 'readerCount', type: atomicInt32 },
        { name: 'readerWait', type: atomicInt32 },
      ]),
      'sync',
    ),
  ],
  [
    'sync.WaitGroup',
    named(
      'WaitGroup',
      structOf([
        { name: 'noCopy', type: noCopy },
        { name: 'state', type: atomicUint64 },
        { name: 'sema', type: types.uint32 },
      ]),
      'sync',
    ),
  ],
  [
    'sync.Once',
    named(
      'Once',
      structOf([
        { name: '_', type: noCopy },
        { name: 'done', type: atomicBool },
        { name: 'm', type: mutex },
      ]),
      'sync',
    ),
  ],
  ['atomic.Int32', atomicInt32],
  ['atomic.Uint32', atomicUint32],
  ['atomic.Int64', atomicInt64],
  ['atomic.Uint64', atomicUint64],
  ['atomic.Bool', atomicBool],
  ['atomic.Value', atomicValue],
  [
    'time.Time',
    named(
      'Time',
      structOf([
        { name: 'wall', type: types.uint64 },
        { name: 'ext', type: types.int64 },
        { name: 'loc', type: pointerTo(location) },
      ]),
      'time',
    ),
  ],
  ['time.Duration', named('Duration', types.int64, 'time')],
  [
    'strings.Builder',
    named(
      'Builder',
      structOf([
        { name: 'addr', type: pointerTo(structOf([])) },
        { name: 'buf', type: sliceOf(types.uint8) },
      ]),
      'strings',
    ),
  ],
  [
    'bytes.Buffer',
    named(
      'Buffer',
      structOf([
        { name: 'buf', type: sliceOf(types.uint8) },
        { name: 'off', type: types.int },
        { name: 'lastRead', type: types.int8 },
      ]),
      'bytes',
    ),
  ],
])
