/** Tiny helpers for render functions that produce HTML strings (used at build time and in the browser). */
export const escapeHTML = (s: string | number): string =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )

/** Group digits: 32768 → "32 768" would confuse readers of code; use a thin comma grouping. */
export const fmtInt = (n: number): string => n.toLocaleString('en-US')

export const fmtBytes = (n: number): string => {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`
  return `${fmtInt(n)} B`
}

/** A labelled <select> whose options are `values` (shown with `show`), `cur` selected. */
export function selectHTML<T extends string | number>(
  name: string,
  label: string,
  values: readonly T[],
  cur: T,
  show: (v: T) => string,
): string {
  return `<label>${escapeHTML(label)} <select name="${name}">${values
    .map(
      (v) =>
        `<option value="${escapeHTML(String(v))}"${v === cur ? ' selected' : ''}>${escapeHTML(show(v))}</option>`,
    )
    .join('')}</select></label>`
}
