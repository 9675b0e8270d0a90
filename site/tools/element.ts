/**
 * <go-tools>: the "Your program" page's custom element. Each `<textarea data-tool>` is analysed
 * as it changes (debounced), in the tools worker (site/tools/worker.ts; on the page itself if the
 * worker cannot start), and the result is written into its `[data-tool-output]`. The four texts,
 * the types table's order and the replay's GOGC and GOMEMLIMIT live in the URL hash (state.ts); the page's Go
 * version is the site's switch (site/lib/go-version.ts): every panel is recomputed when it changes.
 */
import { onGoVersionChange, pageGoVersion } from '../lib/go-version.ts'
import {
  analyze,
  toolNames,
  type AnalyzeOptions,
  type FromWorker,
  type ToWorker,
  type ToolName,
  type ToolResult,
} from './analyze.ts'
import {
  renderBench,
  renderGctrace,
  renderProfile,
  renderTypes,
  typesSorts,
  type TypesSort,
} from './render.ts'
import {
  decodeState,
  encodeState,
  hashPrefix,
  readCompareInput,
  type CompareError,
  type ToolsState,
} from './state.ts'
import { texts, type Lang, type Texts } from './texts.ts'
import { benchExample, gctraceExample, profileExample, typesExample } from './examples.ts'

const examples: Record<ToolName, string> = {
  types: typesExample,
  bench: benchExample,
  profile: profileExample,
  gctrace: gctraceExample,
}

class GoTools extends HTMLElement {
  private uiLang: Lang = 'en'
  private t: Texts = texts.en
  private worker: Worker | null = null
  private workerFailed = false
  private seq = 0
  private pending = new Map<number, ToolName>()
  /** Messages the worker has not answered yet, to re-send when it is restarted. */
  private inflight = new Map<number, ToWorker>()
  private latest = new Map<ToolName, number>()
  private timers = new Map<ToolName, ReturnType<typeof setTimeout>>()
  private results = new Map<ToolName, ToolResult>()
  private sort: TypesSort = 'decl'
  private gogc: number | 'off' = 200
  /** GOMEMLIMIT for the replay, in MiB (undefined: no limit). */
  private memlimit: number | undefined = undefined
  private urlTimer: ReturnType<typeof setTimeout> | null = null

