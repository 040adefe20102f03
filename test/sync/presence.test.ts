// Presence: a connection speaks only for the client ids it owns, with the fields the app uses,
// and a message cannot fan out thousands of entries.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectSynced, createProposal, signIn } from '../helpers/clients'
import { openRawSocket, type RawSocket } from '../helpers/raw-socket'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { waitFor } from '../helpers/wait'

type Entry = { clientId: number; clock: number; state: unknown }

function awarenessFrame(entries: Entry[]): Uint8Array {
  const inner = encoding.createEncoder()
  encoding.writeVarUint(inner, entries.length)
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(inner, clientId)
    encoding.writeVarUint(inner, clock)
    encoding.writeVarString(inner, JSON.stringify(state))
  }
  const outer = encoding.createEncoder()
  encoding.writeVarUint(outer, 1)
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner))
  return encoding.toUint8Array(outer)
}

/** Resolves once the server has handled everything sent before: it answers a sync request in order. */
function settled(socket: RawSocket): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      if (data[0] !== 0 || data[1] !== 1) return
      socket.ws.off('message', onMessage)
      resolve()
    }
    socket.ws.on('message', onMessage)
    socket.ws.send(new Uint8Array([0, 0, 1, 0]))
  })
}

function decodePresence(data: Buffer): Map<number, unknown> {
  const decoder = decoding.createDecoder(new Uint8Array(data))
  decoding.readVarUint(decoder)
  const inner = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const states = new Map<number, unknown>()
  for (let i = decoding.readVarUint(inner); i > 0; i--) {
    const id = decoding.readVarUint(inner)
    decoding.readVarUint(inner)
    const state: unknown = JSON.parse(decoding.readVarString(inner))
    if (state !== null) states.set(id, state)
  }
  return states
}

/** The room's presence as a client joining now receives it (every state, in one frame). */
async function presenceSeenByNewcomer(server: ServerProcess, proposalId: string, cookie: string): Promise<Map<number, unknown>> {
  const newcomer = await openRawSocket(server.wsUrl, proposalId, cookie)
  try {
    return await new Promise((resolve) => {
      newcomer.ws.on('message', (data: Buffer) => data[0] === 1 && resolve(decodePresence(data)))
      // Asked as well, so that an empty room answers too.
      newcomer.ws.send(new Uint8Array([3]))
    })
  } finally {
    newcomer.ws.terminate()
  }
}

