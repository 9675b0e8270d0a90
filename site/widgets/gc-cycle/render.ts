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
import {
  describeFrame,
  describeState,
  whereWords,
  type GcCycleStrings,
  type GcFrame,
  type SlotView,
} from './model.ts'
import { en } from '../../lib/strings/en.ts'

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

/** The span at address scale in the shared span strip (class colour, states, tail hatched). Decorative:
 * the slot list after it says the same in words. */
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
    label: `${hex(f.base)} · ${f.nelems} × ${f.elemsize} B`,
  }).replaceAll('data-slot=', 'data-strip-slot=') // data-slot names the slot list's items
  return `<svg class="gcc-strip" viewBox="0 0 ${W} 32" aria-hidden="true">${memoryDefs()}${strip}</svg>`
}

function slotHTML(f: GcFrame, s: SlotView, t: GcCycleStrings): string {
  const cls = ['gcc-slot', s.allocated ? 'gcc-alloc' : 'gcc-free']
  if (s.allocated && s.root) cls.push('gcc-root')
  if (s.markBit) cls.push('gcc-marked')
  if (s.freed) cls.push('gcc-freed')
  if (s.fresh) cls.push('gcc-fresh')
  if (s.index === f.freeindex) cls.push('gcc-fi')
  const lines: string[] = []
  if (s.allocated) lines.push(s.root ? t.held : t.notHeld)
  if (s.markBit)
    lines.push(s.markedBy === 'root' ? t.markRoot : s.markedBy === null ? t.marked : t.markVia(s.markedBy))
  if (s.pointsTo.length) lines.push(`→ ${s.pointsTo.join(', ')}`)
  const hidden = [
    s.allocated ? (s.root ? t.heldLong : t.notHeldLong) : '',
    s.markBit ? (s.markedBy === 'root' ? t.markedRoot : t.markedThrough(s.markedBy ?? s.index)) : '',
    s.pointsTo.length ? t.pointsTo(s.pointsTo.join(t.and)) : '',
    s.index === f.freeindex ? t.freeindexHere : '',
  ].filter(Boolean)
  const sw = `<svg class="gcc-sw" viewBox="0 0 14 14" aria-hidden="true">${slotSVG(1, 1, 12, 12, sharedState(s), sizeToClass(f.elemsize))}</svg>`
  return `<li class="${cls.join(' ')}" data-slot="${s.index}" data-state="${e(slotWord(s))}"${s.markBit ? ' data-marked=""' : ''}>
${sw}<span class="gcc-i"><span class="nb-visually-hidden">${e(t.slot)}</span>${s.index}</span>
<span class="gcc-word">${e(t.slotWord[slotWord(s)] ?? slotWord(s))}</span>${lines.map((l) => `<span class="gcc-flag" aria-hidden="true">${e(l)}</span>`).join('')}${hidden.length ? `<span class="nb-visually-hidden">: ${e(hidden.join(', '))}</span>` : ''}${s.index === f.freeindex ? '<span class="gcc-fi-mark" aria-hidden="true">▲ freeindex</span>' : ''}
</li>`
}

function bitRow(label: string, f: GcFrame, bit: (s: SlotView) => string): string {
  return `<tr><th scope="row">${e(label)}</th>${f.slots.map((s) => `<td>${bit(s)}</td>`).join('')}</tr>`
}

function renderBitmaps(f: GcFrame, t: GcCycleStrings): string {
  const head = `<tr><th scope="col">${e(t.slotCol)}</th>${f.slots.map((s) => `<th scope="col">${s.index}</th>`).join('')}</tr>`
  return `<div class="gcc-bits-box"><table class="gcc-bits"><caption>${e(t.bitsCaption)}</caption><thead>${head}</thead><tbody>
${bitRow('allocBits', f, (s) => (s.allocBit ? '1' : '0'))}
${bitRow('gcmarkBits', f, (s) => (s.markBit ? '1' : '0'))}
${bitRow(t.rootBits, f, (s) => (s.root ? '1' : '0'))}
${bitRow(t.allocCacheRow, f, (s) => (s.cacheBit === null ? '·' : String(s.cacheBit)))}
</tbody></table></div>`
}

