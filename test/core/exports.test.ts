// The public surface of @go-alloc/core: any change here is an API change to review.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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
      'awaitsSweep',
      'beingSweptGen',
      'cachedSweptGen',
      'cachedUnsweptGen',
      'isCachedGen',
      'sweepPhaseOf',
      'sweptGen',
      'unsweptGen',
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

/** Runtime's own prototype members: the public methods (and getter), each documented in the
 *  core's README, and the internal ones (TypeScript-private or @internal) — nothing else. */
const runtimePublic = [
  'background',
  'drop',
  'freeOSMemory',
  'gc',
  'malloc',
  'pageSize',
  'readCounters',
  'readMemStats',
  'readPointer',
  'setGCPercent',
  'snapshot',
  'spanOf',
  'subscribe',
  'writePointer',
]
const runtimeInternal = ['emit', 'liveObject']

it('Runtime has exactly the public methods listed here, each documented in the README', () => {
  const names = Object.getOwnPropertyNames(core.Runtime.prototype).filter((n) => n !== 'constructor')
  expect(names.sort()).toEqual([...runtimePublic, ...runtimeInternal].sort())
  const readme = readFileSync(join(import.meta.dirname, '../../packages/core/README.md'), 'utf8')
  for (const m of runtimePublic) expect(readme, `README documents ${m}`).toMatch(new RegExp(`\\b${m}\\b`))
})
