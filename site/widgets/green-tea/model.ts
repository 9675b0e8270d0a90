/**
 * green-tea model (pure, no DOM): the same heap marked two ways, side by side, one frame per trip
 * the marker makes to memory.
 *
 * The program: 45 objects of 512 bytes with pointers, allocated in order and linked as a tree —
 * object i points to objects 3i+1, 3i+2 and 3i+3; a leaf points back to its parent, so every object
 * holds a pointer and must be scanned — and only object 0 still referenced by the program (the
 * others are dropped, so they live only through the tree). It runs twice on @go-alloc/core:
 * - classic (`greenTea: false`, every Go before 1.26): a LIFO work list of objects; the marker
 *   pops one object, scans it, pushes what it points to. Each scan is a trip to one object's span.
 * - Green Tea (`greenTea: true`, the default from Go 1.26): an object is marked in its span's
 *   inline mark bits, and the first new mark queues the span (FIFO). The marker takes a span off
 *   the queue and scans every marked-but-unscanned object in it at once.
 * `rt.gc()` runs with a trace subscriber; the frames are replayed from the trace events
 * (`markObject`, `markObjectPush`, `markObjectScan` on the classic side; `markObject`,
 * `markSpanQueued`, `markSpanVisit` with Green Tea) and `spanOf` of each object (its span and slot).
 * The roots are marked first (events with `via: 'root'`); then every step is one trip. A classic
 * scan's event comes before the marks it causes; a span visit's event comes after them (the core
 * reports the visit once its objects are scanned), so those marks are applied after the visit. Frame k shows each side after its k-th trip to memory (an object
 * scan, or a span visit); the side that finishes first stays on its last state. The counters come
 * from the same events and agree with the core's `GCResult.mark`.
 *
 * Versions: the classic side runs the page's Go version; Green Tea needs Go 1.25 (experiment) or
 * later, so before 1.25 its side runs Go 1.26 (and says so).
 */
import { Runtime, type GoVersion, type TraceEvent } from '@go-alloc/core'
import { defaultGoVersion } from '../../lib/go-version.ts'

/** Objects of the program (all the same size, with pointers). */
export const objectCount = 45
/** Object size: the largest class Green Tea marks span by span (16–512 B). */
export const objectSize = 512
/** Each object points to this many children: i → 3i+1, 3i+2, 3i+3. */
export const fanOut = 3

/** The parent of object i (i > 0) in the program's tree. */
export const parentOf = (i: number): number => Math.floor((i - 1) / fanOut)

/** Children of object i in the program's tree. */
export function childrenOf(i: number): number[] {
  const out: number[] = []
  for (let k = 1; k <= fanOut; k++) if (fanOut * i + k < objectCount) out.push(fanOut * i + k)
  return out
}

export type SideName = 'classic' | 'greenTea'
/** A slot's state: no object, allocated but not reached yet, marked (waiting to be scanned), scanned. */
export type SlotState = 'free' | 'white' | 'grey' | 'black'

export interface SideFrame {
  /** Trips to memory so far: object scans (classic) or span visits (Green Tea). */
  visits: number
  /** Objects put on the LIFO work list so far (classic). */
  pushes: number
  /** Spans put on the FIFO queue so far (Green Tea). */
  spansQueued: number
  /** Objects scanned so far. */
  scanned: number
  /** The span (index) this step visited, or null before the first step / after the last. */
  span: number | null
  /** Objects (program indices) scanned in this step. */
  scannedNow: number[]
  /** Per span: slot states. */
  spans: SlotState[][]
  /** Waiting work, next first: objects (classic: program indices) or spans (Green Tea: indices). */
  waiting: number[]
  done: boolean
}

export interface GreenTeaFrame {
  step: number
  classic: SideFrame
  greenTea: SideFrame
}

export interface SideRun {
  goVersion: GoVersion
  /** Per object: its span index and slot. */
  place: { span: number; slot: number }[]
  /** Slots per span (capacity) for this side. */
  nelems: number
  spanCount: number
  frames: SideFrame[]
  /** The core's own counts for the cycle. */
  counts: {
    objectPushes: number
    spansQueued: number
    spanVisits: number
    spanObjectsScanned: number
    maxObjectsPerVisit: number
  }
}

