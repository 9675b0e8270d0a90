// (c) The tiny allocator: pointer-free objects under 16 bytes share 16-byte blocks. For each
// sequence, Go starts with no current block (the program runs a GC first, which drops it, as a
// fresh mcache has none). Absolute addresses differ between a real process and the simulator, and
// after a GC Go may take its blocks from a span with holes, so the comparison is on the shape:
// for every allocation, which block it landed in (numbered in order of first use) and at which
// offset inside that block. Once per Go toolchain.
import { beforeAll, expect, it } from 'vitest'
import { forEachToolchain, newRuntime, runTruth, xorshift32, type Op } from './gotruth.ts'

const ns = (...sizes: number[]): Op[] => sizes.map((size) => ({ size, noscan: true }))

function randomSeq(seed: number, n: number, pick: (r: () => number) => Op): Op[] {
  const r = xorshift32(seed)
  return Array.from({ length: n }, () => pick(r))
}

const sequences: { name: string; ops: Op[] }[] = [
  { name: 'reference example 1, 8, 4, 12', ops: ns(1, 8, 4, 12) },
  { name: 'ascending 1..15', ops: ns(...Array.from({ length: 15 }, (_, i) => i + 1)) },
  { name: 'descending 15..1', ops: ns(...Array.from({ length: 15 }, (_, i) => 15 - i)) },
  { name: 'odd sizes are not aligned', ops: ns(3, 3, 3, 3, 3, 3, 1, 5, 7, 9) },
  { name: 'alignment by size: 8, 4, 2', ops: ns(1, 8, 1, 4, 1, 2, 1, 12, 2, 6, 10, 14) },
  { name: 'new block kept only when it has more room', ops: ns(12, 2, 14, 1, 9, 9, 3, 13, 2, 2, 15, 1) },
  {
    name: '16-byte noscan objects are not tiny but share the span',
    ops: ns(16, 1, 16, 2, 3, 16, 15, 16, 8, 8),
  },
  {
    name: 'random 1..15',
    ops: randomSeq(7, 400, (r) => ({ size: 1 + (r() % 15), noscan: true })),
  },
  {
    name: 'random 1..16 with zero-size and pointerful objects in between',
    ops: randomSeq(11, 400, (r) => {
      const k = r() % 20
      if (k === 0) return { size: 0, noscan: true }
      if (k === 1) return { size: 8, noscan: false } // pointerful: never tiny
      if (k === 2) return { size: 16, noscan: false }
      return { size: 1 + (r() % 16), noscan: true }
    }),
  },
]

/** Which 16-byte block (numbered by first use) and offset each tiny-or-16-byte-noscan op got. */
function shape(ops: Op[], addrs: number[]): (string | null)[] {
  const blocks = new Map<number, number>()
  return ops.map((op, i) => {
    if (op.size === 0) return 'zero'
    if (!op.noscan || op.size > 16) return null
    const slot = Math.floor(addrs[i] / 16) * 16
    if (!blocks.has(slot)) blocks.set(slot, blocks.size)
    return `block ${blocks.get(slot)} +${addrs[i] - slot}`
  })
}

/** True when every block follows the previous one directly (a fresh span, no holes). */
function contiguous(ops: Op[], addrs: number[]): boolean {
  const slots = [
    ...new Set(
      ops.flatMap((op, i) =>
        op.noscan && op.size > 0 && op.size <= 16 ? [Math.floor(addrs[i] / 16) * 16] : [],
      ),
    ),
  ]
  return slots.every((s, k) => k === 0 || s === slots[k - 1] + 16)
}

forEachToolchain('tiny allocator: core vs the real Go runtime', (tc) => {
  let goSeqs: number[][]

  beforeAll(() => {
    goSeqs = runTruth<{ sequences: number[][] }>(tc, 'tiny', {
      sequences: sequences.map((s) => s.ops),
    }).sequences
  }, 180_000)

  it('Go answered for every sequence', () => {
    expect(goSeqs.map((s) => s.length)).toEqual(sequences.map((s) => s.ops.length))
  })

  it('zero-size allocations share one address in Go', () => {
    for (const [k, s] of sequences.entries()) {
      const zeros = s.ops.flatMap((op, i) => (op.size === 0 ? [goSeqs[k][i]] : []))
      expect(new Set(zeros).size, s.name).toBe(zeros.length > 0 ? 1 : 0)
    }
  })

  for (const [k, s] of sequences.entries()) {
    it(`same blocks and offsets: ${s.name}`, () => {
      const rt = newRuntime(tc)
      const addrs = s.ops.map((op) => rt.malloc(op.size, { noscan: op.noscan, p: 0 }))
      expect(shape(s.ops, addrs)).toEqual(shape(s.ops, goSeqs[k]))
      const zeros = new Set(s.ops.flatMap((op, i) => (op.size === 0 ? [addrs[i]] : [])))
      const hasZero = s.ops.some((op) => op.size === 0)
      expect(zeros.size, 'core: one shared zero-size address').toBe(hasZero ? 1 : 0)
      // When Go's blocks happened to be adjacent, the raw offsets from the first object match too.
      if (contiguous(s.ops, goSeqs[k]) && contiguous(s.ops, addrs)) {
        const rel = (xs: number[]) =>
          s.ops.map((op, i) => (op.noscan && op.size > 0 && op.size <= 16 ? xs[i] - xs[0] : null))
        if (s.ops[0].noscan && s.ops[0].size > 0 && s.ops[0].size <= 16)
          expect(rel(addrs)).toEqual(rel(goSeqs[k]))
      }
    })
  }
})
