// The append on SQLite without the query builder: every statement of it prepared once per store and
// run synchronously, inside the transaction the caller holds. It writes the same rows as the
// query-builder path (the log, the owners of client ids, the edit rows), only cheaper per update.
import type Database from 'better-sqlite3'
import { foldIntoLastEdit, planAttribution, type LastEdit } from './attribution-writes'
import type { AppendResult, AuthoredUpdate } from './doc-store'

type EditRow = { id: number; department_id: string; first_at: number; updates: number; inserted: string; deleted: string; sections: string }

export type SqliteAppend = (docName: string, updates: AuthoredUpdate[], at: Date) => AppendResult

/** Prepares the append's statements on this connection; run the result only inside a transaction. */
export function prepareSqliteAppend(sqlite: Database.Database): SqliteAppend {
  const lastLogged = sqlite.prepare<[string], { seq: number | null }>('select max(seq) as seq from doc_updates where doc_name = ?')
  const snapshotSeq = sqlite.prepare<[string], { seq: number }>('select last_seq as seq from doc_snapshots where doc_name = ?')
  const insertUpdate = sqlite.prepare<[string, Uint8Array, string | null, string | null]>(
    'insert into doc_updates (doc_name, "update", user_id, department_id) values (?, ?, ?, ?)',
  )
  // The first owner stays: the room refused every update of another user with this id.
  const claimClient = sqlite.prepare<[string, number, string | null, string | null]>(
    'insert into doc_clients (doc_name, client_id, user_id, department_id) values (?, ?, ?, ?) on conflict do nothing',
  )
  const lastEdit = sqlite.prepare<[string, string], EditRow>(
    'select id, department_id, first_at, updates, inserted, deleted, sections from doc_edits where doc_name = ? and user_id = ? order by id desc limit 1',
  )
  const growEdit = sqlite.prepare<[number, number, string, string, string, number]>(
    'update doc_edits set last_at = ?, updates = ?, inserted = ?, deleted = ?, sections = ? where id = ?',
  )
  const insertEdit = sqlite.prepare<[string, string, string, number, number, number, string, string, string]>(
    'insert into doc_edits (doc_name, user_id, department_id, first_at, last_at, updates, inserted, deleted, sections) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )

  return (docName, updates, at) => {
    const logged = lastLogged.get(docName)?.seq
    const prevSeq = logged ?? snapshotSeq.get(docName)?.seq ?? 0
    let seq = prevSeq
    for (const { update, author } of updates) {
      seq = Number(insertUpdate.run(docName, Buffer.from(update.buffer, update.byteOffset, update.byteLength), author?.userId ?? null, author?.departmentId ?? null).lastInsertRowid)
    }
    const { claims, edits } = planAttribution(updates)
    for (const { clientId, userId, departmentId } of claims) claimClient.run(docName, clientId, userId, departmentId)
    const atMs = at.getTime()
    for (const edit of edits) {
      const row = lastEdit.get(docName, edit.userId)
      const last: LastEdit | undefined = row && {
        id: row.id,
        departmentId: row.department_id,
        firstAtMs: row.first_at,
        updates: row.updates,
        inserted: JSON.parse(row.inserted),
        deleted: JSON.parse(row.deleted),
        sections: JSON.parse(row.sections),
      }
      const grown = foldIntoLastEdit(last, edit, atMs)
      if (row && grown) {
        growEdit.run(atMs, grown.updates, JSON.stringify(grown.inserted), JSON.stringify(grown.deleted), JSON.stringify(grown.sections), row.id)
        continue
      }
      const { inserted, deleted, sections } = edit.added
      insertEdit.run(docName, edit.userId, edit.departmentId, atMs, atMs, edit.updates, JSON.stringify(inserted), JSON.stringify(deleted), JSON.stringify(sections))
    }
    return { seq, prevSeq }
  }
}
