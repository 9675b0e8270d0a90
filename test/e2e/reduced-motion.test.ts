// Reduced motion over every figure: each English page with a figure is opened with
// `prefers-reduced-motion: reduce`, every figure on it is hydrated and driven through its own
// controls (Play, then each enabled button: steps, allocations, walks, resets), and after each
// press nothing in the figure may move: no running CSS animation or transition
// (`document.getAnimations()`), and no element or pseudo-element whose computed style would start
// one (an animation name with a non-zero duration, a non-zero transition duration). The same check
// run without the emulation must find the step pulse on the figures that draw one, so it can fail.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { builtPages, hydrateAll, playBriefly, useBrowserPage } from './browser.ts'

const siteUrl = inject('siteUrl')
const siteDir = inject('siteDir')
const origin = new URL(siteUrl).origin
const basePath = new URL(siteUrl).pathname

/** English pages with at least one figure, and the figures on each (from the built HTML). */
const figurePages: [path: string, widgets: string[]][] = builtPages(siteDir, basePath)
  .filter((p) => !p.startsWith(`${basePath}zh/`))
  .map((p): [string, string[]] => {
    const html = readFileSync(join(siteDir, p.slice(basePath.length), 'index.html'), 'utf8')
    return [p, [...new Set([...html.matchAll(/data-widget="([^"]+)"/g)].map((m) => m[1]!))]]
  })
  .filter(([, widgets]) => widgets.length > 0)

/** The figures the site defines: one folder each under site/widgets (shared code aside). */
const widgetDirs = readdirSync(new URL('../../site/widgets/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'shared')
  .map((d) => d.name)

/** The figures that pulse what a step changed (memory.css's nb-m-pulse) when motion is allowed. */
const pulsing = new Set(['arena-map', 'heap-bitmap', 'malloc-path', 'span-bits', 'span-lookup'])

let page: Page
useBrowserPage((_b, p) => {
  page = p
})

/**
 * What moves or would move in the figure `root`: running animations and transitions whose target is
 * in it, and elements (and ::before/::after) whose computed style names an animation with a non-zero
 * duration or gives a transition a non-zero duration. One line each, at most 10.
 */
function motion(p: Page, root: string): Promise<string[]> {
  return p.evaluate((sel) => {
    const fig = document.querySelector(sel)
    if (!fig) throw new Error(`no ${sel} on the page`)
    const name = (el: Element) =>
      el.tagName.toLowerCase() +
      (el.getAttribute('class') ? `.${el.getAttribute('class')!.split(/\s+/).join('.')}` : '')
    const secs = (list: string) =>
      list.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 1e-3 : 1))
    const out = new Set<string>()
    for (const a of document.getAnimations()) {
      const t = (a.effect as KeyframeEffect | null)?.target
      if (t && fig.contains(t) && a.playState !== 'finished' && a.playState !== 'idle') {
        const what =
          a instanceof CSSAnimation
            ? a.animationName
            : a instanceof CSSTransition
              ? a.transitionProperty
              : 'script'
        out.add(`running ${a.constructor.name} ${what} on ${name(t)}`)
      }
    }
    for (const el of [fig, ...fig.querySelectorAll('*')])
      for (const pseudo of [null, '::before', '::after']) {
        const cs = getComputedStyle(el, pseudo)
        const durations = secs(cs.animationDuration)
        cs.animationName.split(',').forEach((n, i) => {
          const d = durations[i % durations.length] ?? 0
          if (n.trim() !== 'none' && d > 0)
            out.add(`animation ${n.trim()} ${d}s on ${name(el)}${pseudo ?? ''}`)
        })
        if (secs(cs.transitionDuration).some((d) => d > 0))
          out.add(
            `transition ${cs.transitionProperty} ${cs.transitionDuration} on ${name(el)}${pseudo ?? ''}`,
          )
      }
    return [...out].slice(0, 10)
  }, root)
}

/**
 * Drives the figure `root` through its controls, checking `motion` once hydrated and after each
 * press: Play runs (from the start) until the step caption changes and is checked while it plays,
 * then paused; every other visible, enabled button is then pressed once, in page order. Returns the
 * checks made and what they found ("label: finding").
 */
async function pressAll(p: Page, root: string): Promise<{ pressed: string[]; moving: string[] }> {
  const fig = p.locator(root)
  const pressed: string[] = []
  const moving: string[] = []
  const check = async (label: string) => {
    pressed.push(label)
    for (const m of await motion(p, root)) moving.push(`${label}: ${m}`)
  }
  await check('hydrated')
  const play = fig.locator('[data-ctl="play"]')
  if ((await play.count()) > 0) {
    const reset = fig.locator('[data-ctl="reset"]')
    if ((await reset.count()) > 0 && (await reset.isEnabled())) await reset.click()
    await playBriefly(p, root, /Step [1-9]\d* of/, () => check('playing'))
  }
  const buttons = fig.locator('button:not([data-ctl="play"])')
  for (let i = 0; i < (await buttons.count()); i++) {
    const b = buttons.nth(i)
    if (!(await b.isVisible()) || (await b.isDisabled())) continue
    const label =
      (await b.getAttribute('data-ctl')) ?? (await b.getAttribute('aria-label')) ?? (await b.textContent())
    await b.click()
    await check(`pressed ${label?.trim()}`)
  }
  return { pressed, moving }
}

describe('reduced motion: no figure animates', () => {
  it('covers every figure of site/widgets', () => {
    expect(widgetDirs.length).toBeGreaterThan(10)
    const found = new Set(figurePages.flatMap(([, w]) => w))
    for (const w of widgetDirs) expect(found, `figure ${w} on an English page`).toContain(w)
  })

  it.each(figurePages)('%s: %j stay still while stepped and played', async (path, widgets) => {
    await page.emulateMedia({ reducedMotion: 'reduce' })
    await page.goto(origin + path)
    await hydrateAll(page)
    for (const w of widgets) {
      const { pressed, moving } = await pressAll(page, `[data-widget="${w}"]`)
      if ((await page.locator(`[data-widget="${w}"] button`).count()) > 0)
        expect(pressed.length, `${w}: presses beyond hydration`).toBeGreaterThan(1)
      expect(moving, `${w} under reduced motion`).toEqual([])
    }
    // The control: the same presses with motion allowed find the step pulse on the figures that
    // draw one, so the check above can fail; the others have nothing to turn off.
    await page.emulateMedia({ reducedMotion: 'no-preference' })
    await page.goto(origin + path)
    await hydrateAll(page)
    for (const w of widgets) {
      const { moving } = await pressAll(page, `[data-widget="${w}"]`)
      expect(moving.length > 0 ? moving : 'still', `${w} with motion allowed`).toEqual(
        pulsing.has(w) ? expect.arrayContaining([expect.stringContaining('nb-m-pulse')]) : 'still',
      )
    }
  })
})
