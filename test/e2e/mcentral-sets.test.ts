// The mcentral-sets figure in a real browser: the static starting state, hydration, stepping with
// the keyboard to the GC step (the same arrays change roles, no span moves) and on through the
// refills, a prose link and the URL hash, light and dark themes, reduced motion, a phone screen.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { contrastRatios, phoneLayout, playBriefly, useBrowserPage } from './browser.ts'

const chapter = `${inject('siteUrl')}mcentral/`
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const sel = '[data-widget="mcentral-sets"]'
const fig = () => page.locator(sel)
const op = () => fig().locator('[data-ctl="op"]').textContent()
const ready = async () => {
  await fig().scrollIntoViewIfNeeded()
  await page.waitForSelector(`${sel}[data-ready]`, { timeout: 10_000 })
}
/** array name → [role, span labels] */
const arrays = () =>
  fig()
    .locator('[data-array]')
    .evaluateAll((els) =>
      Object.fromEntries(
        els.map((el) => [
          el.getAttribute('data-array'),
          [
            el.getAttribute('data-role'),
            [...el.querySelectorAll('[data-span]')].map((s) => s.getAttribute('data-span')).join(''),
          ],
        ]),
      ),
    )

describe('mcentral-sets figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(chapter)
    const f = p.locator(sel)
    expect(await f.getAttribute('data-ready')).toBeNull()
    expect(await f.locator('[data-ctl="op"]').textContent()).toContain('Step 0 of 7')
    expect(await f.locator('[data-array]').count()).toBe(4)
    expect(await f.locator('[data-place="cache"] [data-span="A"]').count()).toBe(1)
    expect(await f.locator('[data-ctl="fwd"]').isDisabled()).toBe(true)
    await ctx.close()
  })

  it('steps with the keyboard: fill, flush, GC swaps the roles of the same arrays, refills sweep', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="fwd"]').focus()
    await page.keyboard.press('Enter')
    expect(await op()).toContain('Step 1 of 7')
    expect((await arrays())['full[0]']).toEqual(['fullSwept', 'ABCDE'])
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowRight')
    expect(await op()).toContain('Step 3 of 7')
    const before = await arrays()
    expect(before['partial[0]']).toEqual(['partialSwept', 'F'])
    await page.keyboard.press('ArrowRight')
    expect(await op()).toContain('Step 4 of 7')
    const after = await arrays()
    expect(after['partial[0]']).toEqual(['partialUnswept', 'F'])
    expect(after['full[0]']).toEqual(['fullUnswept', 'ABCDE'])
    expect(after['partial[1]']).toEqual(['partialSwept', ''])
    expect(await fig().locator('.mcs-swap').count()).toBe(4)
    expect(await fig().locator('[data-field="heap sweepgen h"]').textContent()).toBe('2')
    await page.keyboard.press('ArrowRight')
    expect(await op()).toContain('from partial unswept')
    expect(await fig().locator('[data-place="cache"] [data-span="F"]').count()).toBe(1)
    await page.keyboard.press('End')
    expect(await op()).toContain('Step 7 of 7')
    expect(await fig().locator('[data-place="heap"] [data-span="D"]').count()).toBe(1)
    const last = await arrays()
    expect(last['partial[0]']![1]).toBe('')
    expect(last['full[0]']![1]).toBe('')
    await fig().locator('[data-ctl="back"]').focus()
    await page.keyboard.press('Home')
    expect(await op()).toContain('Step 0 of 7')
    expect(await fig().locator('[data-part="state"]').textContent()).toContain('P0’s cache holds A')
  })

  it('a prose link and the URL hash move the figure', async () => {
    await page.goto(chapter)
    await ready()
    await page.locator('a[data-goto="mcentral-sets:gc"]').click()
    expect(await op()).toContain('Step 4 of 7')
    await page.goto(`${chapter}#mcentral-sets:step=6`)
    await ready()
    expect(await op()).toContain('Step 6 of 7')
  })

  it('plays under reduced motion', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(chapter)
    await ready()
    await playBriefly(page, sel, /Step [1-7] of 7/)
  })

  it('reads in light and dark themes (Starlight theme switch)', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="scrub"]').fill('4')
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('starlight-theme-select select').first().selectOption(theme)
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme)
      const ratios = await contrastRatios(page, sel, [
        { of: '.mcs-unswept .mcs-role' },
        { of: '.mcs-array:not(.mcs-unswept) .mcs-role' },
        { of: '.mcs-span .mcs-gen' },
        { of: '.nb-summary' },
      ])
      for (const r of ratios) expect(r, `${theme}: text contrast`).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    const phone = await phoneLayout(browser, chapter, sel, '6')
    expect(phone.overflow).toBeLessThanOrEqual(1)
    expect(phone.right).toBeLessThanOrEqual(361)
    expect(phone.errors).toEqual([])
  })
})
