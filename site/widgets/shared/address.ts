/**
 * A hex address typed into a figure (arena-map, span-lookup): the one parser, and the words for what
 * was wrong with it. Pure; no DOM.
 */

export type AddressError =
  { kind: 'empty' } | { kind: 'digit'; char: string; column: number } | { kind: 'long'; digits: number }
export type ParsedAddress = { ok: true; value: bigint } | { ok: false; error: AddressError }

/** A hex address as typed: optional 0x, digits 0-9a-f (any case), `_` ignored; at most 64 bits. */
export function parseAddress(text: string): ParsedAddress {
  const t = text.trim()
  const lead = text.length - text.trimStart().length
  const pre = /^0[xX]/.test(t) ? 2 : 0
  const body = t.slice(pre)
  if (body.replace(/_/g, '') === '') return { ok: false, error: { kind: 'empty' } }
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string
    if (!/[0-9a-fA-F_]/.test(c))
      return { ok: false, error: { kind: 'digit', char: c, column: lead + pre + i + 1 } }
  }
  const digits = body.replace(/_/g, '').replace(/^0+(?=.)/, '')
  if (digits.length > 16) return { ok: false, error: { kind: 'long', digits: digits.length } }
  return { ok: true, value: BigInt(`0x${digits}`) }
}

/** A figure's words for a bad address: nothing typed, a character that is not a hex digit (1-based column), too many digits. */
export interface AddressErrorWords {
  errEmpty: string
  errDigit: (char: string, column: number) => string
  errLong: (digits: number) => string
}

export function addressErrorWords(er: AddressError, t: AddressErrorWords): string {
  return er.kind === 'empty'
    ? t.errEmpty
    : er.kind === 'digit'
      ? t.errDigit(er.char, er.column)
      : t.errLong(er.digits)
}
