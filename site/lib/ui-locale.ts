/**
 * The two languages of the site's own interface (figures, cells, the header's switch).
 * Chapters in `content/zh/` are served under `/zh/` with `<html lang="zh-CN">`; everything else
 * is English. Build-time code passes Starlight's locale (`'zh'` or undefined for the root);
 * browser code reads `<html lang>`.
 */
export type UiLocale = 'en' | 'zh'

/** 'zh' for Starlight's `zh` locale or any `zh-*` language tag, else 'en'. */
export function uiLocale(localeOrLang: string | null | undefined): UiLocale {
  return typeof localeOrLang === 'string' && /^zh\b/i.test(localeOrLang) ? 'zh' : 'en'
}

/** The page's interface language (browser): from `<html lang>`; 'en' outside a browser. */
export function pageLocale(): UiLocale {
  return typeof document === 'undefined' ? 'en' : uiLocale(document.documentElement.lang)
}
