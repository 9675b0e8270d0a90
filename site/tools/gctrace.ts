/**
 * GC traces: the lines `GODEBUG=gctrace=1` prints on stderr, one per collection, read into
 * numbers; then the same allocation and live heap replayed on the simulator under another GOGC.
 *
 * The line (runtime/mgc.go, gcMarkTermination), Go 1.27:
 *   gc 3 @0.012s 2%: 0.01+1.2+0.02 ms clock, 0.05+0.3/1.0/2.1+0.08 ms cpu, 4->5->1 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 8 P
 * — cycle number, seconds since start, percent of CPU spent in GC so far, wall-clock phases
 * (sweep termination + concurrent mark + mark termination), CPU times (assist/background/idle
 * marking), heap at GC start, at GC end and marked live (MB, rounded down), the heap goal, and the
 * stacks and globals scanned (since Go 1.18; earlier releases stop after the goal), the number of
 * Ps; `(forced)` for runtime.GC(). Go 1.27 may add ` (checking for goroutine leaks)` after the percent.
 * Other lines (`GC forced`, `scvg…`, `pacer:`, the program's own output) are skipped.
 */
import { Runtime, type GoVersion, type TraceEvent } from '@go-alloc/core'
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

export interface GcCycle {
  line: number
  n: number
  /** Seconds since the program started. */
  at: number
  cpuPercent: number
  /** Wall-clock ms: sweep termination, concurrent mark, mark termination. */
  clock: [number, number, number]
  heapStart: number
  heapEnd: number
  live: number
  goal: number
  /** MB of stacks and globals scanned (Go 1.18+), null in older formats. */
  stacks: number | null
  globals: number | null
  procs: number
  forced: boolean
}

export interface ParsedGctrace {
  cycles: GcCycle[]
  issues: Issue[]
  skipped: number
}

const gcLine = /^\s*gc\s+\d/

function readCycle(line: string, lineNo: number): GcCycle {
  const s = new Scanner(line)
  s.lit('gc')
  const n = s.num('the cycle number', { integer: true })
  s.lit('@')
  const at = s.num('seconds since start', {})
  s.lit('s', false)
  const cpuPercent = s.num('the GC CPU percentage', { integer: true })
  s.lit('%', false)
  s.maybe('(checking for goroutine leaks)')
  s.lit(':', false)
  const c1 = s.num('sweep-termination clock time (ms)')
  s.lit('+', false)
  const c2 = s.num('concurrent-mark clock time (ms)')
  s.lit('+', false)
  const c3 = s.num('mark-termination clock time (ms)')
  s.lit('ms clock,')
  // CPU times: a+b/c/d+e
  s.num('CPU time (ms)')
  s.lit('+', false)
  s.num('assist CPU time (ms)')
  s.lit('/', false)
  s.num('background-mark CPU time (ms)')
  s.lit('/', false)
  s.num('idle-mark CPU time (ms)')
  s.lit('+', false)
  s.num('mark-termination CPU time (ms)')
  s.lit('ms cpu,')
  const heapStart = s.num('heap size at GC start (MB)', { integer: true })
  s.lit('->', false)
  const heapEnd = s.num('heap size at GC end (MB)', { integer: true })
  s.lit('->', false)
  const live = s.num('live heap (MB)', { integer: true })
  s.lit('MB,')
  const goal = s.num('the heap goal (MB)', { integer: true })
  s.lit('MB goal,')
  let stacks: number | null = null
  let globals: number | null = null
  const save = s.pos
  const first = s.num('stacks (MB) or the number of Ps', { integer: true })
  let procs: number
  if (s.maybe('MB stacks,')) {
    stacks = first
    globals = s.num('globals (MB)', { integer: true })
    s.lit('MB globals,')
    procs = s.num('the number of Ps', { integer: true })
  } else {
    procs = first
    if (!/^\s*P\b/.test(s.rest())) {
      s.pos = save
      s.num('', { integer: true })
      throw new ScanError(s.pos, '"MB stacks," or "P"')
    }
  }
  s.lit('P')
  const forced = s.maybe('(forced)')
  return {
    line: lineNo,
    n,
    at,
    cpuPercent,
    clock: [c1, c2, c3],
    heapStart,
    heapEnd,
    live,
    goal,
    stacks,
    globals,
    procs,
    forced,
  }
}

