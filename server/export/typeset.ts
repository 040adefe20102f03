// What every exported string goes through before DOCX or PDF sees it: characters XML forbids are dropped,
// direction overrides (which can make a text read backwards) are dropped, over-long words get break
// opportunities (unbreakable words made pdfmake's line breaker run for minutes), and only http(s) and
// mailto links stay links. Stored content is never trusted to have passed any of this.
import type { RichTextDoc } from '../../shared/model'
import type { RichTextMark, RichTextNode } from '../../shared/rich-text'
import type { Paper, TextTable } from './paper'

/** C0 controls but tab/newline/return, lone surrogates, U+FFFE/U+FFFF: none may appear in XML 1.0. */
const xmlForbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/** Embeddings, overrides and isolates (LRE…RLO, LRI…PDI): they reorder what follows and can spoof text. */
const directionControls = /[\u202A-\u202E\u2066-\u2069]/g

/** A word longer than this many code points gets a zero-width space after every this many. */
export const longWordLength = 40
const breakEvery = 30
const zeroWidthSpace = '\u200B'
const longWord = new RegExp(`[^\\s\\u200B]{${longWordLength + 1},}`, 'gu')

function breakLongWords(text: string): string {
  return text.replace(longWord, (word) => {
    const points = Array.from(word)
    const parts: string[] = []
    for (let i = 0; i < points.length; i += breakEvery) parts.push(points.slice(i, i + breakEvery).join(''))
    return parts.join(zeroWidthSpace)
  })
}

/** A string as it may appear in an exported file. */
export function exportText(text: string): string {
  return breakLongWords(text.replace(xmlForbidden, '').replace(directionControls, ''))
}

const linkSchemes = new Set(['http:', 'https:', 'mailto:'])

/** The href if it may become a link in an export (http, https, mailto), else null: shown as plain text. */
export function safeLinkTarget(href: unknown): string | null {
  if (typeof href !== 'string') return null
  try {
    const url = new URL(href.trim())
    return linkSchemes.has(url.protocol) ? url.href : null
  } catch {
    return null
  }
}

function exportMarks(marks: RichTextMark[] | undefined): RichTextMark[] | undefined {
  if (!marks) return undefined
  return marks.flatMap((mark): RichTextMark[] => {
    if (mark.type !== 'link') return [mark]
    const href = safeLinkTarget(mark.attrs?.href)
    return href ? [{ ...mark, attrs: { ...mark.attrs, href } }] : []
  })
}

function exportNode(node: RichTextNode): RichTextNode {
  return {
    ...node,
    ...(node.text !== undefined ? { text: exportText(node.text) } : {}),
    ...(node.marks ? { marks: exportMarks(node.marks) } : {}),
    ...(node.content ? { content: node.content.map(exportNode) } : {}),
  }
}

const exportRichText = (doc: RichTextDoc): RichTextDoc => exportNode(doc) as RichTextDoc
const exportTable = (table: TextTable): TextTable => ({
  ...table,
  head: table.head.map(exportText),
  rows: table.rows.map((row) => ({ ...row, cells: row.cells.map(exportText) })),
  foot: table.foot.map((cells) => cells.map(exportText)),
})

/** The paper with every text made safe to write into DOCX and PDF. */
export function exportPaper(paper: Paper): Paper {
  return {
    ...paper,
    organisation: exportText(paper.organisation),
    referat: exportText(paper.referat),
    gz: exportText(paper.gz),
    reference: exportText(paper.reference),
    placeAndDate: exportText(paper.placeAndDate),
    title: exportText(paper.title),
    consultations: exportTable(paper.consultations),
    resolution: paper.resolution?.map(exportRichText) ?? null,
    bodyHeading: exportText(paper.bodyHeading),
    body: exportRichText(paper.body),
    positions: paper.positions ? { table: exportTable(paper.positions.table), summary: exportText(paper.positions.summary) } : null,
    finance: paper.finance.map((f) => ({ caption: exportText(f.caption), table: exportTable(f.table) })),
    cosignatures: paper.cosignatures.map(exportText),
    motions: { pending: paper.motions.pending.map(exportText), settled: paper.motions.settled.map(exportText) },
    attachments: paper.attachments.map(exportText),
    signatory: paper.signatory.map(exportText),
    signatureCaption: exportText(paper.signatureCaption),
    stateLabel: exportText(paper.stateLabel),
  }
}
