// The exported paper reads like the council papers in the seeds: the stance wording of the board, no
// doubled "ist der Auffassung", no "(gez. …)" or internal footer, "---" under empty request sections,
// the signatory block at the end, and a positions table whose words and amounts are never broken.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listFinanceRows, listPositions, setFinanceCell, setHeaderField, updatePosition } from '../../shared/model'
import { connectSynced } from '../helpers/clients'
import { waitFor } from '../helpers/wait'
import { readDocx, readPdf } from './read-back'
import { squash, startExportFixture, type ExportFixture } from './setup'

const signatory = 'In Vertretung\nIsabel Fezer\nBürgermeisterin'
const wfbView = 'Referat WFB ist der Auffassung, dass die Förderung an die Fallzahlen gekoppelt werden sollte'
const longFunction = 'Integrationsmanagementkoordinatorin'
const cost = 1_234_567.5

/** Every text run pdf.js reads from the PDF: a word broken across lines is split over two runs. */
async function pdfRuns(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise
  try {
    const runs: string[] = []
    for (let n = 1; n <= pdf.numPages; n++) {
      for (const item of (await (await pdf.getPage(n)).getTextContent()).items) if ('str' in item) runs.push(item.str)
    }
    return runs
  } finally {
    await pdf.destroy()
  }
}

describe('the export as a council paper', () => {
  let fixture: ExportFixture
  let id: string

  beforeAll(async () => {
    fixture = await startExportFixture()
    const lead = fixture.api('sozialamt.lead')
    id = (await lead.post<{ id: string }>('/proposals', { title: 'Pakt für Integration', template: 'pakt-949-2019', number: '950/2019' })).body.id
    // Content first (a signature binds it): the signatory, a long function name and a yearly cost.
    const editor = await connectSynced(fixture.server.wsUrl, id, fixture.cookies['sozialamt.editor'])
    try {
      setHeaderField(editor.doc, 'signatory', signatory)
      const [first] = listPositions(editor.doc)
      updatePosition(editor.doc, first!.id, { function: longFunction, annualCost: cost })
      const paragraphs = async () => readDocx((await fixture.download(id, 'draft', 'docx')).bytes).paragraphs.join('\n')
      await waitFor(async () => (await paragraphs()).includes('Isabel Fezer') && (await paragraphs()).includes(longFunction), { what: 'the edits stored' })
    } finally {
      editor.destroy()
    }
    expect((await lead.post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'akr' }, { departmentId: 'wfb' }] })).status).toBe(200)
    expect((await fixture.api('akr.lead').post(`/proposals/${id}/signatures`, { stance: 'approved', remark: '' })).status).toBe(200)
    expect((await fixture.api('wfb.lead').post(`/proposals/${id}/signatures`, { stance: 'objection', remark: wfbView })).status).toBe(200)
  })
  afterAll(async () => {
    await fixture?.stop()
  })

  it('words the stances as the board does and prints no "(gez. …)"', async () => {
    const docx = readDocx((await fixture.download(id, 'draft', 'docx')).bytes).paragraphs.join('\n')
    const pdf = squash((await readPdf((await fixture.download(id, 'draft', 'pdf')).bytes)).map((p) => p.text).join(''))
    for (const text of [squash(docx), pdf]) {
      expect(text).toContain(squash('Referat AKR hat der Vorlage zugestimmt.'))
      expect(text).toContain(squash(`${wfbView}.`))
      expect(text).not.toContain(squash('ist der Auffassung: Referat WFB'))
      expect(text.split(squash('ist der Auffassung')).length - 1).toBe(1)
      expect(text).not.toContain('(gez.')
    }
  })

  it('prints "---" under empty request sections and the signatory block at the end, with no state footer', async () => {
    const paragraphs = readDocx((await fixture.download(id, 'draft', 'docx')).bytes).paragraphs
    const at = (text: string) => paragraphs.indexOf(text)
    expect(paragraphs[at('Vorliegende Anträge/Anfragen') + 1]).toBe('---')
    expect(paragraphs[at('Erledigte Anträge/Anfragen') + 1]).toBe('---')
    expect(paragraphs.slice(at('In Vertretung'), at('In Vertretung') + 3)).toEqual(['In Vertretung', 'Isabel Fezer', 'Bürgermeisterin'])
    expect(at('In Vertretung')).toBeGreaterThan(at('Erledigte Anträge/Anfragen'))
    expect(at('In Vertretung')).toBeLessThan(at('Anlagen'))
    const pages = await readPdf((await fixture.download(id, 'draft', 'pdf')).bytes)
    // Page header and footer (number, ENTWURF, page count) may fall between any two lines.
    const pdf = squash(pages.map((p) => p.text).join('')).replace(/GRDrs950\/2019ENTWURFSeite\d+von\d+ENTWURF/g, '')
    expect(pdf).toMatch(/ErledigteAnträge\/Anfragen---InVertretungIsabelFezerBürgermeisterin/)
    expect(pdf).not.toMatch(/Entwurf,Stand/)
  })

  it('keeps every word and amount of the positions table whole in the PDF', async () => {
    const runs = await pdfRuns((await fixture.download(id, 'draft', 'pdf')).bytes)
    const whole = (text: string) => runs.some((run) => run.includes(text))
    for (const word of ['Dienststelle', 'Bewertung', 'Bemerkung', 'Kosten', longFunction, 'Ermächtigung', 'ausgeschrieben', 'Steuerungsfunktion', 'Assistenzaufgaben']) {
      expect(whole(word), `"${word}" in one piece`).toBe(true)
    }
    expect(whole('1.234.567,50 €'), 'the yearly cost on one line').toBe(true)
  })

  it('prints an empty year sum as "–", as the board does', async () => {
    const { integration } = fixture
    const editor = await connectSynced(fixture.server.wsUrl, integration, fixture.cookies['sozialamt.editor'])
    try {
      // No row provides anything in 2023 any more: the sum of that year is empty, not 0.
      for (const row of listFinanceRows(editor.doc)) setFinanceCell(editor.doc, row.id, 'provided', 2023, null)
      const paragraphs = async () => readDocx((await fixture.download(integration, 'draft', 'docx')).bytes).paragraphs.join('\n')
      const text = await waitFor(async () => {
        const now = await paragraphs()
        return now.includes('Summe bereitgestellte Mittel\n123\n–') ? now : ''
      }, { what: 'the empty provided sum of 2023' })
      expect(text).toContain('Summe bereitgestellte Mittel\n123\n–')
    } finally {
      editor.destroy()
    }
  })
})
