/**
 * <span-lookup>: pick a byte (a named pick or any typed address) and walk its lookup step by step.
 * Re-renders the `view` part (pages, entries, the mspan, the steps, the legacy array); the form is
 * never re-rendered, so focus stays put. URL: `#span-lookup:addr=0x…&step=5` or `#span-lookup:pick=stale`. Prose
 * links: `data-goto="span-lookup:stale"` (a pick name) or an address. Follows the page's Go version.
 */
import { NotebookWidget } from '../shared/widget-element.ts'
import { pageLocale } from '../../lib/ui-locale.ts'
import { onGoVersionChange, pageGoVersion } from '../../lib/go-version.ts'
import { addressForGoto, lookup, picks, spanScenario, walkSteps } from './model.ts'
import { clampStep, linkHash, pickFor, renderTable, renderView } from './render.ts'
import { stringsFor, type Locale } from './strings.ts'

class SpanLookup extends NotebookWidget {
  private go = ''
  private addr = ''
  private step = 99
  private locale: Locale = 'en'

  private q<T extends Element>(sel: string): T {
    const el = this.querySelector<T>(sel)
    if (!el) throw new Error(`span-lookup: missing ${sel}`)
    return el
  }

  protected hydrate(): void {
    this.locale = pageLocale()
    this.go = pageGoVersion()
    const input = this.q<HTMLInputElement>('[data-ctl="addr"]')
    const pick = this.q<HTMLSelectElement>('[data-ctl="pick"]')
    this.addr = input.value
    for (const el of this.querySelectorAll<HTMLInputElement>('[data-ctl]'))
      if ('disabled' in el) el.disabled = false
    this.q<HTMLFormElement>('[data-ctl="form"]').addEventListener('submit', (ev) => ev.preventDefault())
    pick.addEventListener('change', () => {
      const p = picks(this.go).find((x) => x.name === pick.value)
      if (p) this.set(p.addr, 99, true)
    })
    input.addEventListener('input', () => this.set(input.value, 99, false))
    // Pointer shortcut (the select and the address field do the same by keyboard): a page or an
    // entry picks the page's first byte, a slot of the drawn mspan picks the slot's first byte.
    this.q('[data-part="view"]').addEventListener('click', (ev) => {
      const el = ev.target instanceof Element ? ev.target : null
      const sc = spanScenario(this.go)
      const slot = el?.closest('[data-slot]')?.getAttribute('data-slot')
      const page = (el?.closest('[data-page]') ?? el?.closest('.sl-panel [data-entry]'))?.getAttribute(
        el?.closest('[data-page]') ? 'data-page' : 'data-entry',
      )
      const r = lookup(this.go, this.addr)
      const span = r.ok ? sc.spans.find((x) => x.label === r.walk.entry) : undefined
      let a: number | null = null
      if (slot != null && span) a = span.base + Number(slot) * span.elemsize
      else if (page != null) a = sc.heapBase + Number(page) * 8192
      if (a !== null) this.set(`0x${a.toString(16)}`, 99, true)
    })
    this.q('[data-ctl="walk"]').addEventListener('click', () => this.set(this.addr, 1, false))
    this.q('[data-ctl="prev"]').addEventListener('click', () =>
      this.set(this.addr, this.current() - 1, false),
    )
    this.q('[data-ctl="next"]').addEventListener('click', () =>
      this.set(this.addr, this.current() + 1, false),
    )
    onGoVersionChange((v) => {
      // The heap is re-run for the new version; a named pick follows its byte there.
      const pick = pickFor(this.go, this.addr)
      this.go = v
      const again = picks(v).find((p) => p.name === pick)
      if (again) this.set(again.addr, this.step, true)
      else this.update()
    })
    this.update()
  }

  protected override applyUrlState(params: URLSearchParams): void {
    const pick = params.get('pick')
    const a = pick !== null ? addressForGoto(this.go, pick) : params.get('addr')
    const s = Number(params.get('step') ?? 99)
    this.set(a ?? this.addr, Number.isFinite(s) ? s : 99, true)
  }

  protected override goTo(value: string): void {
    this.set(addressForGoto(this.go, value), 99, true)
  }

  private current(): number {
    const r = lookup(this.go, this.addr)
    return r.ok ? clampStep(r.walk, this.step) : 1
  }

  private set(addr: string, step: number, writeField: boolean): void {
    this.addr = addr
    this.step = step
    if (writeField) this.q<HTMLInputElement>('[data-ctl="addr"]').value = addr
    this.update()
  }

  private update(): void {
    const t = stringsFor(this.locale)
    const sc = spanScenario(this.go)
    const r = lookup(this.go, this.addr)
    const n = r.ok ? walkSteps(r.walk).length : 0
    const k = r.ok ? clampStep(r.walk, this.step) : 0
    this.q('[data-part="view"]').innerHTML = renderView(r, sc, this.step, t)
    this.q('[data-part="table"]').innerHTML = renderTable(sc, t)
    this.q<HTMLSelectElement>('[data-ctl="pick"]').value = pickFor(this.go, this.addr)
    this.q<HTMLInputElement>('[data-ctl="addr"]').setAttribute('aria-invalid', String(!r.ok))
    this.q<HTMLButtonElement>('[data-ctl="prev"]').disabled = !r.ok || k <= 1
    this.q<HTMLButtonElement>('[data-ctl="next"]').disabled = !r.ok || k >= n
    this.q<HTMLButtonElement>('[data-ctl="walk"]').disabled = !r.ok
    this.q<HTMLAnchorElement>('[data-part="link"]').href = linkHash(this.id, this.addr, k || 1)
  }
}

if (!customElements.get('span-lookup')) customElements.define('span-lookup', SpanLookup)
