// Who changed what, as the server stamps it: two people edit, a third's change list since its signature
// names each of them, before and after a restart that compacts the log; the Verlauf groups each
// person's edits; a restore is the restoring user's change; a forged client id is refused.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { ClientAuthor, EditBurst, SignatureChanges } from '../../shared/api-responses'
import { listPositions, positionText, removePosition, titleText, updatePosition } from '../../shared/model'
import { readStoredDocOf, readStoredUpdatesOf } from '../helpers/database'
import { openRawSocket } from '../helpers/raw-socket'
import { startSignedInServer, type SignedInServer } from '../helpers/signed-in-server'
import { describeBackends } from '../helpers/services'
import { waitFor } from '../helpers/wait'
import { encodeUpdate as updateFrame } from '../../server/sync/protocol'

/** The ids of the 949/2019 template's positions: 0,5 VZK, 1 VZK, 0,5 VZK. */
const positionIds = (doc: Y.Doc) => listPositions(doc).map((p) => p.id) as [string, string, string]

type Named = { userName: string | null; departmentId: string | null }
const who = (authors: Named[]) => authors.map((a) => `${a.userName}, ${a.departmentId}`)

describeBackends('attribution', (backend) => {
  let world: SignedInServer
  const api = (user: string) => world.api(user)

  beforeAll(async () => {
    // A short log: compaction runs while people type, not only when the room closes.
    world = await startSignedInServer(['sozialamt.lead', 'sozialamt.editor', 'wfb.editor', 'akr.lead'], { backend, env: { COMPACT_AFTER_UPDATES: '3' } })
  })
  afterEach(() => world.destroyClients())
  afterAll(() => world.stop())

  /** A 949/2019 proposal in its round, AKR signing header and positions, WFB involved for the finance. */
  async function signedByAkr() {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Pakt', template: 'pakt-949-2019' })
    const departments = [
      { departmentId: 'akr', sections: ['header', 'positions'] },
      { departmentId: 'wfb', sections: ['finance'] },
    ]
    expect((await api('sozialamt.lead').post(`/proposals/${body.id}/cosigning`, { departments })).status).toBe(200)
    expect((await api('akr.lead').post(`/proposals/${body.id}/signatures`, { stance: 'approved' })).status).toBe(200)
    return body.id
  }

  const changesFor = async (id: string) => (await api('akr.lead').get<SignatureChanges>(`/proposals/${id}/signatures/akr/changes`)).body
  const changeAt = (changes: SignatureChanges, path: string) => changes.changes.find((c) => c.path === path)

  it('names the person and department of each change since a signature, also after a restart that compacts the log', async () => {
    const id = await signedByAkr()
    const jonas = await world.connect(id, 'sozialamt.editor')
    const lena = await world.connect(id, 'wfb.editor')
    const [first, second, third] = positionIds(jonas.doc)
    updatePosition(jonas.doc, first, { fte: 0.75 })
    removePosition(jonas.doc, third)
    // Typed letter by letter: ten stored updates, one entry of the Verlauf.
    for (const letter of ' befristet') positionText(lena.doc, second, 'function')!.insert(positionText(lena.doc, second, 'function')!.length, letter)

    const expected = {
      [`positions[${first}].fte`]: ['Jonas Weber, sozialamt'],
      [`positions[${second}].function`]: ['Lena Öztürk, wfb'],
      [`positions[${third}]`]: ['Jonas Weber, sozialamt'],
    }
    const attributed = (changes: SignatureChanges) => Object.fromEntries(Object.keys(expected).map((p) => [p, who(changeAt(changes, p)?.authors ?? [])]))
    await waitFor(async () => (await changesFor(id)).changes.length === 3 && JSON.stringify(attributed(await changesFor(id))) === JSON.stringify(expected), {
      what: 'three changes, each named',
    })
    const fte = changeAt(await changesFor(id), `positions[${first}].fte`)!
    expect(fte).toMatchObject({ before: 0.5, after: 0.75 })
    expect(Date.parse(fte.authors[0]!.at!)).toBeGreaterThan(Date.now() - 60_000)

    world.destroyClients()
    await world.server.restart()
    // The room's last store folded the log into one snapshot: what is left is the kept attribution.
    expect(await readStoredDocOf(world.server, id)).toMatchObject({ logLength: 0, hasSnapshot: true })
    expect(attributed(await changesFor(id))).toEqual(expected)

    // The Verlauf: one entry per person and burst, not one per keystroke.
    const edits = (await api('akr.lead').get<EditBurst[]>(`/proposals/${id}/edits`)).body
    expect(edits.map((e) => [e.userName, e.departmentId, e.sections])).toEqual([
      ['Sabine Krüger', 'sozialamt', expect.arrayContaining(['header', 'positions'])],
      ['Jonas Weber', 'sozialamt', ['positions']],
      ['Lena Öztürk', 'wfb', ['positions']],
    ])
    expect(edits.find((e) => e.userName === 'Lena Öztürk')!.updates).toBe(10)
  })

  it('names the restoring user for what a restore changed', async () => {
    const { body } = await api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Pakt', template: 'pakt-949-2019' })
    const id = body.id
    const version = await api('sozialamt.lead').post<{ id: string }>(`/proposals/${id}/versions`, { name: 'Entwurf 1' })
    const jonas = await world.connect(id, 'sozialamt.editor')
    const [first] = positionIds(jonas.doc)
    updatePosition(jonas.doc, first, { fte: 1 })
    await waitFor(async () => (await api('akr.lead').get<{ content: { positions: { fte: number }[] } }>(`/proposals/${id}/versions/draft`)).body.content.positions[0]!.fte === 1, {
      what: 'the edit stored',
    })
    const departments = [{ departmentId: 'akr', sections: ['positions'] }]
    expect((await api('sozialamt.lead').post(`/proposals/${id}/cosigning`, { departments })).status).toBe(200)
    expect((await api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    expect((await api('sozialamt.lead').post(`/proposals/${id}/versions/${version.body.id}/restore`)).status).toBe(200)
    const change = changeAt(await changesFor(id), `positions[${first}].fte`)
    expect(change).toMatchObject({ before: 1, after: 0.5 })
    expect(who(change!.authors)).toEqual(['Sabine Krüger, sozialamt'])
  })

  it('refuses an update with items of a client id another user owns (4403) and stores nothing of it', async () => {
    const id = await signedByAkr()
    const jonas = await world.connect(id, 'sozialamt.editor')
    titleText(jonas.doc).insert(0, 'Jonas: ')
    await waitFor(async () => (await readStoredDocOf(world.server, id)).doc.getText('title').toString().startsWith('Jonas: '), { what: "Jonas's edit stored" })
    const owners = (await api('akr.lead').get<ClientAuthor[]>(`/proposals/${id}/authors`)).body
    expect(owners.find((o) => o.clientId === jonas.doc.clientID)).toMatchObject({ userName: 'Jonas Weber', departmentId: 'sozialamt' })

    // Lena's doc takes Jonas's client id: her words would read as his.
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(jonas.doc))
    const before = Y.encodeStateVector(forged)
    forged.clientID = jonas.doc.clientID
    titleText(forged).insert(0, 'gefälscht ')
    const logBefore = await readStoredUpdatesOf(world.server, id)
    const raw = await openRawSocket(world.server.wsUrl, id, world.cookies['wfb.editor']!)
    raw.ws.send(updateFrame(Y.encodeStateAsUpdate(forged, before)))
    const closed = await raw.closed
    expect(closed.code).toBe(4403)
    expect(closed.reason).toMatch(/belongs to another user/)
    expect(await readStoredUpdatesOf(world.server, id)).toEqual(logBefore)
    expect((await readStoredDocOf(world.server, id)).doc.getText('title').toString()).not.toContain('gefälscht')
    // Jonas himself goes on writing with his id.
    titleText(jonas.doc).insert(0, 'weiter ')
    await waitFor(async () => (await readStoredDocOf(world.server, id)).doc.getText('title').toString().startsWith('weiter '), { what: 'Jonas goes on' })
  })
})

