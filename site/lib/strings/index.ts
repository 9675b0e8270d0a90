/** The interface strings of a page's language: `uiStrings('zh')` on /zh/ pages, else English. */
import type { UiLocale } from '../ui-locale.ts'
import { en, type UiStrings } from './en.ts'
import { zh } from './zh.ts'

export type { UiStrings }
export const stringTables: Readonly<Record<UiLocale, UiStrings>> = { en, zh }

export function uiStrings(locale: UiLocale): UiStrings {
  return stringTables[locale]
}
