/**
 * Starlight's search button is named "Search" by aria-label while it shows "Search Ctrl K": a
 * speech-input user saying what they see would not match its name (WCAG 2.5.3, axe:
 * label-content-name-mismatch). The button is named by its visible text instead (label and
 * shortcut); `title` keeps the name "Search" on narrow screens, where Starlight hides that text.
 * Starlight's inline script has already revealed (or kept hidden) the shortcut when this runs.
 */
function nameSearchButton(): void {
  const btn = document.querySelector<HTMLButtonElement>('site-search button[data-open-modal]')
  const label = btn?.getAttribute('aria-label')
  if (!btn || !label) return
  btn.querySelector('span[aria-hidden]')?.removeAttribute('aria-hidden')
  btn.removeAttribute('aria-label')
  btn.title = label
}

nameSearchButton()
