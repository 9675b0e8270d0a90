// Live code cells in a real browser (site/cells): the DOM contract, running, errors with the reader's
// line, the watchdog, output capping, keyboard use, saved edits and reset, and the lazy editor.
import { describe, expect, inject, it } from 'vitest'
import type { Browser, Locator, Page } from 'playwright-core'
import { useBrowserPage } from './browser.ts'

const playground = `${inject('siteUrl')}playground/`
let browser: Browser
let page: Page

useBrowserPage((b, p) => {
  browser = b
  page = p
})

const cell = (id: string) => page.locator(`[data-cell="${id}"]`)
const codeArea = (c: Locator) => c.locator('[contenteditable="true"]').first()
const output = (c: Locator) => c.locator('[data-cell-output]')
const runButton = (c: Locator) => c.getByRole('button', { name: /Run/ })

/** Waits until the cell leaves `running` (or never entered it) and returns its status. */
async function settled(c: Locator, timeout = 20_000): Promise<string | null> {
  const handle = await c.elementHandle()
  await page.waitForFunction(
    (el) => el !== null && ['done', 'error', 'timeout'].includes(el.getAttribute('data-status') ?? ''),
    handle,
    { timeout },
  )
  return c.getAttribute('data-status')
}

/** Replaces a cell's code the way a reader would: click, select all, type. */
async function setCode(c: Locator, code: string) {
  await codeArea(c).click()
  await page.keyboard.press('Control+A')
  await page.keyboard.insertText(code)
}

