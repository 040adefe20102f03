// One way to run a transaction on either dialect, with an async body. PostgreSQL gives each
// transaction a pooled connection of its own; SQLite has one connection, so its transactions take
// turns behind a lock kept on the handle, and a transaction begun inside another joins it.
import { AsyncLocalStorage } from 'node:async_hooks'
import type Database from 'better-sqlite3'
import type { Statement } from 'better-sqlite3'
import type { SQL } from 'drizzle-orm'
import { PgDatabase } from 'drizzle-orm/pg-core'
import type { Db } from './client'
import { driverErrorOf } from './errors'

export type Dialect = 'sqlite' | 'postgres'

/** Which dialect a Drizzle handle (or transaction) speaks: code above the data layer rarely needs to ask. */
export function dialectOf(db: Db): Dialect {
  // Not Drizzle's `is`, which compares entity kinds up the prototype chain: asked on every transaction, that
  // cost more than the append's SQL. One copy of drizzle-orm is installed, so `instanceof` answers the same.
  return db instanceof PgDatabase ? 'postgres' : 'sqlite'
}

/** Serialises SQLite transactions of one connection: each waits for the one before to end. */
export class SqliteTransactionLock {
  private tail: Promise<unknown> = Promise.resolve()
  /** Begin, commit and rollback prepared once: parsing them again on every transaction costs more than the append. */
  readonly statements: { begin: Statement; commit: Statement; rollback: Statement; sqlite: Database.Database }

  constructor(sqlite: Database.Database) {
    this.statements = { begin: sqlite.prepare('begin immediate'), commit: sqlite.prepare('commit'), rollback: sqlite.prepare('rollback'), sqlite }
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work)
    this.tail = result.catch(() => undefined)
    return result
  }
}

const lockOf = Symbol('mitzeichnung.sqliteTransactionLock')
/**
 * The transaction the current async call chain runs in, so a nested one joins it instead of waiting
 * for itself. Work the body started that outlives it (a timer, an event) sees `open` false.
 */
const openTransaction = new AsyncLocalStorage<{ tx: Db; open: boolean }>()

/** Gives a SQLite handle its transaction lock; openDatabase does this once per connection. */
export function attachTransactionLock(db: Db): void {
  const sqlite = (db as unknown as { $client: Database.Database }).$client
  Object.defineProperty(db, lockOf, { value: new SqliteTransactionLock(sqlite), enumerable: false })
}

/**
 * Runs `body` in one transaction: everything it writes through `tx` commits together or not at all.
 * The body must await only the database (no network, no timers) so a SQLite transaction stays short.
 */
export async function transaction<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  const outer = openTransaction.getStore()
  if (outer?.open) return body(outer.tx)
  try {
    return await runTransaction(db, body)
  } catch (error) {
    // The driver's error (SQLITE_FULL, 57P01, ECONNREFUSED …), not Drizzle's wrapper with the query in it.
    throw driverErrorOf(error)
  }
}

async function runTransaction<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  if (dialectOf(db) === 'postgres') {
    const pgDb = db as unknown as PgDatabase<never>
    return pgDb.transaction((tx) => inScope(tx as unknown as Db, body))
  }
  const lock = (db as unknown as { [lockOf]?: SqliteTransactionLock })[lockOf]
  if (!lock) throw new Error('this SQLite handle was not opened by openDatabase (no transaction lock)')
  const { begin, commit, rollback, sqlite } = lock.statements
  return lock.run(() =>
    inScope(db, async () => {
      // Immediate: the write lock is taken at the start, so a busy database fails here, before any work — and
      // with several instances on one file a read-then-write waits its turn instead of failing with SQLITE_BUSY.
      begin.run()
      try {
        const result = await body(db)
        commit.run()
        return result
      } catch (error) {
        if (sqlite.inTransaction) rollback.run()
        throw error
      }
    }),
  )
}

/** Runs `body` as the open transaction `tx` of this call chain, closed for anything still running after it. */
async function inScope<T>(tx: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  const scope = { tx, open: true }
  try {
    return await openTransaction.run(scope, () => body(tx))
  } finally {
    scope.open = false
  }
}

/** Runs raw SQL on either dialect and returns its rows (the few statements the query builder cannot express). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  if (dialectOf(db) === 'postgres') return (await (db as unknown as { execute(query: SQL): Promise<{ rows: unknown[] }> }).execute(query)).rows as T[]
  return db.all<T>(query)
}
