/**
 * The arena figure's words, one table per language (`en`, `zh`). Code identifiers (arenas,
 * heapArena, arena_start, sysMap …) stay as they are in both.
 */
import { fmtBytes } from '../shared/html.ts'

export type Locale = 'en' | 'zh'

const mib = (b: number) => {
  if (b >= 2 ** 30 && b % 2 ** 30 === 0) return `${b / 2 ** 30} GiB`
  if (b >= 2 ** 20) return `${Math.round((b / 2 ** 20) * 100) / 100} MiB`
  if (b >= 1024) return `${Math.round((b / 1024) * 100) / 100} KiB`
  return fmtBytes(b)
}
export { mib as bytesWords }

export const strings = {
  en: {
    title: 'The heap’s address space: Go ≤ 1.10 against today',
    allocate: 'Allocate',
    allocateBtn: 'Allocate',
    freeBtn: 'Free all, return to the OS',
    resetBtn: 'Start over',
    program: 'Program',
    emptyProgram: 'nothing allocated yet',
    freeOp: 'free all',
    tooMany: (n: number) => `The program is at its ${n}-step limit; start over to try another.`,
    legacyHead: 'Go 1.7–1.10: one reservation',
    modernHead: (v: string) => `Go 1.11+ (now Go ${v}): sparse 64 MiB heap arenas`,
    legacyScale: 'The reservation, to scale',
    legacyMapped: 'Mapped so far, at one scale (the axis is broken between the regions)',
    growsUp: 'grows up →',
    growsDown: '← grows down',
    addrSpace: 'The 47-bit user address space (128 TiB), to scale; ticks: the arena hints',
    heapHere: 'the heap',
    l2Head: 'arenas[0][·]: the L2 arena map (4,194,304 entries), around the heap',
    nil: 'nil',
    nextHint: 'next hint',
    chunksHead: 'Each heap arena: 16 chunks of 4 MiB',
    arenaLabel: (l2: number, base: string) => `arenas[0][${l2}] at ${base}`,
    moreArenas: (n: number) => `+${n} more arena${n === 1 ? '' : 's'} (see the table)`,
    chunk: { reserved: 'Reserved', prepared: 'Prepared', ready: 'Ready' } as Record<string, string>,
    chunkLegend: {
      reserved: 'Reserved: address space only (PROT_NONE)',
      prepared: 'Prepared: mapped (sysMap), no page backed yet — counted as released',
      ready: 'Ready: pages in use (filled part) or backed and free',
    },
    addrLabel: 'Address (hex)',
    lookupBtn: 'Look up',
    errEmpty: 'Type an address in hex, for example 0xc000000000.',
    errDigit: (c: string, col: number) =>
      `“${c}” at column ${col} is not a hex digit: use 0–9 and a–f, with an optional 0x in front.`,
    errLong: (n: number) => `That is ${n} hex digits: an address on amd64 has at most 16 (64 bits).`,
    modernCol: 'Today (Go 1.11+)',
    legacyCol: 'Go ≤ 1.10',
    idx: (p: string, i: string) => `arenaIndex(${p}) = (p + 2^47) >> 26 = ${i}`,
    notUser: (i: string) =>
      `Not heap: the address is past amd64’s 47-bit user space, so no arena can be mapped there (the formula gives index ${i}, whose entry stays nil).`,
    noArena: (l2: number, base: string) =>
      `arenas[0][${l2}] is nil: no heap arena was reserved at ${base}, so this is not heap memory (spanOf returns nil).`,
    arenaHit: (l2: number, base: string) => `arenas[0][${l2}] → a heapArena, covering ${base} + 64 MiB`,
    chunkLine: (k: number, state: string, ready: number) =>
      `chunk ${k} of 16: ${state} (${ready} of 512 pages backed)`,
    reservedVerdict: 'Not heap yet: this chunk is reserved but not mapped; touching it would fault.',
    pageLine: (j: number) => `page ${j} of 8192 in the arena → heapArena.spans[${j}]`,
    freePage: 'No in-use span holds this page: it is a free page of the heap (spanOfHeap returns nil).',
    spanLine: (base: string, n: number, cls: string) =>
      `the mspan at ${base}: ${n} page${n === 1 ? '' : 's'}, ${cls}`,
    largeCls: (size: string) => `a large object of ${size} (class 0)`,
    smallCls: (c: number, size: number) => `class ${c}, ${size}-byte slots`,
    objLine: (i: number, off: number) => `object ${i}, byte ${off} of it`,
    pastLimit: 'past the last object (span tail bytes): not part of any object',
    below: 'Below the reservation: not heap in Go ≤ 1.10.',
    above: 'Above the reservation: not heap in Go ≤ 1.10 (its heap could never grow past 512 GiB).',
    inSpans: (e: number) =>
      `Inside the spans array: entry ${e}, the *mspan of arena page ${e} — runtime metadata, not heap.`,
    inBitmap: (b: number, w: number) =>
      `Inside the bitmap: byte arena_start − 1 − ${b}, the 2-bit entries of heap words ${w}–${w + 3} — metadata, not heap.`,
    legacyPage: (j: number) => `(p − arena_start) >> 13 = ${j} → spans[${j}]`,
    legacyUnused: 'past arena_used: reserved but not heap yet',
    legacyFree: 'no span holds this page',
    summary: (a: number, chunks: number, mapped: string, used: string, legacyUsed: string) =>
      `Today the program’s heap sits in ${a} heap arena${a === 1 ? '' : 's'} (${chunks} chunk${chunks === 1 ? '' : 's'} of 4 MiB mapped, ${mapped}; ${used} in use); in Go ≤ 1.10 the same program used ${legacyUsed} of a 512 GiB arena behind a 16 GiB bitmap and a 512 MiB spans array reserved up front.`,
    tableSummary: 'The arenas and chunks as tables',
    tArena: 'arenas[0][L2]',
    tBase: 'base',
    tChunks: 'chunks Reserved / Prepared / Ready',
    tInUse: 'pages in use',
    tLegacyCap: 'Go ≤ 1.10’s reservation',
    tRegion: 'region',
    tFrom: 'from',
    tSize: 'size',
    tMapped: 'mapped',
    tArenaCap: 'Heap arenas today (Go 1.11+)',
    link: 'Link to this state',
    objects: 'objects at',
    baseLabel: 'Heap base',
    baseAuto: 'as the version does (randomized from Go 1.26)',
    baseFixed: 'fixed at 0xc000000000',
    seedLabel: 'Seed',
    seedError: (v: string, kept: number) =>
      `The seed must be a whole number from 0 to 999999999999999, got “${v}”; the figure keeps seed ${kept}.`,
    baseNote: (randomized: boolean, seed: number) =>
      randomized
        ? `Heap base randomized (Go 1.26+), drawn from seed ${seed}: a random 64 MiB-aligned place for the hints, then a random chunk and padding pages inside the first arena.`
        : 'Heap base fixed: the first hint, 0xc000000000 (Go ≤ 1.25, or 1.26+ built without the randomized heap base).',
  },
  zh: {
    title: '堆的地址空间：Go ≤ 1.10 与今天',
    allocate: '分配',
    allocateBtn: '分配',
    freeBtn: '全部释放并归还操作系统',
    resetBtn: '重新开始',
    program: '程序',
    emptyProgram: '尚未分配',
    freeOp: '全部释放',
    tooMany: (n: number) => `程序已达 ${n} 步上限；请重新开始。`,
    legacyHead: 'Go 1.7–1.10：一次预留',
    modernHead: (v: string) => `Go 1.11+（当前 Go ${v}）：稀疏的 64 MiB 堆 arena`,
    legacyScale: '整个预留区，按比例',
    legacyMapped: '已映射部分，同一比例（区域之间的坐标轴是断开的）',
    growsUp: '向上增长 →',
    growsDown: '← 向下增长',
    addrSpace: '47 位用户地址空间（128 TiB），按比例；刻度：arena 提示地址',
    heapHere: '堆',
    l2Head: 'arenas[0][·]：L2 arena 映射（4,194,304 项），堆附近',
    nil: 'nil',
    nextHint: '下一个提示',
    chunksHead: '每个堆 arena：16 个 4 MiB 块（chunk）',
    arenaLabel: (l2: number, base: string) => `arenas[0][${l2}]，起始于 ${base}`,
    moreArenas: (n: number) => `另有 ${n} 个 arena（见表格）`,
    chunk: { reserved: '已预留', prepared: '已准备', ready: '就绪' } as Record<string, string>,
    chunkLegend: {
      reserved: '已预留（Reserved）：只有地址空间（PROT_NONE）',
      prepared: '已准备（Prepared）：已映射（sysMap），尚无页有物理内存——计为已释放',
      ready: '就绪（Ready）：页在使用中（填充部分）或有物理内存但空闲',
    },
    addrLabel: '地址（十六进制）',
    lookupBtn: '查找',
    errEmpty: '请输入十六进制地址，例如 0xc000000000。',
    errDigit: (c: string, col: number) =>
      `第 ${col} 列的“${c}”不是十六进制数字：请使用 0–9 和 a–f，可以带 0x 前缀。`,
    errLong: (n: number) => `共 ${n} 位十六进制数字：amd64 上的地址最多 16 位（64 比特）。`,
    modernCol: '今天（Go 1.11+）',
    legacyCol: 'Go ≤ 1.10',
    idx: (p: string, i: string) => `arenaIndex(${p}) = (p + 2^47) >> 26 = ${i}`,
    notUser: (i: string) =>
      `不是堆：该地址超出了 amd64 的 47 位用户空间，那里不可能映射 arena（公式得出的下标 ${i} 对应的项始终为 nil）。`,
    noArena: (l2: number, base: string) =>
      `arenas[0][${l2}] 为 nil：${base} 处从未预留堆 arena，所以这不是堆内存（spanOf 返回 nil）。`,
    arenaHit: (l2: number, base: string) => `arenas[0][${l2}] → 一个 heapArena，覆盖 ${base} 起的 64 MiB`,
    chunkLine: (k: number, state: string, ready: number) =>
      `第 ${k} 块（共 16 块）：${state}（512 页中 ${ready} 页有物理内存）`,
    reservedVerdict: '还不是堆：该块只预留、未映射，访问会触发缺页错误。',
    pageLine: (j: number) => `arena 中第 ${j} 页（共 8192 页）→ heapArena.spans[${j}]`,
    freePage: '没有使用中的 span 持有这一页：它是堆中的空闲页（spanOfHeap 返回 nil）。',
    spanLine: (base: string, n: number, cls: string) => `位于 ${base} 的 mspan：${n} 页，${cls}`,
    largeCls: (size: string) => `一个 ${size} 的大对象（等级 0）`,
    smallCls: (c: number, size: number) => `大小等级 ${c}，每个槽 ${size} 字节`,
    objLine: (i: number, off: number) => `第 ${i} 个对象，其中第 ${off} 字节`,
    pastLimit: '在最后一个对象之后（span 尾部字节）：不属于任何对象',
    below: '在预留区之下：在 Go ≤ 1.10 中不是堆。',
    above: '在预留区之上：在 Go ≤ 1.10 中不是堆（它的堆永远不能超过 512 GiB）。',
    inSpans: (e: number) =>
      `在 spans 数组内：第 ${e} 项，即 arena 第 ${e} 页的 *mspan——运行时元数据，不是堆。`,
    inBitmap: (b: number, w: number) =>
      `在位图内：字节 arena_start − 1 − ${b}，堆字 ${w}–${w + 3} 的 2 位条目——元数据，不是堆。`,
    legacyPage: (j: number) => `(p − arena_start) >> 13 = ${j} → spans[${j}]`,
    legacyUnused: '超过 arena_used：已预留但还不是堆',
    legacyFree: '没有 span 持有这一页',
    summary: (a: number, chunks: number, mapped: string, used: string, legacyUsed: string) =>
      `今天，这个程序的堆位于 ${a} 个堆 arena 中（映射了 ${chunks} 个 4 MiB 块，共 ${mapped}；使用中 ${used}）；在 Go ≤ 1.10 中，同一程序只用了 512 GiB arena 中的 ${legacyUsed}，而 16 GiB 位图和 512 MiB spans 数组一开始就预留好了。`,
    tableSummary: 'arena 与块的表格',
    tArena: 'arenas[0][L2]',
    tBase: '起始地址',
    tChunks: '块：已预留 / 已准备 / 就绪',
    tInUse: '使用中的页',
    tLegacyCap: 'Go ≤ 1.10 的预留区',
    tRegion: '区域',
    tFrom: '起始',
    tSize: '大小',
    tMapped: '已映射',
    tArenaCap: '今天的堆 arena（Go 1.11+）',
    link: '链接到此状态',
    objects: '对象地址',
    baseLabel: '堆基址',
    baseAuto: '随版本而定（Go 1.26 起随机化）',
    baseFixed: '固定在 0xc000000000',
    seedLabel: '种子',
    seedError: (v: string, kept: number) =>
      `种子必须是 0 到 999999999999999 之间的整数，收到的是“${v}”；图保持种子 ${kept}。`,
    baseNote: (randomized: boolean, seed: number) =>
      randomized
        ? `堆基址已随机化（Go 1.26+），由种子 ${seed} 生成：hint 先放在一个随机的 64 MiB 对齐位置，再在第一个 arena 中随机选一个块并加上填充页。`
        : '堆基址固定：第一个 hint，0xc000000000（Go ≤ 1.25，或构建时关闭了随机化堆基址的 1.26+）。',
  },
}

export type Strings = (typeof strings)['en']
export const stringsFor = (l: Locale): Strings => strings[l] as Strings
