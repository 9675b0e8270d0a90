/// <reference lib="webworker" />
/**
 * The cell worker: the only place a reader's code runs. Loaded by site/cells/client.ts as a module
 * worker served from the site. It receives `run` requests, streams printed output, and answers
 * with `done` (see protocol.ts). A run that never ends is the page's business: its watchdog
 * terminates this worker and starts a fresh one.
 *
 * The worker evaluates code with `new AsyncFunction(...)`, so if the site's host sends a CSP header
 * with this script, that header must allow 'unsafe-eval' (pages themselves never need it).
 */
import * as core from '@go-alloc/core'
import type { FromWorker } from './protocol.ts'
import { isToWorker } from './protocol.ts'
import { runCell } from './runner.ts'
import { runGoCell } from './gorunner.ts'
import { formatArgs } from './format.ts'

const scope = self as unknown as DedicatedWorkerGlobalScope

function send(msg: FromWorker): void {
  scope.postMessage(msg)
}

let current: number | null = null
let queue: Promise<void> = Promise.resolve()

scope.addEventListener('message', (ev: MessageEvent<unknown>) => {
  const req = ev.data
  if (!isToWorker(req)) return
  queue = queue.then(async () => {
    current = req.id
    const hooks = {
      output: (stream: 'out' | 'err', text: string) => send({ type: 'output', id: req.id, stream, text }),
      started: () => send({ type: 'started', id: req.id }),
    }
    const outcome =
      req.lang === 'go'
        ? runGoCell(req.code, req.goVersion ?? '1.27', req.limits, hooks)
        : await runCell(
            req.code,
            core as unknown as Record<string, unknown>,
            req.limits,
            hooks,
            req.goVersion !== undefined ? { goVersion: req.goVersion } : {},
          )
    current = null
    send({ type: 'done', id: req.id, ...outcome })
  })
})

// Errors from callbacks the reader scheduled (setTimeout, unawaited promises) after or during a
// run: report them as error output of the run in progress, if any.
scope.addEventListener('unhandledrejection', (ev: PromiseRejectionEvent) => {
  ev.preventDefault()
  if (current !== null)
    send({
      type: 'output',
      id: current,
      stream: 'err',
      text: `Unhandled rejection: ${formatArgs([ev.reason], { hexAddresses: false })}`,
    })
})

send({ type: 'ready' })
