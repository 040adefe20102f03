// The one ProseMirror schema for rich text (Begründung, Beschlussantrag items) and its Yjs round trip.
import { Node as PMNode, Schema, type DOMOutputSpec, type MarkSpec, type NodeSpec } from 'prosemirror-model'
import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror'
import * as Y from 'yjs'
import { issue, ProposalValidationError } from './model/errors'
import { attributeValidator, isSafeHref as safeHref, maxRichTextDepth, nodeAttributeRules } from './rich-text-rules'

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: { content: 'inline*', group: 'block', parseDOM: [{ tag: 'p' }], toDOM: (): DOMOutputSpec => ['p', 0] },
  heading: {
    attrs: { level: { default: 1, validate: attributeValidator(nodeAttributeRules.heading!.level!, 'heading level') } },
    content: 'inline*',
    group: 'block',
    defining: true,
    parseDOM: [1, 2, 3].map((level) => ({ tag: `h${level}`, attrs: { level } })),
    toDOM: (node): DOMOutputSpec => [`h${node.attrs.level}`, 0],
  },
  bullet_list: { content: 'list_item+', group: 'block', parseDOM: [{ tag: 'ul' }], toDOM: (): DOMOutputSpec => ['ul', 0] },
  ordered_list: {
    attrs: { order: { default: 1, validate: attributeValidator(nodeAttributeRules.ordered_list!.order!, 'list start') } },
    content: 'list_item+',
    group: 'block',
    parseDOM: [{ tag: 'ol', getAttrs: (dom) => ({ order: Number((dom as HTMLElement).getAttribute('start') ?? 1) || 1 }) }],
    toDOM: (node): DOMOutputSpec => (node.attrs.order === 1 ? ['ol', 0] : ['ol', { start: node.attrs.order }, 0]),
  },
  list_item: { content: 'paragraph block*', defining: true, parseDOM: [{ tag: 'li' }], toDOM: (): DOMOutputSpec => ['li', 0] },
  // A simple table (no merged cells): enough for the small tables the papers carry inside the text.
  table: { content: 'table_row+', group: 'block', isolating: true, parseDOM: [{ tag: 'table' }], toDOM: (): DOMOutputSpec => ['table', ['tbody', 0]] },
  table_row: { content: 'table_cell+', parseDOM: [{ tag: 'tr' }], toDOM: (): DOMOutputSpec => ['tr', 0] },
  table_cell: { content: 'paragraph+', isolating: true, parseDOM: [{ tag: 'td' }, { tag: 'th' }], toDOM: (): DOMOutputSpec => ['td', 0] },
  text: { group: 'inline' },
  hard_break: { inline: true, group: 'inline', selectable: false, leafText: () => '\n', parseDOM: [{ tag: 'br' }], toDOM: (): DOMOutputSpec => ['br'] },
}

const marks: Record<string, MarkSpec> = {
  strong: {
    parseDOM: [{ tag: 'strong' }, { tag: 'b' }, { style: 'font-weight=bold' }],
    toDOM: (): DOMOutputSpec => ['strong', 0],
  },
  em: { parseDOM: [{ tag: 'em' }, { tag: 'i' }, { style: 'font-style=italic' }], toDOM: (): DOMOutputSpec => ['em', 0] },
  link: {
    attrs: { href: { validate: 'string' } },
    inclusive: false,
    parseDOM: [{ tag: 'a[href]', getAttrs: (dom) => { const href = (dom as HTMLElement).getAttribute('href'); return safeHref(href) ? { href } : false } }],
    // A target that is not http(s)/mailto (stored before the server checked) renders as inert text.
    toDOM: (mark): DOMOutputSpec =>
      safeHref(mark.attrs.href) ? ['a', { href: mark.attrs.href.trim(), rel: 'noopener noreferrer' }, 0] : ['a', { 'data-unsafe-href': '' }, 0],
  },
}

export const richTextSchema = new Schema({ nodes, marks })

export type RichTextMark = { type: string; attrs?: Record<string, unknown> }
export type RichTextNode = {
  type: string
  attrs?: Record<string, unknown>
  content?: RichTextNode[]
  text?: string
  marks?: RichTextMark[]
}
export type RichTextDoc = RichTextNode & { type: 'doc' }

// Builders for templates and tests: plain text in, ProseMirror JSON out.
export const text = (value: string, ...markTypes: ('strong' | 'em')[]): RichTextNode =>
  markTypes.length ? { type: 'text', text: value, marks: markTypes.map((type) => ({ type })) } : { type: 'text', text: value }
const inline = (content: string | RichTextNode[]): RichTextNode[] =>
  typeof content === 'string' ? (content ? [text(content)] : []) : content
export const paragraph = (content: string | RichTextNode[] = ''): RichTextNode => {
  const inner = inline(content)
  return inner.length ? { type: 'paragraph', content: inner } : { type: 'paragraph' }
}
export const heading = (level: 1 | 2 | 3, content: string): RichTextNode => ({ type: 'heading', attrs: { level }, content: inline(content) })
const listItems = (items: string[]) => items.map((item) => ({ type: 'list_item', content: [paragraph(item)] }))
export const bulletList = (items: string[]): RichTextNode => ({ type: 'bullet_list', content: listItems(items) })
export const orderedList = (items: string[]): RichTextNode => ({ type: 'ordered_list', attrs: { order: 1 }, content: listItems(items) })
export const table = (rows: string[][]): RichTextNode => ({
  type: 'table',
  content: rows.map((cells) => ({ type: 'table_row', content: cells.map((cell) => ({ type: 'table_cell', content: [paragraph(cell)] })) })),
})
export const richTextDoc = (blocks: RichTextNode[]): RichTextDoc => ({ type: 'doc', content: blocks.length ? blocks : [paragraph()] })
/** One paragraph per string: the usual shape of a Beschlussantrag item. */
export const paragraphsDoc = (paragraphs: string[]): RichTextDoc => richTextDoc(paragraphs.map((p) => paragraph(p)))

