// Comment threads: anchored to a position or a Begründung range, stamped by the server, live for everyone.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bodyFragment, listPositions } from '../../shared/model'
import { openThreadsByPosition, readThreads } from '../../shared/record'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { waitFor } from '../helpers/wait'
import { describeBackends } from '../helpers/services'

describeBackends('comments', (backend) => {
  let world: SignedInServer
  const api = (user: string) => world.api(user)
  const connect = (room: string, user: string) => world.connect(room, user)

  beforeAll(async () => {
    world = await startSignedInServer(['sozialamt.lead', 'sozialamt.viewer', 'wfb.lead', 'akr.lead'], { backend })
  })
  afterEach(() => world.destroyClients())
  afterAll(() => world.stop())

  it('a comment on a position appears live with the server-stamped author and department; resolving updates the badge', async () => {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Pakt', template: 'pakt-949-2019' })
    const content = await connect(body.id, 'wfb.lead')
    const positionId = listPositions(content.doc)[0]!.id
    const watcher = await connect(`${body.id}/record`, 'sozialamt.lead')

    const created = await api('wfb.lead').post<{ id: string }>(`/proposals/${body.id}/threads`, {
      anchor: { kind: 'position', positionId },
      text: 'Ist die Finanzierung ab 2022 gesichert? @AKR bitte Stellenplan prüfen.',
      // A client's claims about the author are ignored.
      authorName: 'Oberbürgermeister',
      departmentId: 'sozialamt',
    })
    expect(created.status).toBe(201)
    await waitFor(() => readThreads(watcher.doc).length === 1, { what: 'thread at the watcher' })
    const [thread] = readThreads(watcher.doc)
    expect(thread!.comments[0]).toMatchObject({ authorName: 'Thomas Maier', departmentId: 'wfb' })
    expect(thread!.mentions).toEqual(['akr'])
    expect(openThreadsByPosition(readThreads(watcher.doc)).get(positionId)).toBe(1)

    await api('akr.lead').post(`/proposals/${body.id}/threads/${created.body.id}/replies`, { text: 'Geprüft, passt.' })
    await waitFor(() => readThreads(watcher.doc)[0]!.comments.length === 2, { what: 'reply' })
    expect(readThreads(watcher.doc)[0]!.comments[1]).toMatchObject({ authorName: 'Dr. Ulrike Hahn', departmentId: 'akr' })

    expect((await api('wfb.lead').post(`/proposals/${body.id}/threads/${created.body.id}/resolve`)).status).toBe(200)
    await waitFor(() => readThreads(watcher.doc)[0]!.resolved, { what: 'resolved' })
    expect(openThreadsByPosition(readThreads(watcher.doc)).get(positionId)).toBeUndefined()
    expect(readThreads(watcher.doc)[0]!.resolvedByName).toBe('Thomas Maier')

    await api('wfb.lead').post(`/proposals/${body.id}/threads/${created.body.id}/reopen`)
    await waitFor(() => !readThreads(watcher.doc)[0]!.resolved, { what: 'reopened' })
  })

  it('a comment on a Begründung range keeps pointing at the same words after edits before it', async () => {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Bericht' })
    const content = await connect(body.id, 'sozialamt.lead')
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText('Die Stellen werden befristet geschaffen.')
    paragraph.insert(0, [text])
    bodyFragment(content.doc).insert(0, [paragraph])
    // Anchor "befristet" with Yjs relative positions.
    const start = text.toString().indexOf('befristet')
    const encode = (index: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(text, index))).toString('base64')
    const created = await api('akr.lead').post<{ id: string }>(`/proposals/${body.id}/threads`, {
      anchor: { kind: 'body', from: encode(start), to: encode(start + 9), quote: 'befristet' },
      text: 'Warum befristet?',
    })
    expect(created.status).toBe(201)
    text.insert(0, 'Neu: ')

    const reader = await connect(body.id, 'wfb.lead')
    const record = await connect(`${body.id}/record`, 'wfb.lead')
    await waitFor(() => readThreads(record.doc).length === 1)
    const anchor = readThreads(record.doc)[0]!.anchor
    if (anchor.kind !== 'body') throw new Error('expected a body anchor')
    const resolve = (encoded: string) =>
      Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(encoded, 'base64')), reader.doc)!
    await waitFor(() => bodyFragment(reader.doc).toString().includes('Neu: '), { what: 'edit at reader' })
    const from = resolve(anchor.from)
    const to = resolve(anchor.to)
    expect((from.type as Y.XmlText).toString().slice(from.index, to.index)).toBe('befristet')
  })

  it('viewers cannot comment, empty text is refused with the field named, unknown threads are 404', async () => {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Kommentare' })
    expect((await api('sozialamt.viewer').post(`/proposals/${body.id}/threads`, { anchor: { kind: 'proposal' }, text: 'x' })).status).toBe(403)
    const empty = await api('wfb.lead').post(`/proposals/${body.id}/threads`, { anchor: { kind: 'proposal' }, text: '  ' })
    expect(empty.status).toBe(400)
    expect(empty.body).toEqual({ error: expect.stringMatching(/^text/) })
    expect((await api('wfb.lead').post(`/proposals/${body.id}/threads/nope/replies`, { text: 'x' })).status).toBe(404)
    expect((await api('wfb.lead').post(`/proposals/doesnotexist1/threads`, { anchor: { kind: 'proposal' }, text: 'x' })).status).toBe(404)
  })
})
