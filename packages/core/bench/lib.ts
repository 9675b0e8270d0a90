// Shared pieces of the benchmark runner: the case registry's types, timing, the Go side, formatting.
// Plain TypeScript with erasable syntax only, run directly by Node 22 (type stripping).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as core from '../src/index.ts'
import { goVersions } from '../src/constants.ts'

export const benchDir = dirname(fileURLToPath(import.meta.url))

// ---------------------------------------------------------------------------------------------
// Registry. A bench case is one file in ./cases exporting `default` of type BenchCase.

export interface BenchCase {
  /** Short id used by --only/--skip, e.g. "malloc24". */
  name: string
  /** One line saying what is measured. */
  title: string
  /** Runs first when smaller (ties: by name). */
  order?: number
  /** Takes long or much memory; still runs by default, skip with --skip <name>. */
  heavy?: boolean
  run(ctx: BenchContext): Promise<BenchOutcome> | BenchOutcome
}

export interface BenchContext {
  core: typeof core
  /** --quick: fewer and shorter runs (a smoke test of the harness, figures are rough). */
  quick: boolean
  /** The Go side, or null with the reason when Go is not available. */
  go: GoBench | { unavailable: string }
  log(line: string): void
}

export interface Target {
  label: string
  ok: boolean
  detail: string
}

export interface BenchOutcome {
  /** Rows printed as a table: first row is the header. */
  table: string[][]
  targets: Target[]
  notes?: string[]
}

// ---------------------------------------------------------------------------------------------
// Timing.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/**
 * Runs `once` (which performs `ops` operations and returns nothing useful) `warmup` times untimed,
 * then `runs` times timed; `setup` (untimed) prepares each run. Returns ns/op of every timed run:
 * wall-clock time, and the process's CPU time (user + system, V8's helper threads included).
 * On a loaded machine the CPU time is the steadier figure: waiting for a core is not counted.
 */
export function measureBoth<S>(opts: {
  ops: number
  runs: number
  warmup: number
  setup: () => S
  once: (state: S) => unknown
}): { wall: number[]; cpu: number[] } {
  const wall: number[] = []
  const cpu: number[] = []
  const gc = (globalThis as { gc?: () => void }).gc
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const state = opts.setup()
    gc?.() // with --expose-gc: the previous run's garbage is not collected inside this run's timing
    const c0 = process.cpuUsage()
    const t0 = process.hrtime.bigint()
    opts.once(state)
    const dt = Number(process.hrtime.bigint() - t0)
    const c = process.cpuUsage(c0)
    if (i >= opts.warmup) {
      wall.push(dt / opts.ops)
      cpu.push(((c.user + c.system) * 1000) / opts.ops)
    }
  }
  return { wall, cpu }
}

/** measureBoth's wall-clock figures only. */
export function measure<S>(opts: Parameters<typeof measureBoth<S>>[0]): number[] {
  return measureBoth(opts).wall
}

/** A ratio as "1.23×", or "—" when either side is missing. */
export function fmtRatio(r: number): string {
  return Number.isFinite(r) ? `${r.toFixed(2)}×` : '—'
}

export function fmtNs(ns: number): string {
  if (!Number.isFinite(ns)) return '—'
  return ns >= 100 ? `${ns.toFixed(0)} ns/op` : `${ns.toFixed(1)} ns/op`
}

export function fmtBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB']
  let u = 0
  while (Math.abs(n) >= 1024 && u < units.length - 1) {
    n /= 1024
    u++
  }
  return `${n.toFixed(u === 0 ? 0 : 1)} ${units[u]}`
}

/** xorshift32 (same constants as bench/go/alloc_test.go and test/go-truth). */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1
  return () => {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    return x
  }
}

// ---------------------------------------------------------------------------------------------
// The Go side: bench/go is compiled once (`go test -c`, cached in os.tmpdir() by source hash and
// Go version) and its benchmarks run with GOGC=off and GOMAXPROCS=1 (one P, like the simulator).

export interface GoBenchResult {
  /** ns/op of each -count run. */
  nsPerOp: number[]
  /** CPU time (user + system, all of the process's threads) per op of each run, when the
   *  benchmark reports it (metric "cpu-ns/op"); else empty. */
  cpuNsPerOp: number[]
  /** Extra metrics of the last run, e.g. { sizesum: 225356398 }. */
  metrics: Record<string, number>
}

export interface GoBench {
  /** e.g. "go1.27.4" */
  version: string
  /** The `go` command used, e.g. /usr/lib/go-1.27/bin/go. */
  bin: string
  /** Runs one benchmark of go/alloc_test.go; env overrides GOGC=off, GOMAXPROCS=1. */
  run(
    benchmark: string,
    opts: { benchtime: string; count: number; env?: Record<string, string> },
  ): GoBenchResult
}