  connectedCallback(): void {
    this.uiLang = (document.documentElement.lang || '').toLowerCase().startsWith('zh') ? 'zh' : 'en'
    this.t = texts[this.uiLang]
    for (const tool of toolNames) {
      const ta = this.area(tool)
      ta?.addEventListener('input', () => this.schedule(tool, 250, true))
      this.querySelector<HTMLButtonElement>(`button[data-example="${tool}"]`)?.addEventListener(
        'click',
        () => {
          if (!ta) return
          ta.value = examples[tool]
          this.schedule(tool, 0, true)
        },
      )
    }
    const sortSel = this.querySelector<HTMLSelectElement>('select[name="types-sort"]')
    sortSel?.addEventListener('change', () => {
      if ((typesSorts as readonly string[]).includes(sortSel.value)) this.sort = sortSel.value as TypesSort
      this.rerender('types')
      this.saveUrl()
    })
    for (const name of ['gogc', 'memlimit'])
      this.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.addEventListener('change', () =>
        this.readCompare(),
      )
    this.addEventListener('click', (ev) => {
      // Links to a type's section scroll without replacing the state in the hash.
      const a = (ev.target as HTMLElement).closest<HTMLAnchorElement>('a[href^="#type-"]')
      if (a) {
        const target = document.getElementById(decodeURIComponent(a.hash.slice(1)))
        if (target) {
          ev.preventDefault()
          target.setAttribute('tabindex', '-1')
          target.scrollIntoView({ block: 'start' })
          target.focus({ preventScroll: true })
        }
        return
      }
      const b = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-copy]')
      if (!b) return
      const pre = document.getElementById(b.dataset.copy ?? '')
      if (pre && navigator.clipboard)
        void navigator.clipboard.writeText(pre.textContent ?? '').then(() => (b.textContent = this.t.copied))
    })
    onGoVersionChange(() => {
      for (const tool of toolNames) if (this.area(tool)?.value) this.schedule(tool, 0, false)
    })
    window.addEventListener('hashchange', () => void this.loadUrl())
    void this.loadUrl().then(() => this.setAttribute('data-ready', ''))
  }

  private area(tool: ToolName): HTMLTextAreaElement | null {
    return this.querySelector<HTMLTextAreaElement>(`textarea[data-tool="${tool}"]`)
  }

  private output(tool: ToolName): HTMLElement | null {
    return this.querySelector<HTMLElement>(`[data-tool-output="${tool}"]`)
  }

  private status(tool: ToolName, text: string): void {
    const s = this.querySelector<HTMLElement>(`[data-tool-status="${tool}"]`)
    if (s) s.textContent = text
  }

  private async loadUrl(): Promise<void> {
    if (!location.hash.startsWith(hashPrefix)) return
    const s = await decodeState(location.hash)
    if (!s) return
    if (s.sort && (typesSorts as readonly string[]).includes(s.sort)) {
      this.sort = s.sort as TypesSort
      const sel = this.querySelector<HTMLSelectElement>('select[name="types-sort"]')
      if (sel) sel.value = this.sort
    }
    if (s.gogc !== undefined || s.memlimit !== undefined) {
      this.gogc = s.gogc ?? 200
      this.memlimit = s.memlimit
      const g = this.querySelector<HTMLInputElement>('input[name="gogc"]')
      if (g) g.value = String(this.gogc)
      const l = this.querySelector<HTMLInputElement>('input[name="memlimit"]')
      if (l) l.value = this.memlimit === undefined ? '' : String(this.memlimit)
      this.showCompareErrors([])
    }
    for (const tool of toolNames) {
      const ta = this.area(tool)
      if (ta && typeof s[tool] === 'string' && ta.value !== s[tool]) {
        ta.value = s[tool]!
        this.schedule(tool, 0, false)
      }
    }
  }

  private saveUrl(): void {
    if (this.urlTimer) clearTimeout(this.urlTimer)
    this.urlTimer = setTimeout(() => {
      const s: ToolsState = {
        sort: this.sort === 'decl' ? undefined : this.sort,
        gogc: this.gogc === 200 ? undefined : this.gogc,
        memlimit: this.memlimit,
      }
      for (const tool of toolNames) s[tool] = this.area(tool)?.value || undefined
      void encodeState(s).then((hash) => {
        // Very large pastes stay out of the address bar (browsers cap URLs near 2 MB).
        if (hash.length > 1_500_000) return
        const url = location.pathname + location.search + hash
        history.replaceState(history.state, '', hash ? url : location.pathname + location.search)
      })
    }, 300)
  }

  private schedule(tool: ToolName, delay: number, save: boolean): void {
    const old = this.timers.get(tool)
    if (old) clearTimeout(old)
    this.timers.set(
      tool,
      setTimeout(() => this.run(tool), delay),
    )
    if (save) this.saveUrl()
  }

  private options(): AnalyzeOptions {
    return {
      goVersion: pageGoVersion(),
      gogc: this.gogc,
      memoryLimit: this.memlimit === undefined ? 'off' : this.memlimit * 2 ** 20,
    }
  }

  /**
   * The GOGC and GOMEMLIMIT inputs changed: read both; on a mistake mark the input(s)
   * aria-invalid, say what was wrong and keep the previous replay; otherwise replay again.
   */
  private readCompare(): void {
    const g = this.querySelector<HTMLInputElement>('input[name="gogc"]')
    const l = this.querySelector<HTMLInputElement>('input[name="memlimit"]')
    if (!g || !l) return
    const r = readCompareInput(g.value, l.value)
    if (!r.ok) {
      this.showCompareErrors(r.errors)
      return
    }
    this.showCompareErrors([])
    if (r.gogc === this.gogc && r.memlimit === this.memlimit) return
    this.gogc = r.gogc
    this.memlimit = r.memlimit
    this.schedule('gctrace', 0, true)
  }

  private showCompareErrors(errors: readonly CompareError[]): void {
    const t = this.t
    for (const name of ['gogc', 'memlimit'] as const) {
      const input = this.querySelector<HTMLInputElement>(`input[name="${name}"]`)
      input?.setAttribute('aria-invalid', errors.some((e) => e.field === name) ? 'true' : 'false')
    }
    const box = this.querySelector<HTMLElement>('[data-compare-error]')
    if (!box) return
    const words = errors.map((e) =>
      e.field === 'gogc'
        ? e.code === 'offNeedsLimit'
          ? t.errGogcOff
          : e.code === 'range'
            ? t.errGogcRange(e.input)
            : t.errGogcNumber(e.input)
        : e.code === 'range'
          ? t.errLimitRange(e.input)
          : e.code === 'notWhole'
            ? t.errLimitWhole(e.input)
            : t.errLimitNumber(e.input),
    )
    // Chinese sentences follow each other without a space.
    if (words.length && this.results.has('gctrace')) words.push(t.errKept)
    box.textContent = words.join(this.uiLang === 'zh' ? '' : ' ')
    box.hidden = !words.length
  }

  private run(tool: ToolName): void {
    const text = this.area(tool)?.value ?? ''
    const id = ++this.seq
    this.latest.set(tool, id)
    const opts = this.options()
    // The worker is still busy with an older text of this tool (a long replay, a big paste):
    // stop it rather than wait, and hand the other tools' unanswered requests to a fresh one.
    const stale = [...this.inflight.values()].filter((m) => m.tool === tool)
    if (stale.length && this.worker) {
      this.worker.terminate()
      this.worker = null
      for (const m of stale) {
        this.inflight.delete(m.id)
        this.pending.delete(m.id)
      }
    }
    const w = this.ensureWorker()
    if (w) {
      if (stale.length) for (const m of this.inflight.values()) w.postMessage(m)
      const msg: ToWorker = { id, tool, text, opts }
      this.pending.set(id, tool)
      this.inflight.set(id, msg)
      this.status(tool, this.t.working(0))
      w.postMessage(msg)
      return
    }
    this.show(tool, analyze(tool, text, opts))
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.workerFailed) return this.worker
    try {
      const w = new Worker(new URL('./worker.ts', import.meta.url), {
        type: 'module',
        name: 'go-alloc-tools',
      })
      w.onmessage = (ev: MessageEvent<FromWorker>) => this.onMessage(ev.data)
      w.onerror = () => this.fallBack()
      this.worker = w
    } catch {
      this.workerFailed = true
    }
    return this.worker
  }

  /** The worker failed to load: analyse on the page from now on. */
  private fallBack(): void {
    this.worker?.terminate()
    this.worker = null
    this.workerFailed = true
    const waiting = [...new Set(this.pending.values())]
    this.pending.clear()
    this.inflight.clear()
    for (const tool of waiting) this.run(tool)
  }

  private onMessage(m: FromWorker): void {
    if (m.type !== 'progress') this.inflight.delete(m.id)
    const tool = this.pending.get(m.id)
    if (!tool || this.latest.get(tool) !== m.id) {
      if (m.type !== 'progress') this.pending.delete(m.id)
      return
    }
    if (m.type === 'progress') {
      this.status(tool, this.t.working(m.fraction))
      return
    }
    this.pending.delete(m.id)
    if (m.type === 'error') {
      this.status(tool, '')
      const out = this.output(tool)
      if (out) out.textContent = m.message
      return
    }
    this.show(tool, m.result)
  }

  private show(tool: ToolName, r: ToolResult): void {
    this.results.set(tool, r)
    this.status(tool, '')
    this.rerender(tool)
  }

  private rerender(tool: ToolName): void {
    const r = this.results.get(tool)
    const out = this.output(tool)
    if (!r || !out) return
    const empty = (this.area(tool)?.value ?? '').trim() === ''
    if (empty) {
      out.innerHTML = `<p>${this.t.empty}</p>`
      return
    }
    out.innerHTML =
      r.tool === 'types'
        ? renderTypes(r.model, this.sort, this.uiLang)
        : r.tool === 'bench'
          ? renderBench(r.model, this.uiLang)
          : r.tool === 'profile'
            ? renderProfile(r.model, this.uiLang)
            : renderGctrace(r.model, this.uiLang)
  }
}

if (!customElements.get('go-tools')) customElements.define('go-tools', GoTools)
