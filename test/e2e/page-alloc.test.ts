// The page-alloc figure in a real browser: the static starting state (512 cells before any script
// runs), hydration, stepping with the keyboard to the step where a 40-page request skips the hole
// at searchAddr and on to the step that fills it, a prose link and the URL hash, light and dark
// themes, reduced motion, a phone screen.
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
    await fig().locator('[data-ctl="play"]').click()
    await page.waitForFunction(
      (s) => /Step [1-8] of 8/.test(document.querySelector(`${s} [data-ctl="op"]`)?.textContent ?? ''),
      sel,
      { timeout: 10_000 },
    )
    await fig().locator('[data-ctl="play"]').click()
  })

  it('reads in light and dark themes (Starlight theme switch)', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="scrub"]').fill('6')
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('starlight-theme-select select').first().selectOption(theme)
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme)
      const ratios = await page.evaluate((s) => {
        const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number)
        const lum = ([r, g, b]: number[]) => {
          const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
          return 0.2126 * f(r ?? 0) + 0.7152 * f(g ?? 0) + 0.0722 * f(b ?? 0)
        }
        const contrast = (a: string, b: string) => {
          const x = lum(parse(a))
          const y = lum(parse(b))
          return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)
        }
        const bgOf = (el: HTMLElement | null) => {
          let bg = 'rgba(0, 0, 0, 0)'
          while (el && /rgba\(.*, 0\)|transparent/.test(bg)) {
            bg = getComputedStyle(el).backgroundColor
            el = el.parentElement
          }
          return bg
        }
        const q = (x: string) => document.querySelector(`${s} ${x}`) as HTMLElement
        const text = (x: string) => contrast(getComputedStyle(q(x)).color, bgOf(q(x)))
        // SVG: the free cells' outline against the page, the in-use fill against the free fill.
        const free = getComputedStyle(q('.pa-grid .pa-free'))
        const inuse = getComputedStyle(q('.pa-grid .pa-inuse'))
        return {
          summary: text('.nb-summary'),
          sum: text('[data-field="max"]'),
          legend: text('.pa-legend li'),
          outline: contrast(free.stroke, bgOf(q('.pa-grid'))),
          inuse: contrast(inuse.fill, free.fill),
        }
      }, sel)
      expect(ratios.summary, `${theme}: summary`).toBeGreaterThanOrEqual(4.5)
      expect(ratios.sum, `${theme}: summary numbers`).toBeGreaterThanOrEqual(4.5)
      expect(ratios.legend, `${theme}: legend`).toBeGreaterThanOrEqual(4.5)
      expect(ratios.outline, `${theme}: cell outlines`).toBeGreaterThanOrEqual(3)
      expect(ratios.inuse, `${theme}: in use vs free`).toBeGreaterThanOrEqual(1.5)
    }
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } })
    const errs = watchErrors(phone)
    await phone.goto(chapter)
    await phone.locator(sel).scrollIntoViewIfNeeded()
    await phone.waitForSelector(`${sel}[data-ready]`, { timeout: 10_000 })
    await phone.locator(`${sel} [data-ctl="scrub"]`).fill('6')
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(1)
    const box = await phone.locator(sel).boundingBox()
    expect(box!.x + box!.width).toBeLessThanOrEqual(361)
    expect(errs).toEqual([])
    await phone.close()
  })
})
