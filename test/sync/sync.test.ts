import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { notesText, titleText } from '../../shared/proposal-doc'
import { connectClient, connectSynced, contentOf, createProposal, signIn, type Client } from '../helpers/clients'
import { startServerProcess, type ServerProcess } from '../helpers/server-process'
import { waitFor } from '../helpers/wait'

describe('live sync through the stock y-websocket client', () => {
  let server: ServerProcess
  let cookie: string
  const clients: Client[] = []
  const track = (client: Client) => (clients.push(client), client)

  beforeAll(async () => {
    server = await startServerProcess()
    cookie = await signIn(server.url, 'sozialamt.editor')
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })
  afterAll(async () => {
    await server.stop()
  })

  it('two clients converge after concurrent edits, and a late joiner receives the full state', async () => {
    const proposal = await createProposal(server.url, cookie, 'Pakt für Integration')
    const a = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    const b = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    expect(titleText(a.doc).toString()).toBe('Pakt für Integration')

    // Concurrent: both edit before either has seen the other's change.
    notesText(a.doc).insert(0, 'Sozialamt schreibt. ')
    notesText(b.doc).insert(0, 'Jobcenter schreibt. ')
    titleText(b.doc).insert(titleText(b.doc).length, ' – Verlängerung')
    await waitFor(() => JSON.stringify(contentOf(a.doc)) === JSON.stringify(contentOf(b.doc)) && notesText(a.doc).length > 30, {
      what: 'convergence',
    })
    const notes = notesText(a.doc).toString()
    expect(notes).toContain('Sozialamt schreibt.')
    expect(notes).toContain('Jobcenter schreibt.')

    const late = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    expect(contentOf(late.doc)).toEqual(contentOf(a.doc))
  })

  it('awareness reaches the others, stamped with the session’s name and department, and is removed on disconnect', async () => {
    const proposal = await createProposal(server.url, cookie, 'Awareness')
    const a = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    const b = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    // A client may choose its colour and cursor (y-prosemirror's anchor and head), not who it is.
    const position = { type: null, tname: 'body', item: null, assoc: 0 }
    const cursor = { anchor: position, head: position }
    a.provider.awareness.setLocalState({ user: { name: 'Oberbürgermeister', department: 'wfb', color: '#1d5fa8' }, cursor })
    const aId = a.doc.clientID
    type State = { user?: { name: string; department: string; color: string; id: string }; cursor?: unknown }
    const seenByB = () => b.provider.awareness.getStates().get(aId) as State | undefined
    await waitFor(() => seenByB()?.cursor, { what: 'awareness at b' })
    expect(seenByB()!.cursor).toEqual(cursor)
    expect(seenByB()!.user).toEqual({ name: 'Jonas Weber', department: 'sozialamt', color: '#1d5fa8', id: expect.any(String) })
    a.provider.disconnect()
    await waitFor(() => !b.provider.awareness.getStates().has(aId), { what: 'awareness removal at b' })
  })

  it('a client that joins while the room drains gets the stored document, not an empty one', async () => {
    const proposal = await createProposal(server.url, cookie, 'Draining')
    const a = connectClient(server.wsUrl, proposal.id, { cookie })
    await waitFor(() => a.provider.synced)
    notesText(a.doc).insert(0, 'vor dem Verlassen')
    const b = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    await waitFor(() => notesText(b.doc).toString() === 'vor dem Verlassen')
    a.destroy()
    b.destroy()
    // Rejoin at once (draining) and after the idle time (unloaded): the same content both times.
    const c = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    expect(notesText(c.doc).toString()).toBe('vor dem Verlassen')
    c.destroy()
    const health = async () => ((await (await fetch(`${server.url}/api/health`)).json()) as { rooms: number }).rooms
    await waitFor(async () => (await health()) === 0, { what: 'rooms unloaded' })
    const d = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    expect(notesText(d.doc).toString()).toBe('vor dem Verlassen')
  })
})
