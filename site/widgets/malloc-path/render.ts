/**
 * malloc-path renderer: the five stages as boxes (visited ones outlined in the accent colour and
 * numbered, skipped ones dashed), the span the object landed in as a strip of slots with its slot
 * marked (shared/memory), the stages in words with a link into each chapter, a summary and a table.
 */
import { escapeHTML as e } from '../shared/html.ts'
import { spanStripSVG } from '../shared/memory/span-strip.ts'
import { memoryDefs } from '../shared/memory/states.ts'
import { withBase } from '../../lib/url.ts'
import { stageNames, type MallocInput, type StageName, type Trip } from './model.ts'
import { stageChapter, stringsFor, type Locale, type Strings } from './strings.ts'

const W = 640
const hx = (n: number) => `0x${n.toString(16)}`

type Ok = Extract<Trip, { ok: true }>

/** What happened at each visited stage, in words. */
export function stageWords(tr: Ok, t: Strings): Partial<Record<StageName, string>> {
  const out: Partial<Record<StageName, string>> = {}
  if (tr.path === 'zero') return { class: t.zero }
  out.class =
    tr.path === 'tiny'
      ? t.cls.tiny(tr.size)
      : tr.path === 'large'
        ? t.cls.large(tr.size, tr.span?.npages ?? 0)
        : t.cls.small(tr.size, tr.sizeclass, tr.elemsize)
  if (tr.mcache) out.mcache = t.mc[tr.mcache] ?? ''
  if (tr.mcentral) out.mcentral = t.central(tr.mcentral.from)
  if (tr.mheap) out.mheap = t.heap(tr.mheap.npages, tr.mheap.viaPageCache, tr.mheap.grew)
  if (tr.span) out.slot = t.slot(hx(tr.addr), tr.slot, hx(tr.span.base))
  return out
}

export function renderSVG(tr: Trip, t: Strings, animate: boolean): string {
  const bw = 112
  const gap = (W - 20 - 5 * bw) / 4
  const y = 10
  const visited = tr.ok ? tr.visited : []
  let boxes = ''
  stageNames.forEach((s, i) => {
    const x = 10 + i * (bw + gap)
    const k = visited.indexOf(s)
    const on = k >= 0
    const delay = animate && on ? ` style="animation-delay:${k * 180}ms"` : ''
    boxes += `<g class="mp-box${on ? ' mp-on nb-m-changed' : ' mp-off'}" data-stage="${s}"${on ? ` data-order="${k + 1}"` : ''}><rect class="nb-m-box" x="${x}" y="${y}" width="${bw}" height="40" rx="4"${delay}/><text class="mp-t" x="${x + bw / 2}" y="${y + 18}" text-anchor="middle">${e(t.box[s])}</text><text class="mp-s" x="${x + bw / 2}" y="${y + 32}" text-anchor="middle">${on ? `${k + 1}` : e(t.skipped)}</text></g>`
    if (i < stageNames.length - 1) {
      const next = stageNames[i + 1] as StageName
      const both = on && visited.includes(next)
      boxes += `<path class="mp-arrow${both ? ' mp-arrow-on' : ''}" d="M${x + bw + 3} ${y + 20} h${gap - 8} l-4 -4 m4 4 l-4 4"/>`
    }
  })
  let strip = ''
  let h = 60
  if (tr.ok && tr.span) {
    const s = tr.span
    const spanBytes = s.npages * 8192
    const used = new Set(tr.usedSlots)
    strip = spanStripSVG({
      x: 10,
      y: 80,
      width: W - 20,
      height: 20,
      spanBytes,
      sizeclass: s.sizeclass,
      elemsize: s.elemsize,
      nelems: s.nelems,
      state: (i) => (i === tr.slot || used.has(i) ? 'used' : 'free'),
      changed: new Set([tr.slot]),
      label: `${s.sizeclass === 0 ? t.large : t.classN(s.sizeclass)} · ${s.elemsize} B × ${s.nelems} · ${t.slotsUsed(tr.allocCount, s.nelems)}`,
    })
    const px = 10 + ((tr.addr - s.base) / spanBytes) * (W - 20)
    strip += `<path class="mp-marker" d="M${Math.round(px * 100) / 100} 101 l-4 7 h8 z"/>`
    h = 112
  }
  return `<svg class="mp-svg" viewBox="0 0 ${W} ${h}" role="img" aria-labelledby="mp-title"><title id="mp-title">${e(t.title)}</title>${memoryDefs()}${boxes}${strip}</svg>`
}

