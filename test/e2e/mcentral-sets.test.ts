// The mcentral-sets figure in a real browser: the shared trace-figure checks (static state, keyboard,
// prose link and hash, themes, phone; trace-figure-suite.ts), then what it shows:
// stepping to the GC step (the same arrays change roles, no span moves) and on through the refills.
import { expect, inject, it } from 'vitest'
import { withoutScript } from './browser.ts'
import { describeTraceFigure } from './trace-figure-suite.ts'

describeTraceFigure(
  {
    widget: 'mcentral-sets',
    url: `${inject('siteUrl')}mcentral/`,
    lastStep: 7,
    goto: { value: 'gc', step: 4 },
    contrast: ['.mcs-unswept .mcs-role', '.mcs-array:not(.mcs-unswept) .mcs-role', '.mcs-span .mcs-gen'],
    contrastStep: 4,
  },
  ({ page, browser, url, root, fig, op, ready }) => {
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
      await withoutScript(browser(), url, root, async (f) => {
        expect(await f.locator('[data-array]').count()).toBe(4)
        expect(await f.locator('[data-place="cache"] [data-span="A"]').count()).toBe(1)
      })
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
