/**
 * Runs a Go cell: the program goes to the interpreter of @go-alloc/gorun on a Runtime with the
 * page's Go version; printed output streams through the same output cap as TypeScript cells, and
 * the result carries a heap view (every allocation and the spans it landed in) and the usual
 * runtime summary. Used only inside the cell worker (worker.ts); no DOM, so it runs under Vitest.
 */
import { goVersions, type GoVersion } from '@go-alloc/core'
import { runGo } from '@go-alloc/gorun'
import type { CellError, GoHeapView, GoSpanView, OutputLimits, OutputStream } from './protocol.ts'
import { OutputBuffer } from './format.ts'
import { viewOfRuntime, type RunHooks, type RunOutcome } from './runner.ts'

/** At most this many allocations are listed in the heap view (the total is always given). */
export const MAX_GO_ALLOCS = 500

export interface GoRunOutcome extends RunOutcome {
  heap: GoHeapView | null
}

/** Runs a Go program. Never throws: compile errors, panics and the step budget come back as status 'error'. */
export function runGoCell(
  code: string,
  goVersion: string,
  limits: OutputLimits,
  hooks: RunHooks,
): GoRunOutcome {
  const version = (goVersions as readonly string[]).includes(goVersion) ? (goVersion as GoVersion) : '1.27'
  const buffer = new OutputBuffer(limits.maxLines, limits.maxChars)
  // Output arrives in pieces (Printf without a newline): pass on whole lines.
  const pending: Record<OutputStream, string> = { out: '', err: '' }
  const flush = (stream: OutputStream, all: boolean): void => {
    const text = pending[stream]
    const cut = all ? text.length : text.lastIndexOf('\n') + 1
    if (cut === 0) return
    pending[stream] = text.slice(cut)
    let chunk = text.slice(0, cut)
    if (chunk.endsWith('\n')) chunk = chunk.slice(0, -1)
    if (buffer.truncated) return
    const kept = buffer.push(chunk)
    if (kept !== null) hooks.output(stream, kept)
  }
  hooks.started?.()
  const t0 = performance.now()
  const r = runGo(code, {
    goVersion: version,
    reportErrors: false,
    onOutput: (text, stream) => {
      pending[stream] += text
      flush(stream, false)
    },
  })
  const elapsedMs = performance.now() - t0
  flush('out', true)
  flush('err', true)

  let error: CellError | null = null
  if (r.compileError !== null) {
    const e = r.compileError
    error = { name: 'compile error', message: e.detail, line: e.line, column: e.column, goFatal: false }
  } else if (r.panic !== null) {
    error = {
      name: 'panic',
      message: r.panic.value + (r.panic.signal !== null ? `\n${r.panic.signal}` : ''),
      line: r.panic.line > 0 ? r.panic.line : null,
      column: null,
      goFatal: false,
    }
  } else if (r.budget !== null) {
    error = { name: 'stopped', message: r.budget.message, line: r.budget.line, column: null, goFatal: false }
  } else if (r.exitCode !== 0) {
    const msg = r.stderr.split('\n').find((l) => l.startsWith('fatal error: ')) ?? 'fatal error'
    error = { name: 'fatal error', message: msg, line: null, column: null, goFatal: true }
  }

  const heap = r.compileError !== null ? null : heapView(r, version)
  const runtimes = r.compileError !== null ? [] : [viewOfRuntime(r.rt, 0, { goVersion: version })]
  return {
    status: error === null ? 'done' : 'error',
    error,
    truncated: buffer.truncated,
    elapsedMs,
    runtimes,
    heap,
  }
}

type Alloc = ReturnType<typeof runGo>['allocations'][number]

function heapView(r: ReturnType<typeof runGo>, goVersion: string): GoHeapView {
  const allocs: Alloc[] = r.allocations
  const spans = new Map<number, GoSpanView>()
  const note = (base: number, sizeclass: number, spanclass: number, slot: number, n: number): void => {
    let s = spans.get(base)
    if (s === undefined) {
      const info = r.rt.spanOf(base)
      s = {
        base,
        npages: info?.npages ?? 0,
        sizeclass,
        spanclass,
        elemsize: info?.elemsize ?? slot,
        nelems: info?.nelems ?? 0,
        allocCount: info?.allocCount ?? 0,
        allocs: 0,
        freed: info === null || info.spanclass !== spanclass,
      }
      spans.set(base, s)
    }
    s.allocs += n
  }
  for (const a of allocs) if (a.span !== 0) note(a.span, a.sizeclass, a.spanclass, a.slot, 1)
  for (const [base, e] of r.moreAllocationsBySpan) note(base, e.sizeclass, e.spanclass, e.slot, e.n)
  return {
    goVersion,
    total: r.allocationCount,
    allocs: allocs.slice(0, MAX_GO_ALLOCS).map((a) => ({
      line: a.line,
      what: a.what,
      type: a.type,
      size: a.size,
      slot: a.slot,
      sizeclass: a.sizeclass,
      spanclass: a.spanclass,
      span: a.span,
      addr: a.addr,
      kind: a.kind,
      noscan: a.noscan,
      fn: a.fn,
    })),
    spans: [...spans.values()].sort((x, y) => x.base - y.base),
  }
}
