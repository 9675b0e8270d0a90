/**
 * The page's Go version: one choice for the whole site, made in the header's
 * `<select data-go-version-select>` and followed by every figure, every cell and every
 * version-dependent number in the prose (`[data-go-fact]`).
 *
 * Where the choice lives, in order of precedence:
 * 1. the URL's `?go=1.26` (a shared link opens at the version it was made with);
 * 2. localStorage (`go-alloc-notebook:go-version`: the reader's last choice, across pages and visits);
 * 3. the default, the newest release the core follows.
 * An inline script in `<head>` (`goVersionHeadScript()`) applies that order before first paint and
 * writes the result to `<html data-go-version>`; everything else reads it from there
 * (`pageGoVersion()`). Changing the select (site/components/GoVersionSelect.astro) stores the
 * choice, writes it into the URL with `history.replaceState`, and dispatches `go-version-change`
 * on `document` (`onGoVersionChange()`). Figures re-model on that event; the static HTML always
 * shows the default version (build time).
 *
 * The pure parts (`parseGoVersion`, `chooseGoVersion`, `urlWithGoVersion`) are unit-tested; the
 * head script is generated from the same list and precedence, so the two cannot drift apart.
 */
import { goVersions, defaultGoVersion as coreDefaultGoVersion, type GoVersion } from '@go-alloc/core'

/** The releases the switch offers, newest first (the core lists them oldest first). */
export const siteGoVersions: readonly GoVersion[] = Object.freeze([...goVersions].reverse())

/** The version a page shows until the reader picks another: the core's default, the newest release. */
export const defaultGoVersion: GoVersion = coreDefaultGoVersion

/** localStorage key of the reader's choice. */
export const GO_VERSION_STORAGE_KEY = 'go-alloc-notebook:go-version'
/** The URL search parameter that carries the choice. */
export const GO_VERSION_PARAM = 'go'
/** The event dispatched on `document` when the page's version changes; `detail.version`. */
export const GO_VERSION_EVENT = 'go-version-change'

export interface GoVersionChangeDetail {
  version: GoVersion
}

/** A version string the site offers, or null (so a bad `?go=` or stored value is ignored). */
export function parseGoVersion(value: unknown): GoVersion | null {
  return typeof value === 'string' && (siteGoVersions as readonly string[]).includes(value)
    ? (value as GoVersion)
    : null
}

/** Where the page's version came from. */
export type GoVersionSource = 'url' | 'storage' | 'default'

/** The precedence rule: a valid `?go=` in the URL, then a valid stored choice, then the default. */
export function chooseGoVersion(input: { search?: string | null; stored?: string | null }): {
  version: GoVersion
  source: GoVersionSource
} {
  const fromUrl = parseGoVersion(new URLSearchParams(input.search ?? '').get(GO_VERSION_PARAM))
  if (fromUrl) return { version: fromUrl, source: 'url' }
  const fromStorage = parseGoVersion(input.stored ?? null)
  if (fromStorage) return { version: fromStorage, source: 'storage' }
  return { version: defaultGoVersion, source: 'default' }
}

/**
 * `href` with `?go=<version>` set (other parameters and the hash kept). Relative hrefs are resolved
 * against `base` and come back absolute.
 */
export function urlWithGoVersion(href: string, version: GoVersion, base?: string): string {
  const u = new URL(href, base)
  u.searchParams.set(GO_VERSION_PARAM, version)
  return u.href
}

/**
 * The inline `<head>` script: applies the precedence before first paint and sets
 * `<html data-go-version>`. A version from the URL is also stored, so the pages the reader goes
 * to next keep it. Plain ES5, no imports; its SHA-256 goes into the page's CSP (site/lib/csp.mjs).
 */
export function goVersionHeadScript(): string {
  return (
    `(function(){var l=${JSON.stringify(siteGoVersions)},k=${JSON.stringify(GO_VERSION_STORAGE_KEY)},` +
    `v=null,s=null;try{v=new URLSearchParams(location.search).get(${JSON.stringify(GO_VERSION_PARAM)})}catch(e){}` +
    `try{s=localStorage.getItem(k)}catch(e){}` +
    `if(l.indexOf(v)>=0){try{localStorage.setItem(k,v)}catch(e){}}else v=l.indexOf(s)>=0?s:${JSON.stringify(defaultGoVersion)};` +
    `document.documentElement.setAttribute('data-go-version',v)})()`
  )
}

/** The page's version (browser): `<html data-go-version>`, or the default outside a browser. */
export function pageGoVersion(): GoVersion {
  if (typeof document === 'undefined') return defaultGoVersion
  return parseGoVersion(document.documentElement.getAttribute('data-go-version')) ?? defaultGoVersion
}

/** Calls `cb` with the new version whenever the page's version changes; returns an unsubscribe. */
export function onGoVersionChange(cb: (v: GoVersion) => void): () => void {
  if (typeof document === 'undefined') return () => {}
  const listener = (ev: Event) => {
    const v = parseGoVersion((ev as CustomEvent<GoVersionChangeDetail>).detail?.version)
    if (v) cb(v)
  }
  document.addEventListener(GO_VERSION_EVENT, listener)
  return () => document.removeEventListener(GO_VERSION_EVENT, listener)
}

/**
 * Makes `v` the page's version (browser): `<html data-go-version>`, localStorage, the URL
 * (`history.replaceState`, hash kept) and every `[data-go-version-select]`; then dispatches
 * `go-version-change` if the version changed. An unknown version is a RangeError naming the
 * accepted ones, and changes nothing.
 */
export function setPageGoVersion(v: string): void {
  const version = parseGoVersion(v)
  if (!version)
    throw new RangeError(`Go version ${JSON.stringify(v)} is not one of ${siteGoVersions.join(', ')}`)
  const before = pageGoVersion()
  document.documentElement.setAttribute('data-go-version', version)
  try {
    localStorage.setItem(GO_VERSION_STORAGE_KEY, version)
  } catch {
    // Storage disabled: the choice still holds for this page and travels in the URL.
  }
  reflectInUrl(version)
  for (const sel of document.querySelectorAll<HTMLSelectElement>('select[data-go-version-select]')) {
    if (sel.value !== version) sel.value = version
  }
  if (version !== before)
    document.dispatchEvent(new CustomEvent<GoVersionChangeDetail>(GO_VERSION_EVENT, { detail: { version } }))
}

/** Writes `?go=<v>` into the address bar without a navigation. */
export function reflectInUrl(v: GoVersion): void {
  const next = urlWithGoVersion(location.href, v)
  if (next !== location.href) history.replaceState(history.state, '', next)
}
