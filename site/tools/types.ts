/**
 * Types: pasted Go declarations → for each declared type its layout (gc on linux/amd64, from
 * @go-alloc/gotypes), what `new(T)` costs on the heap under the page's Go version (tiny /
 * noscan / malloc header, size class, slot, bytes wasted per object, objects per span) and, for a
 * struct, fieldalignment's field order with what it saves in bytes and in size class.
 */
import type { GoVersion } from '@go-alloc/core'
import {
  type GoType,
  type LayoutRow,
  type MallocPlan,
  layoutRows,
  mallocPlan,
  optimalOrder,
  parseTypeDecls,
  sourceString,
} from '@go-alloc/gotypes'
import type { Issue, Progress } from './scan.ts'

export interface TypeRow {
  name: string
  line: number
  /** As written: `struct{…}` shortened for structs, else the underlying type's source. */
  kind: string
  underlying: string
  size: number
  align: number
  ptrdata: number
  plan: MallocPlan
  /** Layout table (structs only). */
  rows: LayoutRow[] | null
  /** Bytes of padding inside the struct. */
  padding: number
  better: {
    size: number
    saves: number
    ptrdataSaves: number
    plan: MallocPlan
    decl: string
  } | null
}

export interface TypesModel {
  types: TypeRow[]
  issues: Issue[]
}

export function typesModel(src: string, goVersion: GoVersion, progress?: Progress): TypesModel {
  const parsed = parseTypeDecls(src)
  progress?.(0.5)
  const issues: Issue[] = parsed.errors.map((e) => ({
    line: e.line,
    column: e.column,
    message: e.message,
    code: 'types-syntax',
    args: { text: e.message },
  }))
  const types: TypeRow[] = []
  for (const name of parsed.order) {
    const t = parsed.types.get(name)
    if (!t) continue
    const u: GoType = t.underlying ?? t
    let plan: MallocPlan
    try {
      plan = mallocPlan(t, goVersion)
    } catch (e) {
      // A type the heap cannot hold (above maxAlloc, 2^48 bytes): say so where it is declared.
      const pos = parsed.positions.get(name)
      const text = `${name}: ${e instanceof Error ? e.message : String(e)}`
      issues.push({
        line: pos?.line ?? 1,
        column: pos?.column ?? 1,
        message: text,
        code: 'types-syntax',
        args: { text },
      })
      continue
    }
    const isStruct = u.kind === 'struct' && u.fields !== undefined
    const rows = isStruct ? layoutRows(u) : null
    let better: TypeRow['better'] = null
    if (isStruct && u.fields!.length > 1) {
      const o = optimalOrder(t)
      if (o.saves > 0 || o.ptrdataSaves > 0) {
        better = {
          size: o.type.size,
          saves: o.saves,
          ptrdataSaves: o.ptrdataSaves,
          plan: mallocPlan(o.type, goVersion),
          decl: o.decl,
        }
      }
    }
    types.push({
      name,
      line: parsed.positions.get(name)?.line ?? 0,
      kind: u.kind,
      underlying: isStruct ? 'struct' : sourceString(u),
      size: t.size,
      align: t.align,
      ptrdata: t.ptrdata,
      plan,
      rows,
      padding: rows ? rows.reduce((s, r) => s + r.padding, 0) : 0,
      better,
    })
  }
  progress?.(1)
  return { types, issues }
}
