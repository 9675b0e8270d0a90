/**
 * mcentral-sets model (pure, no DOM): one mcentral — the span class of 512-byte noscan objects,
 * 16 per one-page span — with its four span sets, watched through a fixed scenario run on
 * @go-alloc/core, one frame per step.
 *
 * The scenario (`mcentralSetsTrace()`) drives `new Runtime({ gogc: 'off' })` through its public
 * API only — malloc, drop, readMemStats (which flushes P0's mcache), a cycle like one the heap's
 * growth triggers (`rt.gc({ sweep: 'lazy' })`, so sweeping is left lazy) and `rt.background(n)` — and
 * after every step reads `snapshot()` (mcentral sets, spans, sweepgen, P0's mcache) and the
 * `cacheSpan` / `uncacheSpan` / `sweepSpan` events the step produced (`subscribe`). A frame is a
 * pure function of that data: the figure shows what the simulator did.
 *
 * Which physical array plays which role (Go's src/runtime/mcentral.go, partialSwept & co.):
 * with i = (sweepgen / 2) % 2, partial[i] and full[i] hold swept spans, partial[1 − i] and
 * full[1 − i] unswept ones. The snapshot names sets by role; `physicalOf()` turns a role into
 * the array it is at the frame's sweepgen. Span sweep phases come from the core's sweepPhaseOf
 * (packages/core/src/sweepgen.ts, after mheap.go's mspan comment).
 *
 * Simplifications: marking is stop-the-world and instant (packages/core/src/mgc.ts); the span
 * leaves P0's cache through ReadMemStats (which flushes every mcache), where in Go it would also
 * leave when the P flushes at the end of marking; the background sweeper runs one `sweepone` at
 * every allocation slow path (the core's stand-in for its idle time), so some sweeps in the
 * allocation steps are the background sweeper's, as the captions say.
 */
import {
  Runtime,
  sweepPhaseOf,
  type GoVersion,
  type Snapshot,
  type SpanSweepPhase,
  type TraceEvent,
} from '@go-alloc/core'
import { defaultGoVersion } from '../../lib/go-version.ts'
import { en, type UiStrings } from '../../lib/strings/en.ts'

/** Object size of the scenario: 512-byte noscan objects, 16 in a one-page span. */
export const objectSize = 512
/** Spans the fill step fills completely, then the objects of the last, partial span. */
export const fullSpans = 5
export const lastSpanObjects = 6
/**
 * Which objects the program drops, per span in fill order (object index inside the span):
 * A keeps all, B keeps all, C loses every other one, D loses all, E loses 4, F loses 3 of 6.
 */
export const dropPlan: readonly ((j: number) => boolean)[] = [
  () => false,
  () => false,
  (j) => j % 2 === 0,
  () => true,
  (j) => j < 4,
  (j) => j < 3,
]
/** Span labels in fill order. */
export const labels = ['A', 'B', 'C', 'D', 'E', 'F'] as const

export type StepKind = 'first' | 'fill' | 'flush' | 'drop' | 'gc' | 'alloc' | 'refill' | 'background'
export type Role = 'partialSwept' | 'partialUnswept' | 'fullSwept' | 'fullUnswept'
export type ArrayName = 'partial[0]' | 'partial[1]' | 'full[0]' | 'full[1]'

export const roles: readonly Role[] = ['partialSwept', 'partialUnswept', 'fullSwept', 'fullUnswept']
export const arrays: readonly ArrayName[] = ['partial[0]', 'partial[1]', 'full[0]', 'full[1]']

export const roleWords: Record<Role, string> = {
  partialSwept: 'partial swept',
  partialUnswept: 'partial unswept',
  fullSwept: 'full swept',
  fullUnswept: 'full unswept',
}

/** The physical array that plays `role` when the heap's sweepgen is `sg` (mcentral.go). */
export function physicalOf(role: Role, sg: number): ArrayName {
  const i = (sg >>> 1) & 1
  const idx = role.endsWith('Unswept') ? 1 - i : i
  return `${role.startsWith('partial') ? 'partial' : 'full'}[${idx}]` as ArrayName
}

/** The role `array` plays at sweepgen `sg` (the inverse of physicalOf). */
export function roleOf(array: ArrayName, sg: number): Role {
  const r = roles.find((x) => physicalOf(x, sg) === array)
  return r as Role
}

