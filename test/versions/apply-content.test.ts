// Restoring old content into a live doc: only the differences are written, and the result hashes
// exactly like the old state, whatever was edited in between.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { templateUpdate } from '../../shared/demo'
import {
  addAttachment,
  addPosition,
  addResolutionItem,
  bodyFragment,
  listFinanceRows,
  listPositions,
  listResolutionItems,
  moveResolutionItem,
  removePosition,
  setBody,
  setFinanceCell,
  setFinanceYears,
  setHeaderField,
  setTitle,
  updatePosition,
  paragraph,
  richTextDoc,
  readBody,
} from '../../shared/model'
import { contentHash } from '../../shared/model/content-hash'
import { applyContent } from '../../server/versions/apply-content'

const docOf = (update: Uint8Array) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}

/** Edits a peer might make between a version and its restore. */
const edits: ((doc: Y.Doc) => void)[] = [
  (doc) => setTitle(doc, 'Ganz neuer Betreff – geändert'),
  (doc) => setHeaderField(doc, 'gz', 'SI-neu'),
  (doc) => {
    const [first] = listPositions(doc)
    if (first) updatePosition(doc, first.id, { fte: 0.75 })
  },
  (doc) => {
    const [first] = listPositions(doc)
    if (first) removePosition(doc, first.id)
  },
  (doc) => addPosition(doc, { department: 'akr', fte: 0.5, payGrade: 'EG 9a TVöD' }),
  (doc) => addResolutionItem(doc, ['Ein neuer Beschlussantrag.']),
  (doc) => moveResolutionItem(doc, listResolutionItems(doc)[0]!.id, 3),
  (doc) => {
    const block = bodyFragment(doc).get(0)
    const text = block instanceof Y.XmlElement ? block.get(0) : undefined
    if (text instanceof Y.XmlText) text.insert(0, 'Eingefügt: ')
  },
  (doc) => setBody(doc, richTextDoc([paragraph('Alles ersetzt.')])),
  (doc) => {
    setFinanceYears(doc, [2020, 2021, 2022])
  },
  (doc) => addAttachment(doc, { title: 'Neue Anlage' }),
]

describe('applying an old state to a live doc', () => {
  it('gives back exactly the old content, for any sequence of edits in between', () => {
    const start = templateUpdate('pakt-949-2019')
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: edits.length - 1 }), { maxLength: 8 }), (picks) => {
        const old = docOf(start)
        const live = docOf(start)
        for (const pick of picks) edits[pick]!(live)
        applyContent(live, old)
        expect(contentHash(live)).toBe(contentHash(old))
        // A peer that only has the live doc's history converges to the same state.
        const peer = docOf(Y.encodeStateAsUpdate(live))
        expect(contentHash(peer)).toBe(contentHash(old))
      }),
      { numRuns: 60, seed: 949 },
    )
  })

  it('keeps untouched paragraphs as they are, so anchors in them stay valid', () => {
    const old = docOf(templateUpdate('pakt-949-2019'))
    const live = docOf(Y.encodeStateAsUpdate(old))
    const untouched = bodyFragment(live).get(2)
    const anchor = Y.createRelativePositionFromTypeIndex((untouched as Y.XmlElement).get(0) as Y.XmlText, 5)
    ;((bodyFragment(live).get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Geändert: ')
    applyContent(live, old)
    expect(readBody(live)).toEqual(readBody(old))
    expect(bodyFragment(live).get(2)).toBe(untouched)
    expect(Y.createAbsolutePositionFromRelativePosition(anchor, live)?.index).toBe(5)
  })

  it('restores finance cells and a removed row under its old id', () => {
    const old = docOf(templateUpdate('integration-2022-2023'))
    const live = docOf(Y.encodeStateAsUpdate(old))
    const [first] = listFinanceRows(live)
    setFinanceCell(live, first!.id, 'need', 2022, 99)
    live.getMap('financeRows').delete(listFinanceRows(live)[4]!.id)
    applyContent(live, old)
    expect(listFinanceRows(live)).toEqual(listFinanceRows(old))
    expect(contentHash(live)).toBe(contentHash(old))
  })
})
