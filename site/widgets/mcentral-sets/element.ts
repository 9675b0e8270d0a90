/** <mcentral-sets>: one mcentral's four span sets, stepped with the shared frame cursor and control bar. */
import { defineTraceFigure } from '../shared/trace-figure.ts'
import { describeFrame, frameForGoto, mcentralSetsTrace } from './model.ts'
import { renderTable, renderView } from './render.ts'

defineTraceFigure('mcentral-sets', {
  trace: mcentralSetsTrace,
  parts: (f) => ({ view: renderView(f), table: renderTable(f) }),
  describe: (f, i, frames) => describeFrame(f, i, frames.length),
  frameForGoto,
})
