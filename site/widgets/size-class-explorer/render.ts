/**
 * size-class-explorer renderer: HTML strings from an ExplorerView.
 * The .astro component prints `renderExplorer(view)` at build time (the figure reads without
 * JavaScript); element.ts calls the part renderers to update the figure in place.
 */
import type { SizeClassRow } from '@go-alloc/core'
import { formatFigureHash } from '../shared/url-state.ts'
import { escapeHTML as e, fmtInt } from '../shared/html.ts'
import { maxSmallSize, stateToParams, type ExplorerView } from './model.ts'

export function renderResult(v: ExplorerView): string {
  if (v.message !== null || v.desc === null) {
    return `<p class="nb-message" role="status" data-part="message">${e(v.message ?? '')}</p>`
  }
  const d = v.desc
  const items: [string, string][] =
    d.kind === 'zero'
      ? [['Outcome', 'no allocation: the shared zero-size address']]
      : [
          [
            'Kind',
            d.kind === 'large'
              ? 'large object (own span)'
              : d.kind === 'tiny'
                ? 'tiny (16 B shared block)'
                : 'small',
          ],
          ['Size class', d.kind === 'large' ? '0 (large)' : String(d.sizeclass)],
          ['Span class', `${d.spanclass} (${d.sizeclass} × 2 + ${d.noscan ? '1 noscan' : '0 scan'})`],
          ['Slot size', `${fmtInt(d.elemsize)} B`],
          ['Span size', `${fmtInt(d.spanBytes)} B = ${d.npages} page${d.npages === 1 ? '' : 's'} of 8 KiB`],
          ['Objects per span', fmtInt(d.nelems)],
          [
            'Bytes wasted',
            `${fmtInt(d.wasteBytes)} B in the slot${d.kind === 'tiny' ? ' (at most; tiny blocks are shared)' : ''}, ${fmtInt(d.tailWaste)} B at the span tail`,
          ],
        ]
  const note = v.note ? `<p class="sce-note" data-part="note">${e(v.note)}</p>` : ''
  return `<dl class="sce-result">${items
    .map(([k, val]) => `<div><dt>${e(k)}</dt><dd>${e(val)}</dd></div>`)
    .join('')}</dl>${note}`
}

export function renderPlot(v: ExplorerView): string {
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
        `<circle class="sce-dot" cx="${q.x}" cy="${q.y}" r="3"><title>class ${q.class}: ${q.size} B, worst case ${q.maxWastePct.toFixed(2)}% wasted</title></circle>`,
    )
    .join('')
  const hit = cur !== null ? p.points.find((q) => q.class === cur) : undefined
  const marker = hit
    ? `<g class="sce-current"><circle cx="${hit.x}" cy="${hit.y}" r="8"/><path d="M${hit.x - 5},${hit.y} h10 M${hit.x},${hit.y - 5} v10"/><text x="${Math.min(hit.x + 10, p.width - 120)}" y="${Math.max(hit.y - 10, 22)}">class ${hit.class}: ${hit.maxWastePct.toFixed(1)}%</text></g>`
    : ''
  return `<svg viewBox="0 0 ${p.width} ${p.height}" role="img" aria-labelledby="sce-plot-title sce-plot-desc" class="sce-plot">
<title id="sce-plot-title">Worst-case waste per size class</title>
<desc id="sce-plot-desc">For each of the 67 size classes, the largest share of a span that can go unused (rounding inside slots plus the span tail), plotted against the slot size on a logarithmic axis. From the 96-byte class on, every value is below 16.7%; the smallest classes are far higher because rounding a few bytes up to 8, 16 or 32 dominates.${hit ? ` Marked: class ${hit.class}, ${hit.maxWastePct.toFixed(2)}%.` : ''}</desc>
${grid}${xt}<line class="sce-bound" x1="${p.pad.left}" x2="${p.width - p.pad.right}" y1="${p.boundY}" y2="${p.boundY}"/>
${line}${dots}${marker}
<text class="sce-axis" x="${(p.width + p.pad.left) / 2}" y="${p.height - 4}" text-anchor="middle">slot size (log scale)</text>
</svg>`
}

function renderRow(r: SizeClassRow, current: boolean): string {
  return `<tr data-class="${r.class}"${current ? ' aria-current="true"' : ''}><th scope="row">${r.class}</th><td>${fmtInt(r.size)}</td><td>${fmtInt(r.spanBytes)}</td><td>${r.npages}</td><td>${r.objects}</td><td>${r.objectsScan122}</td><td>${r.tailWaste}</td><td>${r.maxWastePct.toFixed(2)}%</td></tr>`
}

export function renderTable(v: ExplorerView): string {
  return `<table class="sce-table">
<caption>Go's 67 size classes (class 0 means “large”), linux/amd64, unchanged from Go 1.15 to 1.25</caption>
<thead><tr><th scope="col">class</th><th scope="col">bytes/obj</th><th scope="col">bytes/span</th><th scope="col">pages</th><th scope="col">objects</th><th scope="col">objects with pointers (1.22+)</th><th scope="col">tail waste</th><th scope="col">max waste</th></tr></thead>
<tbody>${v.rows.map((r) => renderRow(r, r.class === v.currentClass)).join('')}</tbody>
</table>`
}

export function stateHref(v: ExplorerView, id: string): string {
  return formatFigureHash(id, stateToParams(v.state))
}

/** The whole figure body (inside the custom element), as printed at build time. */
export function renderExplorer(v: ExplorerView, id: string): string {
  const s = v.state
  return `<form class="sce-inputs" data-part="form" action="#" autocomplete="off">
<label class="sce-size">Size in bytes <input type="text" name="size" inputmode="numeric" spellcheck="false" value="${e(s.input)}" aria-describedby="${id}-summary"></label>
<label class="sce-slider">Slide <input type="range" name="slider" min="1" max="${maxSmallSize}" step="1" value="${Math.max(1, v.slider)}" aria-label="Size in bytes (slider)"></label>
<label class="sce-check"><input type="checkbox" name="pointers"${s.noscan ? '' : ' checked'}> The object contains pointers</label>
<label class="sce-go">Go version <select name="go"><option value="1.22"${s.goVersion === '1.22' ? ' selected' : ''}>1.22 and later</option><option value="1.21"${s.goVersion === '1.21' ? ' selected' : ''}>1.21 and earlier</option></select></label>
</form>
<div class="sce-out" data-part="result" aria-live="polite">${renderResult(v)}</div>
<div class="sce-plotbox" data-part="plot">${renderPlot(v)}</div>
<p class="sce-legend">Dots: worst-case waste of each class. Dashed line: the 12.5% limit on tail waste. Ring and cross: the class of the size above.</p>
<p class="nb-summary" id="${id}-summary" data-part="summary">${e(v.summary)}</p>
<p class="sce-link"><a data-part="link" href="${e(stateHref(v, id))}">Link to this size</a></p>
<details class="nb-table-view" open><summary>The whole table</summary><div class="sce-tablebox" data-part="table" tabindex="0" role="region" aria-label="Size-class table">${renderTable(v)}</div></details>`
}
