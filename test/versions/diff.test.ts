// The readable diff: one changed word, one position's FTE and one finance cell are exactly three
// changes — as a pure function the board can run, and over REST between versions and the draft.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { templateUpdate } from '../../shared/demo'
import { diffProposal, diffPlainText, type ProposalDiff } from '../../shared/diff'
import {
  addPosition,
  bodyFragment,
  canonicalSections,
  listFinanceRows,
  listPositions,
  moveResolutionItem,
  listResolutionItems,
  setFinanceCell,
  setHeaderField,
  updatePosition,
} from '../../shared/model'
import type { VersionSummary } from '../../shared/versions'
import { startVersionFixture, type VersionFixture } from './helpers'

/** Replaces the first `word` in the Begründung's first paragraph, as a typist would: delete, type. */
function replaceWord(doc: Y.Doc, word: string, by: string): void {
  const paragraph = bodyFragment(doc).get(0) as Y.XmlElement
  const text = paragraph.get(0) as Y.XmlText
  const at = text.toString().indexOf(word)
  expect(at).toBeGreaterThanOrEqual(0)
  doc.transact(() => {
    text.delete(at, word.length)
    text.insert(at, by)
  })
}

/** The three edits of the acceptance test: a word, an FTE, a finance cell. */
function threeEdits(doc: Y.Doc): void {
  replaceWord(doc, 'Gemeinderat', 'Stadtrat')
  updatePosition(doc, listPositions(doc)[0]!.id, { fte: 0.75 })
  setFinanceCell(doc, listFinanceRows(doc)[1]!.id, 'need', 2023, 300)
}

function expectExactlyThreeChanges(diff: ProposalDiff): void {
  expect(diff.changedSections).toEqual(['body', 'positions', 'finance'])
  expect(diff.changeCount).toBe(3)
  expect(diff.body.hunks).toBe(1)
  expect(diff.body.parts.filter((p) => p.removed || p.added)).toEqual([
    { value: 'Gemeinderat', removed: true },
    { value: 'Stadtrat', added: true },
  ])
  expect(diff.positions.changed).toHaveLength(1)
  expect(diff.positions.changed[0]!.fields).toEqual([{ field: 'fte', before: 0.5, after: 0.75 }])
  expect(diff.positions.changed[0]!.label).toBe('Sozialamt, 0,75 VZK, EG 9a TVöD, Sachbearbeitung Integrationsplanung')
  expect(diff.positions.added).toEqual([])
  expect(diff.finance.cells).toEqual([{ rowId: expect.any(String), measure: 'OMID', label: 'OMID', column: 'need', year: 2023, before: 290, after: 300 }])
  // Derived, not counted: the Finanzbedarf 2023 and the total move with the cell.
  expect(diff.finance.sums).toEqual([
    { column: 'need', year: 2023, before: 666, after: 676 },
    { column: 'need', year: 'total', before: 1182, after: 1192 },
  ])
  expect(diff.header).toEqual([])
  expect(diff.resolution).toEqual({ added: [], removed: [], changed: [], moved: [] })
}

/** The 2022/2023 paper with one position, so all three kinds of change have something to change. */
function integrationWithPosition(doc: Y.Doc): void {
  addPosition(doc, { department: 'sozialamt', fte: 0.5, payGrade: 'EG 9a TVöD', function: 'Sachbearbeitung Integrationsplanung' })
}

describe('diff of two states (pure)', () => {
  const fresh = () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, templateUpdate('integration-2022-2023'))
    integrationWithPosition(doc)
    return doc
  }

  it('a changed word, an FTE and a finance cell are exactly three changes', () => {
    const doc = fresh()
    const before = canonicalSections(doc)
    threeEdits(doc)
    expectExactlyThreeChanges(diffProposal(before, canonicalSections(doc)))
  })

  it('equal states have no changes; unchosen sections read as unchanged', () => {
    const doc = fresh()
    const before = canonicalSections(doc)
    expect(diffProposal(before, before).changeCount).toBe(0)
    threeEdits(doc)
    const financeOnly = diffProposal(before, canonicalSections(doc), { sections: ['finance'] })
    expect(financeOnly.changedSections).toEqual(['finance'])
    expect(financeOnly.body.changed).toBe(false)
  })

  it('lists added and removed positions, moved resolution items and header fields', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, templateUpdate('pakt-949-2019'))
    const before = canonicalSections(doc)
    const [first, second] = listPositions(doc)
    doc.getMap('positions').delete(first!.id)
    addPosition(doc, { department: 'akr', fte: 1, payGrade: 'A 13' })
    moveResolutionItem(doc, listResolutionItems(doc)[5]!.id, 0)
    setHeaderField(doc, 'gz', 'SI-2')
    const diff = diffProposal(before, canonicalSections(doc))
    expect(diff.positions.removed.map((p) => p.id)).toEqual([first!.id])
    expect(diff.positions.added.map((p) => p.label)).toEqual(['Referat AKR, 1,0 VZK, A 13'])
    expect(diff.positions.changed.map((p) => p.id)).not.toContain(second!.id)
    expect(diff.resolution.moved).toEqual([{ id: expect.any(String), from: 6, to: 1 }])
    expect(diff.header).toEqual([{ field: 'gz', before: 'SI', after: 'SI-2' }])
    expect(diff.changeCount).toBe(4)
  })

  it('diffs words within changed lines only, and keeps every line of context', () => {
    const before = 'Erste Zeile.\nZweite Zeile mit Gemeinderat.\nDritte Zeile.'
    const after = 'Erste Zeile.\nZweite Zeile mit Stadtrat.\nDritte Zeile.'
    const parts = diffPlainText(before, after)
    expect(parts.map((p) => p.value).join('')).toContain('Erste Zeile.')
    expect(parts.filter((p) => p.removed || p.added).map((p) => p.value)).toEqual(['Gemeinderat', 'Stadtrat'])
    expect(parts.filter((p) => !p.added).map((p) => p.value).join('')).toBe(before)
    expect(parts.filter((p) => !p.removed).map((p) => p.value).join('')).toBe(after)
  })
})

