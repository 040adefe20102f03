// What a client may write into a proposal's content doc, derived from the part definitions and the
// rich-text schema: the server's update guard checks every client update against this description.
import type { ContentMatch, NodeType } from 'prosemirror-model'
import * as Y from 'yjs'
import type { z } from 'zod/mini'
import { richTextSchema } from '../rich-text'
import { markAttributeRules, maxTextBlockLength, nodeAttributeRules } from '../rich-text-rules'
import { attachmentSchema, attachmentTextFields } from './attachments'
import { consultationSchema, consultationTextFields } from './consultations'
import { financeCellSchema, financeColumns, financeRowSchema, financeRowTextFields } from './finance'
import { yearSchema } from './fields'
import { headerSchema, headerTextKeys, titleMaxLength } from './header'
import { positionSchema, positionTextFields } from './positions'
import { isSuggestionId, suggestionSchema, suggestionsRoot } from './suggestions'

/** A key of a map holds either a plain value (checked by `value`) or a nested type of `shape`. */
export type EntryRule = { value: (value: unknown) => boolean } | { shape: Shape }

export type Shape =
  /** A Y.Map; `entry` answers which keys clients may set, undefined for any other key. */
  | { kind: 'map'; name: string; entry: (key: string) => EntryRule | undefined }
  /** A plain Y.Text without formatting; `chars`, if set, must match every inserted string. */
  | { kind: 'text'; name: string; maxLength: number; chars?: RegExp }
  /** A rich-text fragment (`node` = 'doc') or one of its elements. */
  | { kind: 'xml'; name: string; node: string }
  /** The text of one rich-text block: strings and allowed marks. */
  | { kind: 'xmlText'; name: string; maxLength: number }

const accepts = (schema: z.ZodMiniType) => (value: unknown) => schema.safeParse(value).success
const finiteNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value)
/** Ids come from newItemId (12 × [a-z0-9]); older or test ids stay within this. */
const isItemId = (key: string) => /^[A-Za-z0-9_-]{1,64}$/.test(key)

/** Characters a text field may hold, where its schema restricts them (the Gz). */
const textChars: Record<string, RegExp> = { 'header.gz': /^[\p{L}\p{N} ./-]*$/u }

/** The tightest max-length check of a string schema, read off its checks (zod/mini has no `.maxLength`). */
function maxLengthOf(schema: z.ZodMiniType): number | undefined {
  const limits = (schema._zod.def.checks ?? [])
    .map((check) => check._zod.def)
    .flatMap((def) => (def.check === 'max_length' ? [(def as z.core.$ZodCheckMaxLengthDef).maximum] : []))
  return limits.length ? Math.min(...limits) : undefined
}

/** Plain fields are checked as values; free-text fields are Y.Text, bounded by their schema's max length. */
function fieldRules(name: string, shape: Record<string, z.ZodMiniType>, textKeys: readonly string[] = []): Record<string, EntryRule> {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]): [string, EntryRule] => {
      if (!textKeys.includes(key)) return [key, { value: accepts(schema) }]
      const maxLength = maxLengthOf(schema)
      if (typeof maxLength !== 'number') throw new Error(`${name}.${key}: a text field needs a max length`)
      const chars = textChars[`${name}.${key}`]
      return [key, { shape: { kind: 'text', name: `${name}.${key}`, maxLength, ...(chars ? { chars } : {}) } }]
    }),
  )
}

function map(name: string, rules: Record<string, EntryRule>): Shape {
  return { kind: 'map', name, entry: (key) => (Object.hasOwn(rules, key) ? rules[key] : undefined) }
}

/** A collection root: item id → item map with its `order` and fields. */
function collection(name: string, itemRules: Record<string, EntryRule>): Shape {
  const item = map(`${name}[]`, { order: { value: finiteNumber }, ...itemRules })
  return { kind: 'map', name, entry: (key) => (isItemId(key) ? { shape: item } : undefined) }
}

/** Finance year columns: year → true; two people adding a year at once set two keys, both kept. */
const financeYearsShape: Shape = {
  kind: 'map',
  name: 'finance.years',
  entry: (year) => (/^\d{4}$/.test(year) && yearSchema.safeParse(Number(year)).success ? { value: (value) => value === true } : undefined),
}

const financeCells = (column: string): Shape => ({
  kind: 'map',
  name: `financeRows[].${column}`,
  entry: (year) => (/^\d{4}$/.test(year) && yearSchema.safeParse(Number(year)).success ? { value: accepts(financeCellSchema) } : undefined),
})

