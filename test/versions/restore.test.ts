// Restore: an old version comes back into the live draft as a new change that every connected client
// sees; the replaced state is kept as a version, history is never rewritten, nothing is lost.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAttachment, bodyFragment, canonicalSections, listPositions, removePosition, titleText, updatePosition } from '../../shared/model'
import { contentHash } from '../../shared/model/content-hash'
import type { VersionRecord, VersionSummary } from '../../shared/versions'
import { waitFor } from '../helpers/wait'
import { startVersionFixture, type VersionFixture } from './helpers'

type RestoreResult = { restored: VersionSummary; kept: VersionSummary | null; contentHash: string }

describe('restoring a version', () => {
  let fixture: VersionFixture

  beforeAll(async () => {
    fixture = await startVersionFixture(['sozialamt.lead', 'sozialamt.editor', 'sozialamt.viewer', 'jobcenter.editor', 'akr.lead'])
  })
  afterEach(() => fixture.disconnectAll())
  afterAll(async () => {
    await fixture?.stop()
  })

  const makeVersion = async (id: string, name: string) => {
    const made = await fixture.api('sozialamt.editor').post<VersionSummary>(`/proposals/${id}/versions`, { name })
    expect(made.status).toBe(201)
    return made.body
  }

  it('brings the old content to both connected clients; the version list keeps every version', async () => {
    const id = await fixture.create('pakt-949-2019')
    const a = await fixture.connect(id, 'sozialamt.editor')
    const b = await fixture.connect(id, 'sozialamt.lead')
    const original = await makeVersion(id, 'Fassung für SGA 25.11.2019')
    const removedPosition = listPositions(a.doc)[1]!

    // Both edit: a removed position, a changed FTE and title, a new paragraph, a new attachment.
    a.doc.transact(() => {
      titleText(a.doc).insert(0, 'Überarbeitet: ')
      removePosition(a.doc, removedPosition.id)
      updatePosition(a.doc, listPositions(a.doc)[0]!.id, { fte: 0.25 })
    })
    bodyFragment(b.doc).insert(0, [new Y.XmlElement('paragraph')])
    addAttachment(b.doc, { title: 'Stellungnahme der Träger' })
    await waitFor(() => contentHash(a.doc) === contentHash(b.doc), { what: 'the clients to converge' })
    await fixture.stored(id, a.doc)
    const edited = await makeVersion(id, 'Überarbeitung')
    const editedContent = canonicalSections(a.doc)

    const restore = await fixture.api('sozialamt.editor').post<RestoreResult>(`/proposals/${id}/versions/${original.id}/restore`)
    expect(restore.status).toBe(200)
    expect(restore.body.contentHash).toBe(original.contentHash)
    expect(restore.body.restored.id).toBe(original.id)
    await waitFor(() => contentHash(a.doc) === original.contentHash && contentHash(b.doc) === original.contentHash, {
      what: 'both clients to show the restored version',
    })
    // The removed position is back under its own id, so comments on it find it again.
    expect(listPositions(b.doc).map((p) => p.id)).toContain(removedPosition.id)
    expect(titleText(b.doc).toString()).not.toContain('Überarbeitet')

    // Every version is still there; the state the restore replaced was kept as one more.
    const list = await fixture.api('sozialamt.viewer').get<VersionSummary[]>(`/proposals/${id}/versions`)
    expect(list.body.map((v) => [v.number, v.origin])).toEqual([
      [1, 'manual'],
      [2, 'manual'],
      [3, 'restore'],
    ])
    expect(list.body[2]).toMatchObject({ id: restore.body.kept!.id, name: 'Stand vor Wiederherstellung von „Fassung für SGA 25.11.2019“', contentHash: edited.contentHash })
    const kept = await fixture.api('sozialamt.viewer').get<{ content: unknown }>(`/proposals/${id}/versions/${restore.body.kept!.id}`)
    expect(kept.body.content).toEqual(JSON.parse(JSON.stringify(editedContent)))

    // The restore is an ordinary change: editing goes on, and the edited version can come back too.
    titleText(b.doc).insert(0, 'Weiter: ')
    await waitFor(() => titleText(a.doc).toString().startsWith('Weiter: '), { what: 'a later edit to reach the other client' })
    const back = await fixture.api('sozialamt.lead').post<RestoreResult>(`/proposals/${id}/versions/${edited.id}/restore`)
    expect(back.body.contentHash).toBe(edited.contentHash)
    await waitFor(() => contentHash(a.doc) === edited.contentHash && contentHash(b.doc) === edited.contentHash, { what: 'the edited version back' })
  })

  it('restoring the state that is live already changes nothing and keeps no extra version', async () => {
    const id = await fixture.create('integration-2022-2023')
    const version = await makeVersion(id, 'Unverändert')
    const restore = await fixture.api('sozialamt.editor').post<RestoreResult>(`/proposals/${id}/versions/${version.id}/restore`)
    expect(restore.status).toBe(200)
    expect(restore.body.kept).toBeNull()
    expect((await fixture.api('sozialamt.editor').get<VersionSummary[]>(`/proposals/${id}/versions`)).body).toHaveLength(1)
  })

  it('signatures on changed sections become outdated; a released proposal cannot be restored into', async () => {
    const id = await fixture.create('pakt-949-2019')
    const editor = await fixture.connect(id, 'sozialamt.editor')
    const before = await makeVersion(id, 'Vor der Mitzeichnung')
    updatePosition(editor.doc, listPositions(editor.doc)[0]!.id, { fte: 0.75 })
    await fixture.stored(id, editor.doc)
    await fixture.api('sozialamt.lead').post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr', sections: ['positions'] }] })
    expect((await fixture.api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)

    expect((await fixture.api('sozialamt.viewer').post(`/proposals/${id}/versions/${before.id}/restore`)).status).toBe(403)
    expect((await fixture.api('jobcenter.editor').post(`/proposals/${id}/versions/${before.id}/restore`)).status).toBe(403)
    expect((await fixture.api('sozialamt.editor').post(`/proposals/${id}/versions/zzzzzzzzzzzz/restore`)).status).toBe(404)
    expect((await fixture.api('sozialamt.editor').post(`/proposals/${id}/versions/draft/restore`)).status).toBe(404)

    expect((await fixture.api('sozialamt.editor').post(`/proposals/${id}/versions/${before.id}/restore`)).status).toBe(200)
    const draft = async () => (await fixture.api('sozialamt.lead').get<{ record: VersionRecord }>(`/proposals/${id}/versions/draft`)).body.record
    await waitFor(async () => (await draft()).status === 'cosigning', { what: 'the status to follow the outdated signature' })
    expect((await draft()).signatures).toEqual([expect.objectContaining({ departmentId: 'akr', current: false })])

    // Signed again and released: the content is frozen, restoring into it is a conflict.
    expect((await fixture.api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    expect((await fixture.api('sozialamt.lead').post(`/proposals/${id}/release`)).status).toBe(200)
    const refused = await fixture.api('sozialamt.lead').post<{ error: string }>(`/proposals/${id}/versions/${before.id}/restore`)
    expect(refused.status).toBe(409)
    expect(refused.body.error).toMatch(/released/)
    expect((await fixture.api('sozialamt.editor').post(`/proposals/${id}/versions`, { name: 'Nach Freigabe' })).status).toBe(409)
  })
})
