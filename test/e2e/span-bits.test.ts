// The span-bits figure in a real browser: the static starting state (before any script runs),
// stepping with the keyboard to the 64-slot boundary and on, the form switching to a scan span
// (heap bits at the tail), prose links and the URL hash, the page's Go version, the Chinese page,
// reduced motion, light and dark themes, a phone screen.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { contrastRatios, phoneLayout, playBriefly, useBrowserPage } from './browser.ts'

const chapter = `${inject('siteUrl')}mspan/`
const zhChapter = `${inject('siteUrl')}zh/mspan/`
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const sel = '[data-widget="span-bits"]'
const fig = () => page.locator(sel)
const op = () => fig().locator('[data-ctl="op"]').textContent()
const field = (name: string) => fig().locator(`[data-field="${name}"]`).textContent()
const ready = async () => {
  await fig().scrollIntoViewIfNeeded()
  await page.waitForSelector(`${sel}[data-ready]`, { timeout: 10_000 })
}

describe('span-bits figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(chapter)
    const f = p.locator(sel)
    expect(await f.getAttribute('data-ready')).toBeNull()
    expect(await f.locator('[data-ctl="op"]').textContent()).toContain('Step 0 of')
    expect(await f.locator('[data-field="freeindex"]').textContent()).toBe('1')
    expect(await f.locator('.sb-slots [data-slot]').count()).toBeGreaterThan(100)
    expect(await f.locator('[data-part="table"] tbody tr').count()).toBeGreaterThan(100)
    await ctx.close()
  })

  it('steps with the keyboard through the fast path to the 64-slot boundary', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="fwd"]').focus()
    await page.keyboard.press('Enter')
    expect(await op()).toContain('Step 1 of')
    expect(await op()).toContain('nextFreeFast')
    expect(await field('freeindex')).toBe('2')
    await fig().locator('[data-ctl="scrub"]').fill('62')
    await fig().locator('[data-ctl="fwd"]').focus()
    await page.keyboard.press('ArrowRight')
    expect(await op()).toContain('Step 63 of')
    expect(await op()).toContain('64-slot boundary')
    expect(await field('freeindex')).toBe('64')
    await page.keyboard.press('End')
    expect(await op()).toContain('nextFreeFast')
    expect(await fig().locator('[data-part="table"] tr[aria-current="true"] th').textContent()).toContain(
      '10',
    )
  })

  it('switches to a scan span: fewer slots, heap bits at the tail', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('input[name="pointers"]').check()
    await expect.poll(() => field('nelems')).toContain('heap bits')
    expect(await fig().locator('.sb-strip .sb-brace').count()).toBeGreaterThan(0)
  })

  it('a prose link and the URL hash move the figure', async () => {
    await page.goto(chapter)
    await ready()
    await page.locator('a[data-goto="span-bits:sweep"]').click()
    expect(await op()).toContain('sweeper')
    expect(await field('freeindex')).toBe('0')
    await page.goto(`${chapter}#span-bits:size=128&pointers=0&step=5`)
    await ready()
    expect(await op()).toContain('Step 5 of')
    expect(await fig().locator('select[name="size"]').inputValue()).toBe('128')
  })

  it('follows the page’s Go version, keeping the step', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="scrub"]').fill('3')
    await page.evaluate(() => {
      document.documentElement.setAttribute('data-go-version', '1.21')
      document.dispatchEvent(new CustomEvent('go-version-change', { detail: { version: '1.21' } }))
    })
    expect(await op()).toContain('Step 3 of')
    expect(await fig().locator('.nb-summary').textContent()).toContain('Go 1.21')
  })

  it('speaks Chinese on the Chinese page', async () => {
    await page.goto(zhChapter)
    await ready()
    await fig().locator('[data-ctl="fwd"]').click()
    expect(await op()).toContain('第 1 步')
    expect(await fig().locator('[data-ctl="play"]').textContent()).toBe('播放')
    expect(await fig().locator('.nb-summary').textContent()).toContain('槽位')
  })

  it('plays under reduced motion', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(chapter)
    await ready()
    await playBriefly(page, sel, /Step [1-9]\d* of/)
  })

  it('reads in light and dark themes (Starlight theme switch)', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="scrub"]').fill('72')
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('starlight-theme-select select').first().selectOption(theme)
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme)
      const [summary, status, bit] = await contrastRatios(page, sel, [
        { of: '.nb-summary' },
        { of: '[data-field="freeindex"]' },
        { of: '.sb-slots .nb-m-bit0 rect', prop: 'stroke', against: '.sb-slots' },
      ])
      expect(summary, `${theme}: summary`).toBeGreaterThanOrEqual(4.5)
      expect(status, `${theme}: status`).toBeGreaterThanOrEqual(4.5)
      expect(bit, `${theme}: bit outlines`).toBeGreaterThanOrEqual(3)
    }
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    const phone = await phoneLayout(browser, chapter, sel, '72')
    expect(phone.overflow).toBeLessThanOrEqual(1)
    expect(phone.right).toBeLessThanOrEqual(361)
    expect(phone.errors).toEqual([])
  })
})
