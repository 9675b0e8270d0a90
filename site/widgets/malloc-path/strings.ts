/** The home figure's words, one table per language. Code identifiers stay as they are. */
export type Locale = 'en' | 'zh'

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`

export const strings = {
  en: {
    title: 'One malloc, step by step',
    sizeLabel: 'Size in bytes',
    noscanLabel: 'no pointers inside (noscan)',
    again: 'Allocate it again',
    fresh: 'Fresh heap',
    nth: (n: number) =>
      n === 1 ? 'the first allocation of this size on a fresh heap' : `allocation number ${n} of this size`,
    errEmpty: 'Type a size in bytes, for example 33.',
    errNotNumber: (t: string) => `“${t}” is not a size: type a whole number of bytes (or with KiB / MiB).`,
    errTooBig: 'This figure follows sizes up to 1 GiB.',
    errNegative: 'A size cannot be negative.',
    box: { class: 'size class', mcache: 'mcache (P0)', mcentral: 'mcentral', mheap: 'mheap', slot: 'slot' },
    skipped: 'not needed',
    zero: 'malloc(0) returns &zerobase: no memory at all.',
    cls: {
      tiny: (s: number) => `${s} B without pointers: the tiny allocator packs it into a 16-byte block`,
      small: (s: number, c: number, e: number) => `${s} B → size class ${c}, a ${e}-byte slot`,
      large: (s: number, p: number) =>
        `${s} B is over 32 KiB: a large object, its own span of ${plural(p, 'page')}`,
      zero: 'size 0',
    },
    mc: {
      fast: 'the P’s cached span had a free slot: nextFreeFast, no lock',
      slow: 'the cached span’s allocCache was used up: nextFreeIndex found the next free slot',
      refill: 'the P had no span of this class with a free slot: refill from mcentral',
      tinyHit: 'it fit into the P’s current tiny block: no span touched',
      tinyBlock: 'a new 16-byte tiny block from the P’s class-2 span',
    } as Record<string, string>,
    central: (from: string) =>
      from === 'grow'
        ? 'no span with free slots: ask the heap for a new one (grow)'
        : `took a span from its ${from} set`,
    heap: (p: number, cache: boolean, grew: number) =>
      `${plural(p, 'page')} ${cache ? 'from the P’s page cache, no lock' : 'from the page allocator, under the heap lock'}${grew ? `; the heap first grew by ${grew / 1048576} MiB from the OS` : ''}`,
    slot: (addr: string, slot: number, base: string) =>
      `address ${addr}: slot ${slot} of the span at ${base}`,
    fn: (f: string) => `Go function: ${f}`,
    read: (chapter: string) => `chapter: ${chapter} →`,
    chapters: {
      class: 'size classes',
      mcache: 'mcache',
      mcentral: 'mcentral',
      mheap: 'mheap',
      slot: 'mspan',
    },
    summary: (steps: string) => `The allocation went through: ${steps}.`,
    tableCap: 'The allocation’s stages',
    tStage: 'stage',
    tWhat: 'what happened',
    link: 'Link to this allocation',
    slotsUsed: (used: number, n: number) => `${used} of ${n} slots in use`,
    large: 'large object',
    classN: (c: number) => `class ${c}`,
  },
  zh: {
    title: '一次 malloc，一步一步',
    sizeLabel: '大小（字节）',
    noscanLabel: '不含指针（noscan）',
    again: '再分配一次',
    fresh: '全新的堆',
    nth: (n: number) => (n === 1 ? '全新堆上这个大小的第一次分配' : `这个大小的第 ${n} 次分配`),
    errEmpty: '请输入以字节为单位的大小，例如 33。',
    errNotNumber: (t: string) => `“${t}”不是大小：请输入整数字节数（也可以带 KiB / MiB）。`,
    errTooBig: '本图只跟踪 1 GiB 以内的大小。',
    errNegative: '大小不能是负数。',
    box: { class: '大小等级', mcache: 'mcache（P0）', mcentral: 'mcentral', mheap: 'mheap', slot: '槽' },
    skipped: '无需经过',
    zero: 'malloc(0) 返回 &zerobase：根本不分配内存。',
    cls: {
      tiny: (s: number) => `${s} 字节且不含指针：微对象分配器把它放进一个 16 字节的块`,
      small: (s: number, c: number, e: number) => `${s} 字节 → 大小等级 ${c}，${e} 字节的槽`,
      large: (s: number, p: number) => `${s} 字节超过 32 KiB：大对象，独占一个 ${p} 页的 span`,
      zero: '大小为 0',
    },
    mc: {
      fast: 'P 缓存的 span 有空闲槽：nextFreeFast，无需加锁',
      slow: '缓存 span 的 allocCache 用完了：nextFreeIndex 找到下一个空闲槽',
      refill: 'P 没有这个等级、还有空槽的 span：向 mcentral refill',
      tinyHit: '放进了 P 当前的微对象块：不碰任何 span',
      tinyBlock: '从 P 的等级 2 span 取一个新的 16 字节微对象块',
    } as Record<string, string>,
    central: (from: string) =>
      from === 'grow' ? '没有带空槽的 span：向堆要一个新的（grow）' : `从 ${from} 集合取出一个 span`,
    heap: (p: number, cache: boolean, grew: number) =>
      `${p} 页，${cache ? '来自 P 的页缓存，无需加锁' : '来自页分配器，持有堆锁'}${grew ? `；堆先向操作系统增长了 ${grew / 1048576} MiB` : ''}`,
    slot: (addr: string, slot: number, base: string) =>
      `地址 ${addr}：位于 ${base} 处 span 的第 ${slot} 个槽`,
    fn: (f: string) => `Go 函数：${f}`,
    read: (chapter: string) => `章节：${chapter} →`,
    chapters: { class: '大小等级', mcache: 'mcache', mcentral: 'mcentral', mheap: 'mheap', slot: 'mspan' },
    summary: (steps: string) => `这次分配经过了：${steps}。`,
    tableCap: '这次分配经过的各个阶段',
    tStage: '阶段',
    tWhat: '发生了什么',
    link: '链接到这次分配',
    slotsUsed: (used: number, n: number) => `${n} 个槽中 ${used} 个在使用`,
    large: '大对象',
    classN: (c: number) => `等级 ${c}`,
  },
}

export type Strings = (typeof strings)['en']
export const stringsFor = (l: Locale): Strings => strings[l] as Strings

/** The chapter each stage links into. */
export const stageChapter: Record<string, string> = {
  class: 'size-classes',
  mcache: 'mcache',
  mcentral: 'mcentral',
  mheap: 'mheap',
  slot: 'mspan',
}
