// The change list behind "what changed since my signature": a new budget year is one added year,
// not every later column shifted by one index.
import { describe, expect, it } from 'vitest'
import { diffJson } from '../../shared/json-diff'

describe('diffJson', () => {
  it('lists a year put in front of the others as that one year added', () => {
    const row = (need: Record<number, number | null>) => ({ id: 'r1', measure: 'OMID', need })
    const before = { years: [2021, 2022], rows: [row({ 2021: 1, 2022: 2 })] }
    // The new year's cell is empty (null): nothing to report about it.
    const after = { years: [2020, 2021, 2022], rows: [row({ 2020: null, 2021: 1, 2022: 2 })] }
    expect(diffJson(before, after, 'finance')).toEqual([{ path: 'finance.years', before: undefined, after: 2020 }])
  })

  it('lists a removed year as removed, and rows by their id', () => {
    const row = { id: 'r1', measure: 'OMID', account: '', need: { 2022: 1 }, provided: {} }
    const changes = diffJson({ years: [2022, 2023], rows: [row] }, { years: [2022], rows: [{ ...row, need: { 2022: 2 } }] }, 'finance')
    expect(changes).toEqual([
      { path: 'finance.years', before: 2023, after: undefined },
      { path: 'finance.rows[r1].need.2022', before: 1, after: 2 },
    ])
  })
})
