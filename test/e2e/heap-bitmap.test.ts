// The heap-bitmap figure in a real browser: the static starting state (before any script runs),
// hydration, toggling a word with the keyboard (the bit under it flips), a preset and a scheme
// from the form, prose links and the URL hash, the page's Go version choosing the highlighted
// scheme, the Chinese page, light and dark themes, a phone screen.
import { describe, expect, inject, it } from 'vitest'
import { expectContrastInThemes, expectFitsPhone, useFigure, watchErrors, withoutScript } from './browser.ts'

const chapter = `${inject('siteUrl')}bitmap/`
const zhChapter = `${inject('siteUrl')}zh/bitmap/`
const { root: sel, page, browser, fig, ready } = useFigure('heap-bitmap')
const summary = () => fig().locator('.nb-summary').textContent()

describe('heap-bitmap figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    await withoutScript(browser(), chapter, sel, async (f) => {
      expect(await f.getAttribute('data-ready')).toBeNull()
      // the default Go version (1.27) uses the 1.26+ scheme; struct{ id int; next *T; n int }
      expect(await f.getAttribute('data-scheme')).toBe('greentea')
      expect(await f.locator('.hb-tws [data-word]').count()).toBe(3)
      expect(await f.locator('.hb-costs tbody tr').count()).toBe(5)
      expect(await f.locator('.hb-costs tr[data-scheme="greentea"] .hb-here').count()).toBe(1)
      expect(await f.locator('.nb-summary').textContent()).toContain('24-byte object')
    })
  })

  it('toggles a word with the keyboard and the bit under it flips', async () => {
    const errors = watchErrors(page())
    await page().goto(chapter)
    await ready()
    const bitOfWord0 = () => fig().locator('[data-part="table"] tr[data-word="0"] td').last().textContent()
    expect(await bitOfWord0()).toBe('0')
    await fig().locator('.hb-tws [data-word="0"]').focus()
    await page().keyboard.press('Enter')
    expect(await fig().locator('.hb-tws [data-word="0"]').getAttribute('aria-pressed')).toBe('true')
    // focus stays on the toggled word
    expect(await page().evaluate(() => document.activeElement?.getAttribute('data-word'))).toBe('0')
    expect(await bitOfWord0()).toBe('1')
    await page().keyboard.press('Space')
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
    await page().goto(chapter)
    await ready()
    await page().locator('a[data-goto="heap-bitmap:pairs-100@span"]').click()
    expect(await fig().getAttribute('data-scheme')).toBe('span')
    expect(await summary()).toContain('8-byte type header')
    await page().goto(`${chapter}#heap-bitmap:type=p&n=5000&i=0&scheme=arena1`)
    await ready()
    expect(await fig().getAttribute('data-scheme')).toBe('arena1')
    expect(await fig().locator('.hb-tws [data-word]').count()).toBe(1)
    expect(await fig().locator('input[name="count"]').inputValue()).toBe('5000')
  })

  it('follows the page’s Go version', async () => {
    await page().goto(chapter)
    await ready()
    await page().evaluate(() => {
      document.documentElement.setAttribute('data-go-version', '1.21')
      document.dispatchEvent(new CustomEvent('go-version-change', { detail: { version: '1.21' } }))
    })
    expect(await fig().getAttribute('data-scheme')).toBe('arena1')
    expect(await fig().locator('.hb-costs tr[data-scheme="arena1"] .hb-here').count()).toBe(1)
    expect(await fig().locator('.hb-costs tr[data-scheme="greentea"] .hb-here').count()).toBe(0)
  })

  it('speaks Chinese on the Chinese page', async () => {
    await page().goto(zhChapter)
    await ready()
    expect(await fig().locator('.hb-costs caption').textContent()).toContain('每种方案')
    await fig().locator('.hb-tws [data-word="2"]').click()
    expect(await summary()).toMatch(/字节的对象/)
  })

  it('reads in light and dark themes (Starlight theme switch)', async () => {
    await page().goto(chapter)
    await ready()
    await expectContrastInThemes(page(), sel, [
      { of: '.nb-summary', what: 'summary' },
      { of: '.hb-costs td', what: 'cost table' },
      { of: '.hb-bytes .nb-m-bit0 rect', prop: 'stroke', against: '.hb-bytes', min: 3, what: 'bit outlines' },
    ])
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    await expectFitsPhone(browser(), `${chapter}#heap-bitmap:type=ps&n=32&i=1`, sel)
  })
})