const workDir = join(tmpdir(), 'go-alloc-notebook-gobench')

/**
 * The environment for the `go` command everywhere this repository runs Go (the benchmarks and the
 * ground-truth tests): offline (no module proxy, no toolchain download), no cgo, no workspace, and
 * HOME, GOCACHE and GOPATH under `dir`, a writable directory of the caller's.
 */
export function offlineGoEnv(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: join(dir, 'home'),
    GOCACHE: join(dir, 'gocache'),
    GOPATH: join(dir, 'gopath'),
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
    GOWORK: 'off',
    CGO_ENABLED: '0',
  }
}

export interface GoToolchainInfo {
  /** Path of the `go` command. */
  bin: string
  /** e.g. "go1.27.4" */
  version: string
  /** Minor version number, e.g. 27. */
  minor: number
}

/**
 * Every Go toolchain on this machine: Debian's versioned ones (/usr/lib/go-1.NN/bin/go), `$GO`,
 * `go` on PATH and the usual install paths; one per version (the first path found wins), oldest
 * first. Each runs with GOTOOLCHAIN=local, so a toolchain reports its own version.
 */
export function findGoToolchains(): GoToolchainInfo[] {
  const candidates: string[] = []
  if (process.env.GO) candidates.push(process.env.GO)
  try {
    const debian = readdirSync('/usr/lib')
      .filter((d) => /^go-1\.\d+$/.test(d))
      .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))
    for (const d of debian) candidates.push(join('/usr/lib', d, 'bin', 'go'))
  } catch {
    // no /usr/lib (not Debian-like): only $GO and PATH below
  }
  candidates.push('go', '/usr/bin/go', '/usr/local/go/bin/go')
  const byVersion = new Map<string, GoToolchainInfo>()
  for (const bin of candidates) {
    const r = spawnSync(bin, ['version'], { encoding: 'utf8', env: { ...process.env, GOTOOLCHAIN: 'local' } })
    // "go version go1.27.4 linux/amd64"
    const m = r.status === 0 ? /^go version (go1\.(\d+)\S*)/.exec(r.stdout) : null
    if (!m || byVersion.has(m[1])) continue
    byVersion.set(m[1], { bin, version: m[1], minor: Number(m[2]) })
  }
  return [...byVersion.values()].sort((a, b) => a.minor - b.minor || a.version.localeCompare(b.version))
}

/**
 * The Go toolchain the benchmarks compare with: `$GO` when set, else Go 1.27 when installed
 * (/usr/lib/go-1.27/bin/go), else the newest found.
 */
export function benchGoToolchain(): GoToolchainInfo | undefined {
  const all = findGoToolchains()
  if (process.env.GO) {
    const own = all.find((t) => t.bin === process.env.GO)
    if (own) return own
  }
  return all.find((t) => t.minor === 27) ?? all[all.length - 1]
}

export function setupGo(): GoBench | { unavailable: string } {
  const tc = benchGoToolchain()
  if (!tc)
    return {
      unavailable:
        'Go toolchain not found (tried /usr/lib/go-1.*/bin/go, $GO, go on PATH); Go columns left empty',
    }
  const { bin, version } = tc
  mkdirSync(workDir, { recursive: true })
  const src = join(benchDir, 'go')
  const h = createHash('sha256').update(version)
  for (const f of readdirSync(src).sort()) h.update(f).update(readFileSync(join(src, f)))
  const testBin = join(workDir, `gobench-${h.digest('hex').slice(0, 16)}.test`)
  if (!existsSync(testBin)) {
    const tmp = `${testBin}.${process.pid}.tmp`
    const r = spawnSync(bin, ['test', '-c', '-o', tmp, '.'], {
      cwd: src,
      env: offlineGoEnv(workDir),
      encoding: 'utf8',
    })
    if (r.status !== 0) return { unavailable: `go test -c failed: ${r.stderr.trim()}` }
    renameSync(tmp, testBin)
  }
  return {
    version,
    bin,
    run(benchmark, { benchtime, count, env }) {
      const r = spawnSync(
        testBin,
        [
          '-test.run',
          '^$',
          '-test.bench',
          `^${benchmark}$`,
          '-test.benchtime',
          benchtime,
          '-test.count',
          String(count),
        ],
        {
          env: { ...process.env, GOGC: 'off', GOMAXPROCS: '1', ...env },
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        },
      )
      if (r.status !== 0) throw new Error(`Go benchmark ${benchmark} failed:\n${r.stdout}${r.stderr}`)
      const nsPerOp: number[] = []
      const cpuNsPerOp: number[] = []
      let metrics: Record<string, number> = {}
      for (const line of r.stdout.split('\n')) {
        if (!line.startsWith(benchmark)) continue
        // "BenchmarkX[-N] <iters> <v> ns/op [<v> <unit>]..."
        const fields = line.trim().split(/\s+/)
        metrics = {}
        for (let i = 2; i + 1 < fields.length; i += 2) metrics[fields[i + 1]] = Number(fields[i])
        nsPerOp.push(metrics['ns/op'])
        if ('cpu-ns/op' in metrics) cpuNsPerOp.push(metrics['cpu-ns/op'])
      }
      if (nsPerOp.length === 0) throw new Error(`no result line for ${benchmark}:\n${r.stdout}`)
      return { nsPerOp, cpuNsPerOp, metrics }
    },
  }
}

