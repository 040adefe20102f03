// Diff of the Finanzielle Auswirkungen: year columns, rows, single cells (old → new) and the sums they move.
import { financeColumns, type FinanceCells, type FinanceColumn, type FinanceRow } from '../model/finance'
import { financeTotals } from '../model/totals'
import { diffItems } from './items'
import type { CellChange, FinanceDiff, SumChange } from './types'

type Finance = { years: number[]; rows: FinanceRow[] }

// Canonical JSON turns year keys into strings; a missing year reads as an empty cell.
const cell = (cells: FinanceCells, year: number): number | null => cells[year] ?? null

export function diffFinance(before: Finance, after: Finance): FinanceDiff {
  const years = [...new Set([...before.years, ...after.years])].sort((a, b) => a - b)
  // Cells are compared one by one below; the row itself is its account and measure.
  const fieldsOf = (row: FinanceRow) => ({ id: row.id, account: row.account, measure: row.measure })
  const rows = diffItems(before.rows.map(fieldsOf), after.rows.map(fieldsOf), { label: (row) => row.measure.trim() || row.account.trim() })

  const cells: CellChange[] = []
  const beforeRows = new Map(before.rows.map((row) => [row.id, row]))
  for (const row of after.rows) {
    const old = beforeRows.get(row.id)
    if (!old) continue
    for (const column of financeColumns) {
      for (const year of years) {
        // A year only one side lists counts as empty on the other.
        const was = before.years.includes(year) ? cell(old[column], year) : null
        const now = after.years.includes(year) ? cell(row[column], year) : null
        if (was !== now) cells.push({ rowId: row.id, measure: row.measure, label: row.measure.trim() || row.account.trim(), column, year, before: was, after: now })
      }
    }
  }

  const totalsBefore = financeTotals(before.rows, before.years)
  const totalsAfter = financeTotals(after.rows, after.years)
  // A year no row has a value in has no sum ('–' on the board), which is not the same as 0.
  const sumOf = (state: Finance, totals: typeof totalsBefore, column: FinanceColumn, year: number): number | null =>
    state.years.includes(year) && state.rows.some((row) => cell(row[column], year) !== null) ? (totals[column][year] ?? 0) : null
  const sums: SumChange[] = []
  for (const column of financeColumns) {
    for (const year of years) {
      const was = sumOf(before, totalsBefore, column, year)
      const now = sumOf(after, totalsAfter, column, year)
      if (was !== now) sums.push({ column, year, before: was, after: now })
    }
    const total = column === 'need' ? 'needTotal' : 'providedTotal'
    if (totalsBefore[total] !== totalsAfter[total]) sums.push({ column, year: 'total', before: totalsBefore[total], after: totalsAfter[total] })
  }

  return {
    years: { added: after.years.filter((y) => !before.years.includes(y)), removed: before.years.filter((y) => !after.years.includes(y)) },
    rows,
    cells,
    sums,
  }
}
