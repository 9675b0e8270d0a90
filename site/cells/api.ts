/**
 * The names a cell can use, for editor completion. Built at build time by Cell.astro from the real
 * `@go-alloc/core` module (so the list never goes stale) and handed to the editor as JSON; the
 * short descriptions of the public API's names (packages/core/README.md) are written here.
 */

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

const globalDocs: Record<string, { detail: string; info: string }> = {
  Runtime: {
    detail: 'new Runtime({ gomaxprocs, goVersion, layout, heapLimit, gogc, cache })',
    info: 'A simulated Go heap. In a cell its heapLimit defaults to 1 GiB.',
  },
  print: {
    detail: '(...values) => void',
    info: 'Prints values separated by spaces; integers ≥ 2^32 (addresses) print in hex.',
  },
  hex: { detail: '(n: number) => string', info: "0x-prefixed hex of a non-negative integer, like Go's %#x." },
  console: { detail: 'console.log / warn / error', info: 'Printed to the output; numbers stay decimal.' },
  describeSize: {
    detail: '(size, { noscan }) => SizeDescription',
    info: 'Size class, slot size and waste of one request.',
  },
  sizeToClass: {
    detail: '(size: number) => number',
    info: 'The size class of a small request (0 for large).',
  },
  Timeline: {
    detail: 'new Timeline(options?, { checkpointEvery })',
    info: 'Records operations; seek(n) / back(k) restore any earlier step.',
  },
  runInterleaved: {
    detail: '(rt, goroutines, schedule) => InterleavedResult',
    info: "Goroutines on Ps allocating in the order you choose ('round-robin', { seed }, [..])",
  },
  heapBitsForAddr: {
    detail: '(addr) => { byteAddr, shift, wordIndex }',
    info: 'Legacy (Go ≤ 1.10) heap bitmap position of a heap word.',
  },
  roundupsize: {
    detail: '(size: number, noscan: boolean) => number',
    info: 'Bytes mallocgc really hands out for a request.',
  },
}

const memberDocs: Record<string, { detail: string; info?: string }> = {
  malloc: {
    detail: '(size, { noscan?, p? }) => address',
    info: 'Like mallocgc: returns the new object’s address.',
  },
  spanOf: { detail: '(addr) => span | null', info: 'The mspan holding addr, as plain data.' },
  readMemStats: { detail: '() => MemStats', info: 'Like runtime.ReadMemStats (flushes the mcaches first).' },
  snapshot: { detail: '() => Snapshot', info: 'The whole simulated heap as plain data.' },
  readCounters: {
    detail: '() => CounterValues',
    info: 'Cost counters: locks, refills, fast-path hits, OS calls.',
  },
  subscribe: { detail: '(listener) => unsubscribe', info: 'Receive every trace event of the allocator.' },
  writePointer: {
    detail: '(p, offset, q) => void',
    info: 'Store a pointer to q in object p at a byte offset.',
  },
  drop: { detail: '(addr) => void', info: 'The program no longer references addr.' },
  readPointer: { detail: '(obj, offset) => address | 0', info: 'The pointer stored in obj at offset.' },
  gc: {
    detail: '() => GCResult',
    info: 'Like runtime.GC: finish the last sweep, mark from the roots, sweep everything.',
  },
  freeOSMemory: {
    detail: '() => GCResult & { released }',
    info: 'Like debug.FreeOSMemory: collect, then release every free page to the OS.',
  },
  setGCPercent: { detail: "(gogc | 'off') => previous", info: 'Like debug.SetGCPercent.' },
  background: {
    detail: '(n = 1) => { swept, released }',
    info: 'Give the background sweeper and scavenger n turns.',
  },
}

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
    const doc = globalDocs[name]!
    add({
      label: name,
      type: name === 'Runtime' ? 'class' : name === 'console' ? 'variable' : 'function',
      ...doc,
    })
  }
  for (const name of Object.keys(core).sort()) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name) || name === 'default') continue
    const v = core[name]
    const doc = globalDocs[name]
    const entry: ApiEntry = { label: name, type: kindOf(name, v) }
    const d = doc?.detail ?? preview(v)
    if (d !== undefined) entry.detail = d
    if (doc?.info) entry.info = doc.info
    add(entry)
  }

  const members: ApiEntry[] = []
  const mseen = new Set<string>()
  const Rt = core.Runtime
  const methodNames = new Set<string>(Object.keys(memberDocs))
  if (typeof Rt === 'function' && Rt.prototype) {
    for (const n of Object.getOwnPropertyNames(Rt.prototype)) {
      if (n === 'constructor' || n.startsWith('_')) continue
      const d = Object.getOwnPropertyDescriptor(Rt.prototype, n)
      if (d && typeof d.value === 'function') methodNames.add(n)
    }
  }
  for (const n of [...methodNames].sort()) {
    const doc = memberDocs[n]
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
