/**
 * Pure helpers for what a cell shows: status lines, error text, the runtime summary, and the
 * local-storage key. No DOM here (cell.ts builds the elements), so all of it is unit-tested.
 */
import type { CellError, RunResult, RuntimeView } from './protocol.ts'
import { en, type UiStrings } from '../lib/strings/en.ts'

/** A cell's interface strings (site/lib/strings); English unless the page passes its own. */
type CellStrings = UiStrings['cell']

/** localStorage key for a cell's edited code: one per page (path) and cell id. */
export function storageKey(pathname: string, cellId: string): string {
  let p = pathname.replace(/\/index\.html$/, '/').replace(/\.html$/, '')
  if (p.length > 1) p = p.replace(/\/+$/, '')
  return `go-alloc-notebook:cell:${p || '/'}#${cellId}`
}

/** 1536 → "1.5 KiB", 8192 → "8 KiB", 64 MiB → "64 MiB"; below 1 KiB the exact byte count. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = Math.abs(n)
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  const sign = n < 0 ? '-' : ''
  if (u === 0) return `${sign}${v} B`
  const s = v >= 100 || Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1).replace(/\.0$/, '')
  return `${sign}${s} ${units[u]}`
}

function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms'
  if (ms < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
}

/** Where an error points, in the reader's words: "line 3", "line 3, column 7", or "". */
export function errorLocation(err: CellError, t: CellStrings = en.cell): string {
  if (err.line === null) return ''
  return err.column !== null ? t.lineColumn(err.line, err.column) : t.line(err.line)
}

/**
 * The error as the output shows it. The simulated runtime's fatal errors read like Go's own
 * (`fatal error: runtime: out of memory ...`); others like JavaScript's (`TypeError: ...`).
 */
export function errorHeadline(err: CellError): string {
  if (err.goFatal) return /^fatal error: /.test(err.message) ? err.message : `fatal error: ${err.message}`
  if (err.name === 'Uncaught') return `Uncaught ${err.message}`
  return `${err.name}: ${err.message}`
}

/** The short status line next to the buttons. */
export function statusLine(r: RunResult, t: CellStrings = en.cell): string {
  switch (r.status) {
    case 'done':
      return t.done(formatDuration(r.elapsedMs), r.truncated)
    case 'error':
      return t.errorOn(r.error ? errorLocation(r.error, t) : '')
    case 'timeout':
      return t.timedOut(formatDuration(r.timeoutMs ?? r.elapsedMs))
  }
}

/** The longer explanation a timed-out run gets in the output area. */
export function timeoutMessage(timeoutMs: number, t: CellStrings = en.cell): string {
  return t.timeoutMessage(formatDuration(timeoutMs))
}

export interface SummaryFigure {
  label: string
  value: string
}

export interface RuntimeSummary {
  heading: string
  figures: SummaryFigure[]
  rows: Array<{
    sizeclass: number
    size: string
    mallocs: number
    frees: number
    live: number
    spans: string
  }>
  /** Non-zero cost counters, the ones the chapters talk about first. */
  counters: SummaryFigure[]
  note: string | null
}

const figureOrder: Array<[key: string, label: string, bytes: boolean]> = [
  ['heapAlloc', 'HeapAlloc', true],
  ['heapInuse', 'HeapInuse', true],
  ['heapIdle', 'HeapIdle', true],
  ['heapReleased', 'HeapReleased', true],
  ['heapSys', 'HeapSys', true],
  ['totalAlloc', 'TotalAlloc', true],
  ['heapObjects', 'HeapObjects', false],
  ['mallocs', 'Mallocs', false],
  ['frees', 'Frees', false],
  ['numGC', 'NumGC', false],
]

/** Counters shown first (the ones the chapters talk about); any others follow alphabetically. */
const counterOrder = [
  'mallocs',
  'tinyHits',
  'nextFreeFast',
  'refills',
  'cacheSpans',
  'uncacheSpans',
  'mcentralGrows',
  'largeAllocs',
  'heapLocks',
  'heapGrows',
]

/** What the summary under the output says about one runtime. */
export function summarizeRuntime(v: RuntimeView, t: CellStrings = en.cell): RuntimeSummary {
  const opts: string[] = []
  if (v.options.gomaxprocs !== null) opts.push(`gomaxprocs ${v.options.gomaxprocs}`)
  if (v.options.goVersion !== null) opts.push(`Go ${v.options.goVersion}`)
  if (v.options.layout !== null) opts.push(`layout ${v.options.layout}`)
  if (v.options.heapLimit !== null) opts.push(`heapLimit ${formatBytes(v.options.heapLimit)}`)
  const heading = t.runtimeHeading(v.index + 1, opts.join(', '))
  const figures: SummaryFigure[] = []
  for (const [key, label, bytes] of figureOrder) {
    const n = v.memStats[key]
    if (typeof n === 'number') figures.push({ label, value: bytes ? formatBytes(n) : String(n) })
  }
  const spans = new Map((v.spansPerClass ?? []).map((s) => [s.sizeclass, s.spans]))
  const rows = v.classes.map((c) => ({
    sizeclass: c.sizeclass,
    size: c.sizeclass === 0 ? t.large : `${c.size} B`,
    mallocs: c.mallocs,
    frees: c.frees,
    live: c.live,
    spans: v.spansPerClass === null ? '–' : String(spans.get(c.sizeclass) ?? 0),
  }))
  const counters: SummaryFigure[] = []
  const order = [...counterOrder, ...Object.keys(v.counters).sort()]
  const done = new Set<string>()
  for (const k of order) {
    if (done.has(k)) continue
    done.add(k)
    const n = v.counters[k]
    if (typeof n === 'number' && n !== 0) counters.push({ label: k, value: String(n) })
  }
  return { heading, figures, rows, counters, note: v.error }
}
