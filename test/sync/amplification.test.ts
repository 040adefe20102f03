// Cheap requests must not buy expensive answers, and large documents travel in bounded frames at
// the pace the client reads: repeated sync requests are answered from a cache, a client that
// does not read is closed before the document is queued for it, a reader with a frame limit syncs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { readBodyText } from '../../shared/model'
import { appendLargeBody, bodyText, connectSynced, createProposal, signIn } from '../helpers/clients'
import { openRawSocket } from '../helpers/raw-socket'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { waitFor } from '../helpers/wait'

const metricsToken = 'amplification-test-token'
const frameLimit = 1024 * 1024

async function encodedAnswers(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text()
  return Number(/^mz_sync_answers_encoded_total (\d+)/m.exec(text)?.[1] ?? NaN)
}

/** Writes `count` updates of 3.9 MB through the stock client and waits until a fresh client has them all. */
async function writeLargeDocument(server: ServerProcess, id: string, cookie: string, count: number): Promise<number> {
  const writer = await connectSynced(server.wsUrl, id, cookie)
  for (let i = 0; i < count; i++) appendLargeBody(writer.doc, `${i}`, 3_900_000)
  const length = readBodyText(writer.doc).length
  await waitFor(() => !writer.provider.ws || writer.provider.ws.bufferedAmount === 0, { timeoutMs: 30_000, what: 'writer flushed' })
  writer.destroy()
  return length
}

describe('sync answers', () => {
  let server: ServerProcess
  let cookie: string

  beforeAll(async () => {
    server = await startServerProcess({
      env: {
        METRICS_TOKEN: metricsToken,
        MAX_SEND_FRAME_BYTES: String(frameLimit),
        MAX_BUFFERED_BYTES: String(4 * 1024 * 1024),
        // Long enough for a reader starved of CPU on a loaded machine; the stalled client never reads at all.
        SLOW_CLIENT_GRACE_MS: '5000',
        USER_BYTES_PER_SECOND: String(64 * 1024 * 1024),
        USER_BYTE_BURST: String(64 * 1024 * 1024),
        SYNC_REQUEST_BURST: '20',
        ROOM_IDLE_MS: '60000',
      },
    })
    cookie = await signIn(server.url, 'sozialamt.editor')
  })
  afterAll(async () => {
    await server.stop()
  })

  it('repeating sync step 1 with an unknown state vector encodes the document once', async () => {
    const { id } = await createProposal(server.url, cookie, 'Verstärkung')
    const writer = await connectSynced(server.wsUrl, id, cookie)
    appendLargeBody(writer.doc, 'Inhalt', 70_000)
    const viewer = await openRawSocket(server.wsUrl, id, await signIn(server.url, 'jobcenter.viewer'))
    try {
      let answers = 0
      viewer.ws.on('message', (data: Buffer) => data[0] === 0 && data[1] === 1 && answers++)
      await waitFor(async () => (await encodedAnswers(server)) >= 0, { what: 'metrics' })
      // A state vector naming a client the server does not know: client 123456789 at clock 5.
      const unknownStateVector = new Uint8Array([0, 0, 6, 1, 0x95, 0x9a, 0xef, 0x3a, 5])
      viewer.ws.send(unknownStateVector)
      await waitFor(() => answers === 1, { what: 'first answer' })
      const before = await encodedAnswers(server)
      for (let i = 0; i < 15; i++) viewer.ws.send(unknownStateVector)
      await waitFor(() => answers === 16, { what: 'every answer' })
      expect(await encodedAnswers(server)).toBe(before)
      // Past the separate sync-request limit the connection is closed; edits are limited apart from this.
      for (let i = 0; i < 40 && viewer.ws.readyState === WebSocket.OPEN; i++) viewer.ws.send(unknownStateVector)
      const { code, reason } = await viewer.closed
      expect(code).toBe(4429)
      expect(reason).toMatch(/sync requests per second/)
    } finally {
      viewer.ws.terminate()
      writer.destroy()
    }
  })

  it('a socket that never reads is closed before a large answer is queued', async () => {
    const { id } = await createProposal(server.url, cookie, 'Nicht lesen')
    const total = await writeLargeDocument(server, id, cookie, 5)
    const stalled = await openRawSocket(server.wsUrl, id, await signIn(server.url, 'jobcenter.viewer'))
    try {
      let received = 0
      stalled.ws.on('message', (data: Buffer) => (received += data.length))
      ;(stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause()
      stalled.ws.send(new Uint8Array([0, 0, 1, 0]))
      await waitFor(() => server.output().includes('client is not reading'), { timeoutMs: 30_000, what: 'the stalled client closed' })
      ;(stalled.ws as unknown as { _socket: { resume(): void } })._socket.resume()
      const { code } = await stalled.closed
      expect([4508, 1006]).toContain(code)
      // What reached it is what the kernel buffered, not the document.
      expect(received).toBeLessThan(total / 2)
    } finally {
      stalled.ws.terminate()
    }
  })

  it('a client joins a 30 MB document through bounded frames while others write', async () => {
    const { id } = await createProposal(server.url, cookie, 'Groß')
    const total = await writeLargeDocument(server, id, cookie, 8)
    expect(total).toBeGreaterThan(30_000_000)
    const writer = await connectSynced(server.wsUrl, id, await signIn(server.url, 'sozialamt.lead'))
    // A reader whose frame limit is twice the server's bound: a one-frame answer would fail it.
    const readerCookie = await signIn(server.url, 'jobcenter.viewer')
    const ReaderSocket = class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, { headers: { cookie: readerCookie }, maxPayload: 2 * frameLimit })
      }
    }
    const doc = new Y.Doc()
    const reader = new WebsocketProvider(server.wsUrl, id, doc, {
      WebSocketPolyfill: ReaderSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    let closes = 0
    reader.on('connection-close', () => closes++)
    try {
      const started = performance.now()
      // Small edits land during the transfer: the backlog check must not close the reader.
      const typing = setInterval(() => bodyText(writer.doc).insert(0, 'x'), 20)
      try {
        await waitFor(() => reader.synced, { timeoutMs: 60_000, what: 'the reader synced' })
      } finally {
        clearInterval(typing)
      }
      console.log(`joined a ${(total / 1e6).toFixed(1)} MB document in ${Math.round(performance.now() - started)} ms`)
      expect(closes).toBe(0)
      await waitFor(() => readBodyText(doc).length === readBodyText(writer.doc).length, { timeoutMs: 20_000, what: 'reader has everything' })
      expect(readBodyText(doc)).toBe(readBodyText(writer.doc))
    } finally {
      reader.destroy()
      doc.destroy()
      writer.destroy()
    }
  })
})
