// Reads what the server stored directly (its SQLite file or PostgreSQL database), as a check that does not go through the server.
import path from 'node:path'
import Database from 'better-sqlite3'
import { asc, eq } from 'drizzle-orm'
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import * as Y from 'yjs'
import * as sqliteSchema from '../../db/schema'
import * as pgSchema from '../../db/schema-pg'

type StoredServer = { dataDir: string; databaseUrl?: string }

export function readStoredDoc(dataDir: string, docName: string): { doc: Y.Doc; logLength: number; hasSnapshot: boolean } {
  // Read-write, like a restarted server: after a SIGKILL only a writer runs WAL recovery, and a
  // read-only connection may miss the last committed transactions.
  const sqlite = new Database(path.join(dataDir, 'mitzeichnung.sqlite'))
  try {
    const snapshot = sqlite.prepare('select state, last_seq from doc_snapshots where doc_name = ?').get(docName) as
      | { state: Buffer; last_seq: number }
      | undefined
    const tail = sqlite
      .prepare('select "update" from doc_updates where doc_name = ? and seq > ? order by seq')
      .all(docName, snapshot?.last_seq ?? 0) as { update: Buffer }[]
    const doc = new Y.Doc()
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    for (const row of tail) Y.applyUpdate(doc, row.update)
    return { doc, logLength: tail.length, hasSnapshot: Boolean(snapshot) }
  } finally {
    sqlite.close()
  }
}

/** The stored document as the server's backend holds it: its SQLite file or its PostgreSQL database. */
export async function readStoredDocOf(
  server: StoredServer,
  docName: string,
): Promise<{ doc: Y.Doc; logLength: number; hasSnapshot: boolean }> {
  if (!server.databaseUrl) return readStoredDoc(server.dataDir, docName)
  const client = new pg.Client({ connectionString: server.databaseUrl })
  await client.connect()
  try {
    const snapshot = (await client.query<{ state: Buffer; last_seq: string }>('select state, last_seq from doc_snapshots where doc_name = $1', [docName])).rows[0]
    const tail = (
      await client.query<{ update: Buffer }>('select "update" from doc_updates where doc_name = $1 and seq > $2 order by seq', [docName, snapshot?.last_seq ?? 0])
    ).rows
    const doc = new Y.Doc()
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    for (const row of tail) Y.applyUpdate(doc, row.update)
    return { doc, logLength: tail.length, hasSnapshot: Boolean(snapshot) }
  } finally {
    await client.end()
  }
}

export type StoredUpdate = { seq: number; userId: string | null }

/** Every stored update of the document, in log order, with the user the server stamped it with. */
export async function readStoredUpdatesOf(server: StoredServer, docName: string): Promise<StoredUpdate[]> {
  if (!server.databaseUrl) {
    // Read-write for the same reason as readStoredDoc: a read-only connection may miss recovered commits.
    const sqlite = new Database(path.join(server.dataDir, 'mitzeichnung.sqlite'))
    try {
      const { docUpdates } = sqliteSchema
      return drizzleSqlite(sqlite)
        .select({ seq: docUpdates.seq, userId: docUpdates.userId })
        .from(docUpdates)
        .where(eq(docUpdates.docName, docName))
        .orderBy(asc(docUpdates.seq))
        .all()
    } finally {
      sqlite.close()
    }
  }
  const pool = new pg.Pool({ connectionString: server.databaseUrl, max: 1 })
  try {
    const { docUpdates } = pgSchema
    return await drizzlePg(pool)
      .select({ seq: docUpdates.seq, userId: docUpdates.userId })
      .from(docUpdates)
      .where(eq(docUpdates.docName, docName))
      .orderBy(asc(docUpdates.seq))
  } finally {
    await pool.end()
  }
}

/** Runs one statement on the server's database behind its back, whichever the backend (`?` placeholders); its rows. */
async function runOnDatabaseOf<Row>(server: StoredServer, sql: string, params: unknown[]): Promise<Row[]> {
  if (!server.databaseUrl) {
    const sqlite = new Database(path.join(server.dataDir, 'mitzeichnung.sqlite'))
    // The servers hold the file too: wait for their commits rather than fail.
    sqlite.pragma('busy_timeout = 5000')
    try {
      const statement = sqlite.prepare(sql)
      if (statement.reader) return statement.all(...params) as Row[]
      statement.run(...params)
      return []
    } finally {
      sqlite.close()
    }
  }
  let placeholder = 0
  const client = new pg.Client({ connectionString: server.databaseUrl })
  await client.connect()
  try {
    return (await client.query(sql.replace(/\?/g, () => `$${++placeholder}`), params)).rows as Row[]
  } finally {
    await client.end()
  }
}

/**
 * Appends one update to the stored log behind the server's back, as an instance that died before it
 * could publish would have left it: in the database, announced nowhere.
 */
export async function insertStoredUpdateOf(server: StoredServer, docName: string, update: Uint8Array): Promise<void> {
  await runOnDatabaseOf(server, 'insert into doc_updates (doc_name, "update") values (?, ?)', [docName, Buffer.from(update)])
}

/** The content layout the server recorded for the proposal's document; null when none is recorded. */
export async function readContentLayoutOf(server: StoredServer, proposalId: string): Promise<number | null> {
  const [row] = await runOnDatabaseOf<{ content_layout: number | null }>(server, 'select content_layout from proposals where id = ?', [proposalId])
  if (!row) throw new Error(`no proposal ${proposalId}`)
  return row.content_layout
}

/** Forgets the recorded content layout, as an app version from before the record left every proposal. */
export async function forgetContentLayoutOf(server: StoredServer, proposalId: string): Promise<void> {
  await runOnDatabaseOf(server, 'update proposals set content_layout = null where id = ?', [proposalId])
}
