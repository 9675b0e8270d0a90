// The heap-pacing figure in a real browser: the shared trace-figure checks (static state at the last
// step, keyboard, reduced motion, themes, phone; trace-figure-suite.ts), then what it shows: the
// whole run with a text alternative, and changing GOGC re-runs the program.
import { expect, inject, it } from 'vitest'
import { describeTraceFigure } from './trace-figure-suite.ts'

const url = `${inject('siteUrl')}mheap/`
const sel = '[data-widget="heap-pacing"]'

describeTraceFigure(
  {
    widget: 'heap-pacing',
    url,
    lastStep: 60,
    startStep: 60, // the static figure shows the whole run
    contrast: [{ of: '.nb-summary' }, { of: '.hp-legend' }],
    contrastStep: 30,
  },
  ({ page, browser, op, ready }) => {
    const fig = () => page().locator(sel)

    it('shows the whole run in the static HTML, with a text alternative', async () => {
      const ctx = await browser().newContext({ javaScriptEnabled: false })
      const p = await ctx.newPage()
      await p.goto(url)
      const f = p.locator(sel)
      expect(await f.locator('[data-part="summary"]').textContent()).toMatch(/GOGC=100: .* collections/)
      expect(await f.locator('svg[role="img"]').getAttribute('aria-label')).toMatch(/collections/)
      expect(await f.locator('polyline').count()).toBeGreaterThanOrEqual(4)
      await ctx.close()
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
