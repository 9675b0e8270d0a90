/**
 * <arena-map>: the reader grows the heap (allocate / free all / start over) and looks up any
 * address. Each change re-runs the program on the core (model.ts) and re-renders the parts; the
 * form and buttons are never re-rendered, so focus stays where the reader is.
 * URL state: `#arena-map:ops=10,10,60&addr=0xc000000000`. Prose links: `data-goto="arena-map:0xc420000000"`
 * looks an address up, `data-goto="arena-map:ops=10,60,60"` sets the program.
 * Follows the page's Go version (re-models on `go-version-change`).
 */
import { NotebookWidget } from '../shared/widget-element.ts'
import { pageLocale } from '../../lib/ui-locale.ts'
import { onGoVersionChange, pageGoVersion } from '../../lib/go-version.ts'
import {
  allocSizes,
  buildArenaModel,
  defaultAddress,
  lookup,
  maxOps,
  parseOps,
  startOps,
  defaultBase,
  parseBase,
  type BaseOptions,
  type ArenaModel,
  type Op,
} from './model.ts'
import {
  highlightOf,
  linkHash,
  renderLookup,
  renderProgram,
  renderSummary,
  renderTable,
  renderView,
} from './render.ts'
import { stringsFor, type Locale } from './strings.ts'

class ArenaMap extends NotebookWidget {
  private ops: Op[] = [...startOps]
  private addr = ''
  private go = ''
  private model: ArenaModel | null = null
  private locale: Locale = 'en'
  private base: BaseOptions = { ...defaultBase }

  private q<T extends Element>(sel: string): T {
    const el = this.querySelector<T>(sel)
    if (!el) throw new Error(`arena-map: missing ${sel}`)
    return el
  }

  protected hydrate(): void {
    this.locale = pageLocale()
    const parsed = parseOps(this.dataset.ops ?? '')
    if (parsed.ok) this.ops = parsed.ops
    this.go = pageGoVersion()
    const addr = this.q<HTMLInputElement>('[data-ctl="addr"]')
    this.addr = addr.value
    for (const el of this.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>(
      '[data-ctl]',
    ))
      if ('disabled' in el) el.disabled = false
    this.q('[data-ctl="alloc"]').addEventListener('click', () => {
      const n = Number(this.q<HTMLSelectElement>('[data-ctl="size"]').value)
      if (allocSizes.includes(n)) this.setOps([...this.ops, n], true)
    })
    this.q('[data-ctl="free"]').addEventListener('click', () => this.setOps([...this.ops, 'free'], true))
    this.q('[data-ctl="reset"]').addEventListener('click', () => this.setOps([...startOps], true))
    const baseSel = this.q<HTMLSelectElement>('[data-ctl="base"]')
    const seed = this.q<HTMLInputElement>('[data-ctl="seed"]')
    this.base = parseBase(baseSel.value, seed.value)
    const onBase = () => {
      const ok = /^\d{1,15}$/.test(seed.value.trim()) && Number.isSafeInteger(Number(seed.value))
      seed.setAttribute('aria-invalid', String(!ok))
      if (!ok) {
        // Say what is wrong and keep the figure as it was.
        this.q('[data-part="program"]').textContent = stringsFor(this.locale).seedError(
          seed.value,
          this.base.seed,
        )
        return
      }
      this.setBase(parseBase(baseSel.value, seed.value.trim()))
    }
    baseSel.addEventListener('change', onBase)
    seed.addEventListener('change', onBase)
    this.q<HTMLFormElement>('[data-ctl="lookup"]').addEventListener('submit', (ev) => {
      ev.preventDefault()
      this.setAddr(addr.value)
    })
    addr.addEventListener('input', () => this.setAddr(addr.value))
    // Pointer shortcut (the address field does the same by keyboard): a chunk looks up its first
    // byte, an arenas[] entry its arena's first byte.
    this.q('[data-part="view"]').addEventListener('click', (ev) => {
      const el = ev.target instanceof Element ? ev.target : null
      const chunk = el?.closest('[data-addr]')?.getAttribute('data-addr')
      const l2 = el?.closest('[data-l2]')?.getAttribute('data-l2')
      const a = chunk ?? (l2 != null ? `0x${(Number(l2) * 2 ** 26 - 2 ** 47).toString(16)}` : null)
      if (a) {
        this.setAddrField(a)
        this.update(false)
      }
    })
    onGoVersionChange((v) => {
      // Re-model on the new version; keep following the first object if the reader had not
      // typed an address of their own.
      const wasDefault = this.model !== null && this.addr.trim() === defaultAddress(this.model)
      this.go = v
      if (wasDefault) this.setAddrField(defaultAddress(buildArenaModel(this.ops, v, this.base)))
      this.update(false)
    })
    this.update(false)
  }

  protected override applyUrlState(params: URLSearchParams): void {
    const ops = parseOps(params.get('ops') ?? '')
    if (params.has('ops') && ops.ok) this.ops = ops.ops
    this.base = parseBase(params.get('base'), params.get('seed'))
    this.q<HTMLSelectElement>('[data-ctl="base"]').value = this.base.base
    this.q<HTMLInputElement>('[data-ctl="seed"]').value = String(this.base.seed)
    const a = params.get('addr')
    if (a !== null) this.setAddrField(a)
    this.update(false)
  }

  protected override goTo(value: string): void {
    if (value.startsWith('ops=')) {
      const ops = parseOps(value.slice(4))
      if (ops.ok) this.setOps(ops.ops, false)
      return
    }
    this.setAddrField(value)
    this.update(false)
  }

  private setAddrField(a: string): void {
    this.addr = a
    this.q<HTMLInputElement>('[data-ctl="addr"]').value = a
  }

  private setAddr(a: string): void {
    this.addr = a
    this.update(false)
  }

  private setBase(b: BaseOptions): void {
    const wasDefault = this.model !== null && this.addr.trim() === defaultAddress(this.model)
    this.base = b
    if (wasDefault) this.setAddrField(defaultAddress(buildArenaModel(this.ops, this.go, b)))
    this.update(false)
  }

  private setOps(ops: Op[], fromButton: boolean): void {
    if (ops.length > maxOps) {
      this.q('[data-part="program"]').textContent = stringsFor(this.locale).tooMany(maxOps)
      return
    }
    const wasDefault = this.model !== null && this.addr.trim() === defaultAddress(this.model)
    this.ops = ops
    // Keep following the first object when the reader had not typed an address of their own.
    if (wasDefault) this.setAddrField(defaultAddress(buildArenaModel(ops, this.go, this.base)))
    this.update(fromButton)
  }

  private update(animate: boolean): void {
    const t = stringsFor(this.locale)
    const prev = this.model
    const m = buildArenaModel(this.ops, this.go, this.base)
    this.model = m
    const r = lookup(m, this.addr)
    this.q('[data-part="view"]').innerHTML = renderView(m, t, highlightOf(r), animate ? prev : null)
    this.q('[data-part="lookup"]').innerHTML = renderLookup(r, m, t)
    this.q('[data-part="program"]').innerHTML = renderProgram(m, t)
    this.q('[data-part="summary"]').textContent = renderSummary(m, t)
    this.q('[data-part="table"]').innerHTML = renderTable(m, t)
    this.q<HTMLAnchorElement>('[data-part="link"]').href = linkHash(this.id, m.ops, this.addr, this.base)
    this.q<HTMLInputElement>('[data-ctl="addr"]').setAttribute('aria-invalid', String(!r.ok))
  }
}

if (!customElements.get('arena-map')) customElements.define('arena-map', ArenaMap)
