/**
 * Executes one cell's code. Used only inside the cell worker (site/cells/worker.ts), never on the
 * page thread; it has no worker-specific globals itself, so the same code runs under Vitest in Node.
 *
 * What the reader's code sees as globals:
 * - every export of `@go-alloc/core` (`describeSize`, `sizeToClass`, `classToSize`, ...);
 * - `Runtime`: the core's Runtime, wrapped so the runner knows which runtimes a run created (the
 *   summary under the output), so that a runtime made in a cell has a `heapLimit` of 1 GiB unless
 *   the code passes one (a runaway allocation loop then ends with Go's own "runtime: out of memory"),
 *   and so that it follows the page's Go version (`defaults.goVersion`) unless the code names one;
 * - `print(...values)` and `console.log/info/debug/warn/error` (see format.ts for the layout);
 * - `hex(n)`: `0x`-prefixed hex of a non-negative integer.
 */
import type { Runtime as CoreRuntime } from '@go-alloc/core'
import type { CellError, OutputLimits, OutputStream, RuntimeView } from './protocol.ts'
import { OutputBuffer, formatArgs, hex } from './format.ts'
import {
  BODY_PREFIX,
  CELL_SOURCE_URL,
  CORE_PARAM,
  CellSyntaxError,
  compileCell,
  findCellFrame,
  toCellLine,
} from './transpile.ts'

/** Default heap budget for runtimes created in a cell (bytes). */
export const CELL_HEAP_LIMIT = 2 ** 30

/** At most this many runtimes per run are summarised. */
const MAX_RUNTIME_VIEWS = 4

export interface RunOutcome {
  status: 'done' | 'error'
  error: CellError | null
  truncated: boolean
  elapsedMs: number
  runtimes: RuntimeView[]
}

export interface RunHooks {
  /** Called with each chunk of kept output (whole lines, no trailing newline). */
  output(stream: OutputStream, text: string): void
  /** Called just before the reader's code starts executing. */
  started?(): void
}

type AnyFn = (...args: unknown[]) => Promise<unknown>
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (
  ...args: string[]
) => AnyFn

let headerLinesCache: number | null = null

/**
 * How many lines the engine puts before the body of a `new AsyncFunction(...)`: V8 and
 * SpiderMonkey both wrap the body in a header (`async function anonymous(a,b\n) {\n`), and stack
 * positions count from the start of that wrapper. Measured once, by throwing on body line 1 of a
 * function built exactly the way cells are.
 */
export async function functionHeaderLines(): Promise<number> {
  if (headerLinesCache !== null) return headerLinesCache
  let lines = 0
  try {
    await new AsyncFunction(
      'a',
      'b',
      `${BODY_PREFIX}throw new Error('probe')\n}\n//# sourceURL=${CELL_SOURCE_URL}`,
    )()
  } catch (e) {
    const pos = findCellFrame((e as Error).stack)
    if (pos) lines = pos.line - 1
  }
  headerLinesCache = lines
  return lines
}

const identRe = /^[A-Za-z_$][\w$]*$/

const reserved = new Set([
  'print',
  'console',
  'hex',
  'Runtime',
  CORE_PARAM,
  'arguments',
  'eval',
  'default',
  'await',
  'yield',
])

function errorInfo(e: unknown, cellLines: number, headerLines: number): CellError {
  if (e instanceof CellSyntaxError) {
    return { name: 'SyntaxError', message: e.message, line: e.line, column: e.column, goFatal: false }
  }
  let name = 'Error'
  let message: string
  let stack: string | undefined
  if (e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e)) {
    const err = e as Error
    name = typeof err.name === 'string' && err.name ? err.name : 'Error'
    message = String(err.message)
    stack = typeof err.stack === 'string' ? err.stack : undefined
  } else {
    name = 'Uncaught'
    message = formatArgs([e], { hexAddresses: false })
  }
  let line: number | null = null
  let column: number | null = null
  const pos = findCellFrame(stack)
  if (pos) {
    const mapped = toCellLine(pos, headerLines, cellLines)
    if (mapped) {
      line = mapped.line
      column = mapped.column
    }
  }
  return { name, message, line, column, goFatal: /^(fatal error: )?runtime: /.test(message) }
}

function num(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null
}

function str(x: unknown): string | null {
  return typeof x === 'string' ? x : null
}

