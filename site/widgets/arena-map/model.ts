/**
 * arena-map model (pure, no DOM): the heap's address space in two layouts, driven by the same
 * program on @go-alloc/core.
 *
 * - Today's layout (Go 1.11+, `new Runtime()`): the heap is reserved 64 MiB heap arena at a time
 *   at the first arena hint that works; each arena has an entry in the arena map `arenas[L1][L2]`
 *   (on linux/amd64 L1 has one entry and L2 has 2^22, indexed by (p + 2^47) >> 26, the
 *   arenaBaseOffset trick that folds the sign-extended address space into one range). Inside an
 *   arena the heap grows 4 MiB chunk at a time: Reserved (PROT_NONE) → Prepared (sysMap; Go
 *   counts it as released) → Ready (sysUsed when a span takes the pages); the scavenger moves free
 *   pages back to Prepared. Read from `snapshot()`: arenas, curArena, nextArenaHint, os.mapped,
 *   pageAlloc chunks (alloc and scavenged bitmaps).
 * - Go ≤ 1.10 (`new Runtime({ layout: 'legacy' })`): one reservation from 0xc000000000, spans
 *   512 MiB | bitmap 16 GiB | arena 512 GiB, objects from 0xc420000000; the heap grows by moving
 *   arena_used up, the bitmap is mapped downward from arena_start, the spans array upward. Read
 *   from `snapshot().legacy` and `legacyLayout`.
 *
 * The program: a list of ops, each either "allocate N MiB" (one large noscan object) or "free"
 * (the program drops every object, then debug.FreeOSMemory: a GC and every free page back to the
 * OS). `lookup()` takes any address the reader types and says which arena, chunk, page and span
 * it falls in — or why it is not heap — in both layouts.
 */
import {
  Runtime,
  legacyLayout,
  heapArenaBytes,
  pallocChunkBytes,
  type GoVersion,
  type SpanInfo,
  type Snapshot,
} from '@go-alloc/core'
import { coreGoVersion } from '../shared/core-version.ts'
import { parseAddress, type AddressError } from '../shared/address.ts'

// The address parser is shared with the other address figure; re-exported for this figure's callers.
export { parseAddress } from '../shared/address.ts'

export const pageSize = 8192
export const chunksPerArena = heapArenaBytes / pallocChunkBytes // 16
export const pagesPerChunk = pallocChunkBytes / pageSize // 512
export const pagesPerArena = heapArenaBytes / pageSize // 8192
/** linux/amd64: arenaBaseOffset = 0xffff800000000000 (added mod 2^64 = 2^47 for user addresses). */
export const arenaBaseOffset = 2n ** 64n - 2n ** 47n
/** Entries of the L2 arena map on linux/amd64 (arenaL2Bits = 48 − 26 = 22). */
export const arenaL2Entries = 2 ** 22
/** The user address space amd64 gives a process: 47 bits (128 TiB). */
export const userAddrBits = 47

/** The sizes the reader can allocate (MiB). */
export const allocSizes: readonly number[] = Object.freeze([1, 10, 60])
/** At most this many ops (a long program is still a short URL). */
export const maxOps = 24

export type Op = number | 'free'

/** `10,10,60,f` → ops; a clear message naming the bad item otherwise. */
export function parseOps(text: string): { ok: true; ops: Op[] } | { ok: false; error: string } {
  const t = text.trim()
  if (t === '') return { ok: true, ops: [] }
  const items = t.split(',')
  if (items.length > maxOps) return { ok: false, error: `at most ${maxOps} steps, got ${items.length}` }
  const ops: Op[] = []
  for (const [i, raw] of items.entries()) {
    const s = raw.trim()
    if (s === 'f') ops.push('free')
    else if (/^\d+$/.test(s) && allocSizes.includes(Number(s))) ops.push(Number(s))
    else
      return {
        ok: false,
        error: `step ${i + 1} is ${JSON.stringify(s)}: use ${allocSizes.join(', ')} (MiB to allocate) or f (free all)`,
      }
  }
  return { ok: true, ops }
}

