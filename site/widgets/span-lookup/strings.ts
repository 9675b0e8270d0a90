/** The spans figure's words, one table per language. Code identifiers stay as they are. */
export type Locale = 'en' | 'zh'

/** What reads the same in both languages: runtime names and the address arithmetic. */
const identifiers = {
  nil: 'nil',
  dead: 'mSpanDead',
  limit: 'limit',
  tSpan: 'mspan',
  tEntries: 'heapArena.spans[0..15]',
}
const formulas = {
  steps: {
    arena: (p: string, ai: number) => `arenaIndex(${p}) = (p + 2^47) >> 26 = ${ai}`,
  },
  legacy: {
    index: (p: string, i: number) => `(${p} − arena_start) >> 13 = ${i} → spans[${i}]`,
  },
}

const en = {
  ...identifiers,
  title: 'From an address to its mspan',
  pickLabel: 'Pick a byte',
  picks: {
    small: 'inside a 48-byte object',
    multi: 'on the 2nd page of a 3-page span',
    large: 'inside a 40 KiB large object',
    stale: 'in a freed span (a stale entry)',
    tail: 'in a span’s tail, past its last object',
    free: 'on a page no span ever used',
    notheap: 'Go ≤ 1.10’s first heap byte',
    custom: 'the address typed below',
  } as Record<string, string>,
  addrLabel: 'Address (hex)',
  prev: '◀ Previous step',
  next: 'Next step ▶',
  walk: 'Walk from the start',
  stepOf: (i: number, n: number) => `Step ${i} of ${n}`,
  pagesHead: (base: string, ai: number) => `Heap pages from ${base} (the first 16 of arena ${ai})`,
  entriesHead: 'heapArena.spans[page]: one *mspan per page',
  spanHead: 'The mspan the entry points at',
  noSpan: 'No mspan: the entry is nil.',
  legacyHead: 'Go ≤ 1.10: one flat spans array for the whole 512 GiB arena',
  legacyEntriesHead: 'spans[i] for arena page i (the same program, objects from 0xc420000000)',
  steps: {
    ...formulas.steps,
    notUser: (p: string) =>
      `${p} is past amd64’s 47-bit user address space: no arena can be there, spanOfHeap returns nil.`,
    heapArena: (ai: number) => `mheap_.arenas[0][${ai}] → a heapArena`,
    noArena: (ai: number) => `mheap_.arenas[0][${ai}] is nil: no heap arena there, so not heap — nil.`,
    entry: (pg: number, l: string) => `page (p / 8192) % 8192 = ${pg} → heapArena.spans[${pg}] = mspan ${l}`,
    nilEntry: (pg: number) =>
      `page (p / 8192) % 8192 = ${pg} → heapArena.spans[${pg}] is nil: no span was ever placed on this page — nil.`,
    mspan: (l: string, base: string, limit: string, n: number, state: string) =>
      `mspan ${l}: base ${base}, limit ${limit} (${n} page${n === 1 ? '' : 's'}), state ${state}`,
    checkOk: 'state is mSpanInUse and base ≤ p < limit: this is p’s span',
    checkDead:
      'state is mSpanDead: the span was freed, but its pages’ entries were never cleared — the state check rejects the stale pointer, spanOfHeap returns nil.',
    checkBounds: (p: string, limit: string) =>
      `p = ${p} is not below limit ${limit}: past the span’s last object (if the entry were stale and the mspan reused for another span, this same bounds check would reject it) — nil.`,
    object: (i: number, ob: string, off: number, size: number) =>
      `object ${i} = (p − base) / ${size}, at ${ob}; p is byte ${off} of it`,
  },
  legacy: {
    ...formulas.legacy,
    outside: 'outside [arena_start, arena_used): not heap — nil',
    found: (l: string) => `spans[i] = mspan ${l}; it is in use and holds p`,
    nilEntry: 'spans[i] is nil',
    dead: (l: string) => `spans[i] = mspan ${l}, which is dead: nil`,
    bounds: (l: string) => `spans[i] = mspan ${l}, but p is past its limit: nil`,
    same: (p: string) => `The same byte in the Go ≤ 1.10 heap: ${p}`,
  },
  errEmpty: 'Type an address in hex, for example 0xc000000065.',
  errDigit: (c: string, col: number) =>
    `“${c}” at column ${col} is not a hex digit: use 0–9 and a–f, with an optional 0x in front.`,
  errLong: (n: number) => `That is ${n} hex digits: an address on amd64 has at most 16 (64 bits).`,
  summary: (spans: number, pages: number) =>
    `A heap of ${spans} spans on ${pages} pages — five size classes, a large object and one span the GC freed — with the lookup of the chosen byte: arena index, heapArena, spans[page], the mspan, its state and bounds, and Go ≤ 1.10’s one-array lookup beside it.`,
  tableSummary: 'The spans and the entries as a table',
  tPages: 'pages',
  tClass: 'class',
  tSize: 'object size',
  tObjects: 'objects (in use / slots)',
  tState: 'state',
  link: 'Link to this byte',
  large: 'large',
  classN: (c: number) => `class ${c}`,
}

