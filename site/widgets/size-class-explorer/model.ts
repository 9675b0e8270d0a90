/**
 * size-class-explorer model (pure, no DOM).
 *
 * State: what the reader typed, whether the object has pointers, and the Go version (the page's,
 * chosen in the header: site/lib/go-version.ts).
 * View: the class a request lands in (via describeSize from @go-alloc/core, which follows
 * Go's msize.go / mallocgc rules), the rows of the whole table with the current one marked,
 * the worst-case-waste plot as plain coordinates, and a one-line summary. Bad input never
 * throws here: it becomes a `message` the figure shows.
 */
import {
  describeSize,
  maxSmallAllocSize,
  sizeClassTable,
  type GoVersion,
  type SizeClassRow,
  type SizeDescription,
} from '@go-alloc/core'
import { defaultGoVersion } from '../../lib/go-version.ts'
import { en, type UiStrings } from '../../lib/strings/en.ts'

/** The explorer's words in the page's language (site/lib/strings); English by default. */
export type ExplorerStrings = UiStrings['explorer']

export interface ExplorerState {
  input: string
  noscan: boolean
  goVersion: GoVersion
}

export const initialState: ExplorerState = { input: '33', noscan: true, goVersion: defaultGoVersion }

/** Largest size the slider and the table cover: the largest size class. */
export const maxSmallSize = 32768
const maxInputBytes = 2 ** 48

export type ParsedSize = { ok: true; size: number } | { ok: false; message: string }

/**
 * Read a size typed by the reader: a decimal integer of bytes, optionally with B / KiB / KB / MiB
 * (binary multiples, as Go's runtime counts) and `_` or `,` digit separators.
 */
export function parseSizeInput(text: string, s: ExplorerStrings = en.explorer): ParsedSize {
  const t = text.trim()
  if (t === '') return { ok: false, message: s.typeASize }
  const m = /^(-?[0-9][0-9_,]*(?:\.[0-9]+)?)\s*(b|bytes?|k|kb|kib|m|mb|mib)?$/i.exec(t)
  if (!m) return { ok: false, message: s.notASize(t) }
  const num = Number((m[1] ?? '').replace(/[_,]/g, ''))
  const unit = (m[2] ?? 'b').toLowerCase()
  const mult = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1
  const size = num * mult
  if (!Number.isFinite(size)) return { ok: false, message: s.notASizeShort(t) }
  if (size < 0) return { ok: false, message: s.negative }
  if (!Number.isInteger(size)) return { ok: false, message: s.notWhole(size) }
  if (size > maxInputBytes) return { ok: false, message: s.tooLarge }
  return { ok: true, size }
}

export interface PlotPoint {
  class: number
  size: number
  maxWastePct: number
  /** Coordinates in the plot's viewBox. */
  x: number
  y: number
}

export interface Plot {
  width: number
  height: number
  pad: { left: number; right: number; top: number; bottom: number }
  points: PlotPoint[]
  /** Horizontal gridlines (percent → y). */
  yTicks: { pct: number; y: number }[]
  /** Vertical gridlines at powers of two (bytes → x); x is logarithmic in size. */
  xTicks: { size: number; x: number; label: string }[]
  /** The 12.5% tail-waste bound the generator enforces. */
  boundY: number
}

export interface ExplorerView {
  state: ExplorerState
  /** Set when the input cannot be placed: the figure shows it instead of a result. */
  message: string | null
  size: number | null
  desc: SizeDescription | null
  /** Extra explanation for large objects and for the 32761..32768 band. */
  note: string | null
  /** Class number to highlight in the table and plot (null for none). */
  currentClass: number | null
  rows: SizeClassRow[]
  plot: Plot
  summary: string
  /** Slider position (clamped to 0..maxSmallSize). */
  slider: number
}

let rowsCache: SizeClassRow[] | null = null
let plotCache: Plot | null = null

export function tableRows(): SizeClassRow[] {
  rowsCache ??= sizeClassTable()
  return rowsCache
}

