// The green-tea figure's frames, checked against a marking computed here without the core: the
// program's tree (object i → 3i+1, 3i+2, 3i+3; a leaf → its parent), objects laid out in allocation
// order in one-page spans whose capacity is worked out from Go's numbers (8192-byte page, 512-byte
// objects, 128 B of pointer bits for ≤ 512 B scan objects from 1.22, 128 B of inline mark bits with
// Green Tea), a LIFO stack of objects for the classic marker and a FIFO queue of spans with
// marks ∖ scans per visit for Green Tea.
import { describe, expect, it } from 'vitest'
import {
  childrenOf,
  frameForGoto,
  greenTeaScenario,
  objectCount,
  parentOf,
} from '../../site/widgets/green-tea/model.ts'
import { describeFrame, renderGreenTea, summarize } from '../../site/widgets/green-tea/render.ts'

/** Objects per one-page span of 512-byte pointerful objects, from Go's layout rules. */
function capacity(goVersion: string, greenTea: boolean): number {
  const minor = Number(goVersion.split('.')[1])
  const pointerBits = minor >= 22 ? 128 : 0
  const inlineMarks = greenTea ? 128 : 0
  return Math.floor((8192 - pointerBits - inlineMarks) / 512)
}

const edges = (i: number): number[] => {
  const kids = childrenOf(i)
  return kids.length ? kids : [parentOf(i)]
}

/** Classic marking: LIFO stack of objects; returns the scan order. */
function classicMark(): number[] {
  const marked = new Set([0])
  const stack = [0]
  const order: number[] = []
  while (stack.length) {
    const i = stack.pop()!
    order.push(i)
    for (const c of edges(i))
      if (!marked.has(c)) {
        marked.add(c)
        stack.push(c)
      }
  }
  return order
}

/** Green Tea marking: FIFO queue of spans; returns each visit's span and scanned objects. */
function greenTeaMark(cap: number): { span: number; objects: number[] }[] {
  const spanOf = (i: number) => Math.floor(i / cap)
  const marked = new Set<number>()
  const scanned = new Set<number>()
  const queue: number[] = []
  const mark = (i: number) => {
    if (marked.has(i)) return
    marked.add(i)
    if (!queue.includes(spanOf(i))) queue.push(spanOf(i))
  }
  mark(0)
  const visits: { span: number; objects: number[] }[] = []
  while (queue.length) {
    const s = queue.shift()!
    const todo = [...marked].filter((i) => spanOf(i) === s && !scanned.has(i)).sort((a, b) => a - b)
    for (const i of todo) scanned.add(i)
    for (const i of todo) for (const c of edges(i)) mark(c)
    visits.push({ span: s, objects: todo })
  }
  return visits
}

describe('green-tea: the program', () => {
  it('is a tree over 45 objects in which every object holds a pointer and all are reachable from 0', () => {
    expect(classicMark().sort((a, b) => a - b)).toEqual(Array.from({ length: objectCount }, (_, i) => i))
  })
})

describe.each(['1.27', '1.26', '1.22', '1.21'] as const)('green-tea at Go %s', (v) => {
  const sc = greenTeaScenario(v)
  const gtVersion = v === '1.22' || v === '1.21' ? '1.26' : v

  it('lays objects out in allocation order, spans as wide as Go makes them', () => {
    expect(sc.greenTeaVersion).toBe(gtVersion)
    expect(sc.classic.nelems).toBe(capacity(v, false))
    expect(sc.greenTea.nelems).toBe(capacity(gtVersion, true))
    for (const [side, cap] of [
      [sc.classic, capacity(v, false)],
      [sc.greenTea, capacity(gtVersion, true)],
    ] as const)
      side.place.forEach((p, i) => expect(p).toEqual({ span: Math.floor(i / cap), slot: i % cap }))
  })

  it('classic: one trip per object, each object pushed once, every object scanned', () => {
    const last = sc.classic.frames.at(-1)!
    expect(last.visits).toBe(objectCount)
    expect(last.pushes).toBe(objectCount)
    expect(sc.classic.counts.objectPushes).toBe(objectCount)
    expect(last.spans.flat().filter((s) => s === 'black')).toHaveLength(objectCount)
    expect(last.spans.flat().some((s) => s === 'grey' || s === 'white')).toBe(false)
    // Each trip scans one object that was marked before it (grey in the previous frame).
    for (let k = 1; k < sc.classic.frames.length; k++) {
      const [i] = sc.classic.frames[k]!.scannedNow
      const p = sc.classic.place[i!]!
      expect(sc.classic.frames[k - 1]!.spans[p.span]![p.slot]).toBe('grey')
    }
  })

  it('Green Tea: the visits of a FIFO span queue, marks ∖ scans each time', () => {
    const expected = greenTeaMark(capacity(gtVersion, true))
    const got = sc.greenTea.frames
      .slice(1)
      .map((f) => ({ span: f.span, objects: [...f.scannedNow].sort((a, b) => a - b) }))
    expect(got).toEqual(expected)
    expect(sc.greenTea.counts.spanVisits).toBe(expected.length)
    expect(sc.greenTea.counts.spanObjectsScanned).toBe(objectCount)
    expect(sc.greenTea.counts.maxObjectsPerVisit).toBe(Math.max(...expected.map((x) => x.objects.length)))
    expect(sc.greenTea.counts.objectPushes).toBe(0)
    expect(expected.length).toBeLessThan(objectCount / 5)
  })

  it('steps both sides together; the one that ends first stays on its last state', () => {
    expect(sc.frames).toHaveLength(Math.max(sc.classic.frames.length, sc.greenTea.frames.length))
    const end = sc.frames.at(-1)!
    expect(end.classic.done && end.greenTea.done).toBe(true)
    expect(sc.frames[0]!.classic.visits).toBe(0)
    expect(sc.frames[0]!.greenTea.waiting).toEqual([0])
  })
})

describe('green-tea: words, links and the build-time render', () => {
  const sc = greenTeaScenario('1.27')
  it('describes each step in English and in Chinese', () => {
    const f = sc.frames[1]!
    expect(describeFrame(sc, f, 1, sc.frames.length)).toMatch(
      /Classic scans object 0 in span A.*Green Tea visits span A and scans 1 object together/,
    )
    expect(describeFrame(sc, f, 1, sc.frames.length, 'zh')).toContain('Green Tea 访问跨度 A')
    expect(describeFrame(sc, sc.frames.at(-1)!, sc.frames.length - 1, sc.frames.length)).toContain(
      'Green Tea is done',
    )
    expect(summarize(sc)).toContain(`Green Tea ${sc.greenTea.counts.spanVisits} times`)
  })
  it('resolves goto values', () => {
    expect(frameForGoto('end', sc.frames)).toBe(sc.frames.length - 1)
    expect(frameForGoto('green-tea-done', sc.frames)).toBe(sc.greenTea.frames.length - 1)
    expect(frameForGoto('3', sc.frames)).toBe(3)
    expect(frameForGoto('999', sc.frames)).toBeNull()
    expect(frameForGoto('x', sc.frames)).toBeNull()
  })
  it('prints the first step with the control bar, summary and table', () => {
    const html = renderGreenTea(sc, 0, 'green-tea')
    expect(html).toContain('data-ctl="scrub"')
    expect(html).toContain('data-part="view"')
    expect(html).toContain('Classic: one object at a time')
    expect(renderGreenTea(sc, 0, 'green-tea', 'zh')).toContain('经典方式：一次一个对象')
  })
})
