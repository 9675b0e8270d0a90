// The GC-cycle figure in a real browser: the shared trace-figure checks (static state, keyboard,
// prose link and hash, themes, phone; trace-figure-suite.ts), then what it shows:
// stepping through mark, sweep and reuse in address order.
import { expect, inject, it } from 'vitest'
import { attrOfAll, withoutScript } from './browser.ts'
import { describeTraceFigure } from './trace-figure-suite.ts'

describeTraceFigure(
  {
    widget: 'gc-cycle',
    url: `${inject('siteUrl')}mallocgc/`,
    lastStep: 9,
    goto: { value: 'sweep', step: 5 },
    contrast: ['.gcc-slot.gcc-alloc .gcc-word', '.gcc-slot.gcc-free .gcc-word', '[data-field="sweepgen"]'],
    contrastStep: 5,
  },
  ({ page, browser, url, root, fig, op, ready }) => {
    const states = () => attrOfAll(fig().locator('.gcc-slot'), 'data-state')
    const marked = async () =>
      (await attrOfAll(fig().locator('.gcc-slot[data-marked]'), 'data-slot')).map(Number)

    it('prints one span of 15 slots, 10 in use, before any script runs', async () => {
      await withoutScript(browser(), url, root, async (f) => {
        expect(await f.locator('.gcc-slot').count()).toBe(15)
        expect(await f.locator('.gcc-slot[data-state="in use"]').count()).toBe(10)
      })
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
