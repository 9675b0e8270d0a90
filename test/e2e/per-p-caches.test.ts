// The per-P caches figure in a real browser, drawn with the shared memory pieces: the static
// starting state, hydration, stepping with the keyboard (each cache's current span fills in its
// size class's colour), the form and the URL hash, light and dark themes, a phone screen.
import { describe, expect, inject, it } from 'vitest'
import { expectContrastInThemes, expectFitsPhone, useFigure, withoutScript } from './browser.ts'

const chapter = `${inject('siteUrl')}mcache/`
const { root: sel, page, browser, fig, ready } = useFigure('per-p-caches')
const op = () => fig().locator('[data-ctl="op"]').textContent()
/** Slots drawn in use in the first side's cache strips. */
const usedSlots = () => fig().locator('.ppc-side').first().locator('.nb-m-strip .nb-m-used').count()

describe('per-p-caches figure', () => {
  it('shows the starting state in the static HTML, before any script runs', async () => {
    await withoutScript(browser(), chapter, sel, async (f) => {
      expect(await f.getAttribute('data-ready')).toBeNull()
      expect(await f.locator('[data-ctl="op"]').textContent()).toContain('Step 0 of')
      expect(await f.locator('.ppc-side').count()).toBe(2)
      // nothing allocated yet: no cache holds a span
      expect(await f.locator('.ppc-side .nb-m-strip').count()).toBe(0)
    })
  })

  it('steps with the keyboard; each cache’s span fills in its class colour', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('[data-ctl="fwd"]').focus()
    await page().keyboard.press('Enter')
    expect(await op()).toContain('Step 1 of')
    await expect.poll(usedSlots).toBeGreaterThan(0)
    const before = await usedSlots()
    for (let i = 0; i < 3; i++) await page().keyboard.press('ArrowRight')
    expect(await op()).toContain('Step 4 of')
    expect(await usedSlots()).toBeGreaterThan(before)
    const fill = await fig()
      .locator('.ppc-side .nb-m-used rect')
      .first()
      .evaluate((r) => getComputedStyle(r).fill)
    expect(fill).toMatch(/^rgb/)
  })

  it('the URL hash sets the form and the step', async () => {
    await page().goto(`${chapter}#per-p-caches:procs=2&order=sequential&size=8192&step=3`)
    await ready()
    expect(await op()).toContain('Step 3 of')
    expect(await fig().locator('select[name="size"]').inputValue()).toBe('8192')
    // an 8 KiB class holds one object per span: the strip shows one used slot per cache that has one
    expect(await fig().locator('.ppc-side').first().locator('.nb-m-strip').count()).toBeGreaterThan(0)
  })

  it('reads in light and dark themes (Starlight theme switch)', async () => {
    await page().goto(`${chapter}#per-p-caches:procs=4&order=round-robin&size=1024&step=12`)
    await ready()
    await expectContrastInThemes(page(), sel, [
      { of: '.nb-summary', what: 'summary' },
      { of: '.ppc-side .nb-m-span', prop: 'stroke', against: '.ppc-sides', min: 3, what: 'span outline' },
    ])
  })

  it('fits a phone screen without page-level horizontal scrolling', async () => {
    await expectFitsPhone(browser(), chapter, sel, '12')
  })
})
