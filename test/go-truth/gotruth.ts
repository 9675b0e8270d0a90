// Helpers for the ground-truth suite: find every Go toolchain on the machine, build test/go-truth/go
// once per toolchain (cached in os.tmpdir() by a hash of its sources, the Go version and any
// GOEXPERIMENT), run its commands, and load the core with the matching rules.
//
// Every test file runs its comparisons once per toolchain found (`forEachToolchain`), with the
// toolchain's version in the test names. A missing Go is an error, not a skip: with no toolchain at
// all each file has one failing test saying so, and under CI=true each expected toolchain
// (`expectedToolchains`) that is missing fails toolchains.test.ts. Set GO=/path/to/go to add a
// toolchain that is not in /usr/lib/go-1.*/ or on PATH — or, with GO_TRUTH_ONLY=1, to run just that one.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'
import * as core from '@go-alloc/core'
import { coreVersionFor, findGoToolchains, offlineGoEnv, xorshift32 } from '../../packages/core/bench/lib.ts'

const here = dirname(fileURLToPath(import.meta.url))
const goSrcDir = join(here, 'go')
const workDir = join(tmpdir(), 'go-alloc-notebook-gotruth')

/** The Go minor versions CI installs (.ci/run); under CI=true each one must be found. */
export const expectedToolchains = [19, 22, 26, 27] as const

/** Environment for `go build`: offline, no toolchain switching, caches in a writable tmp dir. */
function goEnv(experiment?: string): NodeJS.ProcessEnv {
  const env = offlineGoEnv(workDir)
  delete env.GOEXPERIMENT
  if (experiment) env.GOEXPERIMENT = experiment
  return env
}

/** Environment for running the built program: no GC unless asked for, one P (one mcache). */
function runEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOGC: 'off', GOMAXPROCS: '1', GODEBUG: '' }
}

export interface GoToolchain {
  /** Path of the `go` command. */
  bin: string
  /** e.g. "go1.19.8" */
  version: string
  /** minor version number, e.g. 19 */
  minor: number
}

let installed: GoToolchain[] | undefined

/** Every toolchain installed (findGoToolchains in bench/lib.ts: one per version), oldest first. */
export function installedToolchains(): GoToolchain[] {
  installed ??= findGoToolchains()
  return installed
}

/** The toolchains the comparisons run against: only $GO's when GO is set, else every one installed. */
export function goToolchains(): GoToolchain[] {
  const all = installedToolchains()
  return process.env.GO ? all.filter((t) => t.bin === process.env.GO) : all
}

/** Names the toolchains found and the ones compared, for the suite's output. */
export function describeToolchains(): string {
  const list = (tcs: GoToolchain[]) => tcs.map((t) => `${t.version} (${t.bin})`).join(', ') || 'none'
  const all = installedToolchains()
  const used = goToolchains()
  return (
    `go-truth: Go toolchains found: ${list(all)}` +
    (used.length !== all.length ? `; comparing with GO=${process.env.GO} only: ${list(used)}` : '')
  )
}

const noGoMessage =
  'go-truth: no Go toolchain was found (tried /usr/lib/go-1.*/bin/go, $GO, `go` on PATH, /usr/bin/go, ' +
  '/usr/local/go/bin/go). This suite compares the simulator with the real Go runtime and cannot run ' +
  'without it: install Go (Debian: apt-get install golang-go; `bash .ci/run` installs every toolchain ' +
  'the suite expects) or set GO=/path/to/go.'

/**
 * Registers `body` once per toolchain inside a describe block named "<title> [go1.NN.x]". With no
 * toolchain at all, registers one failing test instead (never a silent skip).
 */
export function forEachToolchain(title: string, body: (tc: GoToolchain) => void): void {
  const tcs = goToolchains()
  if (tcs.length === 0) {
    it(`${title}: a Go toolchain is installed`, () => {
      throw new Error(noGoMessage)
    })
    return
  }
  describe.each(tcs.map((tc) => ({ version: tc.version, tc })))(`${title} [$version]`, ({ tc }) => body(tc))
}

