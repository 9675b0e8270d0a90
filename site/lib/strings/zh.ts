/**
 * 网站界面文字（简体中文）：与 en.ts 同一结构，类型取自 en.ts，缺一条即类型检查失败。
 * 术语与各章一致：大小等级（size class）、跨度类（span class）、槽位（slot）、分配头
 * （allocation header）、跨度（span）。代码标识符（mallocgc、noscan、HeapAlloc…）保留英文。
 */
import { listJoiner } from './common.ts'
import type { UiStrings } from './en.ts'

/** “1、2 和 3”：步骤说明列出槽位、跨度和事件的方式。 */
const listWords = listJoiner({ none: '无', sep: '、', last: ' 和 ' })

/** 跨度的清扫状态（键是图中的阶段名，gc-cycle 与 mcentral-sets 共用）。 */
const sweepPhase: Record<string, string> = {
  'needs sweeping': '待清扫',
  'being swept': '正在清扫',
  swept: '已清扫',
  'cached, needs sweeping': '已缓存，待清扫',
  'swept, cached': '已清扫，已缓存',
  unknown: '未知',
}

export const zh: UiStrings = {
  goVersion: {
    label: 'Go 版本',
  },

  figures: {
    gcCycle: '一个跨度经历一次垃圾回收',
    mcentralSets: '一个 mcentral 与它的四个跨度集合',
    pageAlloc: '页分配器：一个 4 MiB 的区块',
    sizeClassGenerator: '大小等级生成器',
    heapPacing: '堆的节奏控制',
    perPCaches: '每个 P 一个缓存与一个共享缓存',
    greenTea: '同一个堆，两种标记方式',
  },

  controls: {
    group: (label: string) => `${label}：播放控制`,
    reset: '重置',
    back: '◀ 上一步',
    backLabel: '上一步',
    play: '播放',
    pause: '暂停',
    fwd: '下一步 ▶',
    fwdLabel: '下一步',
    step: '步骤',
    speed: '速度',
    stepOf: (i: number, max: number) => `第 ${i} 步，共 ${max} 步`,
  },

  cell: {
    defaultTitle: '可运行的代码',
    hintBefore: 'TypeScript · 在后台线程（Web Worker）中运行 · ',
    hintAfter: ' 运行',
    codeLabel: (title: string) => `代码单元“${title}”的代码（可编辑；Ctrl+Enter 运行）`,
    outputLabel: (title: string) => `“${title}”的输出`,
    run: '运行',
    runTitle: '运行（Ctrl+Enter）',
    stop: '停止',
    reset: '重置',
    resetTitle: '恢复原始代码',
    placeholder: '运行后，输出显示在这里。',
    noscript: '运行代码单元需要启用 JavaScript。',
    edited: '已修改',
    running: '运行中…',
    stopped: '已停止',
    stoppedMessage: '已停止：你结束了这次运行，后台线程已关闭并换上新的。你的代码没有改动。',
    noOutput: '（没有输出）',
    truncatedNote: '… 输出已截断（每次运行最多保留 200 行 / 64 KiB）',
    errorAt: (where: string) => `位于本单元${where}`,
    line: (line: number) => `第 ${line} 行`,
    lineColumn: (line: number, column: number) => `第 ${line} 行第 ${column} 列`,
    done: (time: string, truncated: boolean) => `完成，用时 ${time}${truncated ? '（输出已截断）' : ''}`,
    errorOn: (where: string) => (where ? `出错：${where}` : '出错'),
    timedOut: (time: string) => `超时：${time} 后停止`,
    timeoutMessage: (time: string) =>
      `超时：代码运行了 ${time} 仍未结束，已被停止，并换上新的后台线程。你的代码没有改动；请检查是否有永不结束的循环。`,
    runtimeHeading: (n: number, opts: string) => `Runtime #${n}${opts ? `（${opts}）` : ''}`,
    classesCaption: '按大小等级统计的分配',
    classHeaders: ['等级', '大小', '分配次数', '释放次数', '存活', '跨度数'],
    large: '大对象',
    counters: '计数器：',
    goHintBefore: 'Go · 每次分配都按逃逸处理，放在堆上（见',
    goEscape: '逃逸分析',
    goHintAfter: '）· 在模拟的分配器上运行 · ',
    goEscapeHref: '/zh/memory-layout/#栈并不像原文说的那样',
    compileError: '编译错误：',
    heap: (n: number, version: string) => `堆：${n} 次分配 · 按 Go ${version} 的规则`,
    allocCaption: '每一次分配，按发生顺序（每个值都按逃逸处理，放在堆上）',
    allocHeaders: ['行', '构造', '类型', '字节 → 槽', '大小等级', '跨度', '地址', '运行时函数'],
    allocMore: (n: number) => `…… 另有 ${n} 次`,
    spansCaption: '涉及的跨度（span）',
    spanHeaders: ['跨度', '大小等级', '槽大小', '页数', '已用', '本次分配'],
    spanFreed: '已释放',
    tiny: '微对象',
    zerobase: 'zerobase',
    seeChapters: '参见',
    heapLinks: [
      ['大小等级', '/zh/size-classes/'],
      ['mspan', '/zh/mspan/'],
      ['微对象分配器与 mallocgc', '/zh/mallocgc/'],
    ],
    noAllocations: '没有堆分配。',
  },

  gcCycle: {
    slotWord: { freed: '已释放', new: '新分配', free: '空闲', 'in use': '使用中' },
    held: '● 被引用',
    notHeld: '○ 未被引用',
    markRoot: '✓ 根',
    marked: '✓ 已标记',
    markVia: (slot: number) => `✓ 经 ${slot}`,
    heldLong: '程序仍引用它',
    notHeldLong: '程序已不再引用它',
    markedRoot: '作为根被标记',
    markedThrough: (slot: number) => `经由槽位 ${slot} 被标记`,
    pointsTo: (slots: string) => `指向槽位 ${slots}`,
    and: '和',
    freeindexHere: 'freeindex 在这里',
    slot: '槽位 ',
    bitsCaption: '位图，每个槽位一列（1 = 置位）',
    slotCol: '槽位',
    rootBits: 'rootBits（程序）',
    allocCacheRow: 'allocCache（1 = 空闲）',
    statusSpan: '跨度',
    end: '（末尾）',
    sweepgenValue: (span: number, heap: number, phase: string) => `跨度 ${span} · 堆 ${heap} → ${phase}`,
    where: '所在',
    gcCycles: '回收轮数',
    phase: sweepPhase,
    placeCache: (p: number) => `P${p} 的 mcache`,
    placeCentral: (set: string) => `mcentral 的 ${set} 集合`,
    nowhere: '不在任何地方',
    pointersNone: '对象之间的指针：无。',
    pointers: '对象之间的指针：',
    slotsLabel: '跨度的槽位，按地址顺序',
    tableHeaders: ['槽位', '地址', '状态', '程序引用', '标记', '指向'],
    yes: '是',
    no: '否',
    root: '根',
    viaSlot: (slot: number) => `经槽位 ${slot}`,
    legend: (elem: number) =>
      `每个方框是跨度中一个 ${elem} 字节的槽位，低地址在前。虚线：空闲。实线：已分配；“● 被引用”表示程序仍引用它。“✓”表示回收器标记了这个槽位，作为根，或经由指向它的那个槽位；“→”列出它的指针。粗虚线框表示清扫刚释放它；粗实线框表示一次 malloc 刚拿走它。▲ 表示 freeindex。`,
    summary: (n: number, elem: number, steps: number) =>
      `一个有 ${n} 个 ${elem} B 槽位的跨度，共 ${steps} 步：分配、连指针、放开引用、标记、清扫（allocBits ← gcmarkBits，freeindex 回到 0），然后按地址顺序把释放的槽位再分配出去。`,
    asTable: '用表格查看这一步',
    list: listWords,
    at: (i: number, last: number) => `第 ${i} 步，共 ${last} 步：`,
    alloc: (count: number, elem: number, lastSlot: number, n: number) =>
      `程序分配了 ${count} 个 ${elem} B 的对象，按地址顺序占满一个 ${n} 槽位跨度的槽位 0–${lastSlot}，freeindex 指向第一个还没用过的槽位。`,
    link: (ps: string) => `程序在一些对象之间存入指针（${ps}）；跨度本身不变，变的只是堆中的指针关系。`,
    drop: (slots: string) =>
      `程序放开了槽位 ${slots} 的引用；它们仍然是已分配的，因为在回收之前没有东西会释放内存。`,
    flush:
      'P0 的缓存把跨度交还给它的 mcentral（ReadMemStats 会刷新每个缓存），它将在下一次回收之后在那里等待清扫。',
    mark: (roots: string, ptrs: string, sg: number) =>
      `回收器标记槽位 ${roots}，因为程序仍引用它们；标记 ${ptrs}，因为有已标记的对象指向它们；堆的 sweepgen 变为 ${sg}，于是这个跨度成了待清扫。`,
    sweep: (freed: string, count: number) =>
      `后台清扫器清扫这个跨度：标记位变成分配位，槽位 ${freed} 重新空闲，allocCount 为 ${count}，freeindex 回到 0。`,
    realloc: (elem: number, slot: number, freed: boolean) =>
      `一次新的 ${elem} 字节 malloc 拿到槽位 ${slot}（${freed ? '刚被清扫释放' : '从未用过'}），即 freeindex 处或之后最低的空闲槽位：释放的槽位按地址顺序被重用。`,
    state: (n, elem, allocated, held, marks, ptrs, fi, count, sg, hsg, phase, where) =>
      `一个有 ${n} 个 ${elem} B 槽位的跨度。已分配：${allocated}。程序引用：${held}。${marks ? `已标记：${marks}。` : ''}指针：${ptrs}。freeindex ${fi}，allocCount ${count}，sweepgen ${sg}，堆的为 ${hsg}（${phase}）；跨度位于${where}。`,
    stripClass: (base: string, c: number, n: number, elem: number) =>
      `${base} · 等级 ${c} · ${n} × ${elem} B`,
    stripLabel: (used: number, n: number) =>
      `按地址比例画出的跨度：${n} 个槽位中 ${used} 个在用，槽位 ${n - 1} 之后的尾部不可用`,
    ptrTo: (a: number, b: number) => `${a} 指向 ${b}`,
  },

  greenTea: {
    figure: '同一个堆，两种标记方式',
    classicTitle: '经典方式：一次一个对象',
    classicSub: (v: string) => `对象的 LIFO 工作列表（Go ${v}，greenTea: false）`,
    greenTeaTitle: 'Green Tea：一次一个跨度',
    greenTeaSub: (v: string, substituted: boolean) =>
      `跨度的 FIFO 队列（Go ${v}${substituted ? '，第一个默认开启它的版本' : ''}）`,
    span: (name: string) => `跨度 ${name}`,
    trips: '访问内存次数',
    pushes: '入栈对象数',
    queued: '入队跨度数',
    scannedNow: '本次扫描',
    scannedTotal: '累计扫描',
    workList: '工作列表（下一个在前）：',
    spanQueue: '跨度队列（下一个在前）：',
    empty: '空',
    done: '完成',
    legend:
      '○ 已分配、尚未到达 · ◐ 已标记、等待扫描 · ● 已扫描 · 加框：本步扫描的对象。45 个 512 B 的对象；对象 i 指向 3i+1、3i+2、3i+3（叶子指回父节点）；程序只还引用对象 0。',
    tableCaption: (step: number) => `第 ${step} 步之后`,
    tableHeaders: ['', '经典方式', 'Green Tea'],
    tableRows: ['访问内存次数', '入栈对象数', '入队跨度数', '已扫描对象', '本次扫描的对象'],
    asTable: '用表格查看这一步',
    link: '链接到这一步',
    describe: (step: number, last: number, classic: string, greenTea: string) =>
      `第 ${step} 步，共 ${last} 步：${classic}${greenTea}`,
    classicStart: '经典方式：根对象 0 被标记并入栈。',
    greenTeaStart: 'Green Tea：根对象在跨度 A 的内联标记位里被标记，跨度 A 入队。',
    classicStep: (obj: number, span: string, pushes: number) =>
      `经典方式扫描跨度 ${span} 中的对象 ${obj}（至此入栈 ${pushes} 个）。`,
    classicDone: (trips: number) => `经典方式完成：访问 ${trips} 次，每个对象一次。`,
    greenTeaStep: (span: string, n: number) => `Green Tea 访问跨度 ${span}，一起扫描 ${n} 个对象。`,
    greenTeaDone: (trips: number) => `Green Tea 完成：访问跨度 ${trips} 次。`,
    summary: (objects: number, classicTrips: number, pushes: number, visits: number, most: number) =>
      `${objects} 个对象：经典标记器访问内存 ${classicTrips} 次（${pushes} 个对象入栈又出栈），Green Tea 只访问 ${visits} 次，一次跨度访问最多扫描 ${most} 个对象。`,
  },

  explorer: {
    sizeLabel: '大小（字节）',
    slide: '拖动',
    sliderLabel: '大小（字节，滑块）',
    pointers: '对象包含指针',
    legend: '圆点：各等级的最坏浪费。虚线：尾部浪费的 12.5% 上限。圆圈加十字：上面所填大小所在的等级。',
    link: '链接到这个大小',
    wholeTable: '完整的表',
    tableRegion: '大小等级表',
    caption: (v: string) =>
      `Go ${v} 的 67 个大小等级（等级 0 表示“大对象”），linux/amd64：自 1.15 起各版本的大小都相同；每个跨度的对象数按 Go ${v} 计算`,
    headers: ['等级', '字节/对象', '字节/跨度', '页数', '对象数', '含指针时的对象数', '尾部浪费', '最坏浪费'],
    plotTitle: '各大小等级的最坏浪费',
    plotDesc:
      '对 67 个大小等级中的每一个，跨度中可能用不上的最大比例（槽位内的取整加上跨度尾部），按槽位大小画在对数坐标上。从 96 字节的等级开始，每个值都低于 16.7%；最小的几个等级高得多，因为把几个字节取整到 8、16 或 32 占了大头。',
    plotMarked: (c: number, pct: string) => `标出的是：等级 ${c}，${pct}%。`,
    axis: '槽位大小（对数坐标）',
    dotTitle: (c: number, size: number, pct: string) => `等级 ${c}：${size} B，最坏浪费 ${pct}%`,
    marker: (c: number, pct: string) => `等级 ${c}：${pct}%`,
    outcome: '结果',
    zeroOutcome: '不分配：共用零大小地址',
    kind: '类别',
    kindLarge: '大对象（独占一个跨度）',
    kindTiny: '微小对象（共用 16 B 块）',
    kindSmall: '小对象',
    sizeClass: '大小等级',
    largeClass: '0（大对象）',
    spanClass: '跨度类',
    spanClassValue: (sc: number, c: number, noscan: boolean) =>
      `${sc}（${c} × 2 + ${noscan ? '1，noscan' : '0，scan'}）`,
    slotSize: '槽位大小',
    spanSize: '跨度大小',
    spanSizeValue: (bytes: string, pages: number) => `${bytes} B = ${pages} 个 8 KiB 页`,
    objectsPerSpan: '每个跨度的对象数',
    goFunction: 'Go 函数',
    wasted: '浪费的字节',
    wastedValue: (slot: string, tiny: boolean, tail: string) =>
      `槽位内 ${slot} B${tiny ? '（最多；微小块是共用的）' : ''}，跨度尾部 ${tail} B`,
    typeASize: '请输入以字节为单位的大小，例如 33。',
    notASize: (t: string) => `“${t}”不是大小。请输入整数个字节，如 33 或 4 KiB。`,
    notASizeShort: (t: string) => `“${t}”不是大小。`,
    negative: '大小不能为负：mallocgc 接收的是无符号大小（uintptr）。',
    notWhole: (size: number) => `${size} 字节不是整数。分配的大小以整字节计。`,
    tooLarge: '超过 maxAlloc（linux/amd64 上为 2^48 字节）：Go 会以“out of memory”失败。',
    kindZero: '零大小请求：不占内存，所有这样的对象共用一个地址（runtime.zerobase）',
    kindTinyWords: '微小对象：与其他不含指针的对象一起挤进一个共用的 16 B 块（等级 2）',
    kindSmallWords: (c: number, elem: number, pages: number, n: number) =>
      `大小等级 ${c}，${elem} B 的槽位，所在跨度 ${pages} 页、容纳 ${n} 个对象`,
    kindLargeWords: (pages: number, bytes: number) =>
      `大对象：独占一个 ${pages} 页的跨度（${bytes} B），等级 0`,
    noteLargeBand: (cutoff: number, v: string, pages: number, bytes: number) =>
      `超过 ${cutoff} B 时，Go ${v} 把每个请求都当作大对象，不论是否含指针（这个界限给 32768 B 等级里 8 字节的分配头留出位置）。因此它绕过大小等级，独占一个由整 8 KiB 页组成的跨度：${pages} 页，${bytes} B。`,
    noteLarge: (cutoff: number, size: number, pages: number, bytes: number) =>
      `超过 ${cutoff} B 没有合适的大小等级：对象直接从 mheap 得到独占的跨度，⌈${size} / 8192⌉ = ${pages} 个整 8 KiB 页（${bytes} B）。`,
    noteHeader: (v: string, need: number, c: number) =>
      `含指针且大于 512 B：Go ${v} 在对象前放一个 8 字节的类型分配头，所以需要 ${need} B，落在等级 ${c}。`,
    notePointerBits: (bytes: number) => `${bytes} B 的指针位图（对象含指针且不超过 512 B）`,
    noteInlineMarks: (bytes: number) => `${bytes} B 的内联标记位（Green Tea，Go 1.26 起）`,
    noteKept: (v: string, kept: string[], n: number, without: number) =>
      `在 Go ${v} 中，跨度末尾保留了${kept.join('和')}，所以只能放 ${n} 个对象，而不是 ${without} 个。`,
    wasteTail: (waste: number, elem: number) => `；${elem} B 中有 ${waste} B 用不上`,
    summary: (size: number, noscan: boolean, v: string, words: string, waste: string) =>
      `${size} B（${noscan ? '不含指针' : '含指针'}，Go ${v}）→ ${words}${waste}。`,
    noSize: (message: string) => `未显示结果：${message}`,
  },

  /** 每 P 缓存图（site/widgets/per-p-caches/）。 */
  perPCaches: {
    titlePerP: '每个 P 一个缓存（Go）',
    titleShared: '一个加锁的共享缓存',
    cache: '缓存',
    noLock: '无锁：每个 P 独占自己的缓存',
    lockFree: '锁：空闲',
    lockHeld: (p: number, handoff: boolean) => `锁：P${p}${handoff ? '（从别的 P 交接）' : ''}`,
    oneMcache: (who: string) => `一个 mcache · ${who}`,
    cacheLocks: (locks: string, handoffs: string) => `加锁 ${locks} 次，其中交接 ${handoffs} 次`,
    plural: (n: string, _count: number, one: string) => `${n} ${one}`,
    refill: '次补充',
    span: '个跨度',
    lock: '次加锁',
    mcentral: (refills: string) => `mcentral（无锁跨度集合）：${refills}`,
    pageCachesPerP: (spans: string) => `页缓存（每个 P 一个，无锁）：${spans}`,
    pageCacheShared: (spans: string) => `页缓存（属于共享缓存）：${spans}`,
    mheap: (locks: string, handoffs: string) => `mheap（加锁）：${locks}，其中交接 ${handoffs} 次`,
    sideName: (perP: boolean) => (perP ? '每 P 缓存' : '共享缓存'),
    sideEmpty: (name: string) => `${name}：尚未分配。`,
    sideLabel: (name, step, p, level, cacheLocks, handoffs, refills, pageCache, heapLocks) =>
      `${name}，第 ${step} 步之后：P${p} 上的这次 malloc 到达了 ${level}；` +
      `缓存加锁 ${cacheLocks} 次（交接 ${handoffs} 次），补充 ${refills} 次，` +
      `来自页缓存的跨度 ${pageCache} 个，堆加锁 ${heapLocks} 次。`,
    bars: ['每 P 缓存：缓存加锁', '共享缓存：缓存加锁', '每 P 缓存：堆加锁', '共享缓存：堆加锁'],
    barsLabel: (step: number, total: number, a: number, b: number, ha: number, hb: number) =>
      `${total} 次分配中的第 ${step} 次之后的加锁次数：缓存加锁，每 P 缓存 ${a} 次，共享缓存 ${b} 次；堆加锁分别为 ${ha} 次和 ${hb} 次。`,
    tableRows: [
      '已分配次数',
      '缓存层加锁次数',
      '……其中从别的 P 交接',
      '越过缓存的补充次数',
      '来自页缓存的跨度',
      '堆加锁次数',
      '……其中从别的 P 交接',
      '原子操作次数',
    ],
    afterStep: (step: number) => `第 ${step} 步之后`,
    colPerP: '每 P 缓存',
    colShared: '一个共享缓存',
    procs: 'P 的数量（每个 P 一个 goroutine）',
    order: '顺序',
    size: '对象大小',
    noPointers: (size: string) => `${size}（不含指针）`,
    orders: {
      'round-robin': '轮转（各 P 轮流）',
      random: '随机（种子 1）',
      sequential: '一个 goroutine 接一个',
    },
    link: '指向这一设置的链接',
    asTable: '以表格查看这一步',
    legend: (n: number) =>
      `每一步是粗边框标出的那个 P 上的 goroutine 做的一次分配。箭头从这个 P 指向满足这次分配的那一层，那一层的方框加粗虚线边框。每个 goroutine 分配 ${n} 次。`,
    levels: {
      zero: '不需要内存',
      mcache: '缓存里有空闲槽位',
      mcentral: '从中心跨度集合补充',
      pageCache: '从该 P 的页缓存取一个新跨度，不用堆锁',
      mheap: '在堆锁之下取一个新跨度',
    },
    at: (i: number, last: number) => `第 ${i} 步，共 ${last} 步：`,
    start: (gs: number, n: number, size: string) =>
      `${gs} 个 goroutine，每个 P 一个，各自将分配 ${n} 个 ${size} 的对象。`,
    sharedLock: (handoff: boolean) => (handoff ? '获取共享锁（从别的 P 交接而来）' : '获取共享锁'),
    step: (g, p, size, perP, lock, shared, a, b) =>
      `P${p} 上的 goroutine ${g} 分配 ${size}。每 P 缓存：${perP}，不加缓存锁。共享缓存：${lock}；${shared}。到目前为止的缓存加锁次数：${a} 对 ${b}。`,
    summary: (procs, n, size, order, perPHeap, sharedLocks, allocs, handoffs, sharedHeap) =>
      `${procs} 个 P 上的 ${procs} 个 goroutine，各分配 ${n} 次 ${size}，${order}：` +
      `每 P 缓存不加缓存锁，堆加锁 ${perPHeap} 次；` +
      `一个共享缓存为 ${allocs} 次分配加锁 ${sharedLocks} 次，` +
      `其中 ${handoffs} 次在 P 之间交接，另加堆锁 ${sharedHeap} 次。`,
  },

  /** mcentral 跨度集合图（site/widgets/mcentral-sets/）。 */
  mcentralSets: {
    roles: {
      partialSwept: '部分占用·已清扫',
      partialUnswept: '部分占用·未清扫',
      fullSwept: '已满·已清扫',
      fullUnswept: '已满·未清扫',
    },
    phase: sweepPhase,
    list: listWords,
    fresh: '从堆中新取的跨度',
    from: (role: string) => `来自“${role}”`,
    to: (role: string) => `回到“${role}”`,
    toHeap: (freed: number) => `释放 ${freed} 个，无存活：归还给堆`,
    stillFull: '没有释放，仍然已满：放入“已满·已清扫”',
    freedLive: (freed: number, live: number) => `释放 ${freed} 个，存活 ${live} 个`,
    evCache: (span: string, detail: string) => `cacheSpan 把跨度 ${span} 交给 P0（${detail}）`,
    evUncache: (span: string, detail: string) => `跨度 ${span} 被交还，${detail}`,
    evSweep: (byCacheSpan: boolean, span: string, detail: string) =>
      `${byCacheSpan ? 'cacheSpan ' : '后台清扫器'}清扫跨度 ${span}（${detail}）`,
    at: (i: number, last: number) => `第 ${i} 步，共 ${last} 步：`,
    first: (elem: number, cached: string, sg: number, sw: string, fsw: string) =>
      `第一次 ${elem} 字节的 malloc 发现 P0 的缓存是空的，于是 cacheSpan 从堆中新取一个跨度 ${cached}；四个集合都还是空的，sweepgen 为 ${sg}，所以由 ${sw} 和 ${fsw} 扮演已清扫的角色。`,
    fill: (fsw: string, full: string, cached: string) =>
      `每当缓存的跨度占满，refill 就把它交还到“已满·已清扫”（${fsw}），cacheSpan 再取一个，所以跨度 ${full} 现在在 ${fsw} 中等待，而 ${cached} 部分占用地留在 P0 的缓存里。`,
    none: '无',
    flush: (span: string, sw: string) =>
      `ReadMemStats 刷新 P0 的缓存：跨度 ${span} 仍有空闲槽位，于是 uncacheSpan 把它放入“部分占用·已清扫”（${sw}）。`,
    drop: '程序放弃了一些对象；什么都没有移动，因为在一次回收标记堆之前，跨度仍把它们算作已分配。',
    gc: (sg: number, pu: string, fu: string, sw: string, fsw: string) =>
      `一次回收让 sweepgen 加 2（现在是 ${sg}），于是不移动任何跨度，${pu} 就变成“部分占用·未清扫”，${fu} 变成“已满·未清扫”，而空的 ${sw} 和 ${fsw} 接过已清扫的角色。`,
    allocOrRefill: (alloc: boolean, words: string) =>
      `${alloc ? '下一次 malloc 需要一个跨度' : 'P0 占满了它的跨度，进行补充'}：${words}。`,
    spanDetail: (span: string, detail: string) => `跨度 ${span}（${detail}）`,
    background: (words: string, sg: number) =>
      `后台清扫器清扫剩下的跨度：${words}，于是两个未清扫数组都空了，每个跨度都在 sweepgen ${sg} 下清扫完毕。`,
    setWords: (name: string, role: string, spans: string) => `${name} 扮演“${role}”：${spans}`,
    noSpan: '没有跨度',
    state: (elem: number, sg: number, parity: number, sets: string, cached: string, home: string) =>
      `${elem} 字节 noscan 对象的 mcentral，堆的 sweepgen 为 ${sg}（(sweepgen / 2) mod 2 = ${parity}）：${sets}。` +
      `P0 的缓存中这一跨度类的跨度：${cached}。` +
      (home ? `已归还给堆：${home}。` : ''),
    slotsAllocated: (count: number, n: number, phase: string) =>
      `：${n} 个槽位中已分配 ${count} 个，${phase}`,
    empty: '空',
    was: (role: string) => `↻ 原为“${role}”`,
    statusClass: '跨度类',
    statusSweepgen: '堆的 sweepgen h',
    classValue: (sc: number, elem: number) => `${sc}（${elem} B noscan）`,
    parityValue: (p: number) => `${p} → 已清扫数组为 partial[${p}]、full[${p}]`,
    gcCycles: 'GC 次数',
    noEvents: '这一步没有跨度易手。',
    cacheLabel: 'P0 的 mcache',
    cacheTitle: 'P0 的 mcache',
    heapLabel: '已归还给堆',
    heapTitle: '已归还给堆',
    inThisStep: '这一步：',
    tableHeaders: ['跨度', '地址', '位置', 'allocCount / nelems', 'sweepgen', '状态'],
    legend:
      '每个方框是 mcentral 的四个数组之一，名称与 Go 中相同，并标出它在当前 sweepgen 下扮演的角色；虚线方框扮演未清扫的角色，“↻”标出角色刚刚改变的方框。每个小块是一个跨度：按地址比例画出的槽位（与所有图一致）、它的标签、allocCount/nelems（占满时加粗），以及它的 sweepgen 与堆的 h 的对照（h−2 待清扫，h 已清扫，h+3 已清扫并已缓存）。',
    summary: (elem: number, n: number, steps: number) =>
      `一个 mcentral（${elem} 字节 noscan 对象，每个跨度 ${n} 个），共 ${steps} 步：跨度占满后进入“已满·已清扫”，一次刷新把部分占用的跨度归档，一次回收让 sweepgen 加 2，同样的数组便成了未清扫的，之后补充和后台清扫器把每个跨度清扫回已清扫集合或归还给堆。`,
    asTable: '以表格查看这一步',
  },

  /** 页分配器图（site/widgets/page-alloc/）。 */
  pageAlloc: {
    pages: (n: number) => `${n} 页`,
    pastChunk: '区块之外',
    page: (i: number) => `第 ${i} 页`,
    what: (span: string, pages: string) => `跨度 ${span}（${pages}）`,
    refill: (page: number, free: number) =>
      `P0 的页缓存是空的，于是它在堆锁之下取走从第 ${page} 页开始的 64 页组（其中 ${free} 个空闲页，对其他人而言现在算作已使用）；然后`,
    fromCache: (fill: string, what: string, threshold: number, npages: number, page: number) =>
      `${fill}${what}小于 ${threshold} 页，无需加锁即从 P0 的页缓存取得：掩码中第一个${npages > 1 ? `由 ${npages} 个空闲位组成的连续段` : '空闲位'}是第 ${page} 页`,
    big: (threshold: number) => `不少于 ${threshold} 页，所以`,
    cacheEmpty: '发现 P0 的页缓存是空的，所以',
    grew: (what: string, big: string, mib: number, at: string) =>
      `${what}${big}交给页分配器，而页分配器一个空闲页也没有，于是堆增长一个 ${mib} MiB 的区块（所有页空闲且已归还），searchAddr 下移到它的第一页，搜索把这个跨度放在${at}`,
    tree: (what: string, big: string, at: string) =>
      `${what}${big}交给页分配器；searchAddr 所在的区块没有足够长的连续空闲段，于是它遍历摘要树，取得${at}`,
    there: (what: string, big: string, from: string) =>
      `${what}${big}交给页分配器：区块的 max 足够大，从 searchAddr（${from}）开始的位图搜索就在那里放下了它`,
    skipSmall: (from: string, pages: string) =>
      `searchAddr（${from}）处的空闲段只有 ${pages}，太小，首次适配跳过了它，取得`,
    skipUsed: (from: string) => `searchAddr（${from}）已被占用，首次适配向后扫描到第一个足够长的空闲段，取得`,
    skip: (what: string, big: string, skip: string, at: string) =>
      `${what}${big}交给页分配器：区块的 max 足够大，可以从 searchAddr 开始位图搜索，但 ${skip}${at}`,
    list: listJoiner({ none: '', sep: '；', last: '；以及' }),
    at: (i: number, last: number) => `第 ${i} 步，共 ${last} 步：`,
    free: (obj: string, range: string, search: string, max: number) =>
      `程序放弃对象 ${obj}，gc() 释放它的跨度，于是第 ${range} 页重新空闲，searchAddr 退回到${search}，即最低的空闲页；摘要的 max 仍为 ${max}，因为末尾的大段空闲更长。`,
    scavenge: (pages: string) =>
      `freeOSMemory() 把所有空闲页归还给操作系统：只有自堆增长以来用过的 ${pages}仍有物理内存，P0 页缓存中的页不动，因为它们归该 P 所有。`,
    large3: (spans: string, sizes: string, threshold: number, at: string) =>
      `跨度 ${spans}（${sizes} 页）都不少于 ${threshold} 页，所以都交给页分配器；它从 searchAddr 开始的位图搜索发现那一页已被占用，便取其后的空闲页，把它们依次紧挨着放在第 ${at} 页。`,
    sentence: (s: string) => `${s}。`,
    state: (chunk, base, inuse, cache, free, scav, runs, start, max, end, search) =>
      `区块 ${chunk}，位于 ${base}：${inuse} 页被跨度使用，` +
      `${cache} 页空闲但由 P0 的页缓存持有，${free} 页空闲且有物理内存，${scav} 页空闲且已归还给操作系统。` +
      `空闲段：${runs}。摘要 start ${start}，max ${max}，end ${end}。` +
      `searchAddr 指向${search}。`,
    none: '无',
    gridTitle: '区块的 512 页，每行 64 页；见下方的描述与表格',
    startNone: '第 0 页不空闲',
    startWhy: (start: number) => `第 0–${start - 1} 页空闲，第 ${start} 页不空闲`,
    endNone: '第 511 页不空闲',
    endWhy: (from: number, notFree: number | null) =>
      `第 ${from}–511 页空闲${notFree !== null ? `，第 ${notFree} 页不空闲` : ''}`,
    maxWhy: (range: string) => `最长的空闲段，第 ${range} 页`,
    maxNone: '没有空闲页',
    sumLabel: '区块的摘要',
    lowEnd: '低端的空闲页数',
    highEnd: '高端的空闲页数',
    noFreeBelow: '（它之下没有空闲页）',
    pcacheTitle: 'P0 的页缓存',
    empty: '空',
    pcache: (page: number, n: number, scav: number) =>
      `从第 ${page} 页开始的组，持有 ${n} 个空闲页${scav ? `（${scav} 个已归还）` : ''}`,
    freedBack: (from: number, to: number) => `第 ${from}–${to} 页交还给页分配器`,
    released: (n: number) => `${n} 页归还给操作系统（sysUnused）`,
    inThisStep: '这一步：',
    yes: '是',
    runsCaption: '空闲页的连续段（P0 页缓存中的页算作已使用）',
    tableHeaders: ['首页', '末页', '页数', '已归还', '含 searchAddr'],
    spans: (spans: string) => `跨度（字母，页）：${spans}。`,
    legend: [
      '被跨度使用，颜色表示其大小等级（斜线：大对象）；字母标在它的第一页',
      '空闲，由 P0 的页缓存持有（对其他人而言算作已使用）；它所在的 64 页一行加框',
      '空闲，仍有物理内存',
      '空闲且已归还（还给操作系统）',
    ],
    summary: (steps: number) =>
      `堆的第一个 4 MiB 区块（512 页），共 ${steps} 步：小跨度来自 P0 的页缓存，大跨度来自页分配器从 searchAddr 开始的首次适配搜索；释放的对象留下一个空洞，太大的请求跳过它，较小的请求填上它；最后 freeOSMemory 归还空闲页。`,
    asTable: '以表格查看这一步',
  },

  /** 堆节奏控制图（site/widgets/heap-pacing/）。 */
  heapPacing: {
    num: (n: number) => n.toLocaleString('en-US'),
    goalNone: '无（GOGC=off）',
    start: (last: number, goal: string) => `第 0 步，共 ${last} 步：尚未分配；第一个堆目标是 ${goal}。`,
    gc: (n: number, live: string) => `进行了一次回收（迄今 ${n} 次），发现 ${live} 存活。`,
    step: (i, last, objects, alloc, goal, released, gc) =>
      `第 ${i} 步，共 ${last} 步：已分配 ${objects} 个对象；HeapAlloc ${alloc}，目标 ${goal}，已归还 ${released}。${gc}`,
    summary: (gogc, total, totalMiB, kept, gcs, peak, alloc, released) =>
      `GOGC=${gogc}：分配 ${total} 个 1 KiB 的对象（${totalMiB}），保留 ${kept} 个；回收 ${gcs} 次；HeapInuse 峰值 ${peak}；结束时 HeapAlloc ${alloc}，HeapReleased ${released}。`,
    goalLine: '堆目标',
    retainedLine: '保有内存',
    releasedLine: '已归还',
    xAxis: '迄今分配的 MiB',
    collection: (n: number) => `第 ${n} 次回收`,
    chartAlt: (allocs: string, alloc: string, inuse: string, goal: string, gcs: number, released: string) =>
      `堆随时间的变化：分配 ${allocs} 次之后，HeapAlloc ${alloc} MiB，HeapInuse ${inuse} MiB，堆目标 ${goal}，回收 ${gcs} 次，已归还 ${released} MiB。`,
    rows: {
      allocated: '已分配对象数',
      retained: '保有内存（HeapInuse + HeapIdle − HeapReleased）',
      nextGC: 'NextGC（堆目标）',
      lastMarked: '上一次回收发现的存活堆',
    },
    kept: '保留的对象',
    link: '指向这一设置的链接',
    asTable: '以表格查看这一步',
    legend: (n: number, size: number) =>
      `每一步再分配 ${n} 个 ${size} B 的不含指针的对象，并用 ReadMemStats 采样。线条：堆目标（长虚线，每次回收处跳一级）、保有内存（点线）、HeapInuse（短虚线）、HeapAlloc（实线）、已归还（点划线）。横轴下的三角形标出各次回收。`,
  },

  /** 大小等级生成器图（site/widgets/size-class-generator/）。 */
  sizeClassGenerator: {
    noSpanLabel: '还没有候选跨度',
    noSpan: '还没有跨度——请按“下一步 ▶”或“播放”。',
    barLabel: (npages: number, bytes: number, n: number, size: number, tail: number, limit: number) =>
      `一个 ${npages} 页、${bytes} 字节的跨度：${n} 个 ${size} 字节的对象，然后是 ${tail} 字节的尾部；尾部最多只能有 ${limit} 字节。`,
    tail: (tail: string, limit: string) => `尾部 ${tail} B（上限 ${limit} B，虚线）`,
    classesLabel: '目前的大小等级',
    classN: (n: number) => `大小等级 ${n}：`,
    actions: { start: '开始', new: '新等级', widen: '加宽', grow: '增大', done: '完成' },
    rows: [
      '动作',
      '候选 / 等级大小',
      '候选之间的步长',
      '先被否决的页数',
      '页数',
      '每个跨度的对象数',
      '尾部 / 上限',
      '目前的等级数',
    ],
    rejected: (npages: number, tail: number, limit: number) => `${npages}（尾部 ${tail} > ${limit}）`,
    none: '无',
    summary: (steps: number) =>
      `Go 的生成器如何一次考察一个候选大小，得出它的 67 个大小等级：共 ${steps} 步。虚线标出允许的最大尾部（跨度的八分之一）。`,
    asTable: '以表格查看这一步',
    at: (i: number, last: number) => `第 ${i} 步，共 ${last} 步：`,
    start: '从没有任何大小等级开始；候选从 8 B 起，每次增加 8。',
    new: (size, step, objects, npages, tail, limit, c) =>
      `候选 ${size} B（步长 ${step}）在 ${npages} 页的跨度中放得下 ${objects} 个，尾部 ${tail} B ≤ ${limit} B → 新的大小等级 ${c}。`,
    widen: (size: number, npages: number, objects: number, from: number, c: number) =>
      `候选 ${size} B 需要同样的 ${npages} 页，放得下与 ${from} B 同样多的 ${objects} 个对象 → 大小等级 ${c} 从 ${from} B 加宽到 ${size} B。`,
    grow: (c: number, from: number, objects: number, npages: number, size: number) =>
      `增大阶段：大小等级 ${c}（${from} B）在 ${size} B 时仍能在 ${npages} 页中放下 ${objects} 个对象，所以增大到 ${size} B。`,
    done: (n: number) => `完成：${n} 个大小等级，加上用于大对象的等级 0，共 ${n + 1} 个。`,
  },
}
