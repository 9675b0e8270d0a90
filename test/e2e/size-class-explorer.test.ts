// The size-class explorer in a real browser: hydration, typing, nonsense, large sizes, keyboard,
// light and dark themes, URL state and prose links, no console errors.
import { describe, expect, inject, it } from 'vitest'
import { expectContrastInThemes, expectFitsPhone, useFigure, withoutScript } from './browser.ts'

const chapter = `${inject('siteUrl')}size-classes/`
const { root: sel, page, browser, fig, ready } = useFigure('size-class-explorer')
const summary = () => fig().locator('[data-part="summary"]').textContent()

describe('size-class explorer', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    await withoutScript(browser(), chapter, sel, async (f) => {
      expect(await f.getAttribute('data-ready')).toBeNull()
      expect(await f.locator('[data-part="summary"]').textContent()).toContain('class 5')
      expect(await f.locator('tr[aria-current="true"] th').textContent()).toBe('5')
    })
  })

  it('becomes ready without being scrolled to (idle hydration)', async () => {
    await page().goto(chapter)
    await page().waitForSelector(`${sel}[data-ready]`, { timeout: 10_000 })
  })

  it('typing a size updates the class, slot, table row and plot', async () => {
    await page().goto(chapter)
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
    await page().goto(chapter)
    await ready()
    await fig().locator('input[name="size"]').fill(text)
    const msg = fig().locator('[data-part="message"]')
    await msg.waitFor()
    expect(await msg.textContent()).toMatch(re)
    expect(await fig().locator('input[name="size"]').getAttribute('aria-invalid')).toBe('true')
    expect(await fig().locator('tr[aria-current="true"]').count()).toBe(0)
  })

  it('above 32760 B explains large objects and shows whole pages', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('input[name="size"]').fill('40000')
    const text = await fig().locator('[data-part="result"]').textContent()
    expect(text).toContain('large')
    expect(text).toContain('5 pages')
    await fig().locator('input[name="size"]').fill('32761')
    expect(await fig().locator('[data-part="note"]').textContent()).toContain('32760')
  })

  it('is usable by keyboard: type, toggle pointers; follows the page’s Go version', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('input[name="size"]').focus()
    await page().keyboard.press('Control+A')
    await page().keyboard.type('33')
    await page().keyboard.press('Tab') // slider
    await page().keyboard.press('Tab') // pointers checkbox
    expect(await page().evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      'pointers',
    )
    await page().keyboard.press('Space')
    // Go 1.27, 48 B with pointers: (8192 − 128 pointer bits − 128 inline mark bits) / 48 = 165.
    expect(await fig().locator('[data-part="result"]').textContent()).toContain('165')
    await page().locator('select[data-go-version-select]').selectOption('1.22')
    // Go 1.22: (8192 − 128) / 48 = 168.
    expect(await fig().locator('[data-part="result"]').textContent()).toContain('168')
    await page().locator('select[data-go-version-select]').selectOption('1.21')
    expect(await fig().locator('[data-part="result"]').textContent()).toContain('170')
    // The slider moves with arrow keys.
    await fig().locator('input[name="slider"]').focus()
    await page().keyboard.press('ArrowRight')
    expect(await fig().locator('input[name="size"]').inputValue()).toBe('34')
  })

  it('reads in light and dark themes (Starlight theme switch)', async () => {
    await page().goto(chapter)
    await ready()
    await expectContrastInThemes(page(), sel, [{ of: '[data-part="summary"]', what: 'text contrast' }])
  })

  it('opens in the state named by the URL hash and offers a link to its state', async () => {
    await page().goto(`${chapter}#size-class-explorer:size=1020&noscan=0&go=1.22`)
    await ready()
    expect(await fig().locator('input[name="size"]').inputValue()).toBe('1020')
    expect(await summary()).toContain('class 33')
    const href = await fig().locator('[data-part="link"]').getAttribute('href')
    expect(href).toContain('size=1020')
    expect(href).toContain('noscan=0')
  })

  it('a prose link moves the figure', async () => {
    await page().goto(chapter)
    await ready()
    await page().locator('a[data-goto="size-class-explorer:100000"]').click()
    expect(await fig().locator('input[name="size"]').inputValue()).toBe('100000')
    expect(await fig().locator('[data-part="result"]').textContent()).toContain('13 pages')
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    await expectFitsPhone(browser(), chapter, sel)
  })
})
