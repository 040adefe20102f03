// Opens the SQLite database file, applies the committed migrations and hands out a Drizzle handle.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema>

export type DatabaseHandle = {
  db: Db
  sqlite: Database.Database
  close(): void
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations')

export class DatabaseOpenError extends Error {}

/** Opens (creating if needed) the database in WAL mode and migrates it to the current schema. */
export function openDatabase(file: string, options: { synchronous?: 'NORMAL' | 'FULL' } = {}): DatabaseHandle {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`)
    sqlite.pragma('busy_timeout = 2000')
    sqlite.pragma('foreign_keys = ON')
    const db = drizzle(sqlite, { schema })
    migrate(db, { migrationsFolder })
    const handle = sqlite
    return { db, sqlite: handle, close: () => handle.close() }
  } catch (error) {
    sqlite?.close()
    const reason = error instanceof Error ? error.message : String(error)
    throw new DatabaseOpenError(`Cannot open the database ${file}: ${reason}`)
  }
}
