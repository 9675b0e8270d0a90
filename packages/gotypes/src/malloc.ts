// malloc.ts — what mallocgc does with a value of a Go type, and growslice's capacity rule.
//
// Design. The size-class arithmetic and the version rules (malloc headers since 1.22, span
// capacities with Green Tea's inline mark bits since 1.26, the small/large cut-off, and which Go
// function an allocation goes through) live in the core's `describeSize`; this file adds what
// depends on the type — noscan = the type has no pointers — and growslice. The function (`fn`),
// as the core computes it from Go's sources:
//   - Go ≤ 1.23: everything goes through `mallocgc`;
//   - Go 1.24–1.26: mallocgc dispatches to mallocgcTiny (noscan, 1..15 B), mallocgcSmallNoscan,
//     mallocgcSmallScanNoHeader (pointerful ≤ 512 B), mallocgcSmallScanHeader (pointerful
//     513..32760 B) or mallocgcLarge (> 32760 B);
//   - Go 1.27 (size-specialised malloc): below 81 bytes mallocgc jumps through a table to
//     functions generated per size class: mallocgcTinySC2 (noscan < 16 B),
//     mallocgcSmallNoScanSC<class> (noscan 16..80 B) and mallocgcSmallScanNoHeaderSC<class>
//     (pointerful 1..80 B); larger sizes take the 1.24 functions.
//   A zero-size request returns &zerobase from mallocgc itself in every version.
// growslice (runtime/slice.go): the wanted capacity (`nextSliceCap`, the rule since Go 1.18:
// double below 256 elements, then grow by (cap + 768) / 4 until large enough, or jump straight
// to the needed length when that is more than double), then the byte size is rounded up to the
// size class (`roundSliceCap`, roundupsize; since 1.22 a pointerful element array above 512 B
// needs room for the 8-byte malloc header, so the usable size is the slot minus 8: 128 × *int =
// 1024 B → 1032 B with the header → the 1152 B class → 1144 usable → cap 143), and the new capacity
// is what fits.
// Versions (read in the 1.19, 1.22, 1.26 and 1.27 sources): the growth rule is the same from 1.18
// on — inline in growslice in 1.19, the function nextslicecap in 1.22+. roundupsize(size) of 1.19
// to 1.21 has no noscan argument and no header (small means size < 32768, else whole pages);
// 1.22 added roundupsize(size, noscan) with the header and the 32760 B cut-off, unchanged since.
// The core's roundupsize implements both; the caps are checked against real 1.19, 1.22, 1.26 and
// 1.27 in the go-truth layout test.
//
// Simplifications: only linux/amd64; the RuntimeFreegc experiment of 1.27 (off by default) and
// secret-mode allocation are not modelled.

import { type GoVersion, describeSize, roundupsize } from '@go-alloc/core'
import { type GoType, hasPointers, typeString } from './types.ts'

export type MallocKind = 'zero' | 'tiny' | 'small' | 'large'

export interface MallocPlan {
  /** Bytes requested: type size × count. */
  size: number
  noscan: boolean
  tiny: boolean
  /** 8-byte malloc header in front of the object (Go 1.22+, pointerful 513..32760 B). */
  header: boolean
  /** 0 for zero-size and large requests; 2 for tiny. */
  sizeclass: number
  spanclass: number
  /** Slot (element) size in bytes: 16 for tiny (the shared block), npages × 8192 for large. */
  slot: number
  /** slot − size (includes the header; for tiny an upper bound, as the block is shared). */
  waste: number
  /** Objects per span (1 for large, 0 for zero). */
  nelems: number
  kind: MallocKind
  /** The Go function that allocates it under this version. */
  fn: string
  npages: number
  spanBytes: number
  /** Bytes at the end of the span no object uses (includes the span-tail metadata). */
  tailWaste: number
}

/** Minor version of a Go release string '1.NN'. */
export function goMinor(v: string): number {
  const m = /^1\.(\d+)$/.exec(v)
  if (m === null) throw new RangeError(`goVersion must look like '1.22', got ${JSON.stringify(v)}`)
  return Number(m[1])
}

const knownToCore = new Map<string, GoVersion>()

/**
 * The core's rules for a Go version: the version itself when the core knows it, else the newest
 * release before it that the core knows (the size-class arithmetic has not changed since 1.22;
 * the core gains newer versions as their span capacities are modelled).
 */