export function buildPlot(rows: readonly SizeClassRow[]): Plot {
  const width = 640
  const height = 240
  const pad = { left: 44, right: 30, top: 12, bottom: 36 }
  const maxPct = 90
  const lx = (s: number) => Math.log2(s)
  const x0 = lx(8)
  const x1 = lx(maxSmallSize)
  const sx = (s: number) => pad.left + ((lx(s) - x0) / (x1 - x0)) * (width - pad.left - pad.right)
  const sy = (p: number) => pad.top + (1 - p / maxPct) * (height - pad.top - pad.bottom)
  const round = (v: number) => Math.round(v * 10) / 10
  return {
    width,
    height,
    pad,
    points: rows.map((r) => ({
      class: r.class,
      size: r.size,
      maxWastePct: r.maxWastePct,
      x: round(sx(r.size)),
      y: round(sy(r.maxWastePct)),
    })),
    yTicks: [0, 12.5, 25, 50, 75].map((pct) => ({ pct, y: round(sy(pct)) })),
    xTicks: [8, 64, 512, 4096, 32768].map((size) => ({
      size,
      x: round(sx(size)),
      label: size >= 1024 ? `${size / 1024} KiB` : `${size} B`,
    })),
    boundY: round(sy(12.5)),
  }
}

const kindWords = (d: SizeDescription, s: ExplorerStrings): string => {
  switch (d.kind) {
    case 'zero':
      return s.kindZero
    case 'tiny':
      return s.kindTinyWords
    case 'small':
      return s.kindSmallWords(d.sizeclass, d.elemsize, d.npages, d.nelems)
    case 'large':
      return s.kindLargeWords(d.npages, d.spanBytes)
  }
}

export function explorerView(state: ExplorerState, s: ExplorerStrings = en.explorer): ExplorerView {
  const rows = tableRows()
  plotCache ??= buildPlot(rows)
  const parsed = parseSizeInput(state.input, s)
  const cutoff = maxSmallAllocSize(state.goVersion)
  if (!parsed.ok) {
    return {
      state,
      message: parsed.message,
      size: null,
      desc: null,
      note: null,
      currentClass: null,
      rows,
      plot: plotCache,
      summary: s.noSize(parsed.message),
      slider: 0,
    }
  }
  const desc = describeSize(parsed.size, { noscan: state.noscan, goVersion: state.goVersion })
  let note: string | null = null
  if (desc.kind === 'large') {
    note =
      parsed.size <= maxSmallSize
        ? s.noteLargeBand(cutoff, state.goVersion, desc.npages, desc.spanBytes)
        : s.noteLarge(cutoff, parsed.size, desc.npages, desc.spanBytes)
  } else if (desc.header) {
    note = s.noteHeader(state.goVersion, parsed.size + 8, desc.sizeclass)
  } else if (desc.heapBitsBytes > 0 || desc.inlineMarkBytes > 0) {
    const kept = [
      desc.heapBitsBytes > 0 ? s.notePointerBits(desc.heapBitsBytes) : '',
      desc.inlineMarkBytes > 0 ? s.noteInlineMarks(desc.inlineMarkBytes) : '',
    ].filter(Boolean)
    note = s.noteKept(state.goVersion, kept, desc.nelems, Math.floor(desc.spanBytes / desc.elemsize))
  }
  const waste = desc.kind === 'zero' ? '' : s.wasteTail(desc.wasteBytes, desc.elemsize)
  return {
    state,
    message: null,
    size: parsed.size,
    desc,
    note,
    currentClass: desc.kind === 'small' || desc.kind === 'tiny' ? desc.sizeclass : null,
    rows,
    plot: plotCache,
    summary: s.summary(parsed.size, state.noscan, state.goVersion, kindWords(desc, s), waste),
    slider: Math.min(parsed.size, maxSmallSize),
  }
}

/**
 * State as URL params (see site/widgets/shared/url-state.ts) and back; unknown or bad values fall
 * back. The Go version is the page's (`?go=` in the URL's query), not part of the figure's hash.
 */
export function stateToParams(s: ExplorerState): Record<string, string> {
  return { size: s.input.trim(), noscan: s.noscan ? '1' : '0' }
}

export function stateFromParams(p: URLSearchParams, base: ExplorerState = initialState): ExplorerState {
  const noscan = p.get('noscan')
  const size = p.get('size')
  return {
    input: size !== null ? size.slice(0, 40) : base.input,
    noscan: noscan === '0' ? false : noscan === '1' ? true : base.noscan,
    goVersion: base.goVersion,
  }
}
