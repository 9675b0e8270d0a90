// The heap-bitmap figure in a real browser: the static starting state (before any script runs),
// hydration, toggling a word with the keyboard (the bit under it flips), a preset and a scheme
// from the form, prose links and the URL hash, the page's Go version choosing the highlighted
// scheme, the Chinese page, light and dark themes, a phone screen.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { contrastRatios, useBrowserPage, watchErrors } from './browser.ts'

const chapter = `${inject('siteUrl')}bitmap/`
const zhChapter = `${inject('siteUrl')}zh/bitmap/`
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const sel = '[data-widget="heap-bitmap"]'
const fig = () => page.locator(sel)
const ready = async (p: Page = page) => {
  await p.locator(sel).scrollIntoViewIfNeeded()
  await p.waitForSelector(`${sel}[data-ready]`, { timeout: 10_000 })
}
const summary = () => fig().locator('.nb-summary').textContent()

describe('heap-bitmap figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(chapter)
    const f = p.locator(sel)
    expect(await f.getAttribute('data-ready')).toBeNull()
    // the default Go version (1.27) uses the 1.26+ scheme; struct{ id int; next *T; n int }
    expect(await f.getAttribute('data-scheme')).toBe('greentea')
    expect(await f.locator('.hb-tws [data-word]').count()).toBe(3)
    expect(await f.locator('.hb-costs tbody tr').count()).toBe(5)
    expect(await f.locator('.hb-costs tr[data-scheme="greentea"] .hb-here').count()).toBe(1)
    expect(await f.locator('.nb-summary').textContent()).toContain('24-byte object')
    await ctx.close()
  })

  it('toggles a word with the keyboard and the bit under it flips', async () => {
    const errors = watchErrors(page)
    await page.goto(chapter)
    await ready()
    const bitOfWord0 = () => fig().locator('[data-part="table"] tr[data-word="0"] td').last().textContent()
    expect(await bitOfWord0()).toBe('0')
    await fig().locator('.hb-tws [data-word="0"]').focus()
    await page.keyboard.press('Enter')
    expect(await fig().locator('.hb-tws [data-word="0"]').getAttribute('aria-pressed')).toBe('true')
    // focus stays on the toggled word
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-word'))).toBe('0')
    expect(await bitOfWord0()).toBe('1')
    await page.keyboard.press('Space')
    expect(await bitOfWord0()).toBe('0')
    // a scheme from the radio group
    await fig().locator('input[name="scheme"][value="legacy"]').check()
    expect(await fig().getAttribute('data-scheme')).toBe('legacy')
    expect(await summary()).toContain('Go 1.7–1.10')
    expect(await fig().locator('[data-part="view"] [data-byte^="0xc41ffff"]').count()).toBeGreaterThan(0)
    // bad input becomes a message
    await fig().locator('input[name="count"]').fill('0')
    expect(await fig().locator('.hb-error').textContent()).toContain('count')
    expect(errors).toEqual([])
  })

  it('a prose link and the URL hash move the figure', async () => {
    await page.goto(chapter)
    await ready()
    await page.locator('a[data-goto="heap-bitmap:pairs-100@span"]').click()
    expect(await fig().getAttribute('data-scheme')).toBe('span')
    expect(await summary()).toContain('8-byte type header')
    await page.goto(`${chapter}#heap-bitmap:type=p&n=5000&i=0&scheme=arena1`)
    await ready()
    expect(await fig().getAttribute('data-scheme')).toBe('arena1')
    expect(await fig().locator('.hb-tws [data-word]').count()).toBe(1)
    expect(await fig().locator('input[name="count"]').inputValue()).toBe('5000')
  })

  it('follows the page’s Go version', async () => {
    await page.goto(chapter)
    await ready()
    await page.evaluate(() => {
      document.documentElement.setAttribute('data-go-version', '1.21')
      document.dispatchEvent(new CustomEvent('go-version-change', { detail: { version: '1.21' } }))
    })
    expect(await fig().getAttribute('data-scheme')).toBe('arena1')
    expect(await fig().locator('.hb-costs tr[data-scheme="arena1"] .hb-here').count()).toBe(1)
    expect(await fig().locator('.hb-costs tr[data-scheme="greentea"] .hb-here').count()).toBe(0)
  })

  it('speaks Chinese on the Chinese page', async () => {
    await page.goto(zhChapter)
    await ready()
    expect(await fig().locator('.hb-costs caption').textContent()).toContain('每种方案')
    await fig().locator('.hb-tws [data-word="2"]').click()
    expect(await summary()).toMatch(/字节的对象/)
  })

  it('reads in light and dark themes (Starlight theme switch)', async () => {
    await page.goto(chapter)
    await ready()
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('starlight-theme-select select').first().selectOption(theme)
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme)
      const [sum, cost, bitOutline] = await contrastRatios(page, sel, [
        { of: '.nb-summary' },
        { of: '.hb-costs td' },
        { of: '.hb-bytes .nb-m-bit0 rect', prop: 'stroke', against: '.hb-bytes' },
      ])
      expect(sum, `${theme}: summary`).toBeGreaterThanOrEqual(4.5)
      expect(cost, `${theme}: cost table`).toBeGreaterThanOrEqual(4.5)
      expect(bitOutline, `${theme}: bit outlines`).toBeGreaterThanOrEqual(3)
    }
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } })
    const errors = watchErrors(phone)
    await phone.goto(`${chapter}#heap-bitmap:type=ps&n=32&i=1`)
    await ready(phone)
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    const box = await phone.locator(sel).boundingBox()
    await phone.close()
    expect(overflow).toBeLessThanOrEqual(1)
    expect(box!.x + box!.width).toBeLessThanOrEqual(361)
    expect(errors).toEqual([])
  })
})
