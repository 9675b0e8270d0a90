/**
 * The page's state in its URL: `#tools:z=<base64url of deflate-raw(JSON)>` (CompressionStream),
 * or `#tools:p=<base64url of the JSON>` where the browser has no CompressionStream. Pure
 * encode/decode helpers (work in Node 22 and browsers alike).
 */
export interface ToolsState {
  types?: string
  bench?: string
  profile?: string
  gctrace?: string
  /** Types table order. */
  sort?: string
  /** GOGC the GC-trace replay compares with. */
  gogc?: number
}

export const hashPrefix = '#tools:'

function toB64url(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromB64url(s: string): Uint8Array {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/'))
  const out = new Uint8Array(b.length)
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i)
  return out
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream))
  return new Uint8Array(await out.arrayBuffer())
}

const hasCompression = () =>
  typeof CompressionStream === 'function' && typeof DecompressionStream === 'function'

/** The hash for a state (empty fields dropped). */
export async function encodeState(s: ToolsState): Promise<string> {
  const clean: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(s)) if (v !== undefined && v !== '') clean[k] = v
  if (!Object.keys(clean).length) return ''
  const json = new TextEncoder().encode(JSON.stringify(clean))
  if (hasCompression()) {
    try {
      return `${hashPrefix}z=${toB64url(await pipe(json, new CompressionStream('deflate-raw')))}`
    } catch {
      // fall through to the plain form
    }
  }
  return `${hashPrefix}p=${toB64url(json)}`
}

/** The state in a hash, or null when the hash is not the tools' (or cannot be read). */
export async function decodeState(hash: string): Promise<ToolsState | null> {
  if (!hash.startsWith(hashPrefix)) return null
  const rest = hash.slice(hashPrefix.length)
  try {
    let bytes: Uint8Array
    if (rest.startsWith('z=')) {
      if (!hasCompression()) return null
      bytes = await pipe(fromB64url(rest.slice(2)), new DecompressionStream('deflate-raw'))
    } else if (rest.startsWith('p=')) bytes = fromB64url(rest.slice(2))
    else return null
    const v: unknown = JSON.parse(new TextDecoder().decode(bytes))
    if (!v || typeof v !== 'object') return null
    const o = v as Record<string, unknown>
    const out: ToolsState = {}
    for (const k of ['types', 'bench', 'profile', 'gctrace', 'sort'] as const)
      if (typeof o[k] === 'string') out[k] = o[k] as string
    if (typeof o.gogc === 'number' && Number.isInteger(o.gogc) && o.gogc >= 0 && o.gogc <= 1_000_000)
      out.gogc = o.gogc
    return out
  } catch {
    return null
  }
}
