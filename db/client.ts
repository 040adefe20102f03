// Opens the SQLite database file, applies the committed migrations and hands out a Drizzle handle.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { startCheckpointer, type Checkpointer } from './checkpointer'
import * as schema from './schema'
import { attachTransactionLock, type Dialect } from './transaction'
import { sqliteMigrationsFolder } from './migration-folders'

export type Db = BetterSQLite3Database<typeof schema>

export type DatabaseHandle = {
  dialect: Dialect
  /** Typed with SQLite's query builder; on PostgreSQL the same calls run through node-postgres (db/postgres.ts). */
  db: Db
  close(): Promise<void>
}


export class DatabaseOpenError extends Error {}

export { isStorageUnavailable } from './errors'

/** Opens (creating if needed) the database in WAL mode and migrates it to the current schema. */
export function openDatabase(
  file: string,
  options: {
    synchronous?: 'NORMAL' | 'FULL'
    busyTimeoutMs?: number
    /** Checkpoint the WAL in a worker thread every so many ms instead of inside commits. */
    checkpointEveryMs?: number
    onCheckpointError?: (message: string) => void
  } = {},
): DatabaseHandle {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(file)
    // A damaged file must stop the start, never show up as an empty board.
    const check = sqlite.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new Error(`the file is damaged (quick_check: ${String(check).slice(0, 200)})`)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`)
    // better-sqlite3 waits synchronously: a short wait keeps the server responsive under a foreign lock.
    sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 500}`)
    sqlite.pragma('foreign_keys = ON')
    const db = drizzle(sqlite, { schema })
    migrate(db, { migrationsFolder: sqliteMigrationsFolder })
    attachTransactionLock(db)
    const handle = sqlite
    let checkpointer: Checkpointer | undefined
    if (options.checkpointEveryMs) {
      handle.pragma('wal_autocheckpoint = 0')
      checkpointer = startCheckpointer(file, options.checkpointEveryMs, options.onCheckpointError ?? (() => undefined))
    }
    return {
      dialect: 'sqlite',
      db,
      async close() {
        // The worker's connection first: the last connection to close folds the WAL into the file.
        await checkpointer?.stop()
        handle.close()
      },
    }
  } catch (error) {
    sqlite?.close()
    const reason = error instanceof Error ? error.message : String(error)
    throw new DatabaseOpenError(`Cannot open the database ${file}: ${reason}`)
  }
}
