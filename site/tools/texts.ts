/** Every word the tools page writes at run time, in English and Simplified Chinese. */
export type Lang = 'en' | 'zh'

const en = {
  lineCol: (l: number, c: number) => `line ${l}, column ${c}`,
  issuesHead: (n: number) => `${n} line${n === 1 ? '' : 's'} could not be read`,
  moreIssues: 'Only the first 50 problems are listed.',
  expected: (where: string, what: string) => `${where}: expected ${what}`,
  skipped: (n: number) => `${n} other line${n === 1 ? '' : 's'} (test output, PASS, ok …) skipped.`,
  empty: 'Paste text above, or load the example.',
  working: (p: number) => `Reading… ${Math.round(p * 100)}%`,
  // types
  tTypes: 'Types',
  tAllTypes: 'All types',
  tName: 'type',
  tSize: 'size',
  tAlign: 'align',
  tPtr: 'pointer bytes',
  tAlloc: 'new(T)',
  tClass: 'class',
  tSlot: 'slot',
  tWaste: 'wasted / object',
  tPerSpan: 'objects / span',
  tBetter: 'reordered',
  tField: 'field',
  tType: 'type',
  tOffset: 'offset',
  tPad: 'padding after',
  kindTiny: 'tiny (shares a 16 B block)',
  kindNoscan: 'noscan',
  kindScan: 'scan',
  kindHeader: '+ 8 B header',
  kindLarge: (pages: number) => `large (${pages} page${pages === 1 ? '' : 's'})`,
  kindZero: 'zero-size (zerobase)',
  noTypes: 'No type declarations found yet.',
  layoutOf: (n: string) => `Layout of ${n}`,
  sum: (size: number, align: number, ptr: number, pad: number) =>
    `${size} B, aligned to ${align}, ${ptr} pointer bytes, ${pad} B of padding.`,
  planLine: (fn: string, cls: number, slot: number, waste: number, per: number) =>
    `new(T) goes through ${fn}: class ${cls}, ${slot} B slot, ${waste} B wasted per object, ${per} objects per span.`,
  betterLine: (saves: number, from: string, to: string, ptr: number) =>
    `fieldalignment's order saves ${saves} B per object (${from} → ${to})` +
    (ptr > 0 ? ` and ${ptr} pointer bytes the GC scans.` : '.'),
  optimal: 'The field order is already the smallest.',
  declCaption: 'Reordered declaration (copy it):',
  copy: 'Copy',
  copied: 'Copied',
  sortBy: 'Sort by',
  sortDecl: 'declaration order',
  sortWaste: 'waste per object',
  sortSize: 'size',
  sortSaves: 'bytes saved by reordering',
  typesSummary: (n: number, w: number, s: number) =>
    `${n} type${n === 1 ? '' : 's'}; ${w} of them waste bytes in their slot; reordering fields would shrink ${s}.`,
  classArrow: (c: number, slot: number) => `class ${c} (${slot} B)`,
  // bench
  bName: 'benchmark',
  bRuns: 'runs',
  bNs: 'ns/op',
  bB: 'B/op',
  bAllocs: 'allocs/op',
  bPer: 'B per alloc',
  bSlots: 'size-class slots that add up to B/op',
  bRun: (i: number, n: number): string => (n === 1 ? 'Results' : i === 0 ? 'Before' : 'After'),
  bMedian: 'Medians over the -count runs.',
  bNone: 'no allocations',
  bNoMem: 'no B/op (run with -benchmem)',
  bOne: (slot: number, cls: number, lo: number) =>
    cls
      ? `one ${slot} B object (class ${cls}: requests of ${lo}–${slot} B)`
      : `one large object of ${slot / 8192} pages`,
  bCombos: (n: number, shown: number) =>
    n === 1
      ? 'exactly one combination:'
      : n <= shown
        ? `${n} combinations (ambiguous):`
        : `${n} combinations (ambiguous), for example:`,
  bComboMore: (n: number) => (n > 10000 ? 'and more' : `… ${n} in all`),
  bNoCombo:
    'no set of whole slots adds up to this: part of the allocations are tiny (pointer-free, under 16 B, sharing 16 B blocks), or not every iteration allocates the same (B/op and allocs/op are averages rounded down).',
  bTooMany: (n: number) => `${n} objects per op: too many to list combinations; the average is shown.`,
  bAvg: (b: number, cls: string) => `average ${b} B per allocation ${cls}`,
  bChanges: 'Before → after',
  bChanged: 'changed',
  bClassChanged: (a: string, b: string) => `slots ${a} → ${b}`,
  bSame: 'same',
  bAmbig: 'ambiguous (several slot combinations)',
  bExtra: (n: number) => `${n} more run${n === 1 ? '' : 's'} pasted: only the first two are compared.`,
  bHint: 'Two runs to compare: separate them with a blank line or a line "---".',
  // gctrace
  gCycles: (n: number, s: number, f: number) =>
    `${n} collection${n === 1 ? '' : 's'} over ${s} s${f ? `, ${f} forced` : ''}.`,
  gPlotTitle: 'Heap per GC cycle (MB)',
  gPlotDesc: 'For each cycle: heap at GC start, at GC end, live heap found by marking, and the heap goal.',
  gStart: 'heap at start',
  gEnd: 'heap at end',
  gLive: 'live',
  gGoal: 'goal',
  gCycle: 'cycle',
  gAt: 'at (s)',
  gCpu: 'GC CPU %',
  gStacks: 'stacks + globals',
  gProcs: 'Ps',
  gImplied: (g: number | null) =>
    g === null ? 'GOGC could not be read from the goals.' : `The goals imply GOGC ≈ ${g}.`,
  gOther: 'Replay under GOGC',
  gReplayHead: 'The same allocation and live heap on the simulator',
  gReplayCols: ['run', 'GOGC', 'GOMEMLIMIT', 'cycles', 'peak heap', 'peak mapped, not released'],
  gTrace: 'the trace',
  gSimAt: (g: number | 'off', limitMiB: number | null) =>
    `simulator, GOGC=${g}${limitMiB === null ? '' : `, GOMEMLIMIT=${limitMiB}MiB`}`,
  gLimitOff: 'off',
  gNotInTrace: 'not in the trace',
  gLimitNote: (limitMiB: number, peakMiB: string, over: boolean) =>
    `Under GOMEMLIMIT=${limitMiB}MiB the simulator's heap goal is the smaller of the GOGC goal and the memory-limit goal, and its scavenger returns free pages to keep mapped memory under the limit (peak ${peakMiB}${over ? ': above the limit, because the live heap and the runtime’s own memory do not fit under it' : ''}). It leaves out Go's GC CPU limiter (Go caps the GC at half the CPU and lets the heap pass the limit rather than collect back to back), real-time pacing (Go starts each cycle before the goal, so it runs more cycles) and the memory a real program maps besides the heap (goroutine stacks, GC metadata: a few MiB, so Go's goal under the same limit is that much lower).`,
  gThrashed: (seg: number, all: number, max: number) =>
    `The live heap does not fit under the limit: the simulator collected at every chance and the replay stopped after ${max} collections, in cycle ${seg} of ${all}. Go's CPU limiter would instead let the heap grow past the limit.`,
  // the compare inputs (aria-invalid and this message when they cannot be read)
  errGogcNumber: (v: string) =>
    `GOGC to compare: "${v}" is not a number; enter a whole number from 10 to 1000, or off.`,
  errGogcRange: (v: string) => `GOGC to compare: ${v} is outside 10 … 1000 (whole numbers), or enter off.`,
  errGogcOff:
    'GOGC=off needs a GOMEMLIMIT: without a limit nothing is ever collected. Enter a GOMEMLIMIT in MiB, or a GOGC from 10 to 1000.',
  errLimitNumber: (v: string) =>
    `GOMEMLIMIT to compare: "${v}" is not a number; enter MiB as a whole number from 1 to 65536, or leave it empty for no limit.`,
  errLimitRange: (v: string) =>
    `GOMEMLIMIT to compare: ${v} MiB is outside 1 … 65536 MiB (64 GiB, the most the simulator's heap can hold); leave it empty for no limit.`,
  errLimitWhole: (v: string) => `GOMEMLIMIT to compare: ${v} is not a whole number of MiB.`,
  errKept: 'The result below is still the previous one.',
  gReplayNote: (obj: number, seg: number, all: number) =>
    `Replayed with ${obj} B pointer-free objects${seg < all ? `, first ${seg} of ${all} cycles (the rest is too much to replay)` : ''}. The simulator collects exactly at its goal and does not count stacks or globals.`,
  gTable: 'Every cycle as a table',
  gNone: 'No gctrace lines yet (they start with "gc 1 @").',
  gDrawn: (n: number, all: number) => `The plot shows ${n} of ${all} cycles, evenly spaced.`,
  // profile
  pKindHeap: (rate: number | null) =>
    rate === null
      ? 'A heap profile.'
      : rate <= 1
        ? 'A heap profile with every allocation recorded (MemProfileRate = 1).'
        : `A heap profile sampled every ${rate} B on average: counts are scaled as pprof does.`,
  pKindHist: 'The /gc/heap/allocs-by-size:bytes histogram: every allocation since the program started.',
  pClasses: 'Per size class',
  pSites: 'Per allocation site',
  pClass: 'class',
  pSlot: 'slot',
  pObjects: 'objects',
  pBytes: 'bytes',
  pWaste: 'rounding waste (at most)',
  pPerSpan: 'objects / span',
  pSpans: 'spans',
  pSite: 'function',
  pWhere: 'where',
  pSizes: 'object sizes',
  pInuse: 'in use',
  pLarge: 'large',
  pReplay: (what: string) => `${what} placed on the simulator at once:`,
  pReplayInuse: 'The in-use objects',
  pReplayAllocs: 'All allocated objects',
  pReplayLine: (alloc: string, inuse: string, pct: string) =>
    `HeapAlloc ${alloc}, HeapInuse ${inuse}: ${pct} of the spans' bytes hold objects.`,
  pScaled: (k: number) => ` (simulated at 1/${k} and scaled back)`,
  pMemStats: 'The process’s own runtime.MemStats',
  pField: 'field',
  pValue: 'value',
  pNone: 'No profile records or histogram lines yet.',
}

