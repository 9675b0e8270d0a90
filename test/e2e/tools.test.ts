// The "Your program" tools page in Chromium: each panel answers as its text changes (no other
// click), bad input gets line and column, the state travels in the URL, a 10 MB paste is read in
// the worker with progress while the page stays responsive, the GC-trace replay under another
// GOGC and a GOMEMLIMIT (bad values named, the previous result kept), the Chinese page speaks
// Chinese, keyboard, phone width, both themes, axe-clean.
import { describe, expect, inject, it } from 'vitest'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { useBrowserPage } from './browser.ts'

const site = inject('siteUrl')
const en = `${site}tools/`
const zh = `${site}zh/tools/`
let browser: Browser
let page: Page
useBrowserPage((b, p) => {
  browser = b
  page = p
})

const out = (tool: string) => page.locator(`[data-tool-output="${tool}"]`)
async function open(url: string): Promise<void> {
  await page.goto(url)
  await page.waitForSelector('go-tools[data-ready]', { timeout: 15_000 })
}
async function type(tool: string, text: string): Promise<void> {
  await page.locator(`textarea[data-tool="${tool}"]`).fill(text)
}
async function waitFor(tool: string, text: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    ([t, s]) => document.querySelector(`[data-tool-output="${t}"]`)?.textContent?.includes(s) ?? false,
    [tool, text] as const,
    { timeout },
  )
}

