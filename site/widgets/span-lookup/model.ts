/**
 * span-lookup model (pure, no DOM): from any byte's address to its mspan, the way Go's
 * spanOfHeap does it today and the way Go ≤ 1.10's spanOf did it with one flat array.
 *
 * The heap: a fixed program on @go-alloc/core (`new Runtime({ gogc: 'off' })`): small objects of
 * several size classes (48 B, 1024 B, 3072 B — a 3-page span —, 512 B), one 40 KiB large object
 * (its own 5-page span), and two spans of 4096-byte objects of which the program drops the second
 * one's objects; `gc()` then frees that span. Its pages go back to the page allocator, but — as
 * in Go — nobody clears `heapArena.spans` for them: the entries still point at the dead mspan.
 *
 * The walk (Go 1.27 mheap.go spanOf / spanOfHeap, linux/amd64):
 *   1. ai = arenaIndex(p) = (p + 2^47) >> 26        (L1 has one entry; L2 has 2^22)
 *   2. ha = mheap_.arenas[0][ai]                    (nil → not heap)
 *   3. s = ha.spans[(p / 8192) % 8192]              (nil → never a span there)
 *   4. the mspan s: base, limit, state
 *   5. s.state == mSpanInUse && s.base() <= p < s.limit, else nil: a stale entry points at a dead
 *      span (state check), or at an mspan struct reused for another span (bounds check); a byte in
 *      a span's tail, past its last object, fails the bounds check too.
 *   6. the object: (p − base) / elemsize.
 * Go ≤ 1.10, beside it: spans[(p − arena_start) >> 13] in one array covering the 512 GiB arena,
 * after checking arena_start ≤ p < arena_used; the same program run with `layout: 'legacy'`
 * places every span at the same offset from the heap's start, so the byte at heap offset d is
 * arena_start + d there.
 *
 * Entries are read with the core's raw spanOf (`rt.mheap_.spanOf`, what Go's spanOf returns,
 * stale entries included), the rest from `snapshot()` and `spanOf` (spanOfHeap).
 */
import { Runtime, legacyLayout, type GoVersion } from '@go-alloc/core'
import { coreGoVersion } from '../shared/core-version.ts'
import { parseAddress, type AddressError } from '../shared/address.ts'

// The address parser is shared with the other address figure; re-exported for this figure's callers.
export { parseAddress } from '../shared/address.ts'

export const pageSize = 8192
/** Pages of the heap the figure draws (all spans of the program sit in them). */
export const drawnPages = 16

export interface SpanMark {
  label: string
  base: number
  npages: number
  /** End of the last object (base + nelems × elemsize; base + size for a large object). */
  limit: number
  sizeclass: number
  elemsize: number
  nelems: number
  /** 'mSpanInUse' or 'mSpanDead' (freed by the GC). */
  state: string
  /** Allocated slots (from the span's allocBits after the GC; all free for a dead span). */
  allocated: boolean[]
  /** First page, counted from the heap's first page. */
  page: number
}

export interface Scenario {
  goVersion: GoVersion
  heapBase: number
  legacyArenaStart: number
  spans: SpanMark[]
  /** heapArena.spans[page] for the drawn pages: the label of the mspan it points at, or null. */
  entries: (string | null)[]
  /** The same entries in Go ≤ 1.10's flat array (the legacy run). */
  legacyEntries: (string | null)[]
  /** Object addresses, by span label (first object of each span). */
  firstObject: Record<string, number>
}

/** The program: [label, size, count, drop?]. Spans are labelled in the order they appear. */
export const program: readonly { size: number; count: number; drop?: boolean }[] = Object.freeze([
  { size: 48, count: 5 },
  { size: 1024, count: 3 },
  { size: 3072, count: 2 },
  { size: 40 * 1024, count: 1 },
  { size: 512, count: 6 },
  { size: 4096, count: 2 },
  { size: 4096, count: 2, drop: true },
])

interface Run {
  rt: Runtime
  labels: Map<unknown, string>
  first: Record<string, number>
}

function runProgram(v: GoVersion, layout: 'arenas' | 'legacy'): Run {
  const rt = new Runtime({ goVersion: v, gogc: 'off', layout })
  const labels = new Map<unknown, string>()
  const first: Record<string, number> = {}
  const dropped: number[] = []
  for (const step of program) {
    for (let i = 0; i < step.count; i++) {
      const a = rt.malloc(step.size, { noscan: true })
      const s = rt.mheap_.spanOf(a)
      if (s && !labels.has(s)) {
        const label = String.fromCharCode(65 + labels.size)
        labels.set(s, label)
        first[label] = a
      }
      if (step.drop) dropped.push(a)
    }
  }
  for (const a of dropped) rt.drop(a)
  rt.gc()
  return { rt, labels, first }
}

const memo = new Map<string, { scenario: Scenario; run: Run; legacy: Run }>()

