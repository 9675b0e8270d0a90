/**
 * size-class-explorer renderer: HTML strings from an ExplorerView.
 * The .astro component prints `renderExplorer(view)` at build time (the figure reads without
 * JavaScript); element.ts calls the part renderers to update the figure in place.
 */
import { describeSize, spanCapacity, type GoVersion, type SizeClassRow } from '@go-alloc/core'
import { formatFigureHash } from '../shared/url-state.ts'
import { escapeHTML as e, fmtInt } from '../shared/html.ts'
import { maxSmallSize, stateToParams, type ExplorerStrings, type ExplorerView } from './model.ts'
import { en } from '../../lib/strings/en.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import type { UiLocale } from '../../lib/ui-locale.ts'

export function renderResult(v: ExplorerView, t: ExplorerStrings = en.explorer): string {
  if (v.message !== null || v.desc === null) {
    return `<p class="nb-message" role="status" data-part="message">${e(v.message ?? '')}</p>`
  }
  const d = v.desc
  const items: [string, string][] =
    d.kind === 'zero'
      ? [[t.outcome, t.zeroOutcome]]
      : [
          [t.kind, d.kind === 'large' ? t.kindLarge : d.kind === 'tiny' ? t.kindTiny : t.kindSmall],
          [t.sizeClass, d.kind === 'large' ? t.largeClass : String(d.sizeclass)],
          [t.spanClass, t.spanClassValue(d.spanclass, d.sizeclass, d.noscan)],
          [t.slotSize, `${fmtInt(d.elemsize)} B`],
          [t.spanSize, t.spanSizeValue(fmtInt(d.spanBytes), d.npages)],
          [t.objectsPerSpan, fmtInt(d.nelems)],
          [t.goFunction, d.fn],
          [t.wasted, t.wastedValue(fmtInt(d.wasteBytes), d.kind === 'tiny', fmtInt(d.tailWaste))],
        ]
  const note = v.note ? `<p class="sce-note" data-part="note">${e(v.note)}</p>` : ''
  return `<dl class="sce-result">${items
    .map(([k, val]) => `<div><dt>${e(k)}</dt><dd>${e(val)}</dd></div>`)
    .join('')}</dl>${note}`
}

export function renderPlot(v: ExplorerView, t: ExplorerStrings = en.explorer): string {
  const p = v.plot
  const cur = v.currentClass
  const grid = p.yTicks
    .map(
      (t) =>
        `<line class="sce-grid" x1="${p.pad.left}" x2="${p.width - p.pad.right}" y1="${t.y}" y2="${t.y}"/><text x="${p.pad.left - 6}" y="${t.y + 4}" text-anchor="end" class="sce-tick">${t.pct}%</text>`,
    )
    .join('')
  const xt = p.xTicks
    .map(
      (t) =>
        `<line class="sce-grid" x1="${t.x}" x2="${t.x}" y1="${p.pad.top}" y2="${p.height - p.pad.bottom}"/><text x="${t.x}" y="${p.height - p.pad.bottom + 16}" text-anchor="middle" class="sce-tick">${t.label}</text>`,
    )
    .join('')
  const line = `<polyline class="sce-line" points="${p.points.map((q) => `${q.x},${q.y}`).join(' ')}"/>`
  const dots = p.points
    .map(
      (q) =>
        `<circle class="sce-dot" cx="${q.x}" cy="${q.y}" r="3"><title>${e(t.dotTitle(q.class, q.size, q.maxWastePct.toFixed(2)))}</title></circle>`,
    )
    .join('')
  const hit = cur !== null ? p.points.find((q) => q.class === cur) : undefined
  const marker = hit
    ? `<g class="sce-current"><circle cx="${hit.x}" cy="${hit.y}" r="8"/><path d="M${hit.x - 5},${hit.y} h10 M${hit.x},${hit.y - 5} v10"/><text x="${Math.min(hit.x + 10, p.width - 120)}" y="${Math.max(hit.y - 10, 22)}">${e(t.marker(hit.class, hit.maxWastePct.toFixed(1)))}</text></g>`
    : ''
  return `<svg viewBox="0 0 ${p.width} ${p.height}" role="img" aria-labelledby="sce-plot-title sce-plot-desc" class="sce-plot">
<title id="sce-plot-title">${e(t.plotTitle)}</title>
<desc id="sce-plot-desc">${e(t.plotDesc)}${hit ? e(t.plotMarked(hit.class, hit.maxWastePct.toFixed(2))) : ''}</desc>
${grid}${xt}<line class="sce-bound" x1="${p.pad.left}" x2="${p.width - p.pad.right}" y1="${p.boundY}" y2="${p.boundY}"/>
${line}${dots}${marker}
<text class="sce-axis" x="${(p.width + p.pad.left) / 2}" y="${p.height - 4}" text-anchor="middle">${e(t.axis)}</text>
</svg>`
}

