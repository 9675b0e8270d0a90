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
  type HeapPacingStrings,
  type PacingFrame,
  type PacingState,
} from './model.ts'
import { en } from '../../lib/strings/en.ts'

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
const seriesOf = (t: HeapPacingStrings): readonly Series[] => [
  { key: 'nextGC', label: t.goalLine, cls: 'hp-goal' },
  { key: 'retained', label: t.retainedLine, cls: 'hp-retained' },
  { key: 'heapInuse', label: 'HeapInuse', cls: 'hp-inuse' },
  { key: 'heapAlloc', label: 'HeapAlloc', cls: 'hp-alloc' },
  { key: 'heapReleased', label: t.releasedLine, cls: 'hp-released' },
]
const series = seriesOf(en.heapPacing)

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
export function renderChart(
  frames: readonly PacingFrame[],
  index: number,
  t: HeapPacingStrings = en.heapPacing,
): string {
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
  out.push(`<text class="hp-axis" x="${(L + R) / 2}" y="${H - 2}" text-anchor="middle">${e(t.xAxis)}</text>`)
  out.push(`<text class="hp-axis" x="4" y="${T + 2}" dy="0.6em">MiB</text>`)
  out.push(
    `<line class="hp-frame" x1="${L}" x2="${R}" y1="${B}" y2="${B}"/><line class="hp-frame" x1="${L}" x2="${L}" y1="${T}" y2="${B}"/>`,
  )
  // collections
  for (const f of shown)
    if (f.gcInFrame) {
      const x = sc.x(f.allocated * objectSize).toFixed(1)
      out.push(
        `<path class="hp-gc" d="M${x},${B} l-3,7 h6 z"><title>${e(t.collection(f.numGC))}</title></path>`,
      )
    }
  // lines (step shape for the goal, which changes only at collections)
  const labels: { x: number; y: number; text: string; cls: string }[] = []
  for (const s of seriesOf(t)) {
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
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(chartAlt(cur, t))}">${out.join('')}</svg>`
}

function chartAlt(f: PacingFrame, t: HeapPacingStrings): string {
  return t.chartAlt(
    fmtInt(f.allocated),
    mibs(f.heapAlloc).toFixed(1),
    mibs(f.heapInuse).toFixed(1),
    goalText(f.nextGC, t),
    f.numGC,
    mibs(f.heapReleased).toFixed(1),
  )
}

export function renderTable(f: PacingFrame, t: HeapPacingStrings = en.heapPacing): string {
  const row = (k: string, v: string) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`
  const m = (n: number) => `${mibs(n).toFixed(2)} MiB`
  return `<table><tbody>
${row(t.rows.allocated, fmtInt(f.allocated))}
${row('TotalAlloc', m(f.totalAlloc))}
${row('HeapAlloc', m(f.heapAlloc))}
${row('HeapInuse', m(f.heapInuse))}
${row('HeapIdle', m(f.heapIdle))}
${row('HeapReleased', m(f.heapReleased))}
${row(t.rows.retained, m(f.retained))}
${row(t.rows.nextGC, goalText(f.nextGC, t))}
${row('NumGC', fmtInt(f.numGC))}
${row(t.rows.lastMarked, m(f.lastMarked))}
</tbody></table>`
}

export function renderForm(s: PacingState, t: HeapPacingStrings = en.heapPacing): string {
  return `<form class="nb-inputs hp-inputs" data-part="form" action="#" autocomplete="off">
${selectHTML('gogc', 'GOGC', gogcChoices, s.gogc, (v) => String(v))}
${selectHTML('keep', t.kept, keepChoices, s.keep, (v) => `${v} %`)}
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
  const t = uiStrings(locale).heapPacing
  return `${controlBarHTML({ length: frames.length, caption: describeFrame(f, index, frames.length, t), label: uiStrings(locale).figures.heapPacing, locale })}
<div class="hp-chart" data-part="chart">${renderChart(frames, index, t)}</div>
<p class="nb-summary" data-part="summary">${e(summarize(s, frames, t))}</p>
<p><a data-part="link" href="${e(formatFigureHash(id, stateToParams(s)))}">${e(t.link)}</a></p>
<details class="nb-table-view"><summary>${e(t.asTable)}</summary><div data-part="table">${renderTable(f, t)}</div></details>`
}

export function renderPacing(
  s: PacingState,
  frames: readonly PacingFrame[],
  index: number,
  id: string,
  locale: UiLocale = 'en',
): string {
  const t = uiStrings(locale).heapPacing
  return `${renderForm(s, t)}
<div data-part="run">${renderRun(s, frames, index, id, locale)}</div>
<p class="hp-legend">${e(t.legend(perFrame, objectSize))}</p>`
}
