/**
 * Allocation profiles: a heap profile in text form (`pprof.Lookup("heap").WriteTo(w, 1)`, or
 * `/debug/pprof/heap?debug=1`) or the `/gc/heap/allocs-by-size:bytes` histogram printed by the
 * snippet the page shows (`allocsSnippet`), read into objects and bytes per allocation site and
 * per size class; then the same objects placed on the simulator.
 *
 * What the numbers are (Go's sources, runtime/malloc.go and runtime/pprof/pprof.go):
 * - The heap profile records each sampled allocation with the size of its whole slot (mallocgc
 *   passes the element size to profilealloc "because that matches how the GC will update the mem
 *   profile on the free side"), one record per (stack, size): `inuse objects: inuse bytes
 *   [alloc objects: alloc bytes] @ pcs`, then `#` lines, one per frame. The header ends with
 *   `@ heap/<2 × MemProfileRate>`; with a rate above 1 the counts are samples, and pprof's
 *   estimate of the real count is count ÷ (1 − e^(−size/rate)) (scaleHeapSample).
 * - The histogram's buckets are [class size before + 1, class size + 1): one bucket per size
 *   class, and one [32769, +Inf) for large objects; counts are slots handed out (a tiny 16-byte
 *   block counts once however many tiny objects share it), flushed from each P's cache at GC.
 * Either way the requested sizes are gone: an object in the 48-byte class asked for 33 to 48
 * bytes, so rounding waste is known only as a bound: up to (slot − previous class − 1) per object.
 */
import { Runtime, classToSize, describeSize, type GoVersion, _MaxSmallSize, _PageSize } from '@go-alloc/core'
import { type Issue, type Progress, Scanner, ScanError, eachLine, issueAt, maxIssues } from './scan.ts'
import { classOfSlot } from './bench.ts'

export const allocsSnippet = `// Call printAllocs() at the end of main; paste what it prints.
func printAllocs() {
	runtime.GC() // flush every P's cache so the counts are complete
	s := []metrics.Sample{{Name: "/gc/heap/allocs-by-size:bytes"}, {Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s) // imports: fmt, runtime, runtime/metrics
	h := s[0].Value.Float64Histogram()
	for i, n := range h.Counts {
		if n > 0 {
			fmt.Printf("allocs-by-size [%g, %g) %d\\n", h.Buckets[i], h.Buckets[i+1], n)
		}
	}
	fmt.Println("allocs:bytes", s[1].Value.Uint64())
}`

export interface ProfileRecord {
  line: number
  inuseObjects: number
  inuseBytes: number
  allocObjects: number
  allocBytes: number
  /** Bytes per object (the slot), from alloc or in-use numbers. */
  objectSize: number
  /** First frame with a function name: `main.parse`, and its `file:line`. */
  func: string
  where: string
}

export interface HistogramBucket {
  line: number
  lo: number
  /** Exclusive upper bound; Infinity for the large-object bucket. */
  hi: number
  count: number
}

export interface ParsedProfile {
  kind: 'heap' | 'histogram' | 'none'
  /** MemProfileRate from the header (bytes per sample; 1 = every allocation). */
  rate: number | null
  records: ProfileRecord[]
  buckets: HistogramBucket[]
  /** `/gc/heap/allocs:bytes` when the snippet printed it. */
  totalBytes: number | null
  memStats: Record<string, number>
  issues: Issue[]
  skipped: number
}

