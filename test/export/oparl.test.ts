// The OParl 1.1 export file of a version: a `Paper` valid against the official schemas (its embedded
// files and consultations too) whose files are the very PDF and DOCX served beside it.
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { oparlValidators } from '../oparl/schemas'
import { akrRemark, startExportFixture, wfbRemark, type ExportFixture } from './setup'

const validate = oparlValidators()
/** What is wrong with the paper and each object embedded in it, against the schema of its type. */
const problems = (paper: Paper) => [paper, paper.mainFile, ...paper.auxiliaryFile, ...paper.consultation].flatMap((object) => validate(object as unknown as { type: string }))

type OparlFile = { id: string; accessUrl: string; size: number; sha512Checksum: string; mimeType: string; fileName: string }
type Paper = {
  id: string
  name: string
  reference?: string
  date?: string
  paperType: string
  mainFile: OparlFile
  auxiliaryFile: OparlFile[]
  consultation: { organization: string[]; role: string; authoritative: boolean; 'mitzeichnung:sessionDate': string | null }[]
  'mitzeichnung:cosignatures': { status: string; departments: { id: string; signature: { stance: string; remark: string; signer: string; current: boolean } | null }[] }
  'mitzeichnung:state': { draft: boolean; contentHash: string; version: unknown }
}

const sha512 = (bytes: Uint8Array) => createHash('sha512').update(bytes).digest('hex')

describe('OParl 1.1 export', () => {
  let fixture: ExportFixture

  beforeAll(async () => {
    fixture = await startExportFixture()
  })
  afterAll(async () => {
    await fixture?.stop()
  })

  it('is a valid OParl Paper with the Beratungsfolge as consultations', async () => {
    const { response, bytes } = await fixture.download(fixture.pakt, 'draft', 'json')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const paper = JSON.parse(new TextDecoder().decode(bytes)) as Paper
    expect(problems(paper)).toEqual([])
    expect(paper).toMatchObject({
      id: `${fixture.server.url}/api/proposals/${fixture.pakt}/versions/draft/export.json`,
      type: 'https://schema.oparl.org/1.1/Paper',
      reference: '949/2019',
      date: '2019-11-13',
      paperType: 'Beschlussvorlage',
      name: 'Pakt für Integration – Verlängerung des Integrationsmanagements (Maßnahmen für Geflüchtete)',
    })
    expect(paper.consultation.map((c) => [c.role, c.authoritative, c['mitzeichnung:sessionDate']])).toEqual([
      ['Vorberatung', false, '2019-11-25'],
      ['Vorberatung', false, null],
      ['Beschlussfassung', true, null],
    ])
    expect(paper.consultation.every((c) => c.organization.length === 1)).toBe(true)
  })

  it('names the PDF as main file (the document of record) and the DOCX as auxiliary file, with checksums of the files served', async () => {
    const paper = JSON.parse(new TextDecoder().decode((await fixture.download(fixture.integration, 'draft', 'json')).bytes)) as Paper
    expect(problems(paper)).toEqual([])
    const [docxFile] = paper.auxiliaryFile
    expect(paper.mainFile.mimeType).toBe('application/pdf')
    expect(docxFile!.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    for (const file of [paper.mainFile, docxFile!]) {
      const response = await fetch(file.accessUrl, { headers: { cookie: fixture.cookies['sozialamt.lead'] } })
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect(response.status).toBe(200)
      expect(bytes.byteLength).toBe(file.size)
      expect(sha512(bytes)).toBe(file.sha512Checksum)
      expect(response.headers.get('content-disposition')).toContain(`filename="${file.fileName}"`)
    }
  })

  it('carries the co-signature record under a vendor prefix', async () => {
    const paper = JSON.parse(new TextDecoder().decode((await fixture.download(fixture.pakt, 'draft', 'json')).bytes)) as Paper
    const record = paper['mitzeichnung:cosignatures']
    expect(record.status).toBe('cosigned')
    expect(record.departments.map((d) => [d.id, d.signature?.stance, d.signature?.remark, d.signature?.signer, d.signature?.current])).toEqual([
      ['akr', 'remarks', akrRemark, 'Dr. Ulrike Hahn', true],
      ['wfb', 'objection', wfbRemark, 'Thomas Maier', true],
    ])
    expect(paper['mitzeichnung:state']).toMatchObject({ draft: true, version: null, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) })
  })
})