export type Strings = typeof en

const zh: Strings = {
  ...identifiers,
  title: '从地址到它的 mspan',
  pickLabel: '选一个字节',
  picks: {
    small: '一个 48 字节对象内部',
    multi: '一个 3 页 span 的第 2 页',
    large: '一个 40 KiB 大对象内部',
    stale: '已释放 span 里（过期条目）',
    tail: 'span 尾部，最后一个对象之后',
    free: '从未被 span 用过的页',
    notheap: 'Go ≤ 1.10 的第一个堆字节',
    custom: '下面输入的地址',
  },
  addrLabel: '地址（十六进制）',
  prev: '◀ 上一步',
  next: '下一步 ▶',
  walk: '从头开始走一遍',
  stepOf: (i, n) => `第 ${i} 步，共 ${n} 步`,
  pagesHead: (base, ai) => `从 ${base} 开始的堆页（arena ${ai} 的前 16 页）`,
  entriesHead: 'heapArena.spans[page]：每页一个 *mspan',
  spanHead: '条目指向的 mspan',
  noSpan: '没有 mspan：条目为 nil。',
  legacyHead: 'Go ≤ 1.10：整个 512 GiB arena 只有一个扁平的 spans 数组',
  legacyEntriesHead: 'arena 第 i 页对应 spans[i]（同一程序，对象从 0xc420000000 开始）',
  steps: {
    ...formulas.steps,
    notUser: (p) => `${p} 超出了 amd64 的 47 位用户地址空间：那里不可能有 arena，spanOfHeap 返回 nil。`,
    heapArena: (ai) => `mheap_.arenas[0][${ai}] → 一个 heapArena`,
    noArena: (ai) => `mheap_.arenas[0][${ai}] 为 nil：那里没有堆 arena，不是堆——返回 nil。`,
    entry: (pg, l) => `页号 (p / 8192) % 8192 = ${pg} → heapArena.spans[${pg}] = mspan ${l}`,
    nilEntry: (pg) =>
      `页号 (p / 8192) % 8192 = ${pg} → heapArena.spans[${pg}] 为 nil：这一页上从未放过 span——返回 nil。`,
    mspan: (l, base, limit, n, state) => `mspan ${l}：base ${base}，limit ${limit}（${n} 页），状态 ${state}`,
    checkOk: '状态是 mSpanInUse 且 base ≤ p < limit：这就是 p 所在的 span',
    checkDead:
      '状态是 mSpanDead：span 已被释放，但它各页的条目从未清除——状态检查拒绝了这个过期指针，spanOfHeap 返回 nil。',
    checkBounds: (p, limit) =>
      `p = ${p} 不小于 limit ${limit}：在 span 最后一个对象之后（如果条目过期、mspan 结构被另一个 span 复用，同样的边界检查也会拒绝它）——返回 nil。`,
    object: (i, ob, off, size) => `对象 ${i} = (p − base) / ${size}，位于 ${ob}；p 是它的第 ${off} 字节`,
  },
  legacy: {
    ...formulas.legacy,
    outside: '不在 [arena_start, arena_used) 内：不是堆——返回 nil',
    found: (l) => `spans[i] = mspan ${l}；它在使用中并包含 p`,
    nilEntry: 'spans[i] 为 nil',
    dead: (l) => `spans[i] = mspan ${l}，已死亡：返回 nil`,
    bounds: (l) => `spans[i] = mspan ${l}，但 p 超过了它的 limit：返回 nil`,
    same: (p) => `同一字节在 Go ≤ 1.10 堆中的地址：${p}`,
  },
  errEmpty: '请输入十六进制地址，例如 0xc000000065。',
  errDigit: (c, col) => `第 ${col} 列的“${c}”不是十六进制数字：请使用 0–9 和 a–f，可以带 0x 前缀。`,
  errLong: (n) => `共 ${n} 位十六进制数字：amd64 上的地址最多 16 位（64 比特）。`,
  summary: (spans, pages) =>
    `一个由 ${spans} 个 span 组成、占 ${pages} 页的堆——五个大小等级、一个大对象和一个被 GC 释放的 span——以及所选字节的查找过程：arena 下标、heapArena、spans[page]、mspan、它的状态与边界；旁边是 Go ≤ 1.10 只用一个数组的查找。`,
  tableSummary: 'span 与条目的表格',
  tPages: '页',
  tClass: '等级',
  tSize: '对象大小',
  tObjects: '对象（使用中 / 槽数）',
  tState: '状态',
  link: '链接到这个字节',
  large: '大对象',
  classN: (c) => `等级 ${c}`,
}

export const strings: Readonly<Record<Locale, Strings>> = { en, zh }
export const stringsFor = (l: Locale): Strings => strings[l]
