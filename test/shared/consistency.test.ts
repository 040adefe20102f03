// Consistency hints: the demo papers have none; a position changed after the Beschlussantrag was
// written (share, pay grade, end date) is flagged on its item; a sum named in the text that the
// finance table does not add up to is flagged, and sums of other years are left alone.
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { consistencyHintsOf, normalizeGrade } from '../../shared/consistency'
import { templateUpdate } from '../../shared/demo'
import { addResolutionItem, listPositions, updatePosition } from '../../shared/model'

function built(id: string): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, templateUpdate(id))
  return doc
}

describe('consistency hints', () => {
  it('finds nothing in the demo papers', () => {
    expect(consistencyHintsOf(built('pakt-949-2019'))).toEqual([])
    expect(consistencyHintsOf(built('integration-2022-2023'))).toEqual([])
  })

  it('flags the item whose position now has another share, end date and pay grade', () => {
    const doc = built('pakt-949-2019')
    const jobcenter = listPositions(doc)[0]!
    updatePosition(doc, jobcenter.id, { fte: 0.75, until: '2022-06-30' })
    expect(consistencyHintsOf(doc)).toEqual([
      { kind: 'share', item: 3, position: 1, textShare: 0.5, positionFte: 0.75 },
      { kind: 'date', item: 3, position: 1, textDate: '2021-12-31', positionUntil: '2022-06-30' },
    ])
    updatePosition(doc, jobcenter.id, { fte: 0.5, until: '2021-12-31', payGrade: 'EG 11 TVöD' })
    expect(consistencyHintsOf(doc)).toEqual([{ kind: 'pay-grade', item: 3, position: 1, textGrade: 'EG10', positionGrade: 'EG 11 TVöD', department: 'jobcenter' }])
  })

  it('without a note naming the item, a pay grade no position of the department has is flagged', () => {
    const doc = built('pakt-949-2019')
    const sozialamt = listPositions(doc)[2]!
    updatePosition(doc, sozialamt.id, { note: '', payGrade: 'EG 9 TVöD' })
    expect(consistencyHintsOf(doc)).toEqual([{ kind: 'pay-grade', item: 5, position: null, textGrade: 'EG8', positionGrade: null, department: 'sozialamt' }])
  })

  it('compares a sum named in the text with the finance table, within "rund" when the text says so', () => {
    const doc = built('integration-2022-2023')
    // Need 2022: 66 + 290 + 100 + 60 = 516 TEUR; 2023: 666 TEUR; both years 1 182 TEUR.
    addResolutionItem(doc, ['Für 2022 werden insgesamt 516 TEUR bereitgestellt.'])
    addResolutionItem(doc, ['Für 2022 und 2023 sind insgesamt rd. 1,2 Mio. EUR erforderlich.'])
    addResolutionItem(doc, ['Im Doppelhaushalt 2020/2021 wurden insgesamt 900 TEUR bereitgestellt.'])
    expect(consistencyHintsOf(doc)).toEqual([])
    addResolutionItem(doc, ['Für 2023 werden insgesamt 640.000 EUR benötigt.'])
    expect(consistencyHintsOf(doc)).toEqual([{ kind: 'finance', source: 'resolution', item: 4, textAmount: 640, tableAmount: 666, years: [2023] }])
  })

  it('reads pay grades the way papers write them', () => {
    expect(['EG 10 TVöD', 'EG10', 'E 10', 'eg 10'].map(normalizeGrade)).toEqual(['EG10', 'EG10', 'EG10', 'EG10'])
    expect(normalizeGrade('A 13')).toBe('A13')
  })
})
