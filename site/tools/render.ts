/**
 * The tools' results as HTML strings (pure: used by the page's element after each analysis).
 * Tables carry every number; the GC plot is an SVG with a text alternative and shapes as well as
 * colours for its series.
 */
import { classToSize } from '@go-alloc/core'
import type { MallocPlan } from '@go-alloc/gotypes'
import { escapeHTML as esc, fmtInt } from '../widgets/shared/html.ts'
import type { Issue } from './scan.ts'
import type { TypesModel, TypeRow } from './types.ts'
import { type BenchModel, type BenchRow, classOfSlot, maxComboObjects } from './bench.ts'
import { maxReplayCycles, type GctraceModel, type ReplayResult } from './gctrace.ts'
import type { ProfileModel } from './profile.ts'
import { texts, type Lang, type Texts } from './texts.ts'
import { zhPhrase } from './issues-zh.ts'

const T = (lang: Lang): Texts => texts[lang]
const MiB = 1 << 20

export function fmtSize(n: number): string {
  if (n >= 10 * 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`
  if (n >= 10 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${fmtInt(Math.round(n))} B`
}

function table(caption: string, head: string[], rows: string[][], cls = ''): string {
  return `<div class="tools-scroll" role="region" aria-label="${esc(caption)}" tabindex="0"><table class="tools-table ${cls}"><caption>${esc(caption)}</caption><thead><tr>${head
    .map((h) => `<th scope="col">${esc(h)}</th>`)
    .join(
      '',
    )}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`).join('')}</tbody></table></div>`
}

export function renderIssues(issues: readonly Issue[], lang: Lang): string {
  if (!issues.length) return ''
  const t = T(lang)
  const items = issues.map((i) => {
    let msg: string
    if (lang === 'zh') {
      if (i.code === 'expected' && i.args)
        msg = t.expected(zhPhrase(String(i.args.where)), zhPhrase(String(i.args.expected)))
      else if (i.code === 'types-syntax') msg = `Go 编译器会这样报告：“${i.message}”`
      else msg = i.message
    } else msg = i.message
    return `<li><span class="tools-where">${esc(t.lineCol(i.line, i.column))}</span>: ${esc(msg)}</li>`
  })
  return `<div class="tools-issues" role="alert"><p>${esc(t.issuesHead(issues.length))}</p><ul>${items.join('')}</ul>${issues.length >= 50 ? `<p>${esc(t.moreIssues)}</p>` : ''}</div>`
}

function planKind(p: MallocPlan, t: Texts): string {
  if (p.kind === 'zero') return t.kindZero
  if (p.kind === 'tiny') return t.kindTiny
  if (p.kind === 'large') return `${t.kindLarge(p.npages)}, ${p.noscan ? t.kindNoscan : t.kindScan}`
  return `${p.noscan ? t.kindNoscan : t.kindScan}${p.header ? ` ${t.kindHeader}` : ''}`
}

function classLabel(p: MallocPlan, t: Texts): string {
  return p.kind === 'small' || p.kind === 'tiny'
    ? t.classArrow(p.sizeclass, p.slot)
    : p.kind === 'large'
      ? fmtSize(p.slot)
      : '—'
}

export type TypesSort = 'decl' | 'waste' | 'size' | 'saves'
export const typesSorts: readonly TypesSort[] = ['decl', 'waste', 'size', 'saves']

export function sortTypes(types: readonly TypeRow[], sort: TypesSort): TypeRow[] {
  const xs = [...types]
  if (sort === 'waste') xs.sort((a, b) => b.plan.waste - a.plan.waste || a.line - b.line)
  else if (sort === 'size') xs.sort((a, b) => b.size - a.size || a.line - b.line)
  else if (sort === 'saves')
    xs.sort((a, b) => (b.better?.saves ?? 0) - (a.better?.saves ?? 0) || a.line - b.line)
  return xs
}

export function renderTypes(m: TypesModel, sort: TypesSort, lang: Lang): string {
  const t = T(lang)
  const out: string[] = [renderIssues(m.issues, lang)]
  if (!m.types.length) {
    out.push(`<p>${esc(t.noTypes)}</p>`)
    return out.join('')
  }
  const wasteful = m.types.filter((x) => x.plan.waste > 0).length
  const better = m.types.filter((x) => x.better && x.better.saves > 0).length
  out.push(`<p class="nb-summary">${esc(t.typesSummary(m.types.length, wasteful, better))}</p>`)
  const rows = sortTypes(m.types, sort).map((x) => [
    `<a href="#type-${esc(x.name)}"><code>${esc(x.name)}</code></a>`,
    fmtInt(x.size),
    String(x.align),
    fmtInt(x.ptrdata),
    esc(planKind(x.plan, t)),
    esc(classLabel(x.plan, t)),
    fmtInt(x.plan.waste),
    fmtInt(x.plan.nelems),
    x.better && x.better.saves > 0 ? esc(`−${x.better.saves} B → ${classLabel(x.better.plan, t)}`) : '—',
  ])
  out.push(
    table(
      t.tAllTypes,
      [t.tName, t.tSize, t.tAlign, t.tPtr, t.tAlloc, t.tClass, t.tWaste, t.tPerSpan, t.tBetter],
      rows,
      'tools-sortable',
    ),
  )
  for (const x of m.types) {
    const parts: string[] = []
    parts.push(
      `<p>${esc(t.sum(x.size, x.align, x.ptrdata, x.padding))} ${x.plan.kind === 'small' ? esc(t.planLine(x.plan.fn, x.plan.sizeclass, x.plan.slot, x.plan.waste, x.plan.nelems)) : esc(`${planKind(x.plan, t)} · ${x.plan.fn}`)}</p>`,
    )
    if (x.rows) {
      parts.push(
        table(
          t.layoutOf(x.name),
          [t.tField, t.tType, t.tOffset, t.tSize, t.tPad],
          x.rows.map((r) => [
            `<code>${esc(r.name)}</code>`,
            `<code>${esc(r.type)}</code>`,
            String(r.offset),
            String(r.size),
            r.padding ? `<strong>${r.padding}</strong>` : '0',
          ]),
        ),
      )
      if (x.better) {
        parts.push(
          `<p>${esc(t.betterLine(x.better.saves, `${x.size} B, ${classLabel(x.plan, t)}`, `${x.better.size} B, ${classLabel(x.better.plan, t)}`, x.better.ptrdataSaves))}</p>`,
        )
        parts.push(
          `<p>${esc(t.declCaption)} <button type="button" class="tools-copy" data-copy="decl-${esc(x.name)}">${esc(t.copy)}</button></p><pre class="tools-decl" id="decl-${esc(x.name)}"><code>${esc(x.better.decl)}</code></pre>`,
        )
      } else if (x.rows.length > 1) parts.push(`<p>${esc(t.optimal)}</p>`)
    }
    out.push(
      `<section class="tools-type" id="type-${esc(x.name)}"><h3><code>${esc(x.name)}</code> <span class="tools-muted">${esc(x.underlying)}</span></h3>${parts.join('')}</section>`,
    )
  }
  return out.join('')
}

function slotsText(r: BenchRow, t: Texts): string {
  if (r.bytesPerOp === null) return t.bNoMem
  if (r.allocsPerOp === 0) return t.bNone
  if (r.allocsPerOp === null) return t.bNoMem
  const c = r.combos
  if (!c || c.tooMany) {
    const avg = r.perObject ?? 0
    const cls = classOfSlotAbove(avg)
    return `${t.bTooMany(r.allocsPerOp)} ${t.bAvg(Math.round(avg * 10) / 10, cls ? `(≤ ${cls} B)` : '')}`
  }
  if (c.total === 0) return t.bNoCombo
  if (r.allocsPerOp === 1 && c.total === 1) {
    const slot = c.combos[0][0]
    const cls = classOfSlot(slot)
    return t.bOne(slot, cls, cls > 1 ? classToSize[cls - 1] + 1 : 1)
  }
  const list = c.combos.map((k) => k.join(' + ')).join('; ')
  return `${t.bCombos(c.total, c.combos.length)} ${list}${c.total > c.combos.length ? ` ${t.bComboMore(c.total)}` : ''}`
}

function classOfSlotAbove(bytes: number): number {
  for (let i = 1; i < classToSize.length; i++) if (classToSize[i] >= bytes) return classToSize[i]
  return 0
}

const num = (v: number | null) => (v === null ? '—' : fmtInt(Math.round(v * 100) / 100))

export function renderBench(m: BenchModel, lang: Lang): string {
  const t = T(lang)
  const out: string[] = [renderIssues(m.issues, lang)]
  const shown = m.runs.slice(0, 2)
  shown.forEach((run, i) => {
    const cfg = ['goos', 'goarch', 'pkg', 'cpu']
      .filter((k) => run.config[k])
      .map((k) => `${k}: ${run.config[k]}`)
      .join(' · ')
    out.push(
      table(
        `${t.bRun(i, shown.length)}${cfg ? ` — ${cfg}` : ''}`,
        [t.bName, t.bRuns, t.bNs, t.bB, t.bAllocs, t.bPer, t.bSlots],
        run.rows.map((r) => [
          `<code>${esc(r.name)}</code>`,
          String(r.runs),
          num(r.nsPerOp),
          num(r.bytesPerOp),
          num(r.allocsPerOp),
          r.perObject === null ? '—' : num(r.perObject),
          `<span class="tools-wrap">${esc(slotsText(r, t))}</span>`,
        ]),
      ),
    )
  })
  if (shown.length)
    out.push(
      `<p class="tools-muted">${esc(t.bMedian)}${m.skipped ? ` ${esc(t.skipped(m.skipped))}` : ''} ${shown.length === 1 ? esc(t.bHint) : ''}</p>`,
    )
  if (m.extraRuns) out.push(`<p>${esc(t.bExtra(m.extraRuns))}</p>`)
  if (m.changes.length) {
    out.push(
      table(
        t.bChanges,
        [t.bName, t.bB, t.bAllocs, t.bSlots],
        m.changes.map((c) => [
          `<code>${esc(c.name)}</code>`,
          `${num(c.before.bytesPerOp)} → ${num(c.after.bytesPerOp)}`,
          `${num(c.before.allocsPerOp)} → ${num(c.after.allocsPerOp)}`,
          esc(
            !c.changed
              ? t.bSame
              : c.beforeSlots && c.afterSlots
                ? t.bClassChanged(
                    c.beforeSlots.length ? c.beforeSlots.join(' + ') : '∅',
                    c.afterSlots.length ? c.afterSlots.join(' + ') : '∅',
                  )
                : `${t.bChanged}; ${t.bAmbig}`,
          ),
        ]),
      ),
    )
  }
  if (!m.runs.length && !m.issues.length) out.push(`<p>${esc(t.empty)}</p>`)
  return out.join('')
}

export { maxComboObjects }

export function renderGcPlot(m: GctraceModel, lang: Lang): string {
  const t = T(lang)
  const all = m.cycles
  const maxDrawn = 300
  const step = Math.max(1, Math.ceil(all.length / maxDrawn))
  const cs = all.filter((_, i) => i % step === 0)
  const W = 640
  const H = 260
  const L = 44
  const R = 10
  const TOP = 10
  const B = 30
  const maxY = Math.max(4, ...cs.map((c) => Math.max(c.heapStart, c.heapEnd, c.goal)))
  const x = (i: number) => L + (cs.length <= 1 ? (W - L - R) / 2 : (i * (W - L - R)) / (cs.length - 1))
  const y = (v: number) => TOP + (H - TOP - B) * (1 - v / maxY)
  const line = (f: (c: (typeof cs)[number]) => number, cls: string) =>
    `<polyline class="${cls}" fill="none" points="${cs.map((c, i) => `${x(i).toFixed(1)},${y(f(c)).toFixed(1)}`).join(' ')}"/>`
  const ticks = [0, maxY / 2, maxY].map(
    (v) =>
      `<text x="${L - 4}" y="${y(v) + 4}" text-anchor="end" class="tools-axis">${Math.round(v)}</text><line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" class="tools-grid"/>`,
  )
  const marks =
    cs.length <= 80
      ? cs.map((c, i) => {
          const X = x(i)
          return `<circle cx="${X}" cy="${y(c.heapStart)}" r="3" class="tools-s-start"/><rect x="${X - 3}" y="${y(c.heapEnd) - 3}" width="6" height="6" class="tools-s-end"/><path d="M${X},${y(c.live) - 4}l4,7h-8z" class="tools-s-live"/>`
        })
      : []
  const legend = [
    ['tools-s-start', t.gStart, 'circle'],
    ['tools-s-end', t.gEnd, 'rect'],
    ['tools-s-live', t.gLive, 'tri'],
    ['tools-s-goal', t.gGoal, 'dash'],
  ]
    .map(([cls, label, shape], i) => {
      const lx = L + i * 150
      const ly = H - 8
      const mark =
        shape === 'circle'
          ? `<circle cx="${lx + 6}" cy="${ly - 4}" r="4" class="${cls}"/>`
          : shape === 'rect'
            ? `<rect x="${lx + 2}" y="${ly - 8}" width="8" height="8" class="${cls}"/>`
            : shape === 'tri'
              ? `<path d="M${lx + 6},${ly - 9}l5,8h-10z" class="${cls}"/>`
              : `<line x1="${lx}" x2="${lx + 14}" y1="${ly - 4}" y2="${ly - 4}" class="${cls}"/>`
      return `${mark}<text x="${lx + 18}" y="${ly}" class="tools-axis">${esc(label)}</text>`
    })
    .join('')
  const desc = `${t.gPlotDesc} ${t.gCycles(all.length, all.length ? all[all.length - 1].at : 0, m.forced)}`
  return `<figure class="tools-plot"><svg viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="gc-plot-title gc-plot-desc"><title id="gc-plot-title">${esc(t.gPlotTitle)}</title><desc id="gc-plot-desc">${esc(desc)}</desc>${ticks.join('')}${line((c) => c.goal, 'tools-s-goal')}${line((c) => c.heapStart, 'tools-s-start')}${line((c) => c.live, 'tools-s-live')}${marks.join('')}${legend}</svg>${step > 1 ? `<figcaption>${esc(t.gDrawn(cs.length, all.length))}</figcaption>` : ''}</figure>`
}

