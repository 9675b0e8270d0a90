/**
 * The browser checks every trace figure shares (one suite, called by each figure's e2e file): the
 * starting state in the static HTML, stepping with the keyboard through the shared control bar, a
 * prose link and the URL hash, reduced motion, both themes and a phone-sized screen. A figure's own
 * file adds what only it shows.
 */
import { describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { contrastRatios, phoneLayout, playBriefly, useBrowserPage, type ContrastSpec } from './browser.ts'

export interface TraceFigureSuite {
  /** The figure's `data-widget` name (and its default id). */
  widget: string
  /** The page it is on. */
  url: string
  /** Number of the last step (frames − 1) at the build-time (default) version. */
  lastStep: number
  /** The step the static HTML opens at (default 0). */
  startStep?: number
  /** A `data-goto` value of a prose link on the page and the step it moves the figure to. */
  goto?: { value: string; step: number }
  /** Elements whose text must keep 4.5:1 contrast in both themes, at step `contrastStep`. */
  contrast: ContrastSpec[]
  contrastStep: number
  /** Selector of a drawn element whose transitions must be off under reduced motion. */
  animated?: string
}

export interface TraceFigureContext {
  page: () => Page
  browser: () => Browser
  root: string
  op: () => Promise<string>
  ready: () => Promise<void>
}

/** Registers the shared tests; `extra` adds the figure's own inside the same describe. */
export function describeTraceFigure(s: TraceFigureSuite, extra?: (ctx: TraceFigureContext) => void): void {
  let browser: Browser
  let page: Page
  useBrowserPage((b, p) => {
    browser = b
    page = p
  })
  const root = `[data-widget="${s.widget}"]`
  const fig = () => page.locator(root)
  const op = async () => (await fig().locator('[data-ctl="op"]').textContent()) ?? ''
  const ready = async () => {
    await fig().scrollIntoViewIfNeeded()
    await page.waitForSelector(`${root}[data-ready]`, { timeout: 10_000 })
  }
  const stepOf = (i: number) => new RegExp(`Step ${i} of ${s.lastStep}\\b`)

  describe(`${s.widget} figure`, () => {
    it('shows the starting state in the static HTML, before any script runs', async () => {
      const ctx = await browser.newContext({ javaScriptEnabled: false })
      const p = await ctx.newPage()
      await p.goto(s.url)
      const f = p.locator(root)
      expect(await f.getAttribute('data-ready')).toBeNull()
      expect(await f.locator('[data-ctl="op"]').textContent()).toMatch(stepOf(s.startStep ?? 0))
      expect(await f.locator('[data-ctl="fwd"]').isDisabled()).toBe(true)
      expect(await f.locator('[data-ctl="scrub"]').getAttribute('max')).toBe(String(s.lastStep))
      await ctx.close()
    })

    it('steps with the keyboard through the control bar', async () => {
      await page.goto(s.url)
      await ready()
      expect(await op()).toMatch(stepOf(s.startStep ?? 0))
      if (s.startStep) await fig().locator('[data-ctl="reset"]').click()
      await fig().locator('[data-ctl="fwd"]').focus()
      await page.keyboard.press('Enter')
      expect(await op()).toMatch(stepOf(1))
      await page.keyboard.press('ArrowRight')
      expect(await op()).toMatch(stepOf(2))
      await page.keyboard.press('End')
      expect(await op()).toMatch(stepOf(s.lastStep))
      await fig().locator('[data-ctl="back"]').focus()
      await page.keyboard.press('ArrowLeft')
      expect(await op()).toMatch(stepOf(s.lastStep - 1))
      await page.keyboard.press('Home')
      expect(await op()).toMatch(stepOf(0))
    })

    if (s.goto) {
      const g = s.goto
      it('a prose link and the URL hash move the figure', async () => {
        await page.goto(s.url)
        await ready()
        await page.locator(`a[data-goto="${s.widget}:${g.value}"]`).first().click()
        expect(await op()).toMatch(stepOf(g.step))
        await page.goto(`${s.url}#${s.widget}:step=${g.step}`)
        await ready()
        expect(await op()).toMatch(stepOf(g.step))
      })
    }

    it('plays under reduced motion, without transitions', async () => {
      await page.emulateMedia({ reducedMotion: 'reduce' })
      await page.goto(s.url)
      await ready()
      if (s.animated) {
        const t = await fig()
          .locator(s.animated)
          .first()
          .evaluate((el) => getComputedStyle(el).transitionDuration)
        expect(t.split(',').every((d) => parseFloat(d) === 0)).toBe(true)
      }
      if (s.startStep) await fig().locator('[data-ctl="reset"]').click()
      await playBriefly(page, root, /Step [1-9]\d* of/)
    })

    it('reads in light and dark themes (Starlight theme switch)', async () => {
      await page.goto(s.url)
      await ready()
      await fig().locator('[data-ctl="scrub"]').fill(String(s.contrastStep))
      for (const theme of ['light', 'dark'] as const) {
        await page.locator('starlight-theme-select select').first().selectOption(theme)
        expect(await page.getAttribute('html', 'data-theme')).toBe(theme)
        const ratios = await contrastRatios(page, root, s.contrast)
        for (const r of ratios) expect(r, `${theme}: text contrast`).toBeGreaterThanOrEqual(4.5)
      }
    })

    it('fits a phone screen without page-level horizontal scrolling', async () => {
      const phone = await phoneLayout(browser, s.url, root, String(s.contrastStep))
      expect(phone.overflow).toBeLessThanOrEqual(1)
      expect(phone.right).toBeLessThanOrEqual(361)
      expect(phone.errors).toEqual([])
    })

    extra?.({ page: () => page, browser: () => browser, root, op, ready })
  })
}
