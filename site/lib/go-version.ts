/**
 * The page's Go version (minimal stand-in with the agreed API; the version-switch branch owns the
 * full file: the header's select, the head script, URL and storage).
 * `<html data-go-version>` holds the page's version; a `go-version-change` event on `document`
 * (detail `{ version }`) announces a change.
 */
import type { GoVersion } from '@go-alloc/core'

/** The releases the site offers, newest first. */
export const siteGoVersions: readonly GoVersion[] = Object.freeze([
  '1.27',
  '1.26',
  '1.25',
  '1.24',
  '1.23',
  '1.22',
  '1.21',
]) as readonly string[] as readonly GoVersion[]

/** The version a page shows until the reader picks another: the newest release. */
export const defaultGoVersion: GoVersion = '1.27' as string as GoVersion

const parse = (v: unknown): GoVersion | null =>
  typeof v === 'string' && (siteGoVersions as readonly string[]).includes(v) ? (v as GoVersion) : null

/** The page's version (browser): `<html data-go-version>`, or the default outside a browser. */
export function pageGoVersion(): GoVersion {
  if (typeof document === 'undefined') return defaultGoVersion
  return parse(document.documentElement.getAttribute('data-go-version')) ?? defaultGoVersion
}

/** Calls `cb` with the new version whenever the page's version changes; returns an unsubscribe. */
export function onGoVersionChange(cb: (v: GoVersion) => void): () => void {
  if (typeof document === 'undefined') return () => {}
  const listener = (ev: Event) => {
    const v = parse((ev as CustomEvent<{ version?: unknown }>).detail?.version)
    if (v) cb(v)
  }
  document.addEventListener('go-version-change', listener)
  return () => document.removeEventListener('go-version-change', listener)
}
