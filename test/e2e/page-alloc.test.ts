// The page-alloc figure in a real browser: the shared trace-figure checks (static state, keyboard,
// prose link and hash, reduced motion, themes, phone; trace-figure-suite.ts), then what it shows:
// 512 cells before any script runs, the page cache, the step where a 40-page request skips the hole
// at searchAddr and the step that fills it, and the SVG's own contrast in both themes.
import { expect, inject, it } from 'vitest'
import { contrastRatios } from './browser.ts'
import { describeTraceFigure } from './trace-figure-suite.ts'

const url = `${inject('siteUrl')}mheap/`
const sel = '[data-widget="page-alloc"]'

describeTraceFigure(
  {
    widget: 'page-alloc',
    url,
    lastStep: 8,
    goto: { value: 'skip', step: 6 },
    contrast: [{ of: '.nb-summary' }, { of: '[data-field="max"]' }, { of: '.pa-legend li' }],
    contrastStep: 6,
  },
  ({ page, browser, op, ready }) => {
    const fig = () => page().locator(sel)
    const field = (name: string) => fig().locator(`[data-field="${name}"]`).textContent()

    it('prints the chunk’s 512 pages and its summary before any script runs', async () => {
      const ctx = await browser().newContext({ javaScriptEnabled: false })
      const p = await ctx.newPage()
      await p.goto(url)
      expect(await p.locator(`${sel} [data-part="view"] .pa-grid .pa-c`).count()).toBe(512)
      expect(await p.locator(`${sel} [data-field="max"]`).textContent()).toContain('511')
      await ctx.close()
    })

    it('the page cache, the hole that is skipped, then filled', async () => {
      await page().goto(url)
      await ready()
      await fig().locator('[data-ctl="fwd"]').focus()
      await page().keyboard.press('Enter')
      await page().keyboard.press('ArrowRight')
      expect(await op()).toContain('Step 2 of 8')
      expect(await op()).toContain('page cache')
      expect(await fig().locator('[data-part="view"] .pa-cache').count()).toBe(13)
      for (let i = 0; i < 4; i++) await page().keyboard.press('ArrowRight')
      expect(await op()).toContain('Step 6 of 8')
      expect(await op()).toContain('too small')
      expect(await field('searchAddr')).toContain('page 84')
      await page().keyboard.press('ArrowRight')
      expect(await op()).toContain('right there')
      await page().keyboard.press('End')
      expect(await fig().locator('[data-part="table"] tbody tr').count()).toBe(2)
      await fig().locator('[data-ctl="back"]').focus()
      await page().keyboard.press('Home')
      expect(await fig().locator('[data-part="state"]').textContent()).toContain('searchAddr is page 0')
    })

    it('draws cell outlines and in-use fills that stand out in both themes', async () => {
      await page().goto(url)
      await ready()
      await fig().locator('[data-ctl="scrub"]').fill('6')
      for (const theme of ['light', 'dark'] as const) {
        await page().locator('starlight-theme-select select').first().selectOption(theme)
        const [outline, inuse] = await contrastRatios(page(), sel, [
          { of: '.pa-grid .pa-free', prop: 'stroke', against: '.pa-grid' },
          { of: '.pa-grid .pa-inuse', prop: 'fill', against: '.pa-grid .pa-free', againstProp: 'fill' },
        ])
        expect(outline, `${theme}: cell outlines`).toBeGreaterThanOrEqual(3)
        expect(inuse, `${theme}: in use vs free`).toBeGreaterThanOrEqual(1.5)
      }
    })
  },
)
