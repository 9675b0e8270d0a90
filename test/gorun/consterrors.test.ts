// Compile errors of constant and operator expressions: the interpreter must report the message Go
// 1.27's compiler prints, at Go's line and column (readers compare a cell with `go run`). The
// expected messages are go1.27.4's own output, written down in consterrors.cases.ts.

import { describe, expect, it } from 'vitest'
import { runGo } from '@go-alloc/gorun'
import { constErrorCases, constErrorProgram } from './consterrors.cases.ts'

describe('constant and operator errors print what Go 1.27 prints', () => {
  it('cover every operator on every kind of operand', () => {
    const stmts = constErrorCases.map(([s]) => s).join('\n')
    for (const op of ['+', '-', '*', '/', '%', '&', '|', '^', '&^', '<<', '>>', '&&', '||', '!', '==', '<'])
      expect(stmts, op).toContain(` ${op}`)
    expect(constErrorCases.length).toBeGreaterThan(170)
  })
  for (const [stmt, want] of constErrorCases) {
    it(stmt, () => {
      const r = runGo(constErrorProgram(stmt))
      if (want === null) {
        // Go compiles these: a float divided by a constant zero is +Inf (go run printed it)
        expect(r.compileError).toBeNull()
        expect(r.stdout).toBe('3 2.5 a true 1\n+Inf\n')
        return
      }
      expect(r.compileError, 'a compile error').not.toBeNull()
      const e = r.compileError!
      expect(`${e.line}:${e.column}: ${e.detail}`).toBe(want)
      expect(r.exitCode).toBe(1)
      expect(r.stderr).toBe(`./main.go:${want}\n`)
      expect(r.stdout).toBe('')
      expect(r.allocationCount).toBe(0)
    })
  }
})

describe('lines ending in true or false', () => {
  // @lezer/go once ran such a line into the next one (a syntax error); output from go1.27.4's go run
  const src = `package main

import "fmt"

const debug = false

var ready = true

func check(n int) bool {
	ok := n > 0
	if n == 3 {
		ok = false
	}
	done := true
	_ = done
	return ok
}

func main() {
	flags := []bool{
		true,
		false,
	}
	var p *int = nil
	fmt.Println(debug, ready, check(1), check(3), flags, p == nil)
}
`
  it('end their statement, as Go inserts a semicolon there', () => {
    const r = runGo(src)
    expect(r.compileError).toBeNull()
    expect(r.stdout).toBe('false true true false [true false] true\n')
  })
})