export interface SpanView {
  label: string
  base: number
  allocCount: number
  nelems: number
  sweepgen: number
  sweepPhase: SpanSweepPhase
  /** 'cache' (P0's mcache), an array name, or 'heap' (returned to the heap). */
  place: 'cache' | ArrayName | 'heap'
  /** The role of its array (null when cached or back in the heap). */
  role: Role | null
  /** Per slot: allocated (below freeindex or set in allocBits), marked (gcmarkBits). */
  slots: { allocated: boolean; marked: boolean }[]
}

export interface ArrayView {
  name: ArrayName
  role: Role
  /** The role it played in the previous frame (null in the first frame). */
  prevRole: Role | null
  /** Span labels in the set, in queue order. */
  spans: string[]
}

export interface StepEvent {
  kind: 'cacheSpan' | 'uncacheSpan' | 'sweepSpan'
  span: string
  /** cacheSpan: where it came from; uncacheSpan: where it went; sweepSpan: where it ended up. */
  detail: string
  freed?: number
  live?: number
  freedSpan?: boolean
  from?: Role | 'grow'
  to?: Role
  /** sweepSpan only: who swept it — cacheSpan (before handing a span out) or the background sweeper. */
  by?: 'cacheSpan' | 'background'
}

export interface SetsFrame {
  kind: StepKind
  spanclass: number
  elemsize: number
  heapSweepgen: number
  /** (sweepgen / 2) % 2: the index of the swept arrays. */
  parity: 0 | 1
  arrays: ArrayView[]
  /** Every span the scenario allocated, in fill order. */
  spans: SpanView[]
  /** Label of the span in P0's mcache for this class, or null. */
  cached: string | null
  /** The step's cacheSpan / uncacheSpan / sweepSpan events, in order. */
  events: StepEvent[]
  numGC: number
  sweepDone: boolean
}