async function currentCode(c: Locator): Promise<string> {
  return c.evaluate((el) => {
    const cm = el.querySelector('.cm-content')
    if (cm) return [...cm.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n')
    return el.querySelector('[data-cell-static]')?.textContent ?? ''
  })
}

describe('live code cells', () => {
  it('are in the static HTML with the contract attributes and highlighted code', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false })
    const p = await ctx.newPage()
    await p.goto(playground)
    const c = p.locator('[data-cell="playground-scratch"]')
    expect(await c.getAttribute('data-status')).toBe('idle')
    expect(await c.locator('[contenteditable="true"]').count()).toBe(1)
    expect(await c.getByRole('button', { name: /Run/ }).count()).toBe(1)
    expect(await c.locator('[data-cell-output]').count()).toBe(1)
    // Shiki's dual-theme token colours are in the markup.
    expect(await c.locator('pre span[style*="--shiki-dark"]').count()).toBeGreaterThan(3)
    expect(await c.locator('pre').textContent()).toContain('sizeToClass(size)')
    await ctx.close()
  })

  it('run on click, print to the output, and load no editor before they are touched', async () => {
    const editorRequests: string[] = []
    page.on('request', (r) => {
      if (/\/editor\.[\w-]+\.js/.test(r.url())) editorRequests.push(r.url())
    })
    await page.goto(playground)
    await page.waitForTimeout(300)
    expect(editorRequests).toEqual([])
    expect(await page.locator('.cm-editor').count()).toBe(0)
    // Every cell on the page is idle: nothing runs before the reader asks.
    const total = await page.locator('[data-cell]').count()
    expect(total).toBeGreaterThanOrEqual(4)
    expect(await page.locator('[data-cell][data-status="idle"]').count()).toBe(total)

    const c = cell('playground-scratch')
    await runButton(c).click()
    expect(await settled(c)).toBe('done')
    expect(await output(c).textContent()).toContain('size class 5 → slot of 48 bytes')
  })

  it('run what the reader typed, with Ctrl+Enter, in the CodeMirror editor', async () => {
    await page.goto(playground)
    const c = cell('playground-scratch')
    await setCode(c, 'const n: number = 6\nprint(n * 7, hex(255), 2 ** 40)')
    await c.locator('.cm-content').waitFor()
    expect(await currentCode(c)).toBe('const n: number = 6\nprint(n * 7, hex(255), 2 ** 40)')
    await page.keyboard.press('Control+Enter')
    expect(await settled(c)).toBe('done')
    expect(await c.locator('.cell-lines').textContent()).toBe('42 0xff 0x10000000000\n')
  })

  it('show an error with the reader’s line number', async () => {
    await page.goto(playground)
    const c = cell('playground-scratch')
    await setCode(c, 'const a = 1\nconst b = 2\nconst s = null as any\ns.spanOf(a + b)')
    await runButton(c).click()
    expect(await settled(c)).toBe('error')
    const text = await output(c).textContent()
    expect(text).toContain('TypeError')
    expect(text).toContain('line 4')
    expect(await c.locator('[data-cell-state]').textContent()).toContain('line 4')
  })

  it('report a syntax error at its line', async () => {
    await page.goto(playground)
    const c = cell('playground-scratch')
    await setCode(c, 'print(1)\nlet x = (2 +;\n')
    await runButton(c).click()
    expect(await settled(c)).toBe('error')
    expect(await output(c).textContent()).toMatch(/SyntaxError[\s\S]*line 2/)
  })

  it('stop a runaway loop with a timeout, keep the page responsive, keep the code, and run again', async () => {
    await page.goto(playground)
    const c = cell('playground-runaway')
    const before = await currentCode(c)
    await runButton(c).click()
    await page.waitForSelector('[data-cell="playground-runaway"][data-status="running"]')

    await page.waitForTimeout(500) // let the worker load and start spinning

    // The page thread is free: it answers at once, and another cell's button still works.
    const t0 = Date.now()
    expect(await page.evaluate(() => document.querySelectorAll('[data-cell]').length)).toBeGreaterThan(1)
    expect(Date.now() - t0).toBeLessThan(1000)
    const other = cell('playground-scratch')
    await runButton(other).click()
    expect(await settled(other)).toBe('done')

    expect(await settled(c, 10_000)).toBe('timeout')
    expect(await output(c).textContent()).toMatch(/Timed out.*2 s/)
    expect(await currentCode(c)).toBe(before)

    await setCode(c, 'print("alive again")')
    await runButton(c).click()
    expect(await settled(c)).toBe('done')
    expect(await output(c).textContent()).toContain('alive again')
  })

  it('cap long output and say so', async () => {
    await page.goto(playground)
    const c = cell('playground-scratch')
    await setCode(c, 'for (let i = 0; i < 5000; i++) print("line", i)')
    await runButton(c).click()
    expect(await settled(c)).toBe('done')
    const lines = (await c.locator('.cell-lines').textContent())!.trimEnd().split('\n')
    expect(lines.length).toBe(200)
    expect(lines[199]).toBe('line 199')
    expect(await output(c).textContent()).toContain('output truncated')
  })

  it('keep edits across a reload, and Reset restores the original code', async () => {
    await page.goto(playground)
    const c = cell('playground-spanof')
    const original = await currentCode(c)
    await setCode(c, 'print("edited")')
    await page.reload()
    expect(await currentCode(cell('playground-spanof'))).toBe('print("edited")')
    expect(await cell('playground-spanof').getAttribute('data-status')).toBe('idle')
    await cell('playground-spanof').getByRole('button', { name: 'Reset' }).click()
    expect(await currentCode(cell('playground-spanof'))).toBe(original)
    await page.reload()
    expect(await currentCode(cell('playground-spanof'))).toBe(original)
  })

  it('never run because of a link', async () => {
    await page.goto(`${playground}?run=playground-scratch&code=print(1)#cell-playground-runaway`)
    await page.waitForTimeout(800)
    expect(await page.locator('[data-cell]:not([data-status="idle"])').count()).toBe(0)
  })

  it('work with the keyboard alone', async () => {
    await page.goto(playground)
    const c = cell('playground-scratch')
    await codeArea(c).focus()
    await page.keyboard.press('Control+A')
    await page.keyboard.insertText('print("by keyboard")')
    // Tab leaves the editor and reaches the Run button.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/Run$/)
    await page.keyboard.press('Enter')
    expect(await settled(c)).toBe('done')
    expect(await output(c).textContent()).toContain('by keyboard')
    expect(await output(c).getAttribute('aria-live')).toBe('polite')
  })

  it('show the runtimes a cell created, and Go’s out-of-memory error past heapLimit', async () => {
    await page.goto(playground)
    const ok = cell('playground-spanof')
    await runButton(ok).click()
    expect(await settled(ok)).toBe('done')
    // An address in hex (Go 1.26+ randomizes the heap base, so not necessarily 0xc000…).
    expect(await output(ok).textContent()).toMatch(/0x[0-9a-f]{9,}/)
    expect(await ok.locator('details.cell-runtime').count()).toBe(1)
    expect(await ok.locator('details.cell-runtime').textContent()).toContain('HeapAlloc')

    const oom = cell('playground-oom')
    await runButton(oom).click()
    expect(await settled(oom)).toBe('error')
    expect(await output(oom).textContent()).toContain('fatal error: runtime: out of memory')
    expect(await output(oom).textContent()).toMatch(/line \d/)
  })

  it('are readable in light and dark themes', async () => {
    await page.goto(playground)
    const c = cell('playground-scratch')
    const colours = async () =>
      c.evaluate((el) => {
        const kw = [...el.querySelectorAll('pre span')].find((s) => s.textContent === 'const')!
        const pre = el.querySelector('pre')!
        return { kw: getComputedStyle(kw).color, bg: getComputedStyle(pre).backgroundColor }
      })
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'))
    const light = await colours()
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'))
    const dark = await colours()
    expect(light.kw).not.toBe(dark.kw)
    expect(light.bg).not.toBe(dark.bg)
  })

  it('fit a phone screen: no sideways scrolling, buttons big enough to tap', async () => {
    await page.setViewportSize({ width: 360, height: 740 })
    await page.goto(playground)
    const c = cell('playground-spanof')
    await runButton(c).click()
    expect(await settled(c)).toBe('done')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    const box = await runButton(c).boundingBox()
    expect(box!.height).toBeGreaterThanOrEqual(36)
    const cellBox = await c.boundingBox()
    expect(cellBox!.x + cellBox!.width).toBeLessThanOrEqual(360)
  })
})
