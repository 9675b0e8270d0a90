// The page-alloc figure in a real browser: the shared trace-figure checks (static state, keyboard,
// prose link and hash, themes, phone; trace-figure-suite.ts), then what it shows:
// 512 cells before any script runs, the page cache, the step where a 40-page request skips the hole
// at searchAddr and the step that fills it, and the SVG's own contrast in both themes.
import { expect, inject, it } from 'vitest'
import { expectContrastInThemes, withoutScript } from './browser.ts'
import { describeTraceFigure } from './trace-figure-suite.ts'

describeTraceFigure(
  {
    widget: 'page-alloc',
    url: `${inject('siteUrl')}mheap/`,
    lastStep: 8,
    goto: { value: 'skip', step: 6 },
    contrast: ['[data-field="max"]', '.pa-legend li'],
    contrastStep: 6,
  },
  ({ page, browser, url, root, fig, op, ready }) => {
    const field = (name: string) => fig().locator(`[data-field="${name}"]`).textContent()

    it('prints the chunk’s 512 pages and its summary before any script runs', async () => {
      await withoutScript(browser(), url, root, async (f) => {
        expect(await f.locator('[data-part="view"] .pa-grid .pa-c').count()).toBe(512)
        expect(await f.locator('[data-field="max"]').textContent()).toContain('511')
      })
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
      await expectContrastInThemes(page(), root, [
        { of: '.pa-grid .pa-free', prop: 'stroke', against: '.pa-grid', min: 3, what: 'cell outlines' },
        {
          of: '.pa-grid .pa-inuse',
          prop: 'fill',
          against: '.pa-grid .pa-free',
          againstProp: 'fill',
          min: 1.5,
          what: 'in use vs free',
        },
      ])
    })
  },
)