function build(go: string) {
  const v = coreGoVersion(go)
  const hit = memo.get(v)
  if (hit) return hit
  const run = runProgram(v, 'arenas')
  const legacy = runProgram(v, 'legacy')
  const snap = run.rt.snapshot()
  const heapBase = Math.min(...snap.spans.map((s) => s.base))
  const spans: SpanMark[] = []
  for (const [obj, label] of run.labels) {
    const s = obj as {
      startAddr: number
      npages: number
      limit: number
      spanclass: number
      elemsize: number
      nelems: number
      state: number
    }
    const live = snap.spans.find((x) => x.base === s.startAddr && s.state === 1)
    const bits = live?.allocBits
    spans.push({
      label,
      base: s.startAddr,
      npages: s.npages,
      // Go: s.limit = s.base() + s.elemsize*s.nelems for small spans (mheap.go initSpan), so the
      // tail after the last object (heap bits, inline mark bits, waste) is outside the span's
      // objects; large spans: base + the object's size.
      limit: s.spanclass >> 1 === 0 ? s.limit : s.startAddr + s.elemsize * s.nelems,
      sizeclass: s.spanclass >> 1,
      elemsize: s.elemsize,
      nelems: s.nelems,
      state: s.state === 1 ? 'mSpanInUse' : 'mSpanDead',
      allocated: Array.from({ length: s.nelems }, (_, i) =>
        bits ? ((bits[i >> 3] ?? 0) & (1 << (i & 7))) !== 0 : false,
      ),
      page: (s.startAddr - heapBase) / pageSize,
    })
  }
  spans.sort((a, b) => a.base - b.base || a.label.localeCompare(b.label))
  const entryAt = (r: Run, addr: number) => {
    const s = r.rt.mheap_.spanOf(addr)
    return s ? (r.labels.get(s) ?? '?') : null
  }
  const entries = Array.from({ length: drawnPages }, (_, i) => entryAt(run, heapBase + i * pageSize))
  const legacyEntries = Array.from({ length: drawnPages }, (_, i) =>
    entryAt(legacy, legacyLayout.arenaStart + i * pageSize),
  )
  const scenario: Scenario = {
    goVersion: v,
    heapBase,
    legacyArenaStart: legacyLayout.arenaStart,
    spans,
    entries,
    legacyEntries,
    firstObject: run.first,
  }
  const out = { scenario, run, legacy }
  memo.set(v, out)
  return out
}

export function spanScenario(go: string): Scenario {
  return build(go).scenario
}

// ---------------------------------------------------------------------------------------------

export type Verdict =
  | { kind: 'found'; span: SpanMark; object: number; objectBase: number; offset: number }
  | { kind: 'notUser' }
  | { kind: 'noArena' }
  | { kind: 'nilEntry' }
  | { kind: 'dead'; span: SpanMark }
  | { kind: 'bounds'; span: SpanMark }

export interface LegacyWalk {
  /** The same heap offset in the legacy heap. */
  addr: number | null
  /** (p − arena_start) >> 13, or null outside [arena_start, arena_used). */
  index: number | null
  entry: string | null
  verdict: Verdict['kind'] | 'outside'
}

export interface Walk {
  addr: bigint
  /** (p + 2^47) >> 26; null for a non-user address. */
  arenaIndex: number | null
  /** Whether arenas[0][ai] holds a heapArena. */
  hasArena: boolean
  arenaBase: number | null
  /** Page in the arena, (p / 8192) % 8192. */
  pageInArena: number | null
  /** Page counted from the heap's start (for drawing), or null outside the drawn pages. */
  drawnPage: number | null
  /** The label of the mspan heapArena.spans[page] points at, or null (nil). */
  entry: string | null
  verdict: Verdict
  legacy: LegacyWalk
}

export const stepNames = ['arena', 'heapArena', 'entry', 'mspan', 'check', 'object'] as const
export type StepName = (typeof stepNames)[number]

export type LookupResult = { ok: false; error: AddressError } | { ok: true; walk: Walk }

