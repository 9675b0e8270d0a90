// The size-class explorer in a real browser: hydration, typing, nonsense, large sizes, keyboard,
// light and dark themes, URL state and prose links, no console errors.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { useBrowserPage, watchErrors } from './browser.ts'

const chapter = `${inject('siteUrl')}size-classes/`
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const fig = () => page.locator('[data-widget="size-class-explorer"]')
const ready = async () => {
  await fig().scrollIntoViewIfNeeded()
  await page.waitForSelector('[data-widget="size-class-explorer"][data-ready]', { timeout: 10_000 })
}
const summary = () => fig().locator('[data-part="summary"]').textContent()

describe('size-class explorer', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(chapter)
    const f = p.locator('[data-widget="size-class-explorer"]')
    expect(await f.getAttribute('data-ready')).toBeNull()
    expect(await f.locator('[data-part="summary"]').textContent()).toContain('class 5')
    expect(await f.locator('tr[aria-current="true"] th').textContent()).toBe('5')
    await ctx.close()
  })

  it('becomes ready without being scrolled to (idle hydration)', async () => {
    await page.goto(chapter)
    await page.waitForSelector('[data-widget="size-class-explorer"][data-ready]', { timeout: 10_000 })
  })

  it('typing a size updates the class, slot, table row and plot', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('input[name="size"]').fill('1025')
    expect(await summary()).toContain('class 33')
    expect(await fig().locator('[data-part="result"]').textContent()).toContain('1,152 B')
    expect(await fig().locator('tr[aria-current="true"] th').textContent()).toBe('33')
    expect(await fig().locator('.sce-current text').textContent()).toContain('class 33')
  })

  it.each([
    ['-5', /negative/],
    ['hello', /not a size/],
    ['2.5', /whole number/],
    ['', /Type a size/],
  ])('nonsense %j shows a clear message', async (text, re) => {
    await page.goto(chapter)
    await ready()
    await fig().locator('input[name="size"]').fill(text)
    const msg = fig().locator('[data-part="message"]')
    await msg.waitFor()
    expect(await msg.textContent()).toMatch(re)
    expect(await fig().locator('input[name="size"]').getAttribute('aria-invalid')).toBe('true')
    expect(await fig().locator('tr[aria-current="true"]').count()).toBe(0)
  })

  it('above 32760 B explains large objects and shows whole pages', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('input[name="size"]').fill('40000')
    const text = await fig().locator('[data-part="result"]').textContent()
    expect(text).toContain('large')
    expect(text).toContain('5 pages')
    await fig().locator('input[name="size"]').fill('32761')
    expect(await fig().locator('[data-part="note"]').textContent()).toContain('32760')
  })

  it('is usable by keyboard: type, toggle pointers; follows the page’s Go version', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('input[name="size"]').focus()
    await page.keyboard.press('Control+A')
    await page.keyboard.type('33')
    await page.keyboard.press('Tab') // slider
    await page.keyboard.press('Tab') // pointers checkbox
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      'pointers',
    )
    await page.keyboard.press('Space')
    // Go 1.27, 48 B with pointers: (8192 − 128 pointer bits − 128 inline mark bits) / 48 = 165.
    expect(await fig().locator('[data-part="result"]').textContent()).toContain('165')
    await page.locator('select[data-go-version-select]').selectOption('1.22')
    // Go 1.22: (8192 − 128) / 48 = 168.
    expect(await fig().locator('[data-part="result"]').textContent()).toContain('168')
    await page.locator('select[data-go-version-select]').selectOption('1.21')
    expect(await fig().locator('[data-part="result"]').textContent()).toContain('170')
    // The slider moves with arrow keys.
    await fig().locator('input[name="slider"]').focus()
    await page.keyboard.press('ArrowRight')
    expect(await fig().locator('input[name="size"]').inputValue()).toBe('34')
  })

  it('reads in light and dark themes (Starlight theme switch)', async () => {
    await page.goto(chapter)
    await ready()
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('starlight-theme-select select').first().selectOption(theme)
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme)
      const ratio = await page.evaluate(() => {
        const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number)
        const lum = ([r, g, b]: number[]) => {
          const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
          return 0.2126 * f(r ?? 0) + 0.7152 * f(g ?? 0) + 0.0722 * f(b ?? 0)
        }
        const el = document.querySelector(
          '[data-widget="size-class-explorer"] [data-part="summary"]',
        ) as HTMLElement
        let bgEl: HTMLElement | null = el
        let bg = 'rgba(0, 0, 0, 0)'
        while (bgEl && /rgba\(.*, 0\)|transparent/.test(bg)) {
          bg = getComputedStyle(bgEl).backgroundColor
          bgEl = bgEl.parentElement
        }
        const a = lum(parse(getComputedStyle(el).color))
        const b = lum(parse(bg))
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
      })
      expect(ratio, `${theme}: text contrast`).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('opens in the state named by the URL hash and offers a link to its state', async () => {
    await page.goto(`${chapter}#size-class-explorer:size=1020&noscan=0&go=1.22`)
    await ready()
    expect(await fig().locator('input[name="size"]').inputValue()).toBe('1020')
    expect(await summary()).toContain('class 33')
    const href = await fig().locator('[data-part="link"]').getAttribute('href')
    expect(href).toContain('size=1020')
    expect(href).toContain('noscan=0')
  })

  it('a prose link moves the figure', async () => {
    await page.goto(chapter)
    await ready()
    await page.locator('a[data-goto="size-class-explorer:100000"]').click()
    expect(await fig().locator('input[name="size"]').inputValue()).toBe('100000')
    expect(await fig().locator('[data-part="result"]').textContent()).toContain('13 pages')
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } })
    const errs = watchErrors(phone)
    await phone.goto(chapter)
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(1)
    expect(errs).toEqual([])
    await phone.close()
  })
})
