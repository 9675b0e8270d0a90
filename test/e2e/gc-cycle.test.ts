// The GC-cycle figure in a real browser: the shared trace-figure checks (static state, keyboard,
// prose link and hash, reduced motion, themes, phone; trace-figure-suite.ts), then what it shows:
// stepping through mark, sweep and reuse in address order.
import { expect, inject, it } from 'vitest'
import { describeTraceFigure } from './trace-figure-suite.ts'

const url = `${inject('siteUrl')}mallocgc/`
const sel = '[data-widget="gc-cycle"]'

describeTraceFigure(
  {
    widget: 'gc-cycle',
    url,
    lastStep: 9,
    goto: { value: 'sweep', step: 5 },
    contrast: [
      { of: '.gcc-slot.gcc-alloc .gcc-word' },
      { of: '.gcc-slot.gcc-free .gcc-word' },
      { of: '[data-field="sweepgen"]' },
      { of: '.nb-summary' },
    ],
    contrastStep: 5,
    animated: '.gcc-slot',
  },
  ({ page, browser, op, ready }) => {
    const fig = () => page().locator(sel)
    const states = () =>
      fig()
        .locator('.gcc-slot')
        .evaluateAll((els) => els.map((el) => el.getAttribute('data-state')))
    const marked = () =>
      fig()
        .locator('.gcc-slot[data-marked]')
        .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-slot'))))

    it('prints one span of 15 slots, 10 in use, before any script runs', async () => {
      const ctx = await browser().newContext({ javaScriptEnabled: false })
      const p = await ctx.newPage()
      await p.goto(url)
      expect(await p.locator(`${sel} .gcc-slot`).count()).toBe(15)
      expect(await p.locator(`${sel} .gcc-slot[data-state="in use"]`).count()).toBe(10)
      await ctx.close()
    })

    it('mark, sweep, then reuse in address order', async () => {
      await page().goto(url)
      await ready()
      await fig().locator('[data-ctl="fwd"]').focus()
      await page().keyboard.press('Enter')
      expect(await fig().locator('.gcc-ptr').count()).toBe(6)
      for (let i = 0; i < 3; i++) await page().keyboard.press('ArrowRight')
      expect(await op()).toContain('Step 4 of 9')
      expect(await marked()).toEqual([0, 1, 2, 3, 4, 5, 7])
      expect(await fig().locator('[data-field="sweepgen"]').textContent()).toContain('needs sweeping')
      // The sweep frees 6, 8, 9 and resets freeindex.
      await page().keyboard.press('ArrowRight')
      const swept = await states()
      expect([6, 8, 9].map((i) => swept[i])).toEqual(['freed', 'freed', 'freed'])
      expect(swept.filter((s) => s === 'in use')).toHaveLength(7)
      expect(await fig().locator('[data-field="freeindex"]').textContent()).toBe('0')
      expect(await fig().locator('[data-field="allocCount"]').textContent()).toBe('7')
      expect(await marked()).toEqual([])
      // The next malloc takes slot 6; the last step slot 10.
      await page().keyboard.press('ArrowRight')
      expect((await states())[6]).toBe('new')
      await page().keyboard.press('End')
      expect((await states())[10]).toBe('new')
      await fig().locator('[data-ctl="back"]').focus()
      await page().keyboard.press('ArrowLeft')
      expect((await states())[9]).toBe('new')
      await page().keyboard.press('Home')
      // The visually hidden description follows the step.
      expect(await fig().locator('[data-part="state"]').textContent()).toContain('freeindex 10')
    })
  },
)
