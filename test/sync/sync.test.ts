import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { titleText } from '../../shared/model'
import { connectClient, connectSynced, contentOf, createProposal, signIn, type Client } from '../helpers/clients'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'
import { describeBackends } from '../helpers/services'

describeBackends('live sync through the stock y-websocket client', (backend) => {
  let server: TestServer
  let cookie: string
  const clients: Client[] = []
  const track = (client: Client) => (clients.push(client), client)

  beforeAll(async () => {
    server = await startTestServer({ backend })
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
    titleText(a.doc).insert(0, 'Sozialamt: ')
    titleText(b.doc).insert(0, 'Jobcenter: ')
    titleText(b.doc).insert(titleText(b.doc).length, ' – Verlängerung')
    await waitFor(() => contentOf(a.doc) === contentOf(b.doc) && titleText(a.doc).length > 50, { what: 'convergence' })
    const title = titleText(a.doc).toString()
    expect(title).toContain('Sozialamt: ')
    expect(title).toContain('Jobcenter: ')
    expect(title).toMatch(/Pakt für Integration – Verlängerung$/)

    const late = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    expect(contentOf(late.doc)).toBe(contentOf(a.doc))
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
    titleText(a.doc).insert(0, 'vor dem Verlassen: ')
    const b = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    await waitFor(() => titleText(b.doc).toString() === 'vor dem Verlassen: Draining')
    a.destroy()
    b.destroy()
    // Rejoin at once (draining) and after the idle time (unloaded): the same content both times.
    const c = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    expect(titleText(c.doc).toString()).toBe('vor dem Verlassen: Draining')
    c.destroy()
    const health = async () => ((await (await fetch(`${server.url}/api/health`)).json()) as { rooms: number }).rooms
    await waitFor(async () => (await health()) === 0, { what: 'rooms unloaded' })
    const d = track(await connectSynced(server.wsUrl, proposal.id, cookie))
    expect(titleText(d.doc).toString()).toBe('vor dem Verlassen: Draining')
  })
})