export function coreVersion(v: GoVersion | string): GoVersion {
  const hit = knownToCore.get(v)
  if (hit !== undefined) return hit
  const minor = goMinor(v)
  for (let m = minor; m >= 21; m--) {
    try {
      describeSize(1, { goVersion: `1.${m}` as GoVersion })
      knownToCore.set(v, `1.${m}` as GoVersion)
      return `1.${m}` as GoVersion
    } catch {
      // not a version the core knows: try the one before
    }
  }
  throw new RangeError(`goVersion ${v} is older than every version the core models (1.21+)`)
}

/** The Go function mallocgc hands a request to (see the file comment; the core's rule). */
export function mallocFn(size: number, noscan: boolean, goVersion: GoVersion | string): string {
  return describeSize(size, { noscan, goVersion: coreVersion(goVersion) }).fn
}

/** What mallocgc does with `count` values of type t (new(T): 1; make([]T, n) / newarray: n). */
export function mallocPlan(
  t: GoType,
  goVersion: GoVersion,
  count = 1,
  opts?: { greenTea?: boolean },
): MallocPlan {
  if (t === null || typeof t !== 'object' || typeof t.size !== 'number')
    throw new TypeError('mallocPlan: t must be a GoType')
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
    throw new RangeError(`mallocPlan: count must be a non-negative integer, got ${String(count)}`)
  const size = t.size * count
  if (!Number.isSafeInteger(size))
    throw new RangeError(`mallocPlan: ${count} × ${typeString(t)} is too large`)
  const noscan = !hasPointers(t)
  return planBytes(size, noscan, goVersion, opts)
}

/** mallocPlan for a raw byte count (string data, []byte backing arrays). */
export function planBytes(
  size: number,
  noscan: boolean,
  goVersion: GoVersion,
  opts?: { greenTea?: boolean },
): MallocPlan {
  const d = describeSize(size, {
    noscan,
    goVersion: coreVersion(goVersion),
    ...(opts?.greenTea !== undefined ? { greenTea: opts.greenTea } : {}),
  })
  return {
    size,
    noscan,
    tiny: d.kind === 'tiny',
    header: d.header,
    sizeclass: d.sizeclass,
    spanclass: d.spanclass,
    slot: d.elemsize,
    waste: d.wasteBytes,
    nelems: d.nelems,
    kind: d.kind,
    fn: d.fn,
    npages: d.npages,
    spanBytes: d.spanBytes,
    tailWaste: d.tailWaste,
  }
}

/**
 * growslice's wanted capacity before rounding (runtime/slice.go nextslicecap, Go 1.18+): the
 * needed length if it is more than double the old capacity; double below 256; otherwise grow by
 * (newcap + 3 × 256) / 4 until it reaches newLen.
 */
export function nextSliceCap(newLen: number, oldCap: number): number {
  if (!Number.isSafeInteger(newLen) || newLen < 0)
    throw new RangeError(`newLen must be a non-negative integer, got ${newLen}`)
  if (!Number.isSafeInteger(oldCap) || oldCap < 0)
    throw new RangeError(`oldCap must be a non-negative integer, got ${oldCap}`)
  let newcap = oldCap
  const doublecap = newcap + newcap
  if (newLen > doublecap) return newLen
  const threshold = 256
  if (oldCap < threshold) return doublecap
  while (newcap < newLen) newcap += Math.floor((newcap + 3 * threshold) / 4)
  return newcap
}

/**
 * The capacity growslice ends with for a wanted capacity `newcap` of `elem`s: the byte size
 * rounded up by roundupsize (with the malloc-header rule for pointerful elements since 1.22,
 * and large sizes to whole pages), divided by the element size.
 */
export function roundSliceCap(newcap: number, elem: GoType, goVersion: GoVersion): number {
  if (!Number.isSafeInteger(newcap) || newcap < 0)
    throw new RangeError(`newcap must be a non-negative integer, got ${newcap}`)
  if (elem.size === 0) return newcap
  const bytes = newcap * elem.size
  if (!Number.isSafeInteger(bytes))
    throw new RangeError(`growslice: len out of range (${newcap} × ${elem.size} bytes)`)
  return Math.floor(roundupsize(bytes, !hasPointers(elem), coreVersion(goVersion)) / elem.size)
}
