// The arena figure in a real browser: the starting state in the static HTML (no script), growing
// the heap with the keyboard until a third arena is reserved, freeing it all (chunks fall back to
// Prepared), typing addresses (a legacy object, bad input with a clear message), the URL hash and
// a prose link, both themes, a phone screen, and the Chinese page (reduced motion: in
// reduced-motion.test.ts, with every figure).
import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { expectContrastInThemes, expectFitsPhone, useFigure, withoutScript } from './browser.ts'

const site = inject('siteUrl')
const chapter = `${site}arena/`
const { root: sel, page, browser, fig, ready } = useFigure('arena-map')
const count = (css: string, p: Page = page()) => fig(p).locator(`[data-part="view"] .am-svg ${css}`).count()

/** The page's Go version switch in the header (the first select: the desktop header's). */
const switchGo = (p: Page, v: string) => p.locator('select[data-go-version-select]').first().selectOption(v)

describe('arena-map figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    await withoutScript(browser(), chapter, sel, async (f, p) => {
      expect(await f.getAttribute('data-ready')).toBeNull()
      // Go 1.27 randomizes the heap base: the arenas are wherever seed 1 put them, 16 chunks each.
      const arenas = await count('[data-l2].am-has', p)
      expect(arenas).toBeGreaterThanOrEqual(2)
      expect(await count('[data-chunk]', p)).toBe(16 * arenas)
      expect(await f.locator('[data-part="basenote"]').textContent()).toContain('seed 1')
      expect(await f.locator('[data-part="lookup"]').textContent()).toMatch(
        /arenas\[0\]\[\d+\] → a heapArena/,
      )
      expect(await f.locator('[data-part="summary"]').textContent()).toContain(`${arenas} heap arenas`)
      expect(await f.locator('[data-ctl="alloc"]').isDisabled()).toBe(true)
    })
  })

  it('grows the heap and frees it with the keyboard', async () => {
    await page().goto(`${chapter}#arena-map:ops=10,10,60&base=fixed`)
    await ready()
    await fig().locator('[data-ctl="size"]').focus()
    await page().keyboard.press('End') // 60 MiB
    await page().keyboard.press('Tab')
    await page().keyboard.press('Enter')
    expect(await fig().locator('[data-part="program"]').textContent()).toContain(
      '10 MiB, 10 MiB, 60 MiB, 60 MiB',
    )
    expect(await count('[data-l2].am-has')).toBe(3)
    // 84 MiB mapped, 4 MiB of it free at the top; a 60 MiB object takes those 4 MiB and 56 more,
    // but growth asks for whole chunks: 60 MiB more, so the last chunk stays untouched (Prepared).
    expect(await count('.am-ready')).toBe(35)
    expect(await count('.nb-m-p-scavenged')).toBe(1)
    await page().keyboard.press('Tab')
    await page().keyboard.press('Enter') // free all
    expect(await count('.am-ready')).toBe(0)
    expect(await count('.nb-m-p-scavenged')).toBe(36)
    expect(await count('[data-l2].am-has')).toBe(3)
    await page().keyboard.press('Tab')
    await page().keyboard.press('Enter') // start over
    expect(await count('[data-l2].am-has')).toBe(2)
  })

  it('looks up typed addresses and explains bad input', async () => {
    await page().goto(`${chapter}#arena-map:ops=10,10,60&base=fixed`)
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
    await page().goto(`${chapter}#arena-map:ops=10,10,60&base=fixed`)
    await ready()
    await fig().locator('[data-part="view"] [data-addr="0xc004c00000"]').click()
    expect(await fig().locator('[data-ctl="addr"]').inputValue()).toBe('0xc004c00000')
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('chunk 3 of 16')
    await fig().locator('[data-part="view"] [data-l2="2109442"]').click()
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('arenas[0][2109442] is nil')
  })

  it('a prose link and the URL hash move the figure', async () => {
    await page().goto(chapter)
    await ready()
    await page().locator('a[data-goto="arena-map:0xc420000000"]').click()
    expect(await fig().locator('[data-ctl="addr"]').inputValue()).toBe('0xc420000000')
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('is nil')
    await page().goto(`${chapter}#arena-map:ops=60,60,60&addr=0xc008000000&base=fixed`)
    await ready()
    expect(await count('[data-l2].am-has')).toBe(3)
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('arenas[0][2109442]')
    // A bad seed is named and changes nothing.
    await page().goto(`${chapter}#arena-map:ops=10&seed=3`)
    await ready()
    const l2 = await fig().locator('[data-l2].am-has').first().getAttribute('data-l2')
    await fig().locator('[data-ctl="seed"]').fill('-2')
    await fig().locator('[data-ctl="seed"]').press('Enter')
    await fig().locator('[data-ctl="seed"]').blur()
    expect(await fig().locator('[data-part="program"]').textContent()).toContain('got “-2”')
    expect(await fig().locator('[data-l2].am-has').first().getAttribute('data-l2')).toBe(l2)
    // Another seed, another base.
    const before = await fig().locator('[data-l2].am-has').first().getAttribute('data-l2')
    await page().goto(`${chapter}#arena-map:ops=10&seed=7`)
    await ready()
    expect(await fig().locator('[data-ctl="seed"]').inputValue()).toBe('7')
    expect(await fig().locator('[data-l2].am-has').first().getAttribute('data-l2')).not.toBe(before)
  })

  it('reads in light and dark themes', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('[data-ctl="alloc"]').click()
    await expectContrastInThemes(page(), sel, [
      { of: '.nb-summary', what: 'summary' },
      { of: '[data-part="lookup"] li', what: 'lookup' },
      { of: '.nb-m-legend li', what: 'legend' },
      { of: '.am-l2.am-nil rect', prop: 'stroke', against: '.am-svg', min: 3, what: 'outlines' },
    ])
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    await expectFitsPhone(browser(), chapter, sel, (f) => f.locator('[data-ctl="alloc"]').click())
  })

  it('follows the page’s Go version', async () => {
    await page().goto(chapter)
    await ready()
    expect(await fig().locator('[data-part="basenote"]').textContent()).toContain('randomized')
    await switchGo(page(), '1.25') // no randomized heap base before Go 1.26
    expect(await fig().locator('.am-panelhead').nth(1).textContent()).toContain('Go 1.25')
    expect(await fig().locator('[data-part="basenote"]').textContent()).toContain('fixed')
    expect(await fig().locator('[data-ctl="addr"]').inputValue()).toBe('0xc000000000')
    expect(await count('[data-l2].am-has')).toBe(2)
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('arenas[0][2109440]')
  })

  it('speaks Chinese on the Chinese page', async () => {
    await page().goto(`${site}zh/arena/`)
    await ready()
    expect(await fig().locator('[data-ctl="free"]').textContent()).toBe('全部释放并归还操作系统')
    expect(await fig().locator('.nb-m-legend').textContent()).toContain('已预留')
    await fig().locator('[data-ctl="addr"]').fill('0xg')
    expect(await fig().locator('[data-part="lookup"]').textContent()).toContain('不是十六进制数字')
  })
})
