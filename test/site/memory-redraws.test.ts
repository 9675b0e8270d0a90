// The older figures drawn with the shared memory pieces: a span keeps its size class's colour and
// the shared slot/page states everywhere. Checked against facts computed here: the class of each
// request from the core's sizeToClass (not the figure's frames), the colour index from palette.ts,
// slots a sweep frees (allocated in the frame before, free after), the slots a fresh span has
// handed out after k mallocs from one cache ((k − 1) mod nelems + 1), and the allocation count of
// each mcentral span.
import { describe, expect, it } from 'vitest'
import { sizeToClass } from '@go-alloc/core'
import { classFill } from '../../site/widgets/shared/memory/palette.ts'
import { pageAllocTrace, plan } from '../../site/widgets/page-alloc/model.ts'
import { renderGrid } from '../../site/widgets/page-alloc/render.ts'
import { gcCycleTrace } from '../../site/widgets/gc-cycle/model.ts'
import { renderStrip, renderView } from '../../site/widgets/gc-cycle/render.ts'
import { mcentralSetsTrace } from '../../site/widgets/mcentral-sets/model.ts'
import { renderView as renderSets } from '../../site/widgets/mcentral-sets/render.ts'
import { compareTrace } from '../../site/widgets/per-p-caches/model.ts'
import { renderSide } from '../../site/widgets/per-p-caches/render.ts'

const count = (html: string, re: RegExp) => html.match(re)?.length ?? 0

describe('page-alloc drawn as shared page cells', () => {
  it('fills each span’s pages with its class colour, large objects with the large colour', () => {
    const frames = pageAllocTrace()
    const last = frames.at(-1)!
    const svg = renderGrid(last)
    expect(count(svg, /class="pa-c /g)).toBe(512)
    for (const s of last.spans) {
      const req = plan.flatMap((p) => p.requests).find((r) => r.label === s.label)!
      const cls = req.size > 32768 ? 0 : sizeToClass(req.size)
      const cell = new RegExp(
        `data-page="${s.page}"><rect class="pa-c pa-inuse nb-m-box"[^>]*style="fill:([^"]+)"`,
      )
      expect(cell.exec(svg)?.[1], `span ${s.label}`).toBe(classFill(cls))
    }
  })
})

describe('gc-cycle drawn with the shared span strip', () => {
  it('shows the slots the sweep freed as swept, the survivors as in use', () => {
    const frames = gcCycleTrace()
    const i = frames.findIndex((f) => f.kind === 'sweep')
    const before = frames[i - 1]!
    const after = frames[i]!
    const freed = after.slots.filter((s) => !s.allocated && before.slots[s.index]!.allocated).length
    expect(freed).toBeGreaterThan(0)
    expect(count(renderStrip(after), /nb-m-slot nb-m-swept/g)).toBe(freed)
    expect(count(renderStrip(after), /nb-m-slot nb-m-used/g)).toBe(
      after.slots.filter((s) => s.allocated).length,
    )
    // the mark frame: marked slots carry the dot
    const mark = frames.find((f) => f.kind === 'mark')!
    expect(count(renderStrip(mark), /nb-m-slot nb-m-marked/g)).toBe(
      mark.slots.filter((s) => s.markBit).length,
    )
    // the slot list keeps one data-slot per slot
    expect(count(renderView(after), /data-slot="/g)).toBe(after.nelems)
  })
})

describe('mcentral-sets chips carry the span’s slots', () => {
  it('draws as many used or marked slots as the span’s allocCount (swept spans)', () => {
    let checked = 0
    for (const f of mcentralSetsTrace()) {
      const html = renderSets(f)
      for (const s of f.spans) {
        if (s.nelems === 0 || s.sweepPhase !== 'swept') continue
        const li = new RegExp(`data-span="${s.label}"[^>]*>([\\s\\S]*?)</li>`).exec(html)?.[1] ?? ''
        if (!li) continue
        const used = count(li, /nb-m-slot nb-m-(used|marked)/g)
        const runs = /data-slots=/.test(li)
        if (runs) continue
        expect(used, `span ${s.label} in ${f.kind}`).toBe(s.allocCount)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(10)
  })
})

describe('per-p-caches: each cache’s span from the core', () => {
  it('fills a fresh span slot by slot: (k − 1) mod nelems + 1 after k mallocs', () => {
    const frames = compareTrace({ procs: 4, order: 'round-robin', size: 1024 })
    for (const f of frames.slice(1)) {
      f.perPSpans.forEach((sp, p) => {
        const k = f.mallocs[p]!
        if (k === 0) return expect(sp).toBeNull()
        expect(sp!.sizeclass).toBe(sizeToClass(1024))
        expect(sp!.freeindex).toBe(((k - 1) % sp!.nelems) + 1)
      })
      const total = f.step
      expect(f.sharedSpan!.freeindex).toBe(((total - 1) % f.sharedSpan!.nelems) + 1)
    }
    const svg = renderSide(frames[12]!, 'perP')
    expect(svg).toContain(classFill(sizeToClass(1024)))
  })
})
