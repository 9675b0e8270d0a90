/** Shared browser helpers for e2e tests: Debian's Chromium through playwright-core. */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

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

/** One figure's handles in a browser test file: see `useFigure`. */
export interface FigureHarness {
  /** The figure's selector, `[data-widget="…"]`. */
  readonly root: string
  /** The current test's page and the file's browser. */
  page(): Page
  browser(): Browser
  /** The figure on `p` (default: the test's page). */
  fig(p?: Page): Locator
  /** Scrolls to the figure on `p` (so it hydrates at once) and waits until it is ready. */
  ready(p?: Page): Promise<void>
}

/** Registers `useBrowserPage` for a file that tests the figure `widget`, and returns its handles. */
export function useFigure(widget: string): FigureHarness {
  let browser: Browser | undefined
  let page: Page | undefined
  useBrowserPage((b, p) => {
    browser = b
    page = p
  })
  const root = `[data-widget="${widget}"]`
  const fail = (what: string): never => {
    throw new Error(`useFigure(${widget}): no ${what} outside a test`)
  }
  const h: FigureHarness = {
    root,
    page: () => page ?? fail('page'),
    browser: () => browser ?? fail('browser'),
    fig: (p = h.page()) => p.locator(root),
    ready: async (p = h.page()) => {
      await p.locator(root).scrollIntoViewIfNeeded()
      await p.waitForSelector(`${root}[data-ready]`, { timeout: 10_000 })
    },
  }
  return h
}

/**
 * Opens `url` in a fresh context with JavaScript off (the static HTML, before any script runs) and
 * hands the figure `root` on it to `check`; closes the context afterwards.
 */
export async function withoutScript(
  browser: Browser,
  url: string,
  root: string,
  check: (fig: Locator, page: Page) => Promise<void>,
): Promise<void> {
  const ctx = await browser.newContext({ javaScriptEnabled: false })
  try {
    const p = await ctx.newPage()
    await p.goto(url)
    await check(p.locator(root), p)
  } finally {
    await ctx.close()
  }
}

/** One colour pair to measure: `of`'s colour (or fill/stroke) against `against`'s background or fill. */
export interface ContrastSpec {
  /** Selector under the figure root. */
  of: string
  prop?: 'color' | 'fill' | 'stroke'
  /** Selector under the figure root whose colour is the background (default: `of`'s own). */
  against?: string
  /** 'background' (the first opaque background up the tree, default) or 'fill'. */
  againstProp?: 'background' | 'fill'
}

/** WCAG contrast ratios, in the browser's computed colours, for each spec under `root`. */
export function contrastRatios(page: Page, root: string, specs: ContrastSpec[]): Promise<number[]> {
  return page.evaluate(
    ([s, list]) => {
      const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number)
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * f(r ?? 0) + 0.7152 * f(g ?? 0) + 0.0722 * f(b ?? 0)
      }
      const bgOf = (el: HTMLElement | null) => {
        let bg = 'rgba(0, 0, 0, 0)'
        while (el && /rgba\(.*, 0\)|transparent/.test(bg)) {
          bg = getComputedStyle(el).backgroundColor
          el = el.parentElement
        }
        return bg
      }
      const q = (x: string) => document.querySelector(`${s} ${x}`) as HTMLElement
      return list.map((spec) => {
        const fg = getComputedStyle(q(spec.of))[spec.prop ?? 'color']
        const other = q(spec.against ?? spec.of)
        const bg = spec.againstProp === 'fill' ? getComputedStyle(other).fill : bgOf(other)
        const x = lum(parse(fg))
        const y = lum(parse(bg))
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05)
      })
    },
    [root, specs] as const,
  )
}

/** A colour pair to measure and the contrast ratio it must reach (default 4.5:1, for text). */
export interface ContrastCheck extends ContrastSpec {
  min?: number
  /** Named in a failure (default: the selector). */
  what?: string
}

