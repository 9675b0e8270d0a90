/**
 * Page-side facade over the cell worker. One CellClient per cell, created on the cell's first run.
 *
 * - The worker is created lazily (first `run`) and re-created after a timeout.
 * - Each request gets an id; replies are matched to the waiting promise by id.
 * - Watchdog: once the worker says a run has `started`, the run has `timeoutMs` to finish. If it
 *   does not, the worker is terminated (the only way to stop a busy loop) and the run resolves
 *   with status 'timeout'; the next run starts a fresh worker.
 * - A worker that does not even start within `startTimeoutMs` (failed to load, blocked by a
 *   policy) ends the run with an error instead of hanging.
 */
import type { FromWorker, OutputLimits, OutputStream, RunResult, ToWorker } from './protocol.ts'
import { defaultOutputLimits, isFromWorker } from './protocol.ts'

export interface RunOptions {
  /** Milliseconds the code may run before the watchdog stops it. */
  timeoutMs: number
  limits?: OutputLimits
  /** The Go version a `new Runtime()` without one follows (the page's). */
  goVersion?: string
  onOutput?: (stream: OutputStream, text: string) => void
  onStarted?: () => void
  /** 'go' runs the code as a Go program (default 'ts'); its heap follows `goVersion`. */
  lang?: 'ts' | 'go'
}

/** The part of the Worker interface the client uses (so tests can pass a fake). */
export interface WorkerLike {
  postMessage(msg: ToWorker): void
  terminate(): void
  addEventListener(type: 'message', fn: (ev: MessageEvent<unknown>) => void): void
  addEventListener(type: 'error', fn: (ev: Event) => void): void
}

export type WorkerFactory = () => WorkerLike

const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'go-alloc-cell' })

interface Pending {
  opts: RunOptions
  resolve: (r: RunResult) => void
  timer: ReturnType<typeof setTimeout> | null
}

export class CellClient {
  private worker: WorkerLike | null = null
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  /** How many workers this client has created (a timeout makes a new one). */
  workersStarted = 0

  constructor(
    private readonly factory: WorkerFactory = defaultWorkerFactory,
    private readonly startTimeoutMs = 20_000,
  ) {}

  /** Runs code in the worker. Never rejects: failures resolve as status 'error' or 'timeout'. */
  run(code: string, opts: RunOptions): Promise<RunResult> {
    if (!(Number.isFinite(opts.timeoutMs) && opts.timeoutMs > 0)) {
      throw new RangeError(
        `timeoutMs must be a positive number of milliseconds, got ${String(opts.timeoutMs)}`,
      )
    }
    const id = this.nextId++
    return new Promise<RunResult>((resolve) => {
      let worker: WorkerLike
      try {
        worker = this.ensureWorker()
      } catch (e) {
        resolve(failure(`could not start the cell runner: ${(e as Error)?.message ?? String(e)}`))
        return
      }
      const p: Pending = { opts, resolve, timer: null }
      p.timer = setTimeout(() => {
        this.finish(id, failure('the cell runner did not start; try reloading the page'))
        this.reset()
      }, this.startTimeoutMs)
      this.pending.set(id, p)
      worker.postMessage({
        type: 'run',
        id,
        code,
        limits: opts.limits ?? { ...defaultOutputLimits },
        ...(opts.lang === 'go' ? { lang: 'go' as const } : {}),
        ...(opts.goVersion !== undefined ? { goVersion: opts.goVersion } : {}),
      })
    })
  }

  /** Stops whatever is running (status 'timeout' with the time limit) and drops the worker. */
  stop(): void {
    for (const [id, p] of [...this.pending]) {
      this.finish(id, timeoutResult(p.opts.timeoutMs))
    }
    this.reset()
  }

  /** Terminates the worker; pending runs resolve with an error. */
  dispose(): void {
    for (const id of [...this.pending.keys()]) this.finish(id, failure('the cell was closed'))
    this.reset()
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker
    const w = this.factory()
    this.workersStarted++
    w.addEventListener('message', (ev: MessageEvent<unknown>) => {
      if (this.worker === w) this.onMessage(ev.data)
    })
    w.addEventListener('error', (ev: Event) => {
      if (this.worker !== w) return
      ev.preventDefault?.()
      const msg = (ev as ErrorEvent).message || 'the cell runner failed to load'
      for (const id of [...this.pending.keys()]) this.finish(id, failure(msg))
      this.reset()
    })
    this.worker = w
    return w
  }

  private reset(): void {
    const w = this.worker
    this.worker = null
    w?.terminate()
  }

  private finish(id: number, result: RunResult): void {
    const p = this.pending.get(id)
    if (!p) return
    if (p.timer !== null) clearTimeout(p.timer)
    this.pending.delete(id)
    p.resolve(result)
  }

  private onMessage(data: unknown): void {
    if (!isFromWorker(data)) return
    const msg: FromWorker = data
    if (msg.type === 'ready') return
    const p = this.pending.get(msg.id)
    if (!p) return
    switch (msg.type) {
      case 'started': {
        if (p.timer !== null) clearTimeout(p.timer)
        const ms = p.opts.timeoutMs
        p.timer = setTimeout(() => {
          this.finish(msg.id, timeoutResult(ms))
          this.reset()
        }, ms)
        p.opts.onStarted?.()
        return
      }
      case 'output':
        p.opts.onOutput?.(msg.stream, msg.text)
        return
      case 'done':
        this.finish(msg.id, {
          status: msg.status,
          error: msg.error,
          truncated: msg.truncated,
          elapsedMs: msg.elapsedMs,
          runtimes: msg.runtimes,
          heap: msg.heap ?? null,
        })
        return
    }
  }
}

function failure(message: string): RunResult {
  return {
    status: 'error',
    error: { name: 'Error', message, line: null, column: null, goFatal: false },
    truncated: false,
    elapsedMs: 0,
    runtimes: [],
  }
}

function timeoutResult(timeoutMs: number): RunResult {
  return { status: 'timeout', error: null, truncated: false, elapsedMs: timeoutMs, runtimes: [], timeoutMs }
}