/** One class's row for Go `v`: objects per span without and with pointers, and the noscan tail. */
function renderRow(r: SizeClassRow, current: boolean, v: GoVersion): string {
  const noscan = spanCapacity(r.class, true, v)
  const scan = spanCapacity(r.class, false, v)
  const tail = describeSize(r.size, { noscan: true, goVersion: v }).tailWaste
  return `<tr data-class="${r.class}"${current ? ' aria-current="true"' : ''}><th scope="row">${r.class}</th><td>${fmtInt(r.size)}</td><td>${fmtInt(r.spanBytes)}</td><td>${r.npages}</td><td>${noscan}</td><td>${scan}</td><td>${tail}</td><td>${r.maxWastePct.toFixed(2)}%</td></tr>`
}

export function renderTable(v: ExplorerView, t: ExplorerStrings = en.explorer): string {
  return `<table class="sce-table">
<caption>${e(t.caption(v.state.goVersion))}</caption>
<thead><tr>${t.headers.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>
<tbody>${v.rows.map((r) => renderRow(r, r.class === v.currentClass, v.state.goVersion)).join('')}</tbody>
</table>`
}

export function stateHref(v: ExplorerView, id: string): string {
  return formatFigureHash(id, stateToParams(v.state))
}

/** The whole figure body (inside the custom element), as printed at build time. */
export function renderExplorer(v: ExplorerView, id: string, locale: UiLocale = 'en'): string {
  const s = v.state
  const t = uiStrings(locale).explorer
  return `<form class="nb-inputs sce-inputs" data-part="form" action="#" autocomplete="off">
<label class="sce-size">${e(t.sizeLabel)} <input type="text" name="size" inputmode="numeric" spellcheck="false" value="${e(s.input)}" aria-describedby="${id}-summary"></label>
<label class="sce-slider">${e(t.slide)} <input type="range" name="slider" min="1" max="${maxSmallSize}" step="1" value="${Math.max(1, v.slider)}" aria-label="${e(t.sliderLabel)}"></label>
<label class="sce-check"><input type="checkbox" name="pointers"${s.noscan ? '' : ' checked'}> ${e(t.pointers)}</label>
</form>
<div class="sce-out" data-part="result" aria-live="polite">${renderResult(v, t)}</div>
<div class="sce-plotbox" data-part="plot">${renderPlot(v, t)}</div>
<p class="sce-legend">${e(t.legend)}</p>
<p class="nb-summary" id="${id}-summary" data-part="summary">${e(v.summary)}</p>
<p class="sce-link"><a data-part="link" href="${e(stateHref(v, id))}">${e(t.link)}</a></p>
<details class="nb-table-view" open><summary>${e(t.wholeTable)}</summary><div class="sce-tablebox" data-part="table" tabindex="0" role="region" aria-label="${e(t.tableRegion)}">${renderTable(v, t)}</div></details>`
}
