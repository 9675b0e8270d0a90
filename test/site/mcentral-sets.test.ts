// The mcentral-sets figure's frames, checked against facts computed here without the model: Go's
// size-class table (512 B is class 26, one page, 16 objects, 15 with Go 1.26+'s inline mark bits), mcentral.go's role formula
// ((sweepgen / 2) % 2 picks the swept arrays), mheap.go's sweepgen rules (h − 2 unswept, h swept,
// h + 3 swept and cached), cacheSpan's search order (partial swept, partial unswept, full unswept,
// grow) and the survivors the scenario's drop plan leaves in each span.
import { describe, expect, it } from 'vitest'
import {
  arrays,
  describeFrame,
  describeState,
  dropPlan,
  frameForGoto,
  fullSpans,
  labels,
  lastSpanObjects,
  mcentralSetsScenario,
  physicalOf,
  roleOf,
  roles,
  type Role,
  type SetsFrame,
  type SpanView,
} from '../../site/widgets/mcentral-sets/model.ts'
import { renderMcentralSets, renderView } from '../../site/widgets/mcentral-sets/render.ts'

const { frames } = mcentralSetsScenario()
const byKind = (k: SetsFrame['kind']) => frames.find((f) => f.kind === k)!
const span = (f: SetsFrame, l: string) => f.spans.find((s) => s.label === l)!
// Go 1.27: class 26 = 512 B, 1 page, less 128 B of Green Tea inline mark bits → 15 objects
const PER_SPAN = Math.floor((8192 - 128) / 512)
const objectsIn = (i: number) => (i < fullSpans ? PER_SPAN : lastSpanObjects)
/** Objects of span i the program still holds after the drop step (from the plan, not the model). */
const survivors = (i: number) =>
  Array.from({ length: objectsIn(i) }, (_, j) => j).filter((j) => !dropPlan[i]!(j)).length
const dropsIn = (i: number) => objectsIn(i) - survivors(i)
const isUnswept = (r: Role) => r === 'partialUnswept' || r === 'fullUnswept'
/** Set contents keyed by physical array, from the frame's role lists. */
const contents = (f: SetsFrame) => Object.fromEntries(f.arrays.map((a) => [a.name, a.spans.join(',')]))

describe('mcentral-sets: the class and the role formula', () => {
  it('watches the 512-byte noscan class: size class 26, span class 53, 15 objects per one-page span (1.27)', () => {
    for (const f of frames) {
      expect(f.spanclass).toBe(26 * 2 + 1)
      for (const s of f.spans) if (s.place !== 'heap') expect(s.nelems).toBe(PER_SPAN)
    }
  })

  it('maps roles to arrays as mcentral.go does: swept index = (sweepgen / 2) % 2', () => {
    // The chapter's table: sg 4 → swept [0]; sg 6 → swept [1]; sg 8 → swept [0].
    expect(physicalOf('partialSwept', 4)).toBe('partial[0]')
    expect(physicalOf('fullSwept', 4)).toBe('full[0]')
    expect(physicalOf('partialUnswept', 4)).toBe('partial[1]')
    expect(physicalOf('partialSwept', 6)).toBe('partial[1]')
    expect(physicalOf('fullUnswept', 6)).toBe('full[0]')
    expect(physicalOf('partialSwept', 8)).toBe('partial[0]')
    // Odd sweepgens (never the heap's, but the formula is integer division).
    expect(physicalOf('partialSwept', 3)).toBe('partial[1]')
    for (const sg of [0, 2, 4, 6, 100]) {
      for (const r of roles) expect(roleOf(physicalOf(r, sg), sg)).toBe(r)
      // Adding 2 swaps swept and unswept for the same array.
      for (const a of arrays) {
        const r = roleOf(a, sg)
        const r2 = roleOf(a, sg + 2)
        expect(r.startsWith('partial')).toBe(r2.startsWith('partial'))
        expect(isUnswept(r)).toBe(!isUnswept(r2))
      }
    }
  })
})

