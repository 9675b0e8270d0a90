// Version-dependent numbers in the chapters come from goFact (site/lib/go-facts.ts), computed from the
// core. These tests check a few of them against arithmetic done here by hand from Go's rules, and that
// no chapter still types one of the replaced numbers into its prose.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { goVersions } from '@go-alloc/core'
import { goFact, goFactNames } from '../../site/lib/go-facts.ts'

/** Objects of `size` bytes in a one-page span that reserves `reserve` bytes at its end. */
const perPage = (size: number, reserve: number) => Math.floor((8192 - reserve) / size)

describe('goFact', () => {
  it('24-byte noscan objects per span: 341 up to Go 1.25, 336 from 1.26 (128 B of inline mark bits)', () => {
    for (const v of ['1.21', '1.22', '1.23', '1.24', '1.25'] as const)
      expect(goFact('objectsPerSpan', { size: 24, noscan: true }, v), v).toBe(String(perPage(24, 0)))
    for (const v of ['1.26', '1.27'] as const)
      expect(goFact('objectsPerSpan', { size: 24, noscan: true }, v), v).toBe(String(perPage(24, 128)))
    expect(perPage(24, 0)).toBe(341)
    expect(perPage(24, 128)).toBe(336)
  })

  it('24-byte scan objects per span: 341 in 1.21, 336 with the 1.22 pointer bitmap, 330 with both reserves', () => {
    expect(goFact('objectsPerSpan', { size: 24 }, '1.21')).toBe(String(perPage(24, 0)))
    for (const v of ['1.22', '1.23', '1.24', '1.25'] as const)
      expect(goFact('objectsPerSpan', { size: 24 }, v), v).toBe(String(perPage(24, 8192 / 8 / 8)))
    for (const v of ['1.26', '1.27'] as const)
      expect(goFact('objectsPerSpan', { size: 24 }, v), v).toBe(String(perPage(24, 128 + 128)))
  })

  it('8-byte spans get no inline mark bits; 16..512-byte ones do', () => {
    for (const v of goVersions) expect(goFact('spanCapacity', { sizeclass: 1, noscan: true }, v)).toBe('1024')
    // A noscan 8-byte request is tiny: it lands in a 16-byte block of class 2.
    expect(goFact('objectsPerSpan', { size: 8, noscan: true }, '1.27')).toBe(String(perPage(16, 128)))
    expect(goFact('objectsPerSpan', { size: 16, noscan: true }, '1.27')).toBe(String(perPage(16, 128)))
    expect(goFact('objectsPerSpan', { size: 512, noscan: true }, '1.27')).toBe(String(perPage(512, 128)))
    expect(goFact('objectsPerSpan', { size: 16, noscan: true }, '1.25')).toBe('512')
    expect(goFact('reserve', { size: 24 }, '1.27')).toBe('256')
    expect(goFact('reserve', { size: 24, noscan: true }, '1.27')).toBe('128')
    expect(goFact('reserve', { size: 24 }, '1.25')).toBe('128')
    expect(goFact('reserve', { size: 24, noscan: true }, '1.25')).toBe('0')
    expect(goFact('reserve', { size: 8 }, '1.27')).toBe('128') // class 1: pointer bits only
  })

  it('slot, class, span class and the small/large cut-off', () => {
    for (const v of goVersions) {
      expect(goFact('slot', { size: 33, noscan: true }, v)).toBe('48')
      expect(goFact('sizeClass', { size: 33, noscan: true }, v)).toBe('5')
      expect(goFact('spanClass', { size: 33, noscan: true }, v)).toBe(String(5 * 2 + 1))
      expect(goFact('cutoff', {}, v)).toBe(v === '1.21' ? '32768' : String(32768 - 8))
    }
    // A pointerful 1020-byte object carries an 8-byte header from 1.22 on: 1028 B → the 1152-byte class.
    expect(goFact('slot', { size: 1020 }, '1.22')).toBe('1152')
    expect(goFact('slot', { size: 1020 }, '1.21')).toBe('1024')
  })

  it("a span's limit: the last slot's end; up to 1.25 a scan span's limit ignored its pointer-bit tail", () => {
    expect(goFact('limitOffset', { size: 48, noscan: true }, '1.27')).toBe(String(168 * 48))
    expect(goFact('limitOffset', { size: 48, noscan: true }, '1.25')).toBe(String(170 * 48))
    expect(goFact('limitOffset', { size: 48 }, '1.27')).toBe(String(Math.floor((8192 - 256) / 48) * 48))
    expect(goFact('limitOffset', { size: 48 }, '1.25')).toBe(String(Math.floor(8192 / 48) * 48))
  })

  it('spans for 100,000 24-byte noscan objects: ceil(100000 / capacity)', () => {
    for (const v of goVersions) {
      const cap = Number(goFact('objectsPerSpan', { size: 24, noscan: true }, v))
      expect(goFact('spansFor', { count: 100000, size: 24, noscan: true }, v)).toBe(
        String(Math.ceil(100000 / cap)),
      )
    }
    expect(goFact('spansFor', { count: 100000, size: 24, noscan: true }, '1.22')).toBe('294')
  })

  it('the first address is 0xc000000000 where the heap base is fixed, elsewhere inside the 46-bit random range', () => {
    for (const v of ['1.21', '1.22', '1.23', '1.24', '1.25'] as const)
      expect(goFact('firstAddress', {}, v), v).toBe('0xc000000000')
    for (const v of ['1.26', '1.27'] as const) {
      const a = Number(goFact('firstAddress', {}, v))
      expect(a, v).not.toBe(0xc000000000)
      expect(a % 8192, v).toBe(0) // a page boundary
      expect(a).toBeLessThan(2 ** 46 + 64 * 2 ** 20)
    }
  })

  it('rejects unknown facts and bad arguments by name', () => {
    expect(() => goFact('objectsPerSpn', {}, '1.22')).toThrow(/unknown fact 'objectsPerSpn'/)
    expect(() => goFact('slot', { size: 'x' }, '1.22')).toThrow(/'slot'.*'size'/)
    expect(() => goFact('slot', { size: 8, noscan: 1 }, '1.22')).toThrow(/'noscan'/)
    expect(goFactNames).toContain('objectsPerSpan')
  })
})

const contentDir = join(import.meta.dirname, '../../content')
function mdxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? mdxFiles(p) : f.endsWith('.mdx') ? [p] : []
  })
}

/** Prose only: cells (code), import lines and front matter removed. */
function prose(src: string): string {
  return src
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/<Cell\b[\s\S]*?`\}\s*\/>/g, '')
    .replace(/^import .*$/gm, '')
}

describe('chapters', () => {
  // A number that changed with the version may appear in prose only next to the versions it held
  // for ("341 up to Go 1.25"); the current value comes from <GoFact>.
  const replaced = [/\b341 (objects|slots|个)/, /\b170 (objects|slots|个)/, /\b512 (objects|slots)/]
  for (const f of mdxFiles(contentDir)) {
    it(`${f.slice(contentDir.length + 1)} types no replaced version-dependent number without a version`, () => {
      const text = prose(readFileSync(f, 'utf8'))
      for (const line of text.split('\n')) {
        for (const re of replaced) {
          if (re.test(line)) expect(line, `${f}: ${line}`).toMatch(/Go 1\.\d\d|1\.2[0-5]|1\.\d+–1\.\d+/)
        }
      }
    })
  }
  it('every <GoFact> names a known fact', () => {
    for (const f of mdxFiles(contentDir)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/<GoFact name="([^"]+)"/g))
        expect(goFactNames, `${f}: ${m[1]}`).toContain(m[1])
    }
  })
})