describe('diff over REST', () => {
  let fixture: VersionFixture

  beforeAll(async () => {
    fixture = await startVersionFixture(['sozialamt.lead', 'sozialamt.editor', 'jobcenter.viewer', 'wfb.lead'])
  })
  afterEach(() => fixture.disconnectAll())
  afterAll(async () => {
    await fixture?.stop()
  })

  it('between two versions, and between a version and the live draft, shows exactly the three changes', async () => {
    const id = await fixture.create('integration-2022-2023')
    const editor = await fixture.connect(id, 'sozialamt.editor')
    integrationWithPosition(editor.doc)
    await fixture.stored(id, editor.doc)
    const first = await fixture.api('sozialamt.editor').post<VersionSummary>(`/proposals/${id}/versions`, { name: 'Fassung 1' })
    threeEdits(editor.doc)
    await fixture.stored(id, editor.doc)
    const second = await fixture.api('sozialamt.editor').post<VersionSummary>(`/proposals/${id}/versions`, { name: 'Fassung 2' })

    const between = await fixture.api('jobcenter.viewer').get<{ diff: ProposalDiff; from: { label: string }; to: { label: string } }>(
      `/proposals/${id}/diff?from=${first.body.id}&to=${second.body.id}`,
    )
    expect(between.status).toBe(200)
    expect(between.body.from.label).toBe('Fassung 1: Fassung 1')
    expectExactlyThreeChanges(between.body.diff)
    const toDraft = await fixture.api('jobcenter.viewer').get<{ diff: ProposalDiff }>(`/proposals/${id}/diff?from=${first.body.id}`)
    expectExactlyThreeChanges(toDraft.body.diff)
    const backwards = await fixture.api('jobcenter.viewer').get<{ diff: ProposalDiff }>(`/proposals/${id}/diff?from=draft&to=${first.body.id}`)
    expect(backwards.body.diff.finance.cells).toEqual([expect.objectContaining({ before: 300, after: 290 })])

    expect((await fixture.api('jobcenter.viewer').get(`/proposals/${id}/diff?from=nonsense!`)).status).toBe(400)
    expect((await fixture.api('jobcenter.viewer').get(`/proposals/${id}/diff`)).status).toBe(400)
    expect((await fixture.api('jobcenter.viewer').get(`/proposals/${id}/diff?from=draft&sections=body,nothing`)).status).toBe(400)
    expect((await fixture.api('jobcenter.viewer').get(`/proposals/${id}/diff?from=zzzzzzzzzzzz`)).status).toBe(404)
  })

  it('shows what changed since a department signed, in the sections it signed for', async () => {
    const id = await fixture.create('integration-2022-2023')
    const editor = await fixture.connect(id, 'sozialamt.editor')
    integrationWithPosition(editor.doc)
    await fixture.stored(id, editor.doc)
    await fixture.api('sozialamt.lead').post(`/proposals/${id}/cosigning`, { departments: [{ departmentId: 'wfb', sections: ['finance'] }] })
    expect((await fixture.api('wfb.lead').post(`/proposals/${id}/signatures`, { stance: 'approved' })).status).toBe(200)
    threeEdits(editor.doc)
    await fixture.stored(id, editor.doc)

    const sinceSigned = await fixture.api('wfb.lead').get<{ diff: ProposalDiff }>(`/proposals/${id}/diff?from=signature:wfb&sections=finance`)
    expect(sinceSigned.body.diff.changedSections).toEqual(['finance'])
    expect(sinceSigned.body.diff.finance.cells).toEqual([expect.objectContaining({ measure: 'OMID', before: 290, after: 300 })])
    // The co-signing panel's short list names the same change, in the signature's own sections only.
    const changes = await fixture.api('wfb.lead').get<{ sections: string[]; changes: { before: unknown; after: unknown }[] }>(
      `/proposals/${id}/signatures/wfb/changes`,
    )
    expect(changes.body.sections).toEqual(['finance'])
    expect(changes.body.changes).toEqual([expect.objectContaining({ before: 290, after: 300 })])
    expect((await fixture.api('wfb.lead').get(`/proposals/${id}/diff?from=signature:akr`)).status).toBe(404)
  })
})
