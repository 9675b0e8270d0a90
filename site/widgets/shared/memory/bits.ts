/**
 * Bits as a grid: one square per bit, set = filled with the foreground colour and a "1" when the
 * square is big enough, clear = empty box ("0"). Bit i sits at column i % cols, row i / cols,
 * least significant first (the order Go's runtime indexes its bitmaps: bit i of byte i/8). A gap
 * every 8 columns shows the byte boundaries. Used for allocBits/gcmarkBits, allocCache, heap
 * bitmaps and the page allocator's bitmap.
 */
export interface BitGridOptions {
  x: number
  y: number
  /** Bits (truthy = set). */
  bits: ArrayLike<number | boolean>
  cols: number
  /** Side of one square. */
  cell: number
  /** Extra gap after every 8 columns (default cell / 4). */
  byteGap?: number
  /** Bits a step changed (transition class). */
  changed?: ReadonlySet<number>
  /** Bits to outline as "looked at" (e.g. the word nextFreeFast reads). */
  highlight?: ReadonlySet<number>
  /** Print 1/0 in the squares (default: when cell ≥ 9). */
  digits?: boolean
}

const r2 = (v: number) => Math.round(v * 100) / 100

/** Top-left corner of bit i. */
export function bitXY(o: Pick<BitGridOptions, 'x' | 'y' | 'cols' | 'cell' | 'byteGap'>, i: number) {
  const col = i % o.cols
  const gap = o.byteGap ?? o.cell / 4
  return { x: o.x + col * o.cell + Math.floor(col / 8) * gap, y: o.y + Math.floor(i / o.cols) * (o.cell + 2) }
}

/** Width and height of the grid for n bits. */
export function bitGridSize(o: Pick<BitGridOptions, 'cols' | 'cell' | 'byteGap'>, n: number) {
  const gap = o.byteGap ?? o.cell / 4
  const cols = Math.min(o.cols, n)
  return {
    width: cols * o.cell + Math.floor((cols - 1) / 8) * gap,
    height: Math.ceil(n / o.cols) * (o.cell + 2) - 2,
  }
}

export function bitGridSVG(o: BitGridOptions): string {
  const digits = o.digits ?? o.cell >= 9
  const out: string[] = []
  for (let i = 0; i < o.bits.length; i++) {
    const set = Boolean(o.bits[i])
    const { x, y } = bitXY(o, i)
    const cls = `nb-m-bit ${set ? 'nb-m-bit1' : 'nb-m-bit0'}${o.changed?.has(i) ? ' nb-m-changed' : ''}${o.highlight?.has(i) ? ' nb-m-hl' : ''}`
    const s = o.cell - 1
    out.push(
      `<g class="${cls}" data-bit="${i}"><rect x="${r2(x + 0.5)}" y="${r2(y + 0.5)}" width="${r2(s)}" height="${r2(s)}"/>${
        digits ? `<text x="${r2(x + o.cell / 2)}" y="${r2(y + o.cell / 2)}">${set ? 1 : 0}</text>` : ''
      }</g>`,
    )
  }
  return `<g class="nb-m-bits">${out.join('')}</g>`
}
