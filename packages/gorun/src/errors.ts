// errors.ts — what can stop a Go program in the interpreter.

/** The program does not compile (syntax, types) or uses something outside the subset. */
export class GoCompileError extends Error {
  readonly line: number
  readonly column: number
  /** The message without the position. */
  readonly detail: string
  constructor(detail: string, line: number, column: number) {
    super(`${detail} (line ${line}, column ${column})`)
    this.name = 'GoCompileError'
    this.detail = detail
    this.line = line
    this.column = column
  }
}

/** A Go panic: the program stops with exit status 2 and Go's panic text. */
export class GoPanic extends Error {
  /** What Go prints after "panic: " (e.g. "runtime error: index out of range [5] with length 3"). */
  readonly value: string
  /** Extra line Go prints after the panic line for nil dereferences ("[signal SIGSEGV: …]"). */
  readonly signal: string | null
  line = 0
  constructor(value: string, signal: string | null = null) {
    super(`panic: ${value}`)
    this.name = 'GoPanic'
    this.value = value
    this.signal = signal
  }
}

/** A fatal error of the Go runtime (out of memory, stack overflow): exit status 2. */
export class GoFatal extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GoFatal'
  }
}

/** The step budget ran out (a loop that does not end). */
export class GoBudgetError extends Error {
  readonly line: number
  constructor(steps: number, line: number) {
    super(`the program ran for more than ${steps} steps without finishing (stopped at line ${line})`)
    this.name = 'GoBudgetError'
    this.line = line
  }
}
