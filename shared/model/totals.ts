// Computed values the board and the export share: FTE and cost totals, finance sums per year.
import type { FinanceCells, FinanceRow } from './finance'
import type { Position, PositionKind } from './positions'

// Sums of decimal inputs drift (0.1 + 0.2); six places is far below anything shown.
const round = (value: number): number => Math.round(value * 1e6) / 1e6 + 0

export type PositionTotals = {
  fte: number
  byDepartment: Record<string, number>
  byKind: Record<PositionKind, number>
  /** EUR per year over the rows that have a cost. */
  annualCost: number
  /** Rows whose cost is still open (null): the board flags an incomplete total. */
  uncostedRows: number
}

export function positionTotals(positions: readonly Position[]): PositionTotals {
  const totals: PositionTotals = { fte: 0, byDepartment: {}, byKind: { permanent: 0, authorization: 0 }, annualCost: 0, uncostedRows: 0 }
  for (const p of positions) {
    totals.fte = round(totals.fte + p.fte)
    totals.byDepartment[p.department] = round((totals.byDepartment[p.department] ?? 0) + p.fte)
    totals.byKind[p.kind] = round(totals.byKind[p.kind] + p.fte)
    if (p.annualCost === null) totals.uncostedRows++
    else totals.annualCost = round(totals.annualCost + p.annualCost)
  }
  return totals
}

export type FinanceTotals = {
  /** Finanzbedarf per year (TEUR). */
  need: Record<number, number>
  /** Bisher bereitgestellte Mittel per year (TEUR). */
  provided: Record<number, number>
  needTotal: number
  providedTotal: number
}

/** Sums per year; empty cells count as 0 here while the table still shows them as '–'. */
export function financeTotals(rows: readonly FinanceRow[], years: readonly number[]): FinanceTotals {
  const sum = (pick: (row: FinanceRow) => FinanceCells, year: number) => round(rows.reduce((acc, row) => acc + (pick(row)[year] ?? 0), 0))
  const totals: FinanceTotals = { need: {}, provided: {}, needTotal: 0, providedTotal: 0 }
  for (const year of years) {
    totals.need[year] = sum((r) => r.need, year)
    totals.provided[year] = sum((r) => r.provided, year)
    totals.needTotal = round(totals.needTotal + totals.need[year])
    totals.providedTotal = round(totals.providedTotal + totals.provided[year])
  }
  return totals
}
