/**
 * Base-aware URLs for components and widgets. The site may be served under a sub-path
 * (`BASE_PATH=/go-alloc/`), so never hard-code '/foo/' in markup: use `withBase('/foo/')`.
 */
const BASE: string = import.meta.env.BASE_URL

/** Prefix the configured base onto a root-relative path; other URLs are returned unchanged. */
export function withBase(path: string, base: string = BASE): string {
  if (!path.startsWith('/') || path.startsWith('//')) return path
  const b = base.endsWith('/') ? base : `${base}/`
  if (b === '/') return path
  if (path === b.slice(0, -1) || path.startsWith(b)) return path
  return b + path.slice(1)
}
