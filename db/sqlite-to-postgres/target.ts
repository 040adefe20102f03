// The PostgreSQL side of the move: connect, build the schema with the committed migrations, and
// inside the one transaction refuse a target with data, insert pages and continue the id sequences.
import { and, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm'
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import pg from 'pg'
import * as pgSchema from '../schema-pg'
import { driverError, MigrationError, reasonOf } from './errors'
import type { Row } from './source'
import type { TablePair } from './tables'
import { postgresMigrationsFolder } from '../migration-folders'

export type PgDb = NodePgDatabase<typeof pgSchema>
export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0]
export type PgTarget = { db: PgDb; where: string; close(): Promise<void> }
export type SequenceReset = { table: string; column: string; next: number }

/** PostgreSQL takes at most 65 535 parameters per statement. */
const maxParameters = 60_000

/** The URL checked before anything is opened; the message never repeats a password. */
export function parseTargetUrl(value: string | undefined): URL {
  if (!value) throw new MigrationError('Give the target database: DATABASE_URL=postgres://user@host:5432/database (or --database-url).')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new MigrationError('DATABASE_URL is not a URL: expected postgres://user@host:5432/database.')
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new MigrationError(`DATABASE_URL must be a postgres:// URL, not ${url.protocol}// (expected postgres://user@host:5432/database).`)
  }
  if (!url.pathname.replace(/^\//, '')) throw new MigrationError('DATABASE_URL names no database: expected postgres://user@host:5432/database.')
  return url
}

const describe = (url: URL) => `${url.hostname}:${url.port || 5432}${url.pathname}`

export async function connectTarget(url: URL): Promise<PgTarget> {
  const where = describe(url)
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 10_000 })
  // A dropped connection surfaces as the failing query's error, not as an unhandled event.
  client.on('error', () => undefined)
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    throw new MigrationError(`Cannot connect to PostgreSQL at ${where}: ${reasonOf(error)}`)
  }
  const db = drizzle(client, { schema: pgSchema })
  try {
    await migrate(db, { migrationsFolder: postgresMigrationsFolder })
  } catch (error) {
    await client.end().catch(() => undefined)
    throw new MigrationError(`Cannot create the schema in PostgreSQL at ${where}: ${reasonOf(error)}`)
  }
  return { db, where, close: () => client.end() }
}

/** Tables the PostgreSQL migrations fill themselves (db/migrations-pg/0001_departments.sql), as SQLite's do. */
const seededByMigrations = new Set(['departments'])

/** Takes every table for the transaction (no server can write meanwhile) and refuses one that holds rows. */
export async function lockAndRequireEmpty(tx: PgTx, pairs: TablePair[], where: string, lockTimeoutMs: number): Promise<void> {
  // A server still connected to the target holds locks: wait a little, then say so instead of hanging.
  await tx.execute(sql.raw(`set local lock_timeout = ${Math.max(1, Math.round(lockTimeoutMs))}`))
  try {
    await tx.execute(sql.raw(`lock table ${pairs.map((pair) => `"${pair.name}"`).join(', ')} in access exclusive mode`))
  } catch (error) {
    if (driverError(error).code !== '55P03') throw error
    throw new MigrationError(`The PostgreSQL database ${where} is in use by another session (a server?): stop it, then run the command again.`)
  }
  const filled: string[] = []
  for (const pair of pairs) {
    if (seededByMigrations.has(pair.name)) continue
    const { rows } = await tx.execute<{ filled: boolean }>(sql`select exists (select 1 from ${pair.pg}) as filled`)
    if (rows[0]?.filled) filled.push(pair.name)
  }
  if (filled.length) {
    throw new MigrationError(
      `The PostgreSQL database ${where} already holds data (${filled.join(', ')}); nothing was copied. Give an empty database (createdb NAME) — the command never merges into or overwrites one.`,
    )
  }
  // The migrations' own reference rows give way to the installation's, which are copied with everything else.
  for (const pair of pairs) if (seededByMigrations.has(pair.name)) await tx.delete(pair.pg)
}

export async function insertRows(tx: PgTx, pair: TablePair, rows: Row[]): Promise<void> {
  const perStatement = Math.max(1, Math.floor(maxParameters / Object.keys(getTableColumns(pair.pg)).length))
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement) as PgTable['$inferInsert'][]
    await tx.insert(pair.pg).values(chunk)
  }
}

/** The rows of `pair` whose primary keys are those of `keys`. */
export async function rowsWithKeys(tx: PgTx, pair: TablePair, keys: Row[]): Promise<Row[]> {
  if (keys.length === 0) return []
  const columns = getTableColumns(pair.pg) as Record<string, PgColumn>
  const [single] = pair.keyProperties
  const match: SQL | undefined =
    pair.keyProperties.length === 1
      ? inArray(columns[single!]!, keys.map((key) => key[single!]))
      : or(...keys.map((key) => and(...pair.keyProperties.map((property) => eq(columns[property]!, key[property])))))
  return (await tx.select().from(pair.pg).where(match)) as Row[]
}

export async function countRows(tx: PgTx, pair: TablePair): Promise<number> {
  const { rows } = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${pair.pg}`)
  return rows[0]!.n
}

/**
 * Sets every id sequence past both the highest copied id and the highest SQLite ever issued: a
 * compacted log has deleted its low updates, and a reused seq would hide behind a snapshot's lastSeq.
 */
export async function continueSequences(tx: PgTx, highestIssued: Map<string, number>): Promise<SequenceReset[]> {
  const { rows } = await tx.execute<{ table_name: string; column_name: string; sequence: string }>(sql`
    select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
    from information_schema.columns
    where table_schema = current_schema() and column_default like 'nextval(%' and table_name not like '%drizzle%'
    order by table_name`)
  const resets: SequenceReset[] = []
  for (const row of rows) {
    const { rows: top } = await tx.execute<{ top: string }>(
      sql`select coalesce(max(${sql.identifier(row.column_name)}), 0)::text as top from ${sql.identifier(row.table_name)}`,
    )
    const highest = Math.max(Number(top[0]!.top), highestIssued.get(row.table_name) ?? 0)
    // setval(…, n, true): the next value is n + 1; an empty, never-used table starts at 1.
    if (highest > 0) await tx.execute(sql`select setval(${row.sequence}, ${highest}, true)`)
    else await tx.execute(sql`select setval(${row.sequence}, 1, false)`)
    resets.push({ table: row.table_name, column: row.column_name, next: highest + 1 })
  }
  return resets
}
