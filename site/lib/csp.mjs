// @ts-check
/**
 * Content-Security-Policy for the static site.
 *
 * The policy is a <meta http-equiv="Content-Security-Policy"> emitted through Starlight's `head`
 * option. It allows scripts only from the site itself plus the exact inline scripts Starlight
 * ships (theme provider, search shortcut, sidebar persistence), identified by SHA-256 hashes.
 *
 * - Hashes of Starlight's `<script is:inline>` blocks are read from its component sources when
 *   the config loads, so `astro dev` works under the same policy.
 * - After a build, `cspIntegration` scans every HTML page, hashes each inline executable script
 *   and adds any missing hash to that page's policy, so an inline script can never be silently
 *   blocked. This covers the small bundled module scripts Astro inlines into pages (their text
 *   changes with every build, so they cannot be known when the config loads).
 * - `'wasm-unsafe-eval'` is needed by Pagefind's WebAssembly search index. Styles allow
 *   'unsafe-inline' because Starlight and Expressive Code use inline style attributes.
 * - Web Workers must be files served from the site (`worker-src 'self'`). A worker's own policy
 *   comes from its response, not from this meta tag.
 */
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** @param {string} text */
export function sha256(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi

/**
 * Executable inline scripts in an HTML or .astro text (no src, not a data block).
 * @param {string} html
 * @param {{ astroSource?: boolean }} [options]
 */
export function inlineScripts(html, { astroSource = false } = {}) {
  /** @type {string[]} */
  const out = []
  for (const m of html.matchAll(INLINE_SCRIPT)) {
    const attrs = m[1] ?? ''
    const body = m[2] ?? ''
    if (/\bsrc\s*=/.test(attrs)) continue
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase()
    if (type && !['module', 'text/javascript', 'application/javascript'].includes(type)) continue
    if (astroSource && !/\bis:inline\b/.test(attrs)) continue
    out.push(body)
  }
  return out
}

function starlightInlineHashes() {
  /** @type {Set<string>} */
  const hashes = new Set()
  try {
    const dist = dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight')))
    for (const dir of ['components', 'user-components']) {
      const full = join(dist, dir)
      for (const f of readdirSync(full)) {
        if (!f.endsWith('.astro')) continue
        for (const s of inlineScripts(readFileSync(join(full, f), 'utf8'), { astroSource: true })) {
          hashes.add(sha256(s))
        }
      }
    }
  } catch {
    // The post-build pass still adds whatever is missing.
  }
  return [...hashes].sort()
}

const SCRIPT_SRC_BASE = ["'self'", "'wasm-unsafe-eval'"]

/** @param {string[]} scriptHashes */
function policy(scriptHashes) {
  return [
    "default-src 'self'",
    `script-src ${[...SCRIPT_SRC_BASE, ...scriptHashes].join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ')
}

/** @param {string[]} [extraHashes] hashes of the site's own inline scripts (e.g. the Go-version head script) */
export function cspMetaContent(extraHashes = []) {
  return policy([...new Set([...starlightInlineHashes(), ...extraHashes])].sort())
}

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

const META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i

/**
 * Post-build pass: make each page's policy list the hash of every inline script on that page.
 * @param {string} distDir
 * @param {{ info: (msg: string) => void }} logger
 */
export function fixupDist(distDir, logger) {
  let fixed = 0
  for (const file of htmlFiles(distDir)) {
    const html = readFileSync(file, 'utf8')
    const m = META.exec(html)
    if (!m) continue
    const content = m[1] ?? ''
    const missing = [...new Set(inlineScripts(html).map(sha256))].filter((h) => !content.includes(h))
    if (missing.length === 0) continue
    const next = content.replace(
      /script-src ([^;]*)/,
      (_all, list) => `script-src ${list} ${missing.join(' ')}`,
    )
    writeFileSync(file, html.replace(m[0], m[0].replace(content, next)))
    fixed++
  }
  logger.info(`CSP: inline-script hashes completed on ${fixed} page(s)`)
  return fixed
}

/** @returns {import('astro').AstroIntegration} */
export function cspIntegration() {
  return {
    name: 'go-alloc-csp',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        fixupDist(fileURLToPath(dir), logger)
      },
    },
  }
}
