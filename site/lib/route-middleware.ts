/**
 * Starlight route middleware: makes frontmatter links base-aware.
 *
 * Splash pages list their calls to action in frontmatter (`hero.actions[].link: /size-classes/`);
 * Starlight prints those verbatim, so under `BASE_PATH=/go-alloc/` they would miss the base.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data'
import { withBase } from './url.ts'

export const onRequest = defineRouteMiddleware((context) => {
  const hero = context.locals.starlightRoute.entry.data.hero
  if (!hero?.actions) return
  hero.actions = hero.actions.map((action) => ({ ...action, link: withBase(action.link) }))
})
