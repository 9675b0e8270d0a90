// The heap-pacing figure in a real browser: static starting state, hydration, keyboard stepping,
// changing GOGC re-runs the program, a phone-width screen, and no console errors.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { useBrowserPage, watchErrors } from './browser.ts'

const chapter = `${inject('siteUrl')}mheap/`
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const fig = () => page.locator('[data-widget="heap-pacing"]')
const ready = async () => {
  await fig().scrollIntoViewIfNeeded()
  await page.waitForSelector('[data-widget="heap-pacing"][data-ready]', { timeout: 15_000 })
}
const caption = () => fig().locator('[data-ctl="op"]').textContent()

describe('heap-pacing figure', () => {
  it('shows the whole run in the static HTML, with a text alternative', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(chapter)
    const f = p.locator('[data-widget="heap-pacing"]')
    expect(await f.locator('[data-part="summary"]').textContent()).toMatch(/GOGC=100: .* collections/)
    expect(await f.locator('svg[role="img"]').getAttribute('aria-label')).toMatch(/collections/)
    expect(await f.locator('polyline').count()).toBeGreaterThanOrEqual(4)
    await ctx.close()
  })

  it('steps with the keyboard and re-runs when GOGC changes', async () => {
    const errors = watchErrors(page)
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="reset"]').click()
    expect(await caption()).toContain('Step 0')
    await fig().locator('[data-ctl="fwd"]').focus()
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    expect(await caption()).toContain('Step 2')
    const before = await fig().locator('[data-part="summary"]').textContent()
    await fig().locator('select[name="gogc"]').selectOption('off')
    await expect.poll(() => fig().locator('[data-part="summary"]').textContent()).toContain('GOGC=off')
    expect(await fig().locator('[data-part="summary"]').textContent()).not.toBe(before)
    expect(await fig().locator('[data-part="summary"]').textContent()).toContain('0 collections')
    expect(errors).toEqual([])
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 })
    await page.goto(chapter)
    await ready()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(1)
  })
})
