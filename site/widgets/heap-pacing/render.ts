/**
 * heap-pacing renderer: a line chart of the heap against bytes allocated — HeapAlloc, HeapInuse,
 * retained memory, the heap goal (NextGC) and HeapReleased — with a tick under each collection and
 * a cursor at the current frame; the current numbers as a table; the form; the control bar.
 * Lines differ by dash pattern and are labelled, not told apart by colour alone.
 */
import { controlBarHTML } from '../shared/controls.ts'
import type { UiLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import { formatFigureHash } from '../shared/url-state.ts'
import { escapeHTML as e, fmtInt, selectHTML } from '../shared/html.ts'
import {
  describeFrame,
  gogcChoices,
  goalText,
  keepChoices,
  objectSize,
  perFrame,
  stateToParams,
  summarize,
  type PacingFrame,
  type PacingState,
} from './model.ts'

const W = 360
const H = 236
const L = 40
const R = W - 70
const T = 12
const B = H - 30

interface Series {
  key: 'heapAlloc' | 'heapInuse' | 'retained' | 'nextGC' | 'heapReleased'
  label: string
  cls: string
}
const series: readonly Series[] = [
  { key: 'nextGC', label: 'heap goal', cls: 'hp-goal' },
  { key: 'retained', label: 'retained', cls: 'hp-retained' },
  { key: 'heapInuse', label: 'HeapInuse', cls: 'hp-inuse' },
  { key: 'heapAlloc', label: 'HeapAlloc', cls: 'hp-alloc' },
  { key: 'heapReleased', label: 'released', cls: 'hp-released' },
]

const mibs = (n: number) => n / 2 ** 20

function scales(frames: readonly PacingFrame[]) {
  const xmax = Math.max(1, frames[frames.length - 1]!.allocated * objectSize)
  let ymax = 1
  for (const f of frames)
    for (const s of series) {
      const v = f[s.key]
      if (Number.isFinite(v)) ymax = Math.max(ymax, v)
    }
  ymax = Math.ceil(mibs(ymax) / 4) * 4 * 2 ** 20
  return {
    x: (bytes: number) => L + ((R - L) * bytes) / xmax,
    y: (bytes: number) => B - ((B - T) * Math.min(bytes, ymax)) / ymax,
    xmax,
    ymax,
  }
}

/** The chart for frames 0..index (what has happened so far). */
export function renderChart(frames: readonly PacingFrame[], index: number): string {
  const sc = scales(frames)
  const shown = frames.slice(0, index + 1)
  const out: string[] = []
  // axes and grid
  for (let v = 0; v <= sc.ymax; v += sc.ymax / 4) {
    const y = sc.y(v).toFixed(1)
    out.push(`<line class="hp-grid" x1="${L}" x2="${R}" y1="${y}" y2="${y}"/>`)
    out.push(
      `<text class="hp-axis" x="${L - 4}" y="${y}" text-anchor="end" dy="0.3em">${mibs(v).toFixed(0)}</text>`,
    )
  }
  const xt = sc.xmax / 4
  for (let v = 0; v <= sc.xmax + 1; v += xt) {
    out.push(
      `<text class="hp-axis" x="${sc.x(v).toFixed(1)}" y="${B + 14}" text-anchor="middle">${mibs(v).toFixed(0)}</text>`,
    )
  }
  out.push(
    `<text class="hp-axis" x="${(L + R) / 2}" y="${H - 2}" text-anchor="middle">MiB allocated so far</text>`,
  )
  out.push(`<text class="hp-axis" x="4" y="${T + 2}" dy="0.6em">MiB</text>`)
  out.push(
    `<line class="hp-frame" x1="${L}" x2="${R}" y1="${B}" y2="${B}"/><line class="hp-frame" x1="${L}" x2="${L}" y1="${T}" y2="${B}"/>`,
  )
  // collections
  for (const f of shown)
    if (f.gcInFrame) {
      const x = sc.x(f.allocated * objectSize).toFixed(1)
      out.push(`<path class="hp-gc" d="M${x},${B} l-3,7 h6 z"><title>collection ${f.numGC}</title></path>`)
    }
  // lines (step shape for the goal, which changes only at collections)
  const labels: { x: number; y: number; text: string; cls: string }[] = []
  for (const s of series) {
    const pts: string[] = []
    for (const f of shown) {
      const v = f[s.key]
      if (!Number.isFinite(v)) continue
      const x = sc.x(f.allocated * objectSize).toFixed(1)
      const y = sc.y(v).toFixed(1)
      if (s.key === 'nextGC' && pts.length > 0) {
        const prev = pts[pts.length - 1]!.split(',')[1]
        pts.push(`${x},${prev}`)
      }
      pts.push(`${x},${y}`)
    }
    if (pts.length > 0) {
      out.push(`<polyline class="hp-line ${s.cls}" points="${pts.join(' ')}"/>`)
      const [lx, ly] = pts[pts.length - 1]!.split(',')
      labels.push({ x: Number(lx) + 4, y: Number(ly), text: s.label, cls: s.cls })
    }
  }
  // End-of-line labels, nudged apart so lines that end close together stay readable.
  labels.sort((a, b) => a.y - b.y)
  for (let i = 1; i < labels.length; i++)
    if (labels[i]!.y - labels[i - 1]!.y < 11) labels[i]!.y = labels[i - 1]!.y + 11
  for (const l of labels)
    out.push(
      `<text class="hp-label ${l.cls}-label" x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}" dy="0.3em">${e(l.text)}</text>`,
    )
  const cur = frames[index]!
  const cx = sc.x(cur.allocated * objectSize).toFixed(1)
  out.push(`<line class="hp-cursor" x1="${cx}" x2="${cx}" y1="${T}" y2="${B}"/>`)
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(chartAlt(cur))}">${out.join('')}</svg>`
}

