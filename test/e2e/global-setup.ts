/**
 * e2e global setup: serve the built site (`dist/`, built with BASE_PATH=/go-alloc/) under
 * /go-alloc/ and hand its URL to the tests (`inject('siteUrl')`). Fails early, with the command to
 * run, when there is no build or it was built for another base.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startStaticServer } from './server.ts'

export const base = '/go-alloc/'

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string
  }
}

export default async function setup(project: TestProject) {
  const root = join(process.cwd(), 'dist')
  const home = join(root, 'index.html')
  if (!existsSync(home))
    throw new Error('e2e: no dist/index.html — run `BASE_PATH=/go-alloc/ pnpm build` first')
  if (!readFileSync(home, 'utf8').includes(`href="${base}`))
    throw new Error(`e2e: dist/ was not built for ${base} — run \`BASE_PATH=${base} pnpm build\` first`)
  const srv = await startStaticServer({ root, base })
  project.provide('siteUrl', srv.url)
  return async () => {
    await srv.close()
  }
}
