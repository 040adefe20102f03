// Per-connection limits: a client that stops reading is closed instead of growing the server's
// memory; a client that floods messages is closed; the others in the room go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import { bodyFragment, titleText } from '../../shared/model'
import { connectSynced, createProposal, newBodyParagraph, signIn } from '../helpers/clients'
import { openRawSocket } from '../helpers/raw-socket'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'

describe('connection limits', () => {
  let server: TestServer
  let cookie: string

  beforeAll(async () => {
    // The writer below sends megabytes on purpose: the per-user byte rate is not what this tests.
    server = await startTestServer({ env: { MAX_BUFFERED_BYTES: String(256 * 1024), USER_BYTES_PER_SECOND: String(64 * 1024 * 1024) } })
    cookie = await signIn(server.url, 'sozialamt.editor')
  })
  afterAll(async () => {
    await server.stop()
  })

  it('a client that stops reading is closed once its backlog passes the limit; the writer goes on', async () => {
    const { id } = await createProposal(server.url, cookie, 'Rückstau')
    const stalled = await openRawSocket(server.wsUrl, id, cookie)
    // Stop reading from the TCP socket: the server's send buffer for this client fills up.
    ;(stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause()
    const writer = await connectSynced(server.wsUrl, id, cookie)
    const chunk = 'x'.repeat(8 * 1024)
    // Bounded: at most 4 000 × 8 KiB, stopping as soon as the server has given up on the client.
    // A paragraph of the Begründung each, removed every few chunks: the model bounds a paragraph's text.
    const body = bodyFragment(writer.doc)
    for (let i = 0; i < 4_000 && !server.output().includes('client is not reading'); i++) {
      newBodyParagraph(writer.doc).insert(0, chunk)
      if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve))
      if (i % 5 === 4) body.delete(0, body.length)
    }
    await waitFor(() => server.output().includes('client is not reading'), { what: 'the server closing the stalled client' })
    ;(stalled.ws as unknown as { _socket: { resume(): void } })._socket.resume()
    const { code } = await stalled.closed
    expect([4508, 1006]).toContain(code)
    // The writer was not hurt.
    titleText(writer.doc).insert(0, 'danach')
    const check = await connectSynced(server.wsUrl, id, cookie)
    await waitFor(() => titleText(check.doc).toString().startsWith('danach'), { what: 'writer still syncing' })
    writer.destroy()
    check.destroy()
  })

  it('a client sending more messages than the rate limit is closed with 4429; others go on', async () => {
    const limited = await startTestServer({ env: { MESSAGES_PER_SECOND: '50', MESSAGE_BURST: '100' } })
    try {
      await rateLimitClosesTheFlooder(limited)
    } finally {
      await limited.stop()
    }
  })
})

/** A client flooding harmless messages is closed with 4429 while another user's client goes on. */
async function rateLimitClosesTheFlooder(server: TestServer) {
  // The limit is per user: the good client is another user's, the flooder's other sockets share its fate.
  const cookie = await signIn(server.url, 'sozialamt.lead')
  const flooderCookie = await signIn(server.url, 'sozialamt.editor')
  const { id } = await createProposal(server.url, cookie, 'Flut')
  const good = await connectSynced(server.wsUrl, id, cookie)
  const flooder = await openRawSocket(server.wsUrl, id, flooderCookie)
  const queryAwareness = new Uint8Array([3])
  for (let i = 0; i < 500 && flooder.ws.readyState === (1 as WebSocket['readyState']); i++) flooder.ws.send(queryAwareness)
  const { code, reason } = await flooder.closed
  expect(code).toBe(4429)
  expect(reason).toMatch(/messages per second/)
  titleText(good.doc).insert(0, 'weiter ')
  const check = await connectSynced(server.wsUrl, id, cookie)
  await waitFor(() => titleText(check.doc).toString().startsWith('weiter '), { what: 'good client still syncing' })
  good.destroy()
  check.destroy()
}
