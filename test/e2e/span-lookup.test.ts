// The spans figure in a real browser: the full walk of a 48-byte object's byte in the static HTML,
// walking step by step with the keyboard, picking the stale entry of a freed span (rejected by the
// state check), bad input, the URL hash and a prose link, both themes, a phone screen, and the
// Chinese page (reduced motion: in reduced-motion.test.ts, with every figure).
import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { expectContrastInThemes, expectFitsPhone, useFigure, withoutScript } from './browser.ts'

const site = inject('siteUrl')
const chapter = `${site}spans/`
const { root: sel, page, browser, fig, ready } = useFigure('span-lookup')
const stepOf = () => fig().locator('[data-part="stepof"]').textContent()
const current = () => fig().locator('li[aria-current="step"]').textContent()

/** The page's Go version switch in the header (the first select: the desktop header's). */
const switchGo = (p: Page, v: string) => p.locator('select[data-go-version-select]').first().selectOption(v)

describe('span-lookup figure', () => {
  it('shows the whole walk in the static HTML, before any script runs', async () => {
    await withoutScript(browser(), chapter, sel, async (f) => {
      expect(await f.getAttribute('data-ready')).toBeNull()
      expect(await f.locator('[data-part="stepof"]').textContent()).toBe('Step 6 of 6')
      expect(await f.locator('.sl-steps li').count()).toBe(6)
      expect(await f.locator('[data-entry]').count()).toBe(32)
      expect(await f.locator('.sl-steps').textContent()).toContain('object 2')
    })
  })

  it('walks step by step with the keyboard', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('[data-ctl="walk"]').focus()
    await page().keyboard.press('Enter')
    expect(await stepOf()).toBe('Step 1 of 6')
    expect(await current()).toMatch(/\(p \+ 2\^47\) >> 26 = \d+/)
    expect(await fig().locator('.sl-steps li:not([hidden])').count()).toBe(1)
    await page().keyboard.press('Tab') // Previous is disabled at step 1: focus goes to Next
    await page().keyboard.press('Enter')
    await page().keyboard.press('Enter')
    expect(await stepOf()).toBe('Step 3 of 6')
    expect(await current()).toMatch(/heapArena\.spans\[\d+\] = mspan A/)
    expect(await fig().locator('.sl-panel').first().locator('.sl-entry.sl-on').count()).toBe(1)
    await page().keyboard.press('Enter')
    await page().keyboard.press('Enter')
    await page().keyboard.press('Enter')
    expect(await stepOf()).toBe('Step 6 of 6')
    expect(await fig().locator('[data-ctl="next"]').isDisabled()).toBe(true)
  })

  it('rejects the stale entry of a freed span, and explains bad input', async () => {
    await page().goto(chapter)
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
    await page().goto(chapter)
    await ready()
    await fig().locator('.sl-panel').first().locator('[data-page="12"]').click()
    expect(await current()).toContain('mSpanDead')
    await fig().locator('.sl-panel').first().locator('[data-page="2"]').click()
    expect(await current()).toContain('object 0')
    await fig().locator('.sl-panel').first().locator('[data-slot="3"]').click()
    expect(await current()).toContain('object 3')
  })

  it('a prose link and the URL hash move the figure', async () => {
    await page().goto(chapter)
    await ready()
    await page().locator('a[data-goto="span-lookup:stale"]').click()
    expect(await current()).toContain('mSpanDead')
    await page().goto(`${chapter}#span-lookup:pick=multi&step=3`)
    await ready()
    expect(await stepOf()).toBe('Step 3 of 6')
    expect(await current()).toContain('mspan C')
    const addr = await fig().locator('[data-ctl="addr"]').inputValue()
    expect(await fig().locator('[data-part="link"]').getAttribute('href')).toBe(
      `#span-lookup:addr=${addr}&step=3`,
    )
  })

  it('reads in light and dark themes', async () => {
    await page().goto(chapter)
    await ready()
    await expectContrastInThemes(page(), sel, [
      { of: '.nb-summary', what: 'summary' },
      { of: '.sl-steps li', what: 'steps' },
      { of: '.nb-m-legend li', what: 'legend' },
      { of: '.sl-entry.sl-nil rect', prop: 'stroke', against: '.sl-svg', min: 3, what: 'entry outlines' },
      {
        of: '[data-page="0"] .nb-m-plabel',
        prop: 'fill',
        against: '[data-page="0"] .nb-m-box',
        againstProp: 'fill',
        what: 'span letter on its class colour',
      },
    ])
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    await expectFitsPhone(browser(), chapter, sel, (f) =>
      f.locator('[data-ctl="pick"]').selectOption('large'),
    )
  })

  it('follows the page’s Go version', async () => {
    await page().goto(chapter)
    await ready()
    // Go 1.27: 48-byte spans end in 128 B of inline mark bits, 168 slots; Go 1.25: 8192 / 48 = 170.
    expect(await fig().locator('[data-part="table"] tbody tr').first().textContent()).toContain('/ 168')
    await switchGo(page(), '1.25')
    expect(await fig().locator('[data-part="table"] tbody tr').first().textContent()).toContain('/ 170')
    // Fixed heap base before 1.26: the pick follows its byte to 0xc000000000 + 2 × 48 + 5.
    expect(await fig().locator('[data-ctl="addr"]').inputValue()).toBe('0xc000000065')
    expect(await current()).toContain('object 2')
  })

  it('speaks Chinese on the Chinese page', async () => {
    await page().goto(`${site}zh/spans/`)
    await ready()
    expect(await fig().locator('[data-ctl="next"]').textContent()).toBe('下一步 ▶')
    expect(await stepOf()).toBe('第 6 步，共 6 步')
    await fig().locator('[data-ctl="pick"]').selectOption('stale')
    expect(await current()).toContain('过期指针')
  })
})
