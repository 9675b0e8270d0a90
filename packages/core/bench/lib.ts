// Shared pieces of the benchmark runner: the case registry's types, timing, the Go side, formatting.
// Plain TypeScript with erasable syntax only, run directly by Node 22 (type stripping).
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as core from '../src/index.ts'

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
 * then `runs` times timed; `setup` (untimed) prepares each run. Returns ns/op of every timed run.
 */
export function measure<S>(opts: {
  ops: number
  runs: number
  warmup: number
  setup: () => S
  once: (state: S) => unknown
}): number[] {
  const out: number[] = []
  const gc = (globalThis as { gc?: () => void }).gc
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const state = opts.setup()
    gc?.() // with --expose-gc: the previous run's garbage is not collected inside this run's timing
    const t0 = process.hrtime.bigint()
    opts.once(state)
    const dt = Number(process.hrtime.bigint() - t0)
    if (i >= opts.warmup) out.push(dt / opts.ops)
  }
  return out
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
  /** Extra metrics of the last run, e.g. { sizesum: 225356398 }. */
  metrics: Record<string, number>
}

export interface GoBench {
  version: string
  run(benchmark: string, opts: { benchtime: string; count: number }): GoBenchResult
}

const workDir = join(tmpdir(), 'go-alloc-notebook-gobench')

function goEnv(): Record<string, string | undefined> {
  return {
    ...process.env,
    HOME: join(workDir, 'home'),
    GOCACHE: join(workDir, 'gocache'),
    GOPATH: join(workDir, 'gopath'),
    GOPROXY: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '-mod=mod',
    GOWORK: 'off',
    CGO_ENABLED: '0',
  }
}

export function setupGo(): GoBench | { unavailable: string } {
  let bin: string | undefined
  let version = ''
  for (const c of [process.env.GO, 'go', '/usr/bin/go', '/usr/local/go/bin/go']) {
    if (!c) continue
    const r = spawnSync(c, ['env', 'GOVERSION'], { encoding: 'utf8', env: goEnv() })
    if (r.status === 0 && r.stdout.startsWith('go')) {
      bin = c
      version = r.stdout.trim()
      break
    }
  }
  if (!bin) return { unavailable: 'Go toolchain not found (set GO=/path/to/go); Go columns left empty' }
  mkdirSync(workDir, { recursive: true })
  const src = join(benchDir, 'go')
  const h = createHash('sha256').update(version)
  for (const f of readdirSync(src).sort()) h.update(f).update(readFileSync(join(src, f)))
  const testBin = join(workDir, `gobench-${h.digest('hex').slice(0, 16)}.test`)
  if (!existsSync(testBin)) {
    const tmp = `${testBin}.${process.pid}.tmp`
    const r = spawnSync(bin, ['test', '-c', '-o', tmp, '.'], { cwd: src, env: goEnv(), encoding: 'utf8' })
    if (r.status !== 0) return { unavailable: `go test -c failed: ${r.stderr.trim()}` }
    renameSync(tmp, testBin)
  }
  return {
    version,
    run(benchmark, { benchtime, count }) {
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
        { env: { ...process.env, GOGC: 'off', GOMAXPROCS: '1' }, encoding: 'utf8', maxBuffer: 64 << 20 },
      )
      if (r.status !== 0) throw new Error(`Go benchmark ${benchmark} failed:\n${r.stdout}${r.stderr}`)
      const nsPerOp: number[] = []
      let metrics: Record<string, number> = {}
      for (const line of r.stdout.split('\n')) {
        if (!line.startsWith(benchmark)) continue
        // "BenchmarkX[-N] <iters> <v> ns/op [<v> <unit>]..."
        const fields = line.trim().split(/\s+/)
        metrics = {}
        for (let i = 2; i + 1 < fields.length; i += 2) metrics[fields[i + 1]] = Number(fields[i])
        nsPerOp.push(metrics['ns/op'])
      }
      if (nsPerOp.length === 0) throw new Error(`no result line for ${benchmark}:\n${r.stdout}`)
      return { nsPerOp, metrics }
    },
  }
}

/** A fresh simulated runtime (the core's public Runtime). */
/** A simulated runtime for a benchmark: GOGC off unless the case asks, like the Go side's runs. */
export function newRuntime(opts: core.RuntimeOptions): core.Runtime {
  return new core.Runtime({ gogc: 'off', ...opts })
}

/** The core's allocation rules matching a Go toolchain version string (e.g. "go1.19.8"). */
export function coreVersionFor(goVersion: string | undefined): '1.21' | '1.22' {
  const m = /^go1\.(\d+)/.exec(goVersion ?? '')
  return m && Number(m[1]) <= 21 ? '1.21' : '1.22'
}
