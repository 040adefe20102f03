// A large paper for the export benchmark: a Begründung of about 40 pages (headings, lists, tables),
// 200 positions and a six-year finance table. Deterministic, so runs compare.
import * as Y from 'yjs'
import { templateUpdate } from '../../shared/demo'
import { addFinanceRow, addPosition, bulletList, heading, paragraph, richTextDoc, setBody, setFinanceYears, table, text, type RichTextNode } from '../../shared/model'

const words = (
  'Die Sozialverwaltung erachtet vor dem Hintergrund der positiven Erfahrungen die Fortsetzung des Integrationsmanagements ' +
  'für dringend erforderlich. Geflüchtete Menschen erhalten Beratung zu Sprache, Schulbildung, Ausbildung, Arbeitsmarkt, ' +
  'Wohnung, gesellschaftlicher Teilhabe und Gesundheit. Die Träger der Wohlfahrtspflege übernehmen die Aufgabe gemäß ' +
  'der Verwaltungsvorschrift des Landes; die Förderung umfasst Personal- und Fortbildungskosten in Höhe von 16.271.218,33 EUR.'
).split(' ')

/** A paragraph of about 120 words, with a bold and an italic run. */
function longParagraph(seed: number): RichTextNode {
  const pick = (n: number) => Array.from({ length: n }, (_, i) => words[(seed * 7 + i * 3) % words.length]).join(' ')
  return paragraph([text(`${pick(50)} `), text(pick(6), 'strong'), text(` ${pick(50)} `), text(pick(4), 'em'), text(` ${pick(10)}.`)])
}

/** About 40 A4 pages: 40 chapters of a heading, four long paragraphs, a list, every fourth a table. */
export function largeBody(): RichTextNode[] {
  const blocks: RichTextNode[] = []
  for (let chapter = 1; chapter <= 40; chapter++) {
    blocks.push(heading(2, `${chapter}. Maßnahme ${chapter}: Fortsetzung und Weiterentwicklung`))
    for (let p = 0; p < 4; p++) blocks.push(longParagraph(chapter * 10 + p))
    blocks.push(bulletList([`Ziel ${chapter}.1: Beratung sichern`, `Ziel ${chapter}.2: Übergänge begleiten`, `Ziel ${chapter}.3: Qualität dokumentieren`]))
    if (chapter % 4 === 0) {
      blocks.push(table([['Maßnahme', '2022', '2023'], ...Array.from({ length: 6 }, (_, i) => [`Teilmaßnahme ${chapter}.${i + 1}`, String(100 + i), String(110 + i)])]))
    }
  }
  return blocks
}

const departments = ['sozialamt', 'jobcenter', 'akr', 'wfb']

/** Fills a doc that holds the 949/2019 template with the large content. */
export function fillLarge(doc: Y.Doc): void {
  doc.transact(() => {
    setBody(doc, richTextDoc(largeBody()))
    for (let i = 0; i < 200; i++) {
      addPosition(doc, {
        department: departments[i % departments.length]!,
        fte: [0.5, 1, 0.75, 0.25][i % 4]!,
        payGrade: `EG ${8 + (i % 6)} TVöD`,
        function: `Sachbearbeitung Integrationsmanagement, Bezirk ${i + 1}`,
        kind: i % 3 === 0 ? 'permanent' : 'authorization',
        until: '2023-12-31',
        advertiseUnlimited: i % 2 === 0,
        annualCost: 50_000 + i * 250,
      })
    }
    setFinanceYears(doc, [2022, 2023, 2024, 2025, 2026, 2027])
    for (let i = 0; i < 30; i++) {
      const need = Object.fromEntries([2022, 2023, 2024, 2025, 2026, 2027].map((year, k) => [year, 10 * i + k]))
      addFinanceRow(doc, { account: `31.60.01.00.00-${500 + (i % 3)} Transferaufwendungen`, measure: `Maßnahme ${i + 1}`, need, provided: i % 5 === 0 ? { 2022: 5 } : {} })
    }
  })
}

/** A detached doc with the large paper. */
export function largeProposalDoc(): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, templateUpdate('pakt-949-2019'))
  fillLarge(doc)
  return doc
}
