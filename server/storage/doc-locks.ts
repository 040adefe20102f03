// What the document store does differently per dialect: who may append or compact a document at a
// time, and how bytes are counted. SQLite has one writer (BEGIN IMMEDIATE) and needs no lock of its
// own; PostgreSQL serves several instances, so transaction-scoped advisory locks order them — they
// end with the transaction, and with the connection of a holder that crashed.
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { queryRows, type Dialect } from '../../db/transaction'

/** The first key of each advisory lock kind; the second is the hash of the document name. */
const appendLockSpace = 0x4d5a0001
const compactLockSpace = 0x4d5a0002

export type DocLocks = {
  /** Waits until no other transaction appends to the document; held until this one ends. */
  lockForAppend(tx: Db, docName: string): Promise<void>
  /** Takes the document's compaction lock if it is free; false when another compaction holds it. */
  tryLockForCompaction(tx: Db, docName: string): Promise<boolean>
  /** The length in bytes of a binary column. */
  byteLength(column: unknown): SQL<number>
}

const sqliteLocks: DocLocks = {
  lockForAppend: async () => undefined,
  tryLockForCompaction: async () => true,
  byteLength: (column) => sql<number>`length(${column})`,
}

const postgresLocks: DocLocks = {
  async lockForAppend(tx, docName) {
    await queryRows(tx, sql`select pg_advisory_xact_lock(${appendLockSpace}, hashtext(${docName}))`)
  },
  async tryLockForCompaction(tx, docName) {
    const [row] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${compactLockSpace}, hashtext(${docName})) as locked`)
    return row?.locked === true
  },
  byteLength: (column) => sql<number>`octet_length(${column})`,
}

export const docLocksFor = (dialect: Dialect): DocLocks => (dialect === 'postgres' ? postgresLocks : sqliteLocks)
