// The paper as a Word document: header block, Beratungsfolge, numbered Beschlussantrag, Begründung,
// tables, Mitzeichnung, Anlagen, signature line; "Entwurf" in the page header of a draft.
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  TextRun,
  type ILevelsOptions,
} from 'docx'
import { makeDocxDeterministic } from './docx-deterministic'
import { decimalLevels, inlineRuns, numberingRefs, orderedDepth, richTextBlocks, toBlocks, type Block, type RichTextContext } from './docx-rich-text'
import { contentWidthTwips, headerBlock, textTable } from './docx-tables'
import type { Paper } from './paper'
import { emptySection, headings } from './phrases'
import { exportPaper } from './typeset'

const font = 'Arial'

const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] })
const plain = (text: string, options: { bold?: boolean; italics?: boolean } = {}) => new Paragraph({ children: [new TextRun({ text, ...options })] })
const noneLine = (items: string[]) => (items.length ? items.map((item) => plain(item)) : [plain(emptySection)])

/** Each Beschlussantrag item: its first paragraph numbered 1., 2., …; further blocks indented below. */
function resolutionBlocks(items: Paper['resolution'], context: RichTextContext): Block[] {
  if (!items) return []
  if (items.length === 0) return [heading(headings.resolution), plain('keine')]
  const blocks = items.flatMap((item) => {
    const [first, ...rest] = item.content ?? []
    const lead = new Paragraph({
      numbering: { reference: numberingRefs.resolution, level: 0 },
      children: inlineRuns(first?.type === 'paragraph' ? first.content : []),
    })
    const more = first?.type === 'paragraph' ? rest : item.content ?? []
    return [lead, ...more.flatMap((block) => toBlocks(block, context, 1))]
  })
  return [heading(headings.resolution), ...blocks]
}

/** The signatory as the papers print it, one line each; without one, a line to sign on. */
function signatureBlock(paper: Paper): Paragraph[] {
  if (paper.signatory.length === 0) {
    return [new Paragraph({ spacing: { before: 720, after: 0 }, keepNext: true, children: [new TextRun('_______________________________')] }), plain(paper.signatureCaption)]
  }
  return paper.signatory.map(
    (line, i) => new Paragraph({ spacing: { before: i === 0 ? 480 : 0, after: 0 }, keepNext: i < paper.signatory.length - 1, children: [new TextRun(line)] }),
  )
}

function paperBody(paper: Paper): Block[] {
  let instance = 0
  const context: RichTextContext = { nextListInstance: () => ++instance, headingOffset: 1 }
  const left = [{ text: paper.organisation, bold: true }, { text: paper.referat }, { text: paper.gz ? `Gz: ${paper.gz}` : '' }].filter((l) => l.text)
  const right = [{ text: paper.reference, bold: true }, { text: paper.placeAndDate }].filter((l) => l.text)
  return [
    headerBlock(left, right),
    new Paragraph({ spacing: { before: 480, after: 120 }, children: [new TextRun({ text: paper.title, bold: true, size: 28 })] }),
    plain(paper.kind),
    new Paragraph({ spacing: { before: 240, after: 80 }, keepNext: true, children: [new TextRun({ text: headings.consultations, bold: true })] }),
    paper.consultations.rows.length ? textTable(paper.consultations) : plain('keine'),
    ...resolutionBlocks(paper.resolution, context),
    heading(paper.bodyHeading),
    ...richTextBlocks(paper.body, context),
    ...(paper.positions ? [heading(headings.positions), textTable(paper.positions.table), plain(paper.positions.summary)] : []),
    heading(headings.finance),
    ...(paper.finance.length
      ? paper.finance.flatMap((f) => [new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [new TextRun({ text: f.caption, bold: true })] }), textTable(f.table)])
      : [plain('keine')]),
    heading(headings.cosignatures),
    ...paper.cosignatures.map((text) => plain(text)),
    heading(headings.pendingMotions),
    ...noneLine(paper.motions.pending),
    heading(headings.settledMotions),
    ...noneLine(paper.motions.settled),
    ...signatureBlock(paper),
    heading(headings.attachments),
    ...(paper.attachments.length ? paper.attachments.map((title, i) => plain(`${i + 1}. ${title}`)) : [plain('keine')]),
  ]
}

const bulletLevels: ILevelsOptions[] = ['•', '–', '▪', '•'].map((text, level) => ({
  level,
  format: LevelFormat.BULLET,
  text,
  alignment: AlignmentType.LEFT,
  style: { paragraph: { indent: { left: 454 * (level + 1), hanging: 284 } } },
}))

export function paperDocument(paper: Paper): Document {
  const rightTab = [{ type: TabStopType.RIGHT, position: contentWidthTwips }]
  const headerLines = [
    new Paragraph({ tabStops: rightTab, children: [new TextRun({ text: paper.reference, size: 18 }), new TextRun({ text: paper.draft ? '\tENTWURF' : '', bold: true, color: 'B00020', size: 24 })] }),
  ]
  const footer = new Paragraph({
    tabStops: rightTab,
    // Page numbers only: the state of the file is in its properties, not on paper.
    children: [new TextRun({ size: 16, children: ['\tSeite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES] })],
  })
  return new Document({
    title: paper.title,
    subject: paper.reference || paper.kind,
    creator: paper.organisation,
    description: paper.stateLabel,
    styles: {
      default: {
        document: { run: { font, size: 22 }, paragraph: { spacing: { after: 120, line: 276 } } },
        heading1: { run: { font, size: 24, bold: true, color: '000000' }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true } },
        heading2: { run: { font, size: 23, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true } },
        heading3: { run: { font, size: 22, bold: true, color: '000000' }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
        heading4: { run: { font, size: 22, bold: true, italics: true, color: '000000' }, paragraph: { spacing: { before: 160, after: 80 }, keepNext: true } },
      },
    },
    numbering: {
      config: [
        { reference: numberingRefs.resolution, levels: decimalLevels(1) },
        { reference: numberingRefs.ordered, levels: decimalLevels(orderedDepth) },
        { reference: numberingRefs.bullet, levels: bulletLevels },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1418, right: 1134, header: 567, footer: 567 } } },
        headers: { default: new Header({ children: headerLines }) },
        footers: { default: new Footer({ children: [footer] }) },
        children: paperBody(paper),
      },
    ],
  })
}

/** The DOCX bytes; equal papers and stamps give equal bytes (the OParl checksums rely on it). */
export async function renderDocx(paper: Paper, stamp: Date): Promise<Uint8Array> {
  const packed = await Packer.toBuffer(paperDocument(exportPaper(paper)))
  return makeDocxDeterministic(new Uint8Array(packed), stamp)
}
