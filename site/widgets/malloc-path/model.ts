/**
 * malloc-path model (pure, no DOM): one allocation's trip through Go's allocator, read from the
 * trace events of @go-alloc/core. A fresh `Runtime` makes `n − 1` allocations of the same size
 * first (so n = 1 is a cold start and n = 2 usually a hit in the P's cache), then the traced one:
 *
 *   size → class (sizeClass), or tiny (≤ 15 B without pointers), or large (> 32 KiB)
 *   mcache:   nextFreeFast / nextFreeIndex hit, or refill (the span is full or there is none)
 *   mcentral: cacheSpan from a span set, or grow (a new span from the heap)
 *   mheap:    allocSpan (from the P's page cache or the page allocator), heapGrow if it had to
 *   slot:     the address malloc returned, its slot in the span
 *
 * Each stage says whether the allocation went through it and what happened there; the figure
 * draws the stages as boxes and the span as a strip of slots (shared/memory).
 */
import { Runtime, maxAlloc, type TraceEvent, type SpanInfo } from '@go-alloc/core'
import { coreGoVersion } from '../shared/core-version.ts'

export type StageName = 'class' | 'mcache' | 'mcentral' | 'mheap' | 'slot'
export const stageNames: readonly StageName[] = Object.freeze([
  'class',
  'mcache',
  'mcentral',
  'mheap',
  'slot',
])

export interface MallocInput {
  /** The size as typed. */
  size: string
  noscan: boolean
  /** Which allocation of this size to follow (1 = the first on a fresh heap). */
  n: number
}

export const maxN = 64

export type SizeError =
  { kind: 'empty' } | { kind: 'notNumber'; text: string } | { kind: 'tooBig' } | { kind: 'negative' }

export type Trip =
  | { ok: false; error: SizeError }
  | {
      ok: true
      size: number
      noscan: boolean
      n: number
      path: 'zero' | 'tiny' | 'small' | 'large'
      fn: string
      sizeclass: number
      elemsize: number
      /** The stages the allocation reached. */
      visited: StageName[]
      mcache: 'fast' | 'slow' | 'refill' | 'tinyHit' | 'tinyBlock' | null
      mcentral: { from: string } | null
      mheap: { npages: number; viaPageCache: boolean; grew: number } | null
      addr: number
      span: SpanInfo | null
      /** Slot index of addr in its span. */
      slot: number
      /** Slots of the span the earlier allocations took (the program's own, on a fresh heap). */
      usedSlots: number[]
      /** Slots in use in the span after this allocation. */
      allocCount: number
    }

/** Parse a size: a non-negative integer, with optional `_` or `,` separators, or KiB/MiB suffixes. */
export function parseSize(text: string): { ok: true; value: number } | { ok: false; error: SizeError } {
  const t = text.trim().replace(/[_,]/g, '')
  if (t === '') return { ok: false, error: { kind: 'empty' } }
  const m = /^(-?\d+)\s*(b|kib|k|kb|mib|m|mb)?$/i.exec(t)
  if (!m) return { ok: false, error: { kind: 'notNumber', text: text.trim() } }
  const unit = (m[2] ?? 'b').toLowerCase()
  const mult = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1
  const v = Number(m[1]) * mult
  if (v < 0) return { ok: false, error: { kind: 'negative' } }
  if (!Number.isSafeInteger(v) || v > 1 << 30) return { ok: false, error: { kind: 'tooBig' } }
  return { ok: true, value: v }
}

/** The largest size the figure runs (1 GiB: the simulator would take long past that). */
export const maxSize = Math.min(1 << 30, maxAlloc)

const memo = new Map<string, Trip>()

export function trip(input: MallocInput, go: string): Trip {
  const parsed = parseSize(input.size)
  if (!parsed.ok) return parsed
  const size = parsed.value
  const n = Math.max(1, Math.min(maxN, Math.trunc(input.n) || 1))
  const v = coreGoVersion(go)
  const key = `${v}|${size}|${input.noscan}|${n}`
  const hit = memo.get(key)
  if (hit) return hit
  const rt = new Runtime({ goVersion: v, gogc: 'off' })
  const earlier: number[] = []
  for (let i = 1; i < n; i++) earlier.push(rt.malloc(size, { noscan: input.noscan }))
  const evs: TraceEvent[] = []
  const off = rt.subscribe((e) => evs.push(e))
  const addr = rt.malloc(size, { noscan: input.noscan })
  off()
  const m = evs.find((e) => e.type === 'malloc')
  if (!m || m.type !== 'malloc') throw new Error('malloc-path: no malloc event')
  const has = (t: TraceEvent['type']) => evs.some((e) => e.type === t)
  let mcache: Extract<Trip, { ok: true }>['mcache'] = null
  if (has('tinyHit')) mcache = 'tinyHit'
  else if (has('refill')) mcache = 'refill'
  else if (has('nextFreeFast')) mcache = 'fast'
  else if (has('nextFreeIndex')) mcache = 'slow'
  if (mcache === null && has('tinyBlock') && m.path === 'tiny') mcache = 'tinyBlock'
  const cs = evs.find((e) => e.type === 'cacheSpan')
  const mcentral = cs && cs.type === 'cacheSpan' ? { from: cs.from } : null
  const as = evs.find((e) => e.type === 'allocSpan')
  const grew = evs.reduce((g, e) => (e.type === 'heapGrow' ? g + e.growth : g), 0)
  const mheap =
    as && as.type === 'allocSpan' ? { npages: as.npages, viaPageCache: as.viaPageCache, grew } : null
  const span = size === 0 ? null : rt.spanOf(addr)
  const visited: StageName[] = ['class']
  if (m.path === 'small' || m.path === 'tiny') visited.push('mcache')
  if (mcentral) visited.push('mcentral')
  if (mheap) visited.push('mheap')
  if (m.path !== 'zero') visited.push('slot')
  const slotOf = (a: number) => (span ? Math.floor((a - span.base) / span.elemsize) : 0)
  const slot = slotOf(addr)
  const usedSlots = span
    ? [...new Set(earlier.filter((a) => a >= span.base && a < span.base + span.npages * 8192).map(slotOf))]
    : []
  const out: Trip = {
    ok: true,
    size,
    noscan: input.noscan,
    n,
    path: m.path,
    fn: m.fn,
    sizeclass: m.sizeclass,
    elemsize: m.elemsize,
    visited,
    mcache,
    mcentral,
    mheap,
    addr,
    span,
    slot,
    usedSlots,
    allocCount: span?.allocCount ?? 0,
  }
  if (memo.size > 200) memo.clear()
  memo.set(key, out)
  return out
}

export const startInput: MallocInput = Object.freeze({ size: '33', noscan: false, n: 1 })
