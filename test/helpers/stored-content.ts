// Writes content straight into the server's update log, as a document stored before any validation
// existed (or by another app version) would be: the exports must cope with whatever is stored. Such a
// document's layout is not recorded, as no app version that wrote it like that recorded one.
import path from 'node:path'
import Database from 'better-sqlite3'
import * as Y from 'yjs'
import { forgetContentLayoutOf, insertStoredUpdateOf, readStoredDoc, readStoredDocOf } from './database'

/** Appends to `docName` the update `change` makes; the server must not be running (it caches rooms). */
export function writeStoredDoc(dataDir: string, docName: string, change: (doc: Y.Doc) => void): void {
  const { doc } = readStoredDoc(dataDir, docName)
  const sqlite = new Database(path.join(dataDir, 'mitzeichnung.sqlite'))
  try {
    const before = Y.encodeStateVector(doc)
    doc.transact(() => change(doc))
    sqlite.prepare('insert into doc_updates (doc_name, "update") values (?, ?)').run(docName, Buffer.from(Y.encodeStateAsUpdate(doc, before)))
    sqlite.prepare('update proposals set content_layout = null where id = ?').run(docName)
  } finally {
    sqlite.close()
    doc.destroy()
  }
}

/** writeStoredDoc on the server's backend, SQLite or PostgreSQL; the server must not be running. */
export async function writeStoredDocOf(server: { dataDir: string; databaseUrl?: string }, docName: string, change: (doc: Y.Doc) => void): Promise<void> {
  const { doc } = await readStoredDocOf(server, docName)
  try {
    const before = Y.encodeStateVector(doc)
    doc.transact(() => change(doc))
    await insertStoredUpdateOf(server, docName, Y.encodeStateAsUpdate(doc, before))
    await forgetContentLayoutOf(server, docName)
  } finally {
    doc.destroy()
  }
}

export type StoredSpan = { text: string; href?: string }

/** Paragraphs of the Begründung written as y-prosemirror stores them, links unchecked. */
export function writeBodyParagraphs(doc: Y.Doc, paragraphs: StoredSpan[][]): void {
  const body = doc.getXmlFragment('body')
  body.delete(0, body.length)
  for (const spans of paragraphs) appendBodyParagraph(doc, spans)
}

/** One more paragraph at the end of the Begründung, links unchecked. */
export const appendBodyParagraph = (doc: Y.Doc, spans: StoredSpan[]): void => insertBodyParagraph(doc, doc.getXmlFragment('body').length, spans)

/** One more paragraph at the start of the Begründung, links unchecked. */
export const prependBodyParagraph = (doc: Y.Doc, spans: StoredSpan[]): void => insertBodyParagraph(doc, 0, spans)

function insertBodyParagraph(doc: Y.Doc, index: number, spans: StoredSpan[]): void {
  const paragraph = new Y.XmlElement('paragraph')
  doc.getXmlFragment('body').insert(index, [paragraph])
  const text = new Y.XmlText()
  paragraph.push([text])
  for (const span of spans) text.insert(text.length, span.text, span.href ? { link: { href: span.href } } : {})
}

/** A position row written field by field, past the length limits of today's validation. */
export function writePosition(doc: Y.Doc, fields: { function: string; note: string }): void {
  const item = new Y.Map<unknown>()
  doc.getMap('positions').set(`hostile-${doc.getMap('positions').size + 1}`, item)
  const values: Record<string, unknown> = { order: 1000, department: 'sozialamt', fte: 1, payGrade: 'EG 9c', kind: 'permanent', until: '', advertiseUnlimited: false, annualCost: null, ...fields }
  for (const [key, value] of Object.entries(values)) item.set(key, value)
}
