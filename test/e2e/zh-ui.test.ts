// Chinese pages carry no English interface text: every label, caption, control, table header,
// hint and status the site's own interface puts on a /zh/ page is Chinese, code identifiers and a
// few proper names aside. Scanned in the browser after hydration: visible text plus accessible
// names (aria-label, title, aria-valuetext) and SVG titles/descriptions, inside the parts of the
// page the interface owns. Chapter prose, including a cell's title (a prop written in the chapter),
// is content/zh's business and is not scanned here.
import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { builtPages, hydrateAll, useBrowserPage } from './browser.ts'

const siteUrl = inject('siteUrl')
const origin = new URL(siteUrl).origin
const basePath = new URL(siteUrl).pathname
const zhPages = builtPages(inject('siteDir'), basePath).filter((p) => p.startsWith(`${basePath}zh/`))

/**
 * The interface's parts: the header's switch, Starlight's heading anchors, cells, the explorer and
 * every figure's control bar; the size-class explorer and the figures whose strings are in the tables
 * whole (the other figures' step captions, `[data-ctl="op"]`, and drawings are not translated yet).
 */
const SCOPES = [
  'go-version-select',
  '.sl-anchor-link',
  'go-cell',
  '[data-widget="size-class-explorer"]',
  '[data-widget="green-tea"]',
  '[data-widget="gc-cycle"]',
  '[data-widget="per-p-caches"]',
  '[data-widget="mcentral-sets"]',
  '[data-widget="page-alloc"]',
  '[data-widget="heap-pacing"]',
  '[data-widget="size-class-generator"]',
  '[data-widget] .nb-controls',
]

/** Proper names and units that stay as they are in Chinese text. */
const NAMES = new Set([
  'Go',
  'TypeScript',
  'JavaScript',
  'Web',
  'Worker',
  'Ctrl',
  'Enter',
  'Cmd',
  'Green',
  'Tea',
  'B',
  'KiB',
  'MiB',
  'GiB',
  'TiB',
  'ms',
  's',
  'linux',
  'amd64',
  'Runtime',
  'noscan',
  'scan',
  'mallocgc',
  'mheap',
  'mcentral',
  'mcache',
  'mspan',
  'uintptr',
  'maxAlloc',
  'out',
  'of',
  'memory',
  'runtime',
  'zerobase',
  'heapLimit',
  'gomaxprocs',
  'layout',
  'arenas',
  'arena',
  'span',
  'spans',
  'malloc',
  'freeindex',
  'sweepgen',
  'LIFO',
  'GC',
  'FIFO',
  'greenTea',
  'false',
  'P',
  // the runtime's own names in the figures: mcentral's partial[i]/full[i], GOGC=off, fields
  'partial',
  'full',
  'nelems',
  'refill',
  'gc',
  'sg',
  'mod',
  'max',
  'start',
  'end',
  'GOGC',
  'off',
  'goroutine',
])

/**
 * A code identifier: camelCase, with digits or underscores, a one-letter name (a variable in a formula,
 * a span's letter), or one of the runtime's own words.
 */
const isIdentifier = (w: string) =>
  /[a-z][A-Z]|[0-9_]|^[A-Z][a-z]+[A-Z]/.test(w) || /^[A-Za-z]$/.test(w) || NAMES.has(w)

/** Figures whose step captions are translated too. */
const TRANSLATED = [
  'gc-cycle',
  'green-tea',
  'per-p-caches',
  'mcentral-sets',
  'page-alloc',
  'heap-pacing',
  'size-class-generator',
]
  .map((w) => `[data-widget="${w}"]`)
  .join(', ')

let page: Page
useBrowserPage((_b, p) => {
  page = p
})

async function englishTexts(path: string): Promise<string[]> {
  await page.goto(origin + path)
  await hydrateAll(page)
  const texts = await page.evaluate(
    ({ scopes, translated }) => {
      const out: string[] = []
      for (const root of document.querySelectorAll(scopes.join(','))) {
        // Code is code: the cells' editable source and printed output are the reader's program.
        const skip = (el: Element) =>
          el.closest('[data-cell-code], [data-cell-output] pre, code, kbd, noscript, .cell-title') ||
          (el.closest('[data-ctl="op"]') && !el.closest(translated))
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement
          if (!el || skip(el)) continue
          const cs = getComputedStyle(el)
          const inSvgText = el.closest('svg') !== null
          if (!inSvgText && (cs.display === 'none' || cs.visibility === 'hidden')) continue
          out.push(n.textContent ?? '')
        }
        for (const el of [root, ...root.querySelectorAll('*')])
          for (const a of ['aria-label', 'title', 'aria-valuetext', 'alt'])
            if (el.hasAttribute(a) && !skip(el)) out.push(el.getAttribute(a) ?? '')
      }
      return out
    },
    { scopes: SCOPES, translated: TRANSLATED },
  )
  // One line per text that holds English words: the words, then where they were found.
  const found = new Set<string>()
  for (const t of texts) {
    // A quoted “…” is the chapter's own text (a heading in an anchor's label, a cell's title).
    const own = t.replace(/“[^”]*”/g, '')
    const bad = (own.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((w) => !isIdentifier(w))
    if (bad.length) found.add(`${bad.join(' ')} ← “${t.trim().slice(0, 80)}”`)
  }
  return [...found].sort()
}

describe('no English interface text on Chinese pages', () => {
  it('covers the Chinese pages', () => {
    expect(zhPages.length).toBeGreaterThan(10)
  })

  it.each(zhPages)('%s', async (path) => {
    expect(await englishTexts(path)).toEqual([])
  })
})
