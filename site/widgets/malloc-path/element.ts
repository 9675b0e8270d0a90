/**
 * <malloc-path>: type a size (and whether it holds pointers), watch the allocation travel through
 * the stages; "Allocate it again" follows the next allocation of the same size (usually a hit in
 * the P's cache), "Fresh heap" starts over. The form is never re-rendered. URL:
 * `#malloc-path:size=33&noscan=0&n=1`. Prose links: `data-goto="malloc-path:40000"` (a size) or
 * `data-goto="malloc-path:size=8&noscan=1"` (the URL parameters).
 * Follows the page's Go version.
 */
import { NotebookWidget } from '../shared/widget-element.ts'
import { pageLocale } from '../../lib/ui-locale.ts'
import { onGoVersionChange, pageGoVersion } from '../../lib/go-version.ts'
import { maxN, trip, type MallocInput } from './model.ts'
import { linkHash, renderSVG, renderSteps, renderTable, summaryText } from './render.ts'
import { stringsFor, type Locale } from './strings.ts'

class MallocPath extends NotebookWidget {
  private go = ''
  private locale: Locale = 'en'
  private input: MallocInput = { size: '33', noscan: false, n: 1 }

  private q<T extends Element>(sel: string): T {
    const el = this.querySelector<T>(sel)
    if (!el) throw new Error(`malloc-path: missing ${sel}`)
    return el
  }

  protected hydrate(): void {
    this.locale = pageLocale()
    this.go = pageGoVersion()
    const size = this.q<HTMLInputElement>('[data-ctl="size"]')
    const noscan = this.q<HTMLInputElement>('[data-ctl="noscan"]')
    for (const el of this.querySelectorAll<HTMLInputElement>('[data-ctl]'))
      if ('disabled' in el) el.disabled = false
    this.input = { size: size.value, noscan: noscan.checked, n: 1 }
    this.q<HTMLFormElement>('[data-ctl="form"]').addEventListener('submit', (ev) => ev.preventDefault())
    size.addEventListener('input', () => this.set({ ...this.input, size: size.value, n: 1 }, true))
    noscan.addEventListener('change', () => this.set({ ...this.input, noscan: noscan.checked, n: 1 }, true))
    this.q('[data-ctl="again"]').addEventListener('click', () =>
      this.set({ ...this.input, n: Math.min(maxN, this.input.n + 1) }, true),
    )
    this.q('[data-ctl="fresh"]').addEventListener('click', () => this.set({ ...this.input, n: 1 }, true))
    onGoVersionChange((v) => {
      this.go = v
      this.update(false)
    })
    this.update(false)
  }

  protected override applyUrlState(p: URLSearchParams): void {
    const n = Number(p.get('n') ?? 1)
    this.set(
      {
        size: p.get('size') ?? this.input.size,
        noscan: p.get('noscan') === '1',
        n: Number.isFinite(n) ? Math.max(1, Math.min(maxN, Math.trunc(n))) : 1,
      },
      false,
      true,
    )
  }

  protected override goTo(value: string): void {
    if (value.includes('=')) this.applyUrlState(new URLSearchParams(value))
    else this.set({ ...this.input, size: value, n: 1 }, true, true)
  }

  private set(input: MallocInput, animate: boolean, writeForm = false): void {
    this.input = input
    if (writeForm) {
      this.q<HTMLInputElement>('[data-ctl="size"]').value = input.size
      this.q<HTMLInputElement>('[data-ctl="noscan"]').checked = input.noscan
    }
    this.update(animate)
  }

  private update(animate: boolean): void {
    const t = stringsFor(this.locale)
    const tr = trip(this.input, this.go)
    this.q('[data-part="svg"]').innerHTML = renderSVG(tr, t, animate && !this.reducedMotion)
    this.q('[data-part="steps"]').innerHTML = renderSteps(tr, t, this.locale)
    this.q('[data-part="summary"]').textContent = summaryText(tr, t)
    this.q('[data-part="table"]').innerHTML = renderTable(tr, t)
    this.q<HTMLInputElement>('[data-ctl="size"]').setAttribute('aria-invalid', String(!tr.ok))
    this.q<HTMLButtonElement>('[data-ctl="again"]').disabled = !tr.ok || this.input.n >= maxN
    this.q<HTMLAnchorElement>('[data-part="link"]').href = linkHash(this.id, this.input)
  }
}

if (!customElements.get('malloc-path')) customElements.define('malloc-path', MallocPath)
