// @ts-check
/**
 * Heading anchor labels in the page's language.
 *
 * Starlight names each heading's anchor link for screen readers ("Section titled “…”") with the
 * language it derives from the file's path under `src/content/docs/`. The chapters live in the
 * root `content/` folder (see content.config.ts), so Starlight takes every chapter for English and
 * the Chinese pages got English anchor labels. After the build this pass rewrites those labels on
 * each locale's pages with the locale's own `heading.anchorLabel` (site/content/i18n/<lang>.json).
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ENGLISH = /(<span class="sr-only"[^>]*>)Section titled “([^<]*)”(<\/span>)/g

/** @param {string} dir @returns {string[]} */
function htmlFiles(dir) {
  /** @type {string[]} */
  const out = []
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) out.push(...htmlFiles(p))
    else if (name.endsWith('.html')) out.push(p)
  }
  return out
}

/**
 * Rewrites the English anchor labels of the pages under `<distDir>/<locale>/`.
 * @param {string} distDir
 * @param {string} locale e.g. 'zh'
 * @param {string} template e.g. '“{{title}}”一节'
 */
export function localizeAnchorLabels(distDir, locale, template) {
  let pages = 0
  const dir = join(distDir, locale)
  for (const file of htmlFiles(dir)) {
    const html = readFileSync(file, 'utf8')
    const next = html.replace(
      ENGLISH,
      (_m, open, title, close) => open + template.replace('{{title}}', title) + close,
    )
    if (next !== html) {
      writeFileSync(file, next)
      pages++
    }
  }
  return pages
}

/**
 * @param {Record<string, string>} locales Starlight locale → the i18n file's language ('zh' → 'zh-CN')
 * @returns {import('astro').AstroIntegration}
 */
export function anchorLabelsIntegration(locales) {
  return {
    name: 'go-alloc-anchor-labels',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        for (const [locale, lang] of Object.entries(locales)) {
          const strings = JSON.parse(
            readFileSync(new URL(`../content/i18n/${lang}.json`, import.meta.url), 'utf8'),
          )
          const template = strings['heading.anchorLabel']
          if (typeof template !== 'string') continue
          const n = localizeAnchorLabels(fileURLToPath(dir), locale, template)
          logger.info(`anchor labels: ${n} ${locale} page(s) in ${lang}`)
        }
      },
    },
  }
}
