/**
 * e2e global setup: serve the built site under /go-alloc/ and hand its URL and folder to the tests
 * (`inject('siteUrl')`, `inject('siteDir')`). The folder is `$E2E_DIST` if set, else `dist/`;
 * `pnpm test` and `pnpm test:e2e` build into a private `.cache/e2e-site` so a concurrent
 * `pnpm build` (base '/') cannot swap the files under the tests. Fails early, with the command to
 * run, when there is no build or it was built for another base.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startStaticServer } from './server.ts'

export const base = '/go-alloc/'

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string
    siteDir: string
  }
}

export default async function setup(project: TestProject) {
  const root = resolve(process.cwd(), process.env.E2E_DIST ?? 'dist')
  const home = join(root, 'index.html')
  if (!existsSync(home))
    throw new Error(
      'e2e: no dist/index.html — run `BASE_PATH=/go-alloc/ pnpm build` first (or pnpm test:e2e)',
    )
  if (!readFileSync(home, 'utf8').includes(`href="${base}`))
    throw new Error(`e2e: dist/ was not built for ${base} — run \`BASE_PATH=${base} pnpm build\` first`)
  const srv = await startStaticServer({ root, base })
  project.provide('siteUrl', srv.url)
  project.provide('siteDir', root)
  return async () => {
    await srv.close()
  }
}