export type Texts = typeof en

/** The Chinese words: the English table's type, so a missing one fails the type check. */
const zh: Texts = {
  lineCol: (l, c) => `第 ${l} 行第 ${c} 列`,
  issuesHead: (n) => `有 ${n} 行无法读取`,
  moreIssues: '只列出前 50 个问题。',
  expected: (where, what) => `${where}：这里应当是${what}`,
  skipped: (n) => `跳过了 ${n} 行其他内容（测试输出、PASS、ok 等）。`,
  empty: '在上面粘贴文本，或者载入示例。',
  working: (p) => `读取中… ${Math.round(p * 100)}%`,
  tTypes: '类型',
  tAllTypes: '全部类型',
  tName: '类型',
  tSize: '大小',
  tAlign: '对齐',
  tPtr: '指针字节',
  tAlloc: 'new(T)',
  tClass: '大小等级',
  tSlot: '槽位',
  tWaste: '每个对象浪费',
  tPerSpan: '每个跨度的对象数',
  tBetter: '重排后',
  tField: '字段',
  tType: '类型',
  tOffset: '偏移',
  tPad: '其后填充',
  kindTiny: '微对象（共用 16 B 块）',
  kindNoscan: 'noscan（无指针）',
  kindScan: 'scan（含指针）',
  kindHeader: '+ 8 B 分配头',
  kindLarge: (pages) => `大对象（${pages} 页）`,
  kindZero: '零大小（zerobase）',
  noTypes: '还没有找到类型声明。',
  layoutOf: (n) => `${n} 的内存布局`,
  sum: (size, align, ptr, pad) => `${size} B，按 ${align} 对齐，${ptr} 个指针字节，${pad} B 填充。`,
  planLine: (fn, cls, slot, waste, per) =>
    `new(T) 经过 ${fn}：大小等级 ${cls}，槽位 ${slot} B，每个对象浪费 ${waste} B，每个跨度放 ${per} 个对象。`,
  betterLine: (saves, from, to, ptr) =>
    `按 fieldalignment 的顺序，每个对象省 ${saves} B（${from} → ${to}）` +
    (ptr > 0 ? `，GC 要扫描的指针字节也少 ${ptr} 个。` : '。'),
  optimal: '字段顺序已经是最小的。',
  declCaption: '重排后的声明（可直接复制）：',
  copy: '复制',
  copied: '已复制',
  sortBy: '排序',
  sortDecl: '声明顺序',
  sortWaste: '每个对象的浪费',
  sortSize: '大小',
  sortSaves: '重排字段能省的字节',
  typesSummary: (n, w, s) => `共 ${n} 个类型；其中 ${w} 个在槽位里有浪费；重排字段能让 ${s} 个变小。`,
  classArrow: (c, slot) => `大小等级 ${c}（${slot} B）`,
  bName: '基准测试',
  bRuns: '次数',
  bNs: 'ns/op',
  bB: 'B/op',
  bAllocs: 'allocs/op',
  bPer: '每次分配的字节',
  bSlots: '加起来等于 B/op 的大小等级槽位',
  bRun: (i, n) => (n === 1 ? '结果' : i === 0 ? '之前' : '之后'),
  bMedian: '多次运行（-count）取中位数。',
  bNone: '没有分配',
  bNoMem: '没有 B/op（请加 -benchmem 运行）',
  bOne: (slot, cls, lo) =>
    cls ? `一个 ${slot} B 的对象（大小等级 ${cls}：请求 ${lo}–${slot} B）` : `一个 ${slot / 8192} 页的大对象`,
  bCombos: (n, shown) =>
    n === 1
      ? '只有一种组合：'
      : n <= shown
        ? `有 ${n} 种组合（无法确定）：`
        : `有 ${n} 种组合（无法确定），例如：`,
  bComboMore: (n) => (n > 10000 ? '还有更多' : `……共 ${n} 种`),
  bNoCombo:
    '没有哪组完整的槽位加起来等于它：一部分分配是微对象（无指针、小于 16 B、共用 16 B 块），或者并非每次迭代都分配同样的东西（B/op 和 allocs/op 都是向下取整的平均值）。',
  bTooMany: (n) => `每次操作 ${n} 个对象：组合太多，不逐一列出，只给出平均值。`,
  bAvg: (b, cls) => `平均每次分配 ${b} B ${cls}`,
  bChanges: '之前 → 之后',
  bChanged: '有变化',
  bClassChanged: (a, b) => `槽位 ${a} → ${b}`,
  bSame: '相同',
  bAmbig: '不确定（有多种槽位组合）',
  bExtra: (n) => `还多粘贴了 ${n} 组运行结果：只比较前两组。`,
  bHint: '要比较两组结果：用一个空行或一行 "---" 把它们隔开。',
  gCycles: (n, s, f) => `${s} 秒内共 ${n} 次回收${f ? `，其中 ${f} 次是强制的` : ''}。`,
  gPlotTitle: '每个 GC 周期的堆大小（MB）',
  gPlotDesc: '每个周期：GC 开始时的堆、GC 结束时的堆、标记找到的存活堆，以及堆目标。',
  gStart: '开始时的堆',
  gEnd: '结束时的堆',
  gLive: '存活',
  gGoal: '目标',
  gCycle: '周期',
  gAt: '时刻（秒）',
  gCpu: 'GC CPU %',
  gStacks: '栈 + 全局变量',
  gProcs: 'P 数',
  gImplied: (g) => (g === null ? '无法从堆目标推算出 GOGC。' : `从堆目标推算，GOGC ≈ ${g}。`),
  gOther: '在另一个 GOGC 下重放',
  gReplayHead: '同样的分配量和存活堆，在模拟器上重放',
  gReplayCols: ['运行', 'GOGC', 'GOMEMLIMIT', '周期数', '堆的峰值', '已映射且未归还内存的峰值'],
  gTrace: '原始跟踪',
  gSimAt: (g, limitMiB) =>
    `模拟器，GOGC=${g === 'off' ? 'off（关闭）' : g}${limitMiB === null ? '' : `，GOMEMLIMIT=${limitMiB} MiB`}`,
  gLimitOff: '关闭',
  gNotInTrace: '跟踪中没有',
  gLimitNote: (limitMiB, peakMiB, over) =>
    `在 GOMEMLIMIT=${limitMiB} MiB 下，模拟器的堆目标取 GOGC 目标和内存上限目标中较小的一个，清道夫会把空闲页归还给操作系统，让已映射的内存保持在上限以下（峰值 ${peakMiB}${over ? '：超过了上限，因为存活堆加上运行时自身的内存放不进去' : ''}）。模拟没有包括：Go 的 GC CPU 限制器（Go 把 GC 限制在一半的 CPU 以内，宁可让堆超过上限，也不会一轮接一轮地回收）、按真实时间的步调控制（Go 在到达目标之前就开始每一轮回收，所以回收次数更多），以及真实程序在堆之外映射的内存（goroutine 栈、GC 元数据：几 MiB，所以同样的上限下 Go 的目标要低这么多）。`,
  gThrashed: (seg, all, max) =>
    `存活堆放不进这个上限：模拟器一有机会就回收，在 ${all} 个周期中的第 ${seg} 个、回收了 ${max} 次之后停止了重放。Go 的 CPU 限制器则会让堆超过上限继续增长。`,
  errGogcNumber: (v) => `对比的 GOGC：“${v}”不是数字；请输入 10 到 1000 之间的整数，或者 off。`,
  errGogcRange: (v) => `对比的 GOGC：${v} 不在 10 到 1000 之间（须为整数），也可以输入 off。`,
  errGogcOff:
    'GOGC=off 需要同时设置 GOMEMLIMIT：没有上限就永远不会回收。请输入以 MiB 为单位的 GOMEMLIMIT，或者 10 到 1000 之间的 GOGC。',
  errLimitNumber: (v) =>
    `对比的 GOMEMLIMIT：“${v}”不是数字；请输入 1 到 65536 之间的整数（单位 MiB），不设上限就留空。`,
  errLimitRange: (v) =>
    `对比的 GOMEMLIMIT：${v} MiB 不在 1 到 65536 MiB 之间（64 GiB，模拟器的堆最多能放这么多）；不设上限就留空。`,
  errLimitWhole: (v) => `对比的 GOMEMLIMIT：${v} 不是整数 MiB。`,
  errKept: '下面仍是之前的结果。',
  gReplayNote: (obj, seg, all) =>
    `用 ${obj} B 的无指针对象重放${seg < all ? `，只重放了 ${all} 个周期中的前 ${seg} 个（其余的分配量太大）` : ''}。模拟器恰好在目标处开始回收，也不把栈和全局变量计入目标。`,
  gTable: '以表格列出每个周期',
  gNone: '还没有 gctrace 行（它们以 "gc 1 @" 开头）。',
  gDrawn: (n, all) => `图中均匀地画出了 ${all} 个周期中的 ${n} 个。`,
  pKindHeap: (rate) =>
    rate === null
      ? '一份堆剖析文件。'
      : rate <= 1
        ? '一份记录了每一次分配的堆剖析文件（MemProfileRate = 1）。'
        : `一份平均每 ${rate} B 采样一次的堆剖析文件：计数按 pprof 的方法放大估算。`,
  pKindHist: '/gc/heap/allocs-by-size:bytes 直方图：程序启动以来的每一次分配。',
  pClasses: '按大小等级',
  pSites: '按分配位置',
  pClass: '大小等级',
  pSlot: '槽位',
  pObjects: '对象数',
  pBytes: '字节',
  pWaste: '取整浪费（上限）',
  pPerSpan: '每个跨度的对象数',
  pSpans: '跨度数',
  pSite: '函数',
  pWhere: '位置',
  pSizes: '对象大小',
  pInuse: '在用',
  pLarge: '大对象',
  pReplay: (what) => `把${what}一次性放到模拟器上：`,
  pReplayInuse: '在用的对象',
  pReplayAllocs: '所有分配过的对象',
  pReplayLine: (alloc, inuse, pct) =>
    `HeapAlloc ${alloc}，HeapInuse ${inuse}：跨度的字节中有 ${pct} 放着对象。`,
  pScaled: (k) => `（按 1/${k} 模拟后放大）`,
  pMemStats: '进程自己的 runtime.MemStats',
  pField: '字段',
  pValue: '值',
  pNone: '还没有剖析记录或直方图行。',
}

export const texts: Readonly<Record<Lang, Texts>> = { en, zh }
