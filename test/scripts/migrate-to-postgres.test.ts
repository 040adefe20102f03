// `npm run migrate-to-postgres` against a real server's SQLite file (both demo proposals, signatures,
// comments, a version, live Yjs edits, a compacted log) and a fresh PostgreSQL database per run.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MigrationError, migrateSqliteToPostgres } from '../../db/sqlite-to-postgres/copy'
import { listPositions, titleText } from '../../shared/model'
import { contentHash } from '../../shared/model/content-hash'
import { backendAvailable, createPostgresDatabase, type TestPostgresDatabase } from '../helpers/services'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { apiClient } from '../helpers/api'
import { connectSynced, signIn } from '../helpers/clients'
import { startServerProcess } from '../helpers/server-process'
import { startTestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'
import { demoIds, documentStates, holdsOnlyMigrationRows, migrateCli, root, rowsOf, tableCounts } from './migrate-helpers'

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m)

describe.skipIf(!backendAvailable('postgres'))('npm run migrate-to-postgres', () => {
  let world: SignedInServer
  let dataDir: string
  let sqliteFile: string
  let target: TestPostgresDatabase
  const spare: TestPostgresDatabase[] = []
  // Made while the servers work in beforeAll: each test still gets an empty database of its own,
  // without waiting for PostgreSQL to make it then.
  const ahead: Promise<TestPostgresDatabase>[] = []
  const freshDatabase = async () => {
    const database = await (ahead.shift() ?? createPostgresDatabase())
    spare.push(database)
    return database
  }

  /** Waits until the server's stored draft has `doc`'s content. */
  const stored = (api: ReturnType<typeof apiClient>, id: string, doc: Y.Doc) =>
    waitFor(async () => (await api.get<{ contentHash: string }>(`/proposals/${id}/versions/draft`)).body.contentHash === contentHash(doc), {
      what: 'the server to store the edit',
    })

  beforeAll(async () => {
    // The target and one for each of the seven tests below that copies into a database of its own (more are made on demand).
    for (let i = 0; i < 8; i++) ahead.push(createPostgresDatabase())
    // A failed creation surfaces where a test takes that database; unhandled until then it must not end the run.
    for (const creation of ahead) creation.catch(() => undefined)
    const [pakt, integration] = demoIds as [string, string]
    // First a server that dies (SIGKILL) after storing edits: a snapshot, a log tail after it, and a WAL nobody checkpointed.
    const crashing = await startServerProcess({ env: { SEED_DEMO: 'all', COMPACT_AFTER_UPDATES: '3' } })
    dataDir = crashing.dataDir
    sqliteFile = path.join(dataDir, 'mitzeichnung.sqlite')
    const cookie = await signIn(crashing.url, 'sozialamt.editor')
    const early = await connectSynced(crashing.wsUrl, integration, cookie)
    for (let i = 0; i < 5; i += 1) {
      titleText(early.doc).insert(0, `${i} `)
      await stored(apiClient(crashing.url, cookie), integration, early.doc)
    }
    // Compaction runs beside the stores (in a worker thread): the kill must come after its snapshot is written.
    // The client stays until the kill: once the last one leaves, the room's final compaction folds the tail too.
    await waitFor(
      () => {
        const file = new Database(sqliteFile, { readonly: true })
        try {
          const row = file
            .prepare('select count(*) as tails from doc_updates u join doc_snapshots s on s.doc_name = u.doc_name where u.doc_name = ? and u.seq > s.last_seq')
            .get(integration) as { tails: number }
          return row.tails > 0
        } finally {
          file.close()
        }
      },
      { timeoutMs: 60_000, intervalMs: 50, what: 'a snapshot with a log tail after it' },
    ).catch(async (error: Error) => {
      // Should it time out again (it did once under load, with the client gone), the log says whether the compaction ran.
      const output = crashing.output()
      early.destroy()
      await crashing.kill9()
      throw new Error(`${error.message}\nserver output:\n${output}`)
    })
    await crashing.kill9()
    early.destroy()

    // Then a clean run on the same file: the demo paper 949/2019 gets edits, a round, a signature, a thread with a reply and a version.
    // Its shutdown compacts away the newest sequence numbers, so only SQLite's high-water mark knows them.
    world = await startSignedInServer(['sozialamt.lead', 'sozialamt.editor', 'akr.lead', 'wfb.lead'], {
      dataDir,
      env: { SEED_DEMO: 'all', COMPACT_AFTER_UPDATES: '3' },
    })
    const api = world.api
    const editor = await world.connect(pakt, 'sozialamt.editor')
    for (let i = 0; i < 8; i += 1) titleText(editor.doc).insert(0, `${i} `)
    await stored(api('sozialamt.lead'), pakt, editor.doc)
    const started = await api('sozialamt.lead').post(`/proposals/${pakt}/cosigning`, {
      departments: [{ departmentId: 'akr', sections: ['positions', 'resolution'] }, { departmentId: 'wfb', sections: ['finance'] }],
    })
    expect(started.status).toBe(200)
    expect((await api('akr.lead').post(`/proposals/${pakt}/signatures`, { stance: 'remarks', remark: 'Stellenplan prüfen.' })).status).toBe(200)
    const positionId = listPositions(editor.doc)[0]!.id
    const thread = await api('wfb.lead').post<{ id: string }>(`/proposals/${pakt}/threads`, {
      anchor: { kind: 'position', positionId },
      text: 'Ist die Finanzierung ab 2022 gesichert? @AKR',
    })
    expect(thread.status).toBe(201)
    expect((await api('akr.lead').post(`/proposals/${pakt}/threads/${thread.body.id}/replies`, { text: 'Geprüft, passt.' })).status).toBe(201)
    expect((await api('sozialamt.editor').post(`/proposals/${pakt}/versions`, { name: 'Fassung für SGA' })).status).toBe(201)
    world.destroyClients()
    await world.stop()
    target = await freshDatabase()
  }, 180_000)

  afterAll(async () => {
    await world?.stop()
    // Those no test took are dropped too; every drop at once.
    spare.push(...(await Promise.allSettled(ahead.splice(0))).flatMap((created) => (created.status === 'fulfilled' ? [created.value] : [])))
    await Promise.all(spare.map((database) => database.drop()))
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('every proposal, user, signature, comment and version arrives, Yjs states byte-identical, ids continue past SQLite', async () => {
    const source = new Database(sqliteFile, { readonly: true })
    const issued = source.prepare(`select seq from sqlite_sequence where name = 'doc_updates'`).get() as { seq: number }
    const { highest } = source.prepare('select max(seq) as highest from doc_updates').get() as { highest: number }
    const { tails } = source
      .prepare('select count(*) as tails from doc_updates u join doc_snapshots s on s.doc_name = u.doc_name where u.seq > s.last_seq')
      .get() as { tails: number }
    source.close()
    // The file is what the command must handle: a snapshot with a log tail after it, and issued ids above the highest kept.
    expect(tails).toBeGreaterThan(0)
    expect(highest).toBeLessThan(issued.seq)

    // The SQLite file comes from DATA_DIR (the server's default) and the target from DATABASE_URL.
    const run = await migrateCli([], { DATA_DIR: dataDir, DATABASE_URL: target.url })
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(run.out).toMatch(/^\s+signatures\s+1 rows, equal$/m)
    expect(run.out).toMatch(/documents: Yjs states byte-identical/)

    const rows = await rowsOf(sqliteFile, target.url)
    for (const [name, both] of rows) expect(both.pg, name).toEqual(both.sqlite)
    const of = <T>(name: string) => rows.get(name)!.pg as T[]
    expect(of<{ id: string }>('proposals').map((p) => p.id)).toEqual(expect.arrayContaining(demoIds))
    expect(of<{ username: string }>('users').map((u) => u.username)).toEqual(expect.arrayContaining(['sozialamt.lead', 'akr.lead', 'wfb.viewer']))
    expect(of<{ departmentId: string; stance: string }>('signatures')).toEqual([expect.objectContaining({ departmentId: 'akr', stance: 'remarks' })])
    const comments = of<{ id: string; threadId: string; text: string }>('comments')
    expect(comments).toHaveLength(2)
    expect(comments.filter((c) => c.threadId !== c.id)).toEqual([expect.objectContaining({ text: 'Geprüft, passt.' })])
    expect(of<{ name: string }>('versions')).toEqual([expect.objectContaining({ name: 'Fassung für SGA' })])

    const states = await documentStates(sqliteFile, target.url)
    expect([...states.pg.keys()]).toEqual([...states.sqlite.keys()])
    expect([...states.sqlite.keys()]).toEqual(expect.arrayContaining(demoIds))
    for (const [name, state] of states.sqlite) expect(Buffer.compare(states.pg.get(name)!, state), name).toBe(0)

    // A new update in PostgreSQL never reuses a sequence number SQLite handed out (it would hide behind a snapshot).
    const client = new pg.Client({ connectionString: target.url })
    await client.connect()
    try {
      await client.query('begin')
      const inserted = await client.query(`insert into doc_updates (doc_name, "update") values ('probe', '\\x00') returning seq`)
      await client.query('rollback')
      expect(Number(inserted.rows[0].seq)).toBe(issued.seq + 1)
    } finally {
      await client.end()
    }
  })

  it('pages of two rows (one per blob) copy and verify the same rows as one page', async () => {
    const database = await freshDatabase()
    const report = await migrateSqliteToPostgres({ sqliteFile, databaseUrl: database.url, pageBudget: { maxRows: 2, maxBytes: 1 } })
    expect(report.tables.find((table) => table.name === 'users')!.rows).toBeGreaterThan(2)
    for (const [name, both] of await rowsOf(sqliteFile, database.url)) expect(both.pg, name).toEqual(both.sqlite)
  })

  it('a second run against the now filled database refuses with a clear message and changes nothing', async () => {
    const before = await tableCounts(target.url)
    const run = await migrateCli(['--sqlite', sqliteFile, '--database-url', target.url])
    expect(run.code).toBe(1)
    expect(run.err).toMatch(/^The PostgreSQL database 127\.0\.0\.1:5432\/mz_\w+ already holds data \(users, .*\); nothing was copied/)
    noStackTrace(run.err)
    expect(await tableCounts(target.url)).toEqual(before)
  })

  it('a bad or unreachable DATABASE_URL is one clear line, no stack trace', async () => {
    const cases: [string, RegExp][] = [
      ['mysql://root@127.0.0.1/test', /^DATABASE_URL must be a postgres:\/\/ URL, not mysql:\/\//],
      ['not a url', /^DATABASE_URL is not a URL/],
      ['postgres://root@127.0.0.1:1/test', /^Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/test: .*ECONNREFUSED/],
      [target.url.replace(/\/\w+$/, '/mz_no_such_database'), /^Cannot connect to PostgreSQL at .*\/mz_no_such_database: database "mz_no_such_database" does not exist/],
    ]
    for (const [url, message] of cases) {
      const run = await migrateCli(['--sqlite', sqliteFile], { DATABASE_URL: url })
      expect(run.code, url).toBe(1)
      expect(run.err, url).toMatch(message)
      noStackTrace(run.err)
    }
    const missing = await migrateCli(['--sqlite', path.join(dataDir, 'nothing.sqlite'), '--database-url', target.url])
    expect(missing).toMatchObject({ code: 1, err: expect.stringMatching(/^There is no SQLite database at .*nothing\.sqlite/) })
  }, 180_000)

  it('refuses a SQLite file at another schema version, naming what is missing', async () => {
    const database = await freshDatabase()
    const older = path.join(dataDir, 'older.sqlite')
    const source = new Database(sqliteFile)
    source.prepare('vacuum into ?').run(older)
    source.close()
    const copy = new Database(older)
    copy.exec('delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)')
    copy.close()
    await expect(migrateSqliteToPostgres({ sqliteFile: older, databaseUrl: database.url })).rejects.toThrow(
      /^The SQLite database .*older\.sqlite is at an older schema \(missing 0\d{3}_\w+\): start this version of the server once/,
    )
  })

  it('waits only briefly for a PostgreSQL database another session holds, then says so and copies nothing', async () => {
    const database = await freshDatabase()
    const pool = new pg.Pool({ connectionString: database.url, max: 1 })
    await migrate(drizzlePg(pool), { migrationsFolder: path.join(root, 'db/migrations-pg') })
    const holder = await pool.connect()
    try {
      await holder.query('begin')
      await holder.query('lock table users in access share mode')
      await expect(migrateSqliteToPostgres({ sqliteFile, databaseUrl: database.url, lockTimeoutMs: 200 })).rejects.toThrow(
        /^The PostgreSQL database .* is in use by another session \(a server\?\): stop it/,
      )
    } finally {
      await holder.query('rollback')
      holder.release()
      await pool.end()
    }
    expect(await holdsOnlyMigrationRows(database.url)).toBe(true)
  })

  it('a verification failure rolls the whole copy back: the target keeps no row', async () => {
    const database = await freshDatabase()
    // The schema first, then a trigger that corrupts one stored blob on its way in.
    const pool = new pg.Pool({ connectionString: database.url, max: 1 })
    try {
      await migrate(drizzlePg(pool), { migrationsFolder: path.join(root, 'db/migrations-pg') })
      await pool.query(`create function corrupt() returns trigger language plpgsql as $$ begin new.state := new.state || '\\x00'::bytea; return new; end $$`)
      await pool.query('create trigger corrupt before insert on versions for each row execute function corrupt()')
    } finally {
      await pool.end()
    }
    const attempt = migrateSqliteToPostgres({ sqliteFile, databaseUrl: database.url })
    await expect(attempt).rejects.toThrow(MigrationError)
    await expect(attempt).rejects.toThrow(/^Verification failed, nothing was written to PostgreSQL \(1 difference\(s\)\):\n {2}versions \["[^"]+"\]: state differ$/)
    expect(await holdsOnlyMigrationRows(database.url)).toBe(true)
  })

  it('a row PostgreSQL refuses stops the copy with the database\'s reason, and the target keeps no row', async () => {
    const database = await freshDatabase()
    const pool = new pg.Pool({ connectionString: database.url, max: 1 })
    try {
      await migrate(drizzlePg(pool), { migrationsFolder: path.join(root, 'db/migrations-pg') })
      await pool.query(`alter table comments add constraint no_replies check (thread_id = id)`)
    } finally {
      await pool.end()
    }
    const run = await migrateCli(['--sqlite', sqliteFile, '--database-url', database.url])
    expect(run.code).toBe(1)
    expect(run.err).toBe(
      'Copying comments failed, nothing was written to PostgreSQL: new row for relation "comments" violates check constraint "no_replies"\n',
    )
    expect(await holdsOnlyMigrationRows(database.url)).toBe(true)
  })

  it('after a server was killed (a WAL nobody checkpointed) the last stored edit still arrives', async () => {
    const database = await freshDatabase()
    const integration = demoIds[1]!
    const crashing = await startServerProcess({ dataDir })
    try {
      const cookie = await signIn(crashing.url, 'sozialamt.editor')
      const client = await connectSynced(crashing.wsUrl, integration, cookie)
      titleText(client.doc).insert(0, 'Zuletzt: ')
      await stored(apiClient(crashing.url, cookie), integration, client.doc)
      client.destroy()
    } finally {
      await crashing.kill9()
    }
    expect(fs.statSync(`${sqliteFile}-wal`).size).toBeGreaterThan(0)
    const run = await migrateCli(['--sqlite', sqliteFile, '--database-url', database.url])
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, (await documentStates(sqliteFile, database.url)).pg.get(integration)!)
    expect(titleText(doc).toString()).toMatch(/^Zuletzt: /)
  })

  it('refuses while a server still has the SQLite file open, before touching PostgreSQL', async () => {
    const database = await freshDatabase()
    const running = await startTestServer({ dataDir })
    try {
      const run = await migrateCli(['--sqlite', sqliteFile, '--database-url', database.url])
      expect(run.code).toBe(1)
      expect(run.err).toMatch(/^The SQLite database .* is in use: stop the server/)
      noStackTrace(run.err)
    } finally {
      await running.stop()
    }
    const client = new pg.Client({ connectionString: database.url })
    await client.connect()
    const { rows } = await client.query(`select count(*)::int as n from information_schema.tables where table_schema = 'public'`)
    await client.end()
    expect(rows[0].n).toBe(0)
  })
})