export interface GreenTeaScenario {
  goVersion: GoVersion
  greenTeaVersion: GoVersion
  classic: SideRun
  greenTea: SideRun
  frames: GreenTeaFrame[]
}

const versionsWithGreenTea = new Set<GoVersion>(['1.25', '1.26', '1.27'])

/** Runs the program on one side and replays its mark trace into frames. */
export function runSide(goVersion: GoVersion, greenTea: boolean): SideRun {
  const rt = new Runtime({ goVersion, greenTea, gogc: 'off', heapBase: 'fixed' })
  const addrs: number[] = []
  for (let i = 0; i < objectCount; i++) addrs.push(rt.malloc(objectSize, { noscan: false }))
  for (let i = 0; i < objectCount; i++) {
    const kids = childrenOf(i)
    // Fields from the last to the first: the simulator's pointer list is newest first, so the scan
    // then meets them at increasing offsets, as Go's scanobject does.
    for (let k = kids.length - 1; k >= 0; k--)
      rt.writePointer(addrs[i] as number, 8 * k, addrs[kids[k]!] as number)
    if (kids.length === 0) rt.writePointer(addrs[i] as number, 0, addrs[parentOf(i)] as number)
  }
  for (let i = 1; i < objectCount; i++) rt.drop(addrs[i] as number)

  // Which span and slot each object sits in (spans in address order).
  const bases = [...new Set(addrs.map((a) => rt.spanOf(a)?.base ?? -1))].sort((a, b) => a - b)
  const first = rt.spanOf(addrs[0] as number)
  if (!first || bases.includes(-1)) throw new Error('green-tea: an object has no span')
  const elemsize = first.elemsize
  const place = addrs.map((a) => {
    const base = rt.spanOf(a)!.base
    return { span: bases.indexOf(base), slot: (a - base) / elemsize }
  })
  const byAddr = new Map(addrs.map((a, i) => [a, i]))
  const spanIndex = new Map(bases.map((b, i) => [b, i]))

  const events: TraceEvent[] = []
  const off = rt.subscribe((ev) => {
    if (ev.type.startsWith('mark')) events.push(ev)
  })
  const result = rt.gc()
  off()

  // Replay.
  const state: SlotState[][] = bases.map((b) => {
    const s: SlotState[] = Array.from({ length: first.nelems }, () => 'free')
    void b
    return s
  })
  for (const p of place) (state[p.span] as SlotState[])[p.slot] = 'white'
  const stack: number[] = []
  const queue: number[] = []
  let visits = 0
  let pushes = 0
  let spansQueued = 0
  let scanned = 0
  let span: number | null = null
  let scannedNow: number[] = []
  const frames: SideFrame[] = []
  const snap = (done: boolean): SideFrame => ({
    visits,
    pushes,
    spansQueued,
    scanned,
    span,
    scannedNow,
    spans: state.map((s) => s.slice()),
    waiting: greenTea ? queue.slice() : stack.slice().reverse(),
    done,
  })
  const objectAt = (addr: number): number => {
    const i = byAddr.get(addr)
    if (i === undefined)
      throw new Error(`green-tea: the trace names ${addr.toString(16)}, not an object of the program`)
    return i
  }
  const setState = (i: number, s: SlotState) => {
    const p = place[i] as { span: number; slot: number }
    ;(state[p.span] as SlotState[])[p.slot] = s
  }
  const stateOf = (i: number) => (state[place[i]!.span] as SlotState[])[place[i]!.slot]
  const apply = (ev: TraceEvent): void => {
    switch (ev.type) {
      case 'markObject':
        setState(objectAt(ev.addr), 'grey')
        break
      case 'markObjectPush':
        stack.push(objectAt(ev.addr))
        pushes++
        break
      case 'markSpanQueued': {
        const s = spanIndex.get(ev.span)
        if (s === undefined) throw new Error('green-tea: a queued span is not one of the program’s')
        queue.push(s)
        spansQueued++
        break
      }
      default:
        break
    }
  }
  let started = false
  let roots = true
  let pending: TraceEvent[] = []
  for (const ev of events) {
    const step = ev.type === 'markObjectScan' || ev.type === 'markSpanVisit'
    if (roots && (step || (ev.type === 'markObject' && ev.via !== 'root'))) roots = false
    if (roots) {
      apply(ev)
      continue
    }
    if (ev.type === 'markObjectScan') {
      frames.push(snap(false))
      started = true
      visits++
      const i = objectAt(ev.addr)
      if (stack.pop() !== i) throw new Error('green-tea: the classic work list is not LIFO in the trace')
      setState(i, 'black')
      span = place[i]!.span
      scannedNow = [i]
      scanned++
    } else if (ev.type === 'markSpanVisit') {
      frames.push(snap(false))
      started = true
      visits++
      const s = spanIndex.get(ev.span)
      if (s === undefined || queue.shift() !== s)
        throw new Error('green-tea: the span queue is not FIFO in the trace')
      span = s
      scannedNow = []
      for (let i = 0; i < objectCount; i++)
        if (place[i]!.span === s && stateOf(i) === 'grey') {
          setState(i, 'black')
          scannedNow.push(i)
        }
      if (scannedNow.length !== ev.scanned)
        throw new Error(`green-tea: a span visit scanned ${ev.scanned}, the marks say ${scannedNow.length}`)
      scanned += scannedNow.length
      // The marks this visit made were reported before it.
      for (const p of pending) apply(p)
      pending = []
    } else if (greenTea) pending.push(ev)
    else apply(ev)
  }
  for (const p of pending) apply(p)
  if (!started) frames.push(snap(false))
  // The last frame: after the last step (its visit still shown), nothing left to do.
  frames.push(snap(true))
  return {
    goVersion,
    place,
    nelems: first.nelems,
    spanCount: bases.length,
    frames,
    counts: {
      objectPushes: result.mark.objectPushes,
      spansQueued: result.mark.spansQueued,
      spanVisits: result.mark.spanVisits,
      spanObjectsScanned: result.mark.spanObjectsScanned,
      maxObjectsPerVisit: result.mark.maxObjectsPerVisit,
    },
  }
}

