// The page's URL state: compressed and plain forms round-trip any text; bad hashes give null; the
// replay's GOGC and GOMEMLIMIT are validated on the way in (inputs and URL alike).
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { decodeState, encodeState, readCompareInput } from '../../site/tools/state.ts'

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

  it('carries GOMEMLIMIT (MiB) and GOGC=off with it', async () => {
    for (const s of [
      { gogc: 'off' as const, memlimit: 64 },
      { gogc: 150, memlimit: 1 },
      { memlimit: 65536 },
    ]) {
      const h = await encodeState({ gctrace: 'gc 1 @0.1s', ...s })
      expect(await decodeState(h)).toEqual({ gctrace: 'gc 1 @0.1s', ...s })
    }
  })

  it('drops a bad GOMEMLIMIT, and GOGC=off without a limit, keeping the rest', async () => {
    const plain = (o: object) => `#tools:p=${Buffer.from(JSON.stringify(o)).toString('base64url')}`
    for (const memlimit of [0, -5, 1.5, 65537, 1e300, '64', null, true])
      expect(await decodeState(plain({ gctrace: 'x', memlimit, gogc: 120 }))).toEqual({
        gctrace: 'x',
        gogc: 120,
      })
    expect(await decodeState(plain({ gctrace: 'x', gogc: 'off' }))).toEqual({ gctrace: 'x' })
    expect(await decodeState(plain({ gctrace: 'x', gogc: 'off', memlimit: 0 }))).toEqual({ gctrace: 'x' })
    expect(await decodeState(plain({ gogc: 'OFF', memlimit: 8 }))).toEqual({ memlimit: 8 })
  })
})

describe('the replay inputs (GOGC to compare, GOMEMLIMIT to compare)', () => {
  it('reads a GOGC alone, a limit in MiB, and off with a limit', () => {
    expect(readCompareInput('200', '')).toEqual({ ok: true, gogc: 200, memlimit: undefined })
    expect(readCompareInput(' 50 ', ' 128 ')).toEqual({ ok: true, gogc: 50, memlimit: 128 })
    expect(readCompareInput('off', '64')).toEqual({ ok: true, gogc: 'off', memlimit: 64 })
    expect(readCompareInput('OFF', '1')).toEqual({ ok: true, gogc: 'off', memlimit: 1 })
    expect(readCompareInput('1000', '65536')).toEqual({ ok: true, gogc: 1000, memlimit: 65536 })
  })

  it('names what was wrong in each input', () => {
    const errs = (g: string, l: string) => {
      const r = readCompareInput(g, l)
      return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}:${e.input}`)
    }
    expect(errs('off', '')).toEqual(['gogc:offNeedsLimit:off'])
    expect(errs('abc', '')).toEqual(['gogc:notNumber:abc'])
    expect(errs('', '')).toEqual(['gogc:notNumber:'])
    expect(errs('5', '')).toEqual(['gogc:range:5'])
    expect(errs('1001', '')).toEqual(['gogc:range:1001'])
    expect(errs('150.5', '')).toEqual(['gogc:range:150.5'])
    expect(errs('100', 'lots')).toEqual(['memlimit:notNumber:lots'])
    expect(errs('100', '64MiB')).toEqual(['memlimit:notNumber:64MiB'])
    expect(errs('100', 'Infinity')).toEqual(['memlimit:notNumber:Infinity'])
    expect(errs('100', '-64')).toEqual(['memlimit:range:-64'])
    expect(errs('100', '0')).toEqual(['memlimit:range:0'])
    expect(errs('100', '65537')).toEqual(['memlimit:range:65537'])
    expect(errs('100', '1e12')).toEqual(['memlimit:range:1e12'])
    expect(errs('100', '64.5')).toEqual(['memlimit:notWhole:64.5'])
    // Both at once; a bad limit with off still says off needs a (good) limit only when it is empty.
    expect(errs('x', 'y')).toEqual(['gogc:notNumber:x', 'memlimit:notNumber:y'])
    expect(errs('off', '-1')).toEqual(['memlimit:range:-1'])
  })
})
