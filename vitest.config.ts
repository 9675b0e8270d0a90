/**
 * Test projects (run all with `pnpm test`, see scripts/test-all.mjs):
 * - unit: the core (test/core), widget models and site helpers (test/site), and the comparison
 *   with the real Go runtime (test/go-truth). Plain Node, no DOM.
 * - e2e: browser tests (test/e2e) with playwright-core in Debian's Chromium against the BUILT site
 *   (built with BASE_PATH=/go-alloc/; `$E2E_DIST`, default `dist/`), served under /go-alloc/ by a
 *   tiny static server that test/e2e/global-setup.ts starts. `pnpm test:e2e` builds, then runs them.
 */
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'test/core/**/*.test.ts',
            'test/gotypes/**/*.test.ts',
            'test/gorun/**/*.test.ts',
            'test/site/**/*.test.ts',
            'test/tools/**/*.test.ts',
            'test/go-truth/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time: the machine has 2 cores shared with other work.
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
})
