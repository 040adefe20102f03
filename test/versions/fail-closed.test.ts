// A document whose layout this server cannot read (stored by a newer version, or before clients
// were refused writing `meta`) is refused clearly — 409, never a 500 — and counts as unsigned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { metaMap } from '../../shared/model'
import { writeStoredDoc } from '../helpers/stored-content'
import { startVersionFixture, type VersionFixture } from './helpers'

describe('a document this server cannot read', () => {
  let fixture: VersionFixture
  let id: string

  beforeAll(async () => {
    fixture = await startVersionFixture(['sozialamt.lead', 'jobcenter.lead'])
    id = await fixture.create('pakt-949-2019', 'Aus der Zukunft')
    const lead = fixture.api('sozialamt.lead')
    const started = await lead.post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'jobcenter', sections: ['positions'] }] })
    expect(started.status).toBe(200)
    await fixture.server.stop()
    writeStoredDoc(fixture.server.dataDir, id, (doc) => metaMap(doc).set('schemaVersion', 99))
    await fixture.server.restart()
  })
  afterAll(async () => {
    await fixture?.stop()
  })

  it('answers 409 with a reason to the draft view, versions, diff and exports, and the server stays healthy', async () => {
    const api = fixture.api('sozialamt.lead')
    for (const path of [`/proposals/${id}/versions/draft`, `/proposals/${id}/versions/draft/export.pdf`, `/proposals/${id}/versions/draft/export.docx`]) {
      const answer = await api.get<{ error: string }>(path)
      expect(answer.status, path).toBe(409)
      expect(answer.body.error, path).toMatch(/99/)
    }
    expect((await api.post(`/proposals/${id}/versions`, { name: 'Fassung' })).status).toBe(409)
    expect((await fetch(`${fixture.server.url}/api/health`)).status).toBe(200)
  })

  it('cannot be signed: a signature on content the server cannot read would bind to nothing', async () => {
    const answer = await fixture.api('jobcenter.lead').post<{ error: string }>(`/proposals/${id}/signatures`, { stance: 'approved', remark: '' })
    expect(answer.status).toBe(409)
    const record = await fixture.api('jobcenter.lead').get<{ status: string }>(`/proposals/${id}`)
    expect(record.body.status).not.toBe('cosigned')
  })
})