export function renderStatus(f: GcFrame, t: GcCycleStrings = en.gcCycle): string {
  const state = f.sweepPhase
  // [data-field key, label, value]: the key stays the runtime's name; the label is the page's language.
  const items: [string, string, string][] = [
    ['span', t.statusSpan, `${hex(f.base)} · ${f.nelems} × ${f.elemsize} B`],
    ['freeindex', 'freeindex', f.freeindex >= f.nelems ? `${f.freeindex}${t.end}` : String(f.freeindex)],
    ['allocCount', 'allocCount', String(f.allocCount)],
    ['allocCache', 'allocCache', `0x${f.allocCache}`],
    ['sweepgen', 'sweepgen', t.sweepgenValue(f.spanSweepgen, f.heapSweepgen, t.phase[state] ?? state)],
    ['where', t.where, whereWords(f, t)],
    ['GC cycles', t.gcCycles, String(f.numGC)],
  ]
  return `<dl class="nb-facts gcc-status">${items
    .map(
      ([k, label, v]) =>
        `<div${k === 'sweepgen' && state === 'needs sweeping' ? ' class="gcc-unswept"' : ''}><dt>${e(label)}</dt><dd data-field="${e(k)}">${e(v)}</dd></div>`,
    )
    .join('')}</dl>`
}

function renderPointers(f: GcFrame, t: GcCycleStrings): string {
  if (f.pointers.length === 0) return `<p class="gcc-ptrs">${e(t.pointersNone)}</p>`
  return `<p class="gcc-ptrs">${e(t.pointers)} ${f.pointers
    .map((p) => `<span class="gcc-ptr">${p.from} → ${p.to}</span>`)
    .join(' ')}</p>`
}

/** Everything that changes with the step (the `view` part). */
export function renderView(f: GcFrame, t: GcCycleStrings = en.gcCycle): string {
  return `${renderStatus(f, t)}
${renderStrip(f)}
<ol class="gcc-slots" aria-label="${e(t.slotsLabel)}">${f.slots.map((s) => slotHTML(f, s, t)).join('')}</ol>
${renderPointers(f, t)}
${renderBitmaps(f, t)}
<p class="nb-visually-hidden" data-part="state">${e(describeState(f, t))}</p>`
}

export function renderTable(f: GcFrame, t: GcCycleStrings = en.gcCycle): string {
  const why = (s: SlotView) =>
    !s.markBit ? '—' : s.markedBy === 'root' ? t.root : s.markedBy === null ? t.yes : t.viaSlot(s.markedBy)
  return `<table><thead><tr>${t.tableHeaders.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${f.slots
    .map(
      (s) =>
        `<tr${s.index === f.newSlot ? ' aria-current="true"' : ''}><th scope="row">${s.index}</th><td>${hex(s.addr)}</td><td>${e(t.slotWord[slotWord(s)] ?? slotWord(s))}</td><td>${s.allocated && s.root ? t.yes : s.allocated ? t.no : '—'}</td><td>${e(why(s))}</td><td>${s.pointsTo.length ? s.pointsTo.join(', ') : '—'}</td></tr>`,
    )
    .join('')}</tbody></table>`
}

export function renderGcCycle(frames: readonly GcFrame[], index: number, locale: UiLocale = 'en'): string {
  const f = frames[index] as GcFrame
  const t = uiStrings(locale).gcCycle
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(f, index, frames.length, t), label: uiStrings(locale).figures.gcCycle, locale })}
<div data-part="view">${renderView(f, t)}</div>
${stateLegendHTML(locale, ['free', 'used', 'marked', 'swept', 'tail'], sizeToClass(f.elemsize))}
<p class="gcc-legend">${e(t.legend(f.elemsize))}</p>
<p class="nb-summary">${e(t.summary(f.nelems, f.elemsize, frames.length - 1))}</p>
<details class="nb-table-view"><summary>${e(t.asTable)}</summary><div data-part="table">${renderTable(f, t)}</div></details>`
}
