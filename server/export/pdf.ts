// The paper as an A4 PDF through pdfmake: Roboto embedded (umlauts, ß; Noto where Roboto lacks glyphs),
// page numbers, and a draft marked "ENTWURF" in the page header and as a watermark on every page. A
// table too wide for an upright page (long words, many columns) gets pages turned to landscape.
import path from 'node:path'
import pdfmake from 'pdfmake'
import type { Content, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { Paper, TextTable } from './paper'
import { fitColumns, type FittedColumns } from './column-widths'
import { definitionWithFallbackFonts, fontFiles, pdfFonts } from './pdf-fonts'
import { emptySection, headings } from './phrases'
import { numberedList, richTextContent } from './pdf-rich-text'
import { exportPaper } from './typeset'

/** A4 with 2,5 cm left and 2 cm right margin, in points. */
const margins = { left: 71, right: 57, top: 62, bottom: 56 }
const a4 = { short: 595.28, long: 841.89 }
/** The text width between the margins, upright and on a page turned for a wide table. */
const textWidths = { portrait: a4.short - margins.left - margins.right, landscape: a4.long - margins.left - margins.right }
type Orientation = keyof typeof textWidths
const cellPadding = 4

const grey = '#8c8c8c'
const tableLayouts: Record<string, CustomTableLayout> = {
  paperRules: {
    hLineWidth: () => 0.5,
    vLineWidth: () => 0.5,
    hLineColor: () => grey,
    vLineColor: () => grey,
    paddingLeft: () => cellPadding,
    paddingRight: () => cellPadding,
    paddingTop: () => 2,
    paddingBottom: () => 2,
  },
}

const heading = (text: string): Content => ({ text, style: 'h1' })
// A function, not a constant: pdfmake writes layout data into the nodes it is given.
const none = (): Content => ({ text: 'keine', style: 'paragraph' })

/** Rows are kept whole only while none could outgrow a page: pdfmake drops a whole row taller than one. */
export const rowsFitOnAPage = (rows: string[][]): boolean => rows.every((cells) => cells.every((text) => text.length <= 1500))

type FittedTable = FittedColumns & { orientation: Orientation }

/**
 * Widths from the content, so no word is broken inside and amounts stay on one line: on an upright
 * page if every column gets its longest word there (at 9 pt, else a smaller size), else on a page
 * turned to landscape. `orientation` fits the table to a page already chosen.
 */
function fitTable(data: TextTable, orientation?: Orientation): FittedTable {
  const fit = (on: Orientation) => ({ ...fitColumns(data, textWidths[on] - data.widths.length * (2 * cellPadding + 0.5) - 0.5), orientation: on })
  if (orientation) return fit(orientation)
  const upright = fit('portrait')
  return upright.fits ? upright : fit('landscape')
}

function textTable(data: TextTable, { widths, fontSize }: FittedTable): Content {
  const alignment = (i: number) => data.align[i] ?? 'left'
  const head: TableCell[] = data.head.map((text, i) => ({ text, bold: true, fillColor: '#e8e8e8', alignment: alignment(i) }))
  const rows: TableCell[][] = data.rows.map((row) =>
    row.group
      ? [{ text: row.cells[0] ?? '', italics: true, colSpan: widths.length }, ...widths.slice(1).map(() => ({}))]
      : row.cells.map((text, i) => ({ text, alignment: alignment(i) })),
  )
  const foot: TableCell[][] = data.foot.map((cells) => cells.map((text, i) => ({ text, bold: true, alignment: alignment(i) })))
  return {
    table: { headerRows: 1, widths, body: [head, ...rows, ...foot], dontBreakRows: rowsFitOnAPage(data.rows.map((row) => row.cells)) },
    layout: 'paperRules',
    fontSize,
    margin: [0, 2, 0, 8],
  }
}

function headerBlock(paper: Paper): Content {
  return {
    columns: [
      { stack: [{ text: paper.organisation, bold: true }, paper.referat, paper.gz ? `Gz: ${paper.gz}` : ''], width: '*' },
      { stack: [{ text: paper.reference, bold: true }, paper.placeAndDate], width: 'auto', alignment: 'right' },
    ],
    margin: [0, 0, 0, 24],
  }
}

function resolution(items: Paper['resolution']): Content[] {
  if (!items) return []
  if (items.length === 0) return [heading(headings.resolution), none()]
  const ol = items.map((item): Content => {
    const blocks = richTextContent(item)
    return blocks.length === 1 ? blocks[0]! : { stack: blocks }
  })
  return [heading(headings.resolution), numberedList(ol)]
}

/** The signatory as the papers print it, one line each; without one, a line to sign on. */
function signatureBlock(paper: Paper): Content {
  if (paper.signatory.length) return { stack: paper.signatory.map((text) => ({ text })), margin: [0, 36, 0, 0], unbreakable: true }
  return {
    stack: [{ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 200, y2: 0, lineWidth: 0.5 }] }, { text: paper.signatureCaption, margin: [0, 4, 0, 0] }],
    margin: [0, 48, 0, 0],
    unbreakable: true,
  }
}

