import { describe, expect, it } from 'vitest'
import {
  addAttachment,
  addConsultation,
  addPosition,
  addResolutionItem,
  getConsultation,
  getPosition,
  listAttachments,
  listConsultations,
  listPositions,
  listResolutionItems,
  moveAttachment,
  moveConsultation,
  movePosition,
  moveResolutionItem,
  paragraphsDoc,
  ProposalItemNotFoundError,
  removeAttachment,
  removeConsultation,
  removePosition,
  removeResolutionItem,
  resolutionItemFragment,
  setResolutionItemText,
  updateAttachment,
  updateConsultation,
  updatePosition,
  writeRichText,
} from '../../shared/model'
import { newDoc, replica, sync } from './helpers'

const texts = (doc: Parameters<typeof listResolutionItems>[0]) => listResolutionItems(doc).map((i) => `${i.number}. ${i.text}`)

describe('positions', () => {
  it('round-trip with defaults for what the input leaves out', () => {
    const doc = newDoc()
    const id = addPosition(doc, { department: 'jobcenter', fte: 0.5, payGrade: 'EG 10 TVöD', kind: 'authorization', until: '2021-12-31' })
    expect(getPosition(doc, id)).toEqual({
      id,
      department: 'jobcenter',
      fte: 0.5,
      payGrade: 'EG 10 TVöD',
      function: '',
      kind: 'authorization',
      until: '2021-12-31',
      advertiseUnlimited: false,
      annualCost: null,
      note: '',
    })
    updatePosition(doc, id, { advertiseUnlimited: true, annualCost: 41234.5, note: 'Koordination pAp' })
    expect(getPosition(doc, id)).toMatchObject({ advertiseUnlimited: true, annualCost: 41234.5, note: 'Koordination pAp', fte: 0.5 })
    removePosition(doc, id)
    expect(listPositions(doc)).toEqual([])
    expect(() => getPosition(doc, id)).toThrow(ProposalItemNotFoundError)
  })

  it('insert at an index and move keep a stable order', () => {
    const doc = newDoc()
    const a = addPosition(doc, { department: 'sozialamt', function: 'A' })
    const c = addPosition(doc, { department: 'sozialamt', function: 'C' })
    addPosition(doc, { department: 'sozialamt', function: 'B' }, 1)
    expect(listPositions(doc).map((p) => p.function)).toEqual(['A', 'B', 'C'])
    movePosition(doc, c, 0)
    movePosition(doc, a, 99)
    expect(listPositions(doc).map((p) => p.function)).toEqual(['C', 'B', 'A'])
  })
})

describe('consultations and attachments', () => {
  it('consultations round-trip, update, move and remove', () => {
    const doc = newDoc()
    const sga = addConsultation(doc, { committee: 'Sozial- und Gesundheitsausschuss', purpose: 'information', sessionDate: '2021-07-12' })
    const ia = addConsultation(doc, { committee: 'Internationaler Ausschuss', purpose: 'information', public: false })
    expect(getConsultation(doc, sga)).toEqual({ id: sga, committee: 'Sozial- und Gesundheitsausschuss', purpose: 'information', public: true, sessionDate: '2021-07-12' })
    updateConsultation(doc, ia, { sessionDate: '2021-07-21', public: true })
    moveConsultation(doc, ia, 0)
    expect(listConsultations(doc).map((c) => [c.committee, c.sessionDate, c.public])).toEqual([
      ['Internationaler Ausschuss', '2021-07-21', true],
      ['Sozial- und Gesundheitsausschuss', '2021-07-12', true],
    ])
    removeConsultation(doc, sga)
    expect(listConsultations(doc)).toHaveLength(1)
  })

  it('attachments round-trip, update, move and remove', () => {
    const doc = newDoc()
    const first = addAttachment(doc, { title: 'Anträge der Träger' })
    const second = addAttachment(doc, { title: 'Kennzahlenbericht' })
    updateAttachment(doc, second, { title: 'Kennzahlenbericht 2020' })
    moveAttachment(doc, second, 0)
    expect(listAttachments(doc).map((a) => a.title)).toEqual(['Kennzahlenbericht 2020', 'Anträge der Träger'])
    removeAttachment(doc, first)
    expect(listAttachments(doc).map((a) => a.id)).toEqual([second])
  })
})

describe('resolution items', () => {
  it('round-trip as rich text and are numbered 1..n', () => {
    const doc = newDoc()
    const one = addResolutionItem(doc, ['Die Stadt führt das Integrationsmanagement fort.'])
    addResolutionItem(doc, paragraphsDoc(['Der Finanzierung wird zugestimmt.']))
    expect(texts(doc)).toEqual(['1. Die Stadt führt das Integrationsmanagement fort.', '2. Der Finanzierung wird zugestimmt.'])
    setResolutionItemText(doc, one, ['Geändert.', 'Zweiter Absatz.'])
    expect(listResolutionItems(doc)[0]?.content).toEqual(paragraphsDoc(['Geändert.', 'Zweiter Absatz.']))
    expect(resolutionItemFragment(doc, one).length).toBe(2)
  })

  it('reorder keeps numbering 1..n', () => {
    const doc = newDoc()
    const ids = ['A', 'B', 'C', 'D'].map((t) => addResolutionItem(doc, [t]))
    moveResolutionItem(doc, ids[3]!, 0)
    moveResolutionItem(doc, ids[0]!, 2)
    expect(texts(doc)).toEqual(['1. D', '2. B', '3. A', '4. C'])
    removeResolutionItem(doc, ids[1]!)
    expect(texts(doc)).toEqual(['1. D', '2. A', '3. C'])
  })

  it('a move survives a concurrent edit of the moved item', () => {
    const alice = newDoc()
    const ids = ['A', 'B', 'C'].map((t) => addResolutionItem(alice, [t]))
    const bob = replica(alice)
    moveResolutionItem(alice, ids[2]!, 0)
    // Bob edits the text of C inside its fragment while Alice moves it.
    bob.transact(() => writeRichText(resolutionItemFragment(bob, ids[2]!), ['C (geändert)']))
    sync(alice, bob)
    expect(texts(alice)).toEqual(['1. C (geändert)', '2. A', '3. B'])
    expect(texts(bob)).toEqual(texts(alice))
  })

  it('a position moved by one peer keeps the other peer’s concurrent field edit', () => {
    const alice = newDoc()
    const a = addPosition(alice, { department: 'sozialamt', function: 'A' })
    const b = addPosition(alice, { department: 'jobcenter', function: 'B' })
    const bob = replica(alice)
    movePosition(alice, b, 0)
    updatePosition(bob, b, { fte: 0.5, payGrade: 'EG 10 TVöD' })
    sync(alice, bob)
    for (const doc of [alice, bob]) {
      expect(listPositions(doc).map((p) => [p.id, p.fte, p.payGrade])).toEqual([
        [b, 0.5, 'EG 10 TVöD'],
        [a, 1, ''],
      ])
    }
  })

  it('repeated moves into the same gap keep working once doubles run out (renumbering)', () => {
    const doc = newDoc()
    const first = addAttachment(doc, { title: 'first' })
    addAttachment(doc, { title: 'last' })
    expect(first).toBeTruthy()
    for (let i = 0; i < 80; i++) moveAttachment(doc, addAttachment(doc, { title: `n${i}` }), 1)
    const titles = listAttachments(doc).map((a) => a.title)
    expect(titles[0]).toBe('first')
    expect(titles[1]).toBe('n79')
    expect(titles[80]).toBe('n0')
    expect(titles[81]).toBe('last')
    expect(new Set(listAttachments(doc).map((a) => a.id)).size).toBe(82)
  })
})