export function chapterHref(stage: StageName, locale: Locale): string {
  return withBase(`${locale === 'zh' ? '/zh' : ''}/${stageChapter[stage]}/`)
}

export function renderSteps(tr: Trip, t: Strings, locale: Locale): string {
  if (!tr.ok) {
    const er = tr.error
    const msg =
      er.kind === 'empty'
        ? t.errEmpty
        : er.kind === 'notNumber'
          ? t.errNotNumber(er.text)
          : er.kind === 'tooBig'
            ? t.errTooBig
            : t.errNegative
    return `<p class="nb-message" role="alert" data-error="">${e(msg)}</p>`
  }
  const words = stageWords(tr, t)
  const items = tr.visited
    .map(
      (s) =>
        `<li data-stage="${s}"><strong>${e(t.box[s])}</strong>: ${e(words[s] ?? '')} <a href="${chapterHref(s, locale)}">${e(t.read(t.chapters[s]))}</a></li>`,
    )
    .join('')
  return `<p class="mp-nth">${e(t.nth(tr.n))} · <code>${e(t.fn(tr.fn))}</code></p><ol class="mp-steps">${items}</ol>`
}

export function summaryText(tr: Trip, t: Strings): string {
  if (!tr.ok) return ''
  return t.summary(tr.visited.map((s) => t.box[s]).join(' → '))
}

export function renderTable(tr: Trip, t: Strings): string {
  if (!tr.ok) return ''
  const words = stageWords(tr, t)
  const rows = stageNames
    .map((s) => `<tr><th scope="row">${e(t.box[s])}</th><td>${e(words[s] ?? t.skipped)}</td></tr>`)
    .join('')
  return `<table><caption>${e(t.tableCap)}</caption><thead><tr><th scope="col">${e(t.tStage)}</th><th scope="col">${e(t.tWhat)}</th></tr></thead><tbody>${rows}</tbody></table>`
}

export function linkHash(id: string, input: MallocInput): string {
  return `#${id}:${new URLSearchParams({ size: input.size.trim(), noscan: input.noscan ? '1' : '0', n: String(input.n) }).toString()}`
}

export function renderMallocPath(id: string, input: MallocInput, tr: Trip, locale: Locale): string {
  const t = stringsFor(locale)
  return `<form class="nb-inputs mp-form" data-ctl="form">
<label>${e(t.sizeLabel)} <input data-ctl="size" value="${e(input.size)}" inputmode="numeric" autocomplete="off" spellcheck="false" disabled></label>
<label class="mp-check"><input type="checkbox" data-ctl="noscan"${input.noscan ? ' checked' : ''} disabled> ${e(t.noscanLabel)}</label>
<button type="button" data-ctl="again" disabled>${e(t.again)}</button>
<button type="button" data-ctl="fresh" disabled>${e(t.fresh)}</button>
</form>
<div data-part="svg" class="nb-m-scroll" tabindex="0" role="group" aria-label="${e(t.title)}">${renderSVG(tr, t, false)}</div>
<div class="mp-words" data-part="steps" aria-live="polite">${renderSteps(tr, t, locale)}</div>
<p class="nb-summary" data-part="summary">${e(summaryText(tr, t))}</p>
<details class="nb-table-view"><summary>${e(t.tableCap)}</summary><div data-part="table">${renderTable(tr, t)}</div></details>
<p class="mp-linkp"><a data-part="link" href="${e(linkHash(id, input))}">${e(t.link)}</a></p>`
}
