// msize.ts — size → size class lookups, roundupsize, and the data behind the size-class explorer.
//
// Mirrors Go's src/runtime/msize.go (roundupsize) and the class lookup inlined in mallocgc
// (src/runtime/malloc.go). Facts: docs/go-reference.md §2.
//
// Simplifications: none in the arithmetic. sizeClassTable/describeSize are additions for the
// site (Go has no such functions); their columns follow the comment table of sizeclasses.go.

import {
  _MaxSmallSize,
  _NumSizeClasses,
  _PageShift,
  _PageSize,
  classToDivMagic,
  classToNPages,
  classToSize,
  largeSizeDiv,
  smallSizeDiv,
  smallSizeMax,
} from './sizeclasses.ts'
import {
  defaultGoVersion,
  type GoVersion,
  goMinor,
  goVersions,
  greenTeaAvailable,
  greenTeaDefault,
  hasAllocHeaders,
  mallocHeaderSize,
  maxAlloc,
  maxSmallAllocSize,
  maxTinySize,
  minSizeForMallocHeader,
  spanInlineMarkBitsBytes,
  spanTailHeapBitsBytes,
  tinySizeClass,
  usesInlineMarkBits,
} from './constants.ts'
import { sizeToClass128T, sizeToClass8T } from './classtables.ts'

/** Size class of a request of `size` bytes, 0 < size ≤ 32768 (already including any header). */
export function sizeToClass(size: number): number {
  if (size <= smallSizeMax - 8) return sizeToClass8T[(size + smallSizeDiv - 1) >>> 3]
  return sizeToClass128T[(size - smallSizeMax + largeSizeDiv - 1) >>> 7]
}

/** True when a pointerful object of this many bytes gets an 8-byte type header (Go 1.22+). */
export function hasMallocHeader(size: number, noscan: boolean, goVersion: GoVersion): boolean {
  return (
    hasAllocHeaders(goVersion) &&
    !noscan &&
    size > minSizeForMallocHeader &&
    size <= maxSmallAllocSize(goVersion)
  )
}

/** Bytes a span of this size class reserves at its end for pointer bits (Go 1.22+, scan spans of
 *  ≤ 512-byte objects: 128) — see spanCapacity. */
export function spanHeapBitsBytes(sizeclass: number, noscan: boolean, goVersion: GoVersion): number {
  if (sizeclass === 0 || noscan || !hasAllocHeaders(goVersion)) return 0
  return classToSize[sizeclass] <= minSizeForMallocHeader ? spanTailHeapBitsBytes : 0
}

/** Bytes a span of this size class reserves at its very end for Green Tea's inline mark bits
 *  (128 for 16–512-byte objects when Green Tea is on, else 0). */
export function spanInlineMarkBytes(sizeclass: number, greenTea: boolean): number {
  return greenTea && sizeclass !== 0 && usesInlineMarkBits(classToSize[sizeclass])
    ? spanInlineMarkBitsBytes
    : 0
}

/**
 * Objects per span of a size class (mheap.go initSpan). From Go 1.22 a pointerful span whose
 * objects are ≤ 512 B keeps 128 bytes of pointer bits at its tail; with Green Tea (default from
 * 1.26) every span of 16–512-byte objects, scan or noscan, also keeps 128 bytes of inline mark
 * bits at its very end: nelems = (span bytes − reserved) / object size.
 */
export function spanCapacity(
  sizeclass: number,
  noscan: boolean,
  goVersion: GoVersion,
  greenTea = greenTeaDefault(goVersion),
): number {
  if (sizeclass === 0) return 1
  const bytes =
    (classToNPages[sizeclass] << _PageShift) -
    spanHeapBitsBytes(sizeclass, noscan, goVersion) -
    spanInlineMarkBytes(sizeclass, greenTea)
  return Math.floor(bytes / classToSize[sizeclass])
}

/** spanCapacity of every span class (index: span class), per release and Green Tea setting:
 *  worked out once, read at every span's initialisation. */
