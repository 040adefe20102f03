// PostgreSQL out of reach: the server refuses writes loudly (WebSocket 4503, HTTP 503) instead of
// acknowledging what it cannot store, exactly as for a full disk; clients keep their edits; once
// PostgreSQL is reachable again everything is stored and synced, and nothing is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { titleText } from '../../shared/model'
import { connectClient, connectSynced, createProposal, signIn } from '../helpers/clients'
import { readStoredDocOf } from '../helpers/database'
import { backendAvailable, createPostgresDatabase, type TestPostgresDatabase } from '../helpers/services'
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'

type Health = { status: string; storeErrors: { room: string; error: string }[] }

describe.skipIf(!backendAvailable('postgres'))('PostgreSQL outage', () => {
  let database: TestPostgresDatabase
  let proxy: TcpProxy
  let server: TestServer
  const health = async () => (await (await fetch(`${server.url}/api/health`)).json()) as Health

  beforeAll(async () => {
    database = await createPostgresDatabase()
    const direct = new URL(database.url)
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) })
    const viaProxy = new URL(database.url)
    viaProxy.hostname = '127.0.0.1'
    viaProxy.port = String(proxy.port)
    server = await startTestServer({
      env: { DATABASE_URL: viaProxy.toString(), DATABASE_POOL_SIZE: '4', DATABASE_CONNECT_TIMEOUT_MS: '1000', STORE_RETRY_MS: '200' },
    })
  })
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined)
    await server?.stop()
    await proxy?.close()
    await database?.drop()
  })

  it('refuses writes with 4503 and 503 while PostgreSQL is unreachable, then stores everything once it is back', async () => {
    const cookie = await signIn(server.url, 'sozialamt.editor')
    const { id } = await createProposal(server.url, cookie, 'Vorher')
    const writer = connectClient(server.wsUrl, id, { cookie })
    const closes: number[] = []
    writer.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    await waitFor(() => writer.provider.synced)
    const reader = await connectSynced(server.wsUrl, id, cookie)
    try {
      await proxy.cut()
      titleText(writer.doc).insert(titleText(writer.doc).length, ' – während der Störung')
      await waitFor(() => closes.includes(4503), { what: 'the writer told that storage is unavailable', timeoutMs: 15_000 })
      const degraded = await health()
      expect(degraded.status).toBe('degraded')
      expect(degraded.storeErrors[0]?.error).toMatch(/ECONNREFUSED|Connection terminated|timeout/i)
      const create = await fetch(`${server.url}/api/proposals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ title: 'Neu während der Störung' }),
      })
      expect(create.status).toBe(503)
      expect(((await create.json()) as { error: string }).error).toMatch(/^storage unavailable, nothing was saved/)
      // Not acknowledged: nobody else saw it, the writer still has it.
      expect(titleText(reader.doc).toString()).toBe('Vorher')
      expect(titleText(writer.doc).toString()).toBe('Vorher – während der Störung')

      await proxy.restore()
      await waitFor(() => titleText(reader.doc).toString() === 'Vorher – während der Störung', {
        what: 'the edit arriving once PostgreSQL is back',
        timeoutMs: 20_000,
      })
      await waitFor(async () => (await health()).status === 'ok', { what: 'health ok again', timeoutMs: 10_000 })
      expect(titleText((await readStoredDocOf({ dataDir: server.dataDir, databaseUrl: database.url }, id)).doc).toString()).toBe(
        'Vorher – während der Störung',
      )
      const again = await fetch(`${server.url}/api/proposals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ title: 'Nach der Störung' }),
      })
      expect(again.status).toBe(201)
    } finally {
      writer.destroy()
      reader.destroy()
    }
  })
})
