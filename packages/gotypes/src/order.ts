// order.ts — the field order that makes a struct smallest, by the rule of the fieldalignment
// analyzer (golang.org/x/tools/go/analysis/passes/fieldalignment), re-stated here:
//   1. zero-size fields first (a zero-size field last would cost gc's extra padding byte);
//   2. then by alignment, largest first (no padding is needed between fields of falling
//      alignment);
//   3. among equal alignment, fields holding pointers before pointer-free ones (so the GC's
//      scan prefix, ptrdata, ends as early as possible);
//   4. among pointerful fields, fewer trailing pointer-free bytes (size − ptrdata) first;
//   5. finally the larger field first.
// Fields that tie on all of these keep their declaration order (fieldalignment uses an unstable
// sort, so for ties its suggested text may list such fields differently; the layout is the same).

import { type GoType, type Field, structOf, named, sourceString } from './types.ts'

export interface OptimalOrder {
  /** The struct with its fields reordered (a defined type keeps its name). */
  type: GoType
  /** Bytes saved per value: size before − size after (0 when already optimal). */
  saves: number
  /** Pointer bytes saved: ptrdata before − ptrdata after. */
  ptrdataSaves: number
  /** Old field index of each new position. */
  indexes: number[]
  /** The reordered declaration, gofmt-style. */
  decl: string
}

function compare(a: Field, b: Field): number {
  const za = a.type.size === 0
  const zb = b.type.size === 0
  if (za !== zb) return za ? -1 : 1
  if (a.type.align !== b.type.align) return b.type.align - a.type.align
  const pa = a.type.ptrdata !== 0
  const pb = b.type.ptrdata !== 0
  if (pa !== pb) return pa ? -1 : 1
  if (pa) {
    const ta = a.type.size - a.type.ptrdata
    const tb = b.type.size - b.type.ptrdata
    if (ta !== tb) return ta - tb
  }
  return b.type.size - a.type.size
}

function quoteTag(tag: string): string {
  return tag.includes('"') && !tag.includes('`') ? '`' + tag + '`' : JSON.stringify(tag)
}

/** Field order with the smallest size, then the fewest pointer bytes (fieldalignment's rule). */
export function optimalOrder(t: GoType): OptimalOrder {
  if (t === null || typeof t !== 'object' || t.kind !== 'struct' || t.fields === undefined)
    throw new TypeError(`optimalOrder: t must be a struct type, got ${t?.kind ?? String(t)}`)
  const idx = t.fields.map((_, i) => i)
  idx.sort((i, j) => compare(t.fields![i], t.fields![j]) || i - j)
  const fields = idx.map((i) => t.fields![i])
  const s = structOf(
    fields.map((f) => ({
      name: f.name,
      type: f.type,
      embedded: f.embedded,
      ...(f.tag !== undefined ? { tag: f.tag } : {}),
    })),
  )
  const type = t.name !== undefined ? named(t.name, s, t.pkg ?? 'main') : s
  const width = Math.max(0, ...fields.map((f) => (f.embedded ? 0 : f.name.length)))
  const lines = fields.map((f) => {
    const ty = sourceString(f.type)
    let line = f.embedded ? ty : `${f.name.padEnd(width)} ${ty}`
    if (f.tag !== undefined) line += ' ' + quoteTag(f.tag)
    return '\t' + line
  })
  const body = fields.length === 0 ? 'struct{}' : `struct {\n${lines.join('\n')}\n}`
  const decl = t.name !== undefined ? `type ${t.name} ${body}` : body
  return { type, saves: t.size - type.size, ptrdataSaves: t.ptrdata - type.ptrdata, indexes: idx, decl }
}
