/**
 * Content collections.
 *
 * `docs` is Starlight's collection. Chapters are MDX files in the repository's root `content/`
 * folder (not `site/content/docs/`), so the collection uses Astro's glob loader over that folder
 * with Starlight's schema. Files whose name starts with `_` are ignored (drafts, partials).
 * Entry ids are the file paths without extension: `content/size-classes.mdx` → `/size-classes/`,
 * `content/zh/index.mdx` → `/zh/`.
 *
 * `i18n` holds overrides of Starlight's UI strings per language (site/content/i18n/<lang>.json).
 */
import { defineCollection } from 'astro:content'
import { glob } from 'astro/loaders'
import { i18nLoader } from '@astrojs/starlight/loaders'
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema'

export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema(),
  }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
}