export const richTextShape = (name: string, node = 'doc'): Shape => ({ kind: 'xml', name, node })

/** Every top-level type clients may write, and its shape; `meta` (schemaVersion) is the server's. */
export const contentShape: ReadonlyMap<string, Shape> = new Map<string, Shape>([
  ['meta', map('meta', {})],
  ['title', { kind: 'text', name: 'title', maxLength: titleMaxLength }],
  ['header', map('header', fieldRules('header', headerSchema.shape, headerTextKeys))],
  ['body', richTextShape('body')],
  ['finance', map('finance', { years: { shape: financeYearsShape } })],
  ['consultations', collection('consultations', fieldRules('consultations[]', consultationSchema.shape, consultationTextFields))],
  ['positions', collection('positions', fieldRules('positions[]', positionSchema.shape, positionTextFields))],
  ['attachments', collection('attachments', fieldRules('attachments[]', attachmentSchema.shape, attachmentTextFields))],
  ['resolution', collection('resolution', { text: { shape: richTextShape('resolution[].text') } })],
  // A suggestion is one plain value; the guard also checks that its author is the sender.
  [suggestionsRoot, { kind: 'map', name: suggestionsRoot, entry: (id) => (isSuggestionId(id) ? { value: accepts(suggestionSchema) } : undefined) }],
  [
    'financeRows',
    collection('financeRows', {
      ...fieldRules('financeRows[]', financeRowSchema.shape, financeRowTextFields),
      ...Object.fromEntries(financeColumns.map((column) => [column, { shape: financeCells(column) }])),
    }),
  ],
])

/** The node types that may appear directly inside `type`, read off its ProseMirror content expression. */
function childTypes(type: NodeType): Set<string> {
  const names = new Set<string>()
  const seen = new Set<ContentMatch>()
  const todo = [type.contentMatch]
  for (let match = todo.pop(); match; match = todo.pop()) {
    if (seen.has(match)) continue
    seen.add(match)
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i)
      names.add(edge.type.name)
      todo.push(edge.next)
    }
  }
  return names
}

const childrenOf: ReadonlyMap<string, Set<string>> = new Map(Object.values(richTextSchema.nodes).map((type) => [type.name, childTypes(type)]))

/** Whether a rich-text node may hold an element `child` ('text' for a run of text). */
export const mayContain = (node: string, child: string): boolean => child !== 'doc' && (childrenOf.get(node)?.has(child) ?? false)

/** The rule for attribute `name` of a rich-text node, if it may carry one. */
export const nodeAttributeRule = (node: string, name: string) =>
  Object.hasOwn(nodeAttributeRules, node) && Object.hasOwn(nodeAttributeRules[node]!, name) ? nodeAttributeRules[node]![name] : undefined

/** The text of a block inside rich text named `name`. */
export const blockTextShape = (name: string): Shape => ({ kind: 'xmlText', name, maxLength: maxTextBlockLength })

/**
 * Whether a formatting attribute on rich text is an allowed mark with allowed attributes. The key
 * may carry y-prosemirror's `--hash` suffix; null ends a mark.
 */
export function isAllowedMark(key: string, value: unknown): boolean {
  const type = /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key)?.[1] ?? key
  if (!Object.hasOwn(markAttributeRules, type) || !richTextSchema.marks[type]) return false
  if (value === null) return true
  const rules = markAttributeRules[type]!
  const ruleNames = Object.keys(rules)
  if (value === true || (typeof value === 'object' && value !== null && Object.keys(value).length === 0)) return ruleNames.length === 0
  if (typeof value !== 'object' || Array.isArray(value)) return false
  const attrs = value as Record<string, unknown>
  return Object.keys(attrs).every((name) => Object.hasOwn(rules, name)) && ruleNames.every((name) => rules[name]!(attrs[name]))
}

/** Whether a type sent by a client is the kind the shape describes (XmlText is a Text, XmlElement a fragment). */
export function typeFitsShape(shape: Shape, type: Y.AbstractType<unknown>): boolean {
  switch (shape.kind) {
    case 'map':
      return type instanceof Y.Map
    case 'text':
      return type instanceof Y.Text && !(type instanceof Y.XmlText)
    case 'xml':
      return type instanceof Y.XmlFragment && !(type instanceof Y.XmlElement) && shape.node === 'doc'
    case 'xmlText':
      return false
  }
}
