// Opens the SQLite database file, applies the committed migrations and hands out a Drizzle handle.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { startCheckpointer, type Checkpointer } from './checkpointer'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema>

export type DatabaseHandle = {
  db: Db
  sqlite: Database.Database
  close(): Promise<void>
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

export class DatabaseOpenError extends Error {}

/** SQLite's answers when the disk, not the request, is the problem: locked, full, read-only, I/O. */
export function isStorageUnavailable(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN)/.test(code)
}

/** Opens (creating if needed) the database in WAL mode and migrates it to the current schema. */
export function openDatabase(
  file: string,
  options: {
    synchronous?: 'NORMAL' | 'FULL'
    busyTimeoutMs?: number
    /** Checkpoint the WAL in a worker thread every so many ms instead of inside commits. */
    checkpointEveryMs?: number
    onCheckpointError?: (message: string) => void
    /**
     * Other processes write this file too (several instances): every transaction takes the write lock
     * first. A deferred one that reads, then writes fails at once (SQLITE_BUSY, no waiting) when another
     * process committed in between; an immediate one waits for the lock up to the busy timeout.
     */
    sharedWithOtherProcesses?: boolean
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
    if (options.sharedWithOtherProcesses) {
      const transaction = db.transaction.bind(db)
      db.transaction = (run, config) => transaction(run, { behavior: 'immediate', ...config })
    }
    migrate(db, { migrationsFolder })
    const handle = sqlite
    let checkpointer: Checkpointer | undefined
    if (options.checkpointEveryMs) {
      handle.pragma('wal_autocheckpoint = 0')
      checkpointer = startCheckpointer(file, options.checkpointEveryMs, options.onCheckpointError ?? (() => undefined))
    }
    return {
      db,
      sqlite: handle,
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
