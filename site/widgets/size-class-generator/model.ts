/**
 * size-class-generator model (pure, no DOM): the steps of Go's size-class generator
 * (src/runtime/mksizeclasses.go) recorded as a trace, one frame per decision, so the figure can
 * step back and forth through how the 67 classes come about.
 *
 * Rules (packages/core/docs/go-reference.md §2.2), re-stated in packages/core/scripts/mksizeclasses.ts:
 *   walk candidates 8, 16, … 32768 with a step that grows after each power of two; give each the
 *   fewest pages whose tail is ≤ 1/8 of the span; a candidate with the same pages and object count
 *   as the previous class widens it; finally grow every class to the largest multiple of 128 that
 *   keeps its object count.
 * The final frame is tested against the table in @go-alloc/core (which is tested against Go).
 */
import { _PageSize, largeSizeDiv } from '@go-alloc/core'
import { en, type UiStrings } from '../../lib/strings/en.ts'

export type Action = 'start' | 'new' | 'widen' | 'grow' | 'done'

export interface GenFrame {
  action: Action
  /** Candidate (walk) or class being grown (grow pass); 0 for start/done. */
  size: number
  /** Step between candidates in force for this candidate. */
  step: number
  npages: number
  spanBytes: number
  objects: number
  tail: number
  /** The tail may be at most spanBytes / 8. */
  tailLimit: number
  /** Pages tried before this span length was accepted (each had too large a tail). */
  rejectedPages: { npages: number; tail: number; limit: number }[]
  /** Class list after this frame (sizes; index 0 = class 1). */
  classes: number[]
  pages: number[]
  /** Index into classes of the class this frame created or changed (−1 for none). */
  changed: number
  /** Previous size of the changed class (widen/grow). */
  from: number
}

const maxSmallSize = 32768
const isPow2 = (x: number) => x > 0 && (x & (x - 1)) === 0

let cache: GenFrame[] | null = null

export function generatorTrace(): GenFrame[] {
  if (cache) return cache
  const frames: GenFrame[] = []
  const sizes: number[] = []
  const pages: number[] = []
  const snap = () => ({ classes: sizes.slice(), pages: pages.slice() })
  const base = {
    size: 0,
    step: 8,
    npages: 0,
    spanBytes: 0,
    objects: 0,
    tail: 0,
    tailLimit: 0,
    rejectedPages: [],
  }
  frames.push({ action: 'start', ...base, ...snap(), changed: -1, from: 0 })
  let step = 8
  for (let size = step; size <= maxSmallSize; size += step) {
    if (isPow2(size)) {
      if (size >= 2048) step = 256
      else if (size >= 128) step = size / 8
      else if (size >= 32) step = 16
    }
    const rejected: GenFrame['rejectedPages'] = []
    let spanBytes = _PageSize
    while (spanBytes % size > Math.floor(spanBytes / 8)) {
      rejected.push({
        npages: spanBytes / _PageSize,
        tail: spanBytes % size,
        limit: Math.floor(spanBytes / 8),
      })
      spanBytes += _PageSize
    }
    const npages = spanBytes / _PageSize
    const objects = Math.floor(spanBytes / size)
    const last = sizes.length - 1
    const common = {
      size,
      step,
      npages,
      spanBytes,
      objects,
      tail: spanBytes - objects * size,
      tailLimit: Math.floor(spanBytes / 8),
      rejectedPages: rejected,
    }
    if (last >= 0 && pages[last] === npages && Math.floor(spanBytes / (sizes[last] as number)) === objects) {
      const from = sizes[last] as number
      sizes[last] = size
      frames.push({ action: 'widen', ...common, ...snap(), changed: last, from })
    } else {
      sizes.push(size)
      pages.push(npages)
      frames.push({ action: 'new', ...common, ...snap(), changed: sizes.length - 1, from: 0 })
    }
  }
  for (let i = 0; i < sizes.length; i++) {
    const spanBytes = (pages[i] as number) * _PageSize
    const size = sizes[i] as number
    const objects = Math.floor(spanBytes / size)
    const grown = Math.floor(spanBytes / objects) & ~(largeSizeDiv - 1)
    if (grown > size) {
      sizes[i] = grown
      frames.push({
        action: 'grow',
        size: grown,
        step,
        npages: pages[i] as number,
        spanBytes,
        objects,
        tail: spanBytes - objects * grown,
        tailLimit: Math.floor(spanBytes / 8),
        rejectedPages: [],
        ...snap(),
        changed: i,
        from: size,
      })
    }
  }
  frames.push({ action: 'done', ...base, step, ...snap(), changed: -1, from: 0 })
  cache = frames
  return frames
}

/** The size-class-generator figure's words (site/lib/strings); English by default. */
export type SizeClassGeneratorStrings = UiStrings['sizeClassGenerator']

/** The figure's words for a frame (also the control bar's "current operation"). */
export function describeFrame(
  f: GenFrame,
  index: number,
  total: number,
  t: SizeClassGeneratorStrings = en.sizeClassGenerator,
): string {
  const at = t.at(index, total - 1)
  switch (f.action) {
    case 'start':
      return at + t.start
    case 'new':
      return at + t.new(f.size, f.step, f.objects, f.npages, f.tail, f.tailLimit, f.changed + 1)
    case 'widen':
      return at + t.widen(f.size, f.npages, f.objects, f.from, f.changed + 1)
    case 'grow':
      return at + t.grow(f.changed + 1, f.from, f.objects, f.npages, f.size)
    case 'done':
      return at + t.done(f.classes.length)
  }
}

/**
 * A prose link value: a step number; `size-N` = the walk frame that considers candidate N;
 * `grow-N` = the grow-pass frame that widens a class to N bytes.
 */
export function frameForGoto(value: string, frames: readonly GenFrame[] = generatorTrace()): number | null {
  const v = value.trim()
  if (/^\d+$/.test(v)) return Math.min(Number(v), frames.length - 1)
  const m = /^(size|grow)-(\d+)$/.exec(v)
  if (!m) return null
  const n = Number(m[2])
  const want = m[1] === 'grow' ? ['grow'] : ['new', 'widen']
  const i = frames.findIndex((f) => f.size === n && want.includes(f.action))
  return i < 0 ? null : i
}
