// Two (or more) real server processes on one SQLite file, telling each other through a private Redis.
import { randomUUID } from 'node:crypto'
import { apiClient } from './api'
import { connectSynced, signIn, type Client } from './clients'
import { startRedisProcess, type RedisProcess } from './redis-process'
import { startServerProcess, tempDataDir, type ServerProcess } from './server-process'
import { waitFor } from './wait'

export type TestCluster = {
  redis: RedisProcess
  instances: ServerProcess[]
  dataDir: string
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

export async function startCluster(users: string[], options: { instances?: number; env?: Record<string, string> } = {}): Promise<TestCluster> {
  const redis = await startRedisProcess()
  const dataDir = tempDataDir('cluster')
  const env = {
    REDIS_URL: redis.url,
    // Each test run on its own channel, even on a shared Redis.
    REDIS_PREFIX: `test-${randomUUID().slice(0, 8)}:`,
    // Two processes write one file: a commit may wait for the other's.
    SQLITE_BUSY_TIMEOUT_MS: '5000',
    ...options.env,
  }
  const instances: ServerProcess[] = []
  // One after the other: the first creates the schema and the demo users.
  for (let i = 0; i < (options.instances ?? 2); i++) {
    instances.push(await startServerProcess({ dataDir, env: { ...env, INSTANCE_ID: `instance-${String.fromCharCode(97 + i)}` } }))
  }
  const cookies: Record<string, string> = {}
  for (const user of users) cookies[user] = await signIn(instances[0]!.url, user)
  const clients: Client[] = []
  const cluster: TestCluster = {
    redis,
    instances,
    dataDir,
    cookies,
    api: (instance, user) => apiClient(instance.url, cookies[user]),
    async connect(instance, room, user) {
      const client = await connectSynced(instance.wsUrl, room, cookies[user]!)
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
    },
  }
  await cluster.waitForRedis()
  return cluster
}
