// Reads both ends of `npm run migrate-to-postgres` independently of the command, and runs its real CLI.
import { spawn } from 'node:child_process'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import * as Y from 'yjs'
import { tablePairs } from '../../db/sqlite-to-postgres/tables'
import { departments as knownDepartments } from '../../shared/departments'
import { serverProgram } from '../helpers/server-build'

export const root = path.resolve(import.meta.dirname, '../..')
export const demoIds = ['demo9492019', 'demointegration20222023']

/** The real command line in a child process; resolves with its exit code and output. */
export async function migrateCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env
  const child = spawn(process.execPath, [await serverProgram('migrate-to-postgres'), ...args], {
    cwd: root,
    env: { ...inherited, ...env },
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk) => (out += chunk))
  child.stderr.on('data', (chunk) => (err += chunk))
  const killer = setTimeout(() => child.kill('SIGKILL'), 120_000)
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer)
      resolve({ code, out, err })
    }),
  )
}

/** A table's rows on each side, in primary-key order, as Drizzle maps them (dates, parsed JSON, buffers). */
export async function rowsOf(sqliteFile: string, databaseUrl: string) {
  const sqlite = new Database(sqliteFile, { readonly: true })
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 })
  try {
    const fromSqlite = drizzleSqlite(sqlite)
    const fromPg = drizzlePg(pool)
    const result = new Map<string, { sqlite: unknown[]; pg: unknown[] }>()
    for (const pair of tablePairs()) {
      const byKey = (rows: Record<string, unknown>[]) =>
        [...rows].sort((a, b) => (JSON.stringify(pair.keyProperties.map((k) => a[k])) < JSON.stringify(pair.keyProperties.map((k) => b[k])) ? -1 : 1))
      result.set(pair.name, {
        sqlite: byKey(fromSqlite.select().from(pair.sqlite).all() as Record<string, unknown>[]),
        pg: byKey((await fromPg.select().from(pair.pg)) as Record<string, unknown>[]),
      })
    }
    return result
  } finally {
    sqlite.close()
    await pool.end()
  }
}

/** Each document's state as the server would load it from that side: snapshot, then the log after it. */
export async function documentStates(sqliteFile: string, databaseUrl: string) {
  const build = (snapshot: { state: Uint8Array; lastSeq: number } | undefined, log: { seq: number; update: Uint8Array }[]) => {
    const doc = new Y.Doc()
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    for (const row of log.filter((entry) => entry.seq > (snapshot?.lastSeq ?? 0))) Y.applyUpdate(doc, row.update)
    return Buffer.from(Y.encodeStateAsUpdate(doc))
  }
  const rows = await rowsOf(sqliteFile, databaseUrl)
  const side = (which: 'sqlite' | 'pg') => {
    const snapshots = rows.get('doc_snapshots')![which] as { docName: string; state: Uint8Array; lastSeq: number }[]
    const log = (rows.get('doc_updates')![which] as { docName: string; seq: number; update: Uint8Array }[]).sort((a, b) => a.seq - b.seq)
    const names = [...new Set([...snapshots.map((s) => s.docName), ...log.map((u) => u.docName)])].sort()
    return new Map(names.map((name) => [name, build(snapshots.find((s) => s.docName === name), log.filter((u) => u.docName === name))]))
  }
  return { sqlite: side('sqlite'), pg: side('pg') }
}

/** True when the target holds nothing but the departments its own migrations insert. */
export async function holdsOnlyMigrationRows(databaseUrl: string): Promise<boolean> {
  const { departments, ...copied } = await tableCounts(databaseUrl)
  return Object.values(copied).every((count) => count === 0) && (departments === 0 || departments === knownDepartments.length)
}

export async function tableCounts(databaseUrl: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const counts: Record<string, number> = {}
    for (const pair of tablePairs()) {
      const { rows } = await client.query<{ exists: boolean }>(`select to_regclass('public.${pair.name}') is not null as exists`)
      counts[pair.name] = rows[0]!.exists ? Number((await client.query(`select count(*) as n from "${pair.name}"`)).rows[0].n) : 0
    }
    return counts
  } finally {
    await client.end()
  }
}
