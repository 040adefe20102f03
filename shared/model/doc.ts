// Where each part of a proposal lives in its Y.Doc: top-level types only, so no peer races to create one.
import * as Y from 'yjs'
import { diffText } from '../text-diff'
import { ProposalSchemaError } from './errors'

/**
 * The layout version this code reads and writes; bump it when the layout changes incompatibly.
 * 2: free-text fields are Y.Text (merged letter by letter), finance years a Y.Map keyed by year.
 */
export const schemaVersion = 2

export const collectionNames = ['consultations', 'resolution', 'positions', 'attachments', 'financeRows'] as const
export type CollectionName = (typeof collectionNames)[number]

/** Every top-level type of the content doc: what a client may write, and all a server should accept. */
export const contentRootNames: ReadonlySet<string> = new Set([
  'meta',
  'title',
  'header',
  'body',
  'finance',
  'suggestions',
  ...collectionNames,
])

export const metaMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('meta')
export const titleText = (doc: Y.Doc): Y.Text => doc.getText('title')
export const headerMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('header')
export const bodyFragment = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment('body')
export const financeMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('finance')
export const collectionMap = (doc: Y.Doc, name: CollectionName): Y.Map<unknown> => doc.getMap(name)

/** The layout version stored in the doc; a doc from before versioning counts as version 1. */
export function readSchemaVersion(doc: Y.Doc): number {
  const v = metaMap(doc).get('schemaVersion')
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : 1
}

/** Whether this code can safely read and write the doc, and if not which version it found. */
export function checkSchema(doc: Y.Doc): { ok: true } | { ok: false; found: number; supported: number } {
  const found = readSchemaVersion(doc)
  return found <= schemaVersion ? { ok: true } : { ok: false, found, supported: schemaVersion }
}

/** Throws ProposalSchemaError when the doc was written by a newer app version. */
export function assertSupportedSchema(doc: Y.Doc): void {
  const check = checkSchema(doc)
  if (!check.ok) throw new ProposalSchemaError(check.found, check.supported)
}

/** Records the layout version if missing; throws when the doc is newer than this code. */
export function ensureSchema(doc: Y.Doc): number {
  assertSupportedSchema(doc)
  const meta = metaMap(doc)
  if (meta.get('schemaVersion') === undefined) doc.transact(() => meta.set('schemaVersion', schemaVersion))
  return readSchemaVersion(doc)
}

/** Every model write goes through here: refuse newer docs, then one transaction (one update, one undo step). */
export function write<T>(doc: Y.Doc, fn: () => T): T {
  assertSupportedSchema(doc)
  let result: T | undefined
  doc.transact(() => {
    result = fn()
  })
  return result as T
}

// Readers tolerate whatever a peer stored: a wrong type reads as the default.
export const readString = (map: Y.Map<unknown>, key: string, fallback = ''): string => {
  const v = map.get(key)
  return typeof v === 'string' ? v : fallback
}
/** A free-text field: a Y.Text since layout 2, a plain string in older docs; both read the same. */
export const readText = (map: Y.Map<unknown>, key: string): string => {
  const v = map.get(key)
  return v instanceof Y.Text ? v.toString() : typeof v === 'string' ? v : ''
}
/** The Y.Text an editor binds to, or undefined while the field is still an older plain string. */
export const textOf = (map: Y.Map<unknown>, key: string): Y.Text | undefined => {
  const v = map.get(key)
  return v instanceof Y.Text ? v : undefined
}
/**
 * Writes a free-text field as the smallest edit of its Y.Text, so a peer's concurrent typing
 * elsewhere in it survives; a missing or plain-string field becomes a Y.Text. Run in a transaction.
 */
export function writeText(map: Y.Map<unknown>, key: string, value: string): void {
  const text = textOf(map, key)
  if (!text) {
    map.set(key, new Y.Text(value))
    return
  }
  const change = diffText(text.toString(), value)
  if (change.remove > 0) text.delete(change.index, change.remove)
  if (change.insert) text.insert(change.index, change.insert)
}
export const readNumber = (map: Y.Map<unknown>, key: string, fallback = 0): number => {
  const v = map.get(key)
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback
}
export const readNullableNumber = (map: Y.Map<unknown>, key: string): number | null => {
  const v = map.get(key)
  return typeof v === 'number' && Number.isFinite(v) ? v : null
}
export const readBoolean = (map: Y.Map<unknown>, key: string, fallback = false): boolean => {
  const v = map.get(key)
  return typeof v === 'boolean' ? v : fallback
}
export const readChoice = <T extends string>(map: Y.Map<unknown>, key: string, choices: readonly T[], fallback: T): T => {
  const v = map.get(key)
  return typeof v === 'string' && (choices as readonly string[]).includes(v) ? (v as T) : fallback
}

/** Replaces the whole text of a Y.Text (for templates and tests; editors bind the Y.Text directly). */
export function replaceText(text: Y.Text, value: string): void {
  if (text.toString() === value) return
  text.delete(0, text.length)
  text.insert(0, value)
}
