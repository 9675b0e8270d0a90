/**
 * gc-cycle renderer: the span's status line (freeindex, allocCount, allocCache, sweepgen, where
 * it is), its slots as a grid (state in words and marks, never by colour alone), the bitmaps as
 * one character per slot, the pointers as a list, a visually-hidden description of the state,
 * and a per-slot table. GcCycle.astro prints `renderGcCycle()` at build time; element.ts
 * re-renders the `view` and `table` parts for each step.
 */
import { controlBarHTML } from '../shared/controls.ts'
import type { UiLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import { sizeToClass } from '@go-alloc/core'
import { escapeHTML as e } from '../shared/html.ts'
import { spanStripSVG } from '../shared/memory/span-strip.ts'
import { memoryDefs, slotSVG, stateLegendHTML, type SlotState } from '../shared/memory/states.ts'
import { describeFrame, describeState, type GcFrame, type SlotView } from './model.ts'

const hex = (n: number) => `0x${n.toString(16)}`

/** The slot's main state word. */
function slotWord(s: SlotView): string {
  if (s.freed) return 'freed'
  if (s.fresh) return 'new'
  if (!s.allocated) return 'free'
  return 'in use'
}

/** The slot in the shared states: in use, marked (survives), freed by the sweep, free. */
export function sharedState(s: SlotView): SlotState {
  if (s.allocated) return s.markBit ? 'marked' : 'used'
  return s.freed ? 'swept' : 'free'
}

/** The span at address scale in the shared span strip (class colour, states, tail hatched). */
export function renderStrip(f: GcFrame): string {
  const W = 360
  const sizeclass = sizeToClass(f.elemsize)
  const strip = spanStripSVG({
    x: 2,
    y: 12,
    width: W - 4,
    height: 18,
    sizeclass,
    elemsize: f.elemsize,
    nelems: f.nelems,
    spanBytes: 8192,
    state: (i) => sharedState(f.slots[i] as SlotView),
    changed: new Set(f.slots.filter((s) => s.freed || s.fresh).map((s) => s.index)),
    label: `${hex(f.base)} · class ${sizeclass} · ${f.nelems} × ${f.elemsize} B`,
  }).replaceAll('data-slot=', 'data-strip-slot=') // data-slot names the slot list's items
  return `<svg class="gcc-strip" viewBox="0 0 ${W} 32" role="img" aria-label="${e(`The span at address scale: ${f.slots.filter((s) => s.allocated).length} of ${f.nelems} slots in use, the tail after slot ${f.nelems - 1} unusable`)}">${memoryDefs()}${strip}</svg>`
}

function slotHTML(f: GcFrame, s: SlotView): string {
  const cls = ['gcc-slot', s.allocated ? 'gcc-alloc' : 'gcc-free']
  if (s.allocated && s.root) cls.push('gcc-root')
  if (s.markBit) cls.push('gcc-marked')
  if (s.freed) cls.push('gcc-freed')
  if (s.fresh) cls.push('gcc-fresh')
  if (s.index === f.freeindex) cls.push('gcc-fi')
  const lines: string[] = []
  if (s.allocated) lines.push(s.root ? '● held' : '○ not held')
  if (s.markBit)
    lines.push(s.markedBy === 'root' ? '✓ root' : s.markedBy === null ? '✓ marked' : `✓ via ${s.markedBy}`)
  if (s.pointsTo.length) lines.push(`→ ${s.pointsTo.join(', ')}`)
  const hidden = [
    s.allocated ? (s.root ? 'held by the program' : 'not held by the program') : '',
    s.markBit ? (s.markedBy === 'root' ? 'marked as a root' : `marked through slot ${s.markedBy}`) : '',
    s.pointsTo.length ? `points to slot ${s.pointsTo.join(' and ')}` : '',
    s.index === f.freeindex ? 'freeindex is here' : '',
  ].filter(Boolean)
  const sw = `<svg class="gcc-sw" viewBox="0 0 14 14" aria-hidden="true">${slotSVG(1, 1, 12, 12, sharedState(s), sizeToClass(f.elemsize))}</svg>`
  return `<li class="${cls.join(' ')}" data-slot="${s.index}" data-state="${e(slotWord(s))}"${s.markBit ? ' data-marked=""' : ''}>
${sw}<span class="gcc-i"><span class="nb-visually-hidden">slot </span>${s.index}</span>
<span class="gcc-word">${e(slotWord(s))}</span>${lines.map((l) => `<span class="gcc-flag" aria-hidden="true">${e(l)}</span>`).join('')}${hidden.length ? `<span class="nb-visually-hidden">: ${e(hidden.join(', '))}</span>` : ''}${s.index === f.freeindex ? '<span class="gcc-fi-mark" aria-hidden="true">▲ freeindex</span>' : ''}
</li>`
}

function bitRow(label: string, f: GcFrame, bit: (s: SlotView) => string): string {
  return `<tr><th scope="row">${e(label)}</th>${f.slots.map((s) => `<td>${bit(s)}</td>`).join('')}</tr>`
}

function renderBitmaps(f: GcFrame): string {
  const head = `<tr><th scope="col">slot</th>${f.slots.map((s) => `<th scope="col">${s.index}</th>`).join('')}</tr>`
  return `<div class="gcc-bits-box"><table class="gcc-bits"><caption>Bitmaps, one column per slot (1 = set)</caption><thead>${head}</thead><tbody>
${bitRow('allocBits', f, (s) => (s.allocBit ? '1' : '0'))}
${bitRow('gcmarkBits', f, (s) => (s.markBit ? '1' : '0'))}
${bitRow('rootBits (program)', f, (s) => (s.root ? '1' : '0'))}
${bitRow('allocCache (1 = free)', f, (s) => (s.cacheBit === null ? '·' : String(s.cacheBit)))}
</tbody></table></div>`
}

export function renderStatus(f: GcFrame): string {
  const state = f.sweepPhase
  const items: [string, string][] = [
    ['span', `${hex(f.base)} · ${f.nelems} × ${f.elemsize} B`],
    ['freeindex', f.freeindex >= f.nelems ? `${f.freeindex} (end)` : String(f.freeindex)],
    ['allocCount', String(f.allocCount)],
    ['allocCache', `0x${f.allocCache}`],
    ['sweepgen', `span ${f.spanSweepgen} · heap ${f.heapSweepgen} → ${state}`],
    ['where', f.where],
    ['GC cycles', String(f.numGC)],
  ]
  return `<dl class="gcc-status">${items
    .map(
      ([k, v]) =>
        `<div${k === 'sweepgen' && state === 'needs sweeping' ? ' class="gcc-unswept"' : ''}><dt>${e(k)}</dt><dd data-field="${e(k)}">${e(v)}</dd></div>`,
    )
    .join('')}</dl>`
}

function renderPointers(f: GcFrame): string {
  if (f.pointers.length === 0) return '<p class="gcc-ptrs">Pointers between objects: none.</p>'
  return `<p class="gcc-ptrs">Pointers between objects: ${f.pointers
    .map((p) => `<span class="gcc-ptr">${p.from} → ${p.to}</span>`)
    .join(' ')}</p>`
}

/** Everything that changes with the step (the `view` part). */
export function renderView(f: GcFrame): string {
  return `${renderStatus(f)}
${renderStrip(f)}
<ol class="gcc-slots" aria-label="The span's slots, in address order">${f.slots.map((s) => slotHTML(f, s)).join('')}</ol>
${renderPointers(f)}
${renderBitmaps(f)}
<p class="nb-visually-hidden" data-part="state">${e(describeState(f))}</p>`
}

export function renderTable(f: GcFrame): string {
  const why = (s: SlotView) =>
    !s.markBit ? '—' : s.markedBy === 'root' ? 'root' : s.markedBy === null ? 'yes' : `via slot ${s.markedBy}`
  return `<table><thead><tr><th scope="col">slot</th><th scope="col">address</th><th scope="col">state</th><th scope="col">held by program</th><th scope="col">marked</th><th scope="col">points to</th></tr></thead><tbody>${f.slots
    .map(
      (s) =>
        `<tr${s.index === f.newSlot ? ' aria-current="true"' : ''}><th scope="row">${s.index}</th><td>${hex(s.addr)}</td><td>${e(slotWord(s))}</td><td>${s.allocated && s.root ? 'yes' : s.allocated ? 'no' : '—'}</td><td>${e(why(s))}</td><td>${s.pointsTo.length ? s.pointsTo.join(', ') : '—'}</td></tr>`,
    )
    .join('')}</tbody></table>`
}

export function renderGcCycle(frames: readonly GcFrame[], index: number, locale: UiLocale = 'en'): string {
  const f = frames[index] as GcFrame
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(f, index, frames.length), label: uiStrings(locale).figures.gcCycle, locale })}
<div data-part="view">${renderView(f)}</div>
${stateLegendHTML('en', ['free', 'used', 'marked', 'swept', 'tail'], sizeToClass(f.elemsize))}
<p class="gcc-legend">Each box is one ${f.elemsize}-byte slot of the span, lowest address first. Dashed: free. Solid: allocated; “● held” means the program still references it. “✓” marks a slot the collector marked, as a root or via the slot whose pointer reached it; “→” lists its pointers. A thick dashed outline means the sweep just freed it; a thick solid outline, a malloc just took it. ▲ shows freeindex.</p>
<p class="nb-summary">One span of ${f.nelems} slots of ${f.elemsize} B in ${frames.length - 1} steps: allocate, link, drop, mark, sweep (allocBits ← gcmarkBits, freeindex back to 0), then allocate again into the freed slots in address order.</p>
<details class="nb-table-view"><summary>This step as a table</summary><div data-part="table">${renderTable(f)}</div></details>`
}