export const formatOps = (ops: readonly Op[]): string =>
  ops.map((o) => (o === 'free' ? 'f' : String(o))).join(',')

export type ChunkState = 'reserved' | 'prepared' | 'ready'

export interface ChunkView {
  /** Chunk 0..15 of its arena. */
  index: number
  base: number
  state: ChunkState
  /** Pages allocated and backed (in spans, or held by a page cache). */
  inUsePages: number
  /** Pages backed by memory (Ready): not scavenged. */
  readyPages: number
}

export interface ArenaView {
  /** arenas[0][l2]: the L2 index (L1 is always 0 on linux/amd64). */
  l2: number
  base: number
  chunks: ChunkView[]
}

/** The heap base: the core's default for the version ('auto': randomized from Go 1.26) or fixed. */
export interface BaseOptions {
  base: 'auto' | 'fixed'
  /** Seed of the randomized base (non-negative safe integer). */
  seed: number
}
export const defaultBase: BaseOptions = Object.freeze({ base: 'auto', seed: 1 })

/** `base` and `seed` URL values → options (anything unreadable falls back to the default). */
export function parseBase(base: string | null, seed: string | null): BaseOptions {
  const n = Number(seed)
  return {
    base: base === 'fixed' ? 'fixed' : 'auto',
    seed: seed !== null && /^\d{1,15}$/.test(seed) && Number.isSafeInteger(n) ? n : 1,
  }
}

export interface ModernView {
  goVersion: GoVersion
  /** Whether the heap base was randomized (Go 1.26+ default), and the seed it was drawn from. */
  randomized: boolean
  seed: number
  arenas: ArenaView[]
  /** Where the next arena would be reserved (Go: mheap_.arenaHints head). */
  nextHint: number
  /** The first arena hint (the heap's intended base). */
  firstHint: number
  /** The arena hints mallocinit laid out for the heap, in order (Go: mheap_.arenaHints at start). */
  hints: number[]
  /** curArena: reserved but not yet handed to the heap. */
  curArena: { base: number; end: number }
  reservedBytes: number
  mappedBytes: number
  readyBytes: number
  heapInUse: number
  /** Address of each live object (what malloc returned), in allocation order. */
  objects: number[]
}

export interface LegacyView {
  spansStart: number
  bitmapLow: number
  arenaStart: number
  arenaEnd: number
  reserveSize: number
  spansSize: number
  bitmapSize: number
  arenaSize: number
  /** arena_used: the heap is usable up to here. */
  arenaUsed: number
  bitmapMapped: number
  spansMapped: number
  objects: number[]
}

export interface ArenaModel {
  ops: Op[]
  modern: ModernView
  legacy: LegacyView
  /** The live runtimes, for lookups (not drawn). */
  rt: Runtime
  legacyRt: Runtime
  snap: Snapshot
}

