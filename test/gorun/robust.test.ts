// Bad programs never crash the interpreter: every mutation of a valid program (a token deleted or
// replaced) either runs, panics, or stops with a compile error at a line and column inside the source.
import { describe, expect, it } from 'vitest'
import { runGo } from '@go-alloc/gorun'
import { generateProgram } from '../go-truth/gocellgen.ts'

describe('mutated programs', () => {
  it('end in an answer, a panic or a positioned compile error, never a JavaScript exception', () => {
    let compileErrors = 0
    for (let seed = 0; seed < 12; seed++) {
      const src = generateProgram(seed)
      const toks = src.split(/(\s+)/)
      for (let k = 0; k < 12; k++) {
        const i = (seed * 7919 + k * 104729) % toks.length
        for (const v of [
          toks
            .slice(0, i)
            .concat(toks.slice(i + 1))
            .join(''),
          toks
            .slice(0, i)
            .concat(['x'], toks.slice(i + 1))
            .join(''),
        ]) {
          const r = runGo(v, { maxSteps: 200_000 })
          expect([0, 1, 2, -1]).toContain(r.exitCode)
          if (r.compileError !== null) {
            compileErrors++
            const lines = v.split('\n')
            expect(r.compileError.line).toBeGreaterThanOrEqual(1)
            expect(r.compileError.line).toBeLessThanOrEqual(lines.length)
            expect(r.compileError.column).toBeGreaterThanOrEqual(1)
          }
        }
      }
    }
    expect(compileErrors).toBeGreaterThan(50)
  }, 60_000)
})

describe('a cell that does not compile', () => {
  it('leaves nothing behind: the same error again, and the next program runs as if it were the first', () => {
    const good = generateProgram(3)
    const first = runGo(good)
    const bad = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tx := 7.0 % 2.0\n\tfmt.Println(x)\n}\n'
    const a = runGo(bad)
    const b = runGo(bad)
    expect(a.exitCode).toBe(1)
    expect(a.stderr).toBe(
      './main.go:6:7: invalid operation: operator % not defined on 7.0 (untyped float constant 7)\n',
    )
    expect(b.stderr).toBe(a.stderr)
    expect(a.allocationCount).toBe(0)
    expect(a.rt.readMemStats().heapObjects).toBe(0)
    const again = runGo(good)
    expect(again.stdout).toBe(first.stdout)
    expect(again.allocationCount).toBe(first.allocationCount)
  })
})
