/**
 * `<go-cell>`: the page-side behaviour of a live code cell (markup from site/components/Cell.astro).
 *
 * - Until the reader focuses or runs the cell, the code area is Shiki's build-time highlighting,
 *   made editable; CodeMirror (editor.ts) is imported on first focus/edit/run and takes over with
 *   the same text, selection and focus.
 * - Runs go to a CellClient (client.ts), which runs code only in a Web Worker and enforces the
 *   time limit. Nothing runs on its own: not on load, not from a link.
 * - Edits are saved in localStorage under the page path + cell id; Reset restores the original.
 * - `data-status` on the root: idle | running | done | error | timeout.
 */
import type { CellApi } from './api.ts'
import type { EditorHandle } from './editor.ts'
import type { OutputStream, RunResult } from './protocol.ts'
import { CellClient } from './client.ts'
import type { GoHeapView } from './protocol.ts'
import { withBase } from '../lib/url.ts'
import { pageLocale } from '../lib/ui-locale.ts'
import { uiStrings } from '../lib/strings/index.ts'
import { pageGoVersion } from '../lib/go-version.ts'
import { defaultCellTimeoutMs } from './protocol.ts'
import {
  errorHeadline,
  errorLocation,
  statusLine,
  storageKey,
  summarizeRuntime,
  timeoutMessage,
} from './view.ts'

type Status = 'idle' | 'running' | 'done' | 'error' | 'timeout'

/** The page's cell strings (Chinese on /zh/ pages). */
const t = () => uiStrings(pageLocale()).cell

function hexAddr(n: number): string {
  return '0x' + n.toString(16)
}

let editorModule: Promise<typeof import('./editor.ts')> | null = null
function loadEditor() {
  editorModule ??= import('./editor.ts')
  return editorModule
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag)
  if (cls) e.className = cls
  if (text !== undefined) e.textContent = text
  return e
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

/** Caret/selection inside `root` as text offsets, or null when the selection is elsewhere. */
function selectionIn(root: HTMLElement): { anchor: number; head: number } | null {
  const sel = window.getSelection()
  if (!sel || sel.rangeCount === 0 || !sel.anchorNode || !sel.focusNode) return null
  if (!root.contains(sel.anchorNode) || !root.contains(sel.focusNode)) return null
  const offset = (node: Node, off: number) => {
    const r = document.createRange()
    r.selectNodeContents(root)
    r.setEnd(node, off)
    return r.toString().length
  }
  return { anchor: offset(sel.anchorNode, sel.anchorOffset), head: offset(sel.focusNode, sel.focusOffset) }
}

export class GoCell extends HTMLElement {
  private original = ''
  private key = ''
  private timeoutMs = defaultCellTimeoutMs
  /** 'go' for Go cells (data-lang). */
  private cellLang: 'ts' | 'go' = 'ts'
  private api: CellApi | null = null
  private staticCode: HTMLElement | null = null
  private staticHTML = ''
  private runBtn!: HTMLButtonElement
  private stopBtn!: HTMLButtonElement
  private stateEl!: HTMLElement
  private output!: HTMLElement
  private editor: EditorHandle | null = null
  private upgrading: Promise<void> | null = null
  private client: CellClient | null = null
  private running = false
  private stoppedByReader = false
  private wired = false
  /** Bumped by reset(), so a run that was cut short by it does not draw over the cleared cell. */
  private generation = 0

