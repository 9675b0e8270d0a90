/**
 * NotebookWidget: the base class of every widget's custom element (`element.ts`).
 *
 * The static HTML already shows the figure's starting state (rendered at build time by the same
 * render functions). This class only makes it interactive:
 * - hydrates when the figure comes near the viewport (IntersectionObserver), on the reader's first
 *   focus/pointer inside it, or when the browser is idle — whichever comes first;
 * - after `hydrate()` returns, sets `data-ready` on the root: the figure now responds to input;
 * - applies a state found in the URL hash (`#<id>:...`, see url-state.ts) and `nb-goto` events
 *   from prose links;
 * - exposes `reducedMotion` and `onVisibilityChange()` so trace figures pause off-screen;
 * - follows the page's Go version (site/lib/go-version.ts): `goVersion` is the version to model,
 *   read when the figure hydrates; `goVersionChanged(v)` runs when the reader switches versions
 *   (after hydration only: until then the figure is re-modelled when it hydrates).
 * The root element carries `data-widget="<name>"` and an `id` (the figure's id for links).
 */
import type { GoVersion } from '@go-alloc/core'
import { onGoVersionChange, pageGoVersion } from '../../lib/go-version.ts'
import { GOTO_EVENT, installGotoLinks, parseFigureHash, type GotoDetail } from './url-state.ts'

export abstract class NotebookWidget extends HTMLElement {
  private hydrated = false
  private observer: IntersectionObserver | null = null
  private visible = false
  private readonly visibilityListeners = new Set<(visible: boolean) => void>()
  private unsubscribeGoVersion: (() => void) | null = null

  /** Build event wiring; runs once. May read the DOM rendered at build time. */
  protected abstract hydrate(): void
  /** Apply a state from the URL hash (`params` of `#<id>:params`). */
  protected applyUrlState(_params: URLSearchParams): void {}
  /** Move to a step/value named by a prose link. */
  protected goTo(_value: string): void {}
  /** Re-model for Go version `v` (the page's switch changed), keeping the reader's place where it can. */
  protected goVersionChanged(_v: GoVersion): void {}

  /** The Go version the figure models: the page's. */
  get goVersion(): GoVersion {
    return pageGoVersion()
  }

  get reducedMotion(): boolean {
    return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches
  }

  get isVisible(): boolean {
    return this.visible
  }

  onVisibilityChange(fn: (visible: boolean) => void): () => void {
    this.visibilityListeners.add(fn)
    return () => this.visibilityListeners.delete(fn)
  }

  connectedCallback(): void {
    installGotoLinks()
    const start = () => this.ensureHydrated()
    if ('IntersectionObserver' in window) {
      this.observer = new IntersectionObserver(
        (entries) => {
          for (const e of entries) {
            this.visible = e.isIntersecting
            if (e.isIntersecting) start()
            this.visibilityListeners.forEach((fn) => fn(this.visible))
          }
        },
        { rootMargin: '200px 0px' },
      )
      this.observer.observe(this)
    } else {
      this.visible = true
      start()
    }
    this.addEventListener('focusin', start, { once: true })
    this.addEventListener('pointerdown', start, { once: true })
    const idle = (
      window as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }
    ).requestIdleCallback
    if (idle) idle(start, { timeout: 2000 })
    else setTimeout(start, 1500)
    this.addEventListener(GOTO_EVENT, (ev) => {
      start()
      this.goTo((ev as CustomEvent<GotoDetail>).detail.value)
    })
    window.addEventListener('hashchange', () => this.readHash())
    this.unsubscribeGoVersion ??= onGoVersionChange((v) => {
      if (this.hydrated) this.goVersionChanged(v)
    })
  }

  disconnectedCallback(): void {
    this.unsubscribeGoVersion?.()
    this.unsubscribeGoVersion = null
    this.observer?.disconnect()
    this.observer = null
  }

  private ensureHydrated(): void {
    if (this.hydrated) return
    this.hydrated = true
    this.hydrate()
    this.readHash()
    this.setAttribute('data-ready', '')
  }

  private readHash(): void {
    if (!this.hydrated) return
    const state = parseFigureHash(location.hash)
    if (state && state.id === this.id) this.applyUrlState(state.params)
  }
}