export function renderGctrace(m: GctraceModel, lang: Lang): string {
  const t = T(lang)
  const out: string[] = [renderIssues(m.issues, lang)]
  if (!m.cycles.length) {
    out.push(`<p>${esc(t.gNone)}</p>`)
    return out.join('')
  }
  const last = m.cycles[m.cycles.length - 1]
  out.push(
    `<p class="nb-summary">${esc(t.gCycles(m.cycles.length, last.at, m.forced))} ${esc(t.gImplied(m.impliedGogc))}</p>`,
  )
  out.push(renderGcPlot(m, lang))
  if (m.base && m.other) {
    const limitMiB = (r: ReplayResult) => (r.memoryLimit === 'off' ? null : r.memoryLimit / MiB)
    const sim = (r: ReplayResult) => {
      const l = limitMiB(r)
      return [
        esc(t.gSimAt(r.gogc, l)),
        String(r.gogc),
        l === null ? esc(t.gLimitOff) : `${fmtInt(l)} MiB`,
        fmtInt(r.cycles),
        fmtSize(r.peakHeap),
        fmtSize(r.peakMapped),
      ]
    }
    out.push(
      table(t.gReplayHead, t.gReplayCols as unknown as string[], [
        [
          esc(t.gTrace),
          m.impliedGogc === null ? '?' : `≈ ${m.impliedGogc}`,
          esc(t.gNotInTrace),
          fmtInt(m.cycles.length),
          fmtSize(m.peakHeap),
          esc(t.gNotInTrace),
        ],
        sim(m.base),
        sim(m.other),
      ]),
    )
    out.push(
      `<p class="tools-muted">${esc(t.gReplayNote(m.base.objectSize, m.base.segments, m.cycles.length))}${m.skipped ? ` ${esc(t.skipped(m.skipped))}` : ''}</p>`,
    )
    const l = limitMiB(m.other)
    if (l !== null) {
      if (m.other.thrashed)
        out.push(
          `<p class="tools-issues" data-replay-thrashed>${esc(t.gThrashed(m.other.segments, m.cycles.length, maxReplayCycles))}</p>`,
        )
      out.push(
        `<p class="tools-muted" data-limit-note>${esc(t.gLimitNote(l, fmtSize(m.other.peakMapped), m.other.peakMapped > l * MiB))}</p>`,
      )
    }
  }
  const rows = m.cycles
    .slice(0, 500)
    .map((c) => [
      String(c.n),
      String(c.at),
      String(c.cpuPercent),
      `${c.heapStart} → ${c.heapEnd} → ${c.live}`,
      String(c.goal),
      c.stacks === null ? '—' : `${c.stacks} + ${c.globals}`,
      String(c.procs) + (c.forced ? ' (forced)' : ''),
    ])
  out.push(
    `<details class="nb-table-view"><summary>${esc(t.gTable)}</summary>${table(t.gTable, [t.gCycle, t.gAt, t.gCpu, `${t.gStart} → ${t.gEnd} → ${t.gLive} (MB)`, `${t.gGoal} (MB)`, `${t.gStacks} (MB)`, t.gProcs], rows)}</details>`,
  )
  return out.join('')
}

