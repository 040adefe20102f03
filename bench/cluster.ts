// Two instances of our server on one database and one Redis, as the bench's "cluster" column.
// The database is a parameter: BENCH_CLUSTER_DB=sqlite (one shared file) or postgres (a database of
// its own, created and dropped per run); without it, PostgreSQL when reachable and the server knows
// DATABASE_URL. Redis and PostgreSQL are the machine's unless BENCH_REDIS_URL / BENCH_POSTGRES_URL say.
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import pg from 'pg'
import { loadConfig } from '../server/config'
import type { Group } from './measure-profile'
import { sharedDataDir, startOurs, type SpawnOptions, type Target } from './servers'

export type ClusterDb = 'sqlite' | 'postgres'

export const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379'
const postgresUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test'
/** BENCH_POSTGRES_SYNCHRONOUS_COMMIT=off|local|on: the bench database's synchronous_commit, unset: as the server is configured. */
const synchronousCommit = process.env.BENCH_POSTGRES_SYNCHRONOUS_COMMIT
if (synchronousCommit && !['off', 'local', 'on'].includes(synchronousCommit)) throw new Error('BENCH_POSTGRES_SYNCHRONOUS_COMMIT must be off, local or on')

async function redisReachable(): Promise<boolean> {
  const redis = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null })
  redis.on('error', () => undefined)
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    redis.disconnect()
  }
}

async function withPostgres<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

const postgresReachable = () => withPostgres(postgresUrl, (c) => c.query('select 1')).then(() => true, () => false)

/** Whether this server takes DATABASE_URL: its configuration keeps the URL somewhere. */
function serverKnowsDatabaseUrl(): boolean {
  const marker = `mz_probe_${randomBytes(4).toString('hex')}`
  const url = new URL(postgresUrl)
  url.pathname = `/${marker}`
  return JSON.stringify(loadConfig({ DATA_DIR: '/nonexistent', DATABASE_URL: url.toString() })).includes(marker)
}

export type ClusterPlan = { db: ClusterDb } | { skip: string }

/** Which database the cluster runs on, or why it cannot run here (one line). */
export async function planCluster(): Promise<ClusterPlan> {
  if (!(await redisReachable())) return { skip: `cluster profile skipped: Redis at ${redisUrl} is unreachable` }
  const wanted = process.env.BENCH_CLUSTER_DB
  if (wanted && wanted !== 'sqlite' && wanted !== 'postgres') throw new Error('BENCH_CLUSTER_DB must be sqlite or postgres')
  if (wanted === 'sqlite') return { db: 'sqlite' }
  const reachable = await postgresReachable()
  const supported = serverKnowsDatabaseUrl()
  if (wanted === 'postgres') {
    if (!reachable) return { skip: `cluster profile skipped: PostgreSQL at ${postgresUrl} is unreachable` }
    if (!supported) return { skip: 'cluster profile skipped: this server does not take DATABASE_URL yet (BENCH_CLUSTER_DB=sqlite runs it on one SQLite file)' }
    return { db: 'postgres' }
  }
  return { db: reachable && supported ? 'postgres' : 'sqlite' }
}

export type Cluster = Group & {
  db: ClusterDb
  /** After the workload: one line on where the documents went; throws when PostgreSQL holds none of them. */
  confirmStorage(): Promise<string>
  stop(): Promise<void>
}

/** Two instances (a, b) on one database and one Redis channel of their own. */
export async function startCluster(db: ClusterDb, options: SpawnOptions = {}): Promise<Cluster> {
  const run = randomBytes(4).toString('hex')
  const data = sharedDataDir('bench-cluster')
  let database: { url: string; drop(): Promise<void> } | undefined
  if (db === 'postgres') {
    const name = `mz_bench_${run}`
    await withPostgres(postgresUrl, async (c) => {
      await c.query(`create database ${name}`)
      // For a comparison at SQLite's durability (WAL, synchronous=NORMAL: no sync per commit); default: the server's setting.
      if (synchronousCommit) await c.query(`alter database ${name} set synchronous_commit = ${synchronousCommit}`)
    })
    const url = new URL(postgresUrl)
    url.pathname = `/${name}`
    database = { url: url.toString(), drop: () => withPostgres(postgresUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) }
  }
  /** Proof that the instances really stored into PostgreSQL (not into a SQLite file beside it). */
  const storedInPostgres = async () => {
    const stored = await withPostgres(database!.url, (c) => c.query<{ n: string }>('select count(*) as n from proposals')).then(
      (result) => Number(result.rows[0]!.n),
      (error: Error) => error.message,
    )
    if (typeof stored !== 'number' || stored === 0) throw new Error(`cluster: the instances did not store into PostgreSQL (${stored || 'no proposal'})`)
  }
  /** Proof that the edits themselves (not only the rooms) went to PostgreSQL: its update log or snapshots hold documents. */
  const confirmStorage = async () => {
    if (!database) return 'documents stored in the shared SQLite file'
    const { rows } = await withPostgres(database.url, (c) =>
      c.query<{ docs: number; updates: number; snapshots: number }>(
        'select (select count(distinct doc_name) from (select doc_name from doc_updates union select doc_name from doc_snapshots) d)::int as docs, ' +
          '(select count(*) from doc_updates)::int as updates, (select count(*) from doc_snapshots)::int as snapshots',
      ),
    )
    const { docs, updates, snapshots } = rows[0]!
    if (docs === 0) throw new Error('cluster: PostgreSQL holds no document: the edits were not stored there')
    const commit = await withPostgres(database.url, (c) => c.query<{ synchronous_commit: string }>('show synchronous_commit'))
    return `PostgreSQL (synchronous_commit=${commit.rows[0]!.synchronous_commit}) holds ${docs} documents (${updates} logged updates, ${snapshots} snapshots)`
  }
  const env = {
    REDIS_URL: redisUrl,
    // Each run on its own channel: other runs and tests may share this Redis.
    REDIS_PREFIX: `bench-${run}:`,
    // Two processes write one SQLite file: a commit may wait for the other's.
    SQLITE_BUSY_TIMEOUT_MS: '5000',
    ...(database ? { DATABASE_URL: database.url } : {}),
  }
  const targets: Target[] = []
  const stop = async () => {
    await Promise.all(targets.map((t) => t.stop()))
    await database?.drop()
    data.remove()
  }
  try {
    // One after the other: the first creates the schema and the demo users.
    for (const id of ['a', 'b']) targets.push(await startOurs({ ...options, dataDir: data.dir, env: { ...env, INSTANCE_ID: `bench-${id}` } }))
    await Promise.all(targets.map((t) => t.redisReady!()))
    if (database) {
      await targets[0]!.newRoom('bench postgres check')
      await storedInPostgres()
    }
  } catch (error) {
    await stop()
    throw error
  }
  return { name: 'cluster', targets, db, confirmStorage, stop }
}
