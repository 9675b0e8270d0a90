/**
 * Preparing a cell's code for the worker, and mapping errors back to the reader's lines.
 * Pure functions (no DOM, no worker globals): used by site/cells/runner.ts, tested in Node.
 *
 * 1. TypeScript is stripped with sucrase's `typescript` transform only. Sucrase keeps every line
 *    where it was (types are blanked, not moved), so line N of the output is line N of the input.
 * 2. `import … from '@go-alloc/core'` lines are rewritten to destructure the core module object the
 *    runner passes in (the core's exports are globals in a cell anyway, imports are optional). The
 *    rewrite keeps the line count, again so line numbers stay put.
 * 3. The result is the body of an async function (top-level `await` and `return` work), tagged with a
 *    `//# sourceURL` so stack frames of the reader's code can be told apart from the core's.
 */
import { transform } from 'sucrase'

/** The name stack traces use for the reader's code. */
export const CELL_SOURCE_URL = 'go-alloc-cell.js'

/** The only module a cell may import from. */
const CORE_MODULE = '@go-alloc/core'

/** The parameter the rewritten imports read the core module from. */
export const CORE_PARAM = '__goAllocCore'

export class CellSyntaxError extends Error {
  readonly line: number | null
  readonly column: number | null
  constructor(message: string, line: number | null, column: number | null) {
    super(message)
    this.name = 'SyntaxError'
    this.line = line
    this.column = column
  }
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

const importRe = /^([ \t]*)import\s*(?:([\s\S]*?)\s*from\s*)?(['"])([^'"\n]+)\3[ \t]*;?/gm

/** Turns an import clause (`{ a, b as c }`, `* as ns`, `D`, `D, { a }`) into destructuring targets. */
function clauseToDeclarations(clause: string, line: number): string[] {
  const out: string[] = []
  let rest = clause.trim()
  const ns = /^\*\s*as\s+([A-Za-z_$][\w$]*)$/.exec(rest)
  if (ns) return [`const ${ns[1]} = ${CORE_PARAM};`]
  const def = /^([A-Za-z_$][\w$]*)\s*(?:,\s*([\s\S]*))?$/.exec(rest)
  if (def) {
    out.push(`const ${def[1]} = ${CORE_PARAM};`)
    rest = (def[2] ?? '').trim()
    if (!rest) return out
    const ns2 = /^\*\s*as\s+([A-Za-z_$][\w$]*)$/.exec(rest)
    if (ns2) return [...out, `const ${ns2[1]} = ${CORE_PARAM};`]
  }
  const named = /^\{([\s\S]*)\}$/.exec(rest)
  if (!named)
    throw new CellSyntaxError(`cannot read this import: import ${clause} from '${CORE_MODULE}'`, line, 1)
  const parts: string[] = []
  for (const raw of named[1]!.split(',')) {
    const spec = raw.trim()
    if (!spec) continue
    const m = /^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(spec)
    if (!m) throw new CellSyntaxError(`cannot read this import name: ${spec}`, line, 1)
    parts.push(m[2] ? `${m[1]}: ${m[2]}` : m[1]!)
  }
  if (parts.length) out.push(`const { ${parts.join(', ')} } = ${CORE_PARAM};`)
  return out
}

/** Rewrites ES imports of the core into destructuring, keeping every line in place. */
export function rewriteImports(js: string): string {
  return js.replace(
    importRe,
    (match: string, indent: string, clause: string | undefined, _q: string, spec: string, offset: number) => {
      const line = lineOfOffset(js, offset)
      if (spec !== CORE_MODULE) {
        throw new CellSyntaxError(
          `cells can only import from '${CORE_MODULE}', not '${spec}'`,
          line,
          indent.length + 1,
        )
      }
      const decls = clause === undefined || clause.trim() === '' ? [] : clauseToDeclarations(clause, line)
      const newlines = match.split('\n').length - 1
      return indent + decls.join(' ') + '\n'.repeat(newlines)
    },
  )
}

/** Removes TypeScript syntax. Throws CellSyntaxError with the reader's line on a parse error. */
export function stripTypes(code: string): string {
  try {
    return transform(code, { transforms: ['typescript'], disableESTransforms: true }).code
  } catch (e) {
    const err = e as { message?: string; loc?: { line?: number; column?: number } }
    const msg = String(err.message ?? e).replace(/\s*\(\d+:\d+\)\s*$/, '')
    const line = typeof err.loc?.line === 'number' ? err.loc.line : null
    // sucrase's loc.column is already 1-based (it points at the offending character counting from 1).
    const column = typeof err.loc?.column === 'number' ? err.loc.column : null
    throw new CellSyntaxError(msg, line, column)
  }
}

/**
 * Put before the reader's code, on its first line. The block lets the reader declare names that
 * are also globals of the cell (`const { Runtime } = ...` from a rewritten import, `let print`)
 * without clashing with the parameters those globals arrive in.
 */
export const BODY_PREFIX = '{ '

/** TS/JS cell code → the body of the async function the runner evaluates. */
export function compileCell(code: string): string {
  if (typeof code !== 'string') throw new TypeError(`code must be a string, got ${typeof code}`)
  const js = rewriteImports(stripTypes(code))
  return `${BODY_PREFIX}${js}\n}\n//# sourceURL=${CELL_SOURCE_URL}`
}

export interface StackPosition {
  /** Line in the evaluated source (before subtracting the function header). */
  line: number
  column: number
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The first (innermost) frame of a stack that lies in the cell's code, or null. */
export function findCellFrame(stack: string | undefined, sourceUrl = CELL_SOURCE_URL): StackPosition | null {
  if (!stack) return null
  const m = new RegExp(`${escapeRe(sourceUrl)}:(\\d+)(?::(\\d+))?`).exec(stack)
  if (!m) return null
  return { line: Number(m[1]), column: m[2] ? Number(m[2]) : 0 }
}

/**
 * Converts a position in the evaluated function's source to the reader's 1-based line, given how
 * many lines the engine's function header adds (`headerLines`, measured once by the runner) and
 * how many lines the cell has. Returns null for positions outside the cell.
 */
export function toCellLine(
  pos: StackPosition,
  headerLines: number,
  cellLines: number,
): { line: number; column: number | null } | null {
  const line = pos.line - headerLines
  if (line < 1 || line > cellLines) return null
  let column = pos.column > 0 ? pos.column : null
  if (column !== null && line === 1) column = Math.max(1, column - BODY_PREFIX.length)
  return { line, column }
}
