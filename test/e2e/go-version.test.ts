// The page's Go-version switch in a real browser: one select on every page, the
// default is the newest release, the explorer's 24-byte noscan span follows it (336 objects in Go
// 1.27, 341 in 1.22), the choice survives a navigation and lives in the URL, figures re-model and
// cells run under it.
import { describe, expect, inject, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { builtPages, useBrowserPage } from './browser.ts'

const siteUrl = inject('siteUrl')
const basePath = new URL(siteUrl).pathname
const chapter = `${siteUrl}size-classes/`
let browser: Browser
let page: Page
useBrowserPage((b, p) => {
  browser = b
  page = p
})

const select = () => page.locator('select[data-go-version-select]')
const explorer = () => page.locator('[data-widget="size-class-explorer"]')
const htmlVersion = () => page.getAttribute('html', 'data-go-version')
async function objectsPerSpan(): Promise<string> {
  const dd = explorer().locator('dt:text-is("Objects per span") + dd')
  return ((await dd.textContent()) ?? '').trim()
}
async function explorerAt24(): Promise<void> {
  await explorer().scrollIntoViewIfNeeded()
  await page.waitForSelector('[data-widget="size-class-explorer"][data-ready]', { timeout: 10_000 })
  await explorer().locator('input[name="size"]').fill('24')
  expect(await explorer().locator('input[name="pointers"]').isChecked()).toBe(false)
}

describe('the Go-version switch', () => {
  it('is on every page exactly once, with the core’s versions, newest first and selected', () => {
    const dir = inject('siteDir')
    for (const path of builtPages(dir, basePath)) {
      const html = readFileSync(join(dir, path.slice(basePath.length), 'index.html'), 'utf8')
      const selects = html.match(/<select[^>]*data-go-version-select/g) ?? []
      expect(selects, path).toHaveLength(1)
      const values = [...html.matchAll(/<option value="(1\.\d+)"( selected)?/g)].map((m) => m[1])
      expect(values.slice(0, 7), path).toEqual(['1.27', '1.26', '1.25', '1.24', '1.23', '1.22', '1.21'])
      expect(html, path).toContain('<option value="1.27" selected')
    }
  })

  it('defaults to Go 1.27 on <html data-go-version>, the select and the explorer (336 per 24 B span)', async () => {
    await page.goto(chapter)
    expect(await htmlVersion()).toBe('1.27')
    expect(await select().inputValue()).toBe('1.27')
    await explorerAt24()
    expect(await objectsPerSpan()).toBe('336')
    expect(new URL(page.url()).searchParams.get('go')).toBeNull()
  })

  it('1.27 → 1.22 changes the explorer’s 24-byte noscan span from 336 to 341, and back', async () => {
    await page.goto(chapter)
    await explorerAt24()
    expect(await objectsPerSpan()).toBe('336')
    await select().selectOption('1.22')
    expect(await htmlVersion()).toBe('1.22')
    expect(await objectsPerSpan()).toBe('341')
    expect(await explorer().locator('tr[data-class="3"] td').nth(3).textContent()).toBe('341')
    expect(new URL(page.url()).searchParams.get('go')).toBe('1.22')
    await select().selectOption('1.27')
    expect(await objectsPerSpan()).toBe('336')
  })

  it('is kept across a navigation (link click) and a new visit, and shown in the new page’s URL', async () => {
    await page.goto(chapter)
    await select().selectOption('1.22')
    await page.locator('nav a[href$="/mspan/"]').first().click()
    await page.waitForURL(/\/mspan\//)
    expect(new URL(page.url()).searchParams.get('go')).toBe('1.22')
    expect(await htmlVersion()).toBe('1.22')
    expect(await select().inputValue()).toBe('1.22')
    // A later visit without ?go= (same browser profile): remembered, and written into the URL.
    await page.goto(chapter)
    expect(await htmlVersion()).toBe('1.22')
    expect(new URL(page.url()).searchParams.get('go')).toBe('1.22')
    await explorerAt24()
    expect(await objectsPerSpan()).toBe('341')
  })

  it('opens a link with ?go=1.26 at Go 1.26 before any script of the page runs', async () => {
    await page.goto(`${chapter}?go=1.26`)
    expect(await htmlVersion()).toBe('1.26')
    expect(await select().inputValue()).toBe('1.26')
    await explorerAt24()
    expect(await objectsPerSpan()).toBe('336')
    // A bad value is ignored.
    const fresh = await browser.newContext()
    const p = await fresh.newPage()
    await p.goto(`${chapter}?go=1.99`)
    expect(await p.getAttribute('html', 'data-go-version')).toBe('1.27')
    await fresh.close()
  })

  it('re-models a trace figure in place, keeping its step', async () => {
    await page.goto(`${siteUrl}mcentral/`)
    const fig = page.locator('[data-widget="mcentral-sets"]')
    await fig.scrollIntoViewIfNeeded()
    await page.waitForSelector('[data-widget="mcentral-sets"][data-ready]', { timeout: 10_000 })
    await fig.locator('[data-ctl="fwd"]').click()
    await fig.locator('[data-ctl="fwd"]').click()
    const before = await fig.locator('[data-part="view"]').innerHTML()
    await select().selectOption('1.22')
    expect(await fig.locator('[data-ctl="scrub"]').inputValue()).toBe('2')
    expect(await fig.locator('[data-part="view"]').innerHTML()).not.toBe(before)
    // The control bar still drives one timeline (no doubled listeners): one click, one step.
    await fig.locator('[data-ctl="fwd"]').click()
    expect(await fig.locator('[data-ctl="scrub"]').inputValue()).toBe('3')
  })

  it('recomputes the version-dependent numbers in the prose ([data-go-fact]) in place', async () => {
    const fact = page.locator(
      '[data-go-fact="objectsPerSpan"][data-go-fact-args=\'{"size":24,"noscan":true}\']',
    )
    await page.goto(chapter)
    expect(await fact.first().textContent()).toBe('336')
    await select().selectOption('1.22')
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === '341',
      '[data-go-fact="objectsPerSpan"][data-go-fact-args=\'{"size":24,"noscan":true}\']',
    )
    // A page opened at another version shows that version's numbers too.
    await page.goto(`${chapter}?go=1.21`)
    await page.waitForFunction(
      (sel) => document.querySelector(sel)?.textContent === '341',
      '[data-go-fact="objectsPerSpan"][data-go-fact-args=\'{"size":24,"noscan":true}\']',
    )
  })

  it('a cell’s new Runtime() runs under the page’s version', async () => {
    await page.goto(`${siteUrl}mspan/?go=1.22`)
    const cell = page.locator('go-cell').first()
    await cell.scrollIntoViewIfNeeded()
    await cell.locator('[data-cell-run]').click()
    await page.waitForSelector('go-cell[data-status="done"], go-cell[data-status="error"]', {
      timeout: 10_000,
    })
    const summary = (await cell.locator('details.cell-runtime summary').allTextContents()).join(' ')
    expect(summary).toContain('Go 1.22')
  })
})
