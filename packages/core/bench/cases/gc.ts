// GC: a full collection (mark from the roots through pointers, then sweep every span) over a heap
// of one million objects: small objects of mixed sizes, a third of them pointerful and linked into
// chains, half of all objects dropped so the sweep frees as much as it keeps. Target: under 1 s.
import { fmtBytes, median, newRuntime, xorshift32, type BenchCase } from '../lib.ts'

const bench: BenchCase = {
  name: 'gc',
  title: 'gc() over a heap of 1,000,000 objects (half garbage, pointer chains)',
  order: 40,
  run({ quick }) {
    const n = quick ? 250_000 : 1_000_000
    const runs = quick ? 2 : 5
    const times: number[] = []
    let marked = 0
    let heap = 0
    let freed = 0
    for (let r = 0; r < runs; r++) {
      const rt = newRuntime({ gomaxprocs: 1 })
      const next = xorshift32(0x51ed270b + r)
      const addrs = new Float64Array(n)
      let lastScan = 0
      for (let i = 0; i < n; i++) {
        const k = next() % 100
        const noscan = k >= 33
        const size = k < 20 ? 8 + (next() % 8) * 8 : 16 + (next() % 1000)
        const p = rt.malloc(noscan ? size : Math.ceil(size / 8) * 8, { noscan, p: 0 })
        addrs[i] = p
        if (!noscan) {
          if (lastScan !== 0) rt.writePointer(p, 0, lastScan) // chains through scan objects
          lastScan = p
        }
      }
      for (let i = 0; i < n; i++) if (next() % 2 === 0 && addrs[i] !== lastScan) rt.drop(addrs[i])
      const m0 = rt.readMemStats()
      const t0 = process.hrtime.bigint()
      const g = rt.gc()
      times.push(Number(process.hrtime.bigint() - t0) / 1e6)
      const m1 = rt.readMemStats()
      marked = g.markedObjects
      heap = m0.heapAlloc
      freed = m1.frees - m0.frees
    }
    const ms = median(times)
    return {
      table: [
        ['objects', 'heap before', 'marked live', 'freed', 'gc() (median)'],
        [
          n.toLocaleString('en'),
          fmtBytes(heap),
          marked.toLocaleString('en'),
          freed.toLocaleString('en'),
          `${ms.toFixed(0)} ms`,
        ],
      ],
      targets: [
        {
          label: `GC of ${n.toLocaleString('en')} objects under 1 s`,
          ok: ms < 1000,
          detail: `${ms.toFixed(0)} ms${quick ? ' (quick: 250,000 objects)' : ''}`,
        },
      ],
      notes: [`runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms`],
    }
  },
}

export default bench