/** Walk the lookup of a typed address. Never throws. */
export function lookup(go: string, text: string): LookupResult {
  const parsed = parseAddress(text)
  if (!parsed.ok) return parsed
  const { scenario: sc, run, legacy } = build(go)
  const p = parsed.value
  const byLabel = (l: string | null) => (l === null ? null : (sc.spans.find((s) => s.label === l) ?? null))
  const legacyWalk = (heapOff: bigint): LegacyWalk => {
    const L = legacy.rt.snapshot().legacy
    if (heapOff < 0n || !L) return { addr: null, index: null, entry: null, verdict: 'outside' }
    const la = BigInt(sc.legacyArenaStart) + heapOff
    if (la >= BigInt(L.arenaUsed))
      return { addr: Number(la) <= 2 ** 53 ? Number(la) : null, index: null, entry: null, verdict: 'outside' }
    const n = Number(la)
    const index = Math.floor((n - sc.legacyArenaStart) / pageSize)
    const s = legacy.rt.mheap_.spanOf(n)
    const entry = s ? (legacy.labels.get(s) ?? '?') : null
    const mark = byLabel(entry)
    const off = n - sc.legacyArenaStart + sc.heapBase
    let verdict: LegacyWalk['verdict'] = 'found'
    if (!s || !mark) verdict = 'nilEntry'
    else if (s.state !== 1) verdict = 'dead'
    else if (off < mark.base || off >= mark.limit) verdict = 'bounds'
    return { addr: n, index, entry, verdict }
  }
  const heapOff = p - BigInt(sc.heapBase)
  const base: Omit<Walk, 'verdict'> = {
    addr: p,
    arenaIndex: null,
    hasArena: false,
    arenaBase: null,
    pageInArena: null,
    drawnPage:
      heapOff >= 0n && heapOff < BigInt(drawnPages * pageSize) ? Number(heapOff / BigInt(pageSize)) : null,
    entry: null,
    legacy: legacyWalk(heapOff),
  }
  if (p >= 2n ** 47n) return { ok: true, walk: { ...base, verdict: { kind: 'notUser' } } }
  const n = Number(p)
  const ai = Math.floor((n + 2 ** 47) / 2 ** 26)
  const snap = run.rt.snapshot()
  const hasArena = snap.arenas.some((a) => a.index === ai)
  const walk0 = { ...base, arenaIndex: ai, hasArena, arenaBase: n - (n % 2 ** 26) }
  if (!hasArena) return { ok: true, walk: { ...walk0, verdict: { kind: 'noArena' } } }
  const pageInArena = Math.floor(n / pageSize) % 8192
  const s = run.rt.mheap_.spanOf(n)
  const entry = s ? (run.labels.get(s) ?? '?') : null
  const walk1 = { ...walk0, pageInArena, entry }
  const mark = byLabel(entry)
  if (!s || !mark) return { ok: true, walk: { ...walk1, verdict: { kind: 'nilEntry' } } }
  if (s.state !== 1) return { ok: true, walk: { ...walk1, verdict: { kind: 'dead', span: mark } } }
  if (n < mark.base || n >= mark.limit)
    return { ok: true, walk: { ...walk1, verdict: { kind: 'bounds', span: mark } } }
  const object = Math.floor((n - mark.base) / mark.elemsize)
  const objectBase = mark.base + object * mark.elemsize
  return {
    ok: true,
    walk: { ...walk1, verdict: { kind: 'found', span: mark, object, objectBase, offset: n - objectBase } },
  }
}

/** The steps a walk goes through (it stops at the first nil). */
export function walkSteps(w: Walk): StepName[] {
  switch (w.verdict.kind) {
    case 'notUser':
      return ['arena']
    case 'noArena':
      return ['arena', 'heapArena']
    case 'nilEntry':
      return ['arena', 'heapArena', 'entry']
    case 'dead':
    case 'bounds':
      return ['arena', 'heapArena', 'entry', 'mspan', 'check']
    case 'found':
      return [...stepNames]
  }
}

const hx = (n: number) => `0x${n.toString(16)}`

/** Named bytes the reader can pick (and prose links can name): value → address. */
export function picks(go: string): { name: string; addr: string }[] {
  const sc = spanScenario(go)
  const span = (l: string) => sc.spans.find((s) => s.label === l) as SpanMark
  const small =
    sc.spans.find((s) => s.sizeclass !== 0 && s.state === 'mSpanInUse' && s.elemsize === 48) ?? sc.spans[0]!
  const multi = sc.spans.find((s) => s.npages > 1 && s.sizeclass !== 0) ?? small
  const large = sc.spans.find((s) => s.sizeclass === 0) ?? small
  const dead = sc.spans.find((s) => s.state === 'mSpanDead') ?? small
  const tail = sc.spans.find((s) => s.sizeclass !== 0 && s.limit < s.base + s.npages * pageSize) ?? small
  const used = new Set(
    sc.spans
      .filter((s) => s.state === 'mSpanInUse')
      .flatMap((s) => Array.from({ length: s.npages }, (_, i) => s.page + i)),
  )
  const freePage = Array.from({ length: drawnPages }, (_, i) => i).find(
    (i) => !used.has(i) && sc.entries[i] === null,
  )
  void span
  const out = [
    { name: 'small', addr: hx(small.base + 2 * small.elemsize + 5) },
    { name: 'multi', addr: hx(multi.base + pageSize + 100) },
    { name: 'large', addr: hx(large.base + 3 * pageSize + 16) },
    { name: 'stale', addr: hx(dead.base + 8) },
    { name: 'tail', addr: hx(tail.limit + 4) },
  ]
  if (freePage !== undefined) out.push({ name: 'free', addr: hx(sc.heapBase + freePage * pageSize) })
  out.push({ name: 'notheap', addr: hx(legacyLayout.arenaStart) })
  return out
}

/** A prose link's value: a pick name or an address. */
export function addressForGoto(go: string, value: string): string {
  return picks(go).find((p) => p.name === value)?.addr ?? value
}
