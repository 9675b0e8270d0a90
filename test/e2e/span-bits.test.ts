// The span-bits figure in a real browser: the static starting state (before any script runs),
// stepping with the keyboard to the 64-slot boundary and on, the form switching to a scan span
// (heap bits at the tail), prose links and the URL hash, the page's Go version, the Chinese page,
// light and dark themes, a phone screen (reduced motion: in reduced-motion.test.ts, with every figure).
import { describe, expect, inject, it } from 'vitest'
import { expectContrastInThemes, expectFitsPhone, useFigure, withoutScript } from './browser.ts'

const chapter = `${inject('siteUrl')}mspan/`
const zhChapter = `${inject('siteUrl')}zh/mspan/`
const { root: sel, page, browser, fig, ready } = useFigure('span-bits')
const op = () => fig().locator('[data-ctl="op"]').textContent()
const field = (name: string) => fig().locator(`[data-field="${name}"]`).textContent()

describe('span-bits figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    await withoutScript(browser(), chapter, sel, async (f) => {
      expect(await f.getAttribute('data-ready')).toBeNull()
      expect(await f.locator('[data-ctl="op"]').textContent()).toContain('Step 0 of')
      expect(await f.locator('[data-field="freeindex"]').textContent()).toBe('1')
      expect(await f.locator('.sb-slots [data-slot]').count()).toBeGreaterThan(100)
      expect(await f.locator('[data-part="table"] tbody tr').count()).toBeGreaterThan(100)
    })
  })

  it('steps with the keyboard through the fast path to the 64-slot boundary', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('[data-ctl="fwd"]').focus()
    await page().keyboard.press('Enter')
    expect(await op()).toContain('Step 1 of')
    expect(await op()).toContain('nextFreeFast')
    expect(await field('freeindex')).toBe('2')
    await fig().locator('[data-ctl="scrub"]').fill('62')
    await fig().locator('[data-ctl="fwd"]').focus()
    await page().keyboard.press('ArrowRight')
    expect(await op()).toContain('Step 63 of')
    expect(await op()).toContain('64-slot boundary')
    expect(await field('freeindex')).toBe('64')
    await page().keyboard.press('End')
    expect(await op()).toContain('nextFreeFast')
    expect(await fig().locator('[data-part="table"] tr[aria-current="true"] th').textContent()).toContain(
      '10',
    )
  })

  it('switches to a scan span: fewer slots, heap bits at the tail', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('input[name="pointers"]').check()
    await expect.poll(() => field('nelems')).toContain('heap bits')
    expect(await fig().locator('.sb-strip .sb-brace').count()).toBeGreaterThan(0)
  })

  it('a prose link and the URL hash move the figure', async () => {
    await page().goto(chapter)
    await ready()
    await page().locator('a[data-goto="span-bits:sweep"]').click()
    expect(await op()).toContain('sweeper')
    expect(await field('freeindex')).toBe('0')
    await page().goto(`${chapter}#span-bits:size=128&pointers=0&step=5`)
    await ready()
    expect(await op()).toContain('Step 5 of')
    expect(await fig().locator('select[name="size"]').inputValue()).toBe('128')
  })

  it('follows the page’s Go version, keeping the step', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('[data-ctl="scrub"]').fill('3')
    await page().evaluate(() => {
      document.documentElement.setAttribute('data-go-version', '1.21')
      document.dispatchEvent(new CustomEvent('go-version-change', { detail: { version: '1.21' } }))
    })
    expect(await op()).toContain('Step 3 of')
    expect(await fig().locator('.nb-summary').textContent()).toContain('Go 1.21')
  })

  it('speaks Chinese on the Chinese page', async () => {
    await page().goto(zhChapter)
    await ready()
    await fig().locator('[data-ctl="fwd"]').click()
    expect(await op()).toContain('第 1 步')
    expect(await fig().locator('[data-ctl="play"]').textContent()).toBe('播放')
    expect(await fig().locator('.nb-summary').textContent()).toContain('槽位')
  })

  it('reads in light and dark themes (Starlight theme switch)', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('[data-ctl="scrub"]').fill('72')
    await expectContrastInThemes(page(), sel, [
      { of: '.nb-summary', what: 'summary' },
      { of: '[data-field="freeindex"]', what: 'status' },
      { of: '.sb-slots .nb-m-bit0 rect', prop: 'stroke', against: '.sb-slots', min: 3, what: 'bit outlines' },
    ])
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    await expectFitsPhone(browser(), chapter, sel, '72')
  })
})
