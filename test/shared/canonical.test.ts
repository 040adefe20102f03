import * as Y from 'yjs'
import { Awareness } from 'y-protocols/awareness'
import { describe, expect, it } from 'vitest'
import {
  addAttachment,
  addConsultation,
  addFinanceRow,
  addPosition,
  addResolutionItem,
  canonicalContent,
  canonicalJSON,
  canonicalSections,
  listAttachments,
  listConsultations,
  listFinanceRows,
  listPositions,
  listResolutionItems,
  moveResolutionItem,
  resolutionItemFragment,
  sectionNames,
  setBody,
  setFinanceCell,
  setFinanceYears,
  setHeaderField,
  setTitle,
  titleText,
  updateConsultation,
  updatePosition,
  writeRichText,
  type SectionName,
} from '../../shared/model'
import { contentHash, sectionHashes, sectionsHash } from '../../shared/model/content-hash'
import { demoTemplates } from '../../shared/demo'
import { mergedInOrder, newDoc, replica, sync } from './helpers'

function demoDoc(): Y.Doc {
  const doc = newDoc()
  demoTemplates[0]!.build(doc)
  setFinanceYears(doc, [2022, 2023])
  addFinanceRow(doc, { measure: 'OMID', need: { 2022: 290, 2023: 290 } })
  addAttachment(doc, { title: 'Anträge der Träger' })
  return doc
}

/** One content edit per section. */
const edits: Record<SectionName, (doc: Y.Doc) => void> = {
  header: (doc) => setHeaderField(doc, 'gz', 'SI-50'),
  consultations: (doc) => updateConsultation(doc, listConsultations(doc)[0]!.id, { public: false }),
  resolution: (doc) => doc.transact(() => writeRichText(resolutionItemFragment(doc, listResolutionItems(doc)[0]!.id), ['Neu.'])),
  body: (doc) => setBody(doc, ['Kurze Begründung.']),
  positions: (doc) => updatePosition(doc, listPositions(doc)[0]!.id, { fte: 0.75 }),
  finance: (doc) => setFinanceCell(doc, listFinanceRows(doc)[0]!.id, 'need', 2023, 280),
  attachments: (doc) => addAttachment(doc, { title: 'Kennzahlenbericht' }),
}

describe('canonical content', () => {
  it('sorts every object’s keys and has no whitespace', () => {
    expect(canonicalJSON({ b: 1, a: { d: [2, { z: null, y: 'x' }], c: -0 } })).toBe('{"a":{"c":0,"d":[2,{"y":"x","z":null}]},"b":1}')
  })

  it('holds exactly the seven sections', () => {
    expect(Object.keys(JSON.parse(canonicalContent(demoDoc()))).sort()).toEqual([...sectionNames].sort())
  })

  it('is byte-identical on two replicas of the same content', () => {
    const doc = demoDoc()
    expect(canonicalContent(replica(doc))).toBe(canonicalContent(doc))
  })

  it('concurrent edits merged in either order give the same content and hash', () => {
    const base = demoDoc()
    const alice = replica(base)
    const bob = replica(base)
    // Overlapping edits: same field, same rich text, a move against an edit, inserts at one place.
    setHeaderField(alice, 'date', '2019-11-14')
    setHeaderField(bob, 'date', '2019-11-15')
    titleText(alice).insert(0, 'Entwurf: ')
    titleText(bob).insert(titleText(bob).length, ' (2. Fassung)')
    const first = listResolutionItems(base)[0]!.id
    moveResolutionItem(alice, first, 5)
    bob.transact(() => writeRichText(resolutionItemFragment(bob, first), ['Fortführung 2020 und 2021.']))
    addPosition(alice, { department: 'wfb', fte: 0.25 })
    addPosition(bob, { department: 'akr', fte: 0.5 })
    updatePosition(bob, listPositions(base)[1]!.id, { fte: 0.8 })
    setFinanceCell(alice, listFinanceRows(base)[0]!.id, 'need', 2022, 300)
    addConsultation(bob, { committee: 'Ausschuss für Wirtschaft', purpose: 'information' }, 0)
    addResolutionItem(alice, ['Neue Ziffer A'], 2)
    addResolutionItem(bob, ['Neue Ziffer B'], 2)

    const ab = mergedInOrder(alice, bob)
    const ba = mergedInOrder(bob, alice)
    expect(canonicalContent(ab)).toBe(canonicalContent(ba))
    expect(contentHash(ab)).toBe(contentHash(ba))
    sync(alice, bob)
    expect(contentHash(alice)).toBe(contentHash(bob))
    expect(contentHash(alice)).toBe(contentHash(ab))
    expect(listResolutionItems(ab).map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })
})

describe('content hash', () => {
  it('is SHA-256 hex of the canonical content and equals the hash over all sections', () => {
    const doc = demoDoc()
    expect(contentHash(doc)).toMatch(/^[0-9a-f]{64}$/)
    expect(sectionsHash(doc, sectionNames)).toBe(contentHash(doc))
  })

  it('ignores awareness (cursors, presence)', () => {
    const doc = demoDoc()
    const before = contentHash(doc)
    const awareness = new Awareness(doc)
    awareness.setLocalState({ user: { name: 'Frau Reichhardt', department: 'sozialamt' }, cursor: { anchor: 3 } })
    expect(contentHash(doc)).toBe(before)
    awareness.destroy()
  })

  it('ignores anything outside the proposal parts', () => {
    const doc = demoDoc()
    const before = contentHash(doc)
    doc.getText('notes').insert(0, 'Notiz')
    doc.getMap('unrelated').set('x', 1)
    doc.getMap('positions').set('junk', 'not an item')
    expect(contentHash(doc)).toBe(before)
  })

  it('ignores an edit that restores the same content', () => {
    const doc = demoDoc()
    const before = contentHash(doc)
    const title = titleText(doc).toString()
    setTitle(doc, 'Zwischenstand')
    setTitle(doc, title)
    expect(contentHash(doc)).toBe(before)
  })

  for (const section of sectionNames) {
    it(`changes when the ${section} section changes`, () => {
      const doc = demoDoc()
      const before = contentHash(doc)
      edits[section](doc)
      expect(contentHash(doc)).not.toBe(before)
    })
  }

  it('changes when the title changes (part of the header)', () => {
    const doc = demoDoc()
    const before = sectionHashes(doc)
    titleText(doc).insert(0, 'x')
    const after = sectionHashes(doc)
    expect(after.header).not.toBe(before.header)
    expect({ ...after, header: '' }).toEqual({ ...before, header: '' })
  })
})

describe('section hashes', () => {
  for (const section of sectionNames) {
    it(`an edit of ${section} changes only the ${section} hash`, () => {
      const doc = demoDoc()
      const before = sectionHashes(doc)
      edits[section](doc)
      const after = sectionHashes(doc)
      for (const name of sectionNames) {
        if (name === section) expect(after[name]).not.toBe(before[name])
        else expect(after[name]).toBe(before[name])
      }
    })
  }

  it('a hash over several sections changes only when one of them does', () => {
    const doc = demoDoc()
    const money = sectionsHash(doc, ['positions', 'finance'])
    edits.body(doc)
    expect(sectionsHash(doc, ['finance', 'positions'])).toBe(money)
    edits.finance(doc)
    expect(sectionsHash(doc, ['positions', 'finance'])).not.toBe(money)
  })

  it('sections are built from the same canonical form as the content', () => {
    const doc = demoDoc()
    expect(canonicalJSON(canonicalSections(doc))).toBe(canonicalContent(doc))
    expect(listAttachments(doc)).toHaveLength(1)
  })
})

