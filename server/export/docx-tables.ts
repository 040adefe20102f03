// Word tables of the paper (Beratungsfolge, positions, finance) and the borderless header block.
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
} from 'docx'
import type { TextTable } from './paper'

/** Text width of an A4 page with the paper's margins (2,5 cm left, 2 cm right), in twips. */
export const contentWidthTwips = 11906 - 1418 - 1134

const rule: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C' }
const cellMargins = { top: 40, bottom: 40, left: 80, right: 80 }

const columnWidths = (weights: number[]): number[] => {
  const total = weights.reduce((a, b) => a + b, 0)
  return weights.map((w) => Math.round((w / total) * contentWidthTwips))
}

function cell(text: string, options: { width: number; align: 'left' | 'right'; bold?: boolean; italics?: boolean; span?: number; shade?: boolean }) {
  return new TableCell({
    width: { size: options.width, type: WidthType.DXA },
    columnSpan: options.span,
    margins: cellMargins,
    shading: options.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } : undefined,
    children: [
      new Paragraph({
        alignment: options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: { after: 0 },
        children: [new TextRun({ text, bold: options.bold, italics: options.italics, size: 20 })],
      }),
    ],
  })
}

/** A ruled table with a repeated head row, grouped account rows and bold sum rows. */
export function textTable(data: TextTable): Table {
  const widths = columnWidths(data.widths)
  const alignOf = (i: number) => data.align[i] ?? 'left'
  const head = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: data.head.map((text, i) => cell(text, { width: widths[i]!, align: alignOf(i), bold: true, shade: true })),
  })
  const body = data.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: row.group
          ? [cell(row.cells[0] ?? '', { width: contentWidthTwips, align: 'left', italics: true, span: widths.length })]
          : row.cells.map((text, i) => cell(text, { width: widths[i]!, align: alignOf(i) })),
      }),
  )
  const foot = data.foot.map(
    (cells) => new TableRow({ cantSplit: true, children: cells.map((text, i) => cell(text, { width: widths[i]!, align: alignOf(i), bold: true })) }),
  )
  return new Table({
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    width: { size: contentWidthTwips, type: WidthType.DXA },
    borders: { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule },
    rows: [head, ...body, ...foot],
  })
}

/** Two borderless columns: who sends the paper (left), its number and date (right). */
export function headerBlock(left: { text: string; bold?: boolean }[], right: { text: string; bold?: boolean }[]): Table {
  const half = Math.round(contentWidthTwips / 2)
  const column = (lines: { text: string; bold?: boolean }[], align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new TableCell({
      width: { size: half, type: WidthType.DXA },
      children: lines.map((line) => new Paragraph({ alignment: align, spacing: { after: 40 }, children: [new TextRun({ text: line.text, bold: line.bold })] })),
    })
  return new Table({
    columnWidths: [half, half],
    layout: TableLayoutType.FIXED,
    width: { size: contentWidthTwips, type: WidthType.DXA },
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [column(left, AlignmentType.LEFT), column(right, AlignmentType.RIGHT)] })],
  })
}
