// The site as a browser sees it: every page reachable from the home page, a
// subject-naming <h1> on each chapter, no console errors, hosting under a sub-path.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { builtPages, launch, watchErrors } from './browser.ts'

const siteUrl = inject('siteUrl')
const origin = new URL(siteUrl).origin
const basePath = new URL(siteUrl).pathname

interface Visit {
  path: string
  status: number
  h1: string
  errors: string[]
  links: string[]
}

let browser: Browser
const visits = new Map<string, Visit>()

beforeAll(async () => {
  browser = await launch()
  // Breadth-first crawl from the home page over internal links.
  const page = await browser.newPage()
  const errors = watchErrors(page)
  const queue = [basePath]
  const seen = new Set(queue)
  while (queue.length > 0) {
    const path = queue.shift() as string
    errors.length = 0
    const res = await page.goto(origin + path, { waitUntil: 'load' })
    const links = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href))
    const h1 =
      (await page
        .locator('h1')
        .first()
        .textContent({ timeout: 2000 })
        .catch(() => '')) ?? ''
    visits.set(path, { path, status: res?.status() ?? 0, h1: h1.trim(), errors: [...errors], links })
    for (const href of links) {
      const u = new URL(href)
      if (u.origin !== origin || !u.pathname.startsWith(basePath)) continue
      if (/\.(xml|svg|png|txt|json)$/.test(u.pathname)) continue
      const p = u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/`
      if (!seen.has(p)) {
        seen.add(p)
        queue.push(p)
      }
    }
  }
  await page.close()
}, 180_000)

afterAll(async () => {
  await browser?.close()
})

describe('crawl from the home page', () => {
  it('reaches every built page', () => {
    const reached = [...visits.keys()].sort()
    const built = builtPages(inject('siteDir'), basePath)
    expect(built.length).toBeGreaterThan(10)
    expect(built).toContain(`${basePath}size-classes/`)
    const missing = built.filter((p) => !visits.has(p))
    expect(missing, `pages not linked from anywhere reachable: ${missing.join(', ')}`).toEqual([])
    expect(reached.length).toBeGreaterThan(5)
  })

  it('every linked page answers 200 (no broken internal links)', () => {
    const bad = [...visits.values()].filter((v) => v.status !== 200).map((v) => `${v.path} → ${v.status}`)
    expect(bad).toEqual([])
  })

  it('no page logs a console error, throws, or fails to load a resource (CSP included)', () => {
    const bad = [...visits.values()].flatMap((v) => v.errors.map((e) => `${v.path}: ${e}`))
    expect(bad).toEqual([])
  })

  it('every page has a non-empty <h1>', () => {
    const bad = [...visits.values()].filter((v) => v.h1.length === 0).map((v) => v.path)
    expect(bad).toEqual([])
  })

  it('the seven structures of the article each have a chapter whose <h1> names them', () => {
    const h1s = [...visits.values()].filter((v) => !v.path.startsWith(`${basePath}zh/`)).map((v) => v.h1)
    for (const word of ['arena', 'spans', 'bitmap', 'mspan', 'mcache', 'mcentral', 'mheap']) {
      expect(
        h1s.some((h) => h.includes(word)),
        `no chapter h1 contains "${word}"`,
      ).toBe(true)
    }
  })

  it('all internal links carry the sub-path the site is hosted under', () => {
    const bad = new Set<string>()
    for (const v of visits.values())
      for (const href of v.links) {
        const u = new URL(href)
        if (u.origin === origin && !u.pathname.startsWith(basePath)) bad.add(`${v.path} → ${u.pathname}`)
      }
    expect([...bad]).toEqual([])
  })
})

describe('home and languages', () => {
  it('the English home links into the chapters and to the Chinese home', () => {
    const home = visits.get(basePath)
    expect(home?.links.some((l) => l.endsWith(`${basePath}size-classes/`))).toBe(true)
    expect(home?.links.some((l) => l.endsWith(`${basePath}zh/`))).toBe(true)
  })

  it('the Chinese home, the chapters and the glossary are in Chinese', async () => {
    const page = await browser.newPage()
    await page.goto(`${origin}${basePath}zh/`)
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN')
    expect(await page.locator('h1').first().textContent()).toContain('内存')
    await page.goto(`${origin}${basePath}zh/size-classes/`)
    expect(await page.locator('h1').first().textContent()).toContain('分级')
    await page.goto(`${origin}${basePath}zh/mspan/`)
    expect(await page.locator('h1').first().textContent()).toContain('mspan：')
    await page.goto(`${origin}${basePath}zh/bitmap/`)
    expect(await page.locator('h1').first().textContent()).toContain('bitmap：')
    await page.goto(`${origin}${basePath}zh/memory-layout/`)
    expect(await page.locator('h1').first().textContent()).toContain('内存布局')
    await page.goto(`${origin}${basePath}zh/allocation-ideas/`)
    expect(await page.locator('h1').first().textContent()).toContain('分配思路')
    await page.goto(`${origin}${basePath}zh/playground/`)
    expect(await page.locator('h1').first().textContent()).toContain('试验场')
    await page.goto(`${origin}${basePath}zh/glossary/`)
    expect(await page.locator('h1').first().textContent()).toContain('术语表')
    await page.goto(`${origin}${basePath}zh/marking/`)
    expect(await page.locator('h1').first().textContent()).toContain('标记')
    await page.close()
  })

  it('sends a strict Content-Security-Policy', async () => {
    const page = await browser.newPage()
    await page.goto(origin + basePath)
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content')
    expect(csp).toContain("default-src 'self'")
    expect(csp).toMatch(/script-src 'self'[^;]*/)
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-eval'/)
    await page.close()
  })

  it('search (Pagefind) finds a chapter under the sub-path and the CSP', async () => {
    const page = await browser.newPage()
    const errors = watchErrors(page)
    await page.goto(origin + basePath)
    await page.locator('button[data-open-modal]').first().click()
    await page.locator('site-search input').first().fill('mcentral')
    const first = page.locator('.pagefind-ui__result-link').first()
    await first.waitFor({ timeout: 10_000 })
    expect(await first.getAttribute('href')).toMatch(new RegExp(`^${basePath}`))
    expect(errors).toEqual([])
    await page.close()
  })

  it('the sidebar lists the chapters in reading order', async () => {
    const page = await browser.newPage()
    await page.goto(`${origin}${basePath}size-classes/`)
    const hrefs = await page.$$eval('#starlight__sidebar a[href]', (as) =>
      as.map((a) => new URL((a as HTMLAnchorElement).href).pathname),
    )
    const order = [
      'memory-layout',
      'arena',
      'spans',
      'bitmap',
      'size-classes',
      'mspan',
      'mcache',
      'mcentral',
      'mheap',
      'mallocgc',
      'marking',
    ]
      .map((s) => hrefs.indexOf(`${basePath}${s}/`))
      .filter((i) => i >= 0)
    expect(order.length).toBeGreaterThanOrEqual(5)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    await page.close()
  })
})
