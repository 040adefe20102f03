// The PDF export read back with pdf.js: A4 pages, embedded fonts, the GRDrs layout in order, umlauts
// intact, "ENTWURF" and the page number on every page; page 1 rendered to a PNG to look at.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consultations, headerBlock, integrationFinanceCells, paktPositionRows, paktResolutionItems, sectionHeadings, stances, titles } from './expected'
import { expectInOrder, readPdf } from './read-back'
import { squash, startExportFixture, type ExportFixture } from './setup'

const artifacts = path.resolve(import.meta.dirname, '../artifacts')
const hasPdftoppm = fs.existsSync('/usr/bin/pdftoppm')

/** Whitespace-free needles: a PDF breaks lines (and hyphenated words) anywhere. */
const inOrder = (text: string, needles: string[]) => expectInOrder(squash(text), needles.map(squash))

describe('PDF export', () => {
  let fixture: ExportFixture

  beforeAll(async () => {
    fixture = await startExportFixture()
  })
  afterAll(async () => {
    await fixture?.stop()
  })

  it('is an A4 PDF with its fonts embedded, "ENTWURF" and "Seite n von N" on every page', async () => {
    const { response, bytes } = await fixture.download(fixture.pakt, 'draft', 'pdf')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('content-disposition')).toContain('attachment; filename="GRDrs-949-2019_Entwurf.pdf"')
    const raw = Buffer.from(bytes).toString('latin1')
    expect(raw.startsWith('%PDF-')).toBe(true)
    // TrueType programs in the file, not references to fonts the reader may lack.
    expect(raw.match(/\/FontFile2/g)?.length).toBeGreaterThanOrEqual(2)
    const pages = await readPdf(bytes)
    expect(pages.length).toBeGreaterThanOrEqual(2)
    pages.forEach((page, i) => {
      expect(page.width).toBeCloseTo(595.28, 1)
      expect(page.height).toBeCloseTo(841.89, 1)
      expect(page.text).toContain('ENTWURF')
      expect(squash(page.text)).toContain(squash(`Seite ${i + 1} von ${pages.length}`))
    })
    const again = await fixture.download(fixture.pakt, 'draft', 'pdf')
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true)
  })

  it('lays out the Beschlussvorlage in order, umlauts and ß intact', async () => {
    const pages = await readPdf((await fixture.download(fixture.pakt, 'draft', 'pdf')).bytes)
    const text = pages.map((p) => p.text).join('\n')
    inOrder(text, [...headerBlock.pakt.slice(0, 3), titles.pakt, 'Beschlussvorlage', 'Beratungsfolge', ...consultations.pakt])
    inOrder(text, sectionHeadings.pakt)
    inOrder(text, ['Beschlussantrag', ...paktResolutionItems.flatMap((item, i) => [`${i + 1}.`, item]), 'Begründung'])
    inOrder(text, ['Stellen und Ermächtigungen', ...paktPositionRows.flat(), 'Finanzielle Auswirkungen', 'keine'])
    inOrder(text, ['Mitzeichnung der beteiligten Stellen', ...stances, 'Vorliegende Anträge/Anfragen', '---', 'Erledigte Anträge/Anfragen', '---', 'Anlagen', 'keine'])
    expect(text).toContain('Maßnahmen für Geflüchtete')
  })

  it('shows the finance tables with their sums and the Bericht of a Mitteilungsvorlage', async () => {
    const pages = await readPdf((await fixture.download(fixture.integration, 'draft', 'pdf')).bytes)
    const text = pages.map((p) => p.text).join('\n')
    inOrder(text, [titles.integration, 'Mitteilungsvorlage', ...consultations.integration])
    inOrder(text, sectionHeadings.integration)
    inOrder(text, ['Bericht', 'Maßnahme/Angebot', '2020', '2021', 'Sachkostenpauschale für Integrationsmanagement', '227', '227'])
    inOrder(text, ['Finanzielle Auswirkungen', ...integrationFinanceCells, 'Mitzeichnung der beteiligten Stellen', ...stances])
    inOrder(text, ['Anlagen', '1. Anträge der Träger'])
    expect(squash(text)).not.toContain('Beschlussantrag')
  })

  it.skipIf(!hasPdftoppm)('renders page 1 like a council paper (test/artifacts/export-page1.png)', async () => {
    const { bytes } = await fixture.download(fixture.pakt, 'draft', 'pdf')
    fs.mkdirSync(artifacts, { recursive: true })
    const pdfFile = path.join(artifacts, 'export.pdf')
    fs.writeFileSync(pdfFile, bytes)
    await promisify(execFile)('/usr/bin/pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfFile, path.join(artifacts, 'export-page1')])
    const png = fs.readFileSync(path.join(artifacts, 'export-page1.png'))
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    // 80 dpi A4: 661 × 935 pixels.
    expect(png.readUInt32BE(16)).toBeGreaterThan(600)
    expect(png.readUInt32BE(20)).toBeGreaterThan(900)
  })
})
