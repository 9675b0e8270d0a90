// The shared control bar in a real browser, through the size-class generator figure.
import { describe, expect, inject, it } from 'vitest'
import { useFigure, withoutScript } from './browser.ts'

const chapter = `${inject('siteUrl')}size-classes/`
const { root: sel, page, browser, fig, ready } = useFigure('size-class-generator')
const op = () => fig().locator('[data-ctl="op"]').textContent()

describe('size-class generator (shared control bar)', () => {
  it('static HTML shows step 0 with disabled controls; hydration enables them', async () => {
    await withoutScript(browser(), chapter, sel, async (f) => {
      expect(await f.locator('[data-ctl="op"]').textContent()).toContain('Step 0 of')
      expect(await f.locator('[data-ctl="fwd"]').isDisabled()).toBe(true)
    })
    await page().goto(chapter)
    await ready()
    expect(await fig().locator('[data-ctl="fwd"]').isDisabled()).toBe(false)
    expect(await fig().locator('[data-ctl="back"]').isDisabled()).toBe(true)
  })

  it('step forward and back move one frame and redraw', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('[data-ctl="fwd"]').click()
    expect(await op()).toContain('Step 1 of')
    expect(await op()).toContain('candidate 8 B')
    expect(await fig().locator('.scg-classes li').count()).toBe(1)
    await fig().locator('[data-ctl="fwd"]').click()
    expect(await fig().locator('.scg-classes li').count()).toBe(2)
    await fig().locator('[data-ctl="back"]').click()
    expect(await op()).toContain('Step 1 of')
    await fig().locator('[data-ctl="reset"]').click()
    expect(await op()).toContain('Step 0 of')
  })

  it('the scrubber jumps to the end: 67 classes', async () => {
    await page().goto(chapter)
    await ready()
    const scrub = fig().locator('[data-ctl="scrub"]')
    const max = await scrub.getAttribute('max')
    await scrub.fill(max as string)
    expect(await op()).toContain('68')
    expect(await fig().locator('.scg-classes li').count()).toBe(67)
    expect(await fig().locator('[data-ctl="fwd"]').isDisabled()).toBe(true)
  })

  it('play advances by itself and pause stops it', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('[data-ctl="speed"]').selectOption('4')
    await fig().locator('[data-ctl="play"]').click()
    expect(await fig().locator('[data-ctl="play"]').getAttribute('aria-pressed')).toBe('true')
    await page().waitForFunction(
      () =>
        /Step ([3-9]|\d\d)/.test(
          document.querySelector('[data-widget="size-class-generator"] [data-ctl="op"]')?.textContent ?? '',
        ),
      null,
      { timeout: 5000 },
    )
    await fig().locator('[data-ctl="play"]').click()
    expect(await fig().locator('[data-ctl="play"]').getAttribute('aria-pressed')).toBe('false')
    const a = await op()
    await page().waitForTimeout(600)
    expect(await op()).toBe(a)
  })

  it('pauses when scrolled off-screen', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('[data-ctl="speed"]').selectOption('4')
    await fig().locator('[data-ctl="play"]').click()
    await page().evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await page().waitForFunction(
      () =>
        document
          .querySelector('[data-widget="size-class-generator"] [data-ctl="play"]')
          ?.getAttribute('aria-pressed') === 'false',
      null,
      { timeout: 5000 },
    )
  })

  it('keyboard: arrows step inside the bar, Enter presses buttons', async () => {
    await page().goto(chapter)
    await ready()
    await fig().locator('[data-ctl="play"]').focus()
    await page().keyboard.press('ArrowRight')
    await page().keyboard.press('ArrowRight')
    expect(await op()).toContain('Step 2 of')
    await page().keyboard.press('End')
    expect(await op()).toContain('done')
    await page().keyboard.press('Home')
    expect(await op()).toContain('Step 0 of')
    await fig().locator('[data-ctl="fwd"]').focus()
    await page().keyboard.press('Enter')
    expect(await op()).toContain('Step 1 of')
  })

  it('prose links and the URL hash move the figure to a step', async () => {
    await page().goto(chapter)
    await ready()
    await page().locator('a[data-goto="size-class-generator:grow-1792"]').click()
    expect(await op()).toContain('grows to 1792 B')
    await page().goto(`${chapter}#size-class-generator:step=size-896`)
    await page().reload()
    await ready()
    expect(await op()).toContain('widens from 832 B to 896 B')
  })
})
