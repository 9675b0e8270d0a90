/**
 * The browser checks every trace figure shares (one suite, called by each figure's e2e file): the
 * starting state in the static HTML, stepping with the keyboard through the shared control bar, a
 * prose link and the URL hash, both themes and a phone-sized screen (reduced motion: every figure
 * in reduced-motion.test.ts). A figure's own file adds what only it shows.
 */
import { describe, expect, it } from 'vitest'
import {
  expectContrastInThemes,
  expectFitsPhone,
  useFigure,
  withoutScript,
  type FigureHarness,
} from './browser.ts'

export interface TraceFigureSuite {
  /** The figure's `data-widget` name (and its default id). */
  widget: string
  /** The page it is on. */
  url: string
  /** Number of the last step (frames − 1) at the build-time (default) version. */
  lastStep: number
  /** The step the static HTML opens at (default 0). */
  startStep?: number
  /** A `data-goto` value of a prose link on the page and the step it moves the figure to. */
  goto?: { value: string; step: number }
  /** Selectors of elements whose text must keep 4.5:1 contrast in both themes at step
   *  `contrastStep`, besides the summary every trace figure has (`.nb-summary`). */
  contrast: string[]
  contrastStep: number
}

export interface TraceFigureContext extends FigureHarness {
  /** The page it is on (the suite's `url`). */
  url: string
  /** The step caption's text. */
  op: () => Promise<string>
}

/** Registers the shared tests; `extra` adds the figure's own inside the same describe. */
export function describeTraceFigure(s: TraceFigureSuite, extra?: (ctx: TraceFigureContext) => void): void {
  const h = useFigure(s.widget)
  const { root, page, fig, ready } = h
  const op = async () => (await fig().locator('[data-ctl="op"]').textContent()) ?? ''
  const stepOf = (i: number) => new RegExp(`Step ${i} of ${s.lastStep}\\b`)

  describe(`${s.widget} figure`, () => {
    it('shows the starting state in the static HTML, before any script runs', async () => {
      await withoutScript(h.browser(), s.url, root, async (f) => {
        expect(await f.getAttribute('data-ready')).toBeNull()
        expect(await f.locator('[data-ctl="op"]').textContent()).toMatch(stepOf(s.startStep ?? 0))
        expect(await f.locator('[data-ctl="fwd"]').isDisabled()).toBe(true)
        expect(await f.locator('[data-ctl="scrub"]').getAttribute('max')).toBe(String(s.lastStep))
      })
    })

    it('steps with the keyboard through the control bar', async () => {
      await page().goto(s.url)
      await ready()
      expect(await op()).toMatch(stepOf(s.startStep ?? 0))
      if (s.startStep) await fig().locator('[data-ctl="reset"]').click()
      await fig().locator('[data-ctl="fwd"]').focus()
      await page().keyboard.press('Enter')
      expect(await op()).toMatch(stepOf(1))
      await page().keyboard.press('ArrowRight')
      expect(await op()).toMatch(stepOf(2))
      await page().keyboard.press('End')
      expect(await op()).toMatch(stepOf(s.lastStep))
      await fig().locator('[data-ctl="back"]').focus()
      await page().keyboard.press('ArrowLeft')
      expect(await op()).toMatch(stepOf(s.lastStep - 1))
      await page().keyboard.press('Home')
      expect(await op()).toMatch(stepOf(0))
    })

    if (s.goto) {
      const g = s.goto
      it('a prose link and the URL hash move the figure', async () => {
        await page().goto(s.url)
        await ready()
        await page().locator(`a[data-goto="${s.widget}:${g.value}"]`).first().click()
        expect(await op()).toMatch(stepOf(g.step))
        await page().goto(`${s.url}#${s.widget}:step=${g.step}`)
        await ready()
        expect(await op()).toMatch(stepOf(g.step))
      })
    }

    it('reads in light and dark themes (Starlight theme switch)', async () => {
      await page().goto(s.url)
      await ready()
      await fig().locator('[data-ctl="scrub"]').fill(String(s.contrastStep))
      await expectContrastInThemes(
        page(),
        root,
        ['.nb-summary', ...s.contrast].map((of) => ({ of })),
      )
    })

    it('fits a phone screen without page-level horizontal scrolling', async () => {
      await expectFitsPhone(h.browser(), s.url, root, String(s.contrastStep))
    })

    extra?.({ ...h, url: s.url, op })
  })
}
