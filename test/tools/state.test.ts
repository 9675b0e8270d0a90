// The page's URL state: compressed and plain forms round-trip any text; bad hashes give null.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeState, encodeState } from '../../site/tools/state.ts'

describe('tools URL state', () => {
  it('round-trips through deflate-raw + base64url', async () => {
    const s = {
      types: 'type T struct{ a int }',
      bench: 'BenchmarkX-8 1 2 ns/op',
      gctrace: '你的程序\n'.repeat(50),
      gogc: 150,
      sort: 'waste',
    }
    const h = await encodeState(s)
    expect(h).toMatch(/^#tools:z=[A-Za-z0-9_-]+$/)
    expect(await decodeState(h)).toEqual(s)
  })

  it('reads the plain form, and an empty state has no hash', async () => {
    const json = JSON.stringify({ profile: 'x' })
    const b64 = Buffer.from(json).toString('base64url')
    expect(await decodeState(`#tools:p=${b64}`)).toEqual({ profile: 'x' })
    expect(await encodeState({ types: '' })).toBe('')
  })

  it('any text round-trips; garbage gives null, never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), async (a, junk) => {
        expect(await decodeState(await encodeState({ types: a || undefined }))).toEqual(
          a ? { types: a } : null,
        )
        const r = await decodeState(`#tools:z=${junk}`)
        expect(r === null || typeof r === 'object').toBe(true)
      }),
      { numRuns: 100 },
    )
  })
})
