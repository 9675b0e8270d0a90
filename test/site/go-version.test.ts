// The page's Go version: which releases the switch offers, and the precedence URL → storage →
// default, both in the module's pure helpers and in the inline <head> script that applies it before
// first paint (run here against a stand-in `location`/`localStorage`/`document`).
import { describe, expect, it } from 'vitest'
import { runInNewContext } from 'node:vm'
import { goVersions } from '../../packages/core/src/constants.ts'
import {
  GO_VERSION_STORAGE_KEY,
  chooseGoVersion,
  defaultGoVersion,
  goVersionHeadScript,
  parseGoVersion,
  siteGoVersions,
  urlWithGoVersion,
} from '../../site/lib/go-version.ts'

describe('the versions the switch offers', () => {
  it('are the core’s versions, newest first, and include the ones the site promises', () => {
    expect([...siteGoVersions]).toEqual([...goVersions].reverse())
    for (const v of ['1.27', '1.26', '1.22', '1.21']) expect(siteGoVersions).toContain(v)
  })

  it('default to the newest release', () => {
    expect(defaultGoVersion).toBe('1.27')
    expect(defaultGoVersion).toBe(siteGoVersions[0])
  })

  it('parse only exact version strings', () => {
    expect(parseGoVersion('1.26')).toBe('1.26')
    for (const bad of ['1.20', '1.28', ' 1.26', '1.26 ', 'go1.26', '', null, undefined, 1.26, {}])
      expect(parseGoVersion(bad)).toBeNull()
  })
})

describe('chooseGoVersion: URL, then storage, then the default', () => {
  it.each([
    [{ search: '?go=1.22', stored: '1.26' }, '1.22', 'url'],
    [{ search: '?x=1&go=1.21', stored: null }, '1.21', 'url'],
    [{ search: '', stored: '1.26' }, '1.26', 'storage'],
    [{ search: '?go=1.99', stored: '1.24' }, '1.24', 'storage'],
    [{ search: '?go=', stored: 'garbage' }, '1.27', 'default'],
    [{ search: null, stored: null }, '1.27', 'default'],
    [{}, '1.27', 'default'],
  ] as const)('%j → %s (%s)', (input, version, source) => {
    expect(chooseGoVersion(input)).toEqual({ version, source })
  })
})

describe('urlWithGoVersion', () => {
  it('sets ?go= and keeps the path, other parameters and the hash', () => {
    expect(urlWithGoVersion('https://x.org/go-alloc/mspan/?a=1#gc-cycle:step=3', '1.22')).toBe(
      'https://x.org/go-alloc/mspan/?a=1&go=1.22#gc-cycle:step=3',
    )
    expect(urlWithGoVersion('https://x.org/a/?go=1.21', '1.26')).toBe('https://x.org/a/?go=1.26')
    expect(urlWithGoVersion('../mcache/', '1.24', 'https://x.org/go-alloc/mspan/')).toBe(
      'https://x.org/go-alloc/mcache/?go=1.24',
    )
  })
})

/** Runs the head script with a URL search string and a stored value; returns what it did. */
function runHead(search: string, stored: string | null, storageThrows = false) {
  const store = new Map<string, string>()
  if (stored !== null) store.set(GO_VERSION_STORAGE_KEY, stored)
  const attrs = new Map<string, string>()
  const localStorage = {
    getItem: (k: string) => {
      if (storageThrows) throw new Error('SecurityError')
      return store.get(k) ?? null
    },
    setItem: (k: string, v: string) => {
      if (storageThrows) throw new Error('SecurityError')
      store.set(k, v)
    },
  }
  runInNewContext(goVersionHeadScript(), {
    location: { search },
    localStorage,
    URLSearchParams,
    document: { documentElement: { setAttribute: (k: string, v: string) => attrs.set(k, v) } },
  })
  return { shown: attrs.get('data-go-version'), stored: store.get(GO_VERSION_STORAGE_KEY) ?? null }
}

describe('the inline head script', () => {
  it('applies the same precedence as chooseGoVersion', () => {
    const searches = ['', '?go=1.22', '?go=1.26', '?go=9', '?go=1.27&x=1']
    const stores = [null, '1.21', '1.25', 'nonsense']
    for (const search of searches)
      for (const stored of stores)
        expect(runHead(search, stored).shown).toBe(chooseGoVersion({ search, stored }).version)
  })

  it('remembers a version that came from the URL, and stores nothing otherwise', () => {
    expect(runHead('?go=1.23', '1.26').stored).toBe('1.23')
    expect(runHead('', null).stored).toBeNull()
    expect(runHead('?go=bad', '1.25').stored).toBe('1.25')
  })

  it('still sets a version when storage is unavailable', () => {
    expect(runHead('?go=1.24', null, true).shown).toBe('1.24')
    expect(runHead('', null, true).shown).toBe('1.27')
  })
})
