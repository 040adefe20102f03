// One user cannot take what others need: message rates are per user, documents held per user are
// bounded and, at capacity, the user over their share gives way; idle connections are closed.
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { connectSynced, createProposal, signIn } from '../helpers/clients'
import { openRawSocket, type RawSocket } from '../helpers/raw-socket'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { waitFor } from '../helpers/wait'

const queryAwareness = new Uint8Array([3])
const isOpen = (socket: RawSocket) => socket.ws.readyState === WebSocket.OPEN

describe('fair use of the sync server', () => {
  let server: ServerProcess
  let editor: string
  const proposals: string[] = []

  beforeAll(async () => {
    server = await startServerProcess({
      env: {
        MESSAGES_PER_SECOND: '50',
        MESSAGE_BURST: '100',
        MAX_ROOMS: '4',
        MAX_ROOMS_PER_USER: '3',
        HTTP_HEADERS_TIMEOUT_MS: '500',
        // Long enough that a test process stalled by a loaded machine still answers in time.
        WS_PING_MS: '2000',
        ROOM_IDLE_MS: '60000',
      },
    })
    editor = await signIn(server.url, 'sozialamt.editor')
    for (let i = 0; i < 6; i++) proposals.push((await createProposal(server.url, editor, `Vorlage ${i}`)).id)
  })
  afterAll(async () => {
    await server.stop()
  })

  it('eight sockets of one user share one rate limit', async () => {
    const viewer = await signIn(server.url, 'jobcenter.viewer')
    const sockets = await Promise.all(Array.from({ length: 8 }, () => openRawSocket(server.wsUrl, proposals[0]!, viewer)))
    try {
      // 8 × 30 = 240 messages: under the burst (100) for each socket alone, over it for the user.
      for (const socket of sockets) for (let i = 0; i < 30 && isOpen(socket); i++) socket.ws.send(queryAwareness)
      const first = await Promise.race(sockets.map((socket) => socket.closed))
      expect(first.code).toBe(4429)
      expect(first.reason).toMatch(/all your connections together/)
      // Another user is not affected.
      const other = await connectSynced(server.wsUrl, proposals[0]!, editor)
      other.destroy()
    } finally {
      for (const socket of sockets) socket.ws.terminate()
    }
  })

  it('one user holding many rooms cannot make another user\'s document unopenable', async () => {
    const hoarder = await signIn(server.url, 'akr.viewer')
    const held = await Promise.all(proposals.slice(0, 3).map((id) => openRawSocket(server.wsUrl, id, hoarder)))
    const others: { destroy(): void }[] = []
    try {
      // A fourth document is over the per-user limit: refused with a clear code.
      const fourth = await openRawSocket(server.wsUrl, proposals[3]!, hoarder)
      const refused = await fourth.closed
      expect(refused.code).toBe(4430)
      expect(refused.reason).toMatch(/documents open/)
      // Another user fills the last slot; a third user still gets in: the hoarder's oldest room makes way.
      others.push(await connectSynced(server.wsUrl, proposals[4]!, await signIn(server.url, 'wfb.viewer')))
      others.push(await connectSynced(server.wsUrl, proposals[5]!, await signIn(server.url, 'sozialamt.viewer')))
      const evicted = await Promise.race(held.map((socket) => socket.closed))
      expect(evicted.code).toBe(1013)
      expect(evicted.reason).toMatch(/too many documents/)
    } finally {
      for (const socket of held) socket.ws.terminate()
      for (const client of others) client.destroy()
    }
  })

  it('a room capacity error answers 503 with Retry-After, not 500', async () => {
    const full = await startServerProcess({ env: { MAX_ROOMS: '1', ROOM_IDLE_MS: '60000' } })
    try {
      const lead = await signIn(full.url, 'sozialamt.lead')
      const [a, b] = [await createProposal(full.url, lead, 'A'), await createProposal(full.url, lead, 'B')]
      const holder = await connectSynced(full.wsUrl, a.id, await signIn(full.url, 'jobcenter.viewer'))
      try {
        // Starting the co-signing round reads the stored content of B: a room that cannot be opened now.
        const response = await fetch(`${full.url}/api/proposals/${b.id}/cosigning`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: lead },
          body: JSON.stringify({ departments: [{ departmentId: 'jobcenter' }] }),
        })
        expect(response.status).toBe(503)
        expect(response.headers.get('retry-after')).toBe('5')
        expect(((await response.json()) as { error: string }).error).toMatch(/open documents are in use/)
      } finally {
        holder.destroy()
      }
    } finally {
      await full.stop()
    }
  })

  it('an idle TCP connection that never sends is closed', async () => {
    const socket = net.connect(server.port, '127.0.0.1')
    let closed = false
    socket.on('close', () => (closed = true))
    socket.on('error', () => undefined)
    // A paused socket never reads the server's FIN, so it would never emit 'close': let it flow.
    socket.resume()
    try {
      await waitFor(() => closed, { timeoutMs: 5_000, what: 'the server closing a silent connection' })
    } finally {
      socket.destroy()
    }
  })

  it('a WebSocket that never answers pings is terminated', async () => {
    const viewer = await signIn(server.url, 'wfb.viewer')
    const ws = new WebSocket(`${server.wsUrl}/${proposals[0]}`, { headers: { cookie: viewer }, autoPong: false })
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    try {
      await new Promise<void>((resolve, reject) => (ws.once('open', () => resolve()), ws.once('error', reject)))
      expect(await closed).toBe(1006)
    } finally {
      ws.terminate()
    }
  })
})
