/** <page-alloc>: Go's page allocator on one 4 MiB chunk, stepped with the shared frame cursor and control bar. */
import { defineTraceFigure } from '../shared/trace-figure.ts'
import { pageLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import { describeFrame, frameForGoto, pageAllocTrace } from './model.ts'
import { renderTable, renderView } from './render.ts'

const prevOf = <F>(frames: readonly F[], i: number): F | null => (i > 0 ? (frames[i - 1] ?? null) : null)

const t = () => uiStrings(pageLocale()).pageAlloc

defineTraceFigure('page-alloc', {
  trace: pageAllocTrace,
  parts: (f, i, frames) => ({ view: renderView(f, prevOf(frames, i), t()), table: renderTable(f, t()) }),
  describe: (f, i, frames) => describeFrame(f, i, frames.length, prevOf(frames, i), t()),
  frameForGoto,
})