const bucketLine = /^\s*(?:allocs-by-size:?\s*)?\[\s*[\d.]/
const recordLine = /^\s*\d+:\s*\d+\s*\[/

export function parseProfile(text: string, progress?: Progress): ParsedProfile {
  const out: ParsedProfile = {
    kind: 'none',
    rate: null,
    records: [],
    buckets: [],
    totalBytes: null,
    memStats: {},
    issues: [],
    skipped: 0,
  }
  let last: ProfileRecord | null = null
  let inMemStats = false
  const issue = (lineNo: number, e: ScanError, where: string) => {
    if (out.issues.length < maxIssues) out.issues.push(issueAt(lineNo, e, where))
  }
  eachLine(
    text,
    (line, lineNo) => {
      const t = line.trim()
      if (t === '') {
        last = null
        return
      }
      try {
        if (t.startsWith('heap profile:')) {
          const s = new Scanner(line)
          s.lit('heap profile:')
          s.num('in-use objects', { integer: true })
          s.lit(':', false)
          s.num('in-use bytes', { integer: true })
          s.lit('[')
          s.num('allocated objects', { integer: true })
          s.lit(':', false)
          s.num('allocated bytes', { integer: true })
          s.lit(']', false)
          s.lit('@')
          s.lit('heap/')
          out.rate = s.num('the sampling rate (2 × MemProfileRate)', { integer: true }) / 2
          out.kind = 'heap'
          return
        }
        if (t === '# runtime.MemStats') {
          inMemStats = true
          return
        }
        if (t.startsWith('#') && inMemStats) {
          const m = /^#\s*(\w+)\s*=\s*(-?[\d.e+]+)/.exec(t)
          if (m) out.memStats[m[1]] = Number(m[2])
          return
        }
        if (t.startsWith('#') && last) {
          // #	0x4a1b2c	main.parse+0x2c	/src/main.go:12
          const parts = t
            .slice(1)
            .trim()
            .split(/\t+|\s{2,}/)
          if (last.func === '' && parts.length >= 3) {
            last.func = parts[1].replace(/\+0x[0-9a-f]+$/, '')
            last.where = parts[2] ?? ''
          }
          return
        }
        if (recordLine.test(t)) {
          const s = new Scanner(line)
          const io = s.num('in-use objects', { integer: true })
          s.lit(':', false)
          const ib = s.num('in-use bytes', { integer: true })
          s.lit('[')
          const ao = s.num('allocated objects', { integer: true })
          s.lit(':', false)
          const ab = s.num('allocated bytes', { integer: true })
          s.lit(']', false)
          s.lit('@')
          const objectSize = ao > 0 ? ab / ao : io > 0 ? ib / io : 0
          last = {
            line: lineNo,
            inuseObjects: io,
            inuseBytes: ib,
            allocObjects: ao,
            allocBytes: ab,
            objectSize,
            func: '',
            where: '',
          }
          out.records.push(last)
          if (out.kind === 'none') out.kind = 'heap'
          return
        }
        if (bucketLine.test(t)) {
          const s = new Scanner(line)
          s.maybe('allocs-by-size:') || s.maybe('allocs-by-size')
          s.lit('[')
          const lo = s.num('the bucket’s lower bound')
          s.lit(',', false)
          s.ws()
          let hi: number
          if (s.maybe('+Inf')) hi = Infinity
          else hi = s.num('the bucket’s upper bound or +Inf')
          s.lit(')', false)
          s.maybe(':')
          const count = s.num('the bucket’s count', { integer: true })
          out.buckets.push({ line: lineNo, lo, hi, count })
          out.kind = 'histogram'
          return
        }
        const tb = /^\s*allocs:bytes\s+(\d+)/.exec(line)
        if (tb) {
          out.totalBytes = Number(tb[1])
          return
        }
      } catch (e) {
        if (!(e instanceof ScanError)) throw e
        issue(
          lineNo,
          e,
          out.kind === 'histogram' || bucketLine.test(t) ? 'histogram line' : 'heap profile line',
        )
        return
      }
      out.skipped++
    },
    progress,
  )
  return out
}

/** pprof's estimate of the real number of objects behind `count` samples of `size` bytes. */
export function scaleSample(count: number, size: number, rate: number | null): number {
  if (count === 0 || size === 0 || rate === null || rate <= 1) return count
  return count / (1 - Math.exp(-size / rate))
}

export interface ClassRow {
  /** 0 for large objects. */
  sizeclass: number
  /** Slot bytes (for large objects: the average object). */
  slot: number
  objects: number
  bytes: number
  /** Upper bound of rounding waste: objects × (slot − previous class size − 1). */
  wasteMax: number
  /** Objects per span and spans needed to hold them all at once. */
  perSpan: number
  spans: number
  spanBytes: number
}

export interface SiteRow {
  func: string
  where: string
  objects: number
  bytes: number
  inuseObjects: number
  inuseBytes: number
  sizes: number[]
}

export interface ProfileModel {
  kind: ParsedProfile['kind']
  rate: number | null
  sampled: boolean
  sites: SiteRow[]
  classes: ClassRow[]
  /** The counts the replay used: in-use objects for a heap profile, every allocation for a histogram. */
  replayOf: 'inuse' | 'allocs'
  replay: { heapAlloc: number; heapInuse: number; objects: number; scaledDown: number } | null
  memStats: Record<string, number>
  totalBytes: number | null
  issues: Issue[]
  skipped: number
}

export const maxProfileReplayObjects = 400_000

function classRow(slot: number, objects: number, goVersion: GoVersion): ClassRow {
  const sc = classOfSlot(slot)
  const prev = sc > 1 ? classToSize[sc - 1] : 0
  if (sc === 0) {
    const pages = Math.max(1, Math.ceil(slot / _PageSize))
    return {
      sizeclass: 0,
      slot,
      objects,
      bytes: objects * slot,
      wasteMax: 0,
      perSpan: 1,
      spans: objects,
      spanBytes: objects * pages * _PageSize,
    }
  }
  const d = describeSize(slot, { noscan: slot >= 16, goVersion })
  const perSpan = d.nelems
  const spans = Math.ceil(objects / perSpan)
  return {
    sizeclass: sc,
    slot,
    objects,
    bytes: objects * slot,
    wasteMax: objects * Math.max(0, slot - prev - 1),
    perSpan,
    spans,
    spanBytes: spans * d.spanBytes,
  }
}

export function profileModel(p: ParsedProfile, goVersion: GoVersion): ProfileModel {
  const sampled = p.kind === 'heap' && p.rate !== null && p.rate > 1
  const sites = new Map<string, SiteRow>()
  const byClass = new Map<number, { objects: number; live: number }>()
  const add = (slot: number, objects: number, live: number) => {
    const e = byClass.get(slot) ?? { objects: 0, live: 0 }
    e.objects += objects
    e.live += live
    byClass.set(slot, e)
  }
  if (p.kind === 'heap') {
    for (const r of p.records) {
      const size = Math.round(r.objectSize)
      const objs = scaleSample(r.allocObjects, size, p.rate)
      const live = scaleSample(r.inuseObjects, size, p.rate)
      const key = `${r.func}\u0000${r.where}`
      const s = sites.get(key) ?? {
        func: r.func,
        where: r.where,
        objects: 0,
        bytes: 0,
        inuseObjects: 0,
        inuseBytes: 0,
        sizes: [],
      }
      s.objects += objs
      s.bytes += objs * size
      s.inuseObjects += live
      s.inuseBytes += live * size
      if (!s.sizes.includes(size)) s.sizes.push(size)
      sites.set(key, s)
      if (size > 0) add(size, objs, live)
    }
  } else {
    let smallBytes = 0
    for (const b of p.buckets) {
      if (b.hi === Infinity) continue
      const slot = Math.round(b.hi) - 1
      add(slot, b.count, b.count)
      smallBytes += slot * b.count
    }
    const large = p.buckets.filter((b) => b.hi === Infinity).reduce((s, b) => s + b.count, 0)
    if (large > 0) {
      const bytes = p.totalBytes !== null ? Math.max(0, p.totalBytes - smallBytes) : 0
      const avg = bytes > 0 ? Math.round(bytes / large) : _MaxSmallSize + 1
      add(Math.max(avg, _MaxSmallSize + 1), large, large)
    }
  }
  const replayOf = p.kind === 'heap' ? 'inuse' : 'allocs'
  const classes = [...byClass.entries()]
    .map(([slot, e]) => classRow(slot, Math.round(replayOf === 'inuse' ? e.live : e.objects), goVersion))
    .sort((a, b) => b.bytes - a.bytes)
  // The allocation counts per class, not the live ones, are what the table reports for a heap profile.
  if (replayOf === 'inuse')
    for (const c of classes) {
      const e = byClass.get(c.slot)!
      const all = classRow(c.slot, Math.round(e.objects), goVersion)
      Object.assign(c, { objects: all.objects, bytes: all.bytes, wasteMax: all.wasteMax })
    }
  return {
    kind: p.kind,
    rate: p.rate,
    sampled,
    sites: [...sites.values()].sort((a, b) => b.bytes - a.bytes),
    classes,
    replayOf,
    replay: classes.length ? replayClasses(byClass, replayOf, goVersion) : null,
    memStats: p.memStats,
    totalBytes: p.totalBytes,
    issues: p.issues,
    skipped: p.skipped,
  }
}

/**
 * Place the objects on the simulator (all at once, none freed): one `malloc` per object, of its
 * slot size, pointer-free from 16 B up (8-byte slots as pointerful, since an 8-byte pointer-free
 * object would go to the tiny allocator). Scaled down evenly past 400 000 objects.
 */
function replayClasses(
  byClass: Map<number, { objects: number; live: number }>,
  which: 'inuse' | 'allocs',
  goVersion: GoVersion,
): ProfileModel['replay'] {
  let total = 0
  for (const e of byClass.values()) total += Math.round(which === 'inuse' ? e.live : e.objects)
  if (total === 0) return { heapAlloc: 0, heapInuse: 0, objects: 0, scaledDown: 1 }
  const scale = Math.max(1, Math.ceil(total / maxProfileReplayObjects))
  const rt = new Runtime({ goVersion, gogc: 'off', heapBase: 'fixed' })
  let objects = 0
  for (const [slot, e] of byClass) {
    const n = Math.round(Math.round(which === 'inuse' ? e.live : e.objects) / scale)
    for (let i = 0; i < n; i++) rt.malloc(slot, { noscan: slot >= 16 })
    objects += n
  }
  const m = rt.readMemStats()
  return {
    heapAlloc: m.heapAlloc * scale,
    heapInuse: m.heapInuse * scale,
    objects: objects * scale,
    scaledDown: scale,
  }
}
