// A cell's `new Runtime()` follows the page's Go version (the worker passes it with each run) unless
// the code names one. Checked on the real core by what the runtime does: a 24-byte noscan span
// holds 8192 / 24 = 341 objects before Go 1.26 and (8192 − 128) / 24 = 336 with Green Tea's inline
// mark bits.
import { describe, expect, it } from 'vitest'
import * as core from '../../packages/core/src/index.ts'
import { runCell } from '../../site/cells/runner.ts'
import { defaultOutputLimits } from '../../site/cells/protocol.ts'

async function run(code: string, goVersion?: string) {
  const out: string[] = []
  const r = await runCell(
    code,
    core as unknown as Record<string, unknown>,
    defaultOutputLimits,
    { output: (_s, t) => out.push(t) },
    goVersion === undefined ? {} : { goVersion },
  )
  return { ...r, out }
}

const perSpan = `const rt = new Runtime()\nprint(rt.spanOf(rt.malloc(24, { noscan: true })).nelems)`

describe('the page’s Go version in cells', () => {
  it('is the default for new Runtime()', async () => {
    expect((await run(perSpan, '1.22')).out).toEqual([String(Math.floor(8192 / 24))])
    expect((await run(perSpan, '1.27')).out).toEqual([String(Math.floor((8192 - 128) / 24))])
    const r = await run(perSpan, '1.22')
    expect(r.runtimes[0]?.options.goVersion).toBe('1.22')
  })

  it('gives way to a goVersion the code passes', async () => {
    const r = await run(
      `const rt = new Runtime({ goVersion: '1.27' })\nprint(rt.spanOf(rt.malloc(24, { noscan: true })).nelems)`,
      '1.22',
    )
    expect(r.out).toEqual(['336'])
  })

  it('without one, the core’s default (the newest release) applies', async () => {
    expect((await run(perSpan)).out).toEqual(['336'])
  })
})
