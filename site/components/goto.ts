/**
 * Prose links that move a figure, computed from the figure's own step lookup.
 *
 * A chapter writes `<Goto to="gc-cycle:mark">the mark step</Goto>`; `gotoHref('gc-cycle:mark')` asks
 * the gc-cycle model which frame "mark" names (its `frameForGoto`, over the frames the page prints
 * at build time) and returns `#gc-cycle:step=4`, the link's target without JavaScript. With
 * JavaScript the click goes to the figure (`data-goto`, see widgets/shared/url-state.ts), which runs
 * the same lookup for the page's Go version. So a prose link cannot point at a step a figure no
 * longer has: a value the figure does not know fails the build, naming the link.
 *
 * `to` is `<figure id>:<value>`; the figure's widget is the id unless `widget` says otherwise (a
 * second copy of a figure on one page has its own id).
 */
import { defaultGoVersion } from '../lib/go-version.ts'
import { parseGoto } from '../widgets/shared/url-state.ts'
import { parseSizeInput } from '../widgets/size-class-explorer/model.ts'
import { frameForGoto as generatorStep, generatorTrace } from '../widgets/size-class-generator/model.ts'
import { frameForGoto as gcCycleStep, gcCycleTrace } from '../widgets/gc-cycle/model.ts'
import { frameForGoto as mcentralStep, mcentralSetsTrace } from '../widgets/mcentral-sets/model.ts'
import { frameForGoto as pageAllocStep, pageAllocTrace } from '../widgets/page-alloc/model.ts'
import {
  frameForGoto as pacingStep,
  initialState as pacingInitial,
  pacingTrace,
} from '../widgets/heap-pacing/model.ts'
import {
  compareTrace,
  frameForGoto as compareStep,
  initialState as compareInitial,
} from '../widgets/per-p-caches/model.ts'
import { frameForGoto as greenTeaStep, greenTeaTrace } from '../widgets/green-tea/model.ts'
import { parseAddress, parseOps } from '../widgets/arena-map/model.ts'
import { picks as spanPicks, parseAddress as parseSpanAddress } from '../widgets/span-lookup/model.ts'
import { parseSize } from '../widgets/malloc-path/model.ts'
import {
  initialState as bitmapInitial,
  stateForGoto as bitmapState,
  stateParams as bitmapParams,
} from '../widgets/heap-bitmap/model.ts'
import {
  frameForGoto as spanBitsStep,
  initialState as spanBitsInitial,
  spanBitsTrace,
} from '../widgets/span-bits/model.ts'

type Params = Record<string, string | number>
const step = (i: number | null): Params | null => (i === null ? null : { step: i })

/** Per widget: the URL-hash parameters a goto value stands for, or null when the figure has no such step. */
export const gotoTargets: Readonly<Record<string, (value: string) => Params | null>> = {
  'size-class-explorer': (v) => (parseSizeInput(v).ok ? { size: v.trim() } : null),
  'size-class-generator': (v) => step(generatorStep(v, generatorTrace())),
  'gc-cycle': (v) => step(gcCycleStep(v, gcCycleTrace(defaultGoVersion))),
  'mcentral-sets': (v) => step(mcentralStep(v, mcentralSetsTrace(defaultGoVersion))),
  'page-alloc': (v) => step(pageAllocStep(v, pageAllocTrace(defaultGoVersion))),
  'heap-pacing': (v) => step(pacingStep(v, pacingTrace(pacingInitial, defaultGoVersion))),
  'per-p-caches': (v) => step(compareStep(v, compareTrace(compareInitial, defaultGoVersion).length)),
  'green-tea': (v) => step(greenTeaStep(v, greenTeaTrace(defaultGoVersion))),
  // Form figures: the value is an address (or `ops=…`, a pick, a size), the state it stands for.
  'arena-map': (v): Params | null => {
    if (v.startsWith('ops=')) {
      const ops = parseOps(v.slice(4))
      return ops.ok ? { ops: v.slice(4) } : null
    }
    return parseAddress(v).ok ? { addr: v.trim() } : null
  },
  'span-lookup': (v): Params | null =>
    spanPicks(defaultGoVersion).some((p) => p.name === v)
      ? { pick: v }
      : parseSpanAddress(v).ok
        ? { addr: v.trim() }
        : null,
  'malloc-path': (v): Params | null => {
    const q = new URLSearchParams(v.includes('=') ? v : `size=${v}`)
    const size = q.get('size') ?? ''
    if (!parseSize(size).ok) return null
    return q.has('noscan') ? { size, noscan: q.get('noscan') === '1' ? 1 : 0 } : { size }
  },
  // a preset and/or a scheme (`string@legacy`): the state it stands for
  'heap-bitmap': (v): Params | null => {
    const st = bitmapState(v, bitmapInitial)
    return st === null ? null : bitmapParams(st)
  },
  'span-bits': (v) => step(spanBitsStep(v, spanBitsTrace(spanBitsInitial, defaultGoVersion))),
}

/** The href (`#id:params`) of a prose link to `to` (`id:value`). Throws a RangeError naming what is wrong. */
export function gotoHref(to: string, widget?: string): string {
  const g = parseGoto(to)
  if (!g) throw new RangeError(`<Goto to="${to}">: expected "<figure id>:<value>", e.g. "gc-cycle:mark"`)
  const name = widget ?? g.id
  const target = gotoTargets[name]
  if (!target)
    throw new RangeError(
      `<Goto to="${to}">: no figure "${name}" (known: ${Object.keys(gotoTargets).join(', ')}); pass widget="…" for a figure with its own id`,
    )
  const params = target(g.value)
  if (!params) throw new RangeError(`<Goto to="${to}">: the ${name} figure has no step "${g.value}"`)
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))
  return `#${g.id}:${query.toString()}`
}
