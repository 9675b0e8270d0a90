/**
 * One colour per size class, the same on every page: a span of class 5 is drawn in the same hue
 * in the arena, spans, mspan and page-allocator figures. The hues are Paul Tol's colour-blind-safe
 * "muted" scheme (nine colours that stay apart under the common colour-vision deficiencies), each
 * with a light-theme and a dark-theme value and an ink (text) colour chosen for contrast on it.
 * Colour is never the only cue: every span also carries its class as text (see span-strip.ts).
 *
 * CSS: memory.css defines `--nb-class-0` … `--nb-class-8` (fill) and `--nb-class-K-ink` (text
 * on that fill) for both themes, plus `--nb-class-large` for class 0 (large objects). The values
 * below are the single source the test checks memory.css against.
 */

export interface ClassColour {
  /** Tol's name for the hue. */
  name: string
  light: string
  dark: string
  /** Text colour on the light-theme fill and on the dark-theme fill. */
  inkLight: string
  inkDark: string
}

const black = '#000000'
const white = '#ffffff'

/** Nine hues, in the order classes take them (neighbouring classes differ strongly). */
export const classColours: readonly ClassColour[] = Object.freeze([
  { name: 'cyan', light: '#88ccee', dark: '#88ccee', inkLight: black, inkDark: black },
  { name: 'rose', light: '#cc6677', dark: '#dd7788', inkLight: black, inkDark: black },
  { name: 'teal', light: '#44aa99', dark: '#44aa99', inkLight: black, inkDark: black },
  { name: 'indigo', light: '#332288', dark: '#8877dd', inkLight: white, inkDark: black },
  { name: 'sand', light: '#ddcc77', dark: '#ddcc77', inkLight: black, inkDark: black },
  { name: 'wine', light: '#882255', dark: '#cc5599', inkLight: white, inkDark: black },
  { name: 'green', light: '#117733', dark: '#44bb66', inkLight: white, inkDark: black },
  { name: 'olive', light: '#999933', dark: '#bbbb55', inkLight: black, inkDark: black },
  { name: 'purple', light: '#aa4499', dark: '#cc77bb', inkLight: white, inkDark: black },
])

/** Class 0 (a large object, its own span): pale grey, always drawn hatched as well. */
export const largeColour: ClassColour = Object.freeze({
  name: 'pale grey',
  light: '#bbbbbb',
  dark: '#999999',
  inkLight: black,
  inkDark: black,
})

const checkClass = (sizeclass: number): void => {
  if (!Number.isInteger(sizeclass) || sizeclass < 0 || sizeclass > 67)
    throw new RangeError(`sizeclass must be an integer 0..67, got ${String(sizeclass)}`)
}

/**
 * Which of the nine hues a size class takes; -1 for class 0. A multiplicative spread —
 * the fractional part of class × 0.404, cut into nine bins — chosen so that neighbouring classes
 * always differ and so do the classes the chapters draw most (8, 16, 24, 48, 128, 256, 512, 1024,
 * 3072 and 4096 bytes: classes 1, 2, 3, 5, 10, 18, 26, 32, 41, 44 — all but class 10 in hues
 * of their own).
 */
export function classColourIndex(sizeclass: number): number {
  checkClass(sizeclass)
  return sizeclass === 0 ? -1 : Math.floor((((sizeclass * 404) % 1000) * classColours.length) / 1000)
}

/** The CSS fill of a size class: `var(--nb-class-K)` (`var(--nb-class-large)` for class 0). */
export function classFill(sizeclass: number): string {
  const i = classColourIndex(sizeclass)
  return i < 0 ? 'var(--nb-class-large)' : `var(--nb-class-${i})`
}

/** The CSS colour of text drawn on a class's fill. */
export function classInk(sizeclass: number): string {
  const i = classColourIndex(sizeclass)
  return i < 0 ? 'var(--nb-class-large-ink)' : `var(--nb-class-${i}-ink)`
}

/** A span class (Go: sizeclass<<1 | noscan) split into its size class and noscan bit. */
export function splitSpanClass(spanclass: number): { sizeclass: number; noscan: boolean } {
  if (!Number.isInteger(spanclass) || spanclass < 0 || spanclass > 135)
    throw new RangeError(`spanclass must be an integer 0..135, got ${String(spanclass)}`)
  return { sizeclass: spanclass >> 1, noscan: (spanclass & 1) === 1 }
}

/** The CSS custom properties of the palette for one theme (memory.css holds this text). */
export function paletteDeclarations(theme: 'light' | 'dark'): string[] {
  const pick = (c: ClassColour) => (theme === 'light' ? [c.light, c.inkLight] : [c.dark, c.inkDark])
  const out: string[] = []
  classColours.forEach((c, i) => {
    const [fill, ink] = pick(c)
    out.push(`--nb-class-${i}: ${fill};`, `--nb-class-${i}-ink: ${ink};`)
  })
  const [lf, li] = pick(largeColour)
  out.push(`--nb-class-large: ${lf};`, `--nb-class-large-ink: ${li};`)
  return out
}
