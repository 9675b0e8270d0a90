// The home figure's trip of one malloc, checked against Go's rules worked out here: 33 bytes round
// up to the 48-byte class 5 (Go's size-class table); the first allocation on a fresh heap misses
// the P's cache, finds no span in mcentral and gets a new one from the heap, which first grows by
// one 4 MiB chunk; the next one of the same size is a nextFreeFast hit in the next slot; 8 bytes
// without pointers go to the tiny allocator, and the second shares the first's 16-byte block at
// offset 8; 40,000 bytes is over 32 KiB: a large object of ⌈40000 / 8192⌉ = 5 pages straight from
// the heap; malloc(0) touches nothing.
import { describe, expect, it } from 'vitest'
import { parseSize, trip } from '../../site/widgets/malloc-path/model.ts'
import { renderMallocPath, stageWords } from '../../site/widgets/malloc-path/render.ts'
import { stringsFor } from '../../site/widgets/malloc-path/strings.ts'

const go = '1.27'

describe('malloc-path', () => {
  it('follows a cold 33-byte allocation through every stage, then a warm one', () => {
    const cold = trip({ size: '33', noscan: false, n: 1 }, go)
    if (!cold.ok) return expect.unreachable()
    expect(cold.sizeclass).toBe(5)
    expect(cold.elemsize).toBe(48)
    expect(cold.visited).toEqual(['class', 'mcache', 'mcentral', 'mheap', 'slot'])
    expect(cold.mcache).toBe('refill')
    expect(cold.mcentral).toEqual({ from: 'grow' })
    expect(cold.mheap?.grew).toBe(4 * 1024 * 1024)
    expect(cold.slot).toBe(0)
    const warm = trip({ size: '33', noscan: false, n: 2 }, go)
    if (!warm.ok) return expect.unreachable()
    expect(warm.visited).toEqual(['class', 'mcache', 'slot'])
    expect(warm.mcache).toBe('fast')
    expect(warm.addr - cold.addr).toBe(48)
    expect(warm.slot).toBe(1)
    expect(warm.usedSlots).toEqual([0])
  })
  it('packs tiny objects into one 16-byte block', () => {
    const a = trip({ size: '8', noscan: true, n: 1 }, go)
    const b = trip({ size: '8', noscan: true, n: 2 }, go)
    if (!a.ok || !b.ok) return expect.unreachable()
    expect(a.path).toBe('tiny')
    expect(b.mcache).toBe('tinyHit')
    expect(b.visited).toEqual(['class', 'mcache', 'slot'])
    expect(b.addr - a.addr).toBe(8)
    expect(b.slot).toBe(a.slot)
  })
  it('sends a large object straight to the heap', () => {
    const t = trip({ size: '40000', noscan: false, n: 1 }, go)
    if (!t.ok) return expect.unreachable()
    expect(t.path).toBe('large')
    expect(t.visited).toEqual(['class', 'mheap', 'slot'])
    expect(t.span?.npages).toBe(Math.ceil(40000 / 8192))
  })
  it('touches nothing for size 0', () => {
    const t = trip({ size: '0', noscan: false, n: 1 }, go)
    if (!t.ok) return expect.unreachable()
    expect(t.visited).toEqual(['class'])
  })
  it('reads sizes with units and rejects the rest with a reason', () => {
    expect(parseSize('1,024')).toEqual({ ok: true, value: 1024 })
    expect(parseSize('32 KiB')).toEqual({ ok: true, value: 32768 })
    expect(parseSize('2m')).toEqual({ ok: true, value: 2 * 1024 * 1024 })
    expect(parseSize('')).toEqual({ ok: false, error: { kind: 'empty' } })
    expect(parseSize('-3')).toEqual({ ok: false, error: { kind: 'negative' } })
    expect(parseSize('3.5')).toEqual({ ok: false, error: { kind: 'notNumber', text: '3.5' } })
    expect(parseSize('2048m')).toEqual({ ok: false, error: { kind: 'tooBig' } })
    expect(trip({ size: 'x', noscan: false, n: 1 }, go).ok).toBe(false)
  })
  it('says each stage in both languages, with links into the chapters', () => {
    const t = trip({ size: '33', noscan: false, n: 1 }, go)
    if (!t.ok) return expect.unreachable()
    expect(stageWords(t, stringsFor('en')).class).toBe('33 B → size class 5, a 48-byte slot')
    const zh = renderMallocPath('malloc-path', { size: '33', noscan: false, n: 1 }, t, 'zh')
    expect(zh).toContain('大小等级 5')
    expect(zh).toContain('/zh/mcentral/')
  })
})
