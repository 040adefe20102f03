// Named versions over REST: made from the server's stored state with the record of that moment,
// listed in order, opened read-only as canonical JSON and Yjs state; who may do what.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canonicalSections, listPositions, titleText, updatePosition } from '../../shared/model'
import { contentHash } from '../../shared/model/content-hash'
import type { VersionRecord, VersionSummary } from '../../shared/versions'
import { startVersionFixture, type VersionFixture } from './helpers'

type OpenedVersion = { version: VersionSummary | null; draft: boolean; contentHash: string; content: unknown; state: string; record: VersionRecord }

describe('versions', () => {
  let fixture: VersionFixture

  beforeAll(async () => {
    fixture = await startVersionFixture(['sozialamt.lead', 'sozialamt.editor', 'sozialamt.viewer', 'jobcenter.editor', 'akr.lead'])
  })
  afterEach(() => fixture.disconnectAll())
  afterAll(async () => {
    await fixture?.stop()
  })

  it('a member names the stored state; the list keeps every version in order', async () => {
    const id = await fixture.create('pakt-949-2019')
    const editor = await fixture.connect(id, 'sozialamt.editor')
    const first = await fixture.api('sozialamt.editor').post<VersionSummary>(`/proposals/${id}/versions`, { name: '  Fassung für SGA 25.11.2019 ' })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ number: 1, name: 'Fassung für SGA 25.11.2019', origin: 'manual', contentHash: contentHash(editor.doc) })
    expect(first.body.createdBy).toMatchObject({ name: 'Jonas Weber', departmentId: 'sozialamt' })

    titleText(editor.doc).insert(0, 'Geändert: ')
    await fixture.stored(id, editor.doc)
    const second = await fixture.api('sozialamt.lead').post<VersionSummary>(`/proposals/${id}/versions`, { name: 'Fassung für VA' })
    expect(second.body).toMatchObject({ number: 2, contentHash: contentHash(editor.doc) })
    expect(second.body.contentHash).not.toBe(first.body.contentHash)

    const list = await fixture.api('sozialamt.viewer').get<VersionSummary[]>(`/proposals/${id}/versions`)
    expect(list.body.map((v) => [v.number, v.name])).toEqual([
      [1, 'Fassung für SGA 25.11.2019'],
      [2, 'Fassung für VA'],
    ])
  })

  it('opens a version read-only: canonical content and the Yjs state, both hashing as stored', async () => {
    const id = await fixture.create('pakt-949-2019')
    const editor = await fixture.connect(id, 'sozialamt.editor')
    const before = canonicalSections(editor.doc)
    const { body: version } = await fixture.api('sozialamt.lead').post<VersionSummary>(`/proposals/${id}/versions`, { name: 'Ausgangsfassung' })
    updatePosition(editor.doc, listPositions(editor.doc)[0]!.id, { fte: 0.75 })
    await fixture.stored(id, editor.doc)

    const opened = await fixture.api('sozialamt.viewer').get<OpenedVersion>(`/proposals/${id}/versions/${version.id}`)
    expect(opened.status).toBe(200)
    expect(opened.body.version).toEqual(version)
    expect(opened.body.draft).toBe(false)
    expect(opened.body.content).toEqual(JSON.parse(JSON.stringify(before)))
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Buffer.from(opened.body.state, 'base64'))
    expect(contentHash(doc)).toBe(version.contentHash)
    expect(opened.body.contentHash).toBe(version.contentHash)
    expect(opened.body.record).toMatchObject({ status: 'draft', leadDepartmentId: 'sozialamt', involved: [], signatures: [] })

    const draft = await fixture.api('sozialamt.viewer').get<OpenedVersion>(`/proposals/${id}/versions/draft`)
    expect(draft.body).toMatchObject({ version: null, draft: true, contentHash: contentHash(editor.doc) })
  })

  it('freezes the record with the version: each signature and whether it was current then', async () => {
    const id = await fixture.create('pakt-949-2019')
    expect((await fixture.api('sozialamt.lead').post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr', sections: ['positions'] }] })).status).toBe(200)
    expect((await fixture.api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'acknowledged' })).status).toBe(200)
    const { body: signed } = await fixture.api('sozialamt.lead').post<VersionSummary>(`/proposals/${id}/versions`, { name: 'Mitgezeichnet' })
    const editor = await fixture.connect(id, 'sozialamt.editor')
    updatePosition(editor.doc, listPositions(editor.doc)[0]!.id, { fte: 0.75 })
    await fixture.stored(id, editor.doc)
    const { body: changed } = await fixture.api('sozialamt.lead').post<VersionSummary>(`/proposals/${id}/versions`, { name: 'Nach Änderung' })

    const recordOf = async (version: VersionSummary) =>
      (await fixture.api('sozialamt.lead').get<OpenedVersion>(`/proposals/${id}/versions/${version.id}`)).body.record
    expect(await recordOf(signed)).toMatchObject({
      status: 'cosigned',
      involved: [{ departmentId: 'akr', sections: ['positions'] }],
      signatures: [{ departmentId: 'akr', stance: 'acknowledged', signerName: 'Dr. Ulrike Hahn', current: true }],
    })
    expect((await recordOf(changed)).signatures).toEqual([expect.objectContaining({ departmentId: 'akr', current: false })])
  })

  it('only members who may edit make versions; anyone signed in may read them', async () => {
    const id = await fixture.create('integration-2022-2023')
    const post = (user: string) => fixture.api(user).post(`/proposals/${id}/versions`, { name: 'Fassung' })
    expect((await post('sozialamt.viewer')).status).toBe(403)
    expect((await post('jobcenter.editor')).status).toBe(403)
    expect((await fixture.api('jobcenter.editor').get(`/proposals/${id}/versions`)).status).toBe(200)
    const empty = await fixture.api('sozialamt.editor').post<{ error: string }>(`/proposals/${id}/versions`, { name: '   ' })
    expect(empty.status).toBe(400)
    expect(empty.body.error).toMatch(/^name/)
    expect((await fixture.api('sozialamt.editor').post(`/proposals/${id}/versions`, { title: 'falsch' })).status).toBe(400)
    expect((await fixture.api('sozialamt.editor').get(`/proposals/${id}/versions/zzzzzzzzzzzz`)).status).toBe(404)
    expect((await fixture.api('sozialamt.editor').get(`/proposals/nosuchproposal/versions`)).status).toBe(404)
  })
})
