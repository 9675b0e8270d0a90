/**
 * Benchmarks: `go test -bench . -benchmem` output (the benchfmt text format) → per benchmark the
 * median ns/op, B/op and allocs/op over its `-count` runs, and the combinations of size-class
 * slots that can add up to its B/op.
 *
 * Why slots: Go's B/op is (MemStats.TotalAlloc after − before) ÷ b.N, and TotalAlloc counts each
 * small object's whole slot (the size class's size, malloc header included) and each large
 * object's whole pages; allocs/op is (Mallocs after − before) ÷ b.N. Both are rounded down to an
 * integer. So a benchmark that allocates the same objects every iteration reports B/op equal to a
 * sum of allocs/op slot sizes — 33 requested bytes show as 48 B/op.
 *
 * Format (golang.org/x/perf/benchfmt): configuration lines `key: value` (goos, goarch, pkg, cpu…),
 * result lines `BenchmarkName-P  N  v1 unit1  v2 unit2 …`; everything else (PASS, ok, test logs)
 * is skipped. Two runs to compare are separated by a blank line or a marker line (`---`, `before:`,
 * `after:`, `old:`, `new:`).
 */
import { classToSize, _NumSizeClasses, _PageSize, _MaxSmallSize } from '@go-alloc/core'
import {
  type Issue,
  type Progress,
  Scanner,
  ScanError,
  eachLine,
  issueAt,
  maxIssues,
  median,
} from './scan.ts'

export interface BenchResult {
  /** Full name as printed, with the -P suffix: `BenchmarkParse-8`. */
  name: string
  pkg: string
  /** Lines the runs came from. */
  lines: number[]
  runs: number
  iterations: number
  nsPerOp: number | null
  bytesPerOp: number | null
  allocsPerOp: number | null
}

export interface BenchRun {
  benchmarks: BenchResult[]
  config: Record<string, string>
}

export interface ParsedBench {
  runs: BenchRun[]
  issues: Issue[]
  /** Lines that were neither results, configuration nor a separator (test output, PASS, ok …). */
  skipped: number
}

