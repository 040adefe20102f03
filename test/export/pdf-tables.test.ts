// The PDF's tables read back line by line (issue 11, item 13): no word broken inside, amounts on one
// line, empty sums '–' as on the board — for the demo papers and for a paper whose long function names
// need a page turned to landscape; and Begründung headings keep the numbers their authors gave them.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addFinanceYear, addPosition, heading, paragraph, richTextDoc, setBody, type RichTextNode } from '../../shared/model'
import { buildPaper, type TextTable } from '../../server/export/paper'
import { connectSynced } from '../helpers/clients'
import { waitFor } from '../helpers/wait'
import { linesOf, readDocx, readPdf, readPdfLines } from './read-back'
import { startExportFixture, type ExportFixture } from './setup'

/** The paper's tables as the export builds them from what the server stores. */
async function tablesOf(fixture: ExportFixture, proposalId: string): Promise<{ positions: TextTable | undefined; finance: TextTable[] }> {
  const draft = await fixture.api('sozialamt.lead').get<{ state: string }>(`/proposals/${proposalId}/versions/draft`)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Buffer.from(draft.body.state, 'base64'))
  const record = { status: 'cosigning' as const, leadDepartmentId: 'sozialamt', involved: [], signatures: [] }
  const paper = buildPaper({ organisationName: 'Landeshauptstadt Stuttgart', doc, record, version: null, draft: true, stamp: new Date() })
  doc.destroy()
  return { positions: paper.positions?.table, finance: paper.finance.map((f) => f.table) }
}

/** The lines drawn from `first` to the line starting with `last`, over page breaks. */
function region(pages: string[][], first: string, last: string): string[] {
  const lines = pages.flat()
  const from = lines.indexOf(first)
  const to = lines.findIndex((line, i) => i > from && line.startsWith(last))
  expect(from, `"${first}" in the PDF`).toBeGreaterThanOrEqual(0)
  expect(to, `"${last}" after "${first}"`).toBeGreaterThan(from)
  return lines.slice(from, to + 1)
}

/** Every cell of the table is drawn whole (its lines joined give it back: no word broken); right-aligned cells (amounts) on one line. */
function expectWholeCells(lines: string[], table: TextTable): void {
  const rows = [table.head, ...table.rows.map((row) => (row.group ? row.cells.slice(0, 1) : row.cells)), ...table.foot]
  for (const cells of rows) {
    cells.forEach((cell, i) => {
      if (!cell.trim()) return
      const drawnOn = linesOf(lines, cell)
      expect(drawnOn, `"${cell}" drawn whole`).toBeGreaterThan(0)
      if (table.align[i] === 'right') expect(drawnOn, `"${cell}" on one line`).toBe(1)
    })
  }
}

const artifacts = path.resolve(import.meta.dirname, '../artifacts')

const longFunctions = [
  'Arbeitsmarktintegrationskoordinatorin',
  'Sachbearbeitung Integrationsmanagement und Qualitätssicherungsbeauftragte der Flüchtlingssozialarbeit',
]

