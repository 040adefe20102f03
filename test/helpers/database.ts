// Reads what the server stored directly (its SQLite file or PostgreSQL database), as a check that does not go through the server.
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import * as Y from 'yjs'

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
  server: { dataDir: string; databaseUrl?: string },
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

/**
 * Appends one update to the stored log behind the server's back, as an instance that died before it
 * could publish would have left it: in the database, announced nowhere.
 */
export async function insertStoredUpdateOf(server: { dataDir: string; databaseUrl?: string }, docName: string, update: Uint8Array): Promise<void> {
  if (!server.databaseUrl) {
    const sqlite = new Database(path.join(server.dataDir, 'mitzeichnung.sqlite'))
    // The servers hold the file too: wait for their commits rather than fail.
    sqlite.pragma('busy_timeout = 5000')
    try {
      sqlite.prepare('insert into doc_updates (doc_name, "update") values (?, ?)').run(docName, Buffer.from(update))
    } finally {
      sqlite.close()
    }
    return
  }
  const client = new pg.Client({ connectionString: server.databaseUrl })
  await client.connect()
  try {
    await client.query('insert into doc_updates (doc_name, "update") values ($1, $2)', [docName, Buffer.from(update)])
  } finally {
    await client.end()
  }
}
