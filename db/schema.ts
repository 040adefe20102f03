// The database shape, once: tables only. Columns are camelCase in code, snake_case in SQL.
import { sql } from 'drizzle-orm'
import { blob, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`

export const proposals = sqliteTable('proposals', {
  id: text('id').primaryKey(),
  number: text('number').notNull(),
  title: text('title').notNull(),
  status: text('status', { enum: ['draft', 'cosigning', 'cosigned', 'released'] }).notNull().default('draft'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
})

/** Append-only log of Yjs updates per document, folded into `docSnapshots` by compaction. */
export const docUpdates = sqliteTable(
  'doc_updates',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    docName: text('doc_name').notNull(),
    update: blob('update', { mode: 'buffer' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (table) => [index('doc_updates_doc_seq').on(table.docName, table.seq)],
)

/** The compacted state of a document: every logged update up to `lastSeq` merged into one. */
export const docSnapshots = sqliteTable('doc_snapshots', {
  docName: text('doc_name').primaryKey(),
  state: blob('state', { mode: 'buffer' }).notNull(),
  lastSeq: integer('last_seq').notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
})
