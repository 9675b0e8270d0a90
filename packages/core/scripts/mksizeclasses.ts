// mksizeclasses.ts — regenerates packages/core/src/sizeclasses.ts.
//
// Mirrors the algorithm of Go's src/runtime/mksizeclasses.go (Go 1.15 → 1.25; the table has
// not changed since 1.15). Written from the description of the algorithm, not translated from
// Go's source text:
//
//   1. Walk candidate sizes 8, 16, 24, ... up to 32 KiB. The step ("align") starts at 8 and is
//      raised whenever the current size is a power of two: to 16 from 32 B, to size/8 from
//      128 B, to 256 from 2 KiB.
//   2. For every candidate pick the shortest run of 8 KiB pages whose leftover tail is at most
//      one eighth of the run.
//   3. When a candidate uses the same number of pages and fits the same number of objects as the
//      class before it, it simply widens that class instead of opening a new one.
//   4. Afterwards each class is grown to the largest multiple of 128 that still fits the same
//      number of objects into its pages (8448 → 9472 and friends).
//   5. There must be 68 classes (class 0 stands for "large object, own span").
//   6. For each class, divMul = floor((2^32-1)/size)+1 must turn every in-span offset into an
//      object index with one 32×32→64 multiply and a shift; we check it by brute force.
//
// Run: pnpm --filter @go-alloc/core run gen:sizeclasses   (Node 22 strips the types itself.)

import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const maxSmallSize = 32 << 10
const smallSizeDiv = 8
const smallSizeMax = 1024
const largeSizeDiv = 128
const pageShift = 13
const pageSize = 1 << pageShift

interface SizeClass {
  size: number
  npages: number
}

const isPow2 = (x: number): boolean => x !== 0 && (x & (x - 1)) === 0

function makeClasses(): SizeClass[] {
  const classes: SizeClass[] = [{ size: 0, npages: 0 }] // class 0: large objects
  let step = 8
  for (let size = step; size <= maxSmallSize; size += step) {
    if (isPow2(size)) {
      if (size >= 2048) step = 256
      else if (size >= 128) step = size / 8
      else if (size >= 32) step = 16
    }
    if (!isPow2(step)) throw new Error(`step ${step} is not a power of two`)
    let spanBytes = pageSize
    while (spanBytes % size > Math.floor(spanBytes / 8)) spanBytes += pageSize
    const npages = spanBytes / pageSize
    const prev = classes[classes.length - 1]
    if (
      classes.length > 1 &&
      prev.npages === npages &&
      Math.floor(spanBytes / size) === Math.floor(spanBytes / prev.size)
    ) {
      prev.size = size // same pages, same object count: widen the previous class
      continue
    }
    classes.push({ size, npages })
  }
  for (let i = 1; i < classes.length; i++) {
    const c = classes[i]
    const spanBytes = c.npages * pageSize
    const grown = Math.floor(spanBytes / Math.floor(spanBytes / c.size)) & ~(largeSizeDiv - 1)
    if (grown > c.size) c.size = grown
  }
  if (classes.length !== 68) throw new Error(`expected 68 size classes, got ${classes.length}`)
  return classes
}

function divMul(size: number): number {
  return size === 0 ? 0 : Math.floor(0xffffffff / size) + 1
}

function checkDivMagic(c: SizeClass): void {
  if (c.size === 0) return
  const m = BigInt(divMul(c.size))
  const max = c.npages * pageSize
  for (let off = 0; off <= max; off++) {
    if (Number((BigInt(off) * m) >> 32n) !== Math.floor(off / c.size)) {
      throw new Error(`divMul fails for size ${c.size} at offset ${off}`)
    }
  }
}

function trailingZeros(x: number): number {
  let n = 0
  while (x % 2 === 0 && n < 31) {
    x /= 2
    n++
  }
  return n
}

const pad = (s: string | number, w: number): string => String(s).padStart(w)