export function parseGctrace(text: string, progress?: Progress): ParsedGctrace {
  const cycles: GcCycle[] = []
  const issues: Issue[] = []
  let skipped = 0
  eachLine(
    text,
    (line, lineNo) => {
      if (!gcLine.test(line)) {
        if (line.trim() !== '') skipped++
        return
      }
      try {
        cycles.push(readCycle(line, lineNo))
      } catch (e) {
        if (!(e instanceof ScanError)) throw e
        if (issues.length < maxIssues) issues.push(issueAt(lineNo, e, 'gctrace line'))
      }
    },
    progress,
  )
  return { cycles, issues, skipped }
}

const MB = 1 << 20

/**
 * GOGC as the trace's goals imply it: Go 1.18+ sets the goal of cycle n from cycle n−1's marked
 * heap plus its stacks and globals, goal = live + (live + stacks + globals) × GOGC/100, and never
 * below 4 MB × GOGC/100. MB values are rounded down, so only cycles with a live heap of 8 MB or
 * more are used when there are any; otherwise the 4 MB floor is read. Null with fewer than 2 cycles.
 */
export function impliedGogc(cycles: readonly GcCycle[]): number | null {
  const big: number[] = []
  const floor: number[] = []
  for (let i = 1; i < cycles.length; i++) {
    const prev = cycles[i - 1]
    const g = cycles[i].goal
    const base = prev.live + (prev.stacks ?? 0) + (prev.globals ?? 0)
    if (prev.live >= 8 && base > 0) big.push(((g - prev.live) / base) * 100)
    else if (g > 0) floor.push((g / 4) * 100)
  }
  const xs = big.length ? big : floor
  if (!xs.length) return null
  return Math.max(0, Math.round(median(xs)))
}

export interface ReplaySegment {
  /** Bytes the program allocates before this cycle starts (since the previous cycle's end). */
  alloc: number
  /** Live bytes the program keeps while it does. */
  live: number
}

/**
 * The program the trace describes, as allocation segments: before cycle 0 it allocated the heap
 * at cycle 0's start; between cycle n−1 and n it allocated (start of n) − (live after n−1), and
 * during cycle n (end − start); it keeps the live heap cycle n then marks.
 */
export function segmentsOf(cycles: readonly GcCycle[]): ReplaySegment[] {
  const segs: ReplaySegment[] = []
  for (let i = 0; i < cycles.length; i++) {
    const c = cycles[i]
    const before = i === 0 ? c.heapStart : Math.max(0, c.heapStart - cycles[i - 1].live)
    const during = Math.max(0, c.heapEnd - c.heapStart)
    segs.push({ alloc: (before + during) * MB, live: c.live * MB })
  }
  return segs
}

export interface ReplayResult {
  /** The GOGC replayed ('off': no GOGC goal; only with a memory limit). */
  gogc: number | 'off'
  /** The soft memory limit replayed (bytes), or 'off'. */
  memoryLimit: number | 'off'
  cycles: number
  /** Largest heap (bytes) the simulated program reached: HeapAlloc when each cycle started. */
  peakHeap: number
  /**
   * Largest memory the simulated runtime kept mapped and not released (Go's mappedReady, what the
   * limit is on: heap in use, free heap pages not returned to the OS, the runtime's metadata).
   */
  peakMapped: number
  /** Heap at each simulated cycle's start (bytes). */
  starts: number[]
  totalAlloc: number
  objectSize: number
  /** Segments replayed (all unless the allocation was too large to replay whole). */
  segments: number
  /**
   * True when the replay stopped early because the limit made the simulator collect more than
   * `maxReplayCycles` times (a live heap at or above the limit: Go's GC CPU limiter, which the
   * simulator lacks, would let the heap pass the limit instead).
   */
  thrashed: boolean
}

/** Object sizes tried, smallest first; the first that keeps the replay under `maxObjects`. */
const objectSizes = [1024, 4096, 8192, 16384, 32768]
export const maxReplayObjects = 150_000
/** A replay under a memory limit stops after this many simulated collections. */
export const maxReplayCycles = 2000

