// Which Go toolchains the ground-truth suite runs against, and that each one can be compared.
// Prints the toolchains found. Under CI=true (as CI runs) every toolchain CI installs must be here:
// a missing one fails, it is never skipped.
import { describe, expect, it } from 'vitest'
import {
  coreVersion,
  describeToolchains,
  expectedToolchains,
  forEachToolchain,
  installedToolchains,
  runTruth,
} from './gotruth.ts'

console.log(describeToolchains())

const ci = process.env.CI === 'true' || process.env.CI === '1'

describe('Go toolchains', () => {
  it('at least one Go toolchain is installed', () => {
    expect(installedToolchains().map((t) => t.version)).not.toEqual([])
  })

  if (ci) {
    for (const minor of expectedToolchains) {
      it(`CI=true: go1.${minor} is installed (/usr/lib/go-1.${minor}/bin/go, from .ci/run)`, () => {
        const have = installedToolchains().map((t) => t.version)
        expect(
          have.some((v) => v === `go1.${minor}` || v.startsWith(`go1.${minor}.`)),
          describeToolchains(),
        ).toBe(true)
      })
    }
  }
})

forEachToolchain('toolchain', (tc) => {
  it('the program built with it runs on that runtime', () => {
    const v = runTruth<{ goVersion: string; goos: string; goarch: string }>(tc, 'version')
    expect(v.goVersion).toBe(tc.version)
    // The core simulates linux/amd64: addresses, arena hints and page sizes are that platform's.
    expect(`${v.goos}/${v.goarch}`).toBe('linux/amd64')
  })

  const expected = tc.minor <= 21 ? '1.21' : `1.${tc.minor}`
  it(`its allocation rules are the core's goVersion '${expected}'`, () => {
    expect(coreVersion(tc)).toBe(expected)
  })
})
