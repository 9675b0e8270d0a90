/** Shared browser helpers for e2e tests: Debian's Chromium through playwright-core. */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

/** Records console errors, uncaught exceptions and failed (≥ 400) responses of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`)
  })
  return errors
}

/**
 * Registers the hooks every browser test file shares: one browser per file, a fresh 1100×900 page per
 * test (handed to `bind`), and after each test a check that it caused no console error, page error or
 * failed response.
 */
export function useBrowserPage(bind: (browser: Browser, page: Page) => void): void {
  let browser: Browser | undefined
  let page: Page | undefined
  let errors: string[] = []
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    if (!browser) throw new Error('useBrowserPage: the browser did not start')
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
    errors = watchErrors(page)
    bind(browser, page)
  })
  afterEach(async () => {
    expect(errors).toEqual([])
    await page?.close()
  })
}
