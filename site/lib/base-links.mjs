// @ts-check
/**
 * Makes root-relative links in chapters base-aware.
 *
 * Chapters write `[the size classes](/size-classes/)`; when the site is built with
 * `BASE_PATH=/go-alloc/` that link must become `/go-alloc/size-classes/`. This registers a
 * Sätteri hast plugin (Astro 7's Markdown processor, also used for MDX) that prefixes the base
 * onto `href`/`src` values starting with a single '/'. Links already carrying the base, protocol
 * links, `//host` links and fragments are left alone. Links written in JSX inside MDX
 * (`<a href>`) are not rewritten: components should use `withBase()` from `site/lib/url.ts`.
 */

/** @param {string} base @param {string} href */
export function withBaseHref(base, href) {
  if (base === '/' || !href.startsWith('/') || href.startsWith('//')) return href
  if (href === base.slice(0, -1) || href.startsWith(base)) return href
  return base + href.slice(1)
}

/** @param {string} base */
function hastPlugin(base) {
  return {
    name: 'go-alloc-base-links',
    element: {
      filter: ['a', 'img'],
      /** @param {any} node @param {any} ctx */
      visit(node, ctx) {
        const attr = node.tagName === 'a' ? 'href' : 'src'
        const value = node.properties?.[attr]
        if (typeof value !== 'string') return
        const next = withBaseHref(base, value)
        if (next !== value) ctx.setProperty(node, attr, next)
      },
    },
  }
}

/** @param {string} base @returns {import('astro').AstroIntegration} */
export function baseLinksIntegration(base) {
  return {
    name: 'go-alloc-base-links',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const processor = /** @type {any} */ (config.markdown)?.processor
        if (processor?.options?.hastPlugins) processor.options.hastPlugins.push(hastPlugin(base))
        else
          logger.warn(
            'Markdown processor has no hastPlugins: root-relative links will not get the base path.',
          )
      },
    },
  }
}
