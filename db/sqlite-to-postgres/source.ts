// The SQLite side of the move: opened only when no server has it open, held exclusively while the
// copy runs, read in pages of bounded size, never written.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { getTableColumns, sql } from 'drizzle-orm'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import * as schema from '../schema'
import { MigrationError } from './errors'
import type { TablePair } from './tables'
import { sqliteMigrationsFolder } from '../migration-folders'

export type Row = Record<string, unknown>
/** At most `maxRows` rows and about `maxBytes` of blobs per page (a larger row alone). */
export type PageBudget = { maxRows: number; maxBytes: number }
export const defaultPageBudget: PageBudget = { maxRows: 1000, maxBytes: 16 * 1024 * 1024 }

export type SqliteSource = {
  db: BetterSQLite3Database<typeof schema>
  /** Pages of rows in rowid order, within `budget`. */
  pages(pair: TablePair, budget: PageBudget): Generator<Row[]>
  count(tableName: string): number
  /** SQLite's AUTOINCREMENT high-water mark per table: ids up to it were handed out, even if their rows are gone. */
  highestIssuedIds(): Map<string, number>
  close(): void
}


/** Opens the file and takes SQLite's exclusive lock, which fails while any other connection (a running server) has it open. */
export function openSource(file: string): SqliteSource {
  if (!fs.existsSync(file)) throw new MigrationError(`There is no SQLite database at ${file} (give its path with --sqlite, or set DATA_DIR).`)
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(file, { fileMustExist: true, timeout: 0 })
    // In WAL mode every open connection holds a shared lock on the file: the exclusive one is ours only when nobody else is there.
    sqlite.pragma('locking_mode = EXCLUSIVE')
    sqlite.exec('BEGIN EXCLUSIVE')
  } catch (error) {
    sqlite?.close()
    const code = (error as { code?: string }).code
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new MigrationError(`The SQLite database ${file} is in use: stop the server (and every other program using the file), then run the command again.`)
    }
    throw new MigrationError(`Cannot open the SQLite database ${file}: ${(error as Error).message}`)
  }
  const handle = sqlite
  try {
    const check = handle.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new MigrationError(`The SQLite database ${file} is damaged (quick_check: ${String(check).slice(0, 200)}).`)
    requireCurrentSchema(handle, file)
  } catch (error) {
    handle.close()
    if (error instanceof MigrationError) throw error
    throw new MigrationError(`Cannot read the SQLite database ${file}: ${(error as Error).message}`)
  }
  const db = drizzle(handle, { schema })
  return {
    db,
    *pages(pair, budget) {
      const blobColumns = pair.blobProperties.map((property) => getTableColumns(pair.sqlite)[property] as SQLiteColumn)
      const rowBytes = blobColumns.length ? sql.join(blobColumns.map((column) => sql`coalesce(length(${column}), 0)`), sql` + `) : sql`0`
      let after: number | undefined
      const afterLast = () => (after === undefined ? sql`1 = 1` : sql`rowid > ${after}`)
      for (;;) {
        // Sizes first, then the rows that fit: a table of large blobs never sits in memory at once.
        const sizes = db
          .select({ rowid: sql<number>`rowid`, bytes: sql<number>`${rowBytes}` })
          .from(pair.sqlite)
          .where(afterLast())
          .orderBy(sql`rowid`)
          .limit(budget.maxRows)
          .all()
        if (sizes.length === 0) return
        let last = sizes[0]!.rowid
        let bytes = sizes[0]!.bytes
        for (const size of sizes.slice(1)) {
          if (bytes + size.bytes > budget.maxBytes) break
          bytes += size.bytes
          last = size.rowid
        }
        yield db
          .select()
          .from(pair.sqlite)
          .where(sql`${afterLast()} and rowid <= ${last}`)
          .orderBy(sql`rowid`)
          .all() as Row[]
        after = last
      }
    },
    count(tableName) {
      return (handle.prepare(`select count(*) as n from "${tableName}"`).get() as { n: number }).n
    },
    highestIssuedIds() {
      const rows = handle.prepare('select name, seq from sqlite_sequence').all() as { name: string; seq: number }[]
      return new Map(rows.map((row) => [row.name, row.seq]))
    },
    close() {
      // Nothing was written: the rollback ends the read, closing gives the lock back.
      handle.exec('ROLLBACK')
      handle.close()
    },
  }
}

/** The file must be at exactly the schema of this version (the server migrates it at start); a copy of another shape would lose columns. */
function requireCurrentSchema(sqlite: Database.Database, file: string): void {
  const journal = JSON.parse(fs.readFileSync(path.join(sqliteMigrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] }
  const hasTable = sqlite.prepare(`select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'`).get()
  const applied = new Set(
    hasTable ? (sqlite.prepare('select created_at as at from __drizzle_migrations').all() as { at: number }[]).map((row) => Number(row.at)) : [],
  )
  const missing = journal.entries.filter((entry) => !applied.has(entry.when))
  if (missing.length) {
    throw new MigrationError(
      `The SQLite database ${file} is at an older schema (missing ${missing.map((entry) => entry.tag).join(', ')}): start this version of the server once with it (it migrates the file), stop it, then run the command again.`,
    )
  }
  const known = new Set(journal.entries.map((entry) => entry.when))
  if ([...applied].some((at) => !known.has(at))) {
    throw new MigrationError(`The SQLite database ${file} was written by a newer version of Mitzeichnung: run the command of that version.`)
  }
}
