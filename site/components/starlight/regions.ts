/**
 * Scrolling regions a keyboard can reach and a screen reader can tell apart (axe:
 * scrollable-region-focusable, landmark-unique):
 * - a chapter's Markdown table wider than the column scrolls sideways; it becomes focusable
 *   (tabindex 0) while it overflows, so it can be scrolled with the keyboard;
 * - Expressive Code marks each code block `role="region"` without a name; blocks get one from
 *   their language and position ("Code block 2 (text)", in the page's language).
 */
import { pageLocale } from '../../lib/ui-locale.ts'

const words = { en: 'Code block', zh: '代码块' } as const

function focusableTables(): void {
  for (const t of document.querySelectorAll<HTMLTableElement>('.sl-markdown-content table')) {
    const overflows = t.scrollWidth > t.clientWidth + 1
    if (overflows && !t.hasAttribute('tabindex')) t.setAttribute('tabindex', '0')
    else if (!overflows && t.getAttribute('tabindex') === '0') t.removeAttribute('tabindex')
  }
}

function nameCodeRegions(): void {
  const label = words[pageLocale()]
  let n = 0
  for (const pre of document.querySelectorAll<HTMLElement>('.expressive-code pre')) {
    n++
    if (pre.getAttribute('role') !== 'region') continue
    if (pre.hasAttribute('aria-label') || pre.hasAttribute('aria-labelledby')) continue
    const lang = pre.dataset.language
    pre.setAttribute('aria-label', `${label} ${n}${lang ? ` (${lang})` : ''}`)
  }
}

nameCodeRegions()
// Expressive Code's own script makes a block a region when it scrolls: name it then.
new MutationObserver(nameCodeRegions).observe(document.body, {
  subtree: true,
  attributes: true,
  attributeFilter: ['role'],
})
focusableTables()
let pending = 0
window.addEventListener('resize', () => {
  cancelAnimationFrame(pending)
  pending = requestAnimationFrame(focusableTables)
})
