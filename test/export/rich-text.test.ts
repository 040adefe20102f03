// Formatting of the Begründung in both formats: headings, bold and italic, links, lists that restart
// their numbering, nested lists, tables — and a DOCX with links is still the same bytes every time.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { renderDocx } from '../../server/export/docx'
import { buildPaper } from '../../server/export/paper'
import { renderPdf } from '../../server/export/pdf'
import { blankProposal } from '../../shared/demo'
import { heading, orderedList, paragraph, richTextDoc, setBody, table, text, type RichTextNode } from '../../shared/model'
import { readDocx, readPdf } from './read-back'

const link = (value: string, href: string): RichTextNode => ({ type: 'text', text: value, marks: [{ type: 'link', attrs: { href } }] })
const nested: RichTextNode = {
  type: 'bullet_list',
  content: [
    { type: 'list_item', content: [paragraph('Oberpunkt Förderung'), { type: 'bullet_list', content: [{ type: 'list_item', content: [paragraph('Unterpunkt Maßnahme')] }] }] },
  ],
}

function paperWith(blocks: RichTextNode[]) {
  const doc = new Y.Doc()
  blankProposal(doc, 'Formatierung – Prüfung', { referat: 'Referat Soziales', date: '2021-07-12' })
  setBody(doc, richTextDoc(blocks))
  const stamp = new Date('2021-07-12T10:00:00Z')
  const record = { status: 'draft' as const, leadDepartmentId: 'sozialamt', involved: [], signatures: [] }
  return { paper: buildPaper({ organisationName: 'Landeshauptstadt Stuttgart', doc, record, version: null, draft: true, stamp }), stamp }
}

const blocks = [
  heading(1, 'Überschrift eins'),
  paragraph([text('Fett', 'strong'), text(' und '), text('kursiv', 'em'), text(' mit '), link('Verweis', 'https://www.stuttgart.de/gemeinderat')]),
  orderedList(['Erstens', 'Zweitens']),
  paragraph('Dazwischen.'),
  orderedList(['Wieder eins']),
  nested,
  table([['Spalte A', 'Spalte B'], ['ä ö ü', 'ß']]),
]

describe('rich text in the export', () => {
  it('DOCX: Word headings, runs with bold/italic, an external link, restarting and nested lists, a table', async () => {
    const { paper, stamp } = paperWith(blocks)
    const first = await renderDocx(paper, stamp)
    const docx = readDocx(first)
    const xml = docx.xml('word/document.xml')
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>[\s\S]*?Überschrift eins/)
    expect(xml).toMatch(/<w:b\/>[\s\S]*?>Fett</)
    expect(xml).toMatch(/<w:i\/>[\s\S]*?>kursiv</)
    expect(xml).toMatch(/<w:hyperlink [^>]*r:id="rIdLink1"[^>]*>[\s\S]*?Verweis/)
    expect(docx.xml('word/_rels/document.xml.rels')).toMatch(/Id="rIdLink1"[^>]*Target="https:\/\/www\.stuttgart\.de\/gemeinderat"/)
    // Two ordered lists: two numbering instances, so the second starts at 1 again.
    const orderedIds = new Set([...xml.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]))
    expect(orderedIds.size).toBeGreaterThanOrEqual(3)
    expect(xml).toMatch(/<w:ilvl w:val="1"\/>[\s\S]*?Unterpunkt Maßnahme/)
    expect(docx.paragraphs).toEqual(expect.arrayContaining(['Spalte A', 'ä ö ü', 'ß']))
    // Random ids and the clock are taken out: a second render is byte for byte the same.
    expect(Buffer.from(await renderDocx(paper, stamp)).equals(Buffer.from(first))).toBe(true)
  })

  it('PDF: the same text in the same order, each list numbered from 1', async () => {
    const { paper, stamp } = paperWith(blocks)
    const pages = await readPdf(await renderPdf(paper, stamp))
    const squashed = pages.map((p) => p.text).join('').replace(/\s+/g, '')
    const order = ['Überschrifteins', 'Fettundkursivmit', 'Verweis', '1.Erstens', '2.Zweitens', 'Dazwischen.', '1.Wiedereins', 'OberpunktFörderung', 'UnterpunktMaßnahme', 'SpalteA', 'SpalteB', 'äöü', 'ß']
    let from = 0
    for (const needle of order) {
      const at = squashed.indexOf(needle, from)
      expect(at, needle).toBeGreaterThanOrEqual(from)
      from = at + needle.length
    }
  })
})
