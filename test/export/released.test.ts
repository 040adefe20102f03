// A release stores a version; its export shows every signature current and no "Entwurf". Exports
// follow reading rights and name what they export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VersionSummary } from '../../shared/versions'
import { listFinanceRows, setFinanceCell } from '../../shared/model'
import { apiClient } from '../helpers/api'
import { connectSynced } from '../helpers/clients'
import { waitFor } from '../helpers/wait'
import { readDocx, wordParagraphs, readPdf } from './read-back'
import { squash, startExportFixture, type ExportFixture } from './setup'

describe('export of a released proposal', () => {
  let fixture: ExportFixture
  let released: VersionSummary

  beforeAll(async () => {
    fixture = await startExportFixture()
    // Both demo papers are fully signed (a note and an objection count as signatures): release one.
    expect((await fixture.api('sozialamt.lead').post(`/proposals/${fixture.pakt}/release`)).status).toBe(200)
    const versions = await fixture.api('sozialamt.viewer').get<VersionSummary[]>(`/proposals/${fixture.pakt}/versions`)
    expect(versions.body.map((v) => [v.number, v.origin])).toEqual([[1, 'release']])
    released = versions.body[0]!
  })
  afterAll(async () => {
    await fixture?.stop()
  })

  it('the release made a version named after its day, by the releasing lead', () => {
    expect(released.name).toMatch(/^Freigegebene Fassung vom \d{2}\.\d{2}\.\d{4}$/)
    expect(released.createdBy).toMatchObject({ name: 'Sabine Krüger', departmentId: 'sozialamt' })
  })

  it('exports the released version with all signatures current and no "Entwurf"', async () => {
    const docx = await fixture.download(fixture.pakt, released.id, 'docx', 'sozialamt.viewer')
    expect(docx.response.status).toBe(200)
    expect(docx.response.headers.get('content-disposition')).toContain('filename="GRDrs-949-2019_Fassung-1.docx"')
    const word = readDocx(docx.bytes)
    const text = word.paragraphs.join('\n')
    expect(text).toContain('Referat AKR hat die Vorlage mit folgendem Hinweis mitgezeichnet')
    expect(text).toContain('Referat WFB ist der Auffassung, dass')
    expect(text).not.toContain('früheren Stand')
    expect(word.paragraphs.join('\n') + word.xml('word/header1.xml')).not.toMatch(/ENTWURF/i)
    // Which version this is stays in the file's properties; the printed footer carries page numbers only.
    expect(word.xml('docProps/core.xml')).toContain(`Fassung 1 „${released.name}“`)
    expect(wordParagraphs(word.xml('word/footer1.xml')).join('')).not.toContain('Fassung')

    const pages = await readPdf((await fixture.download(fixture.pakt, released.id, 'pdf')).bytes)
    for (const page of pages) expect(page.text).not.toMatch(/ENTWURF/i)
    expect(squash(pages.map((p) => p.text).join(''))).not.toContain('früherenStand')

    const json = (await fixture.download(fixture.pakt, released.id, 'json')).bytes
    const paper = JSON.parse(new TextDecoder().decode(json))
    expect(paper['mitzeichnung:cosignatures'].status).toBe('released')
    expect(paper['mitzeichnung:cosignatures'].departments.every((d: { signature: { current: boolean } }) => d.signature.current)).toBe(true)
    expect(paper['mitzeichnung:state']).toMatchObject({ draft: false, version: { id: released.id, number: 1, origin: 'release' } })
  })

  it('the live state of a released proposal is not a draft either', async () => {
    const pages = await readPdf((await fixture.download(fixture.pakt, 'draft', 'pdf')).bytes)
    for (const page of pages) expect(page.text).not.toMatch(/ENTWURF/i)
    expect(pages[0]!.text).toBeTruthy()
  })

  it('a version keeps the signatures as they stood; the draft marks one outdated by a later change', async () => {
    const { integration } = fixture
    const version = await fixture.api('sozialamt.editor').post<VersionSummary>(`/proposals/${integration}/versions`, { name: 'Fassung für SGA 12.07.2021' })
    expect(version.status).toBe(201)
    const editor = await connectSynced(fixture.server.wsUrl, integration, fixture.cookies['sozialamt.editor'])
    try {
      const [row] = listFinanceRows(editor.doc)
      setFinanceCell(editor.doc, row!.id, 'need', 2022, 70)
      const draftText = async () => readDocx((await fixture.download(integration, 'draft', 'docx')).bytes).paragraphs.join('\n')
      const draft = await waitFor(async () => ((await draftText()).includes('früheren Stand') ? await draftText() : ''), { what: 'outdated signatures in the draft' })
      expect(draft).toContain('Diese Mitzeichnung bezieht sich auf einen früheren Stand der Vorlage.')
      expect(draft).toContain('Finanzbedarf\n520\n666')
    } finally {
      editor.destroy()
    }
    const kept = readDocx((await fixture.download(integration, version.body.id, 'docx')).bytes)
    const text = kept.paragraphs.join('\n')
    expect(text).not.toContain('früheren Stand')
    expect(text).toContain('Finanzbedarf\n516\n666')
    expect(kept.xml('docProps/core.xml')).toContain('Fassung 1 „Fassung für SGA 12.07.2021“')
  })

  it('needs a session, and answers 404 for versions that do not exist or belong to another paper', async () => {
    const anonymous = await fetch(`${fixture.server.url}/api/proposals/${fixture.pakt}/versions/draft/export.pdf`)
    expect(anonymous.status).toBe(401)
    expect((await fixture.download(fixture.pakt, 'nosuchversion', 'docx')).response.status).toBe(404)
    expect((await fixture.download(fixture.pakt, 'BAD!', 'docx')).response.status).toBe(404)
    expect((await fixture.download(fixture.integration, released.id, 'pdf')).response.status).toBe(404)
    expect((await fixture.download('nosuchproposal', 'draft', 'json')).response.status).toBe(404)
    expect((await apiClient(fixture.server.url, fixture.cookies['wfb.lead']).get(`/proposals/${fixture.pakt}/versions/${released.id}`)).status).toBe(200)
  })
})
