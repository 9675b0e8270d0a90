/**
 * size-class-generator renderer: the current candidate's span as a bar (objects, then the tail
 * against the 1/8 limit), the classes so far as a list, and a table view of the frame.
 */
import { controlBarHTML } from '../shared/controls.ts'
import type { UiLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import { escapeHTML as e, fmtInt } from '../shared/html.ts'
import { describeFrame, type GenFrame, type SizeClassGeneratorStrings } from './model.ts'
import { en } from '../../lib/strings/en.ts'

const W = 640
const H = 74

export function renderSpanBar(f: GenFrame, t: SizeClassGeneratorStrings = en.sizeClassGenerator): string {
  if (f.spanBytes === 0) {
    return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(t.noSpanLabel)}" class="scg-bar"><text x="8" y="40">${e(t.noSpan)}</text></svg>`
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
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${e(t.barLabel(f.npages, f.spanBytes, n, f.size, f.tail, f.tailLimit))}" class="scg-bar">
${boxes}<rect class="scg-tail" x="${tailX.toFixed(1)}" y="14" width="${Math.max(0, sx(f.spanBytes) - tailX).toFixed(1)}" height="30"/>
${pageTicks}<line class="scg-limit" x1="${limitX.toFixed(1)}" x2="${limitX.toFixed(1)}" y1="4" y2="54"/>
<text x="8" y="68">${n} × ${fmtInt(f.size)} B</text><text x="${W - 8}" y="68" text-anchor="end">${e(t.tail(fmtInt(f.tail), fmtInt(f.tailLimit)))}</text>
</svg>`
}

export function renderClasses(f: GenFrame, t: SizeClassGeneratorStrings = en.sizeClassGenerator): string {
  return `<ol class="scg-classes" aria-label="${e(t.classesLabel)}">${f.classes
    .map(
      (s, i) =>
        `<li${i === f.changed ? ' aria-current="true"' : ''}><span class="nb-visually-hidden">${e(t.classN(i + 1))}</span>${fmtInt(s)}</li>`,
    )
    .join('')}</ol>`
}

export function renderFrameTable(f: GenFrame, t: SizeClassGeneratorStrings = en.sizeClassGenerator): string {
  const values: string[] = [
    t.actions[f.action] ?? f.action,
    f.size ? `${fmtInt(f.size)} B` : '—',
    `${f.step} B`,
    f.rejectedPages.length
      ? f.rejectedPages.map((r) => t.rejected(r.npages, r.tail, r.limit)).join(', ')
      : t.none,
    f.npages ? String(f.npages) : '—',
    f.objects ? String(f.objects) : '—',
    f.spanBytes ? `${f.tail} B / ${f.tailLimit} B` : '—',
    String(f.classes.length),
  ]
  const rows = values.map((v, i): [string, string] => [t.rows[i] ?? '', v])
  return `<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`).join('')}</tbody></table>`
}

export function renderGenerator(frames: readonly GenFrame[], index: number, locale: UiLocale = 'en'): string {
  const f = frames[index] as GenFrame
  const t = uiStrings(locale).sizeClassGenerator
  const caption = describeFrame(f, index, frames.length, t)
  return `${controlBarHTML({ length: frames.length, caption, label: uiStrings(locale).figures.sizeClassGenerator, locale })}
<div data-part="bar">${renderSpanBar(f, t)}</div>
<div data-part="classes">${renderClasses(f, t)}</div>
<p class="nb-summary">${t.summary(frames.length - 1) /* our own table; the English apostrophe stays unescaped */}</p>
<details class="nb-table-view"><summary>${e(t.asTable)}</summary><div data-part="table">${renderFrameTable(f, t)}</div></details>`
}