export function spanCapacities(goVersion: GoVersion, greenTea: boolean): Int32Array {
  const tables = greenTea ? capacitiesGreenTea : capacitiesClassic
  let t = tables.get(goVersion)
  if (t === undefined) {
    t = new Int32Array(classToSize.length * 2)
    for (let spc = 0; spc < t.length; spc++)
      t[spc] = spanCapacity(spc >>> 1, (spc & 1) !== 0, goVersion, greenTea)
    tables.set(goVersion, t)
  }
  return t
}
const capacitiesGreenTea = new Map<GoVersion, Int32Array>()
const capacitiesClassic = new Map<GoVersion, Int32Array>()

/**
 * The Go function a real allocation of this kind goes through (what a profile or a stack trace
 * shows). Up to 1.23 everything is `mallocgc`; 1.24 split it into mallocgcTiny,
 * mallocgcSmallNoscan, mallocgcSmallScanNoHeader, mallocgcSmallScanHeader and mallocgcLarge;
 * 1.27 sends requests under 81 bytes through functions generated per size class
 * (malloc_generated.go: mallocgcTinySC2, mallocgcSmallNoScanSC2..7,
 * mallocgcSmallScanNoHeaderSC1..7). Zero-size requests return &zerobase inside mallocgc.
 */
export function mallocFunction(
  kind: SizeKind,
  sizeclass: number,
  noscan: boolean,
  header: boolean,
  size: number,
  goVersion: GoVersion,
): string {
  const minor = goMinor(goVersion)
  if (kind === 'zero' || minor < 24) return 'mallocgc'
  if (minor >= 27 && size < 81) {
    if (kind === 'tiny') return 'mallocgcTinySC2'
    return noscan ? `mallocgcSmallNoScanSC${sizeclass}` : `mallocgcSmallScanNoHeaderSC${sizeclass}`
  }
  if (kind === 'tiny') return 'mallocgcTiny'
  if (kind === 'large') return 'mallocgcLarge'
  if (noscan) return 'mallocgcSmallNoscan'
  return header ? 'mallocgcSmallScanHeader' : 'mallocgcSmallScanNoHeader'
}

/**
 * The slot size mallocgc would hand out for `size` bytes (msize.go roundupsize). With a malloc
 * header the returned value excludes the header, as in Go: it is the usable size.
 */
export function roundupsize(size: number, noscan = false, goVersion: GoVersion = defaultGoVersion): number {
  checkSize(size, 'size')
  checkGoVersion(goVersion)
  if (typeof noscan !== 'boolean') throw new TypeError(`noscan must be a boolean, got ${describe(noscan)}`)
  if (size <= maxSmallAllocSize(goVersion) && (hasAllocHeaders(goVersion) || size < _MaxSmallSize)) {
    const req = hasMallocHeader(size, noscan, goVersion) ? size + mallocHeaderSize : size
    return classToSize[sizeToClass(req)] - (req - size)
  }
  return Math.ceil(size / _PageSize) * _PageSize
}

/** One row of the size-class table (classes 1..67), as in the comment of Go's sizeclasses.go. */
export interface SizeClassRow {
  class: number
  /** Object (slot) size in bytes. */
  size: number
  /** Pages per span. */
  npages: number
  spanBytes: number
  /** Objects in a noscan span (and in every span before Go 1.22). */
  objects: number
  /** spanBytes − objects × size. */
  tailWaste: number
  /** Worst-case waste in percent: ((size − previous size − 1) × objects + tailWaste) / spanBytes. */
  maxWastePct: number
  /** Largest power of two dividing size, capped at 8192. */
  minAlign: number
  /** floor((2^32−1)/size)+1: index = (offset × divMul) >> 32. */
  divMul: number
  /** Objects in a pointerful span in Go 1.22–1.25 (128 B of pointer bits at the tail when size ≤ 512). */
  objectsScan122: number
  /** Objects in a noscan span with Green Tea (Go 1.26+: 128 B of inline mark bits for 16–512 B). */
  objectsNoscan126: number
  /** Objects in a pointerful span with Green Tea (Go 1.26+: pointer bits and inline mark bits). */
  objectsScan126: number
}

let tableCache: readonly SizeClassRow[] | null = null

