// PostgreSQL out of reach: the server refuses writes loudly (WebSocket 4503, HTTP 503) instead of
// acknowledging what it cannot store, exactly as for a full disk; clients keep their edits; once
// PostgreSQL is reachable again everything is stored and synced, and nothing is lost.
import { afterAll, beforeAll, describe, it } from 'vitest'
import { backendAvailable, createPostgresDatabase, type TestPostgresDatabase } from '../helpers/services'
import { proxiedDatabaseUrl, type TcpProxy } from '../helpers/tcp-proxy'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { writesSurvive } from './writes-survive'

describe.skipIf(!backendAvailable('postgres'))('PostgreSQL outage', () => {
  let database: TestPostgresDatabase
  let proxy: TcpProxy
  let server: TestServer

  beforeAll(async () => {
    database = await createPostgresDatabase()
    const proxied = await proxiedDatabaseUrl(database.url)
    proxy = proxied.proxy
    server = await startTestServer({
      env: { DATABASE_URL: proxied.url, DATABASE_POOL_SIZE: '4', DATABASE_CONNECT_TIMEOUT_MS: '1000', STORE_RETRY_MS: '200' },
    })
  })
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined)
    await server?.stop()
    await proxy?.close()
    await database?.drop()
  })

  it('refuses writes with 4503 and 503 while PostgreSQL is unreachable, then stores everything once it is back', async () => {
    await writesSurvive(server, { dataDir: server.dataDir, databaseUrl: database.url }, {
      start: () => proxy.cut(),
      end: () => proxy.restore(),
      error: /ECONNREFUSED|Connection terminated|timeout/i,
    })
  })
})
