/**
 * Messages between the page (site/cells/client.ts) and the cell worker (site/cells/worker.ts).
 *
 * Everything that crosses the boundary is plain, structured-cloneable data: no functions, no class
 * instances. Each message is a member of a discriminated union keyed by `type`, and every message
 * about a run carries the run's `id` so the page can match it to the promise it is waiting on.
 */

import type { AllocRecord } from '@go-alloc/gotypes'

/** Limits on what one run may print. */
export interface OutputLimits {
  /** Most lines kept; later output is dropped and the run is marked truncated. */
  maxLines: number
  /** Most UTF-16 code units kept (a stand-in for bytes; close enough for ASCII-heavy output). */
  maxChars: number
}

/** Milliseconds a run may take before the watchdog stops it, unless the cell sets `timeout`. */
export const defaultCellTimeoutMs = 2000

export const defaultOutputLimits: Readonly<OutputLimits> = Object.freeze({
  maxLines: 200,
  maxChars: 64 * 1024,
})

// ---------------------------------------------------------------------------------------------
// page → worker

/** The language of a cell: TypeScript/JavaScript against the core, or a Go program (gorun). */
export type CellLang = 'ts' | 'go'

export interface RunRequest {
  type: 'run'
  id: number
  /** The reader's code: JavaScript/TypeScript, or a Go program when `lang` is 'go'. */
  code: string
  limits: OutputLimits
  /** Absent means 'ts'. */
  lang?: CellLang
  /**
   * The page's Go version (`<html data-go-version>`): a `new Runtime()` in the cell that names no
   * `goVersion` follows it, and a Go cell's heap follows its rules. Absent: the core's default.
   */
  goVersion?: string
}

export type ToWorker = RunRequest

// ---------------------------------------------------------------------------------------------
// worker → page

/** Sent once when the worker's module has loaded and it can take runs. */
export interface ReadyMessage {
  type: 'ready'
}

/** Sent when the worker begins executing a run (the watchdog counts from here). */
export interface StartedMessage {
  type: 'started'
  id: number
}

export type OutputStream = 'out' | 'err'

/** One or more complete lines of printed output. */
export interface OutputMessage {
  type: 'output'
  id: number
  stream: OutputStream
  text: string
}

/** Where an error came from, in the reader's own line numbers (1-based). */
export interface CellError {
  /** Error class name: 'TypeError', 'RangeError', 'SyntaxError', 'Error', ... */
  name: string
  message: string
  /** The reader's line (1-based) the error points at, when it can be found. */
  line: number | null
  /** 1-based column on that line, when known. */
  column: number | null
  /** True when the message is one of the simulated Go runtime's fatal errors (`runtime: out of memory`). */
  goFatal: boolean
}

/** Plain-data picture of one Runtime the cell created, for the summary under the output. */
export interface RuntimeView {
  /** 0-based creation order within the run. */
  index: number
  options: {
    gomaxprocs: number | null
    goVersion: string | null
    layout: string | null
    heapLimit: number | null
  }
  /** Fields of readMemStats() that are plain numbers. */
  memStats: Record<string, number>
  /** Size classes with any allocation, from readMemStats().bySize. */
  classes: Array<{ sizeclass: number; size: number; mallocs: number; frees: number; live: number }>
  /** Cost counters from readCounters() that are plain numbers and non-zero (locks, refills, ...). */
  counters: Record<string, number>
  /** In-use spans per size class (0 = large objects), when the runtime's snapshot lists its spans. */
  spansPerClass: Array<{ sizeclass: number; spans: number }> | null
  /** Set when reading the runtime's state itself failed. */
  error: string | null
}

/** One allocation of a Go cell, as the heap view lists it: gotypes' record of it (what, where,
 *  which size class and function) without the slot address and the header flag. */
export type GoAllocView = Pick<
  AllocRecord,
  | 'line'
  | 'what'
  | 'type'
  | 'size'
  | 'slot'
  | 'sizeclass'
  | 'spanclass'
  | 'span'
  | 'addr'
  | 'kind'
  | 'noscan'
  | 'fn'
>

/** A span a Go cell's allocations landed in, as it is at the end of the run. */
export interface GoSpanView {
  base: number
  npages: number
  sizeclass: number
  spanclass: number
  elemsize: number
  nelems: number
  allocCount: number
  /** How many of the listed allocations went into it. */
  allocs: number
  /** Freed since (the span went back to the heap): the numbers are from the allocation time. */
  freed: boolean
}

/** What a Go cell allocated: shown beside its output. */
export interface GoHeapView {
  goVersion: string
  /** Every allocation, up to MAX_GO_ALLOCS (see `total`). */
  allocs: GoAllocView[]
  total: number
  spans: GoSpanView[]
}

export interface DoneMessage {
  type: 'done'
  id: number
  status: 'done' | 'error'
  /** Present when status is 'error'. */
  error: CellError | null
  /** True when some output was dropped by the limits. */
  truncated: boolean
  /** Milliseconds spent executing the reader's code (not counting start-up). */
  elapsedMs: number
  runtimes: RuntimeView[]
  /** Go cells: the heap view (null for TypeScript cells). */
  heap?: GoHeapView | null
}

export type FromWorker = ReadyMessage | StartedMessage | OutputMessage | DoneMessage

// ---------------------------------------------------------------------------------------------
// guards (the page trusts only what matches these shapes)

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null
}

export function isFromWorker(x: unknown): x is FromWorker {
  if (!isObject(x)) return false
  switch (x.type) {
    case 'ready':
      return true
    case 'started':
      return typeof x.id === 'number'
    case 'output':
      return (
        typeof x.id === 'number' && (x.stream === 'out' || x.stream === 'err') && typeof x.text === 'string'
      )
    case 'done':
      return (
        typeof x.id === 'number' &&
        (x.status === 'done' || x.status === 'error') &&
        typeof x.truncated === 'boolean' &&
        typeof x.elapsedMs === 'number' &&
        Array.isArray(x.runtimes) &&
        (x.error === null || isObject(x.error))
      )
    default:
      return false
  }
}

export function isToWorker(x: unknown): x is ToWorker {
  return (
    isObject(x) &&
    x.type === 'run' &&
    typeof x.id === 'number' &&
    typeof x.code === 'string' &&
    isObject(x.limits) &&
    typeof x.limits.maxLines === 'number' &&
    typeof x.limits.maxChars === 'number' &&
    (x.lang === undefined || x.lang === 'ts' || x.lang === 'go') &&
    (x.goVersion === undefined || typeof x.goVersion === 'string')
  )
}

// ---------------------------------------------------------------------------------------------
// what a finished run looks like to the page

export type RunStatus = 'done' | 'error' | 'timeout'

export interface RunResult {
  status: RunStatus
  error: CellError | null
  truncated: boolean
  elapsedMs: number
  runtimes: RuntimeView[]
  /** Set for 'timeout': the limit that was exceeded, in ms. */
  timeoutMs?: number
  /** Go cells: what the run allocated. */
  heap?: GoHeapView | null
}
