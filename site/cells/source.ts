/**
 * Normalising a cell's `code` prop at build time (Cell.astro).
 *
 * MDX removes up to two leading spaces (or one tab) from every continuation line of a multi-line
 * attribute value, so `code={`...`}` loses indentation unless the writer indents every line. The
 * convention (site/cells/README.md) is therefore: start the code on the line after the backtick and
 * indent all of it by two or more spaces. This function drops the blank lines around the code and
 * removes the indentation common to all non-blank lines, so both that form and a one-line
 * `code={`a\nb`}` come out as the reader should see them.
 */
export function normalizeCellSource(code: string): string {
  const lines = code.replace(/\r\n?/g, '\n').split('\n')
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift()
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop()
  let common = Infinity
  for (const l of lines) {
    if (l.trim() === '') continue
    common = Math.min(common, /^[ \t]*/.exec(l)![0].length)
  }
  if (!Number.isFinite(common) || common === 0) return lines.map((l) => l.replace(/[ \t]+$/, '')).join('\n')
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(common).replace(/[ \t]+$/, ''))).join('\n')
}
