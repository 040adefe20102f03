// Column widths of the paper's text tables from their content: no column narrower than its longest
// word (amounts: their whole text), spare room where the text is long; a smaller font only if needed.
import type { TextTable } from './paper'

/** Approximate advance widths of Roboto in em: wide, capital, narrow, space; everything else `normal`. */
const em = { wide: 0.9, capital: 0.68, narrow: 0.3, space: 0.26, normal: 0.57 }
const wide = /[mwMWÄÖÜ@%—–]/u
const narrow = /[ijlrtf.,:;!'|()/\-]/u

/** The width of `text` in points at `fontSize`, slightly generous so a measured word really fits. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0
  for (const ch of text) {
    if (ch === ' ') units += em.space
    else if (wide.test(ch)) units += em.wide
    else if (narrow.test(ch)) units += em.narrow
    else if (ch !== ch.toLowerCase()) units += em.capital
    else units += em.normal
  }
  return units * fontSize * (bold ? 1.05 : 1) + 1
}

const widestWord = (text: string, fontSize: number, bold: boolean) =>
  Math.max(0, ...text.split(/[\s\u200B]+/u).map((word) => textWidth(word, fontSize, bold)))

const widestLine = (text: string, fontSize: number, bold: boolean) => Math.max(0, ...text.split('\n').map((line) => textWidth(line, fontSize, bold)))

type Cell = { text: string; bold: boolean }

function cellsByColumn(table: TextTable): Cell[][] {
  const columns: Cell[][] = table.head.map(() => [])
  table.head.forEach((text, i) => columns[i]!.push({ text, bold: true }))
  for (const row of table.rows) if (!row.group) row.cells.forEach((text, i) => columns[i]?.push({ text, bold: false }))
  for (const foot of table.foot) foot.forEach((text, i) => columns[i]?.push({ text, bold: true }))
  return columns
}

/** `fits`: every column has at least its longest word (amounts: their whole text), so nothing is broken inside. */
export type FittedColumns = { widths: number[]; fontSize: number; fits: boolean }

/**
 * Widths (in points, without padding) that add up to `usable`. Each column gets at least its longest
 * word — right-aligned columns (amounts) their longest whole text, so "1.234.567 €" stays on one line —
 * then the rest goes to the columns whose text is longer than that. The font shrinks only when the
 * minimums do not fit at 9 pt; at the smallest size the minimums are scaled down and `fits` is false
 * (the caller may try a wider page).
 */
export function fitColumns(table: TextTable, usable: number, fontSizes: readonly number[] = [9, 8, 7.5]): FittedColumns {
  const columns = cellsByColumn(table)
  for (const fontSize of fontSizes) {
    const min = columns.map((cells, i) =>
      Math.max(...cells.map((c) => (table.align[i] === 'right' ? widestLine(c.text, fontSize, c.bold) : widestWord(c.text, fontSize, c.bold)))),
    )
    const max = columns.map((cells, i) => Math.max(min[i]!, ...cells.map((c) => widestLine(c.text, fontSize, c.bold))))
    const needed = min.reduce((a, b) => a + b, 0)
    if (needed > usable && fontSize !== fontSizes[fontSizes.length - 1]) continue
    if (needed > usable) return { widths: min.map((w) => (w / needed) * usable), fontSize, fits: false }
    return { widths: share(min, max, usable), fontSize, fits: true }
  }
  throw new Error('no font size given')
}

/** Grows the columns from `min` towards `max` in proportion to what each still lacks; any rest in proportion to `max`. */
function share(min: number[], max: number[], usable: number): number[] {
  const spare = usable - min.reduce((a, b) => a + b, 0)
  const lacking = max.map((m, i) => m - min[i]!)
  const lack = lacking.reduce((a, b) => a + b, 0)
  if (lack >= spare) return min.map((w, i) => w + (lack === 0 ? 0 : (lacking[i]! / lack) * spare))
  const rest = spare - lack
  const total = max.reduce((a, b) => a + b, 0)
  return max.map((w) => w + (total === 0 ? rest / max.length : (w / total) * rest))
}
