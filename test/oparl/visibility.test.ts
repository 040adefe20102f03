// Only what a release published reaches OParl: a draft, a reopened paper's new content and a comment
// never do. A reopened paper stays as a deleted object (spec: soft delete), listed only to a client
// asking what changed since; released anew, it is current again with new files.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setTitle } from '../../shared/model'
import type { SignedInServer } from '../helpers/signed-in-server'
import { waitFor } from '../helpers/wait'
import { oparlValidators } from './schemas'
import { crawl, demoPapers, release, startOparlWorld } from './world'

type Json = Record<string, any>

const draftMarker = 'ENTWURF-NIE-VEROEFFENTLICHT'
const commentMarker = 'KOMMENTAR-NUR-INTERN'
const reopenedMarker = 'NACH-WIEDEROEFFNUNG-GEAENDERT'
/** Long before anything: with modified_since, a list shows everything, deleted objects too. */
const since = encodeURIComponent('2000-01-01T00:00:00+01:00')

describe('what the OParl endpoint publishes', () => {
  let world: SignedInServer
  let draftId: string
  const validate = oparlValidators()
  const root = () => `${world.server.url}/oparl/v1`
  const get = async (url: string) => {
    const response = await fetch(url)
    return { status: response.status, body: (await response.json()) as Json }
  }
  const { integration, pakt } = demoPapers
  /** Every item of a list, page after page (pages hold two). */
  const all = async (url: string) => {
    const items: Json[] = []
    for (let next: string | undefined = url, pages = 0; next; pages++) {
      expect(pages).toBeLessThan(50)
      const { body } = await get(next)
      items.push(...body.data)
      next = body.links.next
    }
    return items
  }

  beforeAll(async () => {
    world = await startOparlWorld({ OPARL_PUBLIC: 'true' })
    const lead = world.api('sozialamt.lead')
    draftId = (await lead.post<{ id: string }>('/proposals', { title: `Vorlage ${draftMarker}`, template: 'pakt-949-2019' })).body.id
    await release(world, pakt)
    const thread = await world.api('sozialamt.editor').post(`/proposals/${pakt}/threads`, { anchor: { kind: 'proposal' }, text: `Bitte prüfen: ${commentMarker}` })
    expect(thread.status).toBe(201)
    await release(world, integration)
    expect((await lead.post(`/proposals/${integration}/reopen`)).status).toBe(200)
    // The reopened draft changes; the change is stored before anything is read from OParl.
    const editor = await world.connect(integration, 'sozialamt.editor')
    setTitle(editor.doc, `Integrationsmanagement ${reopenedMarker}`)
    await waitFor(async () => JSON.stringify((await lead.get(`/proposals/${integration}/versions/draft`)).body).includes(reopenedMarker), { what: 'the edit stored' })
    world.destroyClients()
  })
  afterAll(() => world?.stop())

  it('a draft, a reopened paper and a comment are never reachable: not in any answer of a full crawl', async () => {
    const result = await crawl(root())
    expect(result.objects.Paper).toBe(1)
    const everything = result.texts.join('\n')
    for (const secret of [draftMarker, commentMarker, reopenedMarker, draftId, integration]) expect(everything).not.toContain(secret)
    expect((await get(`${root()}/paper/${draftId}`)).status).toBe(404)
  })

  it('the versions page and the export file of a released version link to the paper; a draft has no link', async () => {
    const lead = world.api('sozialamt.lead')
    expect((await lead.get(`/proposals/${pakt}/oparl`)).body).toEqual({ enabled: true, paperUrl: `${root()}/paper/${pakt}`, published: true })
    expect((await lead.get(`/proposals/${integration}/oparl`)).body).toEqual({ enabled: true, paperUrl: `${root()}/paper/${integration}`, published: false })
    expect((await lead.get(`/proposals/${draftId}/oparl`)).body).toEqual({ enabled: true, paperUrl: null })
    const released = (await lead.get<{ id: string; origin: string }[]>(`/proposals/${pakt}/versions`)).body.find((v) => v.origin === 'release')!
    const exported = await lead.get<Json>(`/proposals/${pakt}/versions/${released.id}/export.json`)
    expect(exported.body['mitzeichnung:oparlPaper']).toBe(`${root()}/paper/${pakt}`)
    expect((await lead.get<Json>(`/proposals/${draftId}/versions/draft/export.json`)).body['mitzeichnung:oparlPaper']).toBeUndefined()
  })

  it('the reopened paper answers as deleted, its files are gone (410), its consultations deleted', async () => {
    const { status, body: paper } = await get(`${root()}/paper/${integration}`)
    expect(status).toBe(200)
    expect(validate(paper as { type: string })).toEqual([])
    expect(Object.keys(paper).sort()).toEqual(['body', 'created', 'deleted', 'id', 'modified', 'type'])
    expect(paper).toMatchObject({ id: `${root()}/paper/${integration}`, deleted: true })
    expect(JSON.stringify(paper)).not.toContain(reopenedMarker)

    const files = (await all(`${root()}/body/1/file?modified_since=${since}`)).filter((f) => f.deleted)
    expect(files).toHaveLength(2)
    for (const file of files) {
      expect(validate(file as { type: string })).toEqual([])
      expect((await get(file.id)).body).toMatchObject({ id: file.id, deleted: true })
      const content = await fetch(file.accessUrl)
      expect(content.status).toBe(410)
      expect(await content.json()).toEqual({ error: expect.stringContaining('withdrawn') })
    }
    const consultations = await all(`${root()}/body/1/consultation?modified_since=${since}`)
    expect(consultations.filter((c) => c.deleted).map((c) => c.id.split('/').at(-2))).toEqual([integration, integration])
  })

  it('lists deleted objects only to a client asking what changed since (modified_since)', async () => {
    const plain = await get(`${root()}/body/1/paper`)
    expect(plain.body.data.map((p: Json) => p.id)).toEqual([`${root()}/paper/${pakt}`])
    const changed = await get(`${root()}/body/1/paper?modified_since=${since}`)
    expect(changed.body.data.map((p: Json) => [p.id, p.deleted ?? false])).toEqual([
      [`${root()}/paper/${pakt}`, false],
      [`${root()}/paper/${integration}`, true],
    ])
    for (const item of changed.body.data) expect(validate(item)).toEqual([])
    // A client that synced after the withdrawal learns nothing new.
    const later = new Date(Date.now() + 2000).toISOString().replace('Z', '+00:00')
    expect((await get(`${root()}/body/1/paper?modified_since=${encodeURIComponent(later)}`)).body.data).toEqual([])
  })

  it('keeps the filters in every link, honours limit, and omit_internal leaves out auxiliaryFile', async () => {
    const first = await get(`${root()}/body/1/organization?modified_since=${since}&limit=1`)
    expect(first.body.pagination).toEqual({ totalElements: 8, elementsPerPage: 1, currentPage: 1, totalPages: 8 })
    expect(first.body.links.next).toBe(`${root()}/body/1/organization?modified_since=${since}&limit=1&page=2`)
    const second = await get(first.body.links.next)
    expect(second.body.links).toMatchObject({ first: `${root()}/body/1/organization?modified_since=${since}&limit=1`, prev: first.body.links.first })
    expect(second.body.data[0].id).not.toBe(first.body.data[0].id)
    expect((await get(`${root()}/body/1/organization?created_until=${since}`)).body.pagination.totalElements).toBe(0)
    // An unencoded `+` (read as a space) is taken as meant.
    expect((await get(`${root()}/body/1/organization?created_since=2000-01-01T00:00:00+01:00`)).body.pagination.totalElements).toBe(8)
    const future = await get(`${root()}/body/1/paper?created_since=2999-01-01T00:00:00+01:00`)
    expect(future.body).toMatchObject({ data: [], pagination: { totalElements: 0, totalPages: 1 } })
    expect(future.body.links.next).toBeUndefined()
    const omitted = await get(`${root()}/body/1/paper?omit_internal=true`)
    expect(omitted.body.data[0].auxiliaryFile).toBeUndefined()
    expect(omitted.body.data[0].mainFile.mimeType).toBe('application/pdf')
    expect(omitted.body.links.self).toBe(`${root()}/body/1/paper?omit_internal=true`)
  })

  it('released anew, the paper is current again: the same consultations, new files, the old ones deleted', async () => {
    const before = await all(`${root()}/body/1/consultation?modified_since=${since}`)
    const oldFiles = (await all(`${root()}/body/1/file?modified_since=${since}`)).filter((f) => f.deleted)
    await release(world, integration)
    const { body: paper } = await get(`${root()}/paper/${integration}`)
    expect(validate(paper as { type: string })).toEqual([])
    expect(paper.deleted).toBeUndefined()
    expect(paper.name).toContain(reopenedMarker)
    expect(paper['mitzeichnung:version'].number).toBeGreaterThan(1)
    expect(paper.consultation.map((c: Json) => c.id).sort()).toEqual(before.filter((c) => c.id.includes(integration)).map((c) => c.id).sort())
    for (const file of oldFiles) {
      expect([paper.mainFile.id, paper.auxiliaryFile[0].id]).not.toContain(file.id)
      expect((await fetch(file.accessUrl)).status).toBe(410)
    }
    const current = await fetch(paper.mainFile.accessUrl)
    expect(current.status).toBe(200)
    await current.arrayBuffer()
    expect(paper.created < paper.modified).toBe(true)
  })

  it('a restarted server describes and serves the very same bytes: renders are a function of the released version', async () => {
    const before = (await get(`${root()}/paper/${pakt}`)).body
    await world.server.restart()
    const after = (await get(`${root()}/paper/${pakt}`)).body
    for (const key of ['mainFile', 'auxiliaryFile'] as const) expect(after[key]).toEqual(before[key])
    const bytes = new Uint8Array(await (await fetch(after.mainFile.downloadUrl)).arrayBuffer())
    expect(createHash('sha512').update(bytes).digest('hex')).toBe(before.mainFile.sha512Checksum)
  })
})
