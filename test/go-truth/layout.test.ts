// Ground truth for @go-alloc/gotypes: layouts of generated types and append capacities, compared
// with what real Go prints (golayout/). Go 1.27 is required (/usr/lib/go-1.27/bin/go or
// $GO127); Go 1.26, 1.22 and 1.19 (/usr/lib/go-1.NN/bin/go or $GO126, $GO122, $GO119) are used
// too when they are installed, for their append capacities (1.19: no malloc headers) and layouts.
//
// The Go side reads each type's pointer bytes (and pointer mask, where the runtime keeps one
// precomputed) from the type descriptor an `any` holding a zero value points to; the offsets come
// from unsafe.Offsetof and reflect. Nothing here uses the package under test to decide what to
// expect: every expected value is printed by the Go program.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { type GoVersion, describeSize } from '@go-alloc/core'
import {
  type GoType,
  nextSliceCap,
  optimalOrder,
  parseTypeDecls,
  parseTypeExpr,
  pointerMask,
  roundSliceCap,
  typeString,
  GoHeap,
} from '@go-alloc/gotypes'
import { Runtime } from '@go-alloc/core'
import { offlineGoEnv } from '../../packages/core/bench/lib.ts'
import { bulkCases, capStarts, capsCases, capsLimit, genCaps, genTypes, goFileHead } from './layoutgen.ts'

const here = dirname(fileURLToPath(import.meta.url))
const srcDir = join(here, 'golayout')
const workDir = join(tmpdir(), 'go-alloc-notebook-golayout')
const typeCount = 320
const seed = 20261204

function toolchain(envVar: string, path: string): string | null {
  const bin = process.env[envVar] ?? path
  const r = spawnSync(bin, ['version'], { encoding: 'utf8', env: offlineGoEnv(workDir) })
  return r.status === 0 && r.stdout.startsWith('go version') ? bin : null
}

/** Build golayout with the generated files; cached by source hash and toolchain. */
function build(bin: string, files: Record<string, string>): string {
  mkdirSync(workDir, { recursive: true })
  const version = execFileSync(bin, ['env', 'GOVERSION'], {
    env: offlineGoEnv(workDir),
    encoding: 'utf8',
  }).trim()
  const h = createHash('sha256').update(version)
  for (const f of ['go.mod', 'main.go']) h.update(readFileSync(join(srcDir, f)))
  for (const [k, v] of Object.entries(files)) h.update(k).update(v)
  const key = h.digest('hex').slice(0, 16)
  const exe = join(workDir, `golayout-${version}-${key}`)
  if (existsSync(exe)) return exe
  const dir = join(workDir, `src-${version}-${key}`)
  mkdirSync(dir, { recursive: true })
  for (const f of ['go.mod', 'main.go']) copyFileSync(join(srcDir, f), join(dir, f))
  for (const [k, v] of Object.entries(files)) writeFileSync(join(dir, k), v)
  const tmp = `${exe}.${process.pid}.tmp`
  const r = spawnSync(bin, ['build', '-o', tmp, '.'], {
    cwd: dir,
    env: offlineGoEnv(workDir),
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`golayout: go build failed with ${version}:\n${r.stderr}`)
  renameSync(tmp, exe)
  return exe
}

function run(exe: string, arg: string): string {
  return execFileSync(exe, [arg], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, GOGC: 'off' },
  })
}

/** The newest rule set the core has for a Go minor version (the roundupsize rules have not
 *  changed since 1.22). */
function coreVersionFor(minor: number): GoVersion {
  // Go 1.15–1.21 share one set of rules (68 classes, no malloc headers): the core's '1.21'.
  for (let m = Math.max(minor, 21); m >= 21; m--) {
    try {
      describeSize(1, { goVersion: `1.${m}` as GoVersion })
      return `1.${m}` as GoVersion
    } catch {
      // not a version the core knows
    }
  }
  throw new Error(`the core knows no Go version up to 1.${minor}`)
}

interface TypeLine {
  size: number
  align: number
  ptrdata: number
  mask: string
  typeString: string
  fields: { index: number; name: string; offset: number; type: string; embedded: boolean }[]
  offsets: Map<string, number>
}

function parseLayout(out: string): Map<string, TypeLine> {
  const m = new Map<string, TypeLine>()
  for (const line of out.split('\n')) {
    if (line === '') continue
    const p = line.split('\t')
    if (p[0] === 'T')
      m.set(p[1], {
        size: Number(p[2]),
        align: Number(p[3]),
        ptrdata: Number(p[4]),
        mask: p[5],
        typeString: p[6],
        fields: [],
        offsets: new Map(),
      })
    else if (p[0] === 'F')
      m.get(p[1])!.fields.push({
        index: Number(p[2]),
        name: p[3],
        offset: Number(p[4]),
        type: p[5],
        embedded: p[6] === 'true',
      })
    else if (p[0] === 'O') m.get(p[1])!.offsets.set(p[2], Number(p[3]))
    else throw new Error(`golayout: unexpected line ${JSON.stringify(line)}`)
  }
  return m
}

