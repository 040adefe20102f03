// Vitest global setup: probes PostgreSQL and Redis once per run and hands the answer to every test
// file (`inject('services')`). Unreachable services skip their tests with one line, or fail the run
// when REQUIRE_SERVICES=1 (CI, where they must be there).
import net from 'node:net'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { serviceUrls, type ServiceStatus } from './service-urls'

async function probePostgres(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 })
  try {
    await client.connect()
    await client.query('select 1')
    return undefined
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error)
  } finally {
    await client.end().catch(() => undefined)
  }
}

function probeRedis(url: string): Promise<string | undefined> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) })
    const done = (problem: string | undefined) => {
      socket.destroy()
      resolve(problem)
    }
    socket.setTimeout(3_000, () => done('no answer within 3 s'))
    socket.once('error', (error) => done(error.message))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => done(data.toString().startsWith('+PONG') ? undefined : `unexpected answer ${data.toString().trim()}`))
  })
}

/** Every Vitest project runs the global setup; the first probe's answer is kept for the others (one line per run). */
const probedKey = 'MZ_SERVICES_PROBED'

export default async function setup(project: TestProject): Promise<void> {
  const probed = process.env[probedKey]
  if (probed) return project.provide('services', JSON.parse(probed) as ServiceStatus)
  const urls = serviceUrls()
  const [postgresProblem, redisProblem] = await Promise.all([probePostgres(urls.postgres), probeRedis(urls.redis)])
  const status: ServiceStatus = { postgres: !postgresProblem, redis: !redisProblem, urls }
  const missing = [
    postgresProblem && `PostgreSQL at ${urls.postgres} (${postgresProblem})`,
    redisProblem && `Redis at ${urls.redis} (${redisProblem})`,
  ].filter(Boolean)
  if (missing.length && process.env.REQUIRE_SERVICES === '1') {
    throw new Error(`REQUIRE_SERVICES=1 but not reachable: ${missing.join('; ')}`)
  }
  if (missing.length) console.warn(`[services] not reachable, their tests are skipped: ${missing.join('; ')} — set REQUIRE_SERVICES=1 to fail instead`)
  process.env[probedKey] = JSON.stringify(status)
  project.provide('services', status)
}

declare module 'vitest' {
  export interface ProvidedContext {
    services: ServiceStatus
  }
}
