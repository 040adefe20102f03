import type * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import {
  addConsultation,
  addFinanceRow,
  addPosition,
  addResolutionItem,
  getPosition,
  listPositions,
  listResolutionItems,
  ProposalValidationError,
  setFinanceCell,
  setFinanceYears,
  updatePosition,
  validatePosition,
  type PositionInput,
} from '../../shared/model'
import { newDoc } from './helpers'

/** The first issue of a refused write: [field, code]. */
function refusal(fn: () => unknown): [string, string] {
  try {
    fn()
  } catch (e) {
    if (e instanceof ProposalValidationError) return [e.field, e.code]
    throw e
  }
  throw new Error('expected the write to be refused')
}

const base: PositionInput = { department: 'sozialamt', fte: 0.5, payGrade: 'EG 8 TVöD', kind: 'permanent' }

describe('position validation', () => {
  it('rejects a negative FTE', () => {
    expect(refusal(() => addPosition(newDoc(), { ...base, fte: -0.5 }))).toEqual(['fte', 'fte_negative'])
  })

  it('rejects more than 1 FTE in one row', () => {
    expect(refusal(() => addPosition(newDoc(), { ...base, fte: 1.5 }))).toEqual(['fte', 'fte_above_one'])
  })

  it('allows FTE with more than two decimals and exactly 0 or 1', () => {
    const doc = newDoc()
    for (const fte of [0, 0.125, 1 / 3, 1]) addPosition(doc, { ...base, fte })
    expect(listPositions(doc).map((p) => p.fte)).toEqual([0, 0.125, 1 / 3, 1])
  })

  it('rejects an authorization without an until-date', () => {
    expect(refusal(() => addPosition(newDoc(), { ...base, kind: 'authorization' }))).toEqual(['until', 'until_required'])
  })

  it('rejects switching a position to authorization without giving an until-date', () => {
    const doc = newDoc()
    const id = addPosition(doc, base)
    expect(refusal(() => updatePosition(doc, id, { kind: 'authorization' }))).toEqual(['until', 'until_required'])
    updatePosition(doc, id, { kind: 'authorization', until: '2021-12-31' })
    expect(refusal(() => updatePosition(doc, id, { until: '' }))).toEqual(['until', 'until_required'])
    expect(getPosition(doc, id)).toMatchObject({ kind: 'authorization', until: '2021-12-31' })
  })

  it('rejects dates that are not real dates', () => {
    for (const until of ['2021-02-29', '2021-13-01', '31.12.2021', '2021-1-1']) {
      expect(refusal(() => addPosition(newDoc(), { ...base, kind: 'authorization', until }))).toEqual(['until', 'date_invalid'])
    }
    expect(refusal(() => addConsultation(newDoc(), { committee: 'SGA', sessionDate: '2019-11-31' }))).toEqual(['sessionDate', 'date_invalid'])
  })

  it('rejects a negative cost, an unknown kind and a malformed department', () => {
    expect(refusal(() => addPosition(newDoc(), { ...base, annualCost: -1 }))).toEqual(['annualCost', 'cost_negative'])
    expect(refusal(() => addPosition(newDoc(), { ...base, kind: 'forever' as never }))).toEqual(['kind', 'choice_invalid'])
    expect(refusal(() => addPosition(newDoc(), { ...base, department: 'Referat WFB' }))).toEqual(['department', 'department_invalid'])
    expect(refusal(() => addPosition(newDoc(), { ...base, fte: Number.NaN }))).toEqual(['fte', 'not_a_number'])
  })

  it('reports every bad field at once and leaves the doc untouched', () => {
    const doc = newDoc()
    try {
      addPosition(doc, { ...base, fte: -1, annualCost: -5, kind: 'authorization' })
      expect.unreachable()
    } catch (e) {
      expect((e as ProposalValidationError).issues.map((i) => i.field).sort()).toEqual(['annualCost', 'fte', 'until'])
    }
    expect(listPositions(doc)).toEqual([])
    expect(() => validatePosition({ ...base, fte: 2 })).toThrow(ProposalValidationError)
  })

  it('does not block an unrelated edit because of a bad value a peer merged in', () => {
    const doc = newDoc()
    const id = addPosition(doc, base)
    // As after a concurrent merge: kind changed by one peer, until cleared by another.
    ;(doc.getMap('positions').get(id) as Y.Map<unknown>).set('kind', 'authorization')
    updatePosition(doc, id, { note: 'Rückfrage AKR' })
    expect(getPosition(doc, id).note).toBe('Rückfrage AKR')
  })
})

describe('finance validation', () => {
  it('rejects years outside 2000–2100, duplicates and fractions', () => {
    expect(refusal(() => setFinanceYears(newDoc(), [1999, 2022]))).toEqual(['years.0', 'year_out_of_range'])
    expect(refusal(() => setFinanceYears(newDoc(), [2022, 2101]))).toEqual(['years.1', 'year_out_of_range'])
    expect(refusal(() => setFinanceYears(newDoc(), [2022.5]))).toEqual(['years.0', 'year_out_of_range'])
    expect(refusal(() => setFinanceYears(newDoc(), [2022, 2022]))).toEqual(['years', 'year_duplicate'])
  })

  it('rejects cells for years that are not columns, and non-numbers', () => {
    const doc = newDoc()
    setFinanceYears(doc, [2022])
    const row = addFinanceRow(doc, { measure: 'OMID' })
    expect(refusal(() => setFinanceCell(doc, row, 'need', 2023, 5))).toEqual(['need.2023', 'year_not_listed'])
    expect(refusal(() => setFinanceCell(doc, row, 'need', 2022, Number.POSITIVE_INFINITY))).toEqual(['need.2022', 'not_a_number'])
    expect(refusal(() => addFinanceRow(doc, { measure: 'x', provided: { 1990: 1 } }))).toEqual(['provided.1990', 'year_not_listed'])
  })
})

describe('resolution validation', () => {
  it('refuses rich text outside the schema and leaves no empty item behind', () => {
    const doc = newDoc()
    expect(refusal(() => addResolutionItem(doc, { type: 'doc', content: [{ type: 'iframe' }] }))).toEqual(['text', 'rich_text_invalid'])
    expect(listResolutionItems(doc)).toEqual([])
  })
})
