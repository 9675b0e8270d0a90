/**
 * Browser side of the page's Go-version switch (loaded by GoVersionSelect.astro on every page).
 *
 * - The select changes the page's version (`setPageGoVersion`: `<html data-go-version>`,
 *   localStorage, `?go=` in the URL, the `go-version-change` event).
 * - A version that came from localStorage is written into the URL on load, so the address bar
 *   always says which version the page shows once the reader has chosen one.
 * - Links to other pages of the site carry `?go=` when followed (the choice is in localStorage
 *   too; the query keeps a copied or opened-in-new-tab link faithful).
 * - `[data-go-fact]` numbers in the prose are recomputed for the page's version (go-facts.ts,
 *   loaded only when the page shows a version other than the build-time default).
 */
import type { GoVersion } from '@go-alloc/core'
import {
  GO_VERSION_PARAM,
  GO_VERSION_STORAGE_KEY,
  chooseGoVersion,
  defaultGoVersion,
  onGoVersionChange,
  pageGoVersion,
  reflectInUrl,
  setPageGoVersion,
} from './go-version.ts'

function stored(): string | null {
  try {
    return localStorage.getItem(GO_VERSION_STORAGE_KEY)
  } catch {
    return null
  }
}

interface GoFactsModule {
  goFact(name: string, args: Record<string, string | number | boolean>, v: GoVersion): string
}
// go-facts.ts (the chapters' version-dependent numbers) is loaded lazily, only when a page shows a
// version other than the build-time default; a glob keeps this file independent of when it lands.
const factLoaders = import.meta.glob<GoFactsModule>('./go-facts.ts')
let factsModule: Promise<GoFactsModule> | null = null

/** Re-computes every `[data-go-fact]` element for version `v`. */
export async function updateGoFacts(v: GoVersion, root: ParentNode = document): Promise<void> {
  const els = root.querySelectorAll<HTMLElement>('[data-go-fact]')
  if (els.length === 0) return
  const load = factLoaders['./go-facts.ts']
  if (!load) return
  factsModule ??= load()
  const { goFact } = await factsModule
  for (const el of els) {
    const name = el.dataset.goFact ?? ''
    let args: Record<string, string | number | boolean> = {}
    try {
      args = JSON.parse(el.dataset.goFactArgs ?? '{}') as Record<string, string | number | boolean>
    } catch {
      continue
    }
    try {
      const text = goFact(name, args, v)
      if (el.textContent !== text) el.textContent = text
    } catch {
      // An unknown fact keeps its build-time text (the build already rejects unknown names).
    }
  }
}

function sameSiteLink(a: HTMLAnchorElement): URL | null {
  if (!a.href || a.target === '_blank' || a.hasAttribute('download')) return null
  let u: URL
  try {
    u = new URL(a.href, location.href)
  } catch {
    return null
  }
  if (u.origin !== location.origin) return null
  const base = import.meta.env.BASE_URL
  if (!u.pathname.startsWith(base)) return null
  // Only pages: not files (search index, images) and not a jump inside this page.
  if (/\.[a-z0-9]+$/i.test(u.pathname) && !u.pathname.endsWith('.html')) return null
  if (u.pathname === location.pathname && u.search === location.search && u.hash) return null
  return u
}

function carryVersionOnLinks(): void {
  const rewrite = (ev: Event) => {
    const a = ev.target instanceof Element ? ev.target.closest('a') : null
    if (!(a instanceof HTMLAnchorElement)) return
    const u = sameSiteLink(a)
    if (!u || u.searchParams.get(GO_VERSION_PARAM) === pageGoVersion()) return
    u.searchParams.set(GO_VERSION_PARAM, pageGoVersion())
    a.href = u.href
  }
  // Before the browser follows (click, middle click, keyboard) or copies the link.
  document.addEventListener('click', rewrite, true)
  document.addEventListener('auxclick', rewrite, true)
  document.addEventListener('contextmenu', rewrite, true)
}

function init(): void {
  const { source } = chooseGoVersion({ search: location.search, stored: stored() })
  const v = pageGoVersion()
  if (source !== 'default') reflectInUrl(v)
  for (const sel of document.querySelectorAll<HTMLSelectElement>('select[data-go-version-select]')) {
    sel.value = v
    sel.addEventListener('change', () => setPageGoVersion(sel.value))
  }
  carryVersionOnLinks()
  onGoVersionChange((nv) => void updateGoFacts(nv))
  if (v !== defaultGoVersion) void updateGoFacts(v)
  // Back/forward cache: a restored page may show a version chosen on another page since.
  window.addEventListener('pageshow', (ev) => {
    if (!ev.persisted) return
    const again = chooseGoVersion({ search: '', stored: stored() }).version
    if (again !== pageGoVersion()) setPageGoVersion(again)
  })
}

init()
