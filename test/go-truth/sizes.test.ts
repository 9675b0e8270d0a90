// (a) Rounded sizes: the real runtime's roundupsize, observed through append's capacity, against the
// core's roundupsize and describeSize for every size 1..32768 and a set of large sizes, once per
// Go toolchain installed.
import { beforeAll, expect, it } from 'vitest'
import { describeSize, roundupsize } from '@go-alloc/core'
import { coreVersion, forEachToolchain, runTruth } from './gotruth.ts'

const small = Array.from({ length: 32768 }, (_, i) => i + 1)
const large = [
  32769,
  32775,
  32776,
  36864,
  40000,
  40959,
  40960,
  40961,
  49152,
  65535,
  65536,
  65537,
  100000,
  131072,
  262145,
  1 << 20,
  (1 << 20) + 1,
  3_000_001,
  10_000_000,
]
const scanSizes = [...Array.from({ length: 32768 / 8 }, (_, i) => 8 * (i + 1)), 32776, 40968, 65544, 1 << 20]

/** Lists at most a few mismatches as readable rows instead of a 32768-element diff. */
function mismatches(sizes: number[], goVals: number[], coreVal: (n: number) => number): string[] {
  const bad: string[] = []
  sizes.forEach((n, i) => {
    const c = coreVal(n)
    if (c !== goVals[i]) bad.push(`size ${n}: Go ${goVals[i]}, core ${c}`)
  })
  return bad.slice(0, 20)
}

forEachToolchain('roundupsize against the real Go runtime', (tc) => {
  let caps: number[]
  let scanCaps: number[]

  beforeAll(() => {
    ;({ caps, scanCaps } = runTruth<{ caps: number[]; scanCaps: number[] }>(tc, 'roundup', {
      sizes: [...small, ...large],
      scanSizes,
    }))
  }, 180_000)

  it('Go answered for every size', () => {
    expect(caps).toHaveLength(small.length + large.length)
    expect(scanCaps).toHaveLength(scanSizes.length)
  })

  it('pointer-free sizes 1..32768 and large sizes round like Go', () => {
    const sizes = [...small, ...large]
    expect(mismatches(sizes, caps, (n) => roundupsize(n, true, coreVersion(tc)))).toEqual([])
  })

  it('pointerful sizes round like Go (header-aware from Go 1.22)', () => {
    expect(mismatches(scanSizes, scanCaps, (n) => roundupsize(n, false, coreVersion(tc)))).toEqual([])
  })

  it("describeSize's slot size is Go's rounded size for every small (non-tiny) and large size", () => {
    const sizes = [...small, ...large]
    const goVals: number[] = []
    const picked: number[] = []
    sizes.forEach((n, i) => {
      if (n < 16) return // tiny: describeSize reports the shared 16-byte block
      picked.push(n)
      goVals.push(caps[i])
    })
    expect(
      mismatches(
        picked,
        goVals,
        (n) => describeSize(n, { noscan: true, goVersion: coreVersion(tc) }).elemsize,
      ),
    ).toEqual([])
  })
})
