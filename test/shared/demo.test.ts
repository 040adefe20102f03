import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { blankProposal, demoTemplates, findTemplate, templateUpdate } from '../../shared/demo'
import {
  canonicalSections,
  financeTotals,
  financeYears,
  listAttachments,
  listConsultations,
  listFinanceRows,
  listPositions,
  listResolutionItems,
  positionTotals,
  readBodyText,
  readHeader,
  readSchemaVersion,
  schemaVersion,
  sectionNames,
} from '../../shared/model'
import { formatDate, formatFte } from '../../shared/format'

function built(id: string): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, templateUpdate(id))
  return doc
}

describe('demo GRDrs 949/2019', () => {
  const doc = built('pakt-949-2019')

  it('has the header of the paper', () => {
    expect(readHeader(doc)).toEqual({
      title: 'Pakt für Integration – Verlängerung des Integrationsmanagements in den Jahren 2020 und 2021',
      number: '949/2019',
      kind: 'Beschlussvorlage',
      referat: 'Referat Soziales und gesellschaftliche Integration',
      gz: 'SI',
      date: '2019-11-13',
      leadDepartment: 'sozialamt',
      signatory: 'In Vertretung\nIsabel Fezer\nBürgermeisterin',
    })
  })

  it('has six Beschlussantrag items with the recorded wording', () => {
    const items = listResolutionItems(doc)
    expect(items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6])
    expect(items[0]?.text).toMatch(/^Die Landeshauptstadt Stuttgart führt das „Integrationsmanagement“/)
    expect(items[2]?.text).toMatch(/50 % in EG 10 TVöD beim Jobcenter, wird bis 31\.12\.2021 verlängert/)
    expect(items[3]?.text).toMatch(/100 % in EG 13 TVöD beim Sozialamt/)
    expect(items[4]?.text).toMatch(/50 % in EG 8 TVöD beim Sozialamt/)
    expect(items[5]?.text).toBe('Der Finanzierung, wie unter Kapitel „Finanzielle Auswirkungen“ dargestellt, wird zugestimmt.')
  })

  it('has the three positions with the right FTE, pay grades and end dates', () => {
    const positions = listPositions(doc)
    expect(positions.map((p) => [p.department, formatFte(p.fte), p.payGrade, p.kind, formatDate(p.until), p.advertiseUnlimited])).toEqual([
      ['jobcenter', '0,5', 'EG 10 TVöD', 'authorization', '31.12.2021', true],
      ['sozialamt', '1,0', 'EG 13 TVöD', 'authorization', '31.12.2021', true],
      ['sozialamt', '0,5', 'EG 8 TVöD', 'authorization', '31.12.2021', true],
    ])
    expect(positions[0]?.function).toMatch(/persönlichen Ansprechpartnern \(pAp\)/)
    expect(positions[2]?.function).toMatch(/Verwaltungs- und Assistenzaufgaben/)
    expect(positionTotals(positions)).toMatchObject({ fte: 2, byDepartment: { jobcenter: 0.5, sozialamt: 1.5 }, byKind: { authorization: 2, permanent: 0 } })
  })

  it('goes to the Sozial- und Gesundheitsausschuss on 25.11.2019, then VA and GR', () => {
    expect(listConsultations(doc).map((c) => [c.committee, c.purpose, c.public, c.sessionDate])).toEqual([
      ['Sozial- und Gesundheitsausschuss', 'preliminary', true, '2019-11-25'],
      ['Verwaltungsausschuss', 'preliminary', true, ''],
      ['Gemeinderat', 'decision', true, ''],
    ])
  })

  it('has a Begründung with headings and paragraphs from the seeds', () => {
    const body = canonicalSections(doc).body as { content: { type: string }[] }
    expect(body.content.filter((n) => n.type === 'heading').length).toBeGreaterThanOrEqual(4)
    expect(readBodyText(doc)).toContain('Koordinierungs- und Steuerungsstelle im Umfang von 50 % in EG 10 TVöD seit 2018')
  })
})

describe('demo Mitteilungsvorlage 2022/2023', () => {
  const doc = built('integration-2022-2023')

  it('has the header and the Beratungsfolge of the paper', () => {
    expect(readHeader(doc)).toMatchObject({ kind: 'Mitteilungsvorlage', date: '2021-06-24', leadDepartment: 'sozialamt' })
    expect(readHeader(doc).title).toBe('Integrationsmanagement und begleitende Unterstützungsmaßnahmen – Fortsetzung in den Jahren 2022 und 2023')
    expect(listConsultations(doc).map((c) => [c.committee, c.purpose, c.public, c.sessionDate])).toEqual([
      ['Sozial- und Gesundheitsausschuss', 'information', true, '2021-07-12'],
      ['Internationaler Ausschuss', 'information', true, '2021-07-21'],
    ])
  })

  it('has the finance table with sums 516 and 666 TEUR', () => {
    const years = financeYears(doc)
    const rows = listFinanceRows(doc)
    expect(years).toEqual([2022, 2023])
    expect(rows.map((r) => [r.measure, r.need[2022], r.need[2023]])).toEqual([
      ['Jobkraftwerk, EDV-Lizenzkosten', 66, 66],
      ['OMID', 290, 290],
      ['Empowerment von Geflüchteten', 100, 100],
      ['Dolmetschereinsätze', 60, 60],
      ['Ausbildungscampus', null, 150],
    ])
    const totals = financeTotals(rows, years)
    expect(totals.need).toEqual({ 2022: 516, 2023: 666 })
    expect(totals.provided).toEqual({ 2022: 123, 2023: 0 })
  })

  it('lists its attachment and has a Bericht', () => {
    expect(listAttachments(doc).map((a) => a.title)).toEqual(['Anträge der Träger'])
    expect(readBodyText(doc)).toContain('16.271.218,33 EUR')
  })
})

describe('templates', () => {
  it('together fill every part of a proposal', () => {
    const filled = new Set<string>()
    for (const template of demoTemplates) {
      const sections = canonicalSections(built(template.id))
      for (const name of sectionNames) {
        const value = sections[name] as unknown
        const empty =
          (Array.isArray(value) && value.length === 0) ||
          (name === 'finance' && (value as { rows: unknown[] }).rows.length === 0) ||
          (name === 'body' && JSON.stringify(value) === '{"content":[],"type":"doc"}')
        if (!empty) filled.add(name)
      }
      expect(readSchemaVersion(built(template.id))).toBe(schemaVersion)
    }
    expect([...filled].sort()).toEqual([...sectionNames].sort())
  })

  it('each build fills an empty doc and the update can be applied anywhere', () => {
    for (const template of demoTemplates) {
      const doc = new Y.Doc()
      template.build(doc)
      expect(readHeader(doc).title).toBe(template.title)
      expect(findTemplate(template.id)).toBe(template)
    }
    expect(() => templateUpdate('nope')).toThrow(/unknown/)
  })

  it('a blank proposal has its title, a kind and nothing else', () => {
    const doc = new Y.Doc()
    blankProposal(doc, 'Neue Vorlage')
    expect(readHeader(doc)).toMatchObject({ title: 'Neue Vorlage', kind: 'Beschlussvorlage', number: '' })
    expect(listPositions(doc)).toEqual([])
    expect(listResolutionItems(doc)).toEqual([])
  })
})
