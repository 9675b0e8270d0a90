// GoHeap: each Go construct reaches the Runtime with the byte count and noscan bit the Go runtime
// function behind it uses, and is recorded.
import { describe, expect, it } from 'vitest'
import { Runtime, checkHeap, zerobase, type GoVersion } from '@go-alloc/core'
import {
  GoHeap,
  GoRuntimeError,
  arrayOf,
  parseTypeDecls,
  pointerTo,
  structOf,
  types,
} from '@go-alloc/gotypes'

const newest = (() => {
  for (const v of ['1.27', '1.26', '1.25', '1.24', '1.23', '1.22'])
    try {
      new Runtime({ goVersion: v as GoVersion })
      return v as GoVersion
    } catch {
      // not modelled by the core yet
    }
  throw new Error('no Go version')
})()

describe('GoHeap', () => {
  it('new(T): the object lands in its size class and is recorded', () => {
    const { types: ts } = parseTypeDecls('type Node struct { next *Node; val int; name string }')
    const node = ts.get('Node')!
    const heap = new GoHeap(new Runtime({ goVersion: newest }))
    const a = heap.new(node, 7)
    const b = heap.new(node, 8, '&Node{…}')
    const s = heap.rt.spanOf(a)!
    // 32 bytes with pointers: class 4, scan (span class 8); consecutive slots
    expect([s.sizeclass, s.spanclass, s.elemsize]).toEqual([4, 8, 32])
    expect(b - a).toBe(32)
    expect(
      heap.records.map((r) => [
        r.line,
        r.what,
        r.type,
        r.size,
        r.slot,
        r.sizeclass,
        r.spanclass,
        r.span,
        r.addr,
      ]),
    ).toEqual([
      [7, 'new(Node)', 'main.Node', 32, 32, 4, 8, s.base, a],
      [8, '&Node{…}', 'main.Node', 32, 32, 4, 8, s.base, b],
    ])
    checkHeap(heap.rt)
  })

  it('pointer-free small values share tiny blocks; zero-size ones get zerobase', () => {
    const heap = new GoHeap(new Runtime({ goVersion: newest }))
    const a = heap.new(types.int32, 1)
    const b = heap.new(types.int32, 2)
    expect(b - a).toBe(4) // same 16-byte block, aligned to 4
    expect(heap.records[0].kind).toBe('tiny')
    expect(heap.records[0].slotAddr).toBe(heap.records[1].slotAddr)
    expect(heap.new(structOf([]), 3)).toBe(zerobase)
    expect(heap.records[2].kind).toBe('zero')
  })

  it('pointerful objects over 512 B get a malloc header: the address is slot + 8', () => {
    const heap = new GoHeap(new Runtime({ goVersion: newest }))
    const addr = heap.new(arrayOf(100, pointerTo(types.int)), 1)
    const r = heap.records[0]
    expect([r.header, r.slot, addr - r.slotAddr]).toEqual([true, 896, 8])
  })

  it('make([]T, len, cap) allocates cap elements without rounding; cap 0 is zerobase', () => {
    const heap = new GoHeap(new Runtime({ goVersion: newest }))
    heap.makeSlice(types.int, 3, 10, 4)
    expect(heap.records[0]).toMatchObject({ what: 'make([]int, 3, 10)', type: '[10]int', size: 80, slot: 80 })
    expect(heap.makeSlice(types.int, 0, 0, 5)).toBe(zerobase)
  })

  it('make panics like Go, and a failed call leaves the heap unchanged', () => {
    const heap = new GoHeap(new Runtime({ goVersion: newest }))
    heap.new(types.string, 1)
    const before = JSON.stringify(heap.rt.snapshot(), (_k, v) => (v instanceof Uint8Array ? [...v] : v))
    expect(() => heap.makeSlice(types.int, -1, 3, 2)).toThrow(
      new GoRuntimeError('makeslice: len out of range'),
    )
    expect(() => heap.makeSlice(types.int, 5, 3, 2)).toThrow('runtime error: makeslice: cap out of range')
    expect(() => heap.makeSlice(types.int, 0, 2 ** 46, 2)).toThrow('makeslice: cap out of range')
    expect(() => heap.growslice(types.int, 0, 4, 3, 2)).toThrow(/must exceed oldCap/)
    expect(() => heap.new(types.int, -1)).toThrow(/line/)
    expect(heap.records).toHaveLength(1)
    expect(JSON.stringify(heap.rt.snapshot(), (_k, v) => (v instanceof Uint8Array ? [...v] : v))).toBe(before)
  })

  it('append growth: caps of []int from nil are 1 2 4 8 16 32 64 128 256 512 848', () => {
    const heap = new GoHeap(new Runtime({ goVersion: newest }))
    let cap = 0
    const caps: number[] = []
    for (let len = 0; len < 600; len++)
      if (len + 1 > cap) {
        cap = heap.growslice(types.int, len, cap, len + 1, 10).cap
        caps.push(cap)
      }
    expect(caps).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 848])
    expect(heap.records.every((r) => r.what === 'append' && r.noscan)).toBe(true)
    expect(heap.records.at(-1)).toMatchObject({ type: '[848]int', size: 6784, slot: 6784 })
  })

  it('strings: concatenation reuses a lone operand, []byte(s) rounds its cap, string(b) of 1 byte is free', () => {
    const heap = new GoHeap(new Runtime({ goVersion: newest }))
    expect(heap.concatStrings([0, 5, 0], 1)).toEqual({ addr: 0, len: 5, reuse: 1 })
    expect(heap.concatStrings([0, 0], 1)).toEqual({ addr: 0, len: 0, reuse: null })
    const c = heap.concatStrings([3, 4], 2)
    expect(c.len).toBe(7)
    expect(heap.records[0]).toMatchObject({ what: 'string concat', kind: 'tiny', size: 7, noscan: true })
    expect(heap.stringToBytes(17, 3).cap).toBe(24) // 17 → 24-byte class
    expect(heap.stringToBytes(0, 3)).toEqual({ addr: zerobase, cap: 0 })
    expect(heap.bytesToString(1, 4)).toBe(0)
    expect(heap.bytesToString(0, 4)).toBe(0)
    heap.bytesToString(40, 4)
    expect(heap.records.map((r) => [r.what, r.size, r.slot])).toEqual([
      ['string concat', 7, 16],
      ['[]byte(s)', 24, 24],
      ['string(b)', 40, 48],
    ])
  })

  it("each record's function, class and address agree with the core's own malloc event", () => {
    const heap = new GoHeap(new Runtime({ goVersion: newest }))
    const events: { fn: string; addr: number; sizeclass: number; size: number }[] = []
    heap.rt.subscribe((e) => {
      if (e.type === 'malloc') events.push(e as unknown as (typeof events)[number])
    })
    const { types: ts } = parseTypeDecls('type N struct { next *N; v [9]int64 }\ntype B [3]uint8')
    heap.new(ts.get('N')!, 1)
    heap.new(ts.get('B')!, 2)
    heap.makeSlice(ts.get('N')!, 0, 10, 3)
    heap.growslice(types.uint8, 0, 0, 100, 4)
    heap.concatStrings([30, 40], 5)
    expect(events).toHaveLength(heap.records.length)
    heap.records.forEach((r, i) => {
      expect([r.fn, r.addr, r.sizeclass, r.size]).toEqual([
        events[i].fn,
        events[i].addr,
        events[i].sizeclass,
        events[i].size,
      ])
    })
  })

  it('rejects a non-Runtime', () => {
    expect(() => new GoHeap({} as Runtime)).toThrow(/rt must be a Runtime/)
  })
})
