/** <mcentral-sets>: one mcentral's four span sets, stepped with the shared frame cursor and control bar. */
import { defineTraceFigure } from '../shared/trace-figure.ts'
import { pageLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import { describeFrame, frameForGoto, mcentralSetsTrace } from './model.ts'
import { renderTable, renderView } from './render.ts'

const t = () => uiStrings(pageLocale()).mcentralSets

defineTraceFigure('mcentral-sets', {
  trace: mcentralSetsTrace,
  parts: (f) => ({ view: renderView(f, t()), table: renderTable(f, t()) }),
  describe: (f, i, frames) => describeFrame(f, i, frames.length, t()),
  frameForGoto,
})
