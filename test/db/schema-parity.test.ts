// The SQLite and PostgreSQL schemas describe one database: the same tables, columns, keys and
// indexes, and every column stores the same driver value in both, so one set of queries serves both.
import { getTableColumns, getTableName, is, Table } from 'drizzle-orm'
import { getTableConfig as pgConfig, type PgTable } from 'drizzle-orm/pg-core'
import { getTableConfig as sqliteConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import { describe, expect, it } from 'vitest'
import * as sqliteSchema from '../../db/schema'
import * as pgSchema from '../../db/schema-pg'

const tablesOf = (schema: Record<string, unknown>) =>
  new Map(Object.entries(schema).filter(([, value]) => is(value, Table)) as [string, Table][])

/** The PostgreSQL types that store what each SQLite column kind stores. */
const storedAs: Record<string, string[]> = {
  SQLiteText: ['text'],
  SQLiteTextJson: ['text'],
  SQLiteTimestamp: ['bigint'],
  SQLiteInteger: ['integer', 'bigint', 'bigserial'],
  SQLiteBoolean: ['boolean'],
  SQLiteBlobBuffer: ['bytea'],
}

type Shape = {
  columns: Record<string, { notNull: boolean; primary: boolean; unique: boolean; hasDefault: boolean }>
  primaryKeys: string[][]
  indexes: string[]
  foreignKeys: string[]
}

function sqliteShape(table: SQLiteTable): Shape {
  const config = sqliteConfig(table)
  return {
    columns: Object.fromEntries(config.columns.map((c) => [c.name, { notNull: c.notNull, primary: c.primary, unique: c.isUnique, hasDefault: c.hasDefault }])),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    indexes: config.indexes.map((i) => `${i.config.name}(${i.config.columns.map((c) => (c as { name: string }).name).join(',')})${i.config.unique ? ' unique' : ''}`).sort(),
    foreignKeys: config.foreignKeys.map((fk) => {
      const ref = fk.reference()
      return `${ref.columns.map((c) => c.name).join(',')} -> ${getTableName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(',')}) ${fk.onDelete ?? 'no action'}`
    }).sort(),
  }
}

function pgShape(table: PgTable): Shape {
  const config = pgConfig(table)
  return {
    columns: Object.fromEntries(config.columns.map((c) => [c.name, { notNull: c.notNull, primary: c.primary, unique: c.isUnique, hasDefault: c.hasDefault }])),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name)),
    indexes: config.indexes.map((i) => `${i.config.name}(${i.config.columns.map((c) => (c as { name: string }).name).join(',')})${i.config.unique ? ' unique' : ''}`).sort(),
    foreignKeys: config.foreignKeys.map((fk) => {
      const ref = fk.reference()
      return `${ref.columns.map((c) => c.name).join(',')} -> ${getTableName(ref.foreignTable)}(${ref.foreignColumns.map((c) => c.name).join(',')}) ${fk.onDelete ?? 'no action'}`
    }).sort(),
  }
}

const sqliteTables = tablesOf(sqliteSchema)
const pgTables = tablesOf(pgSchema)

describe('the PostgreSQL schema mirrors the SQLite schema', () => {
  it('has the same tables under the same names', () => {
    expect([...pgTables.keys()].sort()).toEqual([...sqliteTables.keys()].sort())
    for (const [key, table] of sqliteTables) expect(getTableName(pgTables.get(key)!)).toBe(getTableName(table))
  })

  for (const [key, sqliteTable] of sqliteTables) {
    it(`${getTableName(sqliteTable)}: same columns, nullability, defaults, keys, indexes and foreign keys`, () => {
      const pgTable = pgTables.get(key) as PgTable | undefined
      expect(pgTable, `${key} is missing in db/schema-pg.ts`).toBeDefined()
      expect(pgShape(pgTable!)).toEqual(sqliteShape(sqliteTable as SQLiteTable))
    })

    it(`${getTableName(sqliteTable)}: every column stores the same driver value in both dialects`, () => {
      const pgColumns = new Map(pgConfig(pgTables.get(key) as PgTable).columns.map((c) => [c.name, c]))
      for (const column of sqliteConfig(sqliteTable as SQLiteTable).columns) {
        const allowed = storedAs[column.columnType]
        expect(allowed, `no PostgreSQL type known for ${column.columnType}`).toBeDefined()
        expect(allowed, `${getTableName(sqliteTable)}.${column.name}`).toContain(pgColumns.get(column.name)!.getSQLType())
      }
      // The same property names in code: rows read through either schema have one shape.
      expect(Object.keys(getTableColumns(pgTables.get(key)!)).sort()).toEqual(Object.keys(getTableColumns(sqliteTable)).sort())
    })
  }
})
