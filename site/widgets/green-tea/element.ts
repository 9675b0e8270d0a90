/** <green-tea>: the same heap marked the classic way and the Green Tea way, stepped together. */
import { defineTraceFigure } from '../shared/trace-figure.ts'
import { pageLocale } from '../../lib/ui-locale.ts'
import { frameForGoto, greenTeaScenario, type GreenTeaScenario } from './model.ts'
import { describeFrame, renderTable, renderView } from './render.ts'

let scenario: GreenTeaScenario | null = null
const sc = (): GreenTeaScenario => scenario ?? greenTeaScenario()

defineTraceFigure('green-tea', {
  trace: (v) => {
    scenario = greenTeaScenario(v)
    return scenario.frames
  },
  parts: (f) => ({ view: renderView(sc(), f, pageLocale()), table: renderTable(f, pageLocale()) }),
  describe: (f, i, frames) => describeFrame(sc(), f, i, frames.length, pageLocale()),
  frameForGoto,
})
