// Every prose link that moves a figure resolves: each `data-goto="<id>:<value>"` and each
// `<Goto to="<id>:<value>">` in the chapters (English and Chinese) names a figure printed on the
// same page and a step that figure's own lookup knows; a hand-written `href` is the one the lookup
// gives (so the link without JavaScript lands on the same step). Also what gotoHref refuses.
import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gotoHref, gotoTargets } from '../../site/components/goto.ts'

const root = join(import.meta.dirname, '../../content')
const chapters = [
  ...readdirSync(root)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => join(root, f)),
  ...readdirSync(join(root, 'zh'))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => join(root, 'zh', f)),
]

/** Component name → widget name, from site/components/index.ts. */
const componentOf: Record<string, string> = {
  SizeClassExplorer: 'size-class-explorer',
  SizeClassGenerator: 'size-class-generator',
  GcCycle: 'gc-cycle',
  McentralSets: 'mcentral-sets',
  PageAlloc: 'page-alloc',
  HeapPacing: 'heap-pacing',
  PerPCaches: 'per-p-caches',
  GreenTea: 'green-tea',
  ArenaMap: 'arena-map',
  SpanLookup: 'span-lookup',
  MallocPath: 'malloc-path',
  HeapBitmap: 'heap-bitmap',
  SpanBits: 'span-bits',
}

/** Figure ids printed by a chapter → their widget: `<GcCycle />` is "gc-cycle", `<GcCycle id="x" />` is "x". */
function figuresOf(src: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of src.matchAll(/<([A-Z][A-Za-z]+)\b([^>]*)\/?>/g)) {
    const widget = componentOf[m[1]!]
    if (!widget) continue
    const id = /\bid="([^"]+)"/.exec(m[2] ?? '')?.[1] ?? widget
    out.set(id, widget)
  }
  return out
}

interface Link {
  to: string
  href: string | null
  widget: string | null
}

function linksOf(src: string): Link[] {
  const out: Link[] = []
  for (const m of src.matchAll(/<a\b([^>]*\bdata-goto="([^"]+)"[^>]*)>/g)) {
    out.push({ to: m[2]!, href: /\bhref="([^"]*)"/.exec(m[1]!)?.[1] ?? null, widget: null })
  }
  for (const m of src.matchAll(/<Goto\b([^>]*)>/g)) {
    const to = /\bto="([^"]+)"/.exec(m[1]!)?.[1]
    if (to) out.push({ to, href: null, widget: /\bwidget="([^"]+)"/.exec(m[1]!)?.[1] ?? null })
  }
  return out
}

describe('prose links to figure steps', () => {
  const all = chapters.flatMap((file) => {
    const src = readFileSync(file, 'utf8')
    const figures = figuresOf(src)
    return linksOf(src).map((l) => ({ file: file.slice(root.length + 1), figures, ...l }))
  })

  it('exist in the chapters (the test reads them)', () => {
    expect(all.length).toBeGreaterThan(10)
  })

  it.each(all.map((l) => [`${l.file}: ${l.to}`, l] as const))('%s resolves', (_name, l) => {
    const id = l.to.slice(0, l.to.indexOf(':'))
    const widget = l.widget ?? l.figures.get(id)
    expect(widget, `${l.file}: no figure with id "${id}" on the page`).toBeDefined()
    const href = gotoHref(l.to, widget)
    if (l.href !== null) {
      // A hand-written href may name the step by value (`step=size-896`): it must land on the same step.
      const m = /^#([a-z][a-z0-9-]*):(.*)$/.exec(l.href)
      expect(m?.[1], `${l.file}: the href of ${l.to} names figure ${m?.[1]}`).toBe(id)
      const params = new URLSearchParams(m?.[2] ?? '')
      const value = params.get('step') ?? params.get('size') ?? ''
      expect(gotoHref(`${id}:${value}`, widget), `${l.file}: the href of ${l.to}`).toBe(href)
    }
  })
})

describe('gotoHref', () => {
  it('computes the step from the figure’s lookup', () => {
    expect(gotoHref('size-class-explorer:1025')).toBe('#size-class-explorer:size=1025')
    expect(gotoHref('green-tea:0')).toBe('#green-tea:step=0')
    expect(gotoHref('second:3', 'green-tea')).toBe('#second:step=3')
    expect(gotoHref('arena-map:0xc420000000')).toBe('#arena-map:addr=0xc420000000')
    expect(gotoHref('span-lookup:stale')).toBe('#span-lookup:pick=stale')
    expect(gotoHref('malloc-path:size=8&noscan=1')).toBe('#malloc-path:size=8&noscan=1')
  })

  it('refuses what no figure knows, naming the link', () => {
    expect(() => gotoHref('gc-cycle')).toThrow(/<Goto to="gc-cycle">: expected/)
    expect(() => gotoHref('nope:1')).toThrow(/no figure "nope"/)
    expect(() => gotoHref('gc-cycle:no-such-step')).toThrow(/gc-cycle figure has no step "no-such-step"/)
    expect(() => gotoHref('size-class-explorer:-5')).toThrow(/no step "-5"/)
    expect(() => gotoHref('arena-map:0xzz')).toThrow(/arena-map figure has no step "0xzz"/)
    expect(() => gotoHref('malloc-path:lots')).toThrow(/malloc-path figure has no step "lots"/)
  })

  it('covers every figure', () => {
    expect(Object.keys(gotoTargets).sort()).toEqual(Object.values(componentOf).sort())
  })
})
