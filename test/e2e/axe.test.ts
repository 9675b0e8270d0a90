// Accessibility checked by a tool: axe-core over every built page, English and Chinese, in the light
// and the dark theme, with every figure hydrated and the cells' element running. Zero violations.
import { describe, expect, inject, it } from 'vitest'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { builtPages, hydrateAll, useBrowserPage } from './browser.ts'

const siteUrl = inject('siteUrl')
const origin = new URL(siteUrl).origin
const basePath = new URL(siteUrl).pathname
const pages = builtPages(inject('siteDir'), basePath)

let browser: Browser
let page: Page
useBrowserPage((b, p) => {
  browser = b
  page = p
})

/** axe's violations on `path` in `theme`, one line per failing node (rule, target, summary). */
async function violations(path: string, theme: 'light' | 'dark'): Promise<string[]> {
  const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } })
  await ctx.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme)
  const p = await ctx.newPage()
  try {
    await p.goto(origin + path)
    expect(await p.getAttribute('html', 'data-theme')).toBe(theme)
    await hydrateAll(p)
    const result = await new AxeBuilder({ page: p }).analyze()
    return result.violations.flatMap((v) =>
      v.nodes.map(
        (n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`,
      ),
    )
  } finally {
    await ctx.close()
  }
}

describe('axe-core finds nothing', () => {
  it('covers the English and the Chinese pages', () => {
    expect(pages).toContain(basePath)
    expect(pages).toContain(`${basePath}zh/`)
    expect(pages.length).toBeGreaterThan(20)
    void page
  })

  for (const theme of ['light', 'dark'] as const)
    it.each(pages)(`%s (${theme})`, async (path) => {
      expect(await violations(path, theme)).toEqual([])
    })
})