const go127 = toolchain('GO127', '/usr/lib/go-1.27/bin/go')
const go126 = toolchain('GO126', '/usr/lib/go-1.26/bin/go')
const go122 = toolchain('GO122', '/usr/lib/go-1.22/bin/go')
const go119 = toolchain('GO119', '/usr/lib/go-1.19/bin/go')
const toolchains: [string, string | null][] = [
  ['1.27', go127],
  ['1.26', go126],
  ['1.22', go122],
  ['1.19', go119],
]

it('Go 1.27 is installed (the layout ground truth needs it)', () => {
  if (go127 === null)
    throw new Error(
      'golayout: Go 1.27 was not found at /usr/lib/go-1.27/bin/go (or $GO127). Install golang-1.27-go ' +
        '(Debian trixie-backports) or set GO127=/path/to/go; this suite never skips.',
    )
})

const gen = genTypes(seed, typeCount)
const capsSrc = genCaps()

/** The reordered declaration optimalOrder suggests for every generated struct, as `TnOpt`, so
 *  real Go says whether it compiles and what it costs. */
function genOpt(): { src: string; names: string[] } {
  const parsed = parseTypeDecls(gen.src)
  const decls: string[] = []
  const names: string[] = []
  for (const name of parsed.order) {
    const t = parsed.types.get(name)!
    if (t.kind !== 'struct' || t.name !== name) continue // aliases and non-structs
    const decl = optimalOrder(t).decl
    expect(decl.startsWith(`type ${name} struct`)).toBe(true)
    decls.push(decl.replace(`type ${name} `, `type ${name}Opt `))
    names.push(name)
  }
  const body = names.map(
    (n) => `\t{\n\t\tvar v ${n}Opt\n\t\tprintType("${n}Opt", v, unsafe.Sizeof(v), unsafe.Alignof(v))\n\t}`,
  )
  const src = [
    '// Code generated by test/go-truth/layout.test.ts from optimalOrder; DO NOT EDIT.',
    '',
    ...goFileHead,
    ...decls.map((d) => d + '\n'),
    'func optLayouts() {',
    ...body,
    '}',
    '',
  ].join('\n')
  return { src, names }
}
const opt = genOpt()

