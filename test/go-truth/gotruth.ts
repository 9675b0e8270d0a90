// Helpers for the ground-truth suite: find the Go toolchain, build test/go-truth/go once (cached in
// os.tmpdir() by a hash of its sources and the Go version), run its commands, and load the core.
//
// A missing Go toolchain is an error, not a skip: CI installs Go, and a suite that silently skips
// would prove nothing. Set GO=/path/to/go to use a toolchain that is not on PATH.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as core from '@go-alloc/core'
import { xorshift32 } from '../../packages/core/bench/lib.ts'

const here = dirname(fileURLToPath(import.meta.url))
const goSrcDir = join(here, 'go')
const workDir = join(tmpdir(), 'go-alloc-notebook-gotruth')

/** Environment for `go build`: offline, no toolchain switching, caches in a writable tmp dir. */
function goEnv(): NodeJS.ProcessEnv {
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

/** Environment for running the built program: no GC unless asked for, one P (one mcache). */
function runEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOGC: 'off', GOMAXPROCS: '1', GODEBUG: '' }
}

function findGo(): string {
  const candidates = [process.env.GO, 'go', '/usr/bin/go', '/usr/local/go/bin/go', '/usr/lib/go/bin/go']
  for (const c of candidates) {
    if (!c) continue
    const r = spawnSync(c, ['version'], { encoding: 'utf8' })
    if (r.status === 0 && r.stdout.startsWith('go version')) return c
  }
  throw new Error(
    'go-truth: the Go toolchain was not found (tried $GO, `go` on PATH, /usr/bin/go, /usr/local/go/bin/go). ' +
      'This suite compares the simulator with the real Go runtime and cannot run without it: install Go ' +
      '(Debian: apt-get install golang-go) or set GO=/path/to/go.',
  )
}

export interface GoToolchain {
  bin: string
  /** e.g. "go1.19.8" */
  version: string
  /** minor version number, e.g. 19 */
  minor: number
  /** The core's allocation rules that match this toolchain's runtime. */
  coreVersion: core.GoVersion
}

let toolchain: GoToolchain | undefined
let binary: string | undefined

export function goToolchain(): GoToolchain {
  if (toolchain) return toolchain
  const bin = findGo()
  mkdirSync(workDir, { recursive: true })
  const out = execFileSync(bin, ['env', 'GOVERSION'], { env: goEnv(), encoding: 'utf8' }).trim()
  const m = /^go1\.(\d+)/.exec(out)
  if (!m) throw new Error(`go-truth: cannot parse the Go version ${JSON.stringify(out)}`)
  const minor = Number(m[1])
  if (minor < 15) {
    throw new Error(
      `go-truth: ${out} is too old; the 68-class size table the core simulates exists since Go 1.15`,
    )
  }
  // Go 1.15–1.21: no allocation headers, small objects up to 32768 B. Go 1.22+: headers, cut-off 32760.
  toolchain = { bin, version: out, minor, coreVersion: minor <= 21 ? '1.21' : '1.22' }
  return toolchain
}

/** Builds the truth program (once per source hash and Go version) and returns the binary's path. */
export function buildTruth(): string {
  if (binary) return binary
  const tc = goToolchain()
  const h = createHash('sha256').update(tc.version)
  for (const f of readdirSync(goSrcDir).sort()) {
    if (f.endsWith('.go') || f === 'go.mod') h.update(f).update(readFileSync(join(goSrcDir, f)))
  }
  const out = join(workDir, `gotruth-${h.digest('hex').slice(0, 16)}`)
  if (!existsSync(out)) {
    const tmp = `${out}.${process.pid}.tmp`
    const r = spawnSync(tc.bin, ['build', '-o', tmp, '.'], { cwd: goSrcDir, env: goEnv(), encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`go-truth: go build failed:\n${r.stderr}${r.stdout}`)
    renameSync(tmp, out) // atomic: parallel test files may build at the same time
  }
  binary = out
  return out
}

/** Runs one command of the truth program with a JSON request and returns its JSON answer. */
export function runTruth<T>(command: string, request: unknown = {}): T {
  const bin = buildTruth()
  const r = spawnSync(bin, [command], {
    input: JSON.stringify(request),
    env: runEnv(),
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  })
  if (r.status !== 0) throw new Error(`go-truth: \`gotruth ${command}\` failed (${r.status}):\n${r.stderr}`)
  return JSON.parse(r.stdout) as T
}

// ---------------------------------------------------------------------------------------------
// The core's side: its public Runtime (packages/core/README.md documents the API).

/** The MemStats fields the comparisons read. */
export type MemStatsLike = core.MemStats

/** A fresh simulated runtime following the same rules as the local Go toolchain. */
export function newRuntime(goVersion: core.GoVersion): core.Runtime {
  // GOGC=off as the Go programs run: no collection unless the workload asks for one.
  return new core.Runtime({ gomaxprocs: 1, goVersion, gogc: 'off' })
}

// ---------------------------------------------------------------------------------------------
// Deterministic inputs shared by Go and the core.

// xorshift32: the same tiny deterministic generator the benchmarks use (one definition, in bench/lib.ts).
export { xorshift32 }

export interface Op {
  size: number
  noscan: boolean
}

/** The arena (64 MiB, aligned) holding address p. Addresses exceed 2^32, so no bitwise operators. */
export function arenaBaseOf(p: number): number {
  const arena = 2 ** 26
  return Math.floor(p / arena) * arena
}