function chartAlt(f: PacingFrame): string {
  return `Heap over time: after ${fmtInt(f.allocated)} allocations, HeapAlloc ${mibs(f.heapAlloc).toFixed(1)} MiB, HeapInuse ${mibs(f.heapInuse).toFixed(1)} MiB, heap goal ${goalText(f.nextGC)}, ${f.numGC} collections, ${mibs(f.heapReleased).toFixed(1)} MiB released.`
}

export function renderTable(f: PacingFrame): string {
  const row = (k: string, v: string) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`
  const m = (n: number) => `${mibs(n).toFixed(2)} MiB`
  return `<table><tbody>
${row('objects allocated', fmtInt(f.allocated))}
${row('TotalAlloc', m(f.totalAlloc))}
${row('HeapAlloc', m(f.heapAlloc))}
${row('HeapInuse', m(f.heapInuse))}
${row('HeapIdle', m(f.heapIdle))}
${row('HeapReleased', m(f.heapReleased))}
${row('retained (HeapInuse + HeapIdle − HeapReleased)', m(f.retained))}
${row('NextGC (heap goal)', goalText(f.nextGC))}
${row('NumGC', fmtInt(f.numGC))}
${row('live heap found by the last collection', m(f.lastMarked))}
</tbody></table>`
}

export function renderForm(s: PacingState): string {
  return `<form class="hp-inputs" data-part="form" action="#" autocomplete="off">
${selectHTML('gogc', 'GOGC', gogcChoices, s.gogc, (v) => String(v))}
${selectHTML('keep', 'Objects kept', keepChoices, s.keep, (v) => `${v} %`)}
</form>`
}

export function renderRun(
  s: PacingState,
  frames: readonly PacingFrame[],
  index: number,
  id: string,
  locale: UiLocale = 'en',
): string {
  const f = frames[index]!
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(f, index, frames.length), label: uiStrings(locale).figures.heapPacing, locale })}
<div class="hp-chart" data-part="chart">${renderChart(frames, index)}</div>
<p class="nb-summary" data-part="summary">${e(summarize(s, frames))}</p>
<p><a data-part="link" href="${e(formatFigureHash(id, stateToParams(s)))}">Link to this setup</a></p>
<details class="nb-table-view"><summary>This step as a table</summary><div data-part="table">${renderTable(f)}</div></details>`
}

export function renderPacing(
  s: PacingState,
  frames: readonly PacingFrame[],
  index: number,
  id: string,
  locale: UiLocale = 'en',
): string {
  return `${renderForm(s)}
<div data-part="run">${renderRun(s, frames, index, id, locale)}</div>
<p class="hp-legend">Each step is ${perFrame} more allocations of ${objectSize} B with no pointers, sampled with ReadMemStats. Lines: heap goal (long dashes, a step at each collection), retained (dots), HeapInuse (short dashes), HeapAlloc (solid), released (dash-dot). Triangles under the axis mark collections.</p>`
}