/** The 67 real size classes (class 0, "large", is not a row). Returns fresh objects each call. */
export function sizeClassTable(): SizeClassRow[] {
  if (tableCache === null) {
    const rows: SizeClassRow[] = []
    let prev = 0
    for (let c = 1; c < _NumSizeClasses; c++) {
      const size = classToSize[c]
      const npages = classToNPages[c]
      const spanBytes = npages * _PageSize
      const objects = Math.floor(spanBytes / size)
      const tailWaste = spanBytes - objects * size
      let minAlign = 1
      while (minAlign < _PageSize && size % (minAlign * 2) === 0) minAlign *= 2
      rows.push({
        class: c,
        size,
        npages,
        spanBytes,
        objects,
        tailWaste,
        maxWastePct: (100 * ((size - prev - 1) * objects + tailWaste)) / spanBytes,
        minAlign,
        divMul: classToDivMagic[c],
        objectsScan122: spanCapacity(c, false, '1.22'),
        objectsNoscan126: spanCapacity(c, true, '1.26'),
        objectsScan126: spanCapacity(c, false, '1.26'),
      })
      prev = size
    }
    tableCache = rows
  }
  return tableCache.map((r) => ({ ...r }))
}

export type SizeKind = 'zero' | 'tiny' | 'small' | 'large'

/** What mallocgc would do with a request: see describeSize. */
export interface SizeDescription {
  size: number
  kind: SizeKind
  /** Size class (0 for zero-size and large requests; 2 for tiny). */
  sizeclass: number
  /** Span class = sizeclass << 1 | noscan. */
  spanclass: number
  noscan: boolean
  /** Slot size in bytes (16 for tiny: the shared block; npages × 8192 for large; 0 for zero). */
  elemsize: number
  npages: number
  spanBytes: number
  /** Objects per span of this kind (1 for large, 0 for zero). */
  nelems: number
  /** elemsize − size for small and tiny (an upper bound for tiny, which shares its block);
   *  npages × 8192 − size for large; 0 for zero. Includes the malloc header when there is one. */
  wasteBytes: number
  /** spanBytes − nelems × elemsize (includes the bytes reserved for pointer bits and inline
   *  mark bits). */
  tailWaste: number
  /** Worst case over all sizes of this class, in percent (table column for small and tiny;
   *  8191 / spanBytes for large; 0 for zero). */
  maxWastePct: number
  /** Go 1.22+ malloc header: pointerful small object > 512 B, user pointer = slot + 8. */
  header: boolean
  /** Bytes at the span's tail holding pointer bits (Go 1.22+, pointerful, size ≤ 512): 128 or 0. */
  heapBitsBytes: number
  /** Bytes at the span's very end holding Green Tea's inline mark bits (1.26+, 16–512 B): 128 or 0. */
  inlineMarkBytes: number
  /** The Go function the allocation goes through in that release (see mallocFunction). */
  fn: string
}

/**
 * Describe how mallocgc of the given Go version would place `size` bytes. Like Runtime.malloc,
 * the object is taken to contain pointers unless `noscan: true`.
 * Throws TypeError/RangeError naming `size` for a non-number, NaN, negative, fractional or
 * above-maxAlloc size (no "out of memory" here: nothing is allocated).
 */
