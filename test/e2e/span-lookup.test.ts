// The spans figure in a real browser: the full walk of a 48-byte object's byte in the static HTML,
// walking step by step with the keyboard, picking the stale entry of a freed span (rejected by the
// state check), bad input, the URL hash and a prose link, both themes, reduced motion, a phone
// screen, and the Chinese page.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { contrastRatios, useBrowserPage, watchErrors } from './browser.ts'

const site = inject('siteUrl')
const chapter = `${site}spans/`
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const sel = '[data-widget="span-lookup"]'
const fig = (p: Page = page) => p.locator(sel)
const ready = async (p: Page = page) => {
  await fig(p).scrollIntoViewIfNeeded()
  await p.waitForSelector(`${sel}[data-ready]`, { timeout: 10_000 })
}
const stepOf = () => fig().locator('[data-part="stepof"]').textContent()
const current = () => fig().locator('li[aria-current="step"]').textContent()

/** The page's Go version switch in the header (the first select: the desktop header's). */
const switchGo = (p: Page, v: string) => p.locator('select[data-go-version-select]').first().selectOption(v)

describe('span-lookup figure', () => {
  it('shows the whole walk in the static HTML, before any script runs', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(chapter)
    const f = fig(p)
    expect(await f.getAttribute('data-ready')).toBeNull()
    expect(await f.locator('[data-part="stepof"]').textContent()).toBe('Step 6 of 6')
    expect(await f.locator('.sl-steps li').count()).toBe(6)
    expect(await f.locator('[data-entry]').count()).toBe(32)
    expect(await f.locator('.sl-steps').textContent()).toContain('object 2')
    await ctx.close()
  })

  it('walks step by step with the keyboard', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="walk"]').focus()
    await page.keyboard.press('Enter')
    expect(await stepOf()).toBe('Step 1 of 6')
    expect(await current()).toMatch(/\(p \+ 2\^47\) >> 26 = \d+/)
    expect(await fig().locator('.sl-steps li:not([hidden])').count()).toBe(1)
    await page.keyboard.press('Tab') // Previous is disabled at step 1: focus goes to Next
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    expect(await stepOf()).toBe('Step 3 of 6')
    expect(await current()).toMatch(/heapArena\.spans\[\d+\] = mspan A/)
    expect(await fig().locator('.sl-panel').first().locator('.sl-entry.sl-on').count()).toBe(1)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    expect(await stepOf()).toBe('Step 6 of 6')
    expect(await fig().locator('[data-ctl="next"]').isDisabled()).toBe(true)
  })

  it('rejects the stale entry of a freed span, and explains bad input', async () => {
    await page.goto(chapter)
    await ready()
    const tail = await fig().locator('[data-ctl="pick"] option[value="tail"]').textContent()
    await fig().locator('[data-ctl="pick"]').selectOption('stale')
    expect(await fig().locator('[data-ctl="addr"]').inputValue()).toMatch(/^0x[0-9a-f]+008$/)
    expect(await stepOf()).toBe('Step 5 of 5')
    expect(await current()).toContain('mSpanDead')
    expect(await fig().locator('.sl-entry.sl-stale.sl-hl').count()).toBe(2)
    await fig().locator('[data-ctl="addr"]').fill('0xc0000x1')
    expect(await fig().locator('[role="alert"]').textContent()).toContain('“x” at column 8')
    expect(await fig().locator('[data-ctl="pick"]').inputValue()).toBe('custom')
    await fig()
      .locator('[data-ctl="addr"]')
      .fill(/\((0x[0-9a-f]+)\)/.exec(tail ?? '')![1]!)
    expect(await current()).toContain('not below limit')
  })

  it('picks a page, then a slot, by pointer', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('.sl-panel').first().locator('[data-page="12"]').click()
    expect(await current()).toContain('mSpanDead')
    await fig().locator('.sl-panel').first().locator('[data-page="2"]').click()
    expect(await current()).toContain('object 0')
    await fig().locator('.sl-panel').first().locator('[data-slot="3"]').click()
    expect(await current()).toContain('object 3')
  })

  it('a prose link and the URL hash move the figure', async () => {
    await page.goto(chapter)
    await ready()
    await page.locator('a[data-goto="span-lookup:stale"]').click()
    expect(await current()).toContain('mSpanDead')
    await page.goto(`${chapter}#span-lookup:pick=multi&step=3`)
    await ready()
    expect(await stepOf()).toBe('Step 3 of 6')
    expect(await current()).toContain('mspan C')
    const addr = await fig().locator('[data-ctl="addr"]').inputValue()
    expect(await fig().locator('[data-part="link"]').getAttribute('href')).toBe(
      `#span-lookup:addr=${addr}&step=3`,
    )
  })

  it('reads in light and dark themes, and under reduced motion', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(chapter)
    await ready()
    const anim = await page.evaluate(
      (s) =>
        getComputedStyle(document.querySelector(`${s} .nb-m-changed .nb-m-box`) as Element).animationName,
      sel,
    )
    expect(anim).toBe('none')
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('starlight-theme-select select').first().selectOption(theme)
      const [summary, steps, legend, entry, label] = await contrastRatios(page, sel, [
        { of: '.nb-summary' },
        { of: '.sl-steps li' },
        { of: '.nb-m-legend li' },
        { of: '.sl-entry.sl-nil rect', prop: 'stroke', against: '.sl-svg' },
        {
          of: '[data-page="0"] .nb-m-plabel',
          prop: 'fill',
          against: '[data-page="0"] .nb-m-box',
          againstProp: 'fill',
        },
      ])
      expect(summary, `${theme}: summary`).toBeGreaterThanOrEqual(4.5)
      expect(steps, `${theme}: steps`).toBeGreaterThanOrEqual(4.5)
      expect(legend, `${theme}: legend`).toBeGreaterThanOrEqual(4.5)
      expect(entry, `${theme}: entry outlines`).toBeGreaterThanOrEqual(3)
      expect(label, `${theme}: span letter on its class colour`).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } })
    const errors = watchErrors(phone)
    await phone.goto(chapter)
    await ready(phone)
    await fig(phone).locator('[data-ctl="pick"]').selectOption('large')
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
    // Go 1.27: 48-byte spans end in 128 B of inline mark bits, 168 slots; Go 1.25: 8192 / 48 = 170.
    expect(await fig().locator('[data-part="table"] tbody tr').first().textContent()).toContain('/ 168')
    await switchGo(page, '1.25')
    expect(await fig().locator('[data-part="table"] tbody tr').first().textContent()).toContain('/ 170')
    // Fixed heap base before 1.26: the pick follows its byte to 0xc000000000 + 2 × 48 + 5.
    expect(await fig().locator('[data-ctl="addr"]').inputValue()).toBe('0xc000000065')
    expect(await current()).toContain('object 2')
  })

  it('speaks Chinese on the Chinese page', async () => {
    await page.goto(`${site}zh/spans/`)
    await ready()
    expect(await fig().locator('[data-ctl="next"]').textContent()).toBe('下一步 ▶')
    expect(await stepOf()).toBe('第 6 步，共 6 步')
    await fig().locator('[data-ctl="pick"]').selectOption('stale')
    expect(await current()).toContain('过期指针')
  })
})