  connectedCallback(): void {
    if (this.wired) return
    const codeBox = this.querySelector<HTMLElement>('[data-cell-code]')
    const runBtn = this.querySelector<HTMLButtonElement>('[data-cell-run]')
    const stopBtn = this.querySelector<HTMLButtonElement>('[data-cell-stop]')
    const resetBtn = this.querySelector<HTMLButtonElement>('[data-cell-reset]')
    const stateEl = this.querySelector<HTMLElement>('[data-cell-state]')
    const output = this.querySelector<HTMLElement>('[data-cell-output]')
    if (!codeBox || !runBtn || !stopBtn || !resetBtn || !stateEl || !output) return
    this.wired = true
    Object.assign(this, { runBtn, stopBtn, stateEl, output })

    this.original = this.dataset.code ?? ''
    this.cellLang = this.dataset.lang === 'go' ? 'go' : 'ts'
    this.key = storageKey(location.pathname, this.dataset.cell ?? '')
    const t = Number(this.dataset.timeout)
    if (Number.isFinite(t) && t > 0) this.timeoutMs = t
    try {
      // Only the page's first cell carries the completion list (it is the same for all).
      const json = this.dataset.api ?? document.querySelector<HTMLElement>('go-cell[data-api]')?.dataset.api
      this.api = json ? (JSON.parse(json) as CellApi) : null
    } catch {
      this.api = null
    }

    this.staticCode = codeBox.querySelector<HTMLElement>('[data-cell-static]')
    if (this.staticCode) {
      this.staticHTML = this.staticCode.innerHTML
      this.wireStatic(this.staticCode)
    }

    runBtn.addEventListener('click', () => void this.run())
    stopBtn.addEventListener('click', () => this.stop())
    resetBtn.addEventListener('click', () => this.reset())
    this.addEventListener('pointerenter', () => void loadEditor().catch(() => {}), { once: true })

    const saved = safeStorage()?.getItem(this.key) ?? null
    if (saved !== null && saved !== this.original) {
      this.setStaticText(saved)
      this.markEdited(true)
    }
    this.setStatus('idle')
  }

  disconnectedCallback(): void {
    this.client?.dispose()
    this.client = null
  }

  // ---- code area ------------------------------------------------------------------------------

