/**
 * Numbers in the chapters' prose that depend on the Go version, computed from the core.
 *
 * A chapter never types "336 objects" by hand: it writes `<GoFact name="objectsPerSpan" size={24} noscan />`
 * and the number comes from `describeSize` / the runtime model for the page's Go version. The static
 * HTML carries the default (newest) version's value; the version switch calls `goFact` again for every
 * `[data-go-fact]` element when the reader picks another release. So a change in the core changes the
 * page, and the prose can never disagree with the figures and cells.
 *
 * `goFact` is pure: same name, arguments and version → same string. An unknown name or a missing or
 * ill-typed argument throws an Error naming the fact and the argument.
 */
import {
  Runtime,
  describeSize,
  maxSmallAllocSize,
  spanCapacity,
  type GoVersion,
  type SizeDescription,
} from '@go-alloc/core'

export type GoFactArgs = Record<string, string | number | boolean>

function num(name: string, args: GoFactArgs, key: string): number {
  const v = args[key]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw new Error(
      `goFact('${name}'): argument '${key}' must be a non-negative integer, got ${JSON.stringify(v)}`,
    )
  return v
}

function flag(name: string, args: GoFactArgs, key: string): boolean {
  const v = args[key] ?? false
  if (typeof v !== 'boolean')
    throw new Error(`goFact('${name}'): argument '${key}' must be a boolean, got ${JSON.stringify(v)}`)
  return v
}

/** The size description of `args.size` (and `args.noscan`, default false: the object holds pointers). */
function sized(name: string, args: GoFactArgs, v: GoVersion): SizeDescription {
  return describeSize(num(name, args, 'size'), { noscan: flag(name, args, 'noscan'), goVersion: v })
}

/** Bytes at the end of a small object's span that hold no objects by design: the pointer bitmap of
 *  a scan span (1.22+) and the inline mark bits (1.26+). */
function reservedBytes(d: SizeDescription): number {
  return d.heapBitsBytes + d.inlineMarkBytes
}

const firstAddressCache = new Map<string, number>()

/** The address of the first object a fresh runtime of version `v` returns (default options, so the
 *  default seed where the heap base is randomized). */
function firstAddress(size: number, noscan: boolean, v: GoVersion): number {
  const key = `${v}:${size}:${noscan}`
  let a = firstAddressCache.get(key)
  if (a === undefined) {
    a = new Runtime({ goVersion: v }).malloc(size, { noscan })
    firstAddressCache.set(key, a)
  }
  return a
}

const facts: Record<string, (args: GoFactArgs, v: GoVersion) => string> = {
  /** Objects one span of the size's class holds (`nelems`). */
  objectsPerSpan: (a, v) => String(sized('objectsPerSpan', a, v).nelems),
  /** Slots in one span of size class `sizeclass` (1..67), scan or `noscan`: the span's own capacity, with no
   *  request-size rules in between (a noscan request under 16 bytes would go to the tiny allocator). */
  spanCapacity: (a, v) => {
    const c = num('spanCapacity', a, 'sizeclass')
    if (c < 1 || c > 67)
      throw new Error(`goFact('spanCapacity'): argument 'sizeclass' must be 1..67, got ${c}`)
    return String(spanCapacity(c, flag('spanCapacity', a, 'noscan'), v))
  },
  /** The slot (element size) a request of `size` bytes gets, header included. */
  slot: (a, v) => String(sized('slot', a, v).elemsize),
  /** The size class (0 = large). */
  sizeClass: (a, v) => String(sized('sizeClass', a, v).sizeclass),
  /** The span class: size class × 2 + noscan. */
  spanClass: (a, v) => String(sized('spanClass', a, v).spanclass),
  /** Bytes at a span's end that are not usable for objects and not tail waste. */
  reserve: (a, v) => String(reservedBytes(sized('reserve', a, v))),
  /** Offset of a fresh span's `limit` from its base, as the runtime sets it: the end of the last slot
   *  (`initSpan`, Go 1.26+), or the end of the last slot that would fit the whole span (`mcentral.grow`,
   *  up to Go 1.25, which ignores the pointer bits at a scan span's tail). Read off a simulated span. */
  limitOffset: (a, v) => {
    const size = num('limitOffset', a, 'size')
    const noscan = flag('limitOffset', a, 'noscan')
    const rt = new Runtime({ goVersion: v })
    const s = rt.spanOf(rt.malloc(size, { noscan }))
    if (s === null) throw new Error(`goFact('limitOffset'): size ${size} has no span`)
    return String(s.limit - s.base)
  },
  /** Bytes left over after the last object (the span's tail waste). */
  tailWaste: (a, v) => String(sized('tailWaste', a, v).tailWaste),
  /** Spans needed for `count` objects of `size` bytes. */
  spansFor: (a, v) => String(Math.ceil(num('spansFor', a, 'count') / sized('spansFor', a, v).nelems)),
  /** Largest request served from a size class; anything bigger gets a span of its own. */
  cutoff: (_a, v) => String(maxSmallAllocSize(v)),
  /** The first object's address in hex (`0x…`), as a fresh program with the default seed sees it. */
  firstAddress: (a, v) =>
    '0x' +
    firstAddress(
      a.size === undefined ? 8 : num('firstAddress', a, 'size'),
      flag('firstAddress', a, 'noscan'),
      v,
    ).toString(16),
}

/** Names `goFact` knows. */
export const goFactNames: readonly string[] = Object.freeze(Object.keys(facts))

export function goFact(name: string, args: GoFactArgs, v: GoVersion): string {
  const f = facts[name]
  if (f === undefined) throw new Error(`goFact: unknown fact '${name}' (known: ${goFactNames.join(', ')})`)
  return f(args, v)
}
