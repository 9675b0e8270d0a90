// Every "where" and "expected …" phrase a parser can report has Chinese words on the Chinese page:
// valid lines of every format are cut at every position and mangled one character at a time, and
// each issue's phrases must be translated (only quoted literals, text to type, stay as they are).
import { describe, expect, it } from 'vitest'
import { parseBench } from '../../site/tools/bench.ts'
import { parseGctrace } from '../../site/tools/gctrace.ts'
import { parseProfile } from '../../site/tools/profile.ts'
import { zhPhrase } from '../../site/tools/issues-zh.ts'
import type { Issue } from '../../site/tools/scan.ts'

const lines: [string, (s: string) => { issues: Issue[] }][] = [
  ['BenchmarkA-8   \t 1000\t  30.5 ns/op\t  48 B/op\t  1 allocs/op', parseBench],
  [
    'gc 3 @0.012s 2%: 0.01+1.2+0.02 ms clock, 0.05+0.3/1.0/2.1+0.08 ms cpu, 4->5->1 MB, 5 MB goal, 0 MB stacks, 0 MB globals, 8 P',
    parseGctrace,
  ],
  [
    'gc 3 @0.012s 2%: 0.01+1.2+0.02 ms clock, 0.05+0.3/1.0/2.1+0.08 ms cpu, 4->5->1 MB, 5 MB goal, 8 P',
    parseGctrace,
  ],
  ['heap profile: 3: 160 [1003: 48208] @ heap/1048576', parseProfile],
  ['2: 96 [1000: 48000] @ 0x4a1 0x4b2', parseProfile],
  ['allocs-by-size [33, 49) 5031', parseProfile],
  ['allocs-by-size [32769, +Inf) 4', parseProfile],
]

describe('Chinese issue messages', () => {
  it('translate every phrase the parsers report', () => {
    const seen = new Set<string>()
    for (const [line, parse] of lines) {
      const variants: string[] = []
      for (let i = 1; i < line.length; i++) {
        variants.push(line.slice(0, i))
        variants.push(line.slice(0, i) + 'x' + line.slice(i + 1))
        variants.push(line.slice(0, i) + line.slice(i + 1))
      }
      for (const v of variants)
        for (const issue of parse(v).issues) {
          expect(issue.code).toBe('expected')
          for (const p of [String(issue.args!.where), String(issue.args!.expected)]) seen.add(p)
        }
    }
    expect(seen.size).toBeGreaterThan(20)
    const untranslated = [...seen].filter((p) => !p.startsWith('"') && zhPhrase(p) === p)
    expect(untranslated).toEqual([])
    for (const p of seen) if (!p.startsWith('"')) expect(zhPhrase(p)).toMatch(/[\u4e00-\u9fff]/)
  })
})