for (const [label, bin] of toolchains) {
  describe.runIf(bin !== null)(`layouts and append capacities against real Go ${label}`, () => {
    let layout: Map<string, TypeLine>
    let capsOut: string
    beforeAll(() => {
      const exe = build(bin!, { 'types_gen.go': gen.src, 'opt_gen.go': opt.src, 'caps_gen.go': capsSrc })
      layout = parseLayout(run(exe, 'layout'))
      capsOut = run(exe, 'caps')
      // A cold build compiles the standard library for this toolchain: minutes on a busy machine.
    }, 600_000)

    it(`${typeCount} generated types: size, alignment, offsets, pointer bytes, pointer mask, %T`, () => {
      const parsed = parseTypeDecls(gen.src)
      expect(parsed.errors).toEqual([])
      expect(layout.size).toBe(typeCount + opt.names.length)
      let masks = 0
      let fieldsChecked = 0
      const problems: string[] = []
      const check = (cond: boolean, msg: () => string) => {
        if (!cond && problems.length < 30) problems.push(msg())
      }
      for (const name of gen.names) {
        const want = layout.get(name)!
        const t = parsed.types.get(name)
        check(t !== undefined, () => `${name}: not parsed`)
        if (t === undefined) continue
        check(t.size === want.size, () => `${name}: size ${t.size}, Go ${want.size}`)
        check(t.align === want.align, () => `${name}: align ${t.align}, Go ${want.align}`)
        check(t.ptrdata === want.ptrdata, () => `${name}: ptrdata ${t.ptrdata}, Go ${want.ptrdata}`)
        // An alias shows its target's string; a defined type 'main.Tn'.
        check(typeString(t) === want.typeString, () => `${name}: %T ${typeString(t)}, Go ${want.typeString}`)
        if (want.mask !== '?' && want.mask !== '-') {
          masks++
          const mine = pointerMask(t)
            .map((b) => (b ? '1' : '0'))
            .join('')
          check(mine === want.mask, () => `${name}: mask ${mine}, Go ${want.mask}`)
        }
        // Standard-library types are checked as a whole (size, align, pointer bytes, mask);
        // their unexported fields are simplified and differ between releases.
        const isStd = /^(sync|atomic|time|strings|bytes)\./.test(want.typeString)
        if (want.fields.length > 0 && !isStd) {
          check(t.kind === 'struct' && t.fields!.length === want.fields.length, () => `${name}: field count`)
          for (const wf of want.fields) {
            const f = t.fields?.[wf.index]
            if (f === undefined) continue
            fieldsChecked++
            check(f.name === wf.name, () => `${name}.${wf.index}: name ${f.name}, Go ${wf.name}`)
            check(f.offset === wf.offset, () => `${name}.${wf.name}: offset ${f.offset}, Go ${wf.offset}`)
            check(
              f.embedded === wf.embedded,
              () => `${name}.${wf.name}: embedded ${f.embedded}, Go ${wf.embedded}`,
            )
            check(
              typeString(f.type) === wf.type,
              () => `${name}.${wf.name}: type ${typeString(f.type)}, Go ${wf.type}`,
            )
          }
          for (const [fname, off] of want.offsets) {
            const f = t.fields!.find((x) => x.name === fname)
            check(f?.offset === off, () => `${name}.${fname}: Offsetof ${f?.offset}, Go ${off}`)
          }
        }
      }
      expect(problems).toEqual([])
      // The generator must actually produce what the check is about.
      expect(masks).toBeGreaterThan(150)
      expect(fieldsChecked).toBeGreaterThan(1000)
    })

    it('the field order optimalOrder suggests compiles, and Go agrees on what it saves', () => {
      const parsed = parseTypeDecls(gen.src)
      const problems: string[] = []
      let saved = 0
      for (const name of opt.names) {
        const before = layout.get(name)!
        const after = layout.get(`${name}Opt`)!
        const o = optimalOrder(parsed.types.get(name)!)
        if (after.size !== o.type.size || after.ptrdata !== o.type.ptrdata || after.align !== o.type.align)
          problems.push(
            `${name}Opt: Go ${after.size}/${after.ptrdata}, ours ${o.type.size}/${o.type.ptrdata}`,
          )
        if (before.size - after.size !== o.saves)
          problems.push(`${name}: saves ${o.saves}, Go ${before.size - after.size}`)
        if (after.size > before.size || (after.size === before.size && after.ptrdata > before.ptrdata))
          problems.push(
            `${name}: the new order is worse in Go (${before.size}/${before.ptrdata} → ${after.size}/${after.ptrdata})`,
          )
        if (o.saves > 0) saved++
      }
      expect(problems).toEqual([])
      expect(opt.names.length).toBeGreaterThan(200)
      expect(saved).toBeGreaterThan(50)
    })

    it('append capacities one element at a time and in bulk, element sizes 1..256', () => {
      const minor = Number(label.split('.')[1])
      const v = coreVersionFor(minor)
      const elems = new Map<string, GoType>(capsCases().map((c) => [c.name, parseTypeExpr(c.expr)]))
      for (const [name, t] of elems) expect(t.size, name).toBe(Number(name.slice(1)))
      let seqs = 0
      let bulks = 0
      const problems: string[] = []
      for (const line of capsOut.split('\n')) {
        const p = line.split('\t')
        if (p[0] === 'A') {
          const elem = elems.get(p[1])!
          const start = Number(p[2])
          const want = p[3]
          const caps = [start]
          let cap = start
          for (let len = 0; len < capsLimit(elem.size); len++) {
            if (len + 1 > cap) {
              cap = roundSliceCap(nextSliceCap(len + 1, cap), elem, v)
              caps.push(cap)
            }
          }
          seqs++
          if (caps.join(' ') !== want && problems.length < 20)
            problems.push(`${p[1]} from cap ${start}: ${caps.join(' ')}\n   Go: ${want}`)
        } else if (p[0] === 'B') {
          const elem = elems.get(p[1])!
          const [n, k, want] = [Number(p[2]), Number(p[3]), Number(p[4])]
          const cap = roundSliceCap(nextSliceCap(n + k, n), elem, v)
          bulks++
          if (cap !== want && problems.length < 20)
            problems.push(`${p[1]}: ${n} + ${k} → cap ${cap}, Go ${want}`)
        }
      }
      expect(problems).toEqual([])
      expect(seqs).toBe(capsCases().length * capStarts.length)
      expect(bulks).toBe(capsCases().length * bulkCases.length)
    })

    it('cap([]byte(s)) is len(s) rounded up to its size class, as GoHeap.stringToBytes says', () => {
      const minor = Number(label.split('.')[1])
      const heap = new GoHeap(new Runtime({ goVersion: coreVersionFor(minor) }))
      let n = 0
      for (const line of capsOut.split('\n')) {
        const p = line.split('\t')
        if (p[0] !== 'S') continue
        n++
        expect(heap.stringToBytes(Number(p[1]), 1).cap, `[]byte of ${p[1]} bytes`).toBe(Number(p[2]))
      }
      expect(n).toBe(27)
    })
  })
}