function commentTable(classes: SizeClass[]): string[] {
  const lines: string[] = []
  lines.push(`// class  bytes/obj  bytes/span  objects  tail waste  max waste  min align`)
  let prevSize = 0
  const minAligns = new Array<number>(pageShift + 1).fill(0)
  for (let i = 1; i < classes.length; i++) {
    const c = classes[i]
    const spanBytes = c.npages * pageSize
    const objects = Math.floor(spanBytes / c.size)
    const tail = spanBytes - objects * c.size
    const maxWaste = ((c.size - prevSize - 1) * objects + tail) / spanBytes
    const alignBits = Math.min(trailingZeros(c.size), pageShift)
    for (let b = 0; b < minAligns.length; b++) {
      if (b > alignBits) minAligns[b] = 0
      else if (minAligns[b] === 0) minAligns[b] = c.size
    }
    prevSize = c.size
    lines.push(
      `// ${pad(i, 5)}  ${pad(c.size, 9)}  ${pad(spanBytes, 10)}  ${pad(objects, 7)}  ${pad(tail, 10)}  ${pad((100 * maxWaste).toFixed(2), 8)}%  ${pad(1 << alignBits, 9)}`,
    )
  }
  lines.push('//')
  lines.push('// alignment  bits  min obj size')
  for (let b = 0; b < minAligns.length; b++) {
    if (minAligns[b] === 0) break
    if (b + 1 < minAligns.length && minAligns[b] === minAligns[b + 1]) continue
    lines.push(`// ${pad(1 << b, 9)}  ${pad(b, 4)}  ${pad(minAligns[b], 12)}`)
  }
  return lines
}

function lookupTable(classes: SizeClass[], first: number, step: number, n: number): number[] {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const size = first + i * step
    out.push(classes.findIndex((c) => c.size >= size))
  }
  return out
}

function emit(classes: SizeClass[]): string {
  const arr = (xs: number[]): string => {
    const rows: string[] = []
    for (let i = 0; i < xs.length; i += 16) rows.push('  ' + xs.slice(i, i + 16).join(', ') + ',')
    return `Object.freeze([\n${rows.join('\n')}\n])`
  }
  const sizes = classes.map((c) => c.size)
  const npages = classes.map((c) => c.npages)
  const magics = classes.map((c) => divMul(c.size))
  const class8 = lookupTable(classes, 0, smallSizeDiv, smallSizeMax / smallSizeDiv + 1)
  const class128 = lookupTable(
    classes,
    smallSizeMax,
    largeSizeDiv,
    (maxSmallSize - smallSizeMax) / largeSizeDiv + 1,
  )
  return [
    '// Code generated by packages/core/scripts/mksizeclasses.ts; DO NOT EDIT.',
    '// Regenerate with: pnpm --filter @go-alloc/core run gen:sizeclasses',
    '//',
    "// The same table as Go's src/runtime/sizeclasses.go (Go 1.15 and later), produced by the same",
    '// algorithm as src/runtime/mksizeclasses.go. Class 0 means "large object with its own span".',
    '//',
    ...commentTable(classes),
    '',
    '/** log2 of the runtime page size. */',
    `export const _PageShift = ${pageShift}`,
    '/** The runtime page: 8 KiB on every platform, independent of the OS page. */',
    `export const _PageSize = ${pageSize}`,
    '/** Largest size-class object (bytes). */',
    `export const _MaxSmallSize = ${maxSmallSize}`,
    '/** Granularity of sizeToClass8 (bytes). */',
    `export const smallSizeDiv = ${smallSizeDiv}`,
    '/** Upper end of sizeToClass8 (bytes). */',
    `export const smallSizeMax = ${smallSizeMax}`,
    '/** Granularity of sizeToClass128 (bytes). */',
    `export const largeSizeDiv = ${largeSizeDiv}`,
    '/** Number of size classes, counting class 0 (large). */',
    `export const _NumSizeClasses = ${classes.length}`,
    '',
    '/** class → object size in bytes (Go: class_to_size). */',
    `export const classToSize: readonly number[] = ${arr(sizes)}`,
    '',
    '/** class → pages per span (Go: class_to_allocnpages). */',
    `export const classToNPages: readonly number[] = ${arr(npages)}`,
    '',
    '/** class → divMul = floor((2^32-1)/size)+1; object index = (offset*divMul) >> 32 (Go: class_to_divmagic). */',
    `export const classToDivMagic: readonly number[] = ${arr(magics)}`,
    '',
    '/** ceil(size/8) → class, for sizes ≤ 1024 (Go: size_to_class8). */',
    `export const sizeToClass8: readonly number[] = ${arr(class8)}`,
    '',
    '/** ceil((size-1024)/128) → class, for 1024 < size ≤ 32768 (Go: size_to_class128). */',
    `export const sizeToClass128: readonly number[] = ${arr(class128)}`,
    '',
  ].join('\n')
}

const classes = makeClasses()
for (const c of classes) checkDivMagic(c)
const here = dirname(fileURLToPath(import.meta.url))
const out = join(here, '..', 'src', 'sizeclasses.ts')
if (process.argv.includes('--stdout')) process.stdout.write(emit(classes))
else writeFileSync(out, emit(classes))
