/**
 * green-tea renderer: HTML strings from frames. The .astro prints `renderGreenTea()` at build
 * time (the first step, readable without JavaScript); element.ts re-renders the `view` and `table`
 * parts on every step. State is never shown by colour alone: each slot carries a symbol (○ ◐ ●),
 * the step's objects an outline, the visited span a thick border and a "▶".
 */
import { controlBarHTML } from '../shared/controls.ts'
import { escapeHTML as e } from '../shared/html.ts'
import { formatFigureHash } from '../shared/url-state.ts'
import type { UiLocale } from '../../lib/ui-locale.ts'
import { uiStrings, type UiStrings } from '../../lib/strings/index.ts'
import {
  spanName,
  type GreenTeaFrame,
  type GreenTeaScenario,
  type SideFrame,
  type SideName,
} from './model.ts'

type Words = UiStrings['greenTea']

const symbol = { free: '', white: '○', grey: '◐', black: '●' } as const

function renderSide(sc: GreenTeaScenario, side: SideName, f: SideFrame, t: Words): string {
  const run = sc[side]
  const now = new Set(f.scannedNow.map((i) => `${run.place[i]!.span}:${run.place[i]!.slot}`))
  const title = side === 'classic' ? t.classicTitle : t.greenTeaTitle
  const sub =
    side === 'classic'
      ? t.classicSub(run.goVersion)
      : t.greenTeaSub(run.goVersion, sc.greenTeaVersion !== sc.goVersion)
  const spans = f.spans
    .map((slots, si) => {
      const current = f.span === si
      const cells = slots
        .map(
          (st, k) =>
            `<span class="gt-cell gt-${st}${now.has(`${si}:${k}`) ? ' gt-now' : ''}">${symbol[st]}</span>`,
        )
        .join('')
      return `<div class="gt-span${current ? ' gt-current' : ''}"><span class="gt-label">${current ? '▶ ' : ''}${e(t.span(spanName(si)))}</span><span class="gt-cells" aria-hidden="true">${cells}</span></div>`
    })
    .join('')
  const waiting = f.waiting.length
    ? f.waiting
        .slice(0, 8)
        .map((x) =>
          side === 'classic' ? `${spanName(run.place[x]!.span)}${run.place[x]!.slot}` : spanName(x),
        )
        .join(' ') + (f.waiting.length > 8 ? ` … (+${f.waiting.length - 8})` : '')
    : t.empty
  const second =
    side === 'classic' ? `${e(t.pushes)} <b>${f.pushes}</b>` : `${e(t.queued)} <b>${f.spansQueued}</b>`
  return `<section class="gt-side" data-side="${side}">
<h3 class="gt-title">${e(title)}</h3>
<p class="gt-sub">${e(sub)}</p>
<p class="gt-counters" data-part="${side}-counters">${e(t.trips)} <b>${f.visits}</b> · ${second} · ${e(t.scannedNow)} <b>${f.scannedNow.length}</b>${f.done ? ` · <span class="gt-done">✓ ${e(t.done)}</span>` : ''}</p>
<div class="gt-spans">${spans}</div>
<p class="gt-wait">${e(side === 'classic' ? t.workList : t.spanQueue)} <span class="gt-queue">${e(waiting)}</span></p>
</section>`
}

export function renderView(sc: GreenTeaScenario, f: GreenTeaFrame, locale: UiLocale = 'en'): string {
  const t = uiStrings(locale).greenTea
  return `${renderSide(sc, 'classic', f.classic, t)}${renderSide(sc, 'greenTea', f.greenTea, t)}`
}

export function renderTable(f: GreenTeaFrame, locale: UiLocale = 'en'): string {
  const t = uiStrings(locale).greenTea
  const [h0, h1, h2] = t.tableHeaders
  const rows: [string, number | string, number | string][] = [
    [t.tableRows[0]!, f.classic.visits, f.greenTea.visits],
    [t.tableRows[1]!, f.classic.pushes, f.greenTea.pushes],
    [t.tableRows[2]!, f.classic.spansQueued, f.greenTea.spansQueued],
    [t.tableRows[3]!, f.classic.scanned, f.greenTea.scanned],
    [t.tableRows[4]!, f.classic.scannedNow.length, f.greenTea.scannedNow.length],
  ]
  return `<table><caption>${e(t.tableCaption(f.step))}</caption><thead><tr><td>${e(h0 ?? '')}</td><th scope="col">${e(h1 ?? '')}</th><th scope="col">${e(h2 ?? '')}</th></tr></thead><tbody>${rows
    .map(([k, a, b]) => `<tr><th scope="row">${e(k)}</th><td>${a}</td><td>${b}</td></tr>`)
    .join('')}</tbody></table>`
}

/** The caption of a step (the control bar's live line). */
export function describeFrame(
  sc: GreenTeaScenario,
  f: GreenTeaFrame,
  index: number,
  total: number,
  locale: UiLocale = 'en',
): string {
  const t = uiStrings(locale).greenTea
  const side = (name: SideName): string => {
    const s = f[name]
    const run = sc[name]
    if (s.visits === 0) return name === 'classic' ? t.classicStart : t.greenTeaStart
    // Past its last step the side that finished first only says so.
    if (index > run.frames.length - 1)
      return name === 'classic' ? t.classicDone(s.visits) : t.greenTeaDone(s.visits)
    if (name === 'classic') {
      const obj = s.scannedNow[0] as number
      return t.classicStep(obj, spanName(run.place[obj]!.span), s.pushes)
    }
    return t.greenTeaStep(spanName(s.span ?? 0), s.scannedNow.length)
  }
  return t.describe(index, total - 1, side('classic'), side('greenTea'))
}

export function summarize(sc: GreenTeaScenario, locale: UiLocale = 'en'): string {
  const t = uiStrings(locale).greenTea
  const c = sc.classic.frames[sc.classic.frames.length - 1] as SideFrame
  return t.summary(
    c.spans.flat().filter((s) => s !== 'free').length,
    c.visits,
    c.pushes,
    sc.greenTea.counts.spanVisits,
    sc.greenTea.counts.maxObjectsPerVisit,
  )
}

export function renderGreenTea(
  sc: GreenTeaScenario,
  index: number,
  id: string,
  locale: UiLocale = 'en',
): string {
  const t = uiStrings(locale).greenTea
  const frames = sc.frames
  const f = frames[index] as GreenTeaFrame
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(sc, f, index, frames.length, locale), label: uiStrings(locale).figures.greenTea, locale })}
<div class="gt-view" data-part="view">${renderView(sc, f, locale)}</div>
<p class="gt-legend">${e(t.legend)}</p>
<p class="nb-summary" data-part="summary">${e(summarize(sc, locale))}</p>
<p class="gt-link"><a data-part="link" href="${e(formatFigureHash(id, { step: index }))}">${e(t.link)}</a></p>
<details class="nb-table-view"><summary>${e(t.asTable)}</summary><div data-part="table">${renderTable(f, locale)}</div></details>`
}