export function renderProfile(m: ProfileModel, lang: Lang): string {
  const t = T(lang)
  const out: string[] = [renderIssues(m.issues, lang)]
  if (m.kind === 'none') {
    out.push(`<p>${esc(t.pNone)}</p>`)
    return out.join('')
  }
  out.push(`<p class="nb-summary">${esc(m.kind === 'heap' ? t.pKindHeap(m.rate) : t.pKindHist)}</p>`)
  const n = (v: number) => fmtInt(Math.round(v))
  out.push(
    table(
      t.pClasses,
      [
        t.pClass,
        t.pSlot,
        t.pObjects,
        t.pBytes,
        t.pWaste,
        t.pPerSpan,
        `${t.pSpans}${m.replayOf === 'inuse' ? ` (${t.pInuse})` : ''}`,
      ],
      m.classes.map((c) => [
        c.sizeclass ? String(c.sizeclass) : esc(t.pLarge),
        fmtSize(c.slot),
        n(c.objects),
        fmtSize(c.bytes),
        c.sizeclass ? fmtSize(c.wasteMax) : '—',
        n(c.perSpan),
        n(c.spans),
      ]),
    ),
  )
  if (m.kind === 'heap' && m.sites.length) {
    out.push(
      table(
        t.pSites,
        [t.pSite, t.pWhere, t.pObjects, t.pBytes, `${t.pInuse} (${t.pObjects})`, t.pSizes],
        m.sites
          .slice(0, 100)
          .map((s) => [
            `<code>${esc(s.func || '?')}</code>`,
            `<code>${esc(s.where)}</code>`,
            n(s.objects),
            fmtSize(s.bytes),
            n(s.inuseObjects),
            `<span class="tools-wrap">${esc(s.sizes.map((z) => fmtSize(z)).join(', '))}</span>`,
          ]),
      ),
    )
  }
  if (m.replay) {
    const r = m.replay
    const pct = r.heapInuse ? `${((100 * r.heapAlloc) / r.heapInuse).toFixed(1)}%` : '—'
    out.push(
      `<p>${esc(t.pReplay(m.replayOf === 'inuse' ? t.pReplayInuse : t.pReplayAllocs))} ${esc(t.pReplayLine(fmtSize(r.heapAlloc), fmtSize(r.heapInuse), pct))}${r.scaledDown > 1 ? esc(t.pScaled(r.scaledDown)) : ''}</p>`,
    )
  }
  const ms = Object.entries(m.memStats).filter(([k]) =>
    ['HeapAlloc', 'HeapInuse', 'HeapObjects', 'HeapSys', 'TotalAlloc', 'Mallocs', 'NumGC'].includes(k),
  )
  if (ms.length)
    out.push(
      table(
        t.pMemStats,
        [t.pField, t.pValue],
        ms.map(([k, v]) => [
          `<code>${esc(k)}</code>`,
          /Heap(Alloc|Inuse|Sys)|TotalAlloc/.test(k) ? fmtSize(v) : fmtInt(v),
        ]),
      ),
    )
  return out.join('')
}
