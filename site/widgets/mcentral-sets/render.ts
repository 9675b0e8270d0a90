/**
 * mcentral-sets renderer: the heap's sweepgen and its parity, the four physical arrays
 * (partial[0], partial[1], full[0], full[1]) each labelled with the role it plays now (and the
 * role it played one step earlier when that changed), the spans in them as chips (label,
 * allocCount/nelems, sweepgen against the heap's), P0's mcache and the spans back in the heap,
 * the step's events as a list, a visually-hidden description and a per-span table.
 * McentralSets.astro prints `renderMcentralSets()` at build time; element.ts re-renders the
 * `view` and `table` parts for each step. State is never shown by colour alone: roles are words,
 * unswept arrays also get a dashed border and a "needs sweeping" marker.
 */
import { controlBarHTML } from '../shared/controls.ts'
import type { UiLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import { sizeToClass } from '@go-alloc/core'
import { escapeHTML as e } from '../shared/html.ts'
import { spanStripSVG } from '../shared/memory/span-strip.ts'
import { memoryDefs, stateLegendHTML } from '../shared/memory/states.ts'
import {
  describeFrame,
  describeState,
  eventWords,
  roleWords,
  type ArrayView,
  type SetsFrame,
  type SpanView,
} from './model.ts'

const hex = (n: number) => `0x${n.toString(16)}`

/** The span's sweepgen relative to the heap's: 'h', 'h−2', 'h+3', … */
function relGen(s: SpanView, h: number): string {
  const d = s.sweepgen - h
  return d === 0 ? 'h' : d > 0 ? `h+${d}` : `h−${-d}`
}

/** The span as the shared span strip: its slots in use / marked / free, in its class colour. */
function miniStrip(f: SetsFrame, s: SpanView): string {
  if (s.nelems === 0) return ''
  const strip = spanStripSVG({
    x: 1,
    y: 1,
    width: 62,
    height: 9,
    sizeclass: sizeToClass(f.elemsize),
    elemsize: f.elemsize,
    nelems: s.nelems,
    spanBytes: 8192,
    state: (i) => (s.slots[i]?.allocated ? (s.slots[i]?.marked ? 'marked' : 'used') : 'free'),
  })
  return `<svg class="mcs-strip" viewBox="0 0 64 11" aria-hidden="true">${memoryDefs()}${strip}</svg>`
}

function chip(f: SetsFrame, s: SpanView): string {
  const full = s.allocCount === s.nelems
  return `<li class="mcs-span${full ? ' mcs-full' : ''}" data-span="${e(s.label)}" data-state="${e(s.sweepPhase)}">
${miniStrip(f, s)}<span class="mcs-label">${e(s.label)}</span> <span class="mcs-count">${s.allocCount}/${s.nelems}</span>
<span class="mcs-gen">sg ${s.sweepgen} = ${e(relGen(s, f.heapSweepgen))}</span><span class="nb-visually-hidden">: ${s.allocCount} of ${s.nelems} slots allocated, ${e(s.sweepPhase)}</span>
</li>`
}

function spansIn(f: SetsFrame, labels: readonly string[]): string {
  if (labels.length === 0) return '<p class="mcs-empty">empty</p>'
  const views = labels.map((l) => f.spans.find((s) => s.label === l)).filter((s): s is SpanView => !!s)
  return `<ol class="mcs-spans">${views.map((s) => chip(f, s)).join('')}</ol>`
}

function arrayBox(f: SetsFrame, a: ArrayView): string {
  const unswept = a.role.endsWith('Unswept')
  const swapped = a.prevRole !== null && a.prevRole !== a.role
  return `<section class="mcs-array${unswept ? ' mcs-unswept' : ''}${swapped ? ' mcs-swapped' : ''}" data-array="${e(a.name)}" data-role="${e(a.role)}" aria-label="${e(`${a.name}, ${roleWords[a.role]}`)}">
<h4 class="mcs-name"><code>${e(a.name)}</code> <span class="mcs-role">${e(roleWords[a.role])}</span></h4>
${swapped ? `<p class="mcs-swap">↻ was ${e(roleWords[a.prevRole as ArrayView['role']])}</p>` : ''}
${spansIn(f, a.spans)}
</section>`
}

export function renderStatus(f: SetsFrame): string {
  const items: [string, string][] = [
    ['span class', `${f.spanclass} (${f.elemsize} B noscan)`],
    ['heap sweepgen h', String(f.heapSweepgen)],
    ['(h / 2) mod 2', `${f.parity} → swept arrays are partial[${f.parity}], full[${f.parity}]`],
    ['GC cycles', String(f.numGC)],
  ]
  return `<dl class="mcs-status">${items
    .map(([k, v]) => `<div><dt>${e(k)}</dt><dd data-field="${e(k)}">${e(v)}</dd></div>`)
    .join('')}</dl>`
}

/** Everything that changes with the step (the `view` part). */
export function renderView(f: SetsFrame): string {
  const byName = (n: ArrayView['name']) => f.arrays.find((a) => a.name === n) as ArrayView
  const cached = f.cached === null ? [] : [f.cached]
  const heap = f.spans.filter((s) => s.place === 'heap').map((s) => s.label)
  const events = f.events.length
    ? `<ol class="mcs-events">${f.events.map((ev) => `<li data-event="${ev.kind}">${e(eventWords(ev))}</li>`).join('')}</ol>`
    : '<p class="mcs-events-none">No span changed hands in this step.</p>'
  return `${renderStatus(f)}
<div class="mcs-grid">
${arrayBox(f, byName('partial[0]'))}
${arrayBox(f, byName('partial[1]'))}
${arrayBox(f, byName('full[0]'))}
${arrayBox(f, byName('full[1]'))}
</div>
<div class="mcs-outside">
<section class="mcs-box mcs-cache" data-place="cache" aria-label="P0's mcache"><h4 class="mcs-name">P0’s mcache</h4>${spansIn(f, cached)}</section>
<section class="mcs-box mcs-heap" data-place="heap" aria-label="Back in the heap"><h4 class="mcs-name">back in the heap</h4>${spansIn(f, heap)}</section>
</div>
<div class="mcs-log"><p class="mcs-log-title">In this step:</p>${events}</div>
<p class="nb-visually-hidden" data-part="state">${e(describeState(f))}</p>`
}

export function renderTable(f: SetsFrame): string {
  const where = (s: SpanView) =>
    s.place === 'cache'
      ? 'P0’s mcache'
      : s.place === 'heap'
        ? 'back in the heap'
        : `${s.place} (${roleWords[s.role!]})`
  return `<table><thead><tr><th scope="col">span</th><th scope="col">address</th><th scope="col">where</th><th scope="col">allocCount / nelems</th><th scope="col">sweepgen</th><th scope="col">state</th></tr></thead><tbody>${f.spans
    .map((s) =>
      s.place === 'heap'
        ? `<tr><th scope="row">${e(s.label)}</th><td>${hex(s.base)}</td><td>${where(s)}</td><td>—</td><td>—</td><td>—</td></tr>`
        : `<tr><th scope="row">${e(s.label)}</th><td>${hex(s.base)}</td><td>${e(where(s))}</td><td>${s.allocCount} / ${s.nelems}</td><td>${s.sweepgen} (${e(relGen(s, f.heapSweepgen))})</td><td>${e(s.sweepPhase)}</td></tr>`,
    )
    .join('')}</tbody></table>`
}

export function renderMcentralSets(
  frames: readonly SetsFrame[],
  index: number,
  locale: UiLocale = 'en',
): string {
  const f = frames[index] as SetsFrame
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(f, index, frames.length), label: uiStrings(locale).figures.mcentralSets, locale })}
<div data-part="view">${renderView(f)}</div>
${stateLegendHTML('en', ['free', 'used', 'marked'], sizeToClass(f.elemsize))}
<p class="mcs-legend">Each box is one of the mcentral’s four arrays, named as in Go, with the role it plays at the current sweepgen; a dashed box plays an unswept role, and “↻” marks a box whose role just changed. A chip is one span: its slots at address scale (as in every figure), its label, allocCount/nelems (bold when full) and its sweepgen next to the heap’s h (h−2 needs sweeping, h swept, h+3 swept and cached).</p>
<p class="nb-summary">One mcentral (${f.elemsize}-byte noscan objects, ${f.spans[0]?.nelems ?? 16} per span) in ${frames.length - 1} steps: spans fill and go to full swept, a flush files the partial one, a collection adds 2 to sweepgen so the same arrays turn unswept, and refills and the background sweeper sweep every span back into a swept set or the heap.</p>
<details class="nb-table-view"><summary>This step as a table</summary><div data-part="table">${renderTable(f)}</div></details>`
}
