/**
 * State in the URL: a figure's state as a link, and prose links that move a figure.
 *
 * Hash format (one figure per URL): `#<widgetId>:<params>` where params is a URLSearchParams
 * string, e.g. `#size-class-explorer:size=33&noscan=1&go=1.22` or `#span-walk:step=12`.
 * Ordinary heading anchors (`#why-round-up`) contain no ':' and are left alone.
 *
 * Prose links: `<a data-goto="<widgetId>:<value>" href="#<widgetId>:step=<value>">` — clicking
 * sends the figure an `nb-goto` event with `detail.value` (a step for trace figures, a size for
 * the size-class explorer) and scrolls it into view. The href keeps the link useful without JS.
 * Pure parsing/formatting here; `installGotoLinks()` is the only DOM part.
 */

export interface FigureState {
  id: string
  params: URLSearchParams
}

const ID = /^[a-z][a-z0-9-]*$/

/** Parse `#id:params`; null for a plain anchor or an empty hash. */
export function parseFigureHash(hash: string): FigureState | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash
  const colon = raw.indexOf(':')
  if (colon <= 0) return null
  let id: string
  try {
    id = decodeURIComponent(raw.slice(0, colon))
  } catch {
    return null
  }
  if (!ID.test(id)) return null
  return { id, params: new URLSearchParams(raw.slice(colon + 1)) }
}

/** Format a figure state as a hash (with the leading '#'). */
export function formatFigureHash(id: string, params: Record<string, string | number | boolean>): string {
  if (!ID.test(id)) throw new RangeError(`id must match ${ID}, got ${JSON.stringify(id)}`)
  return `#${id}:${propsAsParams(params).toString()}`
}

/**
 * A figure's .astro props as the same parameters its URL state uses, so one `stateFromParams()`
 * reads both: the props given (not undefined), as strings; `true`/`false` as `1`/`0`.
 */
export function propsAsParams(props: Record<string, string | number | boolean | undefined>): URLSearchParams {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(props))
    if (v !== undefined) params.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v))
  return params
}

/** Parse a `data-goto` value `widgetId:value`. */
export function parseGoto(attr: string): { id: string; value: string } | null {
  const colon = attr.indexOf(':')
  if (colon <= 0) return null
  const id = attr.slice(0, colon)
  if (!ID.test(id)) return null
  return { id, value: attr.slice(colon + 1) }
}

export const GOTO_EVENT = 'nb-goto'
export interface GotoDetail {
  value: string
}

let installed = false

/** Delegate clicks on `[data-goto]` links to the named figure. Idempotent. */
export function installGotoLinks(doc: Document = document): void {
  if (installed) return
  installed = true
  doc.addEventListener('click', (ev) => {
    const target = ev.target instanceof Element ? ev.target.closest('[data-goto]') : null
    if (!target) return
    const parsed = parseGoto(target.getAttribute('data-goto') ?? '')
    if (!parsed) return
    const fig = doc.getElementById(parsed.id)
    if (!fig) return
    ev.preventDefault()
    fig.dispatchEvent(new CustomEvent<GotoDetail>(GOTO_EVENT, { detail: { value: parsed.value } }))
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches
    fig.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'nearest' })
  })
}