/**
 * Replay the segments on the simulator: the program allocates pointer-free objects (one size
 * class, chosen so the whole replay stays under 150 000 objects), keeps the newest ones up to the
 * segment's live bytes and drops the rest, while the core's pacer collects by itself at its heap
 * goal under `gogc` and, when given, the soft memory limit `memoryLimit` (bytes): the goal is then
 * the smaller of the GOGC goal and the memory-limit goal, and the scavenger returns memory to keep
 * mapped memory under the limit. The core does not count stacks or globals toward the goal and
 * marks instantly (a cycle starts at the goal, not before it as Go's concurrent pacer does); it
 * has no GC CPU limiter, so a live heap above the limit collects at every chance — the replay
 * stops after `maxReplayCycles` collections and says so (`thrashed`).
 */
export function replay(
  segs: readonly ReplaySegment[],
  gogc: number | 'off',
  goVersion: GoVersion,
  memoryLimit: number | 'off' = 'off',
): ReplayResult {
  const total = segs.reduce((s, x) => s + x.alloc, 0)
  let objectSize = objectSizes[objectSizes.length - 1]
  for (const s of objectSizes)
    if (total / s <= maxReplayObjects) {
      objectSize = s
      break
    }
  let used = segs.length
  let sum = 0
  for (let i = 0; i < segs.length; i++) {
    sum += segs[i].alloc
    if (sum / objectSize > maxReplayObjects) {
      used = i
      break
    }
  }
  const rt = new Runtime({ goVersion, gogc, memoryLimit, heapBase: 'fixed' })
  const starts: number[] = []
  rt.subscribe((ev: TraceEvent) => {
    if (ev.type === 'gcStart') starts.push(ev.heapLive)
  })
  let peakMapped = rt.mappedReady()
  const ring: number[] = []
  let head = 0
  let liveBytes = 0
  let totalAlloc = 0
  let thrashed = false
  outer: for (let i = 0; i < used; i++) {
    const { alloc, live } = segs[i]
    const n = Math.round(alloc / objectSize)
    for (let k = 0; k < n; k++) {
      ring.push(rt.malloc(objectSize, { noscan: true }))
      const mapped = rt.mappedReady()
      if (mapped > peakMapped) peakMapped = mapped
      liveBytes += objectSize
      totalAlloc += objectSize
      while (liveBytes > live && head < ring.length) {
        rt.drop(ring[head++])
        liveBytes -= objectSize
      }
      if (head > 65536 && head * 2 > ring.length) {
        ring.splice(0, head)
        head = 0
      }
      if (starts.length > maxReplayCycles) {
        thrashed = true
        used = i + 1
        break outer
      }
    }
  }
  const end = rt.readMemStats().heapAlloc
  return {
    gogc,
    memoryLimit,
    cycles: starts.length,
    peakHeap: Math.max(end, ...starts),
    peakMapped,
    starts,
    totalAlloc,
    objectSize,
    segments: used,
    thrashed,
  }
}

/** The configuration the trace is compared with: GOGC (a number or 'off') and GOMEMLIMIT. */
export interface CompareConfig {
  gogc: number | 'off'
  /** Bytes, or 'off'. */
  memoryLimit: number | 'off'
}

export interface GctraceModel {
  cycles: GcCycle[]
  issues: Issue[]
  skipped: number
  impliedGogc: number | null
  /** Bytes allocated over the trace (from the segments) and seconds it covers. */
  totalAlloc: number
  seconds: number
  /** The trace's own peak (largest heap at GC end, bytes). */
  peakHeap: number
  forced: number
  /** Replays at the implied GOGC (or 100) without a limit, and under the compared configuration. */
  base: ReplayResult | null
  other: ReplayResult | null
}

export function gctraceModel(
  p: ParsedGctrace,
  compare: number | CompareConfig,
  goVersion: GoVersion,
): GctraceModel {
  const cfg: CompareConfig = typeof compare === 'number' ? { gogc: compare, memoryLimit: 'off' } : compare
  const cycles = p.cycles
  const g = impliedGogc(cycles)
  const segs = segmentsOf(cycles)
  const forced = cycles.filter((c) => c.forced).length
  return {
    cycles,
    issues: p.issues,
    skipped: p.skipped,
    impliedGogc: g,
    totalAlloc: segs.reduce((s, x) => s + x.alloc, 0),
    seconds: cycles.length ? cycles[cycles.length - 1].at : 0,
    peakHeap: cycles.reduce((m, c) => Math.max(m, c.heapEnd, c.heapStart), 0) * MB,
    forced,
    base: cycles.length ? replay(segs, g ?? 100, goVersion) : null,
    other: cycles.length ? replay(segs, cfg.gogc, goVersion, cfg.memoryLimit) : null,
  }
}
