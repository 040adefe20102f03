// Rich text (ProseMirror JSON) as pdfmake content: headings, lists, tables, bold/italic, links.
import type { Content, ContentText, TableCell } from 'pdfmake/interfaces'
import { richTextToPlain, type RichTextNode } from '../../shared/rich-text'
import { safeLinkTarget } from './typeset'

/** pdfmake style names of body headings h1–h3 (section headings use `h1` of the paper itself). */
const headingStyles = ['h2', 'h3', 'h4', 'h4', 'h4', 'h4']

export function inlineText(nodes: readonly RichTextNode[] = []): ContentText[] {
  return nodes.flatMap((node): ContentText[] => {
    if (node.type === 'hard_break') return [{ text: '\n' }]
    if (node.type !== 'text' || !node.text) return []
    const marks = new Set((node.marks ?? []).map((m) => m.type))
    // Only http(s) and mailto become link targets; anything else stays plain text.
    const href = safeLinkTarget(node.marks?.find((m) => m.type === 'link')?.attrs?.href)
    return [
      {
        text: node.text,
        bold: marks.has('strong') || undefined,
        italics: marks.has('em') || undefined,
        ...(href ? { link: href, color: '#1a4f8b', decoration: 'underline' as const } : {}),
      },
    ]
  })
}

/**
 * A numbered list as rows of [number, text] columns: pdfmake's own `ol` draws the number after the
 * first line, so copied or extracted text would read "…zwischen1. dem …".
 */
export function numberedList(items: Content[], start = 1): Content {
  return {
    stack: items.map((item, i): Content => ({ columns: [{ text: `${start + i}.`, width: 20 }, { stack: [item], width: '*' }], columnGap: 0 })),
    style: 'list',
  }
}

function listItem(item: RichTextNode): Content {
  const blocks = (item.content ?? []).map(toContent)
  return blocks.length === 1 ? blocks[0]! : { stack: blocks }
}

// Inside a cell, paragraphs sit tight: the cell padding is the spacing.
const cellContent = (block: RichTextNode): Content => (block.type === 'paragraph' ? { text: inlineText(block.content) } : toContent(block))

function table(node: RichTextNode): Content {
  const rows = node.content ?? []
  const columns = Math.max(1, ...rows.map((row) => row.content?.length ?? 0))
  const body: TableCell[][] = rows.map((row) => {
    const cells: TableCell[] = (row.content ?? []).map((cell) => ({ stack: (cell.content ?? []).map(cellContent), fontSize: 9.5 }))
    // pdfmake needs every row to have every column.
    while (cells.length < columns) cells.push('')
    return cells
  })
  // pdfmake drops a whole row taller than a page: long cells may break across pages instead.
  const short = rows.every((row) => (row.content ?? []).every((cell) => richTextToPlain(cell).length <= 1500))
  return { table: { widths: Array.from({ length: columns }, (_, i) => (i === 0 ? '*' : 'auto')), body, dontBreakRows: short }, layout: 'paperRules', margin: [0, 2, 0, 8] }
}

export function toContent(node: RichTextNode): Content {
  switch (node.type) {
    case 'paragraph':
      return { text: inlineText(node.content), style: 'paragraph' }
    case 'heading': {
      const level = Math.min(Math.max(Number(node.attrs?.level) || 1, 1), headingStyles.length)
      return { text: inlineText(node.content), style: headingStyles[level - 1] }
    }
    case 'bullet_list':
      return { ul: (node.content ?? []).map(listItem), style: 'list' }
    case 'ordered_list':
      return numberedList((node.content ?? []).map(listItem), Number(node.attrs?.order) || 1)
    case 'table':
      return table(node)
    default:
      // Unknown blocks still show their text rather than vanish.
      return { stack: (node.content ?? []).map(toContent) }
  }
}

export const richTextContent = (doc: RichTextNode): Content[] => (doc.content ?? []).map(toContent)
