/**
 * Turning printed values into text, and capping how much text one run may produce.
 * Pure functions: used by the cell worker, tested in Node.
 *
 * `print(...values)` rules (documented in site/cells/README.md):
 * - strings print as they are (no quotes at the top level), like Go's fmt.Println;
 * - integers of 2^32 and above print in hex (`0xc000010000`): in this simulator such numbers are
 *   almost always addresses, and Go prints pointers in hex; smaller numbers print in decimal;
 * - arrays, plain objects, Maps and Sets print on one line when short, with nested strings quoted;
 *   deep or long structures are cut with `…`;
 * - values are separated by a space, and each print ends the line.
 * `console.log` uses the same layout but never switches numbers to hex.
 */

export interface FormatOptions {
  /** Print integers ≥ 2^32 in hex. */
  hexAddresses: boolean
  /** Nesting depth beyond which objects print as `{…}` / `[…]`. */
  maxDepth?: number
  /** Most elements/properties shown per array or object. */
  maxItems?: number
}

const ADDRESS_MIN = 2 ** 32

/** `0x`-prefixed lower-case hex of a non-negative safe integer, like Go's `%#x`. */
export function hex(n: number): string {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`hex: n must be a non-negative safe integer, got ${String(n)}`)
  }
  return '0x' + n.toString(16)
}

function formatNumber(n: number, opts: FormatOptions): string {
  if (opts.hexAddresses && Number.isSafeInteger(n) && n >= ADDRESS_MIN) return hex(n)
  if (Object.is(n, -0)) return '-0'
  return String(n)
}

const identRe = /^[A-Za-z_$][\w$]*$/

function formatKey(k: string): string {
  return identRe.test(k) ? k : JSON.stringify(k)
}

/** Most values (nodes) one formatValue call visits; past it, containers print as `…`. */
export const MAX_FORMAT_NODES = 5000

interface Walk {
  seen: Set<object>
  nodes: number
}

function formatInner(v: unknown, opts: FormatOptions, depth: number, seen: Walk): string {
  if (++seen.nodes > MAX_FORMAT_NODES) return '…'
  const maxDepth = opts.maxDepth ?? 4
  const maxItems = opts.maxItems ?? 100
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v)
    case 'number':
      return formatNumber(v, opts)
    case 'bigint':
      return `${v}n`
    case 'boolean':
    case 'undefined':
      return String(v)
    case 'symbol':
      return v.toString()
    case 'function':
      return `[Function ${v.name || '(anonymous)'}]`
  }
  if (v === null) return 'null'
  const o = v as object
  if (seen.seen.has(o)) return '[Circular]'
  if (o instanceof Error) return `${o.name}: ${o.message}`
  if (o instanceof Date) return Number.isNaN(o.getTime()) ? 'Invalid Date' : o.toISOString()
  if (o instanceof RegExp) return String(o)
  const isArr = Array.isArray(o) || ArrayBuffer.isView(o)
  if (depth >= maxDepth) return isArr ? '[…]' : '{…}'
  seen.seen.add(o)
  try {
    if (isArr) {
      const arr = o as ArrayLike<unknown>
      const parts: string[] = []
      const n = Math.min(arr.length, maxItems)
      for (let i = 0; i < n; i++) parts.push(formatInner(arr[i], opts, depth + 1, seen))
      if (arr.length > n) parts.push(`… ${arr.length - n} more`)
      return `[${parts.join(', ')}]`
    }
    if (o instanceof Map) {
      const parts: string[] = []
      let i = 0
      for (const [k, val] of o) {
        if (i++ >= maxItems) {
          parts.push(`… ${o.size - maxItems} more`)
          break
        }
        parts.push(`${formatInner(k, opts, depth + 1, seen)} => ${formatInner(val, opts, depth + 1, seen)}`)
      }
      return `Map(${o.size}) {${parts.length ? ' ' + parts.join(', ') + ' ' : ''}}`
    }
    if (o instanceof Set) {
      const parts: string[] = []
      let i = 0
      for (const val of o) {
        if (i++ >= maxItems) {
          parts.push(`… ${o.size - maxItems} more`)
          break
        }
        parts.push(formatInner(val, opts, depth + 1, seen))
      }
      return `Set(${o.size}) {${parts.length ? ' ' + parts.join(', ') + ' ' : ''}}`
    }
    const keys = Object.keys(o)
    const parts: string[] = []
    const n = Math.min(keys.length, maxItems)
    for (let i = 0; i < n; i++) {
      const k = keys[i]!
      parts.push(`${formatKey(k)}: ${formatInner((o as Record<string, unknown>)[k], opts, depth + 1, seen)}`)
    }
    if (keys.length > n) parts.push(`… ${keys.length - n} more`)
    const ctor = (o as { constructor?: { name?: unknown } }).constructor
    const name = ctor && ctor !== Object && typeof ctor.name === 'string' && ctor.name ? ctor.name + ' ' : ''
    return parts.length ? `${name}{ ${parts.join(', ')} }` : `${name}{}`
  } finally {
    seen.seen.delete(o)
  }
}

/** Formats one value the way `print` shows it. Top-level strings are not quoted. */
export function formatValue(v: unknown, opts: FormatOptions): string {
  if (typeof v === 'string') return v
  return formatInner(v, opts, 0, { seen: new Set(), nodes: 0 })
}

/** Formats a print/console.log call: values joined by spaces. */
export function formatArgs(values: readonly unknown[], opts: FormatOptions): string {
  return values.map((v) => formatValue(v, opts)).join(' ')
}

export const TRUNCATION_NOTE = '… output truncated'

/**
 * Collects output lines up to a line and character budget. Once either is reached, further text
 * is dropped and `truncated` becomes true. `push` returns the part of the text that was kept
 * (null when nothing was), so a caller can stream exactly what the buffer accepted.
 */
export class OutputBuffer {
  readonly maxLines: number
  readonly maxChars: number
  lines = 0
  chars = 0
  truncated = false

  constructor(maxLines: number, maxChars: number) {
    if (!Number.isInteger(maxLines) || maxLines < 1) {
      throw new RangeError(`maxLines must be a positive integer, got ${String(maxLines)}`)
    }
    if (!Number.isInteger(maxChars) || maxChars < 1) {
      throw new RangeError(`maxChars must be a positive integer, got ${String(maxChars)}`)
    }
    this.maxLines = maxLines
    this.maxChars = maxChars
  }

  /** Adds `text` as one or more whole lines (a trailing newline is implied). */
  push(text: string): string | null {
    if (this.truncated) return null
    const kept: string[] = []
    for (const line of text.split('\n')) {
      if (this.lines >= this.maxLines) {
        this.truncated = true
        break
      }
      const room = this.maxChars - this.chars
      if (line.length + 1 > room) {
        // Keep what fits of this line, then stop.
        if (room > 1) {
          kept.push(line.slice(0, room - 1))
          this.lines++
          this.chars = this.maxChars
        }
        this.truncated = true
        break
      }
      kept.push(line)
      this.lines++
      this.chars += line.length + 1
    }
    return kept.length > 0 ? kept.join('\n') : null
  }
}
