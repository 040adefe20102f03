// Opens PostgreSQL: a connection pool, the committed migrations (applied by one instance at a time)
// and a Drizzle handle that the code above uses exactly like the SQLite one.
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { DatabaseOpenError, type DatabaseHandle, type Db } from './client'
import * as pgSchema from './schema-pg'
import { postgresMigrationsFolder } from './migration-folders'

/** Session advisory lock key held while migrating: instances starting together migrate one after another. */
const migrationLock = 0x4d5a0000
/** The longest a shutdown waits for the pool's connections to end. */
const closeTimeoutMs = 2_000

// Sequence numbers, ids and millisecond times are bigint columns: read them as JS numbers (all stay
// below 2^53), as SQLite hands them out. This is node-postgres's process-wide parser for int8.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value))

export async function openPostgres(
  url: string,
  options: { poolSize?: number; connectTimeoutMs?: number; onPoolError?: (message: string) => void } = {},
): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000 })
  // An idle connection that dies (server restart, network cut) must not crash the process; the next query reconnects.
  pool.on('error', (error) => options.onPoolError?.(error.message))
  // A connection lost while checked out (mid-transaction) also emits 'error'; its query fails with it,
  // and the write is refused (503/4503) — the event itself must not end the process.
  pool.on('connect', (client) => client.on('error', (error) => options.onPoolError?.(error.message)))
  try {
    const client = await pool.connect()
    try {
      await client.query('select pg_advisory_lock($1)', [migrationLock])
      await migrate(drizzle(client), { migrationsFolder: postgresMigrationsFolder })
      await client.query('select pg_advisory_unlock($1)', [migrationLock])
    } finally {
      client.release()
    }
  } catch (error) {
    await pool.end().catch(() => undefined)
    const reason = error instanceof Error ? error.message || String(error) : String(error)
    throw new DatabaseOpenError(`Cannot open the database ${redacted(url)}: ${reason}`)
  }
  // The queries above the data layer are written against db/schema.ts; the columns of schema-pg.ts
  // store the same driver values (see the parity test), so that one vocabulary serves both dialects.
  const db = drizzle(pool, { schema: pgSchema }) as unknown as Db
  return {
    dialect: 'postgres',
    db,
    async close() {
      // node-postgres waits forever to end a connection that already broke (an outage): give up after a while.
      let timer: NodeJS.Timeout | undefined
      const givenUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, closeTimeoutMs)))
      await Promise.race([pool.end(), givenUp])
      clearTimeout(timer)
    },
  }
}

/** The URL without its password, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'postgres://…'
  }
}
