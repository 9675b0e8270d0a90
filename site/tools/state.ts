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
  /** GOGC the GC-trace replay compares with ('off' only together with `memlimit`). */
  gogc?: number | 'off'
  /** GOMEMLIMIT the GC-trace replay compares with, in MiB (absent: no limit). */
  memlimit?: number
}

/** GOGC values the input accepts (the URL takes any integer 0 … 1 000 000, as Go does). */
export const gogcInputMin = 10
export const gogcInputMax = 1000
/** GOMEMLIMIT in whole MiB: 1 MiB up to 64 GiB, the simulator's cap on HeapInuse. */
export const memLimitMinMiB = 1
export const memLimitMaxMiB = 65536

/** What is wrong with a compare setting, for the page's message (texts.ts words it). */
export type CompareError =
  | { field: 'gogc'; code: 'notNumber' | 'range'; input: string }
  | { field: 'gogc'; code: 'offNeedsLimit'; input: string }
  | { field: 'memlimit'; code: 'notNumber' | 'notWhole' | 'range'; input: string }

/** A decimal number as typed (sign, digits, point, exponent): what `Number()` reads beyond is refused. */
const numeric = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i

export type CompareInput =
  { ok: true; gogc: number | 'off'; memlimit: number | undefined } | { ok: false; errors: CompareError[] }

/**
 * The two inputs of the GC-trace replay, read together: GOGC is a whole number from 10 to 1000
 * or `off` (any case, as Go's GOGC env var), GOMEMLIMIT a whole number of MiB from 1 to 65536 or
 * empty for no limit; GOGC=off needs a limit (without one nothing would ever be collected).
 */
export function readCompareInput(gogcText: string, limitText: string): CompareInput {
  const errors: CompareError[] = []
  const gt = gogcText.trim()
  const lt = limitText.trim()
  let gogc: number | 'off' = 100
  if (gt.toLowerCase() === 'off') gogc = 'off'
  else if (!numeric.test(gt)) errors.push({ field: 'gogc', code: 'notNumber', input: gt })
  else {
    const v = Number(gt)
    if (!Number.isInteger(v) || v < gogcInputMin || v > gogcInputMax)
      errors.push({ field: 'gogc', code: 'range', input: gt })
    else gogc = v
  }
  let memlimit: number | undefined
  if (lt !== '') {
    if (!numeric.test(lt)) errors.push({ field: 'memlimit', code: 'notNumber', input: lt })
    else {
      const v = Number(lt)
      if (v < memLimitMinMiB || v > memLimitMaxMiB)
        errors.push({ field: 'memlimit', code: 'range', input: lt })
      else if (!Number.isInteger(v)) errors.push({ field: 'memlimit', code: 'notWhole', input: lt })
      else memlimit = v
    }
  }
  if (gogc === 'off' && lt === '') errors.push({ field: 'gogc', code: 'offNeedsLimit', input: gt })
  return errors.length ? { ok: false, errors } : { ok: true, gogc, memlimit }
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
    const limit = o.memlimit
    if (
      typeof limit === 'number' &&
      Number.isInteger(limit) &&
      limit >= memLimitMinMiB &&
      limit <= memLimitMaxMiB
    )
      out.memlimit = limit
    if (typeof o.gogc === 'number' && Number.isInteger(o.gogc) && o.gogc >= 0 && o.gogc <= 1_000_000)
      out.gogc = o.gogc
    // GOGC=off only with a limit: alone it would never collect.
    else if (o.gogc === 'off' && out.memlimit !== undefined) out.gogc = 'off'
    return out
  } catch {
    return null
  }
}
