// The mcentral-sets figure in a real browser: the shared trace-figure checks (static state, keyboard,
// prose link and hash, reduced motion, themes, phone; trace-figure-suite.ts), then what it shows:
// stepping to the GC step (the same arrays change roles, no span moves) and on through the refills.
import { expect, inject, it } from 'vitest'
import { describeTraceFigure } from './trace-figure-suite.ts'

const url = `${inject('siteUrl')}mcentral/`
const sel = '[data-widget="mcentral-sets"]'

describeTraceFigure(
  {
    widget: 'mcentral-sets',
    url,
    lastStep: 7,
    goto: { value: 'gc', step: 4 },
    contrast: [
      { of: '.mcs-unswept .mcs-role' },
      { of: '.mcs-array:not(.mcs-unswept) .mcs-role' },
      { of: '.mcs-span .mcs-gen' },
      { of: '.nb-summary' },
    ],
    contrastStep: 4,
  },
  ({ page, browser, op, ready }) => {
    const fig = () => page().locator(sel)
    /** array name → [role, span labels] */
    const arrays = () =>
      fig()
        .locator('[data-array]')
        .evaluateAll((els) =>
          Object.fromEntries(
            els.map((el) => [
              el.getAttribute('data-array'),
              [
                el.getAttribute('data-role'),
                [...el.querySelectorAll('[data-span]')].map((s) => s.getAttribute('data-span')).join(''),
              ],
            ]),
          ),
        )

    it('prints the four arrays and P0’s cached span A before any script runs', async () => {
      const ctx = await browser().newContext({ javaScriptEnabled: false })
      const p = await ctx.newPage()
      await p.goto(url)
      expect(await p.locator(`${sel} [data-array]`).count()).toBe(4)
      expect(await p.locator(`${sel} [data-place="cache"] [data-span="A"]`).count()).toBe(1)
      await ctx.close()
    })

    it('fill, flush, GC swaps the roles of the same arrays, refills sweep', async () => {
      await page().goto(url)
      await ready()
      await fig().locator('[data-ctl="fwd"]').focus()
      await page().keyboard.press('Enter')
      expect((await arrays())['full[0]']).toEqual(['fullSwept', 'ABCDE'])
      for (let i = 0; i < 2; i++) await page().keyboard.press('ArrowRight')
      expect(await op()).toContain('Step 3 of 7')
      expect((await arrays())['partial[0]']).toEqual(['partialSwept', 'F'])
      await page().keyboard.press('ArrowRight')
      expect(await op()).toContain('Step 4 of 7')
      const after = await arrays()
      expect(after['partial[0]']).toEqual(['partialUnswept', 'F'])
      expect(after['full[0]']).toEqual(['fullUnswept', 'ABCDE'])
      expect(after['partial[1]']).toEqual(['partialSwept', ''])
      expect(await fig().locator('.mcs-swap').count()).toBe(4)
      expect(await fig().locator('[data-field="heap sweepgen h"]').textContent()).toBe('2')
      await page().keyboard.press('ArrowRight')
      expect(await op()).toContain('from partial unswept')
      expect(await fig().locator('[data-place="cache"] [data-span="F"]').count()).toBe(1)
      await page().keyboard.press('End')
      expect(await fig().locator('[data-place="heap"] [data-span="D"]').count()).toBe(1)
      const last = await arrays()
      expect(last['partial[0]']![1]).toBe('')
      expect(last['full[0]']![1]).toBe('')
      await fig().locator('[data-ctl="back"]').focus()
      await page().keyboard.press('Home')
      expect(await fig().locator('[data-part="state"]').textContent()).toContain('P0’s cache holds A')
    })
  },
)
