/**
 * The site's interface strings in English: every word a figure's controls, a cell or the header
 * puts on a page. `zh.ts` has the same shape (its type is this table's), so a string missing in
 * one language fails the type check. Chapters' prose lives in content/; these are only the UI.
 */
import { listJoiner } from './common.ts'

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many)

/** “1, 2 and 3”: how the step captions list slots, spans and events. */
const listWords = listJoiner({ none: 'none', sep: ', ', last: ' and ' })

/** A span's sweep state in words, keyed by the figures' phase names (gc-cycle and mcentral-sets). */
const sweepPhase: Record<string, string> = {
  'needs sweeping': 'needs sweeping',
  'being swept': 'being swept',
  swept: 'swept',
  'cached, needs sweeping': 'cached, needs sweeping',
  'swept, cached': 'swept, cached',
  unknown: 'unknown',
}

export const en = {
  goVersion: {
    label: 'Go version',
  },

  /** Figure names (the control bar's group label). */
  figures: {
    gcCycle: 'One span through a GC cycle',
    mcentralSets: 'One mcentral and its four span sets',
    pageAlloc: 'The page allocator on one chunk',
    sizeClassGenerator: 'Size-class generator',
    heapPacing: 'Heap pacing',
    perPCaches: 'Per-P caches versus one shared cache',
    greenTea: 'The same heap marked two ways',
  },

  /** The shared control bar of trace figures (site/widgets/shared/controls.ts). */
  controls: {
    group: (label: string) => `${label}: playback`,
    reset: 'Reset',
    back: '◀ Step',
    backLabel: 'Step back',
    play: 'Play',
    pause: 'Pause',
    fwd: 'Step ▶',
    fwdLabel: 'Step forward',
    step: 'Step',
    speed: 'Speed',
    stepOf: (i: number, max: number) => `step ${i} of ${max}`,
  },

  /** Live code cells (site/components/Cell.astro, site/cells/cell.ts, site/cells/view.ts). */
  cell: {
    defaultTitle: 'Live code',
    hintBefore: 'TypeScript · runs in a Web Worker · ',
    hintAfter: ' runs',
    codeLabel: (title: string) => `Code of the cell “${title}” (editable; Ctrl+Enter runs it)`,
    outputLabel: (title: string) => `Output of “${title}”`,
    run: 'Run',
    runTitle: 'Run (Ctrl+Enter)',
    stop: 'Stop',
    reset: 'Reset',
    resetTitle: 'Restore the original code',
    placeholder: 'Output appears here when you run the cell.',
    noscript: 'Running cells needs JavaScript.',
    edited: 'Edited',
    running: 'Running…',
    stopped: 'Stopped',
    stoppedMessage:
      'Stopped: you ended the run, so its worker was shut down and a fresh one started. Your code is unchanged.',
    noOutput: '(no output)',
    truncatedNote: '… output truncated (a run keeps at most 200 lines / 64 KiB)',
    errorAt: (where: string) => `at ${where} of this cell`,
    line: (line: number) => `line ${line}`,
    lineColumn: (line: number, column: number) => `line ${line}, column ${column}`,
    done: (time: string, truncated: boolean) => `Done in ${time}${truncated ? ' (output truncated)' : ''}`,
    errorOn: (where: string) => (where ? `Error on ${where}` : 'Error'),
    timedOut: (time: string) => `Timed out after ${time}`,
    timeoutMessage: (time: string) =>
      `Timed out: the code was still running after ${time}, so it was stopped ` +
      `and a fresh worker was started. Your code is unchanged; look for a loop that never ends.`,
    runtimeHeading: (n: number, opts: string) => `Runtime #${n}${opts ? ` (${opts})` : ''}`,
    classesCaption: 'Allocations by size class',
    classHeaders: ['class', 'size', 'mallocs', 'frees', 'live', 'spans'] as readonly string[],
    large: 'large',
    counters: 'Counters: ',
    // Go cells (lang="go"): the header and the heap view beside the output
    goHintBefore: 'Go · every allocation is placed on the heap as if it escaped (see ',
    goEscape: 'escape analysis',
    goHintAfter: ') · runs on the simulated allocator · ',
    goEscapeHref: '/memory-layout/#stacks-are-not-what-the-article-says',
    compileError: 'compile error: ',
    heap: (n: number, version: string) =>
      `Heap: ${n} ${plural(n, 'allocation', 'allocations')} · Go ${version} rules`,
    allocCaption: 'Every allocation, in order (each placed on the heap as if it escaped)',
    allocHeaders: [
      'line',
      'construct',
      'type',
      'bytes → slot',
      'class',
      'span',
      'address',
      'runtime function',
    ] as readonly string[],
    allocMore: (n: number) => `… and ${n} more`,
    spansCaption: 'Spans touched',
    spanHeaders: ['span', 'class', 'slot', 'pages', 'in use', 'from this run'] as readonly string[],
    spanFreed: 'freed',
    tiny: 'tiny',
    zerobase: 'zerobase',
    seeChapters: 'See the chapters on',
    heapLinks: [
      ['size classes', '/size-classes/'],
      ['spans', '/mspan/'],
      ['the tiny allocator and mallocgc', '/mallocgc/'],
    ] as readonly (readonly [string, string])[],
    noAllocations: 'No heap allocations.',
  },

  /** The GC-cycle figure (site/widgets/gc-cycle/). */
  gcCycle: {
    slotWord: { freed: 'freed', new: 'new', free: 'free', 'in use': 'in use' } as Record<string, string>,
    held: '● held',
    notHeld: '○ not held',
    markRoot: '✓ root',
    marked: '✓ marked',
    markVia: (slot: number) => `✓ via ${slot}`,
    heldLong: 'held by the program',
    notHeldLong: 'not held by the program',
    markedRoot: 'marked as a root',
    markedThrough: (slot: number) => `marked through slot ${slot}`,
    pointsTo: (slots: string) => `points to slot ${slots}`,
    and: ' and ',
    freeindexHere: 'freeindex is here',
    slot: 'slot ',
    bitsCaption: 'Bitmaps, one column per slot (1 = set)',
    slotCol: 'slot',
    rootBits: 'rootBits (program)',
    allocCacheRow: 'allocCache (1 = free)',
    statusSpan: 'span',
    end: ' (end)',
    sweepgenValue: (span: number, heap: number, phase: string) => `span ${span} · heap ${heap} → ${phase}`,
    where: 'where',
    gcCycles: 'GC cycles',
    phase: sweepPhase,
    placeCache: (p: number) => `P${p}’s mcache`,
    placeCentral: (set: string) => `mcentral, ${set} set`,
    nowhere: 'nowhere',
    pointersNone: 'Pointers between objects: none.',
    pointers: 'Pointers between objects:',
    slotsLabel: 'The span’s slots, in address order',
    tableHeaders: ['slot', 'address', 'state', 'held by program', 'marked', 'points to'] as readonly string[],
    yes: 'yes',
    no: 'no',
    root: 'root',
    viaSlot: (slot: number) => `via slot ${slot}`,
    legend: (elem: number) =>
      `Each box is one ${elem}-byte slot of the span, lowest address first. Dashed: free. Solid: allocated; “● held” means the program still references it. “✓” marks a slot the collector marked, as a root or via the slot whose pointer reached it; “→” lists its pointers. A thick dashed outline means the sweep just freed it; a thick solid outline, a malloc just took it. ▲ shows freeindex.`,
    summary: (n: number, elem: number, steps: number) =>
      `One span of ${n} slots of ${elem} B in ${steps} steps: allocate, link, drop, mark, sweep (allocBits ← gcmarkBits, freeindex back to 0), then allocate again into the freed slots in address order.`,
    asTable: 'This step as a table',
    list: listWords,
    at: (i: number, last: number) => `Step ${i} of ${last}: `,
    alloc: (count: number, elem: number, lastSlot: number, n: number) =>
      `the program has allocated ${count} objects of ${elem} B; they fill slots 0–${lastSlot} of one ${n}-slot span in address order, and freeindex points at the first untouched slot.`,
    link: (ps: string) =>
      `the program stores pointers between some objects (${ps}); the span itself does not change, only the heap graph does.`,
    drop: (slots: string) =>
      `the program lets go of slots ${slots}; they stay allocated, because nothing frees memory until a collection.`,
    flush:
      'P0’s cache hands the span back to its mcentral (ReadMemStats flushes every cache), where it will wait to be swept after the next collection.',
    mark: (roots: string, ptrs: string, sg: number) =>
      `the collector marks slots ${roots} because the program holds them and ${ptrs} because a marked object points there; the heap’s sweepgen moves to ${sg}, so the span is now unswept.`,
    sweep: (freed: string, count: number) =>
      `the background sweeper sweeps the span: the mark bits become the allocation bits, slots ${freed} are free again, allocCount is ${count} and freeindex goes back to 0.`,
    realloc: (elem: number, slot: number, freed: boolean) =>
      `a new ${elem}-byte malloc gets slot ${slot} (${freed ? 'freed by the sweep' : 'never used before'}), the lowest free slot at or after freeindex: freed slots are reused in address order.`,
    state: (
      n: number,
      elem: number,
      allocated: string,
      held: string,
      marks: string,
      ptrs: string,
      fi: number,
      count: number,
      sg: number,
      hsg: number,
      phase: string,
      where: string,
    ) =>
      `Span of ${n} slots of ${elem} B. Allocated: ${allocated}. Referenced by the program: ${held}.${marks ? ` Marked: ${marks}.` : ''} Pointers: ${ptrs}. freeindex ${fi}, allocCount ${count}, sweepgen ${sg} against the heap’s ${hsg} (${phase}); the span is in ${where}.`,
    stripClass: (base: string, c: number, n: number, elem: number) =>
      `${base} · class ${c} · ${n} × ${elem} B`,
    stripLabel: (used: number, n: number) =>
      `The span at address scale: ${used} of ${n} slots in use, the tail after slot ${n - 1} unusable`,
    ptrTo: (a: number, b: number) => `${a} to ${b}`,
  },

  /** The Green Tea figure (site/widgets/green-tea/). */
  greenTea: {
    figure: 'The same heap marked two ways',
    classicTitle: 'Classic: one object at a time',
    classicSub: (v: string) => `LIFO work list of objects (Go ${v}, greenTea: false)`,
    greenTeaTitle: 'Green Tea: one span at a time',
    greenTeaSub: (v: string, substituted: boolean) =>
      `FIFO queue of spans (Go ${v}${substituted ? ', the first release with it on by default' : ''})`,
    span: (name: string) => `span ${name}`,
    trips: 'trips to memory',
    pushes: 'objects pushed',
    queued: 'spans queued',
    scannedNow: 'scanned this trip',
    scannedTotal: 'scanned in all',
    workList: 'work list, next first:',
    spanQueue: 'span queue, next first:',
    empty: 'empty',
    done: 'done',
    legend:
      '○ allocated, not reached yet · ◐ marked, waiting to be scanned · ● scanned · outlined: scanned in this step. 45 objects of 512 B; object i points to 3i+1, 3i+2, 3i+3 (a leaf points back to its parent); only object 0 is still referenced.',
    tableCaption: (step: number) => `After step ${step}`,
    tableHeaders: ['', 'classic', 'Green Tea'] as readonly string[],
    tableRows: [
      'trips to memory',
      'objects pushed',
      'spans queued',
      'objects scanned',
      'objects scanned in this trip',
    ] as readonly string[],
    asTable: 'This step as a table',
    link: 'Link to this step',
    describe: (step: number, last: number, classic: string, greenTea: string) =>
      `Step ${step} of ${last}: ${classic} ${greenTea}`,
    classicStart: 'Classic: the root, object 0, is marked and pushed.',
    greenTeaStart: 'Green Tea: the root is marked in span A’s inline bits, and span A is queued.',
    classicStep: (obj: number, span: string, pushes: number) =>
      `Classic scans object ${obj} in span ${span} (${pushes} pushed so far).`,
    classicDone: (trips: number) => `Classic is done: ${trips} trips, one per object.`,
    greenTeaStep: (span: string, n: number) =>
      `Green Tea visits span ${span} and scans ${n} ${n === 1 ? 'object' : 'objects'} together.`,
    greenTeaDone: (trips: number) => `Green Tea is done: ${trips} span visits.`,
    summary: (objects: number, classicTrips: number, pushes: number, visits: number, most: number) =>
      `${objects} objects: the classic marker goes to memory ${classicTrips} times (${pushes} objects pushed and popped), Green Tea ${visits} times, up to ${most} objects in one span visit.`,
  },

  /** The size-class explorer (site/widgets/size-class-explorer/). */
  explorer: {
    sizeLabel: 'Size in bytes',
    slide: 'Slide',
    sliderLabel: 'Size in bytes (slider)',
    pointers: 'The object contains pointers',
    legend:
      'Dots: worst-case waste of each class. Dashed line: the 12.5% limit on tail waste. Ring and cross: the class of the size above.',
    link: 'Link to this size',
    wholeTable: 'The whole table',
    tableRegion: 'Size-class table',
    caption: (v: string) =>
      `Go ${v}'s 67 size classes (class 0 means “large”), linux/amd64: the sizes are the same in every release since 1.15; the objects per span are Go ${v}'s`,
    headers: [
      'class',
      'bytes/obj',
      'bytes/span',
      'pages',
      'objects',
      'objects with pointers',
      'tail waste',
      'max waste',
    ] as readonly string[],
    plotTitle: 'Worst-case waste per size class',
    plotDesc:
      'For each of the 67 size classes, the largest share of a span that can go unused (rounding inside slots plus the span tail), plotted against the slot size on a logarithmic axis. From the 96-byte class on, every value is below 16.7%; the smallest classes are far higher because rounding a few bytes up to 8, 16 or 32 dominates.',
    plotMarked: (c: number, pct: string) => ` Marked: class ${c}, ${pct}%.`,
    axis: 'slot size (log scale)',
    dotTitle: (c: number, size: number, pct: string) => `class ${c}: ${size} B, worst case ${pct}% wasted`,
    marker: (c: number, pct: string) => `class ${c}: ${pct}%`,
    // Result list
    outcome: 'Outcome',
    zeroOutcome: 'no allocation: the shared zero-size address',
    kind: 'Kind',
    kindLarge: 'large object (own span)',
    kindTiny: 'tiny (16 B shared block)',
    kindSmall: 'small',
    sizeClass: 'Size class',
    largeClass: '0 (large)',
    spanClass: 'Span class',
    spanClassValue: (sc: number, c: number, noscan: boolean) =>
      `${sc} (${c} × 2 + ${noscan ? '1 noscan' : '0 scan'})`,
    slotSize: 'Slot size',
    spanSize: 'Span size',
    spanSizeValue: (bytes: string, pages: number) =>
      `${bytes} B = ${pages} ${plural(pages, 'page', 'pages')} of 8 KiB`,
    objectsPerSpan: 'Objects per span',
    goFunction: 'Go function',
    wasted: 'Bytes wasted',
    wastedValue: (slot: string, tiny: boolean, tail: string) =>
      `${slot} B in the slot${tiny ? ' (at most; tiny blocks are shared)' : ''}, ${tail} B at the span tail`,
    // Messages for what the reader typed
    typeASize: 'Type a size in bytes, for example 33.',
    notASize: (t: string) => `“${t}” is not a size. Type a whole number of bytes, like 33 or 4 KiB.`,
    notASizeShort: (t: string) => `“${t}” is not a size.`,
    negative: 'A size cannot be negative: mallocgc takes an unsigned size (uintptr).',
    notWhole: (size: number) => `${size} bytes is not a whole number. Allocation sizes are whole bytes.`,
    tooLarge: 'Larger than maxAlloc (2^48 bytes on linux/amd64): Go would fail with “out of memory”.',
    // Notes and summary
    kindZero:
      'a zero-size request: no memory at all, every such object shares one address (runtime.zerobase)',
    kindTinyWords: 'tiny: packed with other pointer-free objects into a shared 16 B block (class 2)',
    kindSmallWords: (c: number, elem: number, pages: number, n: number) =>
      `size class ${c}, a ${elem} B slot in a ${pages}-page span holding ${n} objects`,
    kindLargeWords: (pages: number, bytes: number) =>
      `a large object: its own span of ${pages} ${plural(pages, 'page', 'pages')} (${bytes} B), class 0`,
    noteLargeBand: (cutoff: number, v: string, pages: number, bytes: number) =>
      `Above ${cutoff} B, Go ${v} treats every request as large, with or without pointers (the cut-off keeps room for an 8-byte allocation header in the 32768 B class). So it skips the size classes and gets its own span of whole 8 KiB pages: ${pages} ${plural(pages, 'page', 'pages')}, ${bytes} B.`,
    noteLarge: (cutoff: number, size: number, pages: number, bytes: number) =>
      `Above ${cutoff} B no size class fits: the object gets its own span of ⌈${size} / 8192⌉ = ${pages} whole 8 KiB pages (${bytes} B), straight from mheap.`,
    noteHeader: (v: string, need: number, c: number) =>
      `Pointerful and larger than 512 B: Go ${v} puts an 8-byte type header in front of the object, so it needs ${need} B and lands in class ${c}.`,
    notePointerBits: (bytes: number) =>
      `${bytes} B of pointer bits (the object has pointers and is at most 512 B)`,
    noteInlineMarks: (bytes: number) => `${bytes} B of inline mark bits (Green Tea, Go 1.26+)`,
    noteKept: (v: string, kept: string[], n: number, without: number) =>
      `In Go ${v} the span keeps ${kept.join(' and ')} at its end, so it holds ${n} objects instead of ${without}.`,
    wasteTail: (waste: number, elem: number) => `; ${waste} B of the ${elem} B go unused`,
    summary: (size: number, noscan: boolean, v: string, words: string, waste: string) =>
      `${size} B (${noscan ? 'no pointers' : 'with pointers'}, Go ${v}) → ${words}${waste}.`,
    noSize: (message: string) => `No size shown: ${message}`,
  },

  /** The per-P caches figure (site/widgets/per-p-caches/). */
  perPCaches: {
    titlePerP: 'Per-P caches (Go)',
    titleShared: 'One shared cache behind a lock',
    cache: 'cache',
    noLock: 'no lock: each P owns its cache',
    lockFree: 'lock: free',
    lockHeld: (p: number, handoff: boolean) => `lock: P${p}${handoff ? ' (handed off)' : ''}`,
    oneMcache: (who: string) => `one mcache · ${who}`,
    cacheLocks: (locks: string, handoffs: string) => `${locks} lock acquisitions, ${handoffs} handed off`,
    plural: (n: string, count: number, one: string) => `${n} ${count === 1 ? one : `${one}s`}`,
    refill: 'refill',
    span: 'span',
    lock: 'lock',
    mcentral: (refills: string) => `mcentral (lock-free span sets): ${refills}`,
    pageCachesPerP: (spans: string) => `page caches (one per P, no lock): ${spans}`,
    pageCacheShared: (spans: string) => `page cache (the shared cache’s): ${spans}`,
    mheap: (locks: string, handoffs: string) => `mheap (lock): ${locks}, ${handoffs} handed off`,
    sideName: (perP: boolean): string => (perP ? 'Per-P caches' : 'Shared cache'),
    sideEmpty: (name: string) => `${name}: nothing allocated yet.`,
    sideLabel: (
      name: string,
      step: number,
      p: number,
      level: string,
      cacheLocks: number,
      handoffs: number,
      refills: number,
      pageCache: number,
      heapLocks: number,
    ) =>
      `${name}, after step ${step}: the malloc on P${p} reached ${level}; ` +
      `${cacheLocks} cache locks (${handoffs} handed off), ${refills} refills, ` +
      `${pageCache} page-cache spans, ${heapLocks} heap locks.`,
    bars: [
      'Per-P caches: cache locks',
      'Shared cache: cache locks',
      'Per-P caches: heap locks',
      'Shared cache: heap locks',
    ] as readonly string[],
    barsLabel: (step: number, total: number, a: number, b: number, ha: number, hb: number) =>
      `Lock acquisitions after ${step} of ${total} allocations: cache locks ${a} with per-P caches and ${b} with the shared cache; heap locks ${ha} and ${hb}.`,
    tableRows: [
      'allocations so far',
      'cache-level lock acquisitions',
      '… handed off from another P',
      'refills past the cache',
      'spans from a page cache',
      'heap lock acquisitions',
      '… handed off from another P',
      'atomic operations',
    ] as readonly string[],
    afterStep: (step: number) => `after step ${step}`,
    colPerP: 'per-P caches',
    colShared: 'one shared cache',
    procs: 'Ps (one goroutine each)',
    order: 'Order',
    size: 'Object size',
    noPointers: (size: string) => `${size} (no pointers)`,
    orders: {
      'round-robin': 'round-robin (Ps take turns)',
      random: 'random (seed 1)',
      sequential: 'one goroutine after another',
    } as Record<string, string>,
    link: 'Link to this setup',
    asTable: 'This step as a table',
    legend: (n: number) =>
      `Each step is one allocation by the goroutine on the P marked with a thick border. The arrow goes from that P down to the level that served it; that box gets a thick dashed outline. ${n} allocations per goroutine.`,
    levels: {
      zero: 'no memory needed',
      mcache: 'the cache had a free slot',
      mcentral: 'a refill from a central span set',
      pageCache: 'a new span from the P’s page cache, without the heap lock',
      mheap: 'a new span under the heap lock',
    } as Record<string, string>,
    at: (i: number, last: number) => `Step ${i} of ${last}: `,
    start: (gs: number, n: number, size: string) =>
      `${gs} goroutines, one per P, will each allocate ${n} objects of ${size}.`,
    sharedLock: (handoff: boolean): string =>
      handoff ? 'takes the shared lock, handed off from another P' : 'takes the shared lock',
    step: (
      g: number,
      p: number,
      size: string,
      perP: string,
      lock: string,
      shared: string,
      a: number,
      b: number,
    ) =>
      `goroutine ${g} on P${p} allocates ${size}. Per-P caches: ${perP}, no cache lock. Shared cache: ${lock}; ${shared}. Cache locks so far: ${a} vs ${b}.`,
    summary: (
      procs: number,
      n: number,
      size: string,
      order: string,
      perPHeap: number,
      sharedLocks: number,
      allocs: number,
      handoffs: number,
      sharedHeap: number,
    ) =>
      `${procs} goroutines on ${procs} Ps, ${n} allocations of ${size} each, ${order}: ` +
      `per-P caches take no cache lock and ${perPHeap} heap lock${perPHeap === 1 ? '' : 's'}; ` +
      `one shared cache takes ${sharedLocks} lock acquisitions for ${allocs} allocations, ` +
      `${handoffs} of them handed off between Ps, plus ${sharedHeap} heap lock${sharedHeap === 1 ? '' : 's'}.`,
  },

  /** The mcentral-sets figure (site/widgets/mcentral-sets/). */
  mcentralSets: {
    roles: {
      partialSwept: 'partial swept',
      partialUnswept: 'partial unswept',
      fullSwept: 'full swept',
      fullUnswept: 'full unswept',
    } as Record<string, string>,
    phase: sweepPhase,
    list: listWords,
    fresh: 'a fresh span from the heap',
    from: (role: string) => `from ${role}`,
    to: (role: string) => `to ${role}`,
    toHeap: (freed: number) => `${freed} freed, none live: back to the heap`,
    stillFull: 'nothing freed, still full: on to full swept',
    freedLive: (freed: number, live: number) => `${freed} freed, ${live} live`,
    evCache: (span: string, detail: string) => `cacheSpan hands span ${span} to P0 (${detail})`,
    evUncache: (span: string, detail: string) => `span ${span} goes back ${detail}`,
    evSweep: (byCacheSpan: boolean, span: string, detail: string) =>
      `${byCacheSpan ? 'cacheSpan' : 'the background sweeper'} sweeps span ${span} (${detail})`,
    at: (i: number, last: number) => `Step ${i} of ${last}: `,
    first: (elem: number, cached: string, sg: number, sw: string, fsw: string) =>
      `the first ${elem}-byte malloc finds P0’s cache empty, so cacheSpan grows a fresh span ${cached} from the heap; all four sets are still empty and sweepgen is ${sg}, so ${sw} and ${fsw} play the swept roles.`,
    fill: (fsw: string, full: string, cached: string) =>
      `each time the cached span fills up, refill hands it back to full swept (${fsw}) and cacheSpan grows another, so spans ${full} now wait in ${fsw} while ${cached} sits partly used in P0’s cache.`,
    none: 'none',
    flush: (span: string, sw: string) =>
      `ReadMemStats flushes P0’s cache: span ${span} still has free slots, so uncacheSpan files it under partial swept (${sw}).`,
    drop: 'the program lets go of some objects; nothing moves, because until a collection marks the heap the spans still count them as allocated.',
    gc: (sg: number, pu: string, fu: string, sw: string, fsw: string) =>
      `a collection adds 2 to sweepgen (now ${sg}), so without moving a single span ${pu} becomes partial unswept and ${fu} full unswept, and the empty ${sw} and ${fsw} take over the swept roles.`,
    allocOrRefill: (alloc: boolean, words: string) =>
      `${alloc ? 'the next malloc needs a span' : 'P0 fills its span and refills'}: ${words}.`,
    spanDetail: (span: string, detail: string) => `span ${span} (${detail})`,
    background: (words: string, sg: number) =>
      `the background sweeper sweeps what is left, ${words}, so both unswept arrays are empty and every span is swept at sweepgen ${sg}.`,
    setWords: (name: string, role: string, spans: string) => `${name} plays ${role} and holds ${spans}`,
    noSpan: 'no span',
    state: (elem: number, sg: number, parity: number, sets: string, cached: string, home: string) =>
      `The mcentral of ${elem}-byte noscan objects at heap sweepgen ${sg} ((sweepgen / 2) mod 2 = ${parity}): ${sets}. ` +
      `P0’s cache holds ${cached} of this class.` +
      (home ? ` Returned to the heap: ${home}.` : ''),
    slotsAllocated: (count: number, n: number, phase: string) =>
      `: ${count} of ${n} slots allocated, ${phase}`,
    empty: 'empty',
    was: (role: string) => `↻ was ${role}`,
    statusClass: 'span class',
    statusSweepgen: 'heap sweepgen h',
    classValue: (sc: number, elem: number) => `${sc} (${elem} B noscan)`,
    parityValue: (p: number) => `${p} → swept arrays are partial[${p}], full[${p}]`,
    gcCycles: 'GC cycles',
    noEvents: 'No span changed hands in this step.',
    cacheLabel: "P0's mcache",
    cacheTitle: 'P0’s mcache',
    heapLabel: 'Back in the heap',
    heapTitle: 'back in the heap',
    inThisStep: 'In this step:',
    tableHeaders: [
      'span',
      'address',
      'where',
      'allocCount / nelems',
      'sweepgen',
      'state',
    ] as readonly string[],
    legend:
      'Each box is one of the mcentral’s four arrays, named as in Go, with the role it plays at the current sweepgen; a dashed box plays an unswept role, and “↻” marks a box whose role just changed. A chip is one span: its slots at address scale (as in every figure), its label, allocCount/nelems (bold when full) and its sweepgen next to the heap’s h (h−2 needs sweeping, h swept, h+3 swept and cached).',
    summary: (elem: number, n: number, steps: number) =>
      `One mcentral (${elem}-byte noscan objects, ${n} per span) in ${steps} steps: spans fill and go to full swept, a flush files the partial one, a collection adds 2 to sweepgen so the same arrays turn unswept, and refills and the background sweeper sweep every span back into a swept set or the heap.`,
    asTable: 'This step as a table',
  },

  /** The page-alloc figure (site/widgets/page-alloc/). */
  pageAlloc: {
    pages: (n: number) => `${n} page${n === 1 ? '' : 's'}`,
    pastChunk: 'past the chunk',
    page: (i: number) => `page ${i}`,
    what: (span: string, pages: string) => `span ${span} (${pages})`,
    refill: (page: number, free: number) =>
      `P0’s page cache was empty, so under the heap lock it took the 64-page group at page ${page} (its ${free} free pages, now in use for everyone else); then `,
    fromCache: (fill: string, what: string, threshold: number, npages: number, page: number) =>
      `${fill}${what} is under ${threshold} pages and came from P0’s page cache without a lock: the first ${npages > 1 ? `run of ${npages} free bits` : 'free bit'} in its mask is page ${page}`,
    big: (threshold: number) => `is ${threshold} pages or more, so it`,
    cacheEmpty: 'found P0’s page cache empty, so it',
    grew: (what: string, big: string, mib: number, at: string) =>
      `${what} ${big} went to the page allocator, which had no free page at all, so the heap grew by one ${mib} MiB chunk (every page free and scavenged), searchAddr moved down to its first page and the search fit the span at ${at}`,
    tree: (what: string, big: string, at: string) =>
      `${what} ${big} went to the page allocator; the chunk at searchAddr had no run long enough, so it walked the summary tree and took ${at}`,
    there: (what: string, big: string, from: string) =>
      `${what} ${big} went to the page allocator: the chunk’s max was big enough, and the bitmap search starting at searchAddr (${from}) fit it right there`,
    skipSmall: (from: string, pages: string) =>
      `the free run at searchAddr (${from}) is only ${pages}, too small, so first fit skipped it and took`,
    skipUsed: (from: string) =>
      `searchAddr (${from}) was already in use, so first fit scanned on to the first long enough run and took`,
    skip: (what: string, big: string, skip: string, at: string) =>
      `${what} ${big} went to the page allocator: the chunk’s max was big enough for a bitmap search from searchAddr, but ${skip} ${at}`,
    list: listJoiner({ none: '', sep: '; ', last: '; and ' }),
    at: (i: number, last: number) => `Step ${i} of ${last}: `,
    free: (obj: string, range: string, search: string, max: number) =>
      `the program drops object ${obj} and gc() frees its span, so pages ${range} turn free again and searchAddr drops back to ${search}, the lowest free page; the summary’s max stays ${max} because the big run at the end is still longer.`,
    scavenge: (pages: string) =>
      `freeOSMemory() hands every free page back to the OS: only the ${pages} that had been used since the heap grew were still backed, and the pages in P0’s page cache stay because the P owns them.`,
    large3: (spans: string, sizes: string, threshold: number, at: string) =>
      `spans ${spans} (${sizes} pages) are each ${threshold} pages or more, so each went to the page allocator, whose bitmap search from searchAddr found that page already taken and took the next free pages, placing them back to back at pages ${at}.`,
    sentence: (s: string) => `${s}.`,
    state: (
      chunk: number,
      base: string,
      inuse: number,
      cache: number,
      free: number,
      scav: number,
      runs: string,
      start: number,
      max: number,
      end: number,
      search: string,
    ) =>
      `Chunk ${chunk} at ${base}: ${inuse} pages in use by spans, ` +
      `${cache} held free in P0’s page cache, ${free} free and backed, ${scav} free and returned to the OS. ` +
      `Free runs: ${runs}. Summary start ${start}, max ${max}, end ${end}. ` +
      `searchAddr is ${search}.`,
    none: 'none',
    gridTitle: 'The chunk’s 512 pages, 64 per row; see the description and the table below',
    startNone: 'page 0 is not free',
    startWhy: (start: number) => `pages 0–${start - 1} are free, page ${start} is not`,
    endNone: 'page 511 is not free',
    endWhy: (from: number, notFree: number | null) =>
      `pages ${from}–511 are free${notFree !== null ? `, page ${notFree} is not` : ''}`,
    maxWhy: (range: string) => `the longest free run, pages ${range}`,
    maxNone: 'no page is free',
    sumLabel: 'The chunk’s summary',
    lowEnd: 'free pages at the low end',
    highEnd: 'free pages at the high end',
    noFreeBelow: '(no free page below it)',
    pcacheTitle: 'P0’s page cache',
    empty: 'empty',
    pcache: (page: number, n: number, scav: number) =>
      `group at page ${page}, ${n} free page${n === 1 ? '' : 's'} held${scav ? ` (${scav} scavenged)` : ''}`,
    freedBack: (from: number, to: number) => `pages ${from}–${to} back to the page allocator`,
    released: (n: number) => `${n} pages returned to the OS (sysUnused)`,
    inThisStep: 'In this step:',
    yes: 'yes',
    runsCaption: 'Runs of free pages (pages in P0’s page cache count as in use)',
    tableHeaders: ['first page', 'last page', 'pages', 'scavenged', 'holds searchAddr'] as readonly string[],
    spans: (spans: string) => `Spans (letter, pages): ${spans}.`,
    legend: [
      'in use by a span, in its size class’s colour (hatched: a large object); letter at its first page',
      'free, held by P0’s page cache (in use for everyone else); its 64-page row is outlined',
      'free, still backed by memory',
      'free and scavenged (returned to the OS)',
    ] as readonly string[],
    summary: (steps: number) =>
      `The heap’s first 4 MiB chunk (512 pages) in ${steps} steps: small spans come from P0’s page cache, large ones from the page allocator’s first-fit search starting at searchAddr, a freed object leaves a hole that a request too big skips and a smaller one fills, and freeOSMemory scavenges the free pages.`,
    asTable: 'This step as a table',
  },

  /** The heap-pacing figure (site/widgets/heap-pacing/). */
  heapPacing: {
    num: (n: number) => n.toLocaleString('en-US'),
    goalNone: 'none (GOGC=off)',
    start: (last: number, goal: string) =>
      `Step 0 of ${last}: nothing allocated yet; the first heap goal is ${goal}.`,
    gc: (n: number, live: string) => ` A collection ran (${n} so far) and found ${live} live.`,
    step: (
      i: number,
      last: number,
      objects: string,
      alloc: string,
      goal: string,
      released: string,
      gc: string,
    ) =>
      `Step ${i} of ${last}: ${objects} objects allocated; HeapAlloc ${alloc}, goal ${goal}, released ${released}.${gc}`,
    summary: (
      gogc: number | string,
      total: string,
      totalMiB: string,
      kept: string,
      gcs: number,
      peak: string,
      alloc: string,
      released: string,
    ) =>
      `GOGC=${gogc}: ${total} objects of 1 KiB allocated (${totalMiB}), ${kept} kept; ${gcs} collections; peak HeapInuse ${peak}; at the end HeapAlloc ${alloc}, HeapReleased ${released}.`,
    goalLine: 'heap goal',
    retainedLine: 'retained',
    releasedLine: 'released',
    xAxis: 'MiB allocated so far',
    collection: (n: number) => `collection ${n}`,
    chartAlt: (allocs: string, alloc: string, inuse: string, goal: string, gcs: number, released: string) =>
      `Heap over time: after ${allocs} allocations, HeapAlloc ${alloc} MiB, HeapInuse ${inuse} MiB, heap goal ${goal}, ${gcs} collections, ${released} MiB released.`,
    rows: {
      allocated: 'objects allocated',
      retained: 'retained (HeapInuse + HeapIdle − HeapReleased)',
      nextGC: 'NextGC (heap goal)',
      lastMarked: 'live heap found by the last collection',
    },
    kept: 'Objects kept',
    link: 'Link to this setup',
    asTable: 'This step as a table',
    legend: (n: number, size: number) =>
      `Each step is ${n} more allocations of ${size} B with no pointers, sampled with ReadMemStats. Lines: heap goal (long dashes, a step at each collection), retained (dots), HeapInuse (short dashes), HeapAlloc (solid), released (dash-dot). Triangles under the axis mark collections.`,
  },

  /** The size-class-generator figure (site/widgets/size-class-generator/). */
  sizeClassGenerator: {
    noSpanLabel: 'No candidate span yet',
    noSpan: 'No span yet — press Step ▶ or Play.',
    barLabel: (npages: number, bytes: number, n: number, size: number, tail: number, limit: number) =>
      `A ${npages}-page span of ${bytes} bytes: ${n} objects of ${size} bytes, then a ${tail}-byte tail; the tail may be at most ${limit} bytes.`,
    tail: (tail: string, limit: string) => `tail ${tail} B (limit ${limit} B, dashed)`,
    classesLabel: 'Classes so far',
    classN: (n: number) => `class ${n}: `,
    actions: { start: 'start', new: 'new', widen: 'widen', grow: 'grow', done: 'done' } as Record<
      string,
      string
    >,
    rows: [
      'action',
      'candidate / class size',
      'step between candidates',
      'pages rejected first',
      'pages',
      'objects per span',
      'tail / limit',
      'classes so far',
    ] as readonly string[],
    rejected: (npages: number, tail: number, limit: number) => `${npages} (tail ${tail} > ${limit})`,
    none: 'none',
    summary: (steps: number) =>
      `How Go's generator arrives at its 67 size classes, one candidate size at a time: ${steps} steps. The dashed line marks the largest tail allowed (one eighth of the span).`,
    asTable: 'This step as a table',
    at: (i: number, last: number) => `Step ${i} of ${last}: `,
    start: 'start with no classes; candidates begin at 8 B and go up in steps of 8.',
    new: (
      size: number,
      step: number,
      objects: number,
      npages: number,
      tail: number,
      limit: number,
      c: number,
    ) =>
      `candidate ${size} B (step ${step}) fits ${objects} per ${npages}-page span, tail ${tail} B ≤ ${limit} B → new class ${c}.`,
    widen: (size: number, npages: number, objects: number, from: number, c: number) =>
      `candidate ${size} B needs the same ${npages} page${npages > 1 ? 's' : ''} and fits the same ${objects} objects as ${from} B → class ${c} widens from ${from} B to ${size} B.`,
    grow: (c: number, from: number, objects: number, npages: number, size: number) =>
      `grow pass: class ${c} (${from} B) still fits ${objects} objects in ${npages} page${npages > 1 ? 's' : ''} at ${size} B, so it grows to ${size} B.`,
    done: (n: number) => `done: ${n} classes, plus class 0 for large objects = ${n + 1}.`,
  },
}

export type UiStrings = typeof en