/** A fresh simulated runtime (the core's public Runtime). */
/** A simulated runtime for a benchmark: GOGC off unless the case asks, like the Go side's runs. */
export function newRuntime(opts: core.RuntimeOptions): core.Runtime {
  return new core.Runtime({ gogc: 'off', ...opts })
}

/**
 * The core's `goVersion` whose rules match a Go toolchain ("go1.19.8" → '1.21', "go1.27.4" → '1.27'):
 * Go 1.15–1.21 share the pre-header rules of '1.21' (the 68-class table exists since 1.15); from
 * 1.22 each release is its own goVersion. A release the core does not know (older than 1.15, or
 * newer than the newest entry of `goVersions`) is a RangeError saying so.
 */
export function coreVersionFor(goVersion: string): core.GoVersion {
  const m = /^go1\.(\d+)/.exec(goVersion)
  if (!m) throw new RangeError(`cannot read a Go release from ${JSON.stringify(goVersion)}`)
  const minor = Number(m[1])
  if (minor < 15)
    throw new RangeError(`${goVersion} is older than Go 1.15, whose 68-class size table the core simulates`)
  const v = minor <= 21 ? '1.21' : `1.${minor}`
  const known = goVersions as readonly string[]
  if (!known.includes(v))
    throw new RangeError(
      `${goVersion} needs the core's goVersion '${v}', which the core does not know ` +
        `(its goVersions: ${known.join(', ')})`,
    )
  return v as core.GoVersion
}

/** The core's goVersion for a bench run: the compared Go's (see coreVersionFor), else the core's default. */
export function benchCoreVersion(go: BenchContext['go']): core.GoVersion | undefined {
  return 'version' in go ? coreVersionFor(go.version) : undefined
}

/**
 * The outcome of a case measured on both sides: one table row with CPU time per op on each side
 * (the ratio and the target use these), wall-clock time per op on each side, and any extra columns;
 * notes list every run. `sim` null: the simulator failed (`simError`); `go` null: no Go.
 */
export function sideBySide(opts: {
  workload: string
  unit: string
  sim: { wall: number[]; cpu: number[] } | null
  simError?: string
  go: GoBenchResult | null
  target: { label: string; max: number }
  extra?: { header: string; sim: string; go: string }[]
}): BenchOutcome {
  const { sim, go } = opts
  const simCpu = sim ? median(sim.cpu) : NaN
  const goCpuRuns = go ? (go.cpuNsPerOp.length ? go.cpuNsPerOp : go.nsPerOp) : []
  const goCpu = goCpuRuns.length ? median(goCpuRuns) : NaN
  const ratio = simCpu / goCpu
  const fmt = (ns: number) => fmtNs(ns).replace('ns/op', `ns/${opts.unit}`)
  const runs = (xs: number[]) => xs.map((x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1))).join(', ')
  const extra = opts.extra ?? []
  const notes: string[] = []
  if (sim) notes.push(`runs, simulator: CPU ${runs(sim.cpu)}; wall ${runs(sim.wall)} ns/${opts.unit}`)
  else notes.push(`simulator not measured: ${opts.simError ?? 'unknown error'}`)
  if (go) notes.push(`runs, Go: CPU ${runs(go.cpuNsPerOp)}; wall ${runs(go.nsPerOp)} ns/${opts.unit}`)
  return {
    table: [
      [
        'workload',
        'simulator CPU',
        'Go CPU',
        'simulator / Go',
        'simulator wall',
        'Go wall',
        ...extra.map((e) => e.header),
      ],
      [
        opts.workload,
        fmt(simCpu),
        fmt(goCpu),
        fmtRatio(ratio),
        fmt(sim ? median(sim.wall) : NaN),
        fmt(go ? median(go.nsPerOp) : NaN),
        ...extra.map((e) => `${e.sim} / ${e.go}`),
      ],
    ],
    targets: [
      {
        label: `${opts.target.label} ≤ ${opts.target.max}× Go`,
        ok: ratio <= opts.target.max,
        detail: !sim
          ? 'simulator not measured'
          : !go
            ? 'no Go figure'
            : `${fmtRatio(ratio)} (CPU time per ${opts.unit}, medians)`,
      },
    ],
    notes,
  }
}
