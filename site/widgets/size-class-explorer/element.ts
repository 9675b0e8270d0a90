/**
 * <size-class-explorer>: wires the form to the model and updates the rendered parts in place.
 * Keeps focus where the reader is (only result/plot/summary are re-rendered, never the form).
 */
import type { GoVersion } from '@go-alloc/core'
import { pageLocale } from '../../lib/ui-locale.ts'
import { uiStrings } from '../../lib/strings/index.ts'
import { NotebookWidget } from '../shared/widget-element.ts'
import { explorerView, initialState, parseSizeInput, stateFromParams, type ExplorerState } from './model.ts'
import { renderPlot, renderResult, renderTable, stateHref } from './render.ts'

class SizeClassExplorer extends NotebookWidget {
  private state: ExplorerState = initialState
  private readonly t = uiStrings(pageLocale()).explorer
  /** The version the table was drawn for (the static HTML: the build-time default). */
  private renderedVersion: GoVersion = initialState.goVersion

  private partEl<T extends Element>(name: string): T {
    const el = this.querySelector<T>(`[data-part="${name}"]`)
    if (!el) throw new Error(`size-class-explorer: missing [data-part="${name}"]`)
    return el
  }

  private get form(): HTMLFormElement {
    return this.partEl<HTMLFormElement>('form')
  }

  private field<T extends HTMLElement>(name: string): T {
    const el = this.form.elements.namedItem(name)
    if (!(el instanceof HTMLElement)) throw new Error(`size-class-explorer: missing input ${name}`)
    return el as T
  }

  protected hydrate(): void {
    const size = this.field<HTMLInputElement>('size')
    const slider = this.field<HTMLInputElement>('slider')
    const pointers = this.field<HTMLInputElement>('pointers')
    const read = (): ExplorerState => ({
      input: size.value,
      noscan: !pointers.checked,
      goVersion: this.goVersion,
    })
    this.form.addEventListener('submit', (ev) => ev.preventDefault())
    size.addEventListener('input', () => this.update(read()))
    slider.addEventListener('input', () => {
      size.value = slider.value
      this.update(read())
    })
    pointers.addEventListener('change', () => this.update(read()))
    // The reader may have typed before the script ran: start from what the form holds.
    this.update(read())
  }

  protected override applyUrlState(params: URLSearchParams): void {
    this.setState(stateFromParams(params, this.state))
  }

  protected override goVersionChanged(v: GoVersion): void {
    this.update({ ...this.state, goVersion: v })
  }

  protected override goTo(value: string): void {
    this.setState({ ...this.state, input: value })
  }

  private setState(s: ExplorerState): void {
    this.field<HTMLInputElement>('size').value = s.input
    this.field<HTMLInputElement>('pointers').checked = !s.noscan
    this.update(s)
  }

  private update(s: ExplorerState): void {
    const versionChanged = s.goVersion !== this.renderedVersion
    this.state = s
    const v = explorerView(s, this.t)
    const parsed = parseSizeInput(s.input, this.t)
    const slider = this.field<HTMLInputElement>('slider')
    if (parsed.ok && document.activeElement !== slider) slider.value = String(Math.max(1, v.slider))
    this.field<HTMLInputElement>('size').setAttribute('aria-invalid', String(!parsed.ok))
    this.partEl('result').innerHTML = renderResult(v, this.t)
    this.partEl('plot').innerHTML = renderPlot(v, this.t)
    this.partEl('summary').textContent = v.summary
    this.partEl<HTMLAnchorElement>('link').href = stateHref(v, this.id)
    const box = this.partEl<HTMLElement>('table')
    if (versionChanged) {
      // Objects per span depend on the version: the whole table is redrawn (rows are plain text).
      box.innerHTML = renderTable(v, this.t)
      this.renderedVersion = s.goVersion
    }
    for (const tr of box.querySelectorAll('tr[aria-current]')) tr.removeAttribute('aria-current')
    if (v.currentClass !== null) {
      const row = box.querySelector<HTMLElement>(`tr[data-class="${v.currentClass}"]`)
      if (row) {
        row.setAttribute('aria-current', 'true')
        // Scroll the table box (not the page) so the row is visible.
        const top = row.offsetTop - box.clientHeight / 2
        box.scrollTop = Math.max(0, top)
      }
    }
  }
}

if (!customElements.get('size-class-explorer'))
  customElements.define('size-class-explorer', SizeClassExplorer)
