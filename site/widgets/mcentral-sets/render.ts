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
  type ArrayView,
  type McentralSetsStrings,
  type SetsFrame,
  type SpanView,
} from './model.ts'
import { en } from '../../lib/strings/en.ts'

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

function chip(f: SetsFrame, s: SpanView, t: McentralSetsStrings): string {
  const full = s.allocCount === s.nelems
  return `<li class="mcs-span${full ? ' mcs-full' : ''}" data-span="${e(s.label)}" data-state="${e(s.sweepPhase)}">
${miniStrip(f, s)}<span class="mcs-label">${e(s.label)}</span> <span class="mcs-count">${s.allocCount}/${s.nelems}</span>
<span class="mcs-gen">sg ${s.sweepgen} = ${e(relGen(s, f.heapSweepgen))}</span><span class="nb-visually-hidden">${e(t.slotsAllocated(s.allocCount, s.nelems, t.phase[s.sweepPhase] ?? s.sweepPhase))}</span>
</li>`
}

function spansIn(f: SetsFrame, labels: readonly string[], t: McentralSetsStrings): string {
  if (labels.length === 0) return `<p class="mcs-empty">${e(t.empty)}</p>`
  const views = labels.map((l) => f.spans.find((s) => s.label === l)).filter((s): s is SpanView => !!s)
  return `<ol class="mcs-spans">${views.map((s) => chip(f, s, t)).join('')}</ol>`
}

function arrayBox(f: SetsFrame, a: ArrayView, t: McentralSetsStrings): string {
  const roleWords = t.roles
  const unswept = a.role.endsWith('Unswept')
  const swapped = a.prevRole !== null && a.prevRole !== a.role
  return `<section class="mcs-array${unswept ? ' mcs-unswept' : ''}${swapped ? ' mcs-swapped' : ''}" data-array="${e(a.name)}" data-role="${e(a.role)}" aria-label="${e(`${a.name}, ${roleWords[a.role]}`)}">
<h4 class="mcs-name"><code>${e(a.name)}</code> <span class="mcs-role">${e(roleWords[a.role])}</span></h4>
${swapped ? `<p class="mcs-swap">${e(t.was(roleWords[a.prevRole as ArrayView['role']] ?? ''))}</p>` : ''}
${spansIn(f, a.spans, t)}
</section>`
}

export function renderStatus(f: SetsFrame, t: McentralSetsStrings = en.mcentralSets): string {
  // [data-field key, label, value]: the key stays English; the label is the page's language.
  const items: [string, string, string][] = [
    ['span class', t.statusClass, t.classValue(f.spanclass, f.elemsize)],
    ['heap sweepgen h', t.statusSweepgen, String(f.heapSweepgen)],
    ['(h / 2) mod 2', '(h / 2) mod 2', t.parityValue(f.parity)],
    ['GC cycles', t.gcCycles, String(f.numGC)],
  ]
  return `<dl class="nb-facts mcs-status">${items
    .map(([k, label, v]) => `<div><dt>${e(label)}</dt><dd data-field="${e(k)}">${e(v)}</dd></div>`)
    .join('')}</dl>`
}

/** Everything that changes with the step (the `view` part). */
export function renderView(f: SetsFrame, t: McentralSetsStrings = en.mcentralSets): string {
  const byName = (n: ArrayView['name']) => f.arrays.find((a) => a.name === n) as ArrayView
  const cached = f.cached === null ? [] : [f.cached]
  const heap = f.spans.filter((s) => s.place === 'heap').map((s) => s.label)
  const events = f.events.length
    ? `<ol class="mcs-events">${f.events.map((ev) => `<li data-event="${ev.kind}">${e(eventWords(ev, t))}</li>`).join('')}</ol>`
    : `<p class="mcs-events-none">${e(t.noEvents)}</p>`
  return `${renderStatus(f, t)}
<div class="mcs-grid">
${arrayBox(f, byName('partial[0]'), t)}
${arrayBox(f, byName('partial[1]'), t)}
${arrayBox(f, byName('full[0]'), t)}
${arrayBox(f, byName('full[1]'), t)}
</div>
<div class="mcs-outside">
<section class="mcs-box mcs-cache" data-place="cache" aria-label="${t.cacheLabel /* our own table: no quotes or markup */}"><h4 class="mcs-name">${e(t.cacheTitle)}</h4>${spansIn(f, cached, t)}</section>
<section class="mcs-box mcs-heap" data-place="heap" aria-label="${e(t.heapLabel)}"><h4 class="mcs-name">${e(t.heapTitle)}</h4>${spansIn(f, heap, t)}</section>
</div>
<div class="mcs-log"><p class="mcs-log-title">${e(t.inThisStep)}</p>${events}</div>
<p class="nb-visually-hidden" data-part="state">${e(describeState(f, t))}</p>`
}

export function renderTable(f: SetsFrame, t: McentralSetsStrings = en.mcentralSets): string {
  const where = (s: SpanView) =>
    s.place === 'cache'
      ? t.cacheTitle
      : s.place === 'heap'
        ? t.heapTitle
        : `${s.place} (${t.roles[s.role!] ?? s.role})`
  return `<table><thead><tr>${t.tableHeaders.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${f.spans
    .map((s) =>
      s.place === 'heap'
        ? `<tr><th scope="row">${e(s.label)}</th><td>${hex(s.base)}</td><td>${where(s)}</td><td>—</td><td>—</td><td>—</td></tr>`
        : `<tr><th scope="row">${e(s.label)}</th><td>${hex(s.base)}</td><td>${e(where(s))}</td><td>${s.allocCount} / ${s.nelems}</td><td>${s.sweepgen} (${e(relGen(s, f.heapSweepgen))})</td><td>${e(t.phase[s.sweepPhase] ?? s.sweepPhase)}</td></tr>`,
    )
    .join('')}</tbody></table>`
}

export function renderMcentralSets(
  frames: readonly SetsFrame[],
  index: number,
  locale: UiLocale = 'en',
): string {
  const f = frames[index] as SetsFrame
  const t = uiStrings(locale).mcentralSets
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(f, index, frames.length, t), label: uiStrings(locale).figures.mcentralSets, locale })}
<div data-part="view">${renderView(f, t)}</div>
${stateLegendHTML(locale, ['free', 'used', 'marked'], sizeToClass(f.elemsize))}
<p class="mcs-legend">${e(t.legend)}</p>
<p class="nb-summary">${e(t.summary(f.elemsize, f.spans[0]?.nelems ?? 16, frames.length - 1))}</p>
<details class="nb-table-view"><summary>${e(t.asTable)}</summary><div data-part="table">${renderTable(f, t)}</div></details>`
}
