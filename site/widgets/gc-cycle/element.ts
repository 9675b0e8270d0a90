/** <gc-cycle>: one span through a GC cycle, stepped with the shared frame cursor and control bar. */
import { defineTraceFigure } from '../shared/trace-figure.ts'
import { describeFrame, frameForGoto, gcCycleTrace } from './model.ts'
import { renderTable, renderView } from './render.ts'

defineTraceFigure('gc-cycle', {
  trace: gcCycleTrace,
  parts: (f) => ({ view: renderView(f), table: renderTable(f) }),
  describe: (f, i, frames) => describeFrame(f, i, frames.length),
  frameForGoto,
})
