/**
 * size-class-generator renderer: the current candidate's span as a bar (objects, then the tail
 * against the 1/8 limit), the classes so far as a list, and a table view of the frame.
 */
import { controlBarHTML } from '../shared/controls.ts'
import type { UiLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import { escapeHTML as e, fmtInt } from '../shared/html.ts'
import { describeFrame, type GenFrame } from './model.ts'

const W = 640
const H = 74

export function renderSpanBar(f: GenFrame): string {
  if (f.spanBytes === 0) {
    return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="No candidate span yet" class="scg-bar"><text x="8" y="40">No span yet — press Step ▶ or Play.</text></svg>`
  }
  const sx = (b: number) => 8 + (b / f.spanBytes) * (W - 16)
  const n = f.objects
  // Draw at most 64 object boxes; beyond that one band with a label (the count is in the text).
  const boxes =
    n <= 64
      ? Array.from(
          { length: n },
          (_, i) =>
            `<rect class="scg-obj" x="${sx(i * f.size).toFixed(1)}" y="14" width="${Math.max(0.5, sx((i + 1) * f.size) - sx(i * f.size) - 0.6).toFixed(1)}" height="30"/>`,
        ).join('')
      : `<rect class="scg-obj" x="${sx(0)}" y="14" width="${(sx(n * f.size) - sx(0)).toFixed(1)}" height="30"/>`
  const tailX = sx(n * f.size)
  const limitX = sx(f.spanBytes - f.tailLimit)
  const pageTicks = Array.from(
    { length: f.npages + 1 },
    (_, i) =>
      `<line class="scg-page" x1="${sx(i * 8192).toFixed(1)}" x2="${sx(i * 8192).toFixed(1)}" y1="8" y2="50"/>`,
  ).join('')
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(`A ${f.npages}-page span of ${f.spanBytes} bytes: ${n} objects of ${f.size} bytes, then a ${f.tail}-byte tail; the tail may be at most ${f.tailLimit} bytes.`)}" class="scg-bar">
${boxes}<rect class="scg-tail" x="${tailX.toFixed(1)}" y="14" width="${Math.max(0, sx(f.spanBytes) - tailX).toFixed(1)}" height="30"/>
${pageTicks}<line class="scg-limit" x1="${limitX.toFixed(1)}" x2="${limitX.toFixed(1)}" y1="4" y2="54"/>
<text x="8" y="68">${n} × ${fmtInt(f.size)} B</text><text x="${W - 8}" y="68" text-anchor="end">tail ${fmtInt(f.tail)} B (limit ${fmtInt(f.tailLimit)} B, dashed)</text>
</svg>`
}

export function renderClasses(f: GenFrame): string {
  return `<ol class="scg-classes" aria-label="Classes so far">${f.classes
    .map(
      (s, i) =>
        `<li${i === f.changed ? ' aria-current="true"' : ''}><span class="nb-visually-hidden">class ${i + 1}: </span>${fmtInt(s)}</li>`,
    )
    .join('')}</ol>`
}

export function renderFrameTable(f: GenFrame): string {
  const rows: [string, string][] = [
    ['action', f.action],
    ['candidate / class size', f.size ? `${fmtInt(f.size)} B` : '—'],
    ['step between candidates', `${f.step} B`],
    [
      'pages rejected first',
      f.rejectedPages.length
        ? f.rejectedPages.map((r) => `${r.npages} (tail ${r.tail} > ${r.limit})`).join(', ')
        : 'none',
    ],
    ['pages', f.npages ? String(f.npages) : '—'],
    ['objects per span', f.objects ? String(f.objects) : '—'],
    ['tail / limit', f.spanBytes ? `${f.tail} B / ${f.tailLimit} B` : '—'],
    ['classes so far', String(f.classes.length)],
  ]
  return `<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</tbody></table>`
}

export function renderGenerator(frames: readonly GenFrame[], index: number, locale: UiLocale = 'en'): string {
  const f = frames[index] as GenFrame
  const caption = describeFrame(f, index, frames.length)
  return `${controlBarHTML({ length: frames.length, caption, label: uiStrings(locale).figures.sizeClassGenerator, locale })}
<div data-part="bar">${renderSpanBar(f)}</div>
<div data-part="classes">${renderClasses(f)}</div>
<p class="nb-summary">How Go's generator arrives at its 67 size classes, one candidate size at a time: ${frames.length - 1} steps. The dashed line marks the largest tail allowed (one eighth of the span).</p>
<details class="nb-table-view"><summary>This step as a table</summary><div data-part="table">${renderFrameTable(f)}</div></details>`
}
