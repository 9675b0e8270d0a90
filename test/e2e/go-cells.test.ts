// Go cells in a real browser: the playground's Go cell (static markup, run, output, heap view), a
// compile error at its line, the Chinese page's texts, and the page's Go version.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import AxeBuilder from '@axe-core/playwright'
import { useBrowserPage } from './browser.ts'

const site = inject('siteUrl')
const playground = `${site}playground/`
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const goCell = (p: Page) => p.locator('[data-cell="playground-go"]')

async function settled(p: Page, c: Locator, timeout = 30_000): Promise<string | null> {
  const handle = await c.elementHandle()
  await p.waitForFunction(
    (el) => el !== null && ['done', 'error', 'timeout'].includes(el.getAttribute('data-status') ?? ''),
    handle,
    { timeout },
  )
  return c.getAttribute('data-status')
}

describe('Go cells', () => {
  it('are Go in the static HTML: data-lang, Go highlighting, the escape note with its link', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(playground)
    const c = goCell(p)
    expect(await c.getAttribute('data-lang')).toBe('go')
    expect(await c.getAttribute('data-status')).toBe('idle')
    expect(await p.locator('[data-cell="playground-scratch"]').getAttribute('data-lang')).toBe('ts')
    // the playground opens with the Go cell
    expect(await p.locator('[data-cell]').first().getAttribute('data-cell')).toBe('playground-go')
    expect(await c.locator('pre').textContent()).toContain('package main')
    expect(await c.locator('pre span[style*="--shiki-dark"]').count()).toBeGreaterThan(10)
    const link = c.locator('.cell-hint a')
    expect(await c.locator('.cell-hint').textContent()).toMatch(/as if it escaped/)
    expect(await link.getAttribute('href')).toMatch(/^\/go-alloc\/memory-layout\/#/)
    await ctx.close()
  })

  it('run: the output, then the heap view with every allocation and the spans', async () => {
    await page.goto(playground)
    const c = goCell(page)
    await c.getByRole('button', { name: /Run/ }).click()
    expect(await settled(page, c)).toBe('done')
    const lines = await c.locator('.cell-lines').textContent()
    expect(lines).toContain('len 1 cap 1')
    expect(lines).toContain('len 10 cap 16')
    expect(lines).toContain('mallocs: 1000')
    expect(lines).toContain('heap grew by 16000 bytes')
    expect(lines).toContain('freed by runtime.GC(): 1000')
    const heap = c.locator('[data-cell-heap]')
    expect(await heap.locator('summary').textContent()).toMatch(/^Heap: 1005 allocations · Go 1\.27 rules$/)
    const rows = heap.locator('table.cell-allocs tbody tr')
    expect(await rows.count()).toBe(500) // the first 500 of 1005 are listed
    // the first append (line 23): 8 pointer-free bytes go to the tiny allocator's 16-byte block
    const first = await rows.first().locator('td').allTextContents()
    expect(first.slice(0, 5)).toEqual(['23', 'append', '[1]int', '8 → 16', 'tiny (2)'])
    expect(first[6]).toMatch(/^0x[0-9a-f]+$/)
    expect(first[7]).toMatch(/^malloc/) // the runtime function that served it
    expect(await heap.locator('table.cell-spans tbody tr').count()).toBeGreaterThan(2)
    expect(await heap.getByRole('link', { name: 'size classes' }).getAttribute('href')).toBe(
      '/go-alloc/size-classes/',
    )
  })

  it('a compile error points at its line and column', async () => {
    await page.goto(playground)
    const c = goCell(page)
    await c.locator('[contenteditable="true"]').first().click()
    await page.keyboard.press('Control+A')
    await page.keyboard.insertText('package main\n\nfunc main() {\n\tgo main()\n}\n')
    await page.keyboard.press('Control+Enter')
    expect(await settled(page, c)).toBe('error')
    const err = await c.locator('.cell-error').textContent()
    expect(err).toContain('compile error: goroutines (go statements) are not supported in cells')
    expect(err).toContain('line 4, column 2')
    expect(await c.locator('[data-cell-heap]').count()).toBe(0)
    await c.getByRole('button', { name: /Reset/ }).click()
  })

  it('runs under the page Go version', async () => {
    await page.goto(playground)
    await page.evaluate(() => (document.documentElement.dataset.goVersion = '1.21'))
    const c = goCell(page)
    await c.getByRole('button', { name: /Run/ }).click()
    expect(await settled(page, c)).toBe('done')
    expect(await c.locator('[data-cell-heap] summary').textContent()).toContain('Go 1.21')
  })

  it('speaks Chinese on the Chinese playground', async () => {
    await page.goto(`${site}zh/playground/`)
    const c = goCell(page)
    expect(await c.getAttribute('data-lang')).toBe('go')
    const run = c.getByRole('button', { name: /运行/ })
    expect(await run.count()).toBe(1)
    expect(await c.locator('.cell-hint').textContent()).toContain('逃逸')
    await run.click()
    expect(await settled(page, c)).toBe('done')
    expect(await c.locator('.cell-lines').textContent()).toContain('分配次数： 1000')
    expect(await c.locator('[data-cell-heap] summary').textContent()).toMatch(/^堆：1005 次分配/)
    expect(await c.locator('[data-cell-heap] table.cell-allocs th').first().textContent()).toBe('行')
  })

  it('fit a 360 px phone, heap view included (its tables scroll inside the cell)', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 } })
    await phone.goto(playground)
    const c = goCell(phone)
    await c.getByRole('button', { name: /Run/ }).click()
    expect(await settled(phone, c)).toBe('done')
    await c.locator('[data-cell-heap]').scrollIntoViewIfNeeded()
    expect(
      await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0)
    const box = await c.boundingBox()
    expect(box!.x + box!.width).toBeLessThanOrEqual(360)
    await phone.close()
  })

  for (const theme of ['light', 'dark'] as const)
    it(`after a run, axe finds nothing in the cell and its heap view (${theme} theme)`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } })
      await ctx.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme)
      const p = await ctx.newPage()
      await p.goto(playground)
      const c = goCell(p)
      await c.getByRole('button', { name: /Run/ }).click()
      expect(await settled(p, c)).toBe('done')
      const result = await new AxeBuilder({ page: p }).include('[data-cell="playground-go"]').analyze()
      expect(result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual(
        [],
      )
      await ctx.close()
    })
})