/** Switches the page to each Starlight theme and expects every check to reach its ratio there. */
export async function expectContrastInThemes(
  page: Page,
  root: string,
  checks: ContrastCheck[],
): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.locator('starlight-theme-select select').first().selectOption(theme)
    expect(await page.getAttribute('html', 'data-theme')).toBe(theme)
    const ratios = await contrastRatios(page, root, checks)
    checks.forEach((c, i) =>
      expect(ratios[i], `${theme}: ${c.what ?? c.of}`).toBeGreaterThanOrEqual(c.min ?? 4.5),
    )
  }
}

/** The attribute `name` of every element `l` matches, in page order (null where it has none). */
export function attrOfAll(l: Locator, name: string): Promise<(string | null)[]> {
  return l.evaluateAll((els, n) => els.map((el) => el.getAttribute(n)), name)
}

/**
 * Clicks Play in the figure's control bar, waits until the caption matches `step`, runs
 * `whilePlaying` if given, then pauses (unless playback has stopped by itself at the last step).
 */
export async function playBriefly(
  page: Page,
  root: string,
  step: RegExp,
  whilePlaying?: () => Promise<void>,
): Promise<void> {
  const play = page.locator(`${root} [data-ctl="play"]`)
  await play.click()
  await page.waitForFunction(
    ([s, src]) => new RegExp(src).test(document.querySelector(`${s} [data-ctl="op"]`)?.textContent ?? ''),
    [root, step.source] as const,
    { timeout: 10_000 },
  )
  await whilePlaying?.()
  if ((await play.getAttribute('aria-pressed')) === 'true') await play.click()
}

/**
 * Opens `url` in a fresh 360 px wide page, waits for the figure `root` to be ready, brings it to the
 * state to measure (`prepare`: a step number for its scrubber, or a function of the figure), and
 * measures: horizontal page overflow, the figure's right edge, and errors.
 */
export async function phoneLayout(
  browser: Browser,
  url: string,
  root: string,
  prepare?: string | ((fig: Locator) => Promise<unknown>),
): Promise<{ overflow: number; right: number; errors: string[] }> {
  const phone = await browser.newPage({ viewport: { width: 360, height: 740 } })
  const errors = watchErrors(phone)
  await phone.goto(url)
  await phone.locator(root).scrollIntoViewIfNeeded()
  await phone.waitForSelector(`${root}[data-ready]`, { timeout: 10_000 })
  const fig = phone.locator(root)
  if (typeof prepare === 'string') await fig.locator('[data-ctl="scrub"]').fill(prepare)
  else await prepare?.(fig)
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  const box = await fig.boundingBox()
  await phone.close()
  return { overflow, right: box!.x + box!.width, errors }
}

/** `phoneLayout`, expecting no page-level horizontal scrolling, the figure inside 360 px, no errors. */
export async function expectFitsPhone(...args: Parameters<typeof phoneLayout>): Promise<void> {
  const phone = await phoneLayout(...args)
  expect(phone.overflow).toBeLessThanOrEqual(1)
  expect(phone.right).toBeLessThanOrEqual(361)
  expect(phone.errors).toEqual([])
}

/** Every page of the built site in `siteDir` as a URL path under `basePath` (404.html excluded). */
export function builtPages(siteDir: string, basePath: string, dir = siteDir): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) {
      if (name === 'pagefind' || name === '_astro') continue
      out.push(...builtPages(siteDir, basePath, p))
    } else if (name === 'index.html') {
      const rel = relative(siteDir, dir).split(sep).join('/')
      out.push(basePath + (rel ? `${rel}/` : ''))
    }
  }
  return out.sort()
}

/**
 * Waits until every figure on the page has hydrated (`data-ready`; each is scrolled to, so none
 * waits for idle time) and the cells' element is defined.
 */
export async function hydrateAll(page: Page): Promise<void> {
  const figures = page.locator('[data-widget]')
  for (let i = 0, n = await figures.count(); i < n; i++) {
    const f = figures.nth(i)
    await f.scrollIntoViewIfNeeded()
    await f.locator('xpath=self::*[@data-ready]').waitFor({ timeout: 10_000 })
  }
  if ((await page.locator('go-cell').count()) > 0)
    await page.waitForFunction(() => customElements.get('go-cell') !== undefined, null, { timeout: 10_000 })
  await page.evaluate(() => window.scrollTo(0, 0))
}
