// Rich text (ProseMirror JSON) as Word content: real headings, numbered and bulleted lists, tables, marks.
import {
  AlignmentType,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from 'docx'
import type { RichTextNode } from '../../shared/rich-text'
import { safeLinkTarget } from './typeset'

/** What Word content is made of here: paragraphs and tables. */
export type Block = Paragraph | Table

/** Numbering definitions the converter refers to; docx.ts declares them. */
export const numberingRefs = { bullet: 'body-bullet', ordered: 'body-ordered', resolution: 'resolution' } as const

export type RichTextContext = {
  /** Each ordered list restarts at 1: a new numbering instance per list. */
  nextListInstance(): number
  /** Word's heading level of a body `h1` (section headings use level 1). */
  headingOffset: number
}

const headingLevels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6]

export function inlineRuns(nodes: readonly RichTextNode[] = []): ParagraphChild[] {
  return nodes.flatMap((node): ParagraphChild[] => {
    if (node.type === 'hard_break') return [new TextRun({ break: 1 })]
    if (node.type !== 'text' || !node.text) return []
    const marks = new Set((node.marks ?? []).map((m) => m.type))
    // Only http(s) and mailto go into the relationships; anything else stays plain text.
    const href = safeLinkTarget(node.marks?.find((m) => m.type === 'link')?.attrs?.href)
    // undefined, not false: a run without a mark inherits, and the XML stays small.
    const run = new TextRun({ text: node.text, bold: marks.has('strong') || undefined, italics: marks.has('em') || undefined, style: href ? 'Hyperlink' : undefined })
    return href ? [new ExternalHyperlink({ link: href, children: [run] })] : [run]
  })
}

/** Numbered levels "1.", "1." …, each `count` deep and starting at `start`. */
export const decimalLevels = (count: number, start = 1): ILevelsOptions[] =>
  Array.from({ length: count }, (_, level) => ({
    level,
    format: LevelFormat.DECIMAL,
    text: `%${level + 1}.`,
    start,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 454 * (level + 1), hanging: 454 } } },
  }))

/** How deep ordered lists nest in the Begründung's numbering. */
export const orderedDepth = 4

/** An ordered list's numbering: the document's own from 1, or a definition of its own where the author's list goes on at n ("12."). */
function orderedNumbering(start: number): string | NumberingDefinition {
  if (start === 1) return numberingRefs.ordered
  return { reference: `${numberingRefs.ordered}-from-${start}`, levels: decimalLevels(orderedDepth, start) }
}

type ListNumbering = { reference: string | NumberingDefinition; level: number; instance?: number }

function listItems(list: RichTextNode, context: RichTextContext, level: number): Block[] {
  const ordered = list.type === 'ordered_list'
  const start = Math.max(1, Math.floor(Number(list.attrs?.order) || 1))
  const numbering: ListNumbering = ordered
    ? { reference: orderedNumbering(start), level, instance: context.nextListInstance() }
    : { reference: numberingRefs.bullet, level }
  return (list.content ?? []).flatMap((item) => {
    const [first, ...rest] = item.content ?? []
    const lead = new Paragraph({ numbering, children: inlineRuns(first?.type === 'paragraph' ? first.content : []) })
    const more = first?.type === 'paragraph' ? rest : item.content ?? []
    return [lead, ...more.flatMap((block) => toBlocks(block, context, level + 1))]
  })
}

function table(node: RichTextNode, context: RichTextContext): Table {
  const rows = (node.content ?? []).map(
    (row) =>
      new TableRow({
        children: (row.content ?? []).map((cell) => {
          const blocks = (cell.content ?? []).flatMap((block) => toBlocks(block, context, 0))
          return new TableCell({ children: blocks.length ? blocks : [new Paragraph('')] })
        }),
      }),
  )
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } })
}

/** One block node as Word blocks; `level` is the list nesting depth. */
export function toBlocks(node: RichTextNode, context: RichTextContext, level = 0): Block[] {
  switch (node.type) {
    case 'paragraph':
      return [new Paragraph({ children: inlineRuns(node.content), indent: level ? { left: 360 * level } : undefined })]
    case 'heading': {
      const depth = Math.min(Math.max(Number(node.attrs?.level) || 1, 1) + context.headingOffset, headingLevels.length)
      return [new Paragraph({ heading: headingLevels[depth - 1], children: inlineRuns(node.content) })]
    }
    case 'bullet_list':
    case 'ordered_list':
      return listItems(node, context, level)
    case 'table':
      return [table(node, context)]
    default:
      // Unknown blocks still show their text rather than vanish.
      return node.content ? node.content.flatMap((child) => toBlocks(child, context, level)) : []
  }
}

export const richTextBlocks = (doc: RichTextNode, context: RichTextContext): Block[] =>
  (doc.content ?? []).flatMap((block) => toBlocks(block, context))
