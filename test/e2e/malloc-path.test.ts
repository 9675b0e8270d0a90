// The home page's figure in a real browser: the starting state in the static HTML (33 bytes through
// all five stages), typing a size and allocating again with the keyboard (a cache hit), a bad
// size, the prose links (tiny and large) and the URL hash, links into the chapters, both themes,
// reduced motion, a phone screen, and the Chinese home page.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { contrastRatios, useBrowserPage, watchErrors } from './browser.ts'

const site = inject('siteUrl')
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const sel = '[data-widget="malloc-path"]'
const fig = (p: Page = page) => p.locator(sel)
const ready = async (p: Page = page) => {
  await fig(p).scrollIntoViewIfNeeded()
  await p.waitForSelector(`${sel}[data-ready]`, { timeout: 10_000 })
}
const visited = async () =>
  fig()
    .locator('.mp-box.mp-on')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')))

/** The page's Go version switch in the header (the first select: the desktop header's). */
const switchGo = (p: Page, v: string) => p.locator('select[data-go-version-select]').first().selectOption(v)

describe('malloc-path figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(site)
    const f = fig(p)
    expect(await f.getAttribute('data-ready')).toBeNull()
    expect(await f.locator('.mp-box.mp-on').count()).toBe(5)
    expect(await f.locator('.mp-steps li').count()).toBe(5)
    expect(await f.locator('.mp-steps').textContent()).toContain('size class 5, a 48-byte slot')
    expect(await f.locator('[data-ctl="again"]').isDisabled()).toBe(true)
    await ctx.close()
  })

  it('follows a typed size and the next allocation with the keyboard', async () => {
    await page.goto(site)
    await ready()
    await fig().locator('[data-ctl="size"]').fill('1024')
    // 1024 bytes with pointers carry an 8-byte malloc header (Go 1.22+): 1032 → the 1152-byte class 33.
    expect(await fig().locator('.mp-steps').textContent()).toContain('size class 33, a 1152-byte slot')
    await fig().locator('[data-ctl="noscan"]').focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter') // allocate it again
    expect(await visited()).toEqual(['class', 'mcache', 'slot'])
    expect(await fig().locator('.mp-steps').textContent()).toContain('nextFreeFast')
    expect(await fig().locator('.mp-nth').textContent()).toContain('allocation number 2')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter') // fresh heap
    expect(await visited()).toEqual(['class', 'mcache', 'mcentral', 'mheap', 'slot'])
    await fig().locator('[data-ctl="size"]').fill('12q')
    expect(await fig().locator('[role="alert"]').textContent()).toContain('“12q” is not a size')
    expect(await fig().locator('[data-ctl="again"]').isDisabled()).toBe(true)
  })

  it('prose links, the URL hash and links into the chapters', async () => {
    await page.goto(site)
    await ready()
    await page.locator('a[data-goto="malloc-path:size=8&noscan=1"]').click()
    expect(await fig().locator('[data-ctl="noscan"]').isChecked()).toBe(true)
    expect(await fig().locator('.mp-steps').textContent()).toContain('tiny allocator')
    await page.locator('a[data-goto="malloc-path:40000"]').click()
    expect(await visited()).toEqual(['class', 'mheap', 'slot'])
    await page.goto(`${site}#malloc-path:size=33&noscan=0&n=3`)
    await ready()
    expect(await fig().locator('.mp-nth').textContent()).toContain('allocation number 3')
    const href = await fig()
      .locator('.mp-steps li[data-stage="mheap"] a, .mp-steps li[data-stage="mcache"] a')
      .first()
      .getAttribute('href')
    expect(href).toMatch(/^\/go-alloc\/(mcache|mheap)\/$/)
  })

  it('reads in light and dark themes, and under reduced motion', async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(site)
    await ready()
    await fig().locator('[data-ctl="fresh"]').click()
    const anim = await page.evaluate(
      (s) => getComputedStyle(document.querySelector(`${s} .mp-on .nb-m-box`) as Element).animationName,
      sel,
    )
    expect(anim).toBe('none')
    for (const theme of ['light', 'dark'] as const) {
      await page.locator('starlight-theme-select select').first().selectOption(theme)
      const [summary, steps, box, off] = await contrastRatios(page, sel, [
        { of: '.nb-summary' },
        { of: '.mp-steps li' },
        { of: '.mp-on .nb-m-box', prop: 'stroke', against: '.mp-svg' },
        { of: '.mp-t', prop: 'fill', against: '.mp-svg' },
      ])
      expect(summary, `${theme}: summary`).toBeGreaterThanOrEqual(4.5)
      expect(steps, `${theme}: steps`).toBeGreaterThanOrEqual(4.5)
      expect(box, `${theme}: visited boxes`).toBeGreaterThanOrEqual(3)
      expect(off, `${theme}: box labels`).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } })
    const errors = watchErrors(phone)
    await phone.goto(site)
    await ready(phone)
    await fig(phone).locator('[data-ctl="size"]').fill('40000')
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    const box = await fig(phone).boundingBox()
    await phone.close()
    expect(overflow).toBeLessThanOrEqual(1)
    expect(box!.x + box!.width).toBeLessThanOrEqual(361)
    expect(errors).toEqual([])
  })

  it('follows the page’s Go version', async () => {
    await page.goto(site)
    await ready()
    await fig().locator('[data-ctl="size"]').fill('1024')
    expect(await fig().locator('.mp-steps').textContent()).toContain('size class 33')
    await switchGo(page, '1.21') // no malloc header before Go 1.22: 1024 bytes fit class 32
    expect(await fig().locator('.mp-steps').textContent()).toContain('size class 32, a 1024-byte slot')
  })

  it('speaks Chinese on the Chinese home page', async () => {
    await page.goto(`${site}zh/`)
    await ready()
    expect(await fig().locator('[data-ctl="again"]').textContent()).toBe('再分配一次')
    expect(await fig().locator('.mp-steps').textContent()).toContain('大小等级 5')
    expect(await fig().locator('.mp-steps a').first().getAttribute('href')).toMatch(/^\/go-alloc\/zh\//)
  })
})
