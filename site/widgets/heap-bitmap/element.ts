/**
 * <heap-bitmap>: wires the form to the model and re-renders the parts in place. The page's Go
 * version picks the highlighted scheme (and the one shown until the reader picks another);
 * focus stays on the control the reader used.
 */
import { onGoVersionChange, pageGoVersion } from '../../lib/go-version.ts'
import { NotebookWidget } from '../shared/widget-element.ts'
import {
  bitmapView,
  initialState,
  presets,
  stateForGoto,
  stateFromParams,
  type BitmapState,
  type SchemeId,
} from './model.ts'
import {
  renderCosts,
  renderTypeWords,
  renderView,
  renderWordsTable,
  stateHref,
  summaryText,
  type Locale,
} from './render.ts'

class HeapBitmap extends NotebookWidget {
  private state: BitmapState = initialState
  private version = pageGoVersion()
  private locale: Locale = 'en'

  private partEl<T extends Element>(name: string): T {
    const el = this.querySelector<T>(`[data-part="${name}"]`)
    if (!el) throw new Error(`heap-bitmap: missing [data-part="${name}"]`)
    return el
  }

  private get form(): HTMLFormElement {
    return this.partEl<HTMLFormElement>('form')
  }

  private input(name: string): HTMLInputElement | HTMLSelectElement {
    const el = this.form.elements.namedItem(name)
    if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) return el
    throw new Error(`heap-bitmap: missing input ${name}`)
  }

  private readNumbers(s: BitmapState): BitmapState {
    const n = (name: string) => {
      const raw = this.input(name).value.trim()
      return raw === '' ? NaN : Number(raw)
    }
    return { ...s, count: n('count'), index: n('index') }
  }

  protected hydrate(): void {
    this.locale = this.dataset.locale === 'zh' ? 'zh' : 'en'
    this.state = stateFromParams(new URLSearchParams(), this.readNumbers(initialState))
    const form = this.form
    form.addEventListener('submit', (ev) => ev.preventDefault())
    form.addEventListener('input', (ev) => {
      const t = ev.target as HTMLElement
      if (t instanceof HTMLInputElement && (t.name === 'count' || t.name === 'index'))
        this.update(this.readNumbers(this.state))
    })
    form.addEventListener('change', (ev) => {
      const t = ev.target as HTMLElement
      if (t instanceof HTMLSelectElement && t.name === 'preset') {
        const p = presets[t.value]
        if (p) this.update({ ...this.state, ...p })
      } else if (t instanceof HTMLInputElement && t.name === 'scheme') {
        this.update({ ...this.state, scheme: t.value as SchemeId })
      }
    })
    this.partEl('type').addEventListener('click', (ev) => {
      const b = (ev.target as HTMLElement).closest('button')
      if (!b) return
      const pat = this.state.pattern
      let next = pat
      let focus = ''
      if (b.dataset.word !== undefined) {
        const i = Number(b.dataset.word)
        next = pat.slice(0, i) + (pat[i] === 'p' ? 's' : 'p') + pat.slice(i + 1)
        focus = `[data-word="${i}"]`
      } else if (b.dataset.act === 'add') {
        next = pat + 's'
        focus = '[data-act="add"]'
      } else if (b.dataset.act === 'remove') {
        next = pat.slice(0, -1)
        focus = '[data-act="remove"]'
      }
      this.update({ ...this.state, pattern: next }, focus)
    })
    onGoVersionChange((v) => {
      this.version = v
      this.update(this.state)
    })
    // The reader may have typed before the script ran, or the page may not be on the default.
    this.update(this.state)
  }

  protected override applyUrlState(params: URLSearchParams): void {
    this.setState(stateFromParams(params, this.state))
  }

  protected override goTo(value: string): void {
    const s = stateForGoto(value, this.state)
    if (s) this.setState(s)
  }

  private setState(s: BitmapState): void {
    this.input('count').value = String(s.count)
    this.input('index').value = String(s.index)
    this.update(s)
  }

  private update(s: BitmapState, focus = ''): void {
    this.state = s
    const v = bitmapView(s, this.version)
    const loc = this.locale
    const type = this.partEl<HTMLElement>('type')
    type.innerHTML = renderTypeWords(s, loc)
    if (focus) type.querySelector<HTMLElement>(focus)?.focus()
    const preset = this.input('preset') as HTMLSelectElement
    const key =
      Object.entries(presets).find(([, p]) => p.pattern === s.pattern && p.count === s.count)?.[0] ?? ''
    if (preset.value !== key) preset.value = key
    for (const r of this.form.querySelectorAll<HTMLInputElement>('input[name="scheme"]')) {
      r.checked = r.value === v.shown
      const here = r.parentElement?.querySelector('.hb-here')
      if (here && r.value !== v.pageScheme) here.remove()
      if (!here && r.value === v.pageScheme) {
        const span = document.createElement('span')
        span.className = 'hb-here'
        span.textContent = loc === 'zh' ? '（本页的 Go 版本）' : '(this page’s Go)'
        r.parentElement?.append(' ', span)
      }
    }
    this.input('count').setAttribute('aria-invalid', String(/^count/.test(v.error ?? '')))
    this.input('index').setAttribute('aria-invalid', String(/^index/.test(v.error ?? '')))
    this.partEl('summary').textContent = summaryText(v, loc)
    this.partEl('view').innerHTML = renderView(v, loc)
    this.partEl('costs').innerHTML = renderCosts(v, loc)
    this.partEl('table').innerHTML = renderWordsTable(v, loc)
    this.partEl<HTMLAnchorElement>('link').href = stateHref(v, this.id)
    this.dataset.scheme = v.shown
  }
}

if (!customElements.get('heap-bitmap')) customElements.define('heap-bitmap', HeapBitmap)
