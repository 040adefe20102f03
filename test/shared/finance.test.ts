import { describe, expect, it } from 'vitest'
import {
  addFinanceRow,
  addPosition,
  financeTotals,
  financeYears,
  getFinanceRow,
  listFinanceRows,
  listPositions,
  moveFinanceRow,
  positionTotals,
  removeFinanceRow,
  setFinanceCell,
  setFinanceYears,
  updateFinanceRow,
} from '../../shared/model'
import { newDoc, replica, sync } from './helpers'

describe('finance table', () => {
  it('years are stored ascending and read back', () => {
    const doc = newDoc()
    expect(financeYears(doc)).toEqual([])
    setFinanceYears(doc, [2023, 2022])
    expect(financeYears(doc)).toEqual([2022, 2023])
  })

  it('rows round-trip with cells for the listed years; empty cells read as null', () => {
    const doc = newDoc()
    setFinanceYears(doc, [2022, 2023])
    const id = addFinanceRow(doc, { account: '31.60.01.00.00-500', measure: 'Ausbildungscampus', need: { 2023: 150 }, provided: { 2022: 123, 2023: 0 } })
    expect(getFinanceRow(doc, id)).toEqual({
      id,
      account: '31.60.01.00.00-500',
      measure: 'Ausbildungscampus',
      need: { 2022: null, 2023: 150 },
      provided: { 2022: 123, 2023: 0 },
    })
    setFinanceCell(doc, id, 'need', 2022, 12.5)
    setFinanceCell(doc, id, 'provided', 2023, null)
    updateFinanceRow(doc, id, { measure: 'Stuttgarter Ausbildungscampus' })
    expect(getFinanceRow(doc, id)).toMatchObject({ measure: 'Stuttgarter Ausbildungscampus', need: { 2022: 12.5, 2023: 150 }, provided: { 2022: 123, 2023: null } })
  })

  it('rows move and remove like the other collections', () => {
    const doc = newDoc()
    const a = addFinanceRow(doc, { measure: 'A' })
    const b = addFinanceRow(doc, { measure: 'B' })
    moveFinanceRow(doc, b, 0)
    expect(listFinanceRows(doc).map((r) => r.measure)).toEqual(['B', 'A'])
    removeFinanceRow(doc, a)
    expect(listFinanceRows(doc).map((r) => r.id)).toEqual([b])
  })

  it('a dropped year hides its cells and a restored year shows them again', () => {
    const doc = newDoc()
    setFinanceYears(doc, [2022, 2023])
    const id = addFinanceRow(doc, { measure: 'OMID', need: { 2022: 290, 2023: 290 } })
    setFinanceYears(doc, [2022])
    expect(getFinanceRow(doc, id).need).toEqual({ 2022: 290 })
    setFinanceYears(doc, [2022, 2023])
    expect(getFinanceRow(doc, id).need).toEqual({ 2022: 290, 2023: 290 })
  })

  it('two peers editing different cells of one row both win', () => {
    const alice = newDoc()
    setFinanceYears(alice, [2022, 2023])
    const id = addFinanceRow(alice, { measure: 'OMID' })
    const bob = replica(alice)
    setFinanceCell(alice, id, 'need', 2022, 290)
    setFinanceCell(bob, id, 'need', 2023, 280)
    sync(alice, bob)
    expect(getFinanceRow(alice, id).need).toEqual({ 2022: 290, 2023: 280 })
    expect(getFinanceRow(bob, id).need).toEqual({ 2022: 290, 2023: 280 })
  })

  it('sums per year count empty cells as 0', () => {
    const doc = newDoc()
    setFinanceYears(doc, [2022, 2023])
    addFinanceRow(doc, { measure: 'A', need: { 2022: 0.1, 2023: null }, provided: { 2022: 123 } })
    addFinanceRow(doc, { measure: 'B', need: { 2022: 0.2, 2023: 150 } })
    expect(financeTotals(listFinanceRows(doc), financeYears(doc))).toEqual({
      need: { 2022: 0.3, 2023: 150 },
      provided: { 2022: 123, 2023: 0 },
      needTotal: 150.3,
      providedTotal: 123,
    })
  })
})

describe('position totals', () => {
  it('sum FTE per department and per kind, and the known annual cost', () => {
    const doc = newDoc()
    addPosition(doc, { department: 'jobcenter', fte: 0.5, kind: 'authorization', until: '2021-12-31', annualCost: 40000 })
    addPosition(doc, { department: 'sozialamt', fte: 1, kind: 'authorization', until: '2021-12-31', annualCost: 80000.5 })
    addPosition(doc, { department: 'sozialamt', fte: 0.5, kind: 'permanent' })
    addPosition(doc, { department: 'sozialamt', fte: 0.1 })
    addPosition(doc, { department: 'sozialamt', fte: 0.2 })
    expect(positionTotals(listPositions(doc))).toEqual({
      fte: 2.3,
      byDepartment: { jobcenter: 0.5, sozialamt: 1.8 },
      byKind: { authorization: 1.5, permanent: 0.8 },
      annualCost: 120000.5,
      uncostedRows: 3,
    })
  })
})
