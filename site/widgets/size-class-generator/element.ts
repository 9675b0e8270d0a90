/** <size-class-generator>: a trace figure wired through the shared frame cursor and control bar. */
import { defineTraceFigure } from '../shared/trace-figure.ts'
import { pageLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import { describeFrame, frameForGoto, generatorTrace } from './model.ts'
import { renderClasses, renderFrameTable, renderSpanBar } from './render.ts'

const t = () => uiStrings(pageLocale()).sizeClassGenerator

defineTraceFigure('size-class-generator', {
  trace: generatorTrace,
  parts: (f) => ({
    bar: renderSpanBar(f, t()),
    classes: renderClasses(f, t()),
    table: renderFrameTable(f, t()),
  }),
  describe: (f, i, frames) => describeFrame(f, i, frames.length, t()),
  frameForGoto,
})
