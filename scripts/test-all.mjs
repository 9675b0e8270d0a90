// `pnpm test`: unit tests, the production build under a sub-path, then browser tests against it.
//
//   1. vitest --project unit     (test/core, test/site, test/go-truth)
//   2. astro build with BASE_PATH=/go-alloc/ into .cache/e2e-site (one test: the build must work)
//   3. vitest --project e2e      (test/e2e, Chromium against that build served under /go-alloc/)
//
// Pass/fail counts come from vitest's JSON reporter. The last line printed is exactly
// `N passed, N failed`; the exit code is non-zero when anything failed (or could not run).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const outDir = join(root, '.cache', 'test-results')
mkdirSync(outDir, { recursive: true })

let passed = 0
let failed = 0

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status ?? 1
}

/** Run one vitest project; add its counts. A run that produced no report counts as one failure. */
function vitest(project, env = {}) {
  const file = join(outDir, `${project}.json`)
  rmSync(file, { force: true })
  console.log(`\n=== vitest: ${project} ===`)
  const code = run(
    'pnpm',
    [
      'exec',
      'vitest',
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
    ],
    env,
  )
  let report
  try {
    report = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    console.error(`test-all: vitest ${project} produced no JSON report (exit ${code})`)
    failed += 1
    return
  }
  const p = report.numPassedTests ?? 0
  // Suites that failed to load (syntax errors, setup errors) have no tests: count each as a failure.
  const brokenSuites = (report.testResults ?? []).filter(
    (s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0,
  ).length
  const f = (report.numFailedTests ?? 0) + brokenSuites
  passed += p
  failed += f
  if (code !== 0 && f === 0) failed += 1 // vitest failed for a reason the report does not show
  console.log(`test-all: ${project}: ${p} passed, ${f} failed`)
}

// Static checks, each counted as one check: the formatter and the type checkers (tsc + astro check).
for (const [name, cmd, args] of [
  ['format (prettier --check)', 'pnpm', ['exec', 'prettier', '--check', '.']],
  ['typecheck (tsc + astro check)', 'pnpm', ['run', 'typecheck']],
]) {
  console.log(`\n=== ${name} ===`)
  if (run(cmd, args) === 0) passed += 1
  else {
    console.error(`test-all: ${name} failed`)
    failed += 1
  }
}

vitest('unit')

console.log('\n=== build (BASE_PATH=/go-alloc/) ===')
// A private output folder: a concurrent `pnpm build` (base '/') cannot change the files under test.
const siteDir = join(root, '.cache', 'e2e-site')
const buildCode = run('pnpm', ['exec', 'astro', 'build', '--outDir', siteDir], { BASE_PATH: '/go-alloc/' })
if (buildCode === 0) {
  passed += 1
  vitest('e2e', { E2E_DIST: siteDir })
} else {
  console.error(
    'test-all: the build failed; browser tests not run (counted as two failures: the build and the browser tests)',
  )
  failed += 2
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
