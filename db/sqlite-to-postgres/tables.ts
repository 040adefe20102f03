// Which tables the move copies and in what order: every table of db/schema.ts with its twin of
// db/schema-pg.ts, parents before children so each foreign key finds its row.
import { getTableColumns, getTableName, is, Table } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core'
import * as pgSchema from '../schema-pg'
import * as sqliteSchema from '../schema'

export type TablePair = {
  /** The SQL name, the same on both sides. */
  name: string
  sqlite: SQLiteTable
  pg: PgTable
  /** Property keys (camelCase) of the primary key columns. */
  keyProperties: string[]
  /** Property keys of the byte columns: counted against the page budget and compared byte by byte. */
  blobProperties: string[]
}

const tablesOf = (schema: Record<string, unknown>) =>
  new Map(Object.entries(schema).filter((entry): entry is [string, Table] => is(entry[1], Table)))

/** Every table in foreign-key order; throws when the two schemas do not name the same tables. */
export function tablePairs(): TablePair[] {
  const sqliteTables = tablesOf(sqliteSchema)
  const pgTables = tablesOf(pgSchema)
  const pairs = new Map<string, TablePair>()
  for (const [exportName, table] of sqliteTables) {
    const twin = pgTables.get(exportName)
    const name = getTableName(table)
    if (!twin || getTableName(twin) !== name) throw new Error(`db/schema-pg.ts has no twin of the table ${name}`)
    const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][]
    const config = getTableConfig(table as SQLiteTable)
    const compositeKey = config.primaryKeys[0]?.columns.map((column) => column.name)
    const keyProperties = columns
      .filter(([, column]) => (compositeKey ? compositeKey.includes(column.name) : column.primary))
      .map(([property]) => property)
    if (keyProperties.length === 0) throw new Error(`the table ${name} has no primary key`)
    const blobProperties = columns.filter(([, column]) => column.getSQLType() === 'blob').map(([property]) => property)
    pairs.set(name, { name, sqlite: table as SQLiteTable, pg: twin as PgTable, keyProperties, blobProperties })
  }
  return foreignKeyOrder([...pairs.values()])
}

function foreignKeyOrder(pairs: TablePair[]): TablePair[] {
  const byName = new Map(pairs.map((pair) => [pair.name, pair]))
  const ordered: TablePair[] = []
  const placed = new Set<string>()
  const visiting = new Set<string>()
  const place = (pair: TablePair) => {
    if (placed.has(pair.name)) return
    if (visiting.has(pair.name)) throw new Error(`the foreign keys of ${pair.name} form a cycle`)
    visiting.add(pair.name)
    for (const key of getTableConfig(pair.sqlite).foreignKeys) {
      const parent = getTableName(key.reference().foreignTable)
      if (parent !== pair.name) place(byName.get(parent)!)
    }
    visiting.delete(pair.name)
    placed.add(pair.name)
    ordered.push(pair)
  }
  // Schema order as the tie-break: a stable, readable summary.
  for (const pair of pairs) place(pair)
  return ordered
}