/** Set the replay's GOGC and GOMEMLIMIT with the keyboard: select, type, Tab on (change fires). */
async function compare(p: Page, gogc: string, limit: string): Promise<void> {
  await p.locator('input[name="gogc"]').focus()
  await p.keyboard.press('Control+A')
  await p.keyboard.type(gogc)
  await p.keyboard.press('Tab')
  expect(await p.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('memlimit')
  await p.keyboard.press('Control+A')
  if (limit) await p.keyboard.type(limit)
  else await p.keyboard.press('Delete')
  await p.keyboard.press('Tab')
}
const invalid = (name: string) => page.locator(`input[name="${name}"]`).getAttribute('aria-invalid')
const compareError = () => page.locator('#tools-compare-error')

const struct = `package main

type Node struct {
	a    bool
	next *Node
	b    bool
	val  int64
	c    bool
}
`

describe('Your program (tools page)', () => {
  it('is linked from the home page and has its heading', async () => {
    await page.goto(site)
    const link = page.locator('main a[href$="/tools/"]').first()
    await link.click()
    await page.waitForURL(/\/tools\/(\?[^#]*)?(#.*)?$/)
    expect(await page.locator('h1').textContent()).toContain('Your program')
  })

  it('types: layout, size class, waste and a better order as the text changes', async () => {
    await open(en)
    await type('types', struct)
    await waitFor('types', 'class 5 (48 B)')
    const text = (await out('types').textContent()) ?? ''
    expect(text).toContain('40 B, aligned to 8, 16 pointer bytes, 21 B of padding')
    expect(text).toContain("fieldalignment's order saves 16 B per object")
    expect(text).toContain('class 3 (24 B)')
    expect(await out('types').locator('pre.tools-decl').textContent()).toMatch(/next\s+\*Node/)
  })

  it('follows the page’s Go version: 1.27 names the size-specialised function, 1.22 plain mallocgc', async () => {
    await open(en)
    await type('types', struct)
    await waitFor('types', 'mallocgcSmallScanNoHeaderSC5')
    await page.locator('select[data-go-version-select]').first().selectOption('1.22')
    await waitFor('types', 'goes through mallocgc:')
    expect(new URL(page.url()).searchParams.get('go')).toBe('1.22')
  })

  it('types: a syntax error is shown with its line and column, the rest still read', async () => {
    await open(en)
    await type('types', 'type A struct { x int }\ntype B struct { y [ }\n')
    await waitFor('types', 'line 2, column')
    expect(await out('types').textContent()).toContain('A')
  })

  it('bench: B/op as size-class slots, and what changed class between two runs', async () => {
    await open(en)
    await page.locator('button[data-example="bench"]').click()
    await waitFor('bench', 'Before → after')
    const text = (await out('bench').textContent()) ?? ''
    expect(text).toContain('one 48 B object (class 5: requests of 33–48 B)')
    expect(text).toContain('2 combinations (ambiguous): 128 + 8; 112 + 24')
    expect(text).toContain('slots 48 → 24')
    expect(text).toContain('one large object of 5 pages')
  })

  it('gctrace: a plot and a replay under another GOGC; a broken line names line and column', async () => {
    await open(en)
    await page.locator('button[data-example="gctrace"]').click()
    await waitFor('gctrace', 'simulator, GOGC=200')
    expect(await out('gctrace').locator('svg[role="img"] polyline').count()).toBe(3)
    expect(await out('gctrace').textContent()).toContain('17 collections')
    await type('gctrace', 'gc 1 @0.002s 20%: 1.6+0.28+0.028 ms clock, 3.3+0.15/0/0+0.056 ms cpu, 3->4 MB\n')
    await waitFor('gctrace', 'line 1, column 75')
    expect(await out('gctrace').textContent()).toContain('expected "->"')
  })

  it('gctrace: GOGC=off with a GOMEMLIMIT replays under the limit, by keyboard, and travels in the URL', async () => {
    await open(en)
    await page.locator('button[data-example="gctrace"]').click()
    await waitFor('gctrace', 'simulator, GOGC=200')
    await compare(page, 'off', '64')
    await waitFor('gctrace', 'simulator, GOGC=off, GOMEMLIMIT=64MiB')
    const row = (await out('gctrace').locator('tbody tr').nth(2).textContent()) ?? ''
    expect(row).toContain('64 MiB')
    // The peak of mapped memory (last column) stays under the limit.
    const peak = await out('gctrace').locator('tbody tr').nth(2).locator('td').last().textContent()
    expect(parseFloat(peak ?? '')).toBeLessThanOrEqual(64)
    const note = (await out('gctrace').locator('[data-limit-note]').textContent()) ?? ''
    expect(note).toContain('GC CPU limiter')
    expect(note).toContain('real-time pacing')
    expect(await compareError().isHidden()).toBe(true)
    expect(await invalid('gogc')).toBe('false')
    await page.waitForTimeout(700) // the URL is written 300 ms after a change
    const p2 = await browser.newPage()
    await p2.goto(page.url())
    await p2.waitForFunction(
      () =>
        document
          .querySelector('[data-tool-output="gctrace"]')
          ?.textContent?.includes('GOGC=off, GOMEMLIMIT=64MiB') ?? false,
      undefined,
      { timeout: 20_000 },
    )
    expect(await p2.locator('input[name="gogc"]').inputValue()).toBe('off')
    expect(await p2.locator('input[name="memlimit"]').inputValue()).toBe('64')
    await p2.close()
  })

  it('gctrace: a bad GOGC or GOMEMLIMIT is named, marked aria-invalid, and the previous result stays', async () => {
    await open(en)
    await page.locator('button[data-example="gctrace"]').click()
    await waitFor('gctrace', 'simulator, GOGC=200')
    await compare(page, '100', '48')
    await waitFor('gctrace', 'GOGC=100, GOMEMLIMIT=48MiB')
    const before = await out('gctrace').innerHTML()
    const cases: [string, string, string, string][] = [
      ['100', 'lots', 'memlimit', '"lots" is not a number'],
      ['100', '-5', 'memlimit', '-5 MiB is outside 1 … 65536 MiB'],
      ['100', '99999999', 'memlimit', 'outside 1 … 65536 MiB'],
      ['off', '', 'gogc', 'GOGC=off needs a GOMEMLIMIT'],
      ['fast', '48', 'gogc', '"fast" is not a number'],
    ]
    for (const [g, l, field, msg] of cases) {
      await compare(page, g, l)
      await page.waitForFunction(
        (m) => document.querySelector('#tools-compare-error')?.textContent?.includes(m),
        msg,
      )
      expect(await compareError().isVisible()).toBe(true)
      expect(await compareError().getAttribute('role')).toBe('alert')
      expect(await compareError().textContent()).toContain('still the previous one')
      expect(await invalid(field)).toBe('true')
      expect(await invalid(field === 'gogc' ? 'memlimit' : 'gogc')).toBe('false')
      // The inputs point screen readers at the message.
      expect(await page.locator(`input[name="${field}"]`).getAttribute('aria-describedby')).toContain(
        'tools-compare-error',
      )
      await page.waitForTimeout(300)
      expect(await out('gctrace').innerHTML()).toBe(before)
    }
    await compare(page, '200', '')
    await waitFor('gctrace', 'simulator, GOGC=200')
    expect(await compareError().isHidden()).toBe(true)
    expect(await invalid('gogc')).toBe('false')
    expect(await invalid('memlimit')).toBe('false')
    expect(await out('gctrace').textContent()).not.toContain('GOMEMLIMIT=')
  })

  it('profile: the allocs-by-size histogram per size class, replayed on the simulator', async () => {
    await open(en)
    await page.locator('button[data-example="profile"]').click()
    await waitFor('profile', 'HeapInuse')
    const text = (await out('profile').textContent()) ?? ''
    expect(text).toContain('allocs-by-size')
    expect(await out('profile').locator('tbody tr').count()).toBeGreaterThan(10)
  })

  it('the state travels in the URL (compressed) and comes back in a new tab', async () => {
    await open(en)
    await type('types', struct)
    await type('bench', 'BenchmarkX-8 100 5 ns/op 48 B/op 1 allocs/op\n')
    await page.waitForFunction(() => location.hash.startsWith('#tools:z='), undefined, { timeout: 10_000 })
    await page.waitForFunction(() => location.hash.length > 60)
    await page.waitForTimeout(600)
    const url = page.url()
    const p2 = await browser.newPage()
    await p2.goto(url)
    await p2.waitForFunction(
      () =>
        document.querySelector('[data-tool-output="bench"]')?.textContent?.includes('one 48 B object') ??
        false,
      undefined,
      { timeout: 20_000 },
    )
    expect(await p2.locator('textarea[data-tool="types"]').inputValue()).toBe(struct)
    await p2.waitForFunction(
      () => document.querySelector('[data-tool-output="types"]')?.textContent?.includes('class 5') ?? false,
    )
    await p2.close()
  })

  it('reads a 10 MB paste in the worker with progress, and the page stays responsive', async () => {
    await open(en)
    const line =
      'gc 3 @0.012s 2%: 0.01+1.2+0.02 ms clock, 0.05+0.3/1.0/2.1+0.08 ms cpu, 4->5->1 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 8 P\n'
    // Record every status the panel shows (the textarea's own layout of 10 MB can keep the page's
    // thread busy for a while, so polling could miss the progress).
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = [])
      const s = document.querySelector('[data-tool-status="gctrace"]')!
      new MutationObserver(() => seen.push(s.textContent ?? '')).observe(s, {
        childList: true,
        characterData: true,
        subtree: true,
      })
    })
    await page.evaluate((l) => {
      const ta = document.querySelector<HTMLTextAreaElement>('textarea[data-tool="gctrace"]')!
      ta.value = l.repeat(Math.ceil((10 * 1024 * 1024) / l.length))
      ta.dispatchEvent(new Event('input', { bubbles: true }))
    }, line)
    await page.waitForFunction(() => (window as unknown as { seen: string[] }).seen.length > 0, undefined, {
      timeout: 30_000,
    })
    // While the worker reads and replays, the page's own thread answers at once.
    const t0 = Date.now()
    await page.evaluate(() => 1 + 1)
    expect(Date.now() - t0).toBeLessThan(1000)
    await waitFor('gctrace', 'collections', 120_000)
    expect(await out('gctrace').textContent()).toMatch(/\d{5,} collections/)
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen)
    expect(seen.some((x) => /Reading… \d+%/.test(x))).toBe(true)
  }, 180_000)

  it('a new text replaces an analysis still running (the busy worker is restarted)', async () => {
    await open(en)
    const line =
      'gc 3 @0.012s 2%: 0.01+1.2+0.02 ms clock, 0.05+0.3/1.0/2.1+0.08 ms cpu, 4->5->1 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 8 P\n'
    await page.evaluate((l) => {
      const ta = document.querySelector<HTMLTextAreaElement>('textarea[data-tool="gctrace"]')!
      ta.value = l.repeat(40_000)
      ta.dispatchEvent(new Event('input', { bubbles: true }))
    }, line)
    await page.waitForFunction(
      () => /\d+%/.test(document.querySelector('[data-tool-status="gctrace"]')?.textContent ?? ''),
      undefined,
      { timeout: 20_000 },
    )
    const t0 = Date.now()
    await page.evaluate((l) => {
      const ta = document.querySelector<HTMLTextAreaElement>('textarea[data-tool="gctrace"]')!
      ta.value = l
      ta.dispatchEvent(new Event('input', { bubbles: true }))
    }, line)
    await waitFor('gctrace', '1 collection over')
    expect(Date.now() - t0).toBeLessThan(15_000)
    await page.waitForTimeout(1500)
    expect(await out('gctrace').textContent()).toContain('1 collection over')
  }, 60_000)

  it('Chinese page: heading and results in Chinese', async () => {
    await open(zh)
    expect(await page.locator('h1').textContent()).toContain('你的程序')
    await type('types', struct)
    await waitFor('types', '大小等级 5（48 B）')
    await page.locator('button[data-example="bench"]').click()
    await waitFor('bench', '之前 → 之后')
    await type('gctrace', 'gc 1 @0.002s 20%: 1.6+0.28+0.028 ms clock, x\n')
    await waitFor('gctrace', '第 1 行')
    const t = (await out('gctrace').textContent()) ?? ''
    expect(t).toMatch(/这里应当是/)
    expect(t).not.toMatch(/\bexpected\b/)
  })

  it('Chinese page: the GOMEMLIMIT replay, its notes and its errors are all Chinese', async () => {
    await open(zh)
    await page.locator('button[data-example="gctrace"]').click()
    await waitFor('gctrace', '模拟器，GOGC=200')
    await compare(page, 'off', '32')
    await waitFor('gctrace', '模拟器，GOGC=off（关闭），GOMEMLIMIT=32 MiB')
    // The example keeps 32 MB live at one point: the peak passes a 32 MiB limit, and the note says why.
    expect(await page.locator('[data-limit-note]').textContent()).toContain('超过了上限')
    await compare(page, 'off', '-5')
    await page.waitForFunction(() =>
      document.querySelector('#tools-compare-error')?.textContent?.includes('-5'),
    )
    const texts = [
      (await page.locator('[data-tool-output="gctrace"] table').first().textContent()) ?? '',
      (await page.locator('[data-limit-note]').textContent()) ?? '',
      (await page.locator('#tools-compare-help').textContent()) ?? '',
      (await compareError().textContent()) ?? '',
      (
        await page
          .locator('.tools-controls label')
          .filter({ has: page.locator('input') })
          .allTextContents()
      ).join(' '),
    ]
    for (const t of texts) {
      expect(t).toMatch(/[\u4e00-\u9fff]/)
      // Only code identifiers and units stay Latin.
      const rest = t.replace(/GOMEMLIMIT|GOGC|goroutine|off|MiB|KiB|GiB|CPU|GC|\bGo\b|\bB\b/g, '')
      expect(rest, t).not.toMatch(/[A-Za-z]{2,}/)
    }
  })

  it('keyboard: Tab to an example button and press Enter', async () => {
    await open(en)
    await page.locator('textarea[data-tool="types"]').focus()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-example'))).toBe('types')
    await page.keyboard.press('Enter')
    await waitFor('types', 'Session')
  })

  it('fits a 360 px screen', async () => {
    await page.setViewportSize({ width: 360, height: 800 })
    await open(en)
    await page.locator('button[data-example="types"]').click()
    await page.locator('button[data-example="gctrace"]').click()
    await waitFor('gctrace', 'simulator')
    await waitFor('types', 'Session')
    await compare(page, 'off', '-1')
    await page.waitForFunction(() => !document.querySelector<HTMLElement>('#tools-compare-error')?.hidden)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow).toBeLessThanOrEqual(0)
  })

  for (const theme of ['light', 'dark'] as const)
    for (const url of [en, zh])
      it(`axe finds nothing with results shown (${theme}, ${url.includes('/zh/') ? 'zh' : 'en'})`, async () => {
        const ctx = await browser.newContext({ viewport: { width: 1100, height: 900 } })
        await ctx.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme)
        const p = await ctx.newPage()
        try {
          await p.goto(url)
          await p.waitForSelector('go-tools[data-ready]')
          for (const tool of ['types', 'bench', 'profile', 'gctrace'])
            await p.locator(`button[data-example="${tool}"]`).click()
          await p.waitForFunction(
            () => document.querySelector('[data-tool-output="gctrace"] svg') !== null,
            undefined,
            { timeout: 20_000 },
          )
          await p.waitForFunction(() => document.querySelector('[data-tool-output="profile"] table') !== null)
          // A replay under a limit, then a bad limit: the note, the message and aria-invalid shown.
          await compare(p, 'off', '64')
          await p.waitForSelector('[data-limit-note]', { timeout: 20_000 })
          await compare(p, 'off', 'x')
          await p.waitForFunction(() => !document.querySelector<HTMLElement>('#tools-compare-error')?.hidden)
          const r = await new AxeBuilder({ page: p }).include('go-tools').analyze()
          expect(r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual(
            [],
          )
        } finally {
          await ctx.close()
        }
      }, 60_000)
})
