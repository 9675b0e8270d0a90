// The GC-cycle figure in a real browser: the static starting state, hydration, stepping with the
// keyboard through mark, sweep and reuse, prose links and the URL hash, light and dark themes,
// reduced motion, and a phone-sized screen.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { contrastRatios, phoneLayout, playBriefly, useBrowserPage } from './browser.ts'

const chapter = `${inject('siteUrl')}mallocgc/`
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const sel = '[data-widget="gc-cycle"]'
const fig = () => page.locator(sel)
const op = () => fig().locator('[data-ctl="op"]').textContent()
const ready = async () => {
  await fig().scrollIntoViewIfNeeded()
  await page.waitForSelector(`${sel}[data-ready]`, { timeout: 10_000 })
}
const states = () =>
  fig()
    .locator('.gcc-slot')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-state')))
const marked = () =>
  fig()
    .locator('.gcc-slot[data-marked]')
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-slot'))))

describe('gc-cycle figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(chapter)
    const f = p.locator(sel)
    expect(await f.getAttribute('data-ready')).toBeNull()
    expect(await f.locator('[data-ctl="op"]').textContent()).toContain('Step 0 of 9')
    expect(await f.locator('.gcc-slot').count()).toBe(15)
    expect(await f.locator('.gcc-slot[data-state="in use"]').count()).toBe(10)
    expect(await f.locator('[data-ctl="fwd"]').isDisabled()).toBe(true)
    await ctx.close()
  })

  it('steps with the keyboard: mark, sweep, then reuse in address order', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="fwd"]').focus()
    await page.keyboard.press('Enter')
    expect(await op()).toContain('Step 1 of 9')
    expect(await fig().locator('.gcc-ptr').count()).toBe(6)
    // Arrow keys inside the control bar: to the mark step.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
    expect(await op()).toContain('Step 4 of 9')
    expect(await marked()).toEqual([0, 1, 2, 3, 4, 5, 7])
    expect(await fig().locator('[data-field="sweepgen"]').textContent()).toContain('needs sweeping')
    // The sweep frees 6, 8, 9 and resets freeindex.
    await page.keyboard.press('ArrowRight')
    expect(await op()).toContain('Step 5 of 9')
    const swept = await states()
    expect([6, 8, 9].map((i) => swept[i])).toEqual(['freed', 'freed', 'freed'])
    expect(swept.filter((s) => s === 'in use')).toHaveLength(7)
    expect(await fig().locator('[data-field="freeindex"]').textContent()).toBe('0')
    expect(await fig().locator('[data-field="allocCount"]').textContent()).toBe('7')
    expect(await marked()).toEqual([])
    // Next malloc takes slot 6; End jumps to the last step (slot 10); back with ArrowLeft.
    await page.keyboard.press('ArrowRight')
    expect((await states())[6]).toBe('new')
    await page.keyboard.press('End')
    expect(await op()).toContain('Step 9 of 9')
    expect((await states())[10]).toBe('new')
    // "Step ▶" is disabled at the end and so loses focus: continue from "◀ Step".
    await fig().locator('[data-ctl="back"]').focus()
    await page.keyboard.press('ArrowLeft')
    expect(await op()).toContain('Step 8 of 9')
    expect((await states())[9]).toBe('new')
    await page.keyboard.press('Home')
    expect(await op()).toContain('Step 0 of 9')
    // The visually hidden description follows the step.
    expect(await fig().locator('[data-part="state"]').textContent()).toContain('freeindex 10')
  })

  it('a prose link and the URL hash move the figure', async () => {
    await page.goto(chapter)
    await ready()
    await page.locator('a[data-goto="gc-cycle:sweep"]').click()
    expect(await op()).toContain('Step 5 of 9')
    await page.goto(`${chapter}#gc-cycle:step=4`)
    await ready()
    expect(await op()).toContain('Step 4 of 9')
  })

  it('plays under reduced motion, without transitions', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(chapter)
    await ready()
    const t = await fig()
      .locator('.gcc-slot')
      .first()
      .evaluate((el) => getComputedStyle(el).transitionDuration)
    expect(t.split(',').every((d) => parseFloat(d) === 0)).toBe(true)
    await playBriefly(page, sel, /Step [1-9] of 9/)
  })

  it('reads in light and dark themes (Starlight theme switch)', async () => {
    await page.goto(chapter)
    await ready()
    await fig().locator('[data-ctl="scrub"]').fill('5')
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('starlight-theme-select select').first().selectOption(theme)
      expect(await page.getAttribute('html', 'data-theme')).toBe(theme)
      const ratios = await contrastRatios(page, sel, [
        { of: '.gcc-slot.gcc-alloc .gcc-word' },
        { of: '.gcc-slot.gcc-free .gcc-word' },
        { of: '[data-field="sweepgen"]' },
        { of: '.nb-summary' },
      ])
      for (const r of ratios) expect(r, `${theme}: text contrast`).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    const phone = await phoneLayout(browser, chapter, sel, '5')
    expect(phone.overflow).toBeLessThanOrEqual(1)
    expect(phone.right).toBeLessThanOrEqual(361)
    expect(phone.errors).toEqual([])
  })
})