describe('PDF tables and numbered headings', () => {
  let fixture: ExportFixture

  beforeAll(async () => {
    fixture = await startExportFixture()
  })
  afterAll(async () => {
    await fixture?.stop()
  })

  it('the demo papers: every cell of the positions and finance tables whole, amounts on one line, all pages upright', async () => {
    const pakt = await tablesOf(fixture, fixture.pakt)
    const paktPdf = (await fixture.download(fixture.pakt, 'draft', 'pdf')).bytes
    expectWholeCells(region(await readPdfLines(paktPdf), 'Stellen und Ermächtigungen', 'Insgesamt'), pakt.positions!)

    const integration = await tablesOf(fixture, fixture.integration)
    const integrationPdf = (await fixture.download(fixture.integration, 'draft', 'pdf')).bytes
    const finance = region(await readPdfLines(integrationPdf), 'Finanzielle Auswirkungen', 'Summe bereitgestellte Mittel')
    for (const table of integration.finance) expectWholeCells(finance, table)

    for (const page of [...(await readPdf(paktPdf)), ...(await readPdf(integrationPdf))]) expect(page.width).toBeLessThan(page.height)
  })

  it('long function names and a large cost: the positions table turns to a landscape page, no word broken, the amount on one line', async () => {
    const created = await fixture.api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Pakt mit langen Funktionen', template: 'pakt-949-2019', number: '' })
    const id = created.body.id
    const client = await connectSynced(fixture.server.wsUrl, id, fixture.cookies['sozialamt.editor'])
    try {
      addPosition(client.doc, { department: 'jobcenter', fte: 1, payGrade: 'EG 11 TVöD', function: longFunctions[0], kind: 'authorization', until: '2025-12-31' })
      addPosition(client.doc, {
        department: 'sozialamt',
        fte: 0.75,
        payGrade: 'EG 9c TVöD',
        function: longFunctions[1],
        annualCost: 1234567.89,
        note: 'Finanzierung über Integrationslastenausgleichsmittel',
      })
      await waitFor(async () => (await tablesOf(fixture, id)).positions?.rows.length === 5, { what: 'the positions stored', timeoutMs: 10_000 })
    } finally {
      client.destroy()
    }
    const { positions } = await tablesOf(fixture, id)
    const bytes = (await fixture.download(id, 'draft', 'pdf')).bytes
    const lines = region(await readPdfLines(bytes), 'Stellen und Ermächtigungen', 'Insgesamt')
    expectWholeCells(lines, positions!)
    expect(linesOf(lines, '1.234.567,89 €')).toBe(1)
    for (const name of longFunctions) expect(linesOf(lines, name), name).toBeGreaterThan(0)

    // Only the table's pages are turned: the paper starts and ends upright.
    const pages = await readPdf(bytes)
    const turned = pages.filter((page) => page.width > page.height)
    expect(turned.length).toBeGreaterThan(0)
    expect(turned.every((page) => page.text.includes('Stellen und Ermächtigungen') || page.text.includes('Arbeitsmarktintegrationskoordinatorin'))).toBe(true)
    expect(pages[0]!.width).toBeLessThan(pages[0]!.height)
    expect(pages.at(-1)!.width).toBeLessThan(pages.at(-1)!.height)
    if (fs.existsSync('/usr/bin/pdftoppm')) {
      // What a reader sees: the turned page, as a picture in test/artifacts/.
      fs.mkdirSync(artifacts, { recursive: true })
      const file = path.join(artifacts, 'export-positions-landscape.pdf')
      fs.writeFileSync(file, bytes)
      const page = String(pages.indexOf(turned[0]!) + 1)
      await promisify(execFile)('/usr/bin/pdftoppm', ['-png', '-r', '70', '-f', page, '-l', page, '-singlefile', file, file.replace(/\.pdf$/, '')])
    }
  })

  it('an empty budget year sums to "–" in the finance table, as on the board', async () => {
    const created = await fixture.api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Finanzen mit leerem Jahr', template: 'integration-2022-2023', number: '' })
    const id = created.body.id
    const client = await connectSynced(fixture.server.wsUrl, id, fixture.cookies['sozialamt.editor'])
    try {
      addFinanceYear(client.doc, 2024)
      await waitFor(async () => (await tablesOf(fixture, id)).finance[0]?.head.includes('2024 TEUR'), { what: 'the year stored', timeoutMs: 10_000 })
    } finally {
      client.destroy()
    }
    const lines = region(await readPdfLines((await fixture.download(id, 'draft', 'pdf')).bytes), 'Finanzielle Auswirkungen', 'Für diesen Zweck')
    const sum = lines.indexOf('Finanzbedarf')
    expect(lines.slice(sum, sum + 4)).toEqual(['Finanzbedarf', '516', '666', '–'])
  })

  it('Begründung headings keep the numbers their authors gave them, in the PDF and in Word; a list that goes on at 12 is numbered from 12', async () => {
    const created = await fixture.api('sozialamt.lead').post<{ id: string }>('/proposals', { title: 'Nummerierte Begründung', template: 'pakt-949-2019', number: '' })
    const id = created.body.id
    const continued: RichTextNode = {
      type: 'ordered_list',
      attrs: { order: 12 },
      content: ['Verwaltung und Assistenz', 'Koordination der Zusammenarbeit'].map((text) => ({ type: 'list_item', content: [paragraph(text)] })),
    }
    const client = await connectSynced(fixture.server.wsUrl, id, fixture.cookies['sozialamt.editor'])
    try {
      setBody(client.doc, richTextDoc([heading(2, '1. Ausgangslage'), paragraph('Erster Abschnitt.'), heading(3, '1.1 Personelle Auswirkungen'), paragraph('Zweiter Abschnitt.'), continued]))
      await waitFor(async () => (await fixture.download(id, 'draft', 'docx')).bytes.length > 0 && (await docxText(fixture, id)).includes('1. Ausgangslage'), {
        what: 'the Begründung stored',
        timeoutMs: 10_000,
      })
    } finally {
      client.destroy()
    }
    const pdfLines = (await readPdfLines((await fixture.download(id, 'draft', 'pdf')).bytes)).flat()
    expect(pdfLines).toEqual(expect.arrayContaining(['1. Ausgangslage', '1.1 Personelle Auswirkungen', '12.', 'Verwaltung und Assistenz', '13.']))

    const docx = readDocx((await fixture.download(id, 'draft', 'docx')).bytes)
    expect(docx.paragraphs).toEqual(expect.arrayContaining(['1. Ausgangslage', '1.1 Personelle Auswirkungen']))
    // The list paragraph's numbering starts at 12: Word draws "12." and "13.", not "1." and "2.".
    const documentXml = docx.xml('word/document.xml')
    const item = [...documentXml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => p[0]).find((p) => p.includes('Verwaltung und Assistenz'))!
    const numId = /<w:numId w:val="(\d+)"\/>/.exec(item)?.[1]
    expect(numId).toBeDefined()
    expect(startOf(docx.xml('word/numbering.xml'), numId!)).toBe(12)
  })
})

const docxText = async (fixture: ExportFixture, id: string) => readDocx((await fixture.download(id, 'draft', 'docx')).bytes).paragraphs.join('\n')

/** The number a Word list starts at: its level-0 start override, else its abstract definition's start. */
function startOf(numberingXml: string, numId: string): number {
  const num = new RegExp(`<w:num w:numId="${numId}"[^>]*>([\\s\\S]*?)</w:num>`).exec(numberingXml)?.[1] ?? ''
  const override = /<w:lvlOverride w:ilvl="0">\s*<w:startOverride w:val="(\d+)"\/>/.exec(num)?.[1]
  if (override) return Number(override)
  const abstractId = /<w:abstractNumId w:val="(\d+)"\/>/.exec(num)?.[1]
  const abstract = new RegExp(`<w:abstractNum w:abstractNumId="${abstractId}"[^>]*>([\\s\\S]*?)</w:abstractNum>`).exec(numberingXml)?.[1] ?? ''
  return Number(/<w:lvl w:ilvl="0"[^>]*>\s*<w:start w:val="(\d+)"\/>/.exec(abstract)?.[1] ?? 1)
}
