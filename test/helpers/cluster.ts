// Two (or more) real server processes on one database (a fresh PostgreSQL database, or one SQLite
// file), telling each other through a private Redis.
import { randomUUID } from 'node:crypto'
import { describe } from 'vitest'
import type * as Y from 'yjs'
import { apiClient } from './api'
import { connectSynced, signIn, type Client } from './clients'
import { insertStoredUpdateOf, readStoredDocOf } from './database'
import { startRedisProcess, type RedisProcess } from './redis-process'
import { startServerProcess, tempDataDir, type ServerProcess } from './server-process'
import { backendAvailable, backends, createPostgresDatabase, services, type Backend, type TestPostgresDatabase } from './services'
import { waitFor } from './wait'

/** Whether a cluster on this backend can run here: it needs Redis, and PostgreSQL unless on SQLite. */
export const clusterAvailable = (backend: Backend) => services().redis && backendAvailable(backend)

/**
 * The suite once per backend it names, each skipped (with the setup's one line) where its services are
 * missing. Its tests may take longer than one process's: several waits of up to 30 s on a loaded machine.
 */
export function describeClusters(name: string, suite: (backend: Backend) => void, on: Backend[] = backends): void {
  for (const backend of on) describe.skipIf(!clusterAvailable(backend))(`${name} (${backend})`, { timeout: 120_000 }, () => suite(backend))
}

export type TestCluster = {
  redis: RedisProcess
  instances: ServerProcess[]
  dataDir: string
  /** The PostgreSQL database every instance stores in (undefined: the SQLite file in dataDir). */
  databaseUrl?: string
  /** The document as the shared database holds it, read directly. */
  storedDoc(docName: string): Promise<{ doc: Y.Doc; logLength: number }>
  /** Appends an update to the log behind every instance's back: stored, never published. */
  storeUnannounced(docName: string, update: Uint8Array): Promise<void>
  /** The session cookie of each user (valid on every instance: they share the database). */
  cookies: Record<string, string>
  api(instance: ServerProcess, user: string): ReturnType<typeof apiClient>
  connect(instance: ServerProcess, room: string, user: string): Promise<Client>
  /** Waits until every instance reports its Redis subscription standing. */
  waitForRedis(): Promise<void>
  destroyClients(): void
  stop(): Promise<void>
}

type Health = { redis: { state: string } }

type ClusterOptions = { instances?: number; env?: Record<string, string>; backend?: Backend }

export async function startCluster(users: string[], options: ClusterOptions = {}): Promise<TestCluster> {
  const redis = await startRedisProcess()
  const dataDir = tempDataDir('cluster')
  const database: TestPostgresDatabase | undefined = options.backend === 'postgres' ? await createPostgresDatabase() : undefined
  const env = {
    REDIS_URL: redis.url,
    // Each test run on its own channel, even on a shared Redis.
    REDIS_PREFIX: `test-${randomUUID().slice(0, 8)}:`,
    // Two processes write one SQLite file: a commit may wait for the other's.
    ...(database ? {} : { SQLITE_BUSY_TIMEOUT_MS: '5000' }),
    ...options.env,
  }
  const instances: ServerProcess[] = []
  // One after the other: the first creates the schema and the demo users.
  for (let i = 0; i < (options.instances ?? 2); i++) {
    instances.push(await startServerProcess({ dataDir, databaseUrl: database?.url, env: { ...env, INSTANCE_ID: `instance-${String.fromCharCode(97 + i)}` } }))
  }
  const storage = { dataDir, databaseUrl: database?.url }
  const cookies: Record<string, string> = {}
  for (const user of users) cookies[user] = await signIn(instances[0]!.url, user)
  const clients: Client[] = []
  const cluster: TestCluster = {
    redis,
    instances,
    dataDir,
    databaseUrl: database?.url,
    storedDoc: (docName) => readStoredDocOf(storage, docName),
    storeUnannounced: (docName, update) => insertStoredUpdateOf(storage, docName, update),
    cookies,
    api: (instance, user) => apiClient(instance.url, cookies[user]),
    async connect(instance, room, user) {
      // Patiently: on a loaded machine a room may first read back what other instances stored.
      const client = await connectSynced(instance.wsUrl, room, cookies[user]!, { timeoutMs: 30_000 })
      clients.push(client)
      return client
    },
    async waitForRedis() {
      await waitFor(
        async () => {
          const states = await Promise.all(instances.map(async (instance) => ((await (await fetch(`${instance.url}/api/health`)).json()) as Health).redis.state))
          return states.every((state) => state === 'ready')
        },
        { timeoutMs: 30_000, intervalMs: 50, what: 'every instance subscribed to redis' },
      )
    },
    destroyClients() {
      for (const client of clients.splice(0)) client.destroy()
    },
    async stop() {
      cluster.destroyClients()
      for (const instance of instances) await instance.stop()
      await redis.kill()
      await database?.drop()
    },
  }
  await cluster.waitForRedis()
  return cluster
}
