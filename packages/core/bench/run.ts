// Benchmark runner: `pnpm bench [--only a,b] [--skip a,b] [--quick] [--list] [--strict]`.
// Every file in ./cases is one bench case (default export: BenchCase, see lib.ts); adding a bench
// is adding a file. Prints figures and whether the targets hold; exits non-zero only with --strict
// (targets missed) or when a case crashes. Timing is never asserted in the unit tests.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as core from '../src/index.ts'
import { benchDir, setupGo, type BenchCase, type Target } from './lib.ts'

const argv = process.argv.slice(2)
function listArg(name: string): string[] | null {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (i < 0) return null
  const v = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1]
  return (v ?? '').split(',').filter(Boolean)
}
const only = listArg('only')
const skip = listArg('skip') ?? []
const quick = argv.includes('--quick')
const strict = argv.includes('--strict')

const cases: BenchCase[] = []
for (const f of readdirSync(join(benchDir, 'cases')).sort()) {
  if (!/\.(ts|mjs|js)$/.test(f)) continue
  const mod = (await import(pathToFileURL(join(benchDir, 'cases', f)).href)) as { default?: BenchCase }
  if (!mod.default || typeof mod.default.run !== 'function')
    throw new Error(`bench/cases/${f}: no default BenchCase`)
  cases.push(mod.default)
}
cases.sort((a, b) => (a.order ?? 50) - (b.order ?? 50) || a.name.localeCompare(b.name))

if (argv.includes('--list')) {
  for (const c of cases) console.log(`${c.name.padEnd(12)} ${c.title}${c.heavy ? ' (heavy)' : ''}`)
  process.exit(0)
}
const unknown = [...(only ?? []), ...skip].filter((n) => !cases.some((c) => c.name === n))
if (unknown.length) {
  console.error(`unknown bench case(s): ${unknown.join(', ')}; known: ${cases.map((c) => c.name).join(', ')}`)
  process.exit(2)
}
const selected = cases.filter((c) => (only ? only.includes(c.name) : true) && !skip.includes(c.name))

const go = setupGo()
console.log(
  `node ${process.version}, ${'version' in go ? `Go ${go.version} (${go.bin})` : go.unavailable}${quick ? ', --quick' : ''}`,
)

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)))
  for (const [i, r] of rows.entries()) {
    console.log('  ' + r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '))
    if (i === 0) console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '))
  }
}

const allTargets: Target[] = []
let crashed = 0
for (const c of selected) {
  console.log(`\n## ${c.name}: ${c.title}`)
  try {
    const out = await c.run({ core, quick, go, log: (l) => console.log(l) })
    printTable(out.table)
    for (const n of out.notes ?? []) console.log(`  ${n}`)
    for (const t of out.targets) console.log(`  ${t.ok ? 'PASS' : 'MISS'} target: ${t.label}: ${t.detail}`)
    allTargets.push(...out.targets)
  } catch (e) {
    crashed++
    console.log(`  FAILED: ${e instanceof Error ? e.message : String(e)}`)
  }
}
const met = allTargets.filter((t) => t.ok).length
if (allTargets.length > 0) {
  console.log('\n## targets')
  for (const t of allTargets) console.log(`  ${t.ok ? 'PASS' : 'MISS'}  ${t.label}: ${t.detail}`)
}
console.log(`\n${met} of ${allTargets.length} targets met${crashed ? `, ${crashed} case(s) failed` : ''}`)
process.exit(crashed || (strict && met < allTargets.length) ? 1 : 0)