/** Checks JSON against the schema (structure, marks, safe link targets); throws ProposalValidationError. */
export function parseRichText(json: unknown, field = 'text'): PMNode {
  try {
    const node = PMNode.fromJSON(richTextSchema, json)
    node.check()
    if (node.type !== richTextSchema.topNodeType) throw new RangeError('not a doc')
    node.descendants((n) => {
      if (n.marks.some((m) => m.type.name === 'link' && !safeHref(m.attrs.href))) throw new RangeError('unsafe link')
    })
    return node
  } catch {
    throw new ProposalValidationError([issue(field, 'rich_text_invalid')])
  }
}

export const toRichTextDoc = (content: RichTextDoc | string[]): RichTextDoc => (Array.isArray(content) ? paragraphsDoc(content) : content)

/** An empty doc is what an untouched fragment reads as; writing it back must work too (restore). */
const isEmptyDoc = (json: RichTextDoc): boolean => json.type === 'doc' && (json.content ?? []).length === 0

/** Checks rich text before a write, accepting the empty doc; throws ProposalValidationError. */
export function validateRichText(content: RichTextDoc | string[], field = 'text'): RichTextDoc {
  const json = toRichTextDoc(content)
  if (!isEmptyDoc(json)) parseRichText(json, field)
  return json
}

/** Replaces a fragment's content with the given doc (JSON or paragraphs); call inside a transaction. */
export function writeRichText(fragment: Y.XmlFragment, content: RichTextDoc | string[], field = 'text'): void {
  const json = validateRichText(content, field)
  if (fragment.length) fragment.delete(0, fragment.length)
  if (!isEmptyDoc(json)) prosemirrorJSONToYXmlFragment(richTextSchema, json, fragment)
}

/**
 * A fragment as normalized ProseMirror JSON: schema defaults filled, marks sorted, equal runs joined.
 * Pure — unlike y-prosemirror's node builder, which deletes nodes it cannot place.
 */
export function readRichText(fragment: Y.XmlFragment): RichTextDoc {
  return { type: 'doc', content: fragment.toArray().flatMap((item) => readYNode(item, 1)) }
}

/** Nesting deeper than the model allows (only a doc from before the server checked) is not read: no stack overflow. */
function readYNode(item: unknown, depth: number): RichTextNode[] {
  if (item instanceof Y.XmlText) return readYText(item)
  if (!(item instanceof Y.XmlElement) || depth > maxRichTextDepth) return []
  const node: RichTextNode = { type: item.nodeName }
  const attrs = normalizeAttrs(richTextSchema.nodes[item.nodeName]?.spec.attrs, item.getAttributes())
  if (attrs) node.attrs = attrs
  const content = item.toArray().flatMap((child) => readYNode(child, depth + 1))
  if (content.length) node.content = content
  return [node]
}

function readYText(ytext: Y.XmlText): RichTextNode[] {
  const out: RichTextNode[] = []
  for (const op of ytext.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string' || op.insert === '') continue
    const marks = Object.entries(op.attributes ?? {})
      .map(([name, value]) => readMark(name, value))
      .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
    const prev = out[out.length - 1]
    if (prev && JSON.stringify(prev.marks ?? []) === JSON.stringify(marks)) prev.text += op.insert
    else out.push(marks.length ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert })
  }
  return out
}

function readMark(attrName: string, value: unknown): RichTextMark {
  // y-prosemirror suffixes overlapping marks with `--hash`; the mark type is the part before.
  const type = /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(attrName)?.[1] ?? attrName
  const stored = value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  const attrs = normalizeAttrs(richTextSchema.marks[type]?.spec.attrs, stored)
  return attrs ? { type, attrs } : { type }
}

function normalizeAttrs(spec: Record<string, { default?: unknown }> | undefined, stored: Record<string, unknown>): Record<string, unknown> | undefined {
  const attrs: Record<string, unknown> = {}
  if (spec) for (const [key, attr] of Object.entries(spec)) attrs[key] = stored[key] ?? attr.default ?? null
  else for (const [key, value] of Object.entries(stored)) if (value !== undefined && value !== null) attrs[key] = value
  return Object.keys(attrs).length ? attrs : undefined
}

const blockSeparated = new Set(['doc', 'bullet_list', 'ordered_list', 'list_item', 'table', 'table_cell'])

/** Plain text of rich text: one line per block, table cells separated by tabs. */
export function richTextToPlain(node: RichTextNode): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hard_break') return '\n'
  const children = node.content ?? []
  if (blockSeparated.has(node.type)) return children.map(richTextToPlain).join('\n')
  if (node.type === 'table_row') return children.map(richTextToPlain).join('\t')
  return children.map(richTextToPlain).join('')
}

export const readRichTextPlain = (fragment: Y.XmlFragment): string => richTextToPlain(readRichText(fragment))
