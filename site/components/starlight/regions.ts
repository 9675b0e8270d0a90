/**
 * Scrolling regions a keyboard can reach and a screen reader can tell apart (axe:
 * scrollable-region-focusable, landmark-unique):
 * - a chapter's Markdown table wider than the column scrolls sideways; it becomes focusable
 *   (tabindex 0) while it overflows, so it can be scrolled with the keyboard;
 * - Expressive Code marks each code block `role="region"` without a name; blocks get one from
 *   their language and position ("Code block 2 (text)", in the page's language);
 * - a code block that overflows but that Expressive Code has not (yet) made a focusable region —
 *   its script decides once, and fonts or the theme can change the width afterwards — is made one
 *   here, the same way (tabindex 0, role region, a name).
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
    if (pre.scrollWidth > pre.clientWidth + 1 && !pre.hasAttribute('tabindex')) {
      pre.setAttribute('tabindex', '0')
      pre.setAttribute('role', 'region')
    }
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
const recheck = (): void => {
  cancelAnimationFrame(pending)
  pending = requestAnimationFrame(() => {
    focusableTables()
    nameCodeRegions()
  })
}
window.addEventListener('resize', recheck)
window.addEventListener('load', recheck)
void document.fonts?.ready.then(recheck)
