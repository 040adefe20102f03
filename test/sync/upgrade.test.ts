// The sync upgrade outside Hono: every refusal is an HTTP status with a JSON {error} on the raw socket,
// decided before anything is upgraded, and the server goes on serving the clients it should.
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectSynced, createProposal, signIn } from '../helpers/clients'
import { openRawSocket, upgradeAnswer, type UpgradeAnswer } from '../helpers/raw-socket'
import { backendAvailable, createPostgresDatabase, type TestPostgresDatabase } from '../helpers/services'
import { proxiedDatabaseUrl, type TcpProxy } from '../helpers/tcp-proxy'
import { startTestServer, type TestServer } from '../helpers/test-server'

const maxMessageBytes = 32 * 1024

const expectJsonError = (answer: UpgradeAnswer, status: number, error: RegExp) => {
  expect(answer.status, answer.body).toBe(status)
  expect(answer.contentType).toMatch(/^application\/json/)
  expect((JSON.parse(answer.body) as { error: string }).error).toMatch(error)
}

/** A client that joins, syncs and leaves: the server still serves sync. */
const stillSyncs = async (server: TestServer, proposalId: string, cookie: string) => {
  const client = await connectSynced(server.wsUrl, proposalId, cookie)
  client.destroy()
}

describe('sync upgrade', () => {
  let server: TestServer
  let cookie: string
  let proposalId: string

  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_MESSAGE_BYTES: String(maxMessageBytes) } })
    cookie = await signIn(server.url, 'sozialamt.editor')
    proposalId = (await createProposal(server.url, cookie)).id
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('an upgrade to a path that is no sync room is answered 404 with a JSON error; sync goes on', async () => {
    const paths = ['/sync', '/sync/', `/sync/${proposalId}/`, `/sync/${proposalId}/extra`, `/sync/${proposalId}/record/x`, '/api/proposals', `/p/${proposalId}`]
    for (const path of paths) expectJsonError(await upgradeAnswer(`${server.url}${path}`, { cookie }), 404, /not found/)
    await stillSyncs(server, proposalId, cookie)
  })

  it('refusals carry a JSON error: 401 without a session, 403 from another site, 404 for no such proposal, 400 for a malformed handshake', async () => {
    const room = `${server.wsUrl}/${proposalId}`
    expectJsonError(await upgradeAnswer(room), 401, /not signed in/)
    expectJsonError(await upgradeAnswer(`${room}/record`, { cookie: 'mz_session=forged' }), 401, /not signed in/)
    expectJsonError(await upgradeAnswer(room, { cookie, origin: 'http://evil.example' }), 403, /cross-origin/)
    expectJsonError(await upgradeAnswer(`${server.wsUrl}/unknownproposal1`, { cookie }), 404, /no such proposal/)
    expectJsonError(await upgradeAnswer(room, { cookie, 'sec-websocket-key': 'not a key' }), 400, /Sec-WebSocket-Key/)
    expectJsonError(await upgradeAnswer(room, { cookie, 'sec-websocket-version': '7' }), 400, /Sec-WebSocket-Version/)
    expectJsonError(await upgradeAnswer(room, { cookie, upgrade: 'h2c' }), 400, /Upgrade/)
    // The same request, well-formed: upgraded, for both rooms of the proposal.
    expect((await upgradeAnswer(room, { cookie })).status).toBe(101)
    expect((await upgradeAnswer(`${room}/record`, { cookie })).status).toBe(101)
  })

  it('a plain request to a sync path (no upgrade) is answered 426 with a JSON error', async () => {
    const response = await fetch(`${server.wsUrl.replace(/^ws/, 'http')}/${proposalId}`, { headers: { cookie } })
    expect(response.status).toBe(426)
    expect(((await response.json()) as { error: string }).error).toMatch(/WebSocket/)
  })

  it('a frame over the size limit is closed with 1009 and a reason naming the limit; the room goes on', async () => {
    const socket = await openRawSocket(server.wsUrl, proposalId, cookie)
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, new Uint8Array(maxMessageBytes + 10))
    socket.ws.send(encoding.toUint8Array(e))
    const { code, reason } = await socket.closed
    expect(code).toBe(1009)
    expect(reason).toContain(String(maxMessageBytes))
    await stillSyncs(server, proposalId, cookie)
  })
})

describe.skipIf(!backendAvailable('postgres'))('sync upgrade while the database is unreachable', () => {
  let database: TestPostgresDatabase
  let proxy: TcpProxy
  let server: TestServer

  beforeAll(async () => {
    database = await createPostgresDatabase()
    const proxied = await proxiedDatabaseUrl(database.url)
    proxy = proxied.proxy
    server = await startTestServer({ env: { DATABASE_URL: proxied.url, DATABASE_POOL_SIZE: '4', DATABASE_CONNECT_TIMEOUT_MS: '1000' } })
  })
  afterAll(async () => {
    await proxy?.restore().catch(() => undefined)
    await server?.stop()
    await proxy?.close()
    await database?.drop()
  })

  it('an upgrade whose access check cannot reach the database is refused with 503 (JSON); once it is back the same upgrade succeeds', async () => {
    const cookie = await signIn(server.url, 'sozialamt.editor')
    const { id } = await createProposal(server.url, cookie)
    const room = `${server.wsUrl}/${id}`
    await proxy.cut()
    expectJsonError(await upgradeAnswer(room, { cookie }), 503, /^storage unavailable/)
    expect(server.output()).toContain('sync upgrade failed: storage unavailable')
    await proxy.restore()
    expect((await upgradeAnswer(room, { cookie })).status).toBe(101)
    await stillSyncs(server, id, cookie)
  })
})
