/**
 * The one place chapters import their components from:
 *
 *   import { Cell, SizeClassExplorer } from '../site/components/index.ts'
 *
 * (from `content/zh/*.mdx` the path is '../../site/components/index.ts').
 * Widgets live in `site/widgets/<name>/` (see site/widgets/README.md); code cells in
 * `site/cells/` behind `Cell.astro`. Add a new component here when a chapter needs it.
 */
export { default as Cell } from './Cell.astro'
export { default as SizeClassExplorer } from '../widgets/size-class-explorer/SizeClassExplorer.astro'
export { default as SizeClassGenerator } from '../widgets/size-class-generator/SizeClassGenerator.astro'
export { default as PerPCaches } from '../widgets/per-p-caches/PerPCaches.astro'
export { default as HeapPacing } from '../widgets/heap-pacing/HeapPacing.astro'
export { default as GcCycle } from '../widgets/gc-cycle/GcCycle.astro'
export { default as McentralSets } from '../widgets/mcentral-sets/McentralSets.astro'
export { default as PageAlloc } from '../widgets/page-alloc/PageAlloc.astro'
export { default as GoFact } from './GoFact.astro'
