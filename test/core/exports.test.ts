// The public surface of @go-alloc/core: any change here is an API change to review.
import { expect, it } from 'vitest'
import * as core from '@go-alloc/core'

it('exports exactly these names', () => {
  expect(Object.keys(core).sort()).toEqual(
    [
      'HeapCheckError',
      'OutOfMemoryError',
      'Runtime',
      'Scheduler',
      'Timeline',
      '_MaxSmallSize',
      '_NumSizeClasses',
      '_PageShift',
      '_PageSize',
      'arenaHintBase',
      'checkHeap',
      'cloneRuntime',
      'classToDivMagic',
      'classToNPages',
      'classToSize',
      'costLevels',
      'defaultGoVersion',
      'describeSize',
      'goMinor',
      'goVersions',
      'greenTeaDefault',
      'mallocFunction',
      'randomizedHeapBaseDefault',
      'spanHeapBitsBytes',
      'spanInlineMarkBitsBytes',
      'spanInlineMarkBytes',
      'spanTailHeapBitsBytes',
      'usesInlineMarkBits',
      'hasMallocHeader',
      'heapBitsForAddr',
      'legacyLayout',
      'spanIndexForAddr',
      'heapArenaBytes',
      'largeSizeDiv',
      'mallocHeaderSize',
      'maxAlloc',
      'maxSmallAllocSize',
      'maxTinySize',
      'minSizeForMallocHeader',
      'pallocChunkBytes',
      'roundupsize',
      'runInterleaved',
      'simulatorHeapCap',
      'sizeClassTable',
      'sizeToClass',
      'sizeToClass128',
      'sizeToClass8',
      'smallSizeDiv',
      'smallSizeMax',
      'spanCapacity',
      'zerobase',
    ].sort(),
  )
})

it('Runtime has the documented public methods', () => {
  const names = Object.getOwnPropertyNames(core.Runtime.prototype).sort()
  for (const m of ['malloc', 'spanOf', 'readMemStats', 'snapshot', 'readCounters', 'subscribe'])
    expect(names).toContain(m)
})
