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

/** Each class's own prototype members: the public ones (methods and getters), each documented in
 *  the core's README, and the internal ones (TypeScript-private or @internal) — nothing else. */
const members: Record<'Runtime' | 'Timeline' | 'Scheduler', { public: string[]; internal: string[] }> = {
  Runtime: {
    public: [
      'background',
      'drop',
      'freeOSMemory',
      'gc',
      'malloc',
      'mappedReady',
      'pageSize',
      'readCounters',
      'readMemStats',
      'readPointer',
      'setGCPercent',
      'setMemoryLimit',
      'snapshot',
      'spanOf',
      'subscribe',
      'writePointer',
    ],
    internal: ['emit', 'liveObject'],
  },
  Timeline: {
    public: [
      'apply',
      'back',
      'checkpointInfo',
      'forward',
      'length',
      'malloc',
      'ops',
      'readMemStats',
      'results',
      'seek',
      'step',
    ],
    internal: [
      'addCheckpoint',
      'checkInSync',
      'checkpointAtOrBefore',
      'inSync',
      'replayTo',
      'takeFingerprint',
      'thin',
    ],
  },
  Scheduler: {
    public: ['done', 'peek', 'result', 'run', 'step'],
    internal: ['runnable'],
  },
}

for (const [name, m] of Object.entries(members)) {
  it(`${name} has exactly the public members listed here, each documented in the README`, () => {
    const cls = core[name as keyof typeof members]
    const names = Object.getOwnPropertyNames(cls.prototype).filter((n) => n !== 'constructor')
    expect(names.sort()).toEqual([...m.public, ...m.internal].sort())
    const readme = readFileSync(join(import.meta.dirname, '../../packages/core/README.md'), 'utf8')
    for (const k of m.public)
      expect(readme, `README documents ${name}.${k}`).toMatch(new RegExp(`\\b${k}\\b`))
  })
}