/** One frame from a snapshot, the step's events and the span labels (base → label). Pure. */
export function frameFromSnapshot(
  snap: Snapshot,
  spanclass: number,
  kind: StepKind,
  evs: readonly TraceEvent[],
  labelOf: ReadonlyMap<number, string>,
  prevSweepgen: number | null = null,
): SetsFrame {
  const sg = snap.sweepgen
  const name = (base: number) => labelOf.get(base) ?? `0x${base.toString(16)}`
  const central = snap.mcentral.find((c) => c.spanclass === spanclass)
  const arrayViews: ArrayView[] = arrays.map((a) => {
    const role = roleOf(a, sg)
    const prevRole = prevSweepgen === null ? null : roleOf(a, prevSweepgen)
    return { name: a, role, prevRole, spans: (central?.[role] ?? []).map(name) }
  })
  const cachedBase = snap.ps[0]?.mcache.alloc.find((x) => x.spanclass === spanclass)?.span ?? null
  const spans: SpanView[] = [...labelOf].map(([base, label]) => {
    const s = snap.spans.find((x) => x.base === base && x.spanclass === spanclass)
    if (!s) {
      return {
        label,
        base,
        allocCount: 0,
        nelems: 0,
        sweepgen: 0,
        sweepPhase: 'unknown',
        place: 'heap',
        role: null,
        slots: [],
      }
    }
    const role = (s.list as Role | null) ?? null
    const place: SpanView['place'] = s.cachedBy === 0 ? 'cache' : role ? physicalOf(role, sg) : 'heap'
    return {
      label,
      base,
      allocCount: s.allocCount,
      nelems: s.nelems,
      sweepgen: s.sweepgen,
      sweepPhase: sweepPhaseOf(s.sweepgen, sg),
      place,
      role: place === 'cache' ? null : role,
      slots: Array.from({ length: s.nelems }, (_, i) => ({
        allocated: i < s.freeindex || ((s.allocBits[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0,
        marked: ((s.gcmarkBits[i >>> 3] ?? 0) & (1 << (i & 7))) !== 0,
      })),
    }
  })
  const events: StepEvent[] = []
  const cacheAt = evs.findIndex((ev) => ev.type === 'cacheSpan' && ev.spanclass === spanclass)
  for (const [k, ev] of evs.entries()) {
    if (ev.type === 'cacheSpan' && ev.spanclass === spanclass) {
      const from = ev.from as Role | 'grow'
      events.push({
        kind: 'cacheSpan',
        span: name(ev.span),
        from,
        detail: from === 'grow' ? 'a fresh span from the heap' : `from ${roleWords[from]}`,
      })
    } else if (ev.type === 'uncacheSpan' && ev.spanclass === spanclass) {
      const to = ev.to as Role
      events.push({ kind: 'uncacheSpan', span: name(ev.span), to, detail: `to ${roleWords[to]}` })
    } else if (ev.type === 'sweepSpan' && ev.spanclass === spanclass) {
      events.push({
        kind: 'sweepSpan',
        span: name(ev.span),
        freed: ev.freed,
        live: ev.live,
        freedSpan: ev.freedSpan,
        by: k < cacheAt ? 'cacheSpan' : 'background',
        detail: ev.freedSpan
          ? `${ev.freed} freed, none live: back to the heap`
          : ev.freed === 0
            ? 'nothing freed, still full: on to full swept'
            : `${ev.freed} freed, ${ev.live} live`,
      })
    }
  }
  return {
    kind,
    spanclass,
    elemsize: objectSize,
    heapSweepgen: sg,
    parity: ((sg >>> 1) & 1) as 0 | 1,
    arrays: arrayViews,
    spans,
    cached: cachedBase === null ? null : name(cachedBase),
    events,
    numGC: snap.gc.numGC,
    sweepDone: !snap.gc.sweepActive,
  }
}

export interface Scenario {
  frames: SetsFrame[]
  /** Every object address the fill step allocated, in order. */
  objects: number[]
  /** Span bases in fill order. */
  bases: number[]
}

const memo = new Map<GoVersion, Scenario>()

/** The scenario run (memoised: it is deterministic). */
export function mcentralSetsScenario(goVersion: GoVersion = defaultGoVersion): Scenario {
  const hit = memo.get(goVersion)
  if (hit) return hit
  const rt = new Runtime({ gogc: 'off', goVersion })
  const evs: TraceEvent[] = []
  rt.subscribe((ev) => {
    if (ev.type === 'cacheSpan' || ev.type === 'uncacheSpan' || ev.type === 'sweepSpan') evs.push(ev)
  })
  const opts = { noscan: true }
  const objects: number[] = [rt.malloc(objectSize, opts)]
  const first = rt.spanOf(objects[0] as number)
  if (!first) throw new Error('mcentral-sets: no span for the first object')
  const spanclass = first.spanclass
  const labelOf = new Map<number, string>()
  const bases: number[] = []
  const learn = () => {
    for (const a of objects) {
      const s = rt.spanOf(a)
      if (s && !labelOf.has(s.base)) {
        labelOf.set(s.base, labels[bases.length] ?? `S${bases.length}`)
        bases.push(s.base)
      }
    }
  }
  learn()
  const frames: SetsFrame[] = []
  const take = (kind: StepKind) => {
    const prev = frames.at(-1)?.heapSweepgen ?? null
    frames.push(frameFromSnapshot(rt.snapshot(), spanclass, kind, evs, labelOf, prev))
    evs.length = 0
  }
  take('first')
  const per = first.nelems
  while (objects.length < fullSpans * per + lastSpanObjects) objects.push(rt.malloc(objectSize, opts))
  learn()
  take('fill')
  rt.readMemStats() // flushes P0's mcache: the partial span goes back to the mcentral
  take('flush')
  objects.forEach((a, k) => {
    const plan = dropPlan[Math.floor(k / per)]
    if (plan?.(k % per)) rt.drop(a)
  })
  take('drop')
  rt.gc({ sweep: 'lazy' }) // a triggered cycle: mark, sweepgen += 2, sweeping left lazy
  take('gc')
  rt.malloc(objectSize, opts) // P0's cache is empty: refill → cacheSpan
  take('alloc')
  // Allocate until the cached span is full and the next refill calls cacheSpan again.
  for (let guard = 0; guard < 64; guard++) {
    rt.malloc(objectSize, opts)
    if (evs.some((e) => e.type === 'cacheSpan')) break
  }
  take('refill')
  // The background sweeper until nothing is left (its last turn finds the sets empty).
  for (let guard = 0; guard < 64 && rt.snapshot().gc.sweepActive; guard++) rt.background(1)
  take('background')
  const scenario = { frames, objects, bases }
  memo.set(goVersion, scenario)
  return scenario
}

export const mcentralSetsTrace = (goVersion: GoVersion = defaultGoVersion): SetsFrame[] =>
  mcentralSetsScenario(goVersion).frames

/** The mcentral-sets figure's words (site/lib/strings); English by default. */
export type McentralSetsStrings = UiStrings['mcentralSets']

/** An event's detail in the page's language (the `detail` field keeps the English words). */
export function detailWords(ev: StepEvent, t: McentralSetsStrings = en.mcentralSets): string {
  const role = (r: Role) => t.roles[r] ?? r
  switch (ev.kind) {
    case 'cacheSpan':
      return ev.from === undefined ? ev.detail : ev.from === 'grow' ? t.fresh : t.from(role(ev.from))
    case 'uncacheSpan':
      return ev.to === undefined ? ev.detail : t.to(role(ev.to))
    case 'sweepSpan':
      return ev.freedSpan
        ? t.toHeap(ev.freed ?? 0)
        : ev.freed === 0
          ? t.stillFull
          : t.freedLive(ev.freed ?? 0, ev.live ?? 0)
  }
}

/** Words for one event. */
export function eventWords(ev: StepEvent, t: McentralSetsStrings = en.mcentralSets): string {
  switch (ev.kind) {
    case 'cacheSpan':
      return t.evCache(ev.span, detailWords(ev, t))
    case 'uncacheSpan':
      return t.evUncache(ev.span, detailWords(ev, t))
    case 'sweepSpan':
      return t.evSweep(ev.by === 'cacheSpan', ev.span, detailWords(ev, t))
  }
}

/** The caption of a frame: one sentence in our words (also the control bar's live text). */
export function describeFrame(
  f: SetsFrame,
  index: number,
  total: number,
  t: McentralSetsStrings = en.mcentralSets,
): string {
  const at = t.at(index, total - 1)
  const sw = physicalOf('partialSwept', f.heapSweepgen)
  const fsw = physicalOf('fullSwept', f.heapSweepgen)
  const of = (k: StepEvent['kind']) => f.events.filter((e) => e.kind === k)
  switch (f.kind) {
    case 'first':
      return at + t.first(f.elemsize, f.cached ?? '', f.heapSweepgen, sw, fsw)
    case 'fill': {
      const full = of('uncacheSpan').map((e) => e.span)
      return at + t.fill(fsw, t.list(full), f.cached ?? t.none)
    }
    case 'flush':
      return at + t.flush(of('uncacheSpan')[0]?.span ?? '?', sw)
    case 'drop':
      return at + t.drop
    case 'gc': {
      const pu = physicalOf('partialUnswept', f.heapSweepgen)
      const fu = physicalOf('fullUnswept', f.heapSweepgen)
      return at + t.gc(f.heapSweepgen, pu, fu, sw, fsw)
    }
    case 'alloc':
    case 'refill': {
      const words = f.events.map((ev) => eventWords(ev, t))
      return at + t.allocOrRefill(f.kind === 'alloc', t.list(words))
    }
    case 'background': {
      const words = f.events.map((e) => t.spanDetail(e.span, detailWords(e, t)))
      return at + t.background(t.list(words), f.heapSweepgen)
    }
  }
}

/** A text alternative for the current state (visually hidden under the figure). */
export function describeState(f: SetsFrame, t: McentralSetsStrings = en.mcentralSets): string {
  const sets = f.arrays
    .map((a) => t.setWords(a.name, t.roles[a.role] ?? a.role, a.spans.length ? t.list(a.spans) : t.noSpan))
    .join('; ')
  const home = f.spans.filter((s) => s.place === 'heap').map((s) => s.label)
  return t.state(
    f.elemsize,
    f.heapSweepgen,
    f.parity,
    sets,
    f.cached ?? t.noSpan,
    home.length ? t.list(home) : '',
  )
}

/** A prose link value: a step number (clamped) or a step kind ('gc', 'refill', …); else null. */
export function frameForGoto(
  value: string,
  frames: readonly SetsFrame[] = mcentralSetsTrace(),
): number | null {
  const v = value.trim()
  if (/^\d+$/.test(v)) return Math.min(Number(v), frames.length - 1)
  const i = frames.findIndex((f) => f.kind === v)
  return i < 0 ? null : i
}