/** Part of the paper, laid out on upright pages unless a table in it needs a page turned to landscape. */
type Block = { content: Content[]; orientation: Orientation }

const upright = (...content: Content[]): Block => ({ content, orientation: 'portrait' })

/** Tables of one section on the pages they need: all upright, or all on landscape pages if one needs it. */
function tablesBlock(tables: TextTable[], content: (table: (i: number) => Content) => Content[]): Block {
  const orientation: Orientation = tables.some((t) => fitTable(t).orientation === 'landscape') ? 'landscape' : 'portrait'
  return { content: content((i) => textTable(tables[i]!, fitTable(tables[i]!, orientation))), orientation }
}

/** The blocks in order, each turn of the page orientation starting a new page. */
function paginate(blocks: Block[]): Content[] {
  let orientation: Orientation = 'portrait'
  return blocks.flatMap((block): Content[] => {
    if (block.orientation === orientation || block.content.length === 0) return block.content
    orientation = block.orientation
    return [{ stack: block.content, pageBreak: 'before', pageOrientation: orientation }]
  })
}

function content(paper: Paper): Content[] {
  const lines = (items: string[]): Content[] => (items.length ? items.map((text) => ({ text, style: 'paragraph' })) : [none()])
  const motions = (items: string[]): Content[] => (items.length ? lines(items) : [{ text: emptySection, style: 'paragraph' }])
  const positions = paper.positions
  return paginate([
    upright(
      headerBlock(paper),
      { text: paper.title, style: 'title' },
      { text: paper.kind, margin: [0, 0, 0, 14] },
      { text: headings.consultations, bold: true, margin: [0, 0, 0, 4] },
      // Four short columns: upright always (a hostile long word is scaled, not turned).
      paper.consultations.rows.length ? textTable(paper.consultations, fitTable(paper.consultations, 'portrait')) : none(),
      ...resolution(paper.resolution),
      heading(paper.bodyHeading),
      ...richTextContent(paper.body),
    ),
    positions
      ? tablesBlock([positions.table], (table) => [heading(headings.positions), table(0), { text: positions.summary, style: 'paragraph' }])
      : upright(),
    paper.finance.length
      ? tablesBlock(
          paper.finance.map((f) => f.table),
          (table) => [heading(headings.finance), ...paper.finance.flatMap((f, i): Content[] => [{ text: f.caption, bold: true, margin: [0, 4, 0, 4] }, table(i)])],
        )
      : upright(heading(headings.finance), none()),
    upright(
      heading(headings.cosignatures),
      ...lines(paper.cosignatures),
      heading(headings.pendingMotions),
      ...motions(paper.motions.pending),
      heading(headings.settledMotions),
      ...motions(paper.motions.settled),
      signatureBlock(paper),
      heading(headings.attachments),
      ...(paper.attachments.length ? paper.attachments.map((title, i): Content => ({ text: `${i + 1}. ${title}`, style: 'paragraph' })) : [none()]),
    ),
  ])
}

function definition(paper: Paper, stamp: Date): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [margins.left, margins.top, margins.right, margins.bottom],
    // Fixed dates: equal papers give equal bytes (pdfkit derives the file id from them too).
    info: { title: paper.title, author: paper.organisation, subject: paper.reference || paper.kind, creator: 'Mitzeichnung', producer: 'Mitzeichnung', creationDate: stamp, modDate: stamp },
    header: () => ({
      columns: [
        { text: paper.reference, fontSize: 8, color: '#555555' },
        paper.draft ? { text: 'ENTWURF', bold: true, color: '#b00020', fontSize: 11, alignment: 'right' } : { text: '' },
      ],
      margin: [margins.left, 28, margins.right, 0],
    }),
    // Page numbers only: real papers carry no internal state line.
    footer: (currentPage: number, pageCount: number) => ({
      columns: [{ text: `Seite ${currentPage} von ${pageCount}`, fontSize: 8, alignment: 'right', width: '*' }],
      margin: [margins.left, 20, margins.right, 0],
    }),
    watermark: paper.draft ? { text: 'ENTWURF', color: '#b00020', opacity: 0.07, bold: true, fontSize: 110 } : undefined,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 14, bold: true, margin: [0, 0, 0, 6] },
      h1: { fontSize: 12, bold: true, margin: [0, 14, 0, 6] },
      h2: { fontSize: 11, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 3] },
      h4: { fontSize: 10, bold: true, italics: true, margin: [0, 6, 0, 3] },
      paragraph: { margin: [0, 0, 0, 6] },
      list: { margin: [0, 0, 0, 6] },
    },
    content: content(paper),
  }
}

/** The PDF bytes; equal papers and stamps give equal bytes (the OParl checksums rely on it). */
export async function renderPdf(paper: Paper, stamp: Date): Promise<Uint8Array> {
  // pdfmake is one configured object per process; set what this renderer relies on every time.
  pdfmake.setFonts(pdfFonts)
  pdfmake.setTableLayouts(tableLayouts)
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy((file) => fontFiles.has(path.resolve(file)))
  const buffer = await pdfmake.createPdf(definitionWithFallbackFonts(definition(exportPaper(paper), stamp))).getBuffer()
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

