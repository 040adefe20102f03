// The one place tests ask whether PostgreSQL and Redis are there, and where they get a database of
// their own. The answer comes from the global setup's single probe (services-setup.ts).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, inject } from 'vitest'

export type Backend = 'sqlite' | 'postgres'

/** Both storage backends, for `describe.each(backends)`; skip the PostgreSQL case with `skipUnless(backend)`. */
export const backends: Backend[] = ['sqlite', 'postgres']

export function services() {
  return inject('services')
}

/** Whether a test of this backend can run here (SQLite always can). */
export const backendAvailable = (backend: Backend) => backend === 'sqlite' || services().postgres

/** A connection string of `database` on the test server, with the same role and host as the admin URL. */
function urlOf(database: string): string {
  const url = new URL(services().urls.postgres)
  url.pathname = `/${database}`
  return url.toString()
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: services().urls.postgres })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

export type TestPostgresDatabase = { name: string; url: string; drop(): Promise<void> }

/** A fresh, empty PostgreSQL database; `drop()` removes it (the run's teardown drops any left over). */
export async function createPostgresDatabase(): Promise<TestPostgresDatabase> {
  const name = `mz_${services().runId}_${randomBytes(4).toString('hex')}`
  await admin((client) => client.query(`create database ${name}`))
  let dropped = false
  return {
    name,
    url: urlOf(name),
    async drop() {
      if (dropped) return
      dropped = true
      await admin((client) => client.query(`drop database if exists ${name} with (force)`))
    },
  }
}

/** The suite once per storage backend; the PostgreSQL run is skipped (with the one line of the setup) where there is none. */
export function describeBackends(name: string, suite: (backend: Backend) => void): void {
  for (const backend of backends) describeOnBackend(backend, name, suite)
}

/** The suite on one backend: long suites get one file per backend, so the two run in parallel workers. */
export function describeOnBackend(backend: Backend, name: string, suite: (backend: Backend) => void): void {
  describe.skipIf(!backendAvailable(backend))(`${name} (${backend})`, () => suite(backend))
}
