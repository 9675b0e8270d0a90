// The page-alloc figure in a real browser: the static starting state (512 cells before any script
// runs), hydration, stepping with the keyboard to the step where a 40-page request skips the hole
// at searchAddr and on to the step that fills it, a prose link and the URL hash, light and dark
// themes, reduced motion, a phone screen.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { contrastRatios, phoneLayout, playBriefly, useBrowserPage } from './browser.ts'

const chapter = `${inject('siteUrl')}mheap/`
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const sel = '[data-widget="page-alloc"]'
const fig = () => page.locator(sel)
const op = () => fig().locator('[data-ctl="op"]').textContent()
const field = (name: string) => fig().locator(`[data-field="${name}"]`).textContent()
const ready = async () => {
  await fig().scrollIntoViewIfNeeded()
  await page.waitForSelector(`${sel}[data-ready]`, { timeout: 10_000 })
}

describe('page-alloc figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(chapter)
    const f = p.locator(sel)
    expect(await f.getAttribute('data-ready')).toBeNull()
    expect(await f.locator('[data-ctl="op"]').textContent()).toContain('Step 0 of 8')
    expect(await f.locator('[data-part="view"] .pa-grid .pa-c').count()).toBe(512)
    expect(await f.locator('[data-field="max"]').textContent()).toContain('511')
    expect(await f.locator('[data-ctl="fwd"]').isDisabled()).toBe(true)
    await ctx.close()
  })

  it('steps with the keyboard: the page cache, the hole that is skipped, then filled', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="fwd"]').focus()
    await page.keyboard.press('Enter')
    await page.keyboard.press('ArrowRight')
    expect(await op()).toContain('Step 2 of 8')
    expect(await op()).toContain('page cache')
    expect(await fig().locator('[data-part="view"] .pa-cache').count()).toBe(13)
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight')
    expect(await op()).toContain('Step 6 of 8')
    expect(await op()).toContain('too small')
    expect(await field('searchAddr')).toContain('page 84')
    await page.keyboard.press('ArrowRight')
    expect(await op()).toContain('right there')
    await page.keyboard.press('End')
    expect(await op()).toContain('Step 8 of 8')
    expect(await fig().locator('[data-part="table"] tbody tr').count()).toBe(2)
    await fig().locator('[data-ctl="back"]').focus()
    await page.keyboard.press('Home')
    expect(await op()).toContain('Step 0 of 8')
    expect(await fig().locator('[data-part="state"]').textContent()).toContain('searchAddr is page 0')
  })

  it('a prose link and the URL hash move the figure', async () => {
    await page.goto(chapter)
    await ready()
    await page.locator('a[data-goto="page-alloc:skip"]').click()
    expect(await op()).toContain('Step 6 of 8')
    await page.goto(`${chapter}#page-alloc:step=5`)
    await ready()
    expect(await op()).toContain('Step 5 of 8')
  })

  it('plays under reduced motion', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(chapter)
    await ready()
    await playBriefly(page, sel, /Step [1-8] of 8/)
  })

  it('reads in light and dark themes (Starlight theme switch)', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="scrub"]').fill('6')
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('starlight-theme-select select').first().selectOption(theme)
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme)
      // SVG: the free cells' outline against the page, the in-use fill against the free fill.
      const [summary, sum, legend, outline, inuse] = await contrastRatios(page, sel, [
        { of: '.nb-summary' },
        { of: '[data-field="max"]' },
        { of: '.pa-legend li' },
        { of: '.pa-grid .pa-free', prop: 'stroke', against: '.pa-grid' },
        { of: '.pa-grid .pa-inuse', prop: 'fill', against: '.pa-grid .pa-free', againstProp: 'fill' },
      ])
      const ratios = { summary, sum, legend, outline, inuse } as Record<string, number>
      expect(ratios.summary, `${theme}: summary`).toBeGreaterThanOrEqual(4.5)
      expect(ratios.sum, `${theme}: summary numbers`).toBeGreaterThanOrEqual(4.5)
      expect(ratios.legend, `${theme}: legend`).toBeGreaterThanOrEqual(4.5)
      expect(ratios.outline, `${theme}: cell outlines`).toBeGreaterThanOrEqual(3)
      expect(ratios.inuse, `${theme}: in use vs free`).toBeGreaterThanOrEqual(1.5)
    }
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    const phone = await phoneLayout(browser, chapter, sel, '6')
    expect(phone.overflow).toBeLessThanOrEqual(1)
    expect(phone.right).toBeLessThanOrEqual(361)
    expect(phone.errors).toEqual([])
  })
})
