// The arena figure in a real browser: the starting state in the static HTML (no script), growing
// the heap with the keyboard until a third arena is reserved, freeing it all (chunks fall back to
// Prepared), typing addresses (a legacy object, bad input with a clear message), the URL hash and
// a prose link, both themes, reduced motion, a phone screen, and the Chinese page.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { contrastRatios, useBrowserPage, watchErrors } from './browser.ts'

const site = inject('siteUrl')
const chapter = `${site}arena/`
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const sel = '[data-widget="arena-map"]'
const fig = (p: Page = page) => p.locator(sel)
const ready = async (p: Page = page) => {
  await fig(p).scrollIntoViewIfNeeded()
  await p.waitForSelector(`${sel}[data-ready]`, { timeout: 10_000 })
}
const count = (css: string, p: Page = page) => fig(p).locator(`[data-part="view"] .am-svg ${css}`).count()

/** The page's Go version switch in the header (the first select: the desktop header's). */
const switchGo = (p: Page, v: string) => p.locator('select[data-go-version-select]').first().selectOption(v)

describe('arena-map figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(chapter)
    const f = fig(p)
    expect(await f.getAttribute('data-ready')).toBeNull()
    // Go 1.27 randomizes the heap base: the arenas are wherever seed 1 put them, 16 chunks each.
    const arenas = await count('[data-l2].am-has', p)
    expect(arenas).toBeGreaterThanOrEqual(2)
    expect(await count('[data-chunk]', p)).toBe(16 * arenas)
    expect(await f.locator('[data-part="basenote"]').textContent()).toContain('seed 1')
    expect(await f.locator('[data-part="lookup"]').textContent()).toMatch(/arenas\[0\]\[\d+\] → a heapArena/)
    expect(await f.locator('[data-part="summary"]').textContent()).toContain(`${arenas} heap arenas`)
    expect(await f.locator('[data-ctl="alloc"]').isDisabled()).toBe(true)
    await ctx.close()
  })

  it('grows the heap and frees it with the keyboard', async () => {
    await page.goto(`${chapter}#arena-map:ops=10,10,60&base=fixed`)
    await ready()
    await fig().locator('[data-ctl="size"]').focus()
    await page.keyboard.press('End') // 60 MiB
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    expect(await fig().locator('[data-part="program"]').textContent()).toContain(
      '10 MiB, 10 MiB, 60 MiB, 60 MiB',
    )
    expect(await count('[data-l2].am-has')).toBe(3)
    // 84 MiB mapped, 4 MiB of it free at the top; a 60 MiB object takes those 4 MiB and 56 more,
    // but growth asks for whole chunks: 60 MiB more, so the last chunk stays untouched (Prepared).
    expect(await count('.am-ready')).toBe(35)
    expect(await count('.nb-m-p-scavenged')).toBe(1)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter') // free all
    expect(await count('.am-ready')).toBe(0)
    expect(await count('.nb-m-p-scavenged')).toBe(36)
    expect(await count('[data-l2].am-has')).toBe(3)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter') // start over
    expect(await count('[data-l2].am-has')).toBe(2)
  })

  it('looks up typed addresses and explains bad input', async () => {
    await page.goto(`${chapter}#arena-map:ops=10,10,60&base=fixed`)
    await ready()
    const input = fig().locator('[data-ctl="addr"]')
    await input.fill('0xc420000000')
    const text = await fig().locator('[data-part="lookup"]').textContent()
    expect(text).toContain('arenas[0][2109704] is nil')
    expect(text).toContain('(p − arena_start) >> 13 = 0')
    await input.fill('0xc00q')
    expect(await fig().locator('[data-part="lookup"] [role="alert"]').textContent()).toContain(
      '“q” at column 6',
    )
    expect(await input.getAttribute('aria-invalid')).toBe('true')
    await input.fill('0xc000a00010')
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('page 1280 of 8192')
    expect(await count('[data-chunk][data-hl]')).toBe(1)
    expect(await fig().locator('[data-part="link"]').getAttribute('href')).toBe(
      '#arena-map:ops=10%2C10%2C60&addr=0xc000a00010&base=fixed',
    )
  })

  it('looks up a clicked chunk or arenas[] entry', async () => {
    await page.goto(`${chapter}#arena-map:ops=10,10,60&base=fixed`)
    await ready()
    await fig().locator('[data-part="view"] [data-addr="0xc004c00000"]').click()
    expect(await fig().locator('[data-ctl="addr"]').inputValue()).toBe('0xc004c00000')
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('chunk 3 of 16')
    await fig().locator('[data-part="view"] [data-l2="2109442"]').click()
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('arenas[0][2109442] is nil')
  })

  it('a prose link and the URL hash move the figure', async () => {
    await page.goto(chapter)
    await ready()
    await page.locator('a[data-goto="arena-map:0xc420000000"]').click()
    expect(await fig().locator('[data-ctl="addr"]').inputValue()).toBe('0xc420000000')
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('is nil')
    await page.goto(`${chapter}#arena-map:ops=60,60,60&addr=0xc008000000&base=fixed`)
    await ready()
    expect(await count('[data-l2].am-has')).toBe(3)
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('arenas[0][2109442]')
    // A bad seed is named and changes nothing.
    await page.goto(`${chapter}#arena-map:ops=10&seed=3`)
    await ready()
    const l2 = await fig().locator('[data-l2].am-has').first().getAttribute('data-l2')
    await fig().locator('[data-ctl="seed"]').fill('-2')
    await fig().locator('[data-ctl="seed"]').press('Enter')
    await fig().locator('[data-ctl="seed"]').blur()
    expect(await fig().locator('[data-part="program"]').textContent()).toContain('got “-2”')
    expect(await fig().locator('[data-l2].am-has').first().getAttribute('data-l2')).toBe(l2)
    // Another seed, another base.
    const before = await fig().locator('[data-l2].am-has').first().getAttribute('data-l2')
    await page.goto(`${chapter}#arena-map:ops=10&seed=7`)
    await ready()
    expect(await fig().locator('[data-ctl="seed"]').inputValue()).toBe('7')
    expect(await fig().locator('[data-l2].am-has').first().getAttribute('data-l2')).not.toBe(before)
  })

  it('reads in light and dark themes, and under reduced motion', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="alloc"]').click()
    const anim = await page.evaluate(
      (s) =>
        getComputedStyle(document.querySelector(`${s} .nb-m-changed .nb-m-box`) as Element).animationName,
      sel,
    )
    expect(anim).toBe('none')
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('starlight-theme-select select').first().selectOption(theme)
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme)
      const [summary, lookup, legend, outline] = await contrastRatios(page, sel, [
        { of: '.nb-summary' },
        { of: '[data-part="lookup"] li' },
        { of: '.nb-m-legend li' },
        { of: '.am-l2.am-nil rect', prop: 'stroke', against: '.am-svg' },
      ])
      expect(summary, `${theme}: summary`).toBeGreaterThanOrEqual(4.5)
      expect(lookup, `${theme}: lookup`).toBeGreaterThanOrEqual(4.5)
      expect(legend, `${theme}: legend`).toBeGreaterThanOrEqual(4.5)
      expect(outline, `${theme}: outlines`).toBeGreaterThanOrEqual(3)
    }
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } })
    const errors = watchErrors(phone)
    await phone.goto(chapter)
    await ready(phone)
    await fig(phone).locator('[data-ctl="alloc"]').click()
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    const box = await fig(phone).boundingBox()
    await phone.close()
    expect(overflow).toBeLessThanOrEqual(1)
    expect(box!.x + box!.width).toBeLessThanOrEqual(361)
    expect(errors).toEqual([])
  })

  it('follows the page’s Go version', async () => {
    await page.goto(chapter)
    await ready()
    expect(await fig().locator('[data-part="basenote"]').textContent()).toContain('randomized')
    await switchGo(page, '1.25') // no randomized heap base before Go 1.26
    expect(await fig().locator('.am-panelhead').nth(1).textContent()).toContain('Go 1.25')
    expect(await fig().locator('[data-part="basenote"]').textContent()).toContain('fixed')
    expect(await fig().locator('[data-ctl="addr"]').inputValue()).toBe('0xc000000000')
    expect(await count('[data-l2].am-has')).toBe(2)
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('arenas[0][2109440]')
  })

  it('speaks Chinese on the Chinese page', async () => {
    await page.goto(`${site}zh/arena/`)
    await ready()
    expect(await fig().locator('[data-ctl="free"]').textContent()).toBe('全部释放并归还操作系统')
    expect(await fig().locator('.nb-m-legend').textContent()).toContain('已预留')
    await fig().locator('[data-ctl="addr"]').fill('0xg')
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('不是十六进制数字')
  })
})
