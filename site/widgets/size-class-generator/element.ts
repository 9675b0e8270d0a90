/** <size-class-generator>: a trace figure wired through the shared frame cursor and control bar. */
import { defineTraceFigure } from '../shared/trace-figure.ts'
import { describeFrame, frameForGoto, generatorTrace } from './model.ts'
import { renderClasses, renderFrameTable, renderSpanBar } from './render.ts'

defineTraceFigure('size-class-generator', {
  trace: generatorTrace,
  parts: (f) => ({ bar: renderSpanBar(f), classes: renderClasses(f), table: renderFrameTable(f) }),
  describe: (f, i, frames) => describeFrame(f, i, frames.length),
  frameForGoto,
})
