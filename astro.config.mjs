// @ts-check
/**
 * Site configuration: Astro 7 + Starlight.
 *
 * - Sources live in `site/` (srcDir); chapters are MDX files in the root `content/` folder,
 *   loaded by the `docs` collection in `site/content.config.ts`.
 * - `BASE_PATH` (default '/') and `SITE_URL` come from the environment so the same build can be
 *   hosted at a domain root or under a sub-path such as `/go-alloc/`.
 * - The sidebar is generated from the chapters' frontmatter (`sidebar.order`): a new
 *   `content/<slug>.mdx` appears in reading order without touching this file.
 * - A strict Content-Security-Policy meta tag is emitted through Starlight's `head` option;
 *   see `site/lib/csp.mjs` for how inline-script hashes are collected and checked.
 */
import { defineConfig } from 'astro/config'
import starlight from '@astrojs/starlight'
import { cspIntegration, cspMetaContent, sha256 } from './site/lib/csp.mjs'
import { baseLinksIntegration } from './site/lib/base-links.mjs'
import { emptyHeaderCellsIntegration } from './site/lib/empty-header-cells.mjs'
import { anchorLabelsIntegration } from './site/lib/anchor-labels.mjs'
import { goVersionHeadScript } from './site/lib/go-version.ts'

/** Normalise BASE_PATH to '/x/y/' form ('/' when unset). @param {string | undefined} raw */
function basePath(raw) {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '')
  return trimmed ? `/${trimmed}/` : '/'
}

const base = basePath(process.env.BASE_PATH)
const site = process.env.SITE_URL || 'https://go-alloc.example.org'

export default defineConfig({
  site,
  base,
  srcDir: './site',
  publicDir: './site/public',
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  vite: {
    build: {
      rollupOptions: {
        // Astro's MDX pipeline emits a harmless "use astro:head-inject" directive per chapter.
        /** @type {(w: { code?: string }, next: (w: any) => void) => void} */
        onwarn(warning, next) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return
          next(warning)
        },
      },
    },
  },
  markdown: {
    // Shiki for Astro's own <Code> and for build-time highlighting helpers; code fences in
    // chapters go through Expressive Code (Starlight), configured with the same two themes.
    shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
  },
  integrations: [
    starlight({
      title: { en: 'Go Allocator Notebook', 'zh-CN': 'Go 内存分配笔记' },
      description:
        "A live notebook of Go's memory allocator: size classes, mspan, mcache, mcentral, mheap, with figures you can step through and code cells you can run.",
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        zh: { label: '简体中文', lang: 'zh-CN' },
      },
      // Chapters live outside site/content/docs, so Starlight's Markdown transforms (heading
      // anchors, asides) must be told where they are.
      markdown: { processedDirs: ['./content'] },
      // Reading order comes from each chapter's frontmatter `sidebar.order`. The directory is
      // 'content' because entries are loaded from the root content/ folder (see content.config.ts).
      sidebar: [{ autogenerate: { directory: 'content' } }],
      routeMiddleware: './site/lib/route-middleware.ts',
      // The header carries the page's Go-version switch; <head> sets the version before paint.
      components: {
        Header: './site/components/starlight/Header.astro',
        Head: './site/components/starlight/Head.astro',
      },
      expressiveCode: {
        themes: ['github-dark', 'github-light'],
        useStarlightDarkModeSwitch: true,
        useStarlightUiThemeColors: false,
      },
      customCss: ['./site/styles/notebook.css'],
      head: [
        {
          tag: 'meta',
          attrs: {
            'http-equiv': 'Content-Security-Policy',
            content: cspMetaContent([sha256(goVersionHeadScript())]),
          },
        },
      ],
      pagination: true,
      lastUpdated: false,
    }),
    baseLinksIntegration(base),
    emptyHeaderCellsIntegration(),
    anchorLabelsIntegration({ zh: 'zh-CN' }),
    cspIntegration(),
  ],
})
