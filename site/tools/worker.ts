/**
 * The tools' worker: parses and models pasted text off the page's thread, so a 10 MB paste never
 * freezes the page. Posts progress (at most every 50 ms) and then the result.
 */
import { analyze, type FromWorker, type ToWorker } from './analyze.ts'

const post = (m: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m)

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const { id, tool, text, opts } = ev.data
  let last = 0
  try {
    const result = analyze(tool, text, opts, (fraction) => {
      const now = Date.now()
      if (now - last >= 50) {
        last = now
        post({ id, type: 'progress', fraction })
      }
    })
    post({ id, type: 'result', result })
  } catch (e) {
    post({ id, type: 'error', message: e instanceof Error ? e.message : String(e) })
  }
}
