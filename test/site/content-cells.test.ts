// Every live code cell in the chapters runs to completion against the real core, without an error
// and within its time budget — the same compile step (TypeScript stripping) and runner the browser
// worker uses. A cell broken by a core change fails here, before a reader presses Run.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as core from '@go-alloc/core'
import { normalizeCellSource } from '../../site/cells/source.ts'
import { runCell } from '../../site/cells/runner.ts'
import { runGoCell } from '../../site/cells/gorunner.ts'
import { defaultCellTimeoutMs } from '../../site/cells/protocol.ts'

const contentDir = join(import.meta.dirname, '../../content')

function mdxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? mdxFiles(p) : f.endsWith('.mdx') ? [p] : []
  })
}

/** `<Cell id="…" … code={`…`} />` blocks: id, timeout (ms) and code. */
function cellsOf(src: string): { id: string; timeout: number; code: string; go: boolean }[] {
  const out: { id: string; timeout: number; code: string; go: boolean }[] = []
  const re = /<Cell\b([\s\S]*?)code=\{`([\s\S]*?)`\}/g
  for (let m = re.exec(src); m !== null; m = re.exec(src)) {
    const attrs = m[1]
    const id = /id="([^"]+)"/.exec(attrs)?.[1] ?? '?'
    const timeout = Number(/timeout=\{(\d+)\}/.exec(attrs)?.[1] ?? defaultCellTimeoutMs)
    const go = /\blang="go"/.test(attrs)
    out.push({
      id,
      timeout,
      go,
      code: normalizeCellSource(m[2].replace(/\\`/g, '`').replace(/\\\$\{/g, '${')),
    })
  }
  return out
}

const files = mdxFiles(contentDir)

/** Cells written to show a failure: the runaway loop (stopped by the worker's watchdog, which the
 *  browser tests cover) is not run here; the out-of-memory cell must end in that error. */
const skip = new Set(['playground-runaway'])
const expectError: Record<string, RegExp> = { 'playground-oom': /runtime: out of memory/ }

describe('every chapter cell runs', () => {
  it('finds the cells', () => {
    const n = files.reduce((a, f) => a + cellsOf(readFileSync(f, 'utf8')).length, 0)
    expect(n).toBeGreaterThan(20)
  })
  for (const f of files) {
    for (const cell of cellsOf(readFileSync(f, 'utf8'))) {
      if (skip.has(cell.id)) continue
      it(`${f.slice(contentDir.length + 1)} · ${cell.id}`, async () => {
        const out: string[] = []
        if (cell.go) {
          // Go cells: the Go interpreter under the default Go version (go-truth compares their
          // output with real Go 1.27).
          const r = runGoCell(
            cell.code,
            '1.27',
            { maxLines: 2000, maxChars: 200_000 },
            { output: (_s, text) => out.push(text) },
          )
          expect(r.error, out.join('\n')).toBeNull()
          expect(r.status).toBe('done')
          expect(out.length).toBeGreaterThan(0)
          expect(r.heap?.total ?? 0).toBeGreaterThan(0)
          expect(r.elapsedMs).toBeLessThan(cell.timeout)
          return
        }
        const r = await runCell(
          cell.code,
          core as unknown as Record<string, unknown>,
          { maxLines: 2000, maxChars: 200_000 },
          {
            output: (_s, text) => out.push(text),
          },
        )
        const wantError = expectError[cell.id]
        if (wantError !== undefined) {
          expect(r.status).toBe('error')
          expect(r.error?.message).toMatch(wantError)
          return
        }
        expect(r.error, out.join('\n')).toBeNull()
        expect(r.status).toBe('done')
        expect(out.length).toBeGreaterThan(0)
        expect(r.elapsedMs).toBeLessThan(cell.timeout)
      }, 30_000)
    }
  }
})
