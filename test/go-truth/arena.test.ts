// (e) Where the heap starts: a fresh linux/amd64 Go process puts its first heap arena (64 MiB,
// 64 MiB-aligned) at 0xc000000000, the first of the runtime's arena hints. The core's first
// object must land in that same arena.
import { beforeAll, describe, expect, it } from 'vitest'
import { arenaBaseOf, goToolchain, newRuntime, runTruth, type GoToolchain } from './gotruth.ts'

let tc: GoToolchain
let go: { firstAddr: number; arenaBase: number }

beforeAll(() => {
  tc = goToolchain()
  go = runTruth('arena')
}, 180_000)

describe('first heap arena: core vs the real Go runtime', () => {
  it('Go puts an early heap object in the arena at 0xc000000000', () => {
    expect(go.arenaBase.toString(16)).toBe('c000000000')
    expect(arenaBaseOf(go.firstAddr)).toBe(go.arenaBase)
  })

  for (const [size, noscan] of [
    [64, true],
    [8, false],
    [1, true],
    [100_000, true],
  ] as const) {
    it(`the core's first object (${size} B ${noscan ? 'noscan' : 'scan'}) is in Go's first arena`, () => {
      const rt = newRuntime(tc.coreVersion)
      const p = rt.malloc(size, { noscan, p: 0 })
      expect(arenaBaseOf(p).toString(16)).toBe(go.arenaBase.toString(16))
    })
  }
})
