/**
 * The names a cell can use, for editor completion. Built at build time by Cell.astro from the real
 * `@go-alloc/core` module (so the list never goes stale) and handed to the editor as JSON; the
 * short descriptions of the public API's names (packages/core/README.md) are written in
 * `api-docs.json` beside this file.
 */
import apiDocs from './api-docs.json'

export interface ApiEntry {
  label: string
  /** CodeMirror completion type: 'class' | 'function' | 'method' | 'constant' | 'variable' | 'property'. */
  type: string
  detail?: string
  info?: string
}

export interface CellApi {
  globals: ApiEntry[]
  /** Members offered after a `.` (Runtime methods and the fields of what they return). */
  members: ApiEntry[]
}

/** What a completion shows for a name: its signature and one sentence. */
interface Doc {
  detail: string
  info?: string
}
/** The descriptions, a table of data: `globals` for names a cell can use bare, `members` for Runtime's methods. */
const docs: { globals: Record<string, Doc>; members: Record<string, Doc> } = apiDocs

/** Fields of the plain data the Runtime returns, offered after a `.` too. */
const dataFields = [
  'base',
  'npages',
  'spanclass',
  'sizeclass',
  'noscan',
  'elemsize',
  'nelems',
  'allocCount',
  'freeindex',
  'state',
  'totalAlloc',
  'heapAlloc',
  'heapSys',
  'heapIdle',
  'heapInuse',
  'heapReleased',
  'heapObjects',
  'mallocs',
  'frees',
  'numGC',
  'bySize',
]

function kindOf(name: string, v: unknown): string {
  if (typeof v === 'function') {
    return /^[A-Z]/.test(name) && /^class\b/.test(Function.prototype.toString.call(v)) ? 'class' : 'function'
  }
  return 'constant'
}

function preview(v: unknown): string | undefined {
  if (typeof v === 'number')
    return Number.isSafeInteger(v) && v >= 2 ** 32 ? `= 0x${v.toString(16)}` : `= ${v}`
  if (Array.isArray(v)) return `array(${v.length})`
  return undefined
}

/** Builds the completion lists from the core module's exports. */
export function buildCellApi(core: Record<string, unknown>): CellApi {
  const globals: ApiEntry[] = []
  const seen = new Set<string>()
  const add = (e: ApiEntry) => {
    if (seen.has(e.label)) return
    seen.add(e.label)
    globals.push(e)
  }
  for (const name of ['Runtime', 'print', 'hex', 'console']) {
    const doc = docs.globals[name]!
    add({
      label: name,
      type: name === 'Runtime' ? 'class' : name === 'console' ? 'variable' : 'function',
      ...doc,
    })
  }
  for (const name of Object.keys(core).sort()) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name) || name === 'default') continue
    const v = core[name]
    const doc = docs.globals[name]
    const entry: ApiEntry = { label: name, type: kindOf(name, v) }
    const d = doc?.detail ?? preview(v)
    if (d !== undefined) entry.detail = d
    if (doc?.info) entry.info = doc.info
    add(entry)
  }

  const members: ApiEntry[] = []
  const mseen = new Set<string>()
  const Rt = core.Runtime
  const methodNames = new Set<string>(Object.keys(docs.members))
  if (typeof Rt === 'function' && Rt.prototype) {
    for (const n of Object.getOwnPropertyNames(Rt.prototype)) {
      if (n === 'constructor' || n.startsWith('_')) continue
      const d = Object.getOwnPropertyDescriptor(Rt.prototype, n)
      if (d && typeof d.value === 'function') methodNames.add(n)
    }
  }
  for (const n of [...methodNames].sort()) {
    const doc = docs.members[n]
    const e: ApiEntry = { label: n, type: 'method' }
    if (doc) {
      e.detail = doc.detail
      if (doc.info) e.info = doc.info
    }
    members.push(e)
    mseen.add(n)
  }
  for (const f of dataFields) if (!mseen.has(f)) members.push({ label: f, type: 'property' })
  return { globals, members }
}