/** Plain-data summary of one runtime, for the page. Never throws. */
export function viewOfRuntime(rt: CoreRuntime, index: number, options: unknown): RuntimeView {
  const o = (typeof options === 'object' && options !== null ? options : {}) as Record<string, unknown>
  const view: RuntimeView = {
    index,
    options: {
      gomaxprocs: num(o.gomaxprocs),
      goVersion: str(o.goVersion),
      layout: str(o.layout),
      heapLimit: num(o.heapLimit),
    },
    memStats: {},
    counters: {},
    classes: [],
    spansPerClass: null,
    error: null,
  }
  // Order matters: snapshot() and readCounters() change nothing, readMemStats() flushes the
  // mcaches, so the span picture is taken first, as the cell left it.
  try {
    const counts = new Map<number, number>()
    for (const sp of rt.snapshot().spans) counts.set(sp.sizeclass, (counts.get(sp.sizeclass) ?? 0) + 1)
    view.spansPerClass = [...counts]
      .sort((a, b) => a[0] - b[0])
      .map(([sizeclass, spans]) => ({ sizeclass, spans }))
  } catch {
    // The span picture is optional; the memstats below are the main view.
  }
  try {
    for (const [k, v] of Object.entries(rt.readCounters()))
      if (typeof v === 'number' && v !== 0) view.counters[k] = v
  } catch {
    // optional too
  }
  try {
    const ms = rt.readMemStats()
    for (const [k, v] of Object.entries(ms)) if (typeof v === 'number') view.memStats[k] = v
    ms.bySize.forEach(({ size, mallocs, frees }, sizeclass) => {
      if (mallocs === 0 && frees === 0) return
      view.classes.push({ sizeclass, size, mallocs, frees, live: mallocs - frees })
    })
  } catch (e) {
    view.error = `readMemStats failed: ${(e as Error)?.message ?? String(e)}`
  }
  return view
}

/** Options a cell's `new Runtime(...)` gets when its code does not pass them. */
export interface RuntimeDefaults {
  /** The page's Go version. */
  goVersion?: string
}

/** Runs `code` with the core's exports as globals. Never throws: failures come back as status 'error'. */
export async function runCell(
  code: string,
  core: Record<string, unknown>,
  limits: OutputLimits,
  hooks: RunHooks,
  defaults: RuntimeDefaults = {},
): Promise<RunOutcome> {
  const buffer = new OutputBuffer(limits.maxLines, limits.maxChars)
  const cellLines = code.split('\n').length
  const emit = (stream: OutputStream, values: unknown[], hexAddresses: boolean) => {
    if (buffer.truncated) return
    const kept = buffer.push(formatArgs(values, { hexAddresses }))
    if (kept !== null) hooks.output(stream, kept)
  }
  const print = (...values: unknown[]) => emit('out', values, true)
  const log = (...values: unknown[]) => emit('out', values, false)
  const logErr = (...values: unknown[]) => emit('err', values, false)
  const cellConsole = Object.freeze({ log, info: log, debug: log, warn: logErr, error: logErr })

  const created: Array<{ rt: unknown; options: unknown }> = []
  const Base = core.Runtime as (new (opts?: unknown) => object) | undefined
  let Runtime: unknown = Base
  if (typeof Base === 'function') {
    // A subclass keeps `instanceof`, static members and the class name the reader sees.
    const Tracked = class Runtime extends Base {
      constructor(opts?: unknown) {
        const given = (opts ?? {}) as Record<string, unknown>
        let withDefaults = opts
        if (typeof given === 'object' && given !== null) {
          const filled: Record<string, unknown> = { ...given }
          if (filled.heapLimit === undefined) filled.heapLimit = CELL_HEAP_LIMIT
          if (filled.goVersion === undefined && defaults.goVersion !== undefined)
            filled.goVersion = defaults.goVersion
          withDefaults = filled
        }
        super(withDefaults)
        created.push({ rt: this, options: withDefaults })
      }
    }
    Runtime = Tracked
  }

  const names: string[] = []
  const values: unknown[] = []
  for (const [k, v] of Object.entries(core)) {
    if (!identRe.test(k) || reserved.has(k)) continue
    names.push(k)
    values.push(v)
  }
  names.push('Runtime', 'print', 'console', 'hex', CORE_PARAM)
  const coreForImports = Object.freeze({ ...core, Runtime })
  values.push(Runtime, print, cellConsole, hex, coreForImports)

  let status: 'done' | 'error' = 'done'
  let error: CellError | null = null
  let t0 = 0
  let elapsedMs = 0
  try {
    const body = compileCell(code)
    const fn = new AsyncFunction(...names, body)
    hooks.started?.()
    t0 = performance.now()
    await fn(...values)
    elapsedMs = performance.now() - t0
  } catch (e) {
    if (t0 > 0) elapsedMs = performance.now() - t0
    status = 'error'
    error = errorInfo(e, cellLines, await functionHeaderLines())
  }

  const runtimes = created
    .slice(0, MAX_RUNTIME_VIEWS)
    .map((c, i) => viewOfRuntime(c.rt as CoreRuntime, i, c.options))
  return { status, error, truncated: buffer.truncated, elapsedMs, runtimes }
}
