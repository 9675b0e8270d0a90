/**
 * The site's interface strings in English: every word a figure's controls, a cell or the header
 * puts on a page. `zh.ts` has the same shape (its type is this table's), so a string missing in
 * one language fails the type check. Chapters' prose lives in content/; these are only the UI.
 */
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many)

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
}

export type UiStrings = typeof en
