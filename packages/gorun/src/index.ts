// Public entry of @go-alloc/gorun: run a Go program of the subset on the simulated heap.
// See packages/gorun/README.md.

import { Runtime, type GoVersion } from '@go-alloc/core'
import type { AllocRecord } from '@go-alloc/gotypes'
import { GoBudgetError, GoCompileError, GoFatal, GoPanic } from './errors.ts'
import { Interp } from './interp.ts'
import { utf8Decode } from './values.ts'

export { GoBudgetError, GoCompileError, GoFatal, GoPanic } from './errors.ts'
export { memStatsType } from './interp.ts'
export { sprintf, formatFloatV, quoteString } from './fmt.ts'

export interface RunOptions {
  /** The Go version whose allocator rules the simulated heap follows (default: the core's default). */
  goVersion?: GoVersion
  /** Stop after this many statements and loop iterations (default 20 million). */
  maxSteps?: number
  /** Cap on the simulated heap (HeapInuse bytes; default 1 GiB): past it Go's out-of-memory error. */
  heapLimit?: number
  /** Called with each piece of output as it is printed (text, UTF-8 decoded). */
  onOutput?: (text: string, stream: 'out' | 'err') => void
  /** Name of the source file in panic traces (default "main.go"). */
  fileName?: string
  /** Also print compile errors, panics and fatal errors to stderr, as `go run` does (default true). */
  reportErrors?: boolean
}

export interface RunResult {
  /** Everything the program printed to standard output. */
  stdout: string
  /** Standard error: panics, fatal errors, the builtin print/println. */
  stderr: string
  /** 0 when main returned, 2 after a panic or fatal error, 1 when it did not compile, -1 when the step budget ran out. */
  exitCode: number
  /** The compile error (syntax, types, constructs outside the subset), if any. */
  compileError: GoCompileError | null
  /** The panic that ended the program, if any. */
  panic: GoPanic | null
  /** The step budget ran out. */
  budget: GoBudgetError | null
  /** The program's allocations in order: the first 10 000 (see allocationCount). */
  allocations: AllocRecord[]
  /** How many allocations the program made in all. */
  allocationCount: number
  /** Allocations past the first 10 000, counted per span base address. */
  moreAllocationsBySpan: Map<number, { n: number; sizeclass: number; spanclass: number; slot: number }>
  /** The Runtime the program ran on (inspect spans, MemStats, …). */
  rt: Runtime
  /** Statements executed. */
  steps: number
}

/** Compile and run a Go program. Never throws for problems in the program itself. */
export function runGo(src: string, opts: RunOptions = {}): RunResult {
  if (typeof src !== 'string') throw new TypeError('src must be a string of Go source')
  const rt = new Runtime({ goVersion: opts.goVersion, heapLimit: opts.heapLimit ?? 1 << 30 })
  let stdout = ''
  let stderr = ''
  const emit = (text: string, stream: 'out' | 'err'): void => {
    if (stream === 'out') stdout += text
    else stderr += text
    opts.onOutput?.(text, stream)
  }
  const interp = new Interp(src, rt, {
    maxSteps: opts.maxSteps ?? 20_000_000,
    write: (bytes) => {
      if (bytes.startsWith('\u0000err')) emit(utf8Decode(bytes.slice(4)), 'err')
      else emit(utf8Decode(bytes), 'out')
    },
  })
  const file = opts.fileName ?? 'main.go'
  const report = (text: string): void => {
    if (opts.reportErrors !== false) emit(text, 'err')
  }
  const result = (exitCode: number, extra: Partial<RunResult>): RunResult => {
    interp.trimRecords()
    return build(exitCode, extra)
  }
  const build = (exitCode: number, extra: Partial<RunResult>): RunResult => ({
    stdout,
    stderr,
    exitCode,
    compileError: null,
    panic: null,
    budget: null,
    allocations: interp.heap.records,
    allocationCount: interp.heap.records.length + interp.extraAllocs,
    moreAllocationsBySpan: interp.extraSpans,
    rt,
    steps: interp.steps,
    ...extra,
  })
  try {
    interp.compile()
  } catch (e) {
    if (e instanceof GoCompileError) {
      report(`./${file}:${e.line}:${e.column}: ${e.detail}\n`)
      return result(1, { compileError: e, stdout, stderr })
    }
    throw e
  }
  try {
    interp.run()
    return result(0, {})
  } catch (e) {
    if (e instanceof GoPanic) {
      e.line = interp.stack[interp.stack.length - 1]?.line ?? 0
      let trace = `panic: ${e.value}\n`
      if (e.signal !== null) trace += e.signal + '\n'
      trace += '\ngoroutine 1 [running]:\n'
      for (let i = interp.stack.length - 1; i >= 0; i--) {
        const fr = interp.stack[i]
        if (fr.fn === null) continue
        trace += `main.${fr.fn.name}(${fr.fn.params.length > 0 ? '...' : ''})\n\t${file}:${fr.line}\n`
      }
      trace += 'exit status 2\n'
      report(trace)
      return result(2, { panic: e, stderr, stdout })
    }
    if (e instanceof GoFatal) {
      report(
        `runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: ${e.message}\nexit status 2\n`,
      )
      return result(2, {})
    }
    if (e instanceof GoBudgetError) {
      report(`stopped: ${e.message}\n`)
      return result(-1, { budget: e })
    }
    if (e instanceof Error && e.name === 'OutOfMemoryError') {
      report(`fatal error: ${e.message}\nexit status 2\n`)
      return result(2, {})
    }
    if (e instanceof Error && e.name === 'GoRuntimeError') {
      // a panic raised inside the allocation helpers (makeslice: len out of range, …)
      const p = new GoPanic(e.message)
      report(`panic: ${e.message}\n\ngoroutine 1 [running]:\nexit status 2\n`)
      return result(2, { panic: p })
    }
    throw e
  }
}