const bit = (bytes: Uint8Array, i: number): boolean => ((bytes[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0

function run(rt: Runtime, ops: readonly Op[]): number[] {
  let live: number[] = []
  for (const op of ops) {
    if (op === 'free') {
      for (const a of live) rt.drop(a)
      live = []
      rt.freeOSMemory()
    } else live.push(rt.malloc(op * 1024 * 1024, { noscan: true }))
  }
  return live
}

const inRanges = (rs: readonly { base: number; size: number }[], a: number, n: number) =>
  rs.some((r) => r.base <= a && a + n <= r.base + r.size)

/** The chunks of one arena from a snapshot. */
function arenaChunks(snap: Snapshot, base: number): ChunkView[] {
  const out: ChunkView[] = []
  for (let c = 0; c < chunksPerArena; c++) {
    const cb = base + c * pallocChunkBytes
    const mapped = inRanges(snap.os.mapped, cb, pallocChunkBytes)
    const chunk = snap.pageAlloc.chunks.find((k) => k.base === cb)
    let inUse = 0
    let ready = 0
    if (mapped && chunk)
      for (let i = 0; i < pagesPerChunk; i++) {
        // Allocated and backed. (Go 1.26+'s padding pages below the randomized heap start are
        // allocated but scavenged: never in use, so not counted.)
        if (bit(chunk.alloc, i) && !bit(chunk.scavenged, i)) inUse++
        if (!bit(chunk.scavenged, i)) ready++
      }
    out.push({
      index: c,
      base: cb,
      state: !mapped ? 'reserved' : ready > 0 ? 'ready' : 'prepared',
      inUsePages: inUse,
      readyPages: mapped ? ready : 0,
    })
  }
  return out
}

const memo = new Map<string, ArenaModel>()

/** Run `ops` on both layouts for Go version `go` (memoized: the same input is the same model). */
export function buildArenaModel(ops: readonly Op[], go: string, opts: BaseOptions = defaultBase): ArenaModel {
  const v = coreGoVersion(go)
  const key = `${v}|${formatOps(ops)}|${opts.base}|${opts.seed}`
  const hit = memo.get(key)
  if (hit) return hit
  const rt = new Runtime({
    goVersion: v,
    gogc: 'off',
    seed: opts.seed,
    ...(opts.base === 'fixed' ? { heapBase: 'fixed' as const } : {}),
  })
  // The hints as mallocinit laid them out, read before the program consumes any.
  const hints = rt.mheap_.arenaHints.map((h) => h.addr)
  const objects = run(rt, ops)
  const snap = rt.snapshot()
  const legacyRt = new Runtime({ goVersion: v, gogc: 'off', layout: 'legacy' })
  const legacyObjects = run(legacyRt, ops)
  const L = legacyRt.snapshot().legacy
  if (!L) throw new Error('arena-map: the legacy runtime has no legacy snapshot')
  const arenas = [...snap.arenas]
    .sort((a, b) => a.base - b.base)
    .map((a) => ({ l2: a.index, base: a.base, chunks: arenaChunks(snap, a.base) }))
  const stats = snap.stats
  const model: ArenaModel = {
    ops: [...ops],
    modern: {
      goVersion: v,
      randomized: rt.heapBase === 'randomized',
      seed: rt.seed,
      arenas,
      nextHint: snap.nextArenaHint,
      firstHint: hints[0] ?? snap.nextArenaHint,
      hints,
      curArena: snap.curArena,
      reservedBytes: snap.os.reserved.reduce((n, r) => n + r.size, 0),
      mappedBytes: snap.os.mapped.reduce((n, r) => n + r.size, 0),
      readyBytes: snap.os.readyBytes,
      heapInUse: stats.heapInUse,
      objects,
    },
    legacy: {
      spansStart: legacyLayout.spansStart,
      bitmapLow: legacyLayout.spansStart + legacyLayout.spansSize,
      arenaStart: legacyLayout.arenaStart,
      arenaEnd: legacyLayout.arenaEnd,
      reserveSize: legacyLayout.reserveSize,
      spansSize: legacyLayout.spansSize,
      bitmapSize: legacyLayout.bitmapSize,
      arenaSize: legacyLayout.arenaSize,
      arenaUsed: L.arenaUsed,
      bitmapMapped: L.bitmapMapped,
      spansMapped: L.spansMapped,
      objects: legacyObjects,
    },
    rt,
    legacyRt,
    snap,
  }
  if (memo.size > 64) memo.clear()
  memo.set(key, model)
  return model
}

// ---------------------------------------------------------------------------------------------
// Address lookup

export const hex = (n: number | bigint): string => `0x${n.toString(16)}`

/** Go's arenaIndex on linux/amd64: ((p − arenaBaseOffset) mod 2^64) >> 26, i.e. (p + 2^47) >> 26 for user addresses. */
export function arenaIndexOf(p: bigint): bigint {
  const m = 2n ** 64n
  return ((((p - arenaBaseOffset) % m) + m) % m) >> 26n
}

export type ModernVerdict =
  /** p is past amd64's 47-bit user address space: no heap arena can ever hold it
   *  (arenaIndex still computes an index — past the L2 map, or, for the kernel half, one that
   *  stays nil). */
  | { kind: 'notUser'; index: bigint }
  /** arenas[0][l2] is nil: no heap arena was ever reserved there. */
  | { kind: 'noArena'; l2: number; arenaBase: number }
  /** A heap arena, but p's chunk is only reserved (not mapped yet). */
  | { kind: 'reserved'; l2: number; arenaBase: number; chunk: ChunkView; page: number }
  /** Mapped heap memory, but no in-use span holds p's page: a free page. */
  | { kind: 'freePage'; l2: number; arenaBase: number; chunk: ChunkView; page: number }
  /** In an in-use span; `offset` is p − span base, `object` the object's index in the span. */
  | {
      kind: 'span'
      l2: number
      arenaBase: number
      chunk: ChunkView
      page: number
      span: SpanInfo
      offset: number
      object: number
      /** Past the last object (tail bytes of the span, or past a large object's size). */
      pastLimit: boolean
    }

export type LegacyVerdict =
  | { kind: 'below' }
  | { kind: 'spans'; entry: number; forPage: number }
  | { kind: 'bitmap'; byteFromTop: number; forWord: number }
  | { kind: 'arena'; page: number; used: boolean; span: SpanInfo | null }
  | { kind: 'above' }

export type LookupResult =
  | { ok: false; error: AddressError }
  | { ok: true; addr: bigint; modern: ModernVerdict; legacy: LegacyVerdict }

function modernVerdict(m: ArenaModel, p: bigint): ModernVerdict {
  const index = arenaIndexOf(p)
  if (p >= 2n ** BigInt(userAddrBits)) return { kind: 'notUser', index }
  const l2 = Number(index)
  const arenaBase = Number(p - (p % BigInt(heapArenaBytes)))
  const arena = m.modern.arenas.find((a) => a.l2 === l2)
  if (!arena) return { kind: 'noArena', l2, arenaBase }
  const n = Number(p)
  const off = n - arena.base
  const chunk = arena.chunks[Math.floor(off / pallocChunkBytes)] as ChunkView
  const page = Math.floor(off / pageSize)
  if (chunk.state === 'reserved') return { kind: 'reserved', l2, arenaBase, chunk, page }
  const span = m.rt.spanOf(n)
  if (!span) return { kind: 'freePage', l2, arenaBase, chunk, page }
  const offset = n - span.base
  const object = Math.floor(offset / span.elemsize)
  // Go's s.limit: base + elemsize × nelems for small spans (the tail past the last object is in no object).
  const limit = span.sizeclass === 0 ? span.limit : span.base + span.elemsize * span.nelems
  return { kind: 'span', l2, arenaBase, chunk, page, span, offset, object, pastLimit: n >= limit }
}

function legacyVerdict(m: ArenaModel, p: bigint): LegacyVerdict {
  const L = m.legacy
  if (p < BigInt(L.spansStart)) return { kind: 'below' }
  if (p >= BigInt(L.arenaEnd)) return { kind: 'above' }
  const n = Number(p)
  if (n < L.bitmapLow) {
    const entry = Math.floor((n - L.spansStart) / 8)
    return { kind: 'spans', entry, forPage: entry }
  }
  if (n < L.arenaStart) {
    const byteFromTop = L.arenaStart - 1 - n
    return { kind: 'bitmap', byteFromTop, forWord: byteFromTop * 4 }
  }
  const page = Math.floor((n - L.arenaStart) / pageSize)
  const used = n < L.arenaUsed
  return { kind: 'arena', page, used, span: used ? m.legacyRt.spanOf(n) : null }
}

/** Where the typed address falls in both layouts, or the reason it cannot be read. Never throws. */
export function lookup(m: ArenaModel, text: string): LookupResult {
  const parsed = parseAddress(text)
  if (!parsed.ok) return parsed
  const p = parsed.value
  return { ok: true, addr: p, modern: modernVerdict(m, p), legacy: legacyVerdict(m, p) }
}

/** The address a figure starts with: the first live object, else the first hint. */
export function defaultAddress(m: ArenaModel): string {
  return hex(m.modern.objects[0] ?? m.modern.firstHint)
}

/** The program the figure starts with: two 10 MiB objects, a 60 MiB one (a second arena). */
export const startOps: readonly Op[] = Object.freeze([10, 10, 60])