const marker = /^\s*(?:-{3,}|={3,}|#?\s*(?:before|after|old|new)\s*:?)\s*$/i
const configLine = /^([a-z][^\s:]*):\s*(.*)$/
const benchName = /^Benchmark(?:$|[^a-z])/

/** Reads benchfmt text. Never throws: unreadable result lines become issues. */
export function parseBench(text: string, progress?: Progress): ParsedBench {
  const issues: Issue[] = []
  const runs: {
    byKey: Map<string, { r: BenchResult; ns: number[]; b: number[]; a: number[] }>
    config: Record<string, string>
  }[] = []
  let cur: (typeof runs)[number] | null = null
  let config: Record<string, string> = {}
  let skipped = 0
  let sawBreak = false
  const newRun = () => {
    cur = { byKey: new Map(), config: { ...config } }
    runs.push(cur)
    return cur
  }
  eachLine(
    text,
    (raw, lineNo) => {
      const line = raw.trimEnd()
      if (line.trim() === '' || marker.test(line)) {
        if (cur && cur.byKey.size > 0) sawBreak = true
        return
      }
      const cm = configLine.exec(line)
      if (cm && !line.startsWith('Benchmark')) {
        config[cm[1]] = cm[2].trim()
        if (cur) cur.config[cm[1]] = cm[2].trim()
        return
      }
      if (!benchName.test(line)) {
        skipped++
        return
      }
      const sc = new Scanner(line)
      const name = sc.word('a benchmark name')
      sc.ws()
      // A name alone (printed before a benchmark that logs, or by -v) is not a result.
      if (sc.done || !/^\d/.test(sc.rest())) {
        skipped++
        return
      }
      try {
        const n = sc.num('the iteration count', { integer: true })
        const values = new Map<string, number>()
        while (!sc.ws().done) {
          const v = sc.num('a value (number) before its unit')
          const save = sc.pos
          sc.ws()
          if (sc.done) throw new ScanError(save, `a unit after ${v} (ns/op, B/op, allocs/op …)`)
          const unit = sc.word('a unit')
          if (/^-?[\d.]/.test(unit))
            throw new ScanError(sc.pos - unit.length, `a unit after ${v} (ns/op, B/op, allocs/op …)`)
          values.set(unit, v)
        }
        if (sawBreak || !cur) {
          newRun()
          sawBreak = false
        }
        const run = cur!
        const pkg = config.pkg ?? ''
        const key = `${pkg}\u0000${name}`
        let e = run.byKey.get(key)
        if (!e) {
          e = {
            r: {
              name,
              pkg,
              lines: [],
              runs: 0,
              iterations: 0,
              nsPerOp: null,
              bytesPerOp: null,
              allocsPerOp: null,
            },
            ns: [],
            b: [],
            a: [],
          }
          run.byKey.set(key, e)
        }
        e.r.lines.push(lineNo)
        e.r.runs++
        e.r.iterations += n
        if (values.has('ns/op')) e.ns.push(values.get('ns/op')!)
        if (values.has('B/op')) e.b.push(values.get('B/op')!)
        if (values.has('allocs/op')) e.a.push(values.get('allocs/op')!)
      } catch (err) {
        if (!(err instanceof ScanError)) throw err
        if (issues.length < maxIssues) issues.push(issueAt(lineNo, err, 'benchmark line'))
      }
    },
    progress,
  )
  return {
    runs: runs
      .filter((r) => r.byKey.size > 0)
      .map((r) => ({
        config: r.config,
        benchmarks: [...r.byKey.values()].map(({ r: b, ns, b: by, a }) => ({
          ...b,
          nsPerOp: ns.length ? median(ns) : null,
          bytesPerOp: by.length ? median(by) : null,
          allocsPerOp: a.length ? median(a) : null,
        })),
      })),
    issues,
    skipped,
  }
}

/** Slot sizes an object can occupy: the 67 small classes (8 … 32768 B). */
const smallSlots: readonly number[] = classToSize.slice(1, _NumSizeClasses)

/** The size class of a small slot size, or 0. */
export function classOfSlot(slot: number): number {
  const i = classToSize.indexOf(slot)
  return i > 0 ? i : 0
}

export interface SlotCombos {
  /** Each combination: slot sizes, largest first (a large object as its whole pages). */
  combos: number[][]
  /** How many combinations exist (the list is cut at `limit`). */
  total: number
  /** True when the search was skipped because allocs/op is too large to enumerate. */
  tooMany: boolean
}

/** Largest allocs/op the exhaustive search runs for. */
export const maxComboObjects = 4

/**
 * Every multiset of exactly `count` slots (small class sizes, or large objects of whole pages
 * above 32 KiB) whose sizes add up to `bytes`. Lists the first `limit`, counts up to 10 000.
 */
export function slotCombos(bytes: number, count: number, limit = 8): SlotCombos {
  if (!Number.isInteger(bytes) || !Number.isInteger(count) || bytes <= 0 || count <= 0)
    return { combos: [], total: 0, tooMany: false }
  if (count > maxComboObjects) return { combos: [], total: 0, tooMany: true }
  const cands: number[] = []
  for (let s = Math.floor(bytes / _PageSize) * _PageSize; s > _MaxSmallSize; s -= _PageSize) cands.push(s)
  for (let i = smallSlots.length - 1; i >= 0; i--) if (smallSlots[i] <= bytes) cands.push(smallSlots[i])
  const combos: number[][] = []
  let total = 0
  const cap = 10000
  const pick: number[] = []
  const walk = (from: number, left: number, k: number): void => {
    if (total >= cap) return
    if (k === 0) {
      if (left === 0) {
        total++
        if (combos.length < limit) combos.push([...pick])
      }
      return
    }
    for (let i = from; i < cands.length; i++) {
      const c = cands[i]
      if (c > left) continue
      if (c * k < left) break // the rest are smaller: cannot reach `left`
      if (left - c < 8 * (k - 1)) continue
      pick.push(c)
      walk(i, left - c, k - 1)
      pick.pop()
      if (total >= cap) return
    }
  }
  walk(0, bytes, count)
  return { combos, total, tooMany: false }
}

export interface BenchRow extends BenchResult {
  /** B/op ÷ allocs/op (null without both, or with no allocations). */
  perObject: number | null
  combos: SlotCombos | null
}

export interface BenchChange {
  name: string
  pkg: string
  before: BenchRow
  after: BenchRow
  /** The unique slot combination before and after, when each run has exactly one. */
  beforeSlots: number[] | null
  afterSlots: number[] | null
  /** B/op or allocs/op differ. */
  changed: boolean
  /** Both runs have one combination each, and they differ. */
  classChanged: boolean
}

export interface BenchModel {
  runs: { rows: BenchRow[]; config: Record<string, string> }[]
  changes: BenchChange[]
  issues: Issue[]
  skipped: number
  /** More than two runs were pasted: only the first two are compared. */
  extraRuns: number
}

export function benchRow(b: BenchResult): BenchRow {
  const B = b.bytesPerOp
  const A = b.allocsPerOp
  const perObject = B !== null && A !== null && A > 0 ? B / A : null
  const combos =
    B !== null && A !== null && A > 0 && Number.isInteger(B) && Number.isInteger(A) ? slotCombos(B, A) : null
  return { ...b, perObject, combos }
}

export function benchModel(p: ParsedBench): BenchModel {
  const runs = p.runs.map((r) => ({ config: r.config, rows: r.benchmarks.map(benchRow) }))
  const changes: BenchChange[] = []
  if (runs.length >= 2) {
    const after = new Map(runs[1].rows.map((r) => [`${r.pkg}\u0000${r.name}`, r]))
    for (const b of runs[0].rows) {
      const a = after.get(`${b.pkg}\u0000${b.name}`)
      if (!a) continue
      const only = (r: BenchRow) =>
        r.combos && r.combos.total === 1 ? r.combos.combos[0] : r.allocsPerOp === 0 ? [] : null
      const bs = only(b)
      const as = only(a)
      changes.push({
        name: b.name,
        pkg: b.pkg,
        before: b,
        after: a,
        beforeSlots: bs,
        afterSlots: as,
        changed: b.bytesPerOp !== a.bytesPerOp || b.allocsPerOp !== a.allocsPerOp,
        classChanged: bs !== null && as !== null && bs.join(',') !== as.join(','),
      })
    }
  }
  return { runs, changes, issues: p.issues, skipped: p.skipped, extraRuns: Math.max(0, runs.length - 2) }
}
