// Who may do what is decided by the server from the session: 401 without one, read-only for viewers
// and non-members, and open sockets re-checked the moment rights change.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { listPositions, titleText, updatePosition } from '../../shared/model'
import { apiClient } from '../helpers/api'
import { connectClient, connectSynced, signIn, type Client } from '../helpers/clients'
import { readStoredDocOf } from '../helpers/database'
import { upgradeStatus } from '../helpers/raw-socket'
import { startTestServer, type TestServer } from '../helpers/test-server'
import { waitFor } from '../helpers/wait'
import { describeBackends } from '../helpers/services'

describeBackends('rights enforced by the server', (backend) => {
  let server: TestServer
  const cookies: Record<string, string> = {}
  const clients: Client[] = []
  const connect = async (id: string, user: string) => {
    const client = await connectSynced(server.wsUrl, id, cookies[user]!)
    clients.push(client)
    return client
  }
  const newProposal = async () => {
    const created = await apiClient(server.url, cookies['sozialamt.lead']).post<{ id: string }>('/proposals', {
      title: 'Pakt für Integration',
      number: '949/2019',
      template: 'pakt-949-2019',
    })
    expect(created.status).toBe(201)
    return created.body.id
  }

  beforeAll(async () => {
    server = await startTestServer({ backend })
    for (const user of ['sozialamt.lead', 'sozialamt.editor', 'sozialamt.viewer', 'jobcenter.editor', 'wfb.lead']) {
      cookies[user] = await signIn(server.url, user)
    }
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.destroy()
  })
  afterAll(async () => {
    await server.stop()
  })

  it('without a session REST answers 401 and the WebSocket is refused before the upgrade', async () => {
    const id = await newProposal()
    const anonymous = apiClient(server.url)
    expect((await anonymous.get('/proposals')).status).toBe(401)
    expect((await anonymous.get(`/proposals/${id}`)).status).toBe(401)
    expect((await anonymous.post('/proposals', { title: 'x' })).status).toBe(401)
    expect((await anonymous.get('/me')).body).toEqual({ error: 'not signed in' })
    expect(await upgradeStatus(`${server.wsUrl}/${id}`)).toBe(401)
    expect(await upgradeStatus(`${server.wsUrl}/${id}/record`)).toBe(401)
    expect(await upgradeStatus(`${server.wsUrl}/${id}`, { cookie: 'mz_session=forged' })).toBe(401)
  })

  it('a wrong password and an unknown user get the same 401, naming neither', async () => {
    const login = (username: string, password: string) => apiClient(server.url).post('/login', { username, password })
    const wrongPassword = await login('wfb.lead', 'falsch')
    const unknownUser = await login('niemand', 'falsch')
    expect(wrongPassword.status).toBe(401)
    expect(unknownUser.status).toBe(401)
    expect(wrongPassword.body).toEqual(unknownUser.body)
    expect(JSON.stringify(wrongPassword.body)).not.toMatch(/wfb|niemand|exist|unknown/i)
    const me = await apiClient(server.url, cookies['wfb.lead']).get<{ departmentId: string; role: string }>('/me')
    expect(me.body).toMatchObject({ departmentId: 'wfb', role: 'lead', username: 'wfb.lead' })
    expect(JSON.stringify(me.body)).not.toMatch(/password|hash/i)
  })

  it("a viewer's edit never reaches other clients nor the database, and the viewer is told so", async () => {
    const id = await newProposal()
    const editor = await connect(id, 'sozialamt.editor')
    const viewer = await connect(id, 'sozialamt.viewer')
    const warnings: string[] = []
    const originalWarn = console.warn
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '))
    try {
      titleText(viewer.doc).insert(0, 'VIEWER ')
      await waitFor(() => warnings.some((w) => w.includes('read-only')), { what: 'permission-denied message' })
    } finally {
      console.warn = originalWarn
    }
    // A later edit by the editor arrives, the viewer's does not.
    titleText(editor.doc).insert(0, 'Editor: ')
    await waitFor(() => titleText(viewer.doc).toString().includes('Editor: '), { what: 'editor edit at viewer' })
    const third = await connect(id, 'sozialamt.lead')
    expect(titleText(third.doc).toString()).toBe('Editor: Pakt für Integration')
    expect(titleText((await readStoredDocOf(server, id)).doc).toString()).toBe('Editor: Pakt für Integration')
    expect(titleText(editor.doc).toString()).not.toContain('VIEWER')
  })

  it('a member of a department that is not involved can read but not edit', async () => {
    const id = await newProposal()
    const outsider = await connect(id, 'jobcenter.editor')
    const member = await connect(id, 'sozialamt.editor')
    expect((await apiClient(server.url, cookies['jobcenter.editor']).get(`/proposals/${id}/rights`)).body).toMatchObject({
      canEdit: false,
    })
    const position = listPositions(outsider.doc)[0]!
    updatePosition(outsider.doc, position.id, { fte: 0.25 })
    titleText(member.doc).insert(0, 'x')
    await waitFor(() => titleText(outsider.doc).toString().startsWith('x'), { what: 'member edit at outsider' })
    expect(listPositions(member.doc)[0]!.fte).toBe(position.fte)
    expect(listPositions((await readStoredDocOf(server, id)).doc)[0]!.fte).toBe(position.fte)
  })

  it('sockets are re-checked at once: involving a department makes it writable, logging out closes with 4401', async () => {
    const id = await newProposal()
    const jobcenterCookie = await signIn(server.url, 'jobcenter.editor')
    const jobcenter = connectClient(server.wsUrl, id, { cookie: jobcenterCookie })
    clients.push(jobcenter)
    const closes: number[] = []
    jobcenter.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    await waitFor(() => jobcenter.provider.synced)
    const lead = apiClient(server.url, cookies['sozialamt.lead'])
    expect((await lead.put(`/proposals/${id}/departments`, { departments: [{ departmentId: 'jobcenter' }] })).status).toBe(200)
    // The socket is closed with "rights changed" and comes back writable.
    await waitFor(() => closes.includes(4001), { what: 'close 4001' })
    await waitFor(() => jobcenter.provider.synced, { what: 'resync' })
    titleText(jobcenter.doc).insert(0, 'JC ')
    const member = await connect(id, 'sozialamt.editor')
    await waitFor(() => titleText(member.doc).toString().startsWith('JC '), { what: 'jobcenter edit arrives' })

    expect((await apiClient(server.url, jobcenterCookie).post('/logout')).status).toBe(200)
    await waitFor(() => closes.includes(4401), { what: 'close 4401' })
    expect((await apiClient(server.url, jobcenterCookie).get('/me')).status).toBe(401)
  })

  it('a role changed by the department lead re-checks open sockets at once: an editor made viewer is read-only', async () => {
    const id = await newProposal()
    const editorCookie = await signIn(server.url, 'sozialamt.editor')
    const editor = connectClient(server.wsUrl, id, { cookie: editorCookie })
    clients.push(editor)
    const closes: number[] = []
    editor.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    await waitFor(() => editor.provider.synced)
    const lead = apiClient(server.url, cookies['sozialamt.lead'])
    const people = await lead.get<{ id: string; username: string }[]>('/departments/sozialamt/users')
    const editorId = people.body.find((u) => u.username === 'sozialamt.editor')!.id
    // Only a lead of the same department manages its people.
    expect((await apiClient(server.url, cookies['wfb.lead']).patch(`/users/${editorId}`, { role: 'viewer' })).status).toBe(403)
    expect((await lead.patch(`/users/${editorId}`, { role: 'chef' })).status).toBe(400)
    try {
      expect((await lead.patch(`/users/${editorId}`, { role: 'viewer' })).status).toBe(200)
      await waitFor(() => closes.includes(4001) && editor.provider.synced, { what: 'reconnected read-only' })
      titleText(editor.doc).insert(0, 'NICHT MEHR ')
      const check = await connect(id, 'sozialamt.lead')
      expect(titleText(check.doc).toString()).toBe('Pakt für Integration')
      expect(titleText((await readStoredDocOf(server, id)).doc).toString()).toBe('Pakt für Integration')
    } finally {
      await lead.patch(`/users/${editorId}`, { role: 'editor' })
    }
  })

  it('a hand-crafted update that writes a signature or comment author into the content doc is refused', async () => {
    const id = await newProposal()
    const forger = connectClient(server.wsUrl, id, { cookie: cookies['sozialamt.editor']! })
    clients.push(forger)
    await waitFor(() => forger.provider.synced)
    const closes: number[] = []
    forger.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    const other = await connect(id, 'sozialamt.lead')
    forger.doc.getMap('signatures').set('wfb', { stance: 'approved', signerName: 'Thomas Maier' })
    await waitFor(() => closes.includes(4403), { what: 'forger closed' })
    expect(other.doc.share.has('signatures')).toBe(false)
    expect((await readStoredDocOf(server, id)).doc.share.has('signatures')).toBe(false)
  })

  it('a hand-crafted update to the record doc never reaches other clients nor storage', async () => {
    const id = await newProposal()
    const forger = await connect(`${id}/record`, 'wfb.lead')
    const reader = await connect(`${id}/record`, 'sozialamt.editor')
    forger.doc.getMap('threads').set('forged', { id: 'forged', comments: [{ authorName: 'Bürgermeister' }] })
    forger.doc.getMap('signatures').set('wfb', { stance: 'approved' })
    // The record's own next change (a real comment) arrives; the forged entries never do.
    const lead = apiClient(server.url, cookies['sozialamt.lead'])
    await lead.post(`/proposals/${id}/threads`, { anchor: { kind: 'proposal' }, text: 'echter Kommentar' })
    await waitFor(() => reader.doc.getMap('threads').size === 1, { what: 'real comment' })
    expect(reader.doc.getMap('threads').has('forged')).toBe(false)
    expect(reader.doc.getMap('signatures').size).toBe(0)
    const stored = (await readStoredDocOf(server, `${id}/record`)).doc
    expect(stored.getMap('threads').has('forged')).toBe(false)
    expect(stored.getMap('signatures').size).toBe(0)
    expect(Y.encodeStateVector(stored)).toBeDefined()
  })
})