export function describeSize(
  size: number,
  opts?: { noscan?: boolean; goVersion?: GoVersion; greenTea?: boolean },
): SizeDescription {
  checkSize(size, 'size')
  if (size > maxAlloc) throw new RangeError(`size must be at most maxAlloc (2^48 = ${maxAlloc}), got ${size}`)
  if (opts !== undefined && (opts === null || typeof opts !== 'object'))
    throw new TypeError(`opts must be an object, got ${describe(opts)}`)
  const noscan = opts?.noscan ?? false
  if (typeof noscan !== 'boolean')
    throw new TypeError(`opts.noscan must be a boolean, got ${describe(noscan)}`)
  const goVersion = opts?.goVersion ?? defaultGoVersion
  checkGoVersion(goVersion, 'opts.goVersion')
  const greenTea = opts?.greenTea ?? greenTeaDefault(goVersion)
  checkGreenTea(greenTea, goVersion, 'opts.greenTea')
  const nsBit = noscan ? 1 : 0
  if (size === 0) {
    return {
      size,
      kind: 'zero',
      sizeclass: 0,
      spanclass: 0,
      noscan,
      elemsize: 0,
      npages: 0,
      spanBytes: 0,
      nelems: 0,
      wasteBytes: 0,
      tailWaste: 0,
      maxWastePct: 0,
      header: false,
      heapBitsBytes: 0,
      inlineMarkBytes: 0,
      fn: mallocFunction('zero', 0, noscan, false, size, goVersion),
    }
  }
  if (size <= maxSmallAllocSize(goVersion)) {
    const header = hasMallocHeader(size, noscan, goVersion)
    const tiny = noscan && size < maxTinySize
    const sizeclass = tiny ? tinySizeClass : sizeToClass(header ? size + mallocHeaderSize : size)
    const elemsize = classToSize[sizeclass]
    const npages = classToNPages[sizeclass]
    const spanBytes = npages * _PageSize
    const nelems = spanCapacity(sizeclass, noscan, goVersion, greenTea)
    const prev = classToSize[sizeclass - 1]
    const objects = Math.floor(spanBytes / elemsize)
    const kind = tiny ? 'tiny' : 'small'
    return {
      size,
      kind,
      sizeclass,
      spanclass: (sizeclass << 1) | nsBit,
      noscan,
      elemsize,
      npages,
      spanBytes,
      nelems,
      wasteBytes: elemsize - size,
      tailWaste: spanBytes - nelems * elemsize,
      maxWastePct: (100 * ((elemsize - prev - 1) * objects + (spanBytes - objects * elemsize))) / spanBytes,
      header,
      heapBitsBytes: spanHeapBitsBytes(sizeclass, noscan, goVersion),
      inlineMarkBytes: spanInlineMarkBytes(sizeclass, greenTea),
      fn: mallocFunction(kind, sizeclass, noscan, header, size, goVersion),
    }
  }
  const npages = Math.ceil(size / _PageSize)
  const spanBytes = npages * _PageSize
  return {
    size,
    kind: 'large',
    sizeclass: 0,
    spanclass: nsBit,
    noscan,
    elemsize: spanBytes,
    npages,
    spanBytes,
    nelems: 1,
    wasteBytes: spanBytes - size,
    tailWaste: 0,
    maxWastePct: (100 * (_PageSize - 1)) / spanBytes,
    header: false,
    heapBitsBytes: 0,
    inlineMarkBytes: 0,
    fn: mallocFunction('large', 0, noscan, false, size, goVersion),
  }
}

/** Throws a TypeError/RangeError naming `name` unless v is a non-negative integer. */
export function checkSize(v: unknown, name: string): asserts v is number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number of bytes, got ${describe(v)}`)
  if (Number.isNaN(v)) throw new RangeError(`${name} must be a non-negative integer number of bytes, got NaN`)
  if (v < 0) throw new RangeError(`${name} must be a non-negative integer number of bytes, got ${v}`)
  if (!Number.isInteger(v))
    throw new RangeError(`${name} must be a non-negative integer number of bytes, got ${v}`)
}

const acceptedVersions = goVersions.map((v) => `'${v}'`).join(', ')

export function checkGoVersion(v: unknown, name = 'goVersion'): asserts v is GoVersion {
  if (typeof v !== 'string')
    throw new TypeError(`${name} must be one of ${acceptedVersions}, got ${describe(v)}`)
  if (!(goVersions as readonly string[]).includes(v))
    throw new RangeError(`${name} must be one of ${acceptedVersions}, got '${v}'`)
}

/** Green Tea can be switched on from 1.25 (where it was GOEXPERIMENT=greenteagc) and off from 1.26. */
export function checkGreenTea(v: unknown, goVersion: GoVersion, name = 'greenTea'): asserts v is boolean {
  if (typeof v !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${describe(v)}`)
  if (v && !greenTeaAvailable(goVersion))
    throw new RangeError(
      `${name} true needs goVersion '1.25' or later (Green Tea GC did not exist in Go ${goVersion})`,
    )
}

/** Short description of an arbitrary value for error messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null'
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'undefined') return String(v)
  if (typeof v === 'bigint') return `${v}n`
  return typeof v
}