  private wireStatic(pre: HTMLElement): void {
    // Editable from the start, so keyboard and pointer users can type at once; CodeMirror takes
    // over as soon as it has loaded.
    pre.addEventListener('focus', () => void this.upgrade())
    pre.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault()
        void this.run()
      }
    })
    pre.addEventListener('beforeinput', (ev) => {
      // Keep the static area plain text: insert text nodes ourselves, so a line break is a "\n"
      // and never a <div> or <br> (which textContent would lose).
      let text: string | null = null
      if (ev.inputType === 'insertParagraph' || ev.inputType === 'insertLineBreak') text = '\n'
      else if (ev.inputType === 'insertText' || ev.inputType === 'insertReplacementText') {
        text = ev.data ?? ev.dataTransfer?.getData('text/plain') ?? null
      } else if (ev.inputType === 'insertFromPaste' || ev.inputType === 'insertFromDrop') {
        text = ev.dataTransfer?.getData('text/plain') ?? null
      }
      if (text === null) return
      const sel = window.getSelection()
      if (!sel || sel.rangeCount === 0 || !pre.contains(sel.anchorNode)) return
      ev.preventDefault()
      const range = sel.getRangeAt(0)
      range.deleteContents()
      const node = document.createTextNode(text)
      range.insertNode(node)
      range.setStartAfter(node)
      range.collapse(true)
      sel.removeAllRanges()
      sel.addRange(range)
      this.codeChanged(this.getCode())
    })
    pre.addEventListener('input', () => this.codeChanged(this.getCode()))
  }

  private setStaticText(text: string): void {
    if (!this.staticCode) return
    const code = this.staticCode.querySelector('code') ?? this.staticCode
    code.textContent = text
  }

  getCode(): string {
    if (this.editor) return this.editor.getCode()
    if (this.staticCode) return this.staticCode.textContent ?? ''
    return this.original
  }

  private codeChanged(code: string): void {
    const store = safeStorage()
    try {
      if (code === this.original) store?.removeItem(this.key)
      else store?.setItem(this.key, code)
    } catch {
      // Storage full or disabled: the edit simply is not kept.
    }
    this.markEdited(code !== this.original)
  }

  private markEdited(edited: boolean): void {
    this.toggleAttribute('data-edited', edited)
  }

  /** Replaces the static code with CodeMirror, keeping text, selection and focus. */
  upgrade(): Promise<void> {
    if (this.editor) return Promise.resolve()
    this.upgrading ??= loadEditor()
      .then((m) => {
        const pre = this.staticCode
        if (this.editor || !pre) return
        const focused = document.activeElement === pre
        const code = this.getCode()
        const selection = focused ? selectionIn(pre) : null
        const holder = el('div', 'cell-editor')
        pre.replaceWith(holder)
        this.editor = m.createEditor({
          parent: holder,
          doc: code,
          ...(selection ? { selection } : {}),
          label: pre.getAttribute('aria-label') ?? 'Code',
          api: this.api,
          lang: this.cellLang,
          onRun: () => void this.run(),
          onChange: (c) => this.codeChanged(c),
        })
        this.staticCode = null
        if (focused) this.editor.focus()
      })
      .catch(() => {
        // The editor could not load (offline, blocked): the static area stays editable.
        this.upgrading = null
      })
    return this.upgrading
  }

  // ---- running --------------------------------------------------------------------------------

  private setStatus(s: Status): void {
    this.dataset.status = s
    const busy = s === 'running'
    this.runBtn.setAttribute('aria-disabled', String(busy))
    this.stopBtn.hidden = !busy
    this.output.setAttribute('aria-busy', String(busy))
    if (s === 'idle') this.stateEl.textContent = this.hasAttribute('data-edited') ? t().edited : ''
  }

  async run(): Promise<void> {
    if (this.running) return
    this.running = true
    this.stoppedByReader = false
    const code = this.getCode()
    this.codeChanged(code)
    this.output.replaceChildren()
    const lines = el('pre', 'cell-lines')
    this.output.append(lines)
    this.stateEl.textContent = t().running
    this.setStatus('running')
    void this.upgrade()

    this.client ??= new CellClient()
    const gen = this.generation
    const result = await this.client.run(code, {
      timeoutMs: this.timeoutMs,
      lang: this.cellLang,
      goVersion: pageGoVersion(),
      onOutput: (stream, text) => {
        if (gen === this.generation) this.appendLines(lines, stream, text)
      },
    })
    this.running = false
    if (gen !== this.generation) return
    this.render(result, lines)
    const stopHadFocus = document.activeElement === this.stopBtn
    this.setStatus(result.status)
    if (stopHadFocus) this.runBtn.focus()
  }

  stop(): void {
    if (!this.running || !this.client) return
    this.stoppedByReader = true
    this.client.stop()
  }

  private appendLines(lines: HTMLElement, stream: OutputStream, text: string): void {
    const span = el('span', stream === 'err' ? 'cell-err' : 'cell-out', text + '\n')
    lines.append(span)
  }

  private render(r: RunResult, lines: HTMLElement): void {
    const s = t()
    if (r.truncated) this.output.append(el('p', 'cell-note', s.truncatedNote))
    if (r.status === 'timeout') {
      const msg = this.stoppedByReader ? s.stoppedMessage : timeoutMessage(r.timeoutMs ?? this.timeoutMs, s)
      this.output.append(el('p', 'cell-error', msg))
    } else if (r.status === 'error' && r.error) {
      const box = el('div', 'cell-error')
      // Go compile errors: the prefix in the page's language
      box.append(
        el('span', 'cell-error-head', errorHeadline(r.error).replace(/^compile error: /, s.compileError)),
      )
      const where = errorLocation(r.error, s)
      if (where) box.append(el('span', 'cell-error-where', `\n    ${s.errorAt(where)}`))
      this.output.append(box)
    }
    if (!lines.hasChildNodes()) {
      if (r.status === 'done') lines.replaceWith(el('p', 'cell-note', s.noOutput))
      else lines.remove()
    }
    if (r.heap) this.output.append(this.renderHeap(r.heap))
    for (const v of r.runtimes) this.output.append(this.renderRuntime(v))
    this.stateEl.textContent = this.stoppedByReader && r.status === 'timeout' ? s.stopped : statusLine(r, s)
  }

  private renderRuntime(v: RunResult['runtimes'][number]): HTMLElement {
    const strings = t()
    const s = summarizeRuntime(v, strings)
    const box = el('details', 'cell-runtime')
    box.open = true
    box.append(el('summary', undefined, s.heading))
    if (s.figures.length) {
      const dl = el('dl', 'cell-figures')
      for (const f of s.figures) {
        const div = el('div')
        div.append(el('dt', undefined, f.label), el('dd', undefined, f.value))
        dl.append(div)
      }
      box.append(dl)
    }
    if (s.rows.length) {
      const wrap = el('div', 'cell-table-wrap')
      const table = el('table', 'cell-classes')
      table.append(el('caption', undefined, strings.classesCaption))
      const head = el('tr')
      for (const h of strings.classHeaders) {
        const th = el('th', undefined, h)
        th.scope = 'col'
        head.append(th)
      }
      table.append(el('thead'), el('tbody'))
      table.tHead!.append(head)
      for (const row of s.rows) {
        const tr = el('tr')
        for (const cell of [row.sizeclass, row.size, row.mallocs, row.frees, row.live, row.spans]) {
          tr.append(el('td', undefined, String(cell)))
        }
        table.tBodies[0]!.append(tr)
      }
      wrap.append(table)
      box.append(wrap)
    }
    if (s.counters.length) {
      const p = el('p', 'cell-counters')
      p.append(el('span', 'cell-counters-label', strings.counters))
      p.append(document.createTextNode(s.counters.map((c) => `${c.label} ${c.value}`).join(' · ')))
      box.append(p)
    }
    if (s.note) box.append(el('p', 'cell-note', s.note))
    return box
  }

  /** A Go cell's heap view: each allocation (line, type, bytes → slot, class, span, address) and the spans. */
  private renderHeap(h: GoHeapView): HTMLElement {
    const t = uiStrings(pageLocale()).cell
    const box = el('details', 'cell-heap')
    box.dataset.cellHeap = ''
    box.open = true
    box.append(el('summary', undefined, t.heap(h.total, h.goVersion)))
    if (h.total === 0) {
      box.append(el('p', 'cell-note', t.noAllocations))
      return box
    }
    const table = (caption: string, head: readonly string[], rows: string[][], cls: string): HTMLElement => {
      // a scrolling region: reachable with the keyboard, named by its caption
      const wrap = el('div', 'cell-table-wrap')
      wrap.tabIndex = 0
      wrap.setAttribute('role', 'region')
      wrap.setAttribute('aria-label', caption)
      const tb = el('table', `cell-classes ${cls}`)
      tb.append(el('caption', undefined, caption))
      const thead = el('thead')
      const tr = el('tr')
      for (const x of head) {
        const th = el('th', undefined, x)
        th.scope = 'col'
        tr.append(th)
      }
      thead.append(tr)
      const tbody = el('tbody')
      for (const row of rows) {
        const r = el('tr')
        for (const c of row) r.append(el('td', undefined, c))
        tbody.append(r)
      }
      tb.append(thead, tbody)
      wrap.append(tb)
      return wrap
    }
    const cls = (kind: string, sizeclass: number, noscan: boolean): string => {
      if (kind === 'tiny') return `${t.tiny} (2)`
      if (kind === 'large') return t.large
      if (kind === 'zero') return t.zerobase
      return `${sizeclass}${noscan ? ' noscan' : ''}`
    }
    box.append(
      table(
        t.allocCaption,
        t.allocHeaders,
        h.allocs.map((a) => [
          String(a.line),
          a.what,
          a.type,
          `${a.size} → ${a.slot}`,
          cls(a.kind, a.sizeclass, a.noscan),
          a.span === 0 ? '–' : hexAddr(a.span),
          hexAddr(a.addr),
          a.fn,
        ]),
        'cell-allocs',
      ),
    )
    if (h.total > h.allocs.length) box.append(el('p', 'cell-note', t.allocMore(h.total - h.allocs.length)))
    if (h.spans.length > 0)
      box.append(
        table(
          t.spansCaption,
          t.spanHeaders,
          h.spans.map((s) => [
            hexAddr(s.base),
            s.sizeclass === 0 ? t.large : String(s.sizeclass),
            `${s.elemsize} B`,
            String(s.npages),
            s.freed ? t.spanFreed : `${s.allocCount}/${s.nelems}`,
            String(s.allocs),
          ]),
          'cell-spans',
        ),
      )
    const p = el('p', 'cell-note cell-heap-links')
    p.append(document.createTextNode(`${t.seeChapters} `))
    t.heapLinks.forEach(([label, href], i) => {
      if (i > 0) p.append(document.createTextNode(' · '))
      const a = el('a', undefined, label)
      a.href = withBase(href)
      p.append(a)
    })
    box.append(p)
    return box
  }

  // ---- reset ----------------------------------------------------------------------------------

  reset(): void {
    this.generation++
    if (this.running) this.stop()
    try {
      safeStorage()?.removeItem(this.key)
    } catch {
      // ignore
    }
    if (this.editor) this.editor.setCode(this.original)
    else if (this.staticCode) this.staticCode.innerHTML = this.staticHTML
    this.markEdited(false)
    this.output.replaceChildren(el('p', 'cell-placeholder', t().placeholder))
    this.setStatus('idle')
  }
}

if (!customElements.get('go-cell')) customElements.define('go-cell', GoCell)
