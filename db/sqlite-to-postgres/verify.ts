// Proof that PostgreSQL holds what SQLite held, read back inside the copy's transaction: the same
// number of rows, every row equal column by column (blobs byte for byte), and every document's Yjs
// state, rebuilt as the server loads it, encoding to the same bytes.
import { asc, eq } from 'drizzle-orm'
import * as Y from 'yjs'
import * as pgSchema from '../schema-pg'
import * as sqliteSchema from '../schema'
import type { PageBudget, Row, SqliteSource } from './source'
import type { TablePair } from './tables'
import { countRows, rowsWithKeys, type PgTx } from './target'

/** The first differences found; more are counted, not listed. */
const maxListed = 20

export class Mismatches {
  readonly listed: string[] = []
  total = 0
  add(problem: string) {
    this.total += 1
    if (this.listed.length < maxListed) this.listed.push(problem)
  }
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b)
  }
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  return JSON.stringify(a) === JSON.stringify(b)
}

const keyOf = (pair: TablePair, row: Row) => JSON.stringify(pair.keyProperties.map((property) => row[property]))

/** Counts, then every SQLite row against the PostgreSQL row with its primary key. */
export async function verifyTables(source: SqliteSource, tx: PgTx, pairs: TablePair[], budget: PageBudget, mismatches: Mismatches): Promise<void> {
  for (const pair of pairs) {
    const expected = source.count(pair.name)
    const stored = await countRows(tx, pair)
    if (stored !== expected) mismatches.add(`${pair.name}: ${expected} rows in SQLite, ${stored} in PostgreSQL`)
    for (const page of source.pages(pair, budget)) {
      const twins = new Map((await rowsWithKeys(tx, pair, page)).map((row) => [keyOf(pair, row), row]))
      for (const row of page) {
        const key = keyOf(pair, row)
        const twin = twins.get(key)
        if (!twin) {
          mismatches.add(`${pair.name} ${key}: missing in PostgreSQL`)
          continue
        }
        const differing = Object.keys(row).filter((property) => !sameValue(row[property], twin[property]))
        if (differing.length) mismatches.add(`${pair.name} ${key}: ${differing.join(', ')} differ`)
      }
    }
  }
}

type StoredDoc = { snapshot?: { state: Uint8Array; lastSeq: number }; updates: { seq: number; update: Uint8Array }[] }

/** The state the server would load: the snapshot, then the logged updates after it in seq order. */
export function encodeLoadedState(stored: StoredDoc): Uint8Array {
  const doc = new Y.Doc()
  try {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state)
    const afterSeq = stored.snapshot?.lastSeq ?? 0
    for (const { seq, update } of stored.updates) if (seq > afterSeq) Y.applyUpdate(doc, update)
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/** Every document's state rebuilt from each side; returns how many documents were compared. */
export async function verifyDocuments(source: SqliteSource, tx: PgTx, mismatches: Mismatches): Promise<number> {
  const { docSnapshots, docUpdates } = sqliteSchema
  const names = source.db
    .select({ name: docSnapshots.docName })
    .from(docSnapshots)
    .union(source.db.selectDistinct({ name: docUpdates.docName }).from(docUpdates))
    .all()
    .map((row) => row.name)
  for (const name of names) {
    const fromSqlite: StoredDoc = {
      snapshot: source.db.select().from(docSnapshots).where(eq(docSnapshots.docName, name)).get(),
      updates: source.db.select().from(docUpdates).where(eq(docUpdates.docName, name)).orderBy(asc(docUpdates.seq)).all(),
    }
    const [snapshot] = await tx.select().from(pgSchema.docSnapshots).where(eq(pgSchema.docSnapshots.docName, name))
    const fromPg: StoredDoc = {
      snapshot,
      updates: await tx.select().from(pgSchema.docUpdates).where(eq(pgSchema.docUpdates.docName, name)).orderBy(asc(pgSchema.docUpdates.seq)),
    }
    try {
      if (!sameValue(encodeLoadedState(fromSqlite), encodeLoadedState(fromPg))) mismatches.add(`document ${name}: the Yjs state differs`)
    } catch (error) {
      mismatches.add(`document ${name}: cannot be rebuilt (${(error as Error).message})`)
    }
  }
  return names.length
}