describe('presence', () => {
  let server: ServerProcess
  let proposalId: string
  let viewerCookie: string

  beforeAll(async () => {
    server = await startServerProcess()
    const editor = await signIn(server.url, 'sozialamt.editor')
    proposalId = (await createProposal(server.url, editor, 'Präsenz')).id
    viewerCookie = await signIn(server.url, 'sozialamt.viewer')
  })
  afterAll(async () => {
    await server.stop()
  })

  it('a viewer cannot remove or overwrite another client\'s presence', async () => {
    const lead = await connectSynced(server.wsUrl, proposalId, await signIn(server.url, 'jobcenter.lead'))
    const viewer = await openRawSocket(server.wsUrl, proposalId, viewerCookie)
    try {
      lead.provider.awareness.setLocalStateField('user', { color: '#aa3300' })
      const leadId = lead.doc.clientID
      await waitFor(async () => (await presenceSeenByNewcomer(server, proposalId, viewerCookie)).has(leadId), { what: "the lead's presence" })
      const clock = 1_000
      viewer.ws.send(awarenessFrame([{ clientId: leadId, clock, state: { user: { name: 'Hijacked' } } }]))
      viewer.ws.send(awarenessFrame([{ clientId: leadId, clock: clock + 1, state: null }]))
      await settled(viewer)
      const states = await presenceSeenByNewcomer(server, proposalId, viewerCookie)
      expect(states.get(leadId)).toMatchObject({ user: { name: 'Ahmet Yılmaz', department: 'jobcenter', color: '#aa3300' } })
      // The lead's own view has not been touched either.
      expect(lead.provider.awareness.getStates().get(leadId)).toMatchObject({ user: { color: '#aa3300' } })
    } finally {
      viewer.ws.terminate()
      lead.destroy()
    }
  })

  it('an awareness message with 40 000 entries is refused', async () => {
    const flooder = await openRawSocket(server.wsUrl, proposalId, viewerCookie)
    const entries = Array.from({ length: 40_000 }, (_, i) => ({ clientId: i + 1, clock: 1, state: { user: {} } }))
    flooder.ws.send(awarenessFrame(entries))
    const { code, reason } = await flooder.closed
    expect(code).toBe(4400)
    expect(reason).toMatch(/40000 entries/)
  })

  it('a board field focus is kept; a malformed or oversized one is dropped', async () => {
    const sender = await openRawSocket(server.wsUrl, proposalId, viewerCookie)
    try {
      const valid = { field: 'positions/abc123def456/note', extra: 'dropped' }
      const bad: unknown[] = [{ field: '<img src=x onerror=alert(1)>' }, { field: 'x'.repeat(121) }, { field: 42 }, 'header/gz', { field: '' }]
      sender.ws.send(awarenessFrame([{ clientId: 7100, clock: 1, state: { user: {}, focus: valid } }]))
      sender.ws.send(awarenessFrame(bad.slice(0, 3).map((focus, i) => ({ clientId: 7101 + i, clock: 1, state: { user: {}, focus } }))))
      await settled(sender)
      const states = await presenceSeenByNewcomer(server, proposalId, viewerCookie)
      expect(states.get(7100)).toMatchObject({ focus: { field: 'positions/abc123def456/note' } })
      expect((states.get(7100) as { focus: object }).focus).toEqual({ field: 'positions/abc123def456/note' })
      for (const id of [7101, 7102, 7103]) {
        expect(states.get(id), `entry ${id}`).toMatchObject({ user: { name: 'Petra Lang' } })
        expect(states.get(id), `entry ${id}`).not.toHaveProperty('focus')
      }
      // The rest of the bad shapes, on the same (now capped) ids: each update drops the focus again.
      for (const [i, focus] of bad.slice(3).entries()) sender.ws.send(awarenessFrame([{ clientId: 7101, clock: 2 + i, state: { user: {}, focus } }]))
      // Leaving a field clears it.
      sender.ws.send(awarenessFrame([{ clientId: 7100, clock: 2, state: { user: {}, focus: null } }]))
      await settled(sender)
      const after = await presenceSeenByNewcomer(server, proposalId, viewerCookie)
      expect(after.get(7100)).toMatchObject({ focus: null })
      expect(after.get(7101)).not.toHaveProperty('focus')
    } finally {
      sender.ws.terminate()
    }
  })

  it('unknown awareness fields are dropped; the cursor and colour stay', async () => {
    const sender = await openRawSocket(server.wsUrl, proposalId, viewerCookie)
    try {
      const position = { type: null, tname: 'body', item: null, assoc: 0 }
      const cursor = { anchor: position, head: position }
      sender.ws.send(awarenessFrame([{ clientId: 4242, clock: 1, state: { user: { color: '#123456' }, cursor, payload: 'x'.repeat(5_000) } }]))
      // The same connection may not take further ids beyond its few own ones.
      const many = Array.from({ length: 10 }, (_, i) => ({ clientId: 5000 + i, clock: 1, state: { user: {} } }))
      sender.ws.send(awarenessFrame(many))
      await settled(sender)
      const states = await presenceSeenByNewcomer(server, proposalId, viewerCookie)
      expect(states.get(4242)).toEqual({ user: { color: '#123456', id: expect.any(String), name: 'Petra Lang', department: 'sozialamt' }, cursor })
      expect([...states.keys()].filter((id) => id >= 5000).length).toBe(3)
    } finally {
      sender.ws.terminate()
    }
  })
})