const memo = new Map<GoVersion, GreenTeaScenario>()

/** Both runs and the joint frames for the page's Go version (memoised: the runs are deterministic). */
export function greenTeaScenario(goVersion: GoVersion = defaultGoVersion): GreenTeaScenario {
  const hit = memo.get(goVersion)
  if (hit) return hit
  const greenTeaVersion: GoVersion = versionsWithGreenTea.has(goVersion) ? goVersion : '1.26'
  const classic = runSide(goVersion, false)
  const greenTea = runSide(greenTeaVersion, true)
  const n = Math.max(classic.frames.length, greenTea.frames.length)
  const at = (side: SideRun, k: number) => side.frames[Math.min(k, side.frames.length - 1)] as SideFrame
  const frames: GreenTeaFrame[] = Array.from({ length: n }, (_, k) => ({
    step: k,
    classic: at(classic, k),
    greenTea: at(greenTea, k),
  }))
  const scenario = { goVersion, greenTeaVersion, classic, greenTea, frames }
  memo.set(goVersion, scenario)
  return scenario
}

export const greenTeaTrace = (goVersion: GoVersion = defaultGoVersion): GreenTeaFrame[] =>
  greenTeaScenario(goVersion).frames

/** Frame for a goto / `step=` value: a step number, `end` (both done) or `green-tea-done`. */
export function frameForGoto(value: string, frames: readonly GreenTeaFrame[]): number | null {
  if (value === 'end') return frames.length - 1
  if (value === 'green-tea-done') {
    const i = frames.findIndex((f) => f.greenTea.done)
    return i < 0 ? null : i
  }
  if (!/^\d+$/.test(value)) return null
  const i = Number(value)
  return i < frames.length ? i : null
}

/** Span letters: A, B, C… */
export const spanName = (i: number): string => String.fromCharCode(65 + i)