describe('mcentral-sets scenario', () => {
  it('has the steps of the story in order', () => {
    expect(frames.map((f) => f.kind)).toEqual([
      'first',
      'fill',
      'flush',
      'drop',
      'gc',
      'alloc',
      'refill',
      'background',
    ])
  })

  it('counts every span in exactly one place in every frame, and each array holds its role', () => {
    for (const f of frames) {
      const inArrays = f.arrays.flatMap((a) => a.spans)
      const cached = f.cached === null ? [] : [f.cached]
      const heap = f.spans.filter((s) => s.place === 'heap').map((s) => s.label)
      const all = [...inArrays, ...cached, ...heap].sort()
      expect(all).toEqual(f.spans.map((s) => s.label).sort())
      expect(new Set(all).size).toBe(all.length)
      for (const a of f.arrays) {
        expect(a.role).toBe(roleOf(a.name, f.heapSweepgen))
        for (const l of a.spans) expect(span(f, l).place).toBe(a.name)
      }
      // The two partial arrays play one swept and one unswept role; same for full.
      expect(new Set(f.arrays.map((a) => a.role)).size).toBe(4)
    }
  })

  it('files each span by allocCount vs nelems and by sweepgen h − 2 / h / h + 3', () => {
    for (const f of frames) {
      const h = f.heapSweepgen
      expect(h % 2).toBe(0)
      for (const s of f.spans) {
        if (s.place === 'heap') continue
        if (s.place === 'cache') {
          expect(s.sweepgen).toBe(h + 3) // swept, then cached in this cycle
          expect(s.allocCount).toBeLessThanOrEqual(s.nelems)
          continue
        }
        const role = s.role as Role
        expect(role.startsWith('partial')).toBe(s.allocCount < s.nelems)
        expect(s.sweepgen).toBe(isUnswept(role) ? h - 2 : h)
        expect(s.sweepPhase).toBe(isUnswept(role) ? 'needs sweeping' : 'swept')
      }
    }
  })

  it('fills: every span comes from grow, the full ones wait in full swept, the last one is cached', () => {
    const first = byKind('first')
    expect(first.events).toEqual([expect.objectContaining({ kind: 'cacheSpan', span: 'A', from: 'grow' })])
    const fill = byKind('fill')
    const grown = fill.events.filter((e) => e.kind === 'cacheSpan')
    expect(grown.map((e) => e.from)).toEqual(Array(fullSpans).fill('grow'))
    expect(fill.events.filter((e) => e.kind === 'uncacheSpan').map((e) => e.to)).toEqual(
      Array(fullSpans).fill('fullSwept'),
    )
    // sweepgen 0: the swept arrays are index 0.
    expect(fill.heapSweepgen).toBe(0)
    expect(contents(fill)['full[0]']).toBe(labels.slice(0, fullSpans).join(','))
    expect(fill.cached).toBe(labels[fullSpans])
    expect(span(fill, labels[fullSpans]!).allocCount).toBe(lastSpanObjects)
    const flush = byKind('flush')
    expect(flush.cached).toBeNull()
    expect(contents(flush)['partial[0]']).toBe(labels[fullSpans])
  })

  it('drops nothing from the sets: allocCount changes only when a span is swept', () => {
    expect(contents(byKind('drop'))).toEqual(contents(byKind('flush')))
    expect(byKind('drop').spans).toEqual(byKind('flush').spans)
  })

  it('GC: sweepgen + 2, the arrays keep their spans, every span now plays an unswept role', () => {
    const before = byKind('drop')
    const gc = byKind('gc')
    expect(gc.heapSweepgen).toBe(before.heapSweepgen + 2)
    expect(gc.numGC).toBe(before.numGC + 1)
    expect(contents(gc)).toEqual(contents(before)) // no span moved
    for (const s of gc.spans) {
      expect(s.place).toBe(span(before, s.label).place)
      expect(isUnswept(s.role as Role)).toBe(true)
      expect(s.sweepgen).toBe(gc.heapSweepgen - 2)
    }
    // Every array's role changed, swept ↔ unswept, and the swept ones are empty.
    for (const a of gc.arrays) {
      expect(a.prevRole).toBe(roleOf(a.name, before.heapSweepgen))
      expect(a.role).not.toBe(a.prevRole)
      if (!isUnswept(a.role)) expect(a.spans).toEqual([])
    }
    expect(gc.events).toEqual([])
  })

  it('refills in cacheSpan’s order: partial swept, partial unswept, full unswept (skipping full ones), grow', () => {
    for (const k of ['alloc', 'refill'] as const) {
      const i = frames.findIndex((f) => f.kind === k)
      const prev = frames[i - 1]!
      const f = frames[i]!
      const cs = f.events.filter((e) => e.kind === 'cacheSpan')
      expect(cs).toHaveLength(1)
      // What the sets held when cacheSpan ran: the previous frame plus any span this step's
      // refill handed back first.
      const list = (r: Role) => {
        const xs = [...prev.arrays.find((a) => a.role === r)!.spans]
        for (const e of f.events) {
          if (e.kind === 'cacheSpan') break
          if (e.kind === 'uncacheSpan' && e.to === r) xs.push(e.span)
        }
        return xs
      }
      const live = (l: string) => survivors(labels.indexOf(l as (typeof labels)[number]))
      let expected: { from: Role | 'grow'; span: string | null }
      if (list('partialSwept').length) expected = { from: 'partialSwept', span: list('partialSwept')[0]! }
      else if (list('partialUnswept').length)
        expected = { from: 'partialUnswept', span: list('partialUnswept')[0]! }
      else {
        const pick = list('fullUnswept').find((l) => live(l) < PER_SPAN)
        expected = pick ? { from: 'fullUnswept', span: pick } : { from: 'grow', span: null }
      }
      expect(cs[0]!.from).toBe(expected.from)
      if (expected.span) expect(cs[0]!.span).toBe(expected.span)
      expect(f.cached).toBe(cs[0]!.span)
    }
    // Both unswept roles get used in this scenario.
    expect(byKind('alloc').events.find((e) => e.kind === 'cacheSpan')!.from).toBe('partialUnswept')
    expect(byKind('refill').events.find((e) => e.kind === 'cacheSpan')!.from).toBe('fullUnswept')
  })

  it('sweeps free exactly the dropped objects; an all-dead span goes back to the heap', () => {
    const sweeps = frames.flatMap((f) => f.events.filter((e) => e.kind === 'sweepSpan'))
    // Every span of the class is swept once in the cycle.
    expect(sweeps.map((e) => e.span).sort()).toEqual([...labels])
    for (const e of sweeps) {
      const i = labels.indexOf(e.span as (typeof labels)[number])
      expect(e.freed).toBe(dropsIn(i))
      expect(e.live).toBe(survivors(i))
      expect(e.freedSpan).toBe(survivors(i) === 0)
    }
    const last = frames.at(-1)!
    for (const [i, l] of labels.entries()) {
      const s = span(last, l)
      if (survivors(i) === 0) expect(s.place).toBe('heap')
      else expect(s.place).not.toBe('heap')
    }
  })

  it('background: sweeping done, unswept arrays empty, every span swept and filed by its fullness', () => {
    const f = byKind('background')
    expect(f.sweepDone).toBe(true)
    expect(byKind('refill').sweepDone).toBe(false)
    for (const a of f.arrays) if (isUnswept(a.role)) expect(a.spans).toEqual([])
    for (const [i, l] of labels.entries()) {
      const s = span(f, l)
      if (s.place === 'heap' || s.place === 'cache') continue
      expect(s.sweepgen).toBe(f.heapSweepgen)
      // No new objects went into spans that were not cached since the GC: allocCount = survivors.
      const wasCached = frames.some((g) => g.kind !== 'first' && g.kind !== 'fill' && g.cached === l)
      if (!wasCached) expect(s.allocCount).toBe(survivors(i))
    }
  })

  it('captions each step in one sentence', () => {
    frames.forEach((f, i) => {
      const c = describeFrame(f, i, frames.length)
      expect(c.startsWith(`Step ${i} of ${frames.length - 1}: `)).toBe(true)
      expect(c.endsWith('.')).toBe(true)
      expect(c.slice(0, -1)).not.toMatch(/\.\s/)
    })
    const gcI = frames.findIndex((f) => f.kind === 'gc')
    const gcCap = describeFrame(frames[gcI]!, gcI, frames.length)
    expect(gcCap).toContain(`${physicalOf('partialUnswept', 2)} becomes partial unswept`)
    expect(describeState(byKind('gc'))).toContain('partial[0] plays partial unswept')
  })

  it('maps prose-link values to steps', () => {
    expect(frameForGoto('3')).toBe(3)
    expect(frameForGoto('999')).toBe(frames.length - 1)
    expect(frameForGoto('gc')).toBe(frames.findIndex((f) => f.kind === 'gc'))
    expect(frameForGoto('nope')).toBeNull()
  })

  it('renders four arrays with their roles in words, the swap marker at the GC step, and the control bar', () => {
    const html = renderMcentralSets(frames, 0)
    expect(html).toContain('data-ctl="fwd"')
    expect(html.match(/data-array="/g)).toHaveLength(4)
    const gcHTML = renderView(byKind('gc'))
    expect(gcHTML.match(/class="mcs-swap"/g)).toHaveLength(4)
    expect(gcHTML.match(/data-role="(partial|full)Unswept"/g)).toHaveLength(2)
    expect(renderView(byKind('alloc')).match(/class="mcs-swap"/g)).toBeNull()
    const spanCount = (f: SetsFrame) => f.spans.filter((s: SpanView) => s.place !== 'heap').length
    expect(gcHTML.match(/data-span="/g)).toHaveLength(spanCount(byKind('gc')))
  })
})