/**
 * The core's goVersion with this toolchain's allocation rules: '1.21' for Go 1.15–1.21, '1.NN' for
 * 1.22 and later. Throws, naming the toolchain, when the core does not know that release.
 */
export function coreVersion(tc: GoToolchain): core.GoVersion {
  let v = coreVersions.get(tc.version)
  if (v === undefined) {
    try {
      v = coreVersionFor(tc.version)
    } catch (e) {
      throw new Error(`go-truth: ${e instanceof Error ? e.message : String(e)}`)
    }
    coreVersions.set(tc.version, v)
  }
  return v
}
const coreVersions = new Map<string, core.GoVersion>()

/** True when the toolchain's runtime randomizes the heap base by default (Go 1.26+, amd64). */
export function randomizesHeapBase(tc: GoToolchain): boolean {
  return tc.minor >= 26
}

const binaries = new Map<string, string>()

/**
 * Builds the truth program with this toolchain (once per source hash, Go version and
 * GOEXPERIMENT) and returns the binary's path.
 */
export function buildTruth(tc: GoToolchain, experiment?: string): string {
  const key = `${tc.bin}\0${tc.version}\0${experiment ?? ''}`
  const cached = binaries.get(key)
  if (cached) return cached
  mkdirSync(workDir, { recursive: true })
  const h = createHash('sha256')
    .update(tc.version)
    .update(`GOEXPERIMENT=${experiment ?? ''}`)
  for (const f of readdirSync(goSrcDir).sort()) {
    if (f.endsWith('.go') || f === 'go.mod') h.update(f).update(readFileSync(join(goSrcDir, f)))
  }
  const out = join(workDir, `gotruth-${tc.version}-${h.digest('hex').slice(0, 16)}`)
  if (!existsSync(out)) {
    const tmp = `${out}.${process.pid}.tmp`
    const r = spawnSync(tc.bin, ['build', '-o', tmp, '.'], {
      cwd: goSrcDir,
      env: goEnv(experiment),
      encoding: 'utf8',
    })
    if (r.status !== 0)
      throw new Error(
        `go-truth: ${tc.version} (${tc.bin}) go build${experiment ? ` with GOEXPERIMENT=${experiment}` : ''} failed:\n${r.stderr}${r.stdout}`,
      )
    renameSync(tmp, out) // atomic: parallel test files may build at the same time
  }
  binaries.set(key, out)
  return out
}

/**
 * Runs one command of the truth program built by `tc` with a JSON request and returns its JSON
 * answer. `experiment` selects a build with that GOEXPERIMENT.
 */
export function runTruth<T>(tc: GoToolchain, command: string, request: unknown = {}, experiment?: string): T {
  const bin = buildTruth(tc, experiment)
  const r = spawnSync(bin, [command], {
    input: JSON.stringify(request),
    env: runEnv(),
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  })
  if (r.status !== 0)
    throw new Error(`go-truth: ${tc.version}: \`gotruth ${command}\` failed (${r.status}):\n${r.stderr}`)
  return JSON.parse(r.stdout) as T
}

// ---------------------------------------------------------------------------------------------
// The core's side: its public Runtime (packages/core/README.md documents the API).

/** The MemStats fields the comparisons read. */
export type MemStatsLike = core.MemStats
export type RuntimeLike = core.Runtime

/**
 * A fresh simulated runtime following a toolchain's rules (or a goVersion's), GOGC off as the Go
 * programs run: no collection unless the workload asks for one. `extra` adds options (heapBase, seed).
 */
export function newRuntime(
  rules: GoToolchain | core.GoVersion,
  extra: core.RuntimeOptions = {},
): core.Runtime {
  const goVersion = typeof rules === 'string' ? rules : coreVersion(rules)
  return new core.Runtime({ gomaxprocs: 1, goVersion, gogc: 'off', ...extra })
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
