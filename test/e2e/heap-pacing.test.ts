// The heap-pacing figure in a real browser: the shared trace-figure checks (static state at the last
// step, keyboard, themes, phone; trace-figure-suite.ts), then what it shows: the
// whole run with a text alternative, and changing GOGC re-runs the program.
import { expect, inject, it } from 'vitest'
import { withoutScript } from './browser.ts'
import { describeTraceFigure } from './trace-figure-suite.ts'

describeTraceFigure(
  {
    widget: 'heap-pacing',
    url: `${inject('siteUrl')}mheap/`,
    lastStep: 60,
    startStep: 60, // the static figure shows the whole run
    contrast: ['.hp-legend'],
    contrastStep: 30,
  },
  ({ page, browser, url, root, fig, op, ready }) => {
    it('shows the whole run in the static HTML, with a text alternative', async () => {
      await withoutScript(browser(), url, root, async (f) => {
        expect(await f.locator('[data-part="summary"]').textContent()).toMatch(/GOGC=100: .* collections/)
        expect(await f.locator('svg[role="img"]').getAttribute('aria-label')).toMatch(/collections/)
        expect(await f.locator('polyline').count()).toBeGreaterThanOrEqual(4)
      })
    })

    it('re-runs the program when GOGC changes', async () => {
      await page().goto(url)
      await ready()
      await fig().locator('[data-ctl="reset"]').click()
      expect(await op()).toContain('Step 0')
      const before = await fig().locator('[data-part="summary"]').textContent()
      await fig().locator('select[name="gogc"]').selectOption('off')
      await expect.poll(() => fig().locator('[data-part="summary"]').textContent()).toContain('GOGC=off')
      expect(await fig().locator('[data-part="summary"]').textContent()).not.toBe(before)
      expect(await fig().locator('[data-part="summary"]').textContent()).toContain('0 collections')
    })
  },
)
