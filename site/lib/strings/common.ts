/**
 * What the language tables share as code: the words differ, the logic does not. `en.ts` and `zh.ts`
 * each pass their own words in.
 */

/** Words that join a list: what an empty list reads as, the separator, and the word before the last item. */
export interface ListWords {
  none: string
  sep: string
  last: string
}

/** A list as prose: `none` when empty, the one item alone, else `a, b and c` in the language's words. */
export function listJoiner({ none, sep, last }: ListWords): (xs: readonly (string | number)[]) => string {
  return (xs) =>
    xs.length === 0
      ? none
      : xs.length === 1
        ? String(xs[0])
        : `${xs.slice(0, -1).join(sep)}${last}${xs[xs.length - 1]}`
}
