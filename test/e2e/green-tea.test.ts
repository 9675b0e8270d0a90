// The Green Tea figure in a real browser: the shared trace-figure checks (static state, keyboard,
// prose link and hash, themes, phone), then what it shows: the classic side scans
// one object per step, Green Tea several per span visit and finishes far sooner; both follow the
// page's Go version; the Chinese page is in Chinese.
import { expect, inject, it } from 'vitest'
import { describeTraceFigure } from './trace-figure-suite.ts'

const siteUrl = inject('siteUrl')
describeTraceFigure(
  {
    widget: 'green-tea',
    url: `${siteUrl}mallocgc/`,
    lastStep: 45, // 45 objects: the classic marker scans one per step
    goto: { value: 'green-tea-done', step: 6 },
    contrast: ['.gt-counters', '.gt-label', '.gt-wait'],
    contrastStep: 3,
  },
  ({ page, url, fig, op, ready }) => {
    const counters = (side: string) => fig().locator(`[data-side="${side}"] .gt-counters`).textContent()

    it('classic: one object per trip; Green Tea: a span’s marked objects together, done in 6 trips', async () => {
      await page().goto(url)
      await ready()
      await fig().locator(`[data-ctl="scrub"]`).fill('3')
      expect(await op()).toMatch(/Classic scans object \d+ in span [A-C]/)
      expect(await counters('classic')).toMatch(
        /trips to memory 3 · objects pushed \d+ · scanned this trip 1/,
      )
      expect(await counters('greenTea')).toMatch(/trips to memory 3 · spans queued \d+ · scanned this trip 9/)
      expect(await fig().locator(`[data-side="greenTea"] .gt-now`).count()).toBe(9)
      await fig().locator(`[data-ctl="scrub"]`).fill('6')
      expect(await counters('greenTea')).toContain('done')
      expect(await counters('classic')).not.toContain('done')
      await fig().locator(`[data-ctl="scrub"]`).fill('45')
      expect(await counters('classic')).toContain('done')
      expect(await fig().locator(`.gt-cell.gt-black`).count()).toBe(90)
    })

    it('follows the page’s Go version: before 1.25 the Green Tea side runs Go 1.26', async () => {
      await page().goto(`${url}?go=1.21`)
      await ready()
      expect(await fig().locator(`[data-side="classic"] .gt-sub`).textContent()).toContain('Go 1.21')
      expect(await fig().locator(`[data-side="greenTea"] .gt-sub`).textContent()).toContain('Go 1.26')
      // Go 1.21 spans of 512-byte objects hold 16, so the classic side has 16 slots per row.
      const first = fig().locator(`[data-side="classic"] .gt-span`).first().locator('.gt-cell')
      expect(await first.count()).toBe(16)
    })

    it('is Chinese on the Chinese page', async () => {
      await page().goto(`${siteUrl}zh/mallocgc/`)
      await ready()
      expect(await fig().locator(`[data-side="classic"] .gt-title`).textContent()).toBe(
        '经典方式：一次一个对象',
      )
      await fig().locator(`[data-ctl="fwd"]`).click()
      expect(await op()).toContain('Green Tea 访问跨度 A')
    })
  },
)
