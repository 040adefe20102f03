// The committed PostgreSQL migrations build the schema of db/schema-pg.ts on an empty database.
import path from 'node:path'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import { getTableColumns, getTableName, is, Table } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as pgSchema from '../../db/schema-pg'
import { backendAvailable, createPostgresDatabase, type TestPostgresDatabase } from '../helpers/services'

describe.skipIf(!backendAvailable('postgres'))('PostgreSQL migrations', () => {
  let database: TestPostgresDatabase
  let pool: pg.Pool
  beforeAll(async () => {
    database = await createPostgresDatabase()
    pool = new pg.Pool({ connectionString: database.url, max: 1 })
  })
  afterAll(async () => {
    await pool?.end()
    await database?.drop()
  })

  it('create every table and column of the schema, and a second run changes nothing', async () => {
    const migrationsFolder = path.resolve(import.meta.dirname, '../../db/migrations-pg')
    await migrate(drizzle(pool), { migrationsFolder })
    await migrate(drizzle(pool), { migrationsFolder })
    const { rows } = await pool.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns where table_schema = 'public'`,
    )
    const stored = new Set(rows.map((row) => `${row.table_name}.${row.column_name}`))
    for (const table of (Object.values(pgSchema) as unknown[]).filter((value): value is Table => is(value, Table))) {
      const name = getTableName(table)
      const columns = Object.values(getTableColumns(table))
      expect(columns.length, name).toBeGreaterThan(0)
      for (const column of columns) expect(stored, `${name}.${column.name}`).toContain(`${name}.${column.name}`)
    }
  })
})
