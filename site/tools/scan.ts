/**
 * Shared pieces of the tools' parsers (pure: no DOM, run on the page and in the worker).
 *
 * Every parser reads its text line by line, keeps what it can read and reports each line it
 * cannot as an `Issue` with a 1-based line and column and what it expected there. Parsers never
 * throw on bad text: a failure inside a line becomes an issue, and the rest of the text is read.
 */

/** A problem in the pasted text: where, and what was expected. */
export interface Issue {
  line: number
  column: number
  /** English words for the message; `code` + `args` let the page say it in Chinese too. */
  message: string
  code: IssueCode
  args?: Record<string, string | number>
}

export type IssueCode =
  | 'expected'
  | 'bench-pairs'
  | 'bench-runs'
  | 'gc-number'
  | 'profile-header'
  | 'histogram'
  | 'types-syntax'
  | 'too-many-issues'

/** Progress callback: fraction of the text read, 0..1. */
export type Progress = (fraction: number) => void

/** Stop collecting issues past this many (a wrong paste would otherwise list every line). */
export const maxIssues = 50

/** Calls `fn(line, lineNo)` for each line (1-based), reporting progress every ~64 KiB. */
export function eachLine(
  text: string,
  fn: (line: string, lineNo: number) => void,
  progress?: Progress,
): void {
  let start = 0
  let lineNo = 0
  let nextReport = 65536
  const n = text.length
  while (start <= n) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = n
    let line = text.slice(start, end)
    if (line.endsWith('\r')) line = line.slice(0, -1)
    lineNo++
    fn(line, lineNo)
    start = end + 1
    if (progress && start >= nextReport) {
      progress(Math.min(1, start / Math.max(1, n)))
      nextReport = start + 65536
    }
    if (end === n) break
  }
  progress?.(1)
}

/** A failure inside a line: the column (0-based offset) and what was expected there. */
export class ScanError extends Error {
  readonly offset: number
  readonly expected: string
  constructor(offset: number, expected: string) {
    super(`expected ${expected}`)
    this.offset = offset
    this.expected = expected
  }
}

/** A cursor over one line. Methods throw ScanError with the offset and what was expected. */
export class Scanner {
  pos = 0
  readonly s: string
  constructor(s: string) {
    this.s = s
  }

  get done(): boolean {
    return this.pos >= this.s.length
  }

  ws(): this {
    while (this.pos < this.s.length && (this.s[this.pos] === ' ' || this.s[this.pos] === '\t')) this.pos++
    return this
  }

  /** The literal `lit` (after optional spaces when `skipWs`). */
  lit(lit: string, skipWs = true): this {
    if (skipWs) this.ws()
    if (!this.s.startsWith(lit, this.pos)) throw new ScanError(this.pos, `"${lit}"`)
    this.pos += lit.length
    return this
  }

  /** Is the literal next (after spaces)? Consumes it when it is. */
  maybe(lit: string): boolean {
    const save = this.pos
    this.ws()
    if (this.s.startsWith(lit, this.pos)) {
      this.pos += lit.length
      return true
    }
    this.pos = save
    return false
  }

  /** A decimal number (integer or fraction, optional exponent), named `what` in errors. */
  num(what: string, { integer = false } = {}): number {
    this.ws()
    const re = integer ? /^-?\d+/ : /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/
    const m = re.exec(this.s.slice(this.pos, this.pos + 64))
    if (!m) throw new ScanError(this.pos, what)
    this.pos += m[0].length
    const v = Number(m[0])
    if (!Number.isFinite(v)) throw new ScanError(this.pos - m[0].length, what)
    return v
  }

  /** A run of non-space characters. */
  word(what: string): string {
    this.ws()
    const start = this.pos
    while (this.pos < this.s.length && this.s[this.pos] !== ' ' && this.s[this.pos] !== '\t') this.pos++
    if (this.pos === start) throw new ScanError(start, what)
    return this.s.slice(start, this.pos)
  }

  rest(): string {
    return this.s.slice(this.pos)
  }
}

/** An issue for a ScanError on line `lineNo`, with a short line of context. */
export function issueAt(lineNo: number, e: ScanError, where: string): Issue {
  return {
    line: lineNo,
    column: e.offset + 1,
    message: `${where}: expected ${e.expected}`,
    code: 'expected',
    args: { where, expected: e.expected },
  }
}

/** Median of a non-empty list of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
