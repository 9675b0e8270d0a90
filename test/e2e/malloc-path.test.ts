// The home page's figure in a real browser: the starting state in the static HTML (33 bytes through
// all five stages), typing a size and allocating again with the keyboard (a cache hit), a bad
// size, the prose links (tiny and large) and the URL hash, links into the chapters, both themes,
// a phone screen, and the Chinese home page (reduced motion: in reduced-motion.test.ts, with every
// figure).
import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { attrOfAll, expectContrastInThemes, expectFitsPhone, useFigure, withoutScript } from './browser.ts'

const site = inject('siteUrl')
const { root: sel, page, browser, fig, ready } = useFigure('malloc-path')
const visited = () => attrOfAll(fig().locator('.mp-box.mp-on'), 'data-stage')

/** The page's Go version switch in the header (the first select: the desktop header's). */
const switchGo = (p: Page, v: string) => p.locator('select[data-go-version-select]').first().selectOption(v)

describe('malloc-path figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    await withoutScript(browser(), site, sel, async (f) => {
      expect(await f.getAttribute('data-ready')).toBeNull()
      expect(await f.locator('.mp-box.mp-on').count()).toBe(5)
      expect(await f.locator('.mp-steps li').count()).toBe(5)
      expect(await f.locator('.mp-steps').textContent()).toContain('size class 5, a 48-byte slot')
      expect(await f.locator('[data-ctl="again"]').isDisabled()).toBe(true)
    })
  })

  it('follows a typed size and the next allocation with the keyboard', async () => {
    await page().goto(site)
    await ready()
    await fig().locator('[data-ctl="size"]').fill('1024')
    // 1024 bytes with pointers carry an 8-byte malloc header (Go 1.22+): 1032 → the 1152-byte class 33.
    expect(await fig().locator('.mp-steps').textContent()).toContain('size class 33, a 1152-byte slot')
    await fig().locator('[data-ctl="noscan"]').focus()
    await page().keyboard.press('Tab')
    await page().keyboard.press('Enter') // allocate it again
    expect(await visited()).toEqual(['class', 'mcache', 'slot'])
    expect(await fig().locator('.mp-steps').textContent()).toContain('nextFreeFast')
    expect(await fig().locator('.mp-nth').textContent()).toContain('allocation number 2')
    await page().keyboard.press('Tab')
    await page().keyboard.press('Enter') // fresh heap
    expect(await visited()).toEqual(['class', 'mcache', 'mcentral', 'mheap', 'slot'])
    await fig().locator('[data-ctl="size"]').fill('12q')
    expect(await fig().locator('[role="alert"]').textContent()).toContain('“12q” is not a size')
    expect(await fig().locator('[data-ctl="again"]').isDisabled()).toBe(true)
  })

  it('prose links, the URL hash and links into the chapters', async () => {
    await page().goto(site)
    await ready()
    await page().locator('a[data-goto="malloc-path:size=8&noscan=1"]').click()
    expect(await fig().locator('[data-ctl="noscan"]').isChecked()).toBe(true)
    expect(await fig().locator('.mp-steps').textContent()).toContain('tiny allocator')
    await page().locator('a[data-goto="malloc-path:40000"]').click()
    expect(await visited()).toEqual(['class', 'mheap', 'slot'])
    await page().goto(`${site}#malloc-path:size=33&noscan=0&n=3`)
    await ready()
    expect(await fig().locator('.mp-nth').textContent()).toContain('allocation number 3')
    const href = await fig()
      .locator('.mp-steps li[data-stage="mheap"] a, .mp-steps li[data-stage="mcache"] a')
      .first()
      .getAttribute('href')
    expect(href).toMatch(/^\/go-alloc\/(mcache|mheap)\/$/)
  })

  it('reads in light and dark themes', async () => {
    await page().goto(site)
    await ready()
    await fig().locator('[data-ctl="fresh"]').click()
    await expectContrastInThemes(page(), sel, [
      { of: '.nb-summary', what: 'summary' },
      { of: '.mp-steps li', what: 'steps' },
      { of: '.mp-on .nb-m-box', prop: 'stroke', against: '.mp-svg', min: 3, what: 'visited boxes' },
      { of: '.mp-t', prop: 'fill', against: '.mp-svg', what: 'box labels' },
    ])
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    await expectFitsPhone(browser(), site, sel, (f) => f.locator('[data-ctl="size"]').fill('40000'))
  })

  it('follows the page’s Go version', async () => {
    await page().goto(site)
    await ready()
    await fig().locator('[data-ctl="size"]').fill('1024')
    expect(await fig().locator('.mp-steps').textContent()).toContain('size class 33')
    await switchGo(page(), '1.21') // no malloc header before Go 1.22: 1024 bytes fit class 32
    expect(await fig().locator('.mp-steps').textContent()).toContain('size class 32, a 1024-byte slot')
  })

  it('speaks Chinese on the Chinese home page', async () => {
    await page().goto(`${site}zh/`)
    await ready()
    expect(await fig().locator('[data-ctl="again"]').textContent()).toBe('再分配一次')
    expect(await fig().locator('.mp-steps').textContent()).toContain('大小等级 5')
    expect(await fig().locator('.mp-steps a').first().getAttribute('href')).toMatch(/^\/go-alloc\/zh\//)
  })
})
