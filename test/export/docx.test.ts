// The DOCX export read back from its XML: the GRDrs layout in order, real Word headings, numbering and
// tables, umlauts intact, "Entwurf" in the page header of a draft, the same bytes every time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultations, headerBlock, integrationFinanceCells, paktPositionRows, paktResolutionItems, sectionHeadings, stances, titles } from './expected'
import { expectInOrder, readDocx, wordParagraphs } from './read-back'
import { startExportFixture, type ExportFixture } from './setup'

/** The paragraphs styled as Word's Heading 1, in order. */
const heading1s = (xml: string): string[] =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].filter((p) => p[0].includes('<w:pStyle w:val="Heading1"/>')).map((p) => wordParagraphs(p[0]).join(''))

describe('DOCX export', () => {
  let fixture: ExportFixture

  beforeAll(async () => {
    fixture = await startExportFixture()
  })
  afterAll(async () => {
    await fixture?.stop()
  })

  it('is a Word file named after the paper, the same bytes on every download', async () => {
    const { response, bytes } = await fixture.download(fixture.pakt, 'draft', 'docx')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(response.headers.get('content-disposition')).toContain('attachment; filename="GRDrs-949-2019_Entwurf.docx"')
    expect(Buffer.from(bytes.subarray(0, 2)).toString()).toBe('PK')
    const again = await fixture.download(fixture.pakt, 'draft', 'docx')
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true)
  })

  it('lays out the Beschlussvorlage in order: header block, Beratungsfolge, numbered Beschlussantrag, positions, stances', async () => {
    const { bytes } = await fixture.download(fixture.pakt, 'draft', 'docx')
    const docx = readDocx(bytes)
    const text = docx.paragraphs.join('\n')
    const documentXml = docx.xml('word/document.xml')

    expect(heading1s(documentXml)).toEqual(sectionHeadings.pakt)
    expectInOrder(text, [...headerBlock.pakt, titles.pakt, 'Beschlussvorlage', 'Beratungsfolge', ...consultations.pakt])
    expectInOrder(text, ['Beschlussantrag', ...paktResolutionItems, 'Begründung'])
    expectInOrder(text, ['Stellen und Ermächtigungen', ...paktPositionRows.flat(), 'Finanzielle Auswirkungen', 'keine'])
    expectInOrder(text, ['Mitzeichnung der beteiligten Stellen', ...stances, 'Vorliegende Anträge/Anfragen', '---', 'Erledigte Anträge/Anfragen', '---'])
    expectInOrder(text, ['Referat Soziales und gesellschaftliche Integration', 'Anlagen', 'keine'])

    // Beschlussantrag items are a real Word numbered list, each paragraph once.
    const numbering = docx.xml('word/numbering.xml')
    expect(numbering).toContain('w:val="%1."')
    const items = docx.paragraphs.filter((p) => paktResolutionItems.includes(p))
    expect(items).toEqual(paktResolutionItems)
    const numbered = [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].filter((p) => p[0].includes('<w:numPr>')).map((p) => wordParagraphs(p[0]).join(''))
    expect(numbered).toEqual(expect.arrayContaining(paktResolutionItems))
    // The Begründung's own headings and bullet list keep their structure.
    expect(documentXml).toMatch(/<w:pStyle w:val="Heading3"\/>[\s\S]*?Ausgangslage/)
    expect(numbered).toContain('Verwaltungs- und Assistenzaufgaben, 50 % in EG 8 TVöD beim Sozialamt')
    expect(documentXml.match(/<w:tbl>/g)?.length).toBeGreaterThanOrEqual(3)
  })

  it('shows the finance tables with their sums and the Bericht of a Mitteilungsvorlage', async () => {
    const { bytes } = await fixture.download(fixture.integration, 'draft', 'docx')
    const docx = readDocx(bytes)
    const text = docx.paragraphs.join('\n')
    expect(heading1s(docx.xml('word/document.xml'))).toEqual(sectionHeadings.integration)
    expectInOrder(text, [...headerBlock.integration, titles.integration, 'Mitteilungsvorlage', ...consultations.integration, 'Bericht'])
    // A table inside the Bericht keeps its cells.
    expectInOrder(text, ['Maßnahme/Angebot', '2020', '2021', 'Sachkostenpauschale für Integrationsmanagement', '227', '227'])
    expectInOrder(text, ['Finanzielle Auswirkungen', ...integrationFinanceCells, 'Mitzeichnung der beteiligten Stellen', ...stances])
    expectInOrder(text, ['Anlagen', '1. Anträge der Träger'])
    expect(text).not.toContain('Beschlussantrag')
  })

  it('marks a draft "ENTWURF" in the page header and prints only page numbers in the footer', async () => {
    const { bytes } = await fixture.download(fixture.pakt, 'draft', 'docx')
    const docx = readDocx(bytes)
    expect(wordParagraphs(docx.xml('word/header1.xml')).join('\n')).toContain('ENTWURF')
    const footer = docx.xml('word/footer1.xml')
    expect(footer).toMatch(/PAGE/)
    expect(footer).toMatch(/NUMPAGES/)
    // No internal state line on paper: real papers carry none (the file's properties keep it).
    expect(wordParagraphs(footer).join('')).not.toContain('Stand')
    // A4 portrait.
    expect(docx.xml('word/document.xml')).toMatch(/<w:pgSz w:w="11906" w:h="16838"/)
    expect(docx.xml('docProps/core.xml')).toContain('<dc:title>Pakt für Integration – Verlängerung des Integrationsmanagements (Maßnahmen für Geflüchtete)</dc:title>')
  })
})
