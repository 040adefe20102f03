// Finanzielle Auswirkungen: measure rows × budget years in TEUR, need beside already provided funds.
import * as Y from 'yjs'
import { z } from 'zod/mini'
import { issue, ProposalValidationError, validate } from './errors'
import { textSchema, yearSchema } from './fields'
import { getItem } from './collections'
import { financeMap, readText, write } from './doc'
import { definePart, type Item } from './part'

export const financeColumns = ['need', 'provided'] as const
export type FinanceColumn = (typeof financeColumns)[number]
/** TEUR per year; null (an empty cell, shown as '–') counts as 0 in sums. */
export type FinanceCells = Record<number, number | null>

export const maxFinanceYears = 12

export const financeYearsSchema = z
  .array(yearSchema, { error: 'invalid_value' })
  .check(
    z.maxLength(maxFinanceYears, { error: 'too_many_years' }),
    z.refine((years) => new Set(years).size === years.length, { error: 'year_duplicate' }),
  )

export const financeCellSchema = z.nullable(
  z.number({ error: 'not_a_number' }).check(z.minimum(-1e9, { error: 'amount_too_large' }), z.maximum(1e9, { error: 'amount_too_large' })),
)

export const financeRowSchema = z.object({
  /** Kontengruppe / Teilhaushalt line, e.g. `31.60.01.00.00-500 … /430 Transferaufwendungen`. */
  account: textSchema(300),
  measure: textSchema(300),
})
export type FinanceRowFields = z.infer<typeof financeRowSchema>
export type FinanceRow = Item<FinanceRowFields> & { need: FinanceCells; provided: FinanceCells }
export type FinanceRowInput = Partial<FinanceRowFields> & { need?: FinanceCells; provided?: FinanceCells }

/**
 * The year columns, ascending; whatever else a peer stored there is ignored. Layout 2 keeps them as a
 * Y.Map keyed by year (so two people adding a year at once both win); layout 1 as a plain array.
 */
export function financeYears(doc: Y.Doc): number[] {
  const stored = financeMap(doc).get('years')
  const years = stored instanceof Y.Map ? [...stored.keys()].map(Number) : Array.isArray(stored) ? stored : []
  const valid = years.filter((y): y is number => yearSchema.safeParse(y).success)
  return [...new Set(valid)].sort((a, b) => a - b).slice(0, maxFinanceYears)
}

/** The years map, made from an older array (or nothing) if needed. Run in a transaction. */
function yearsMap(doc: Y.Doc): Y.Map<true> {
  const stored = financeMap(doc).get('years')
  if (stored instanceof Y.Map) return stored as Y.Map<true>
  const map = new Y.Map<true>()
  for (const year of financeYears(doc)) map.set(String(year), true)
  financeMap(doc).set('years', map)
  return map
}

/** Adds one year column; a year already listed is refused, as is a 13th column. */
export function addFinanceYear(doc: Y.Doc, year: number): void {
  const years = financeYears(doc)
  validate(financeYearsSchema, [...years, year], 'years')
  write(doc, () => yearsMap(doc).set(String(year), true))
}

/** Removes one year column; its cells stay in the rows, hidden, and come back with the year. */
export function removeFinanceYear(doc: Y.Doc, year: number): void {
  write(doc, () => yearsMap(doc).delete(String(year)))
}

/**
 * Sets the year columns by adding and removing only the years that differ, so a year a peer added
 * meanwhile survives. Cells of a dropped year stay in the rows, hidden.
 */
export function setFinanceYears(doc: Y.Doc, years: number[]): void {
  const checked = validate(financeYearsSchema, years, 'years')
  write(doc, () => {
    const map = yearsMap(doc)
    for (const key of [...map.keys()]) if (!checked.includes(Number(key))) map.delete(key)
    for (const year of checked) if (!map.has(String(year))) map.set(String(year), true)
  })
}

const rows = definePart<FinanceRowFields>({
  name: 'financeRows',
  schema: financeRowSchema,
  defaults: () => ({ account: '', measure: '' }),
  textFields: ['account', 'measure'],
  read: (item) => ({ account: readText(item, 'account'), measure: readText(item, 'measure') }),
  // One nested map per column, so peers editing different cells of one row both win.
  create: (item) => {
    for (const column of financeColumns) item.set(column, new Y.Map<number>())
  },
})

function readCells(item: Y.Map<unknown>, column: FinanceColumn, years: number[]): FinanceCells {
  const map = item.get(column)
  const cells: FinanceCells = {}
  for (const year of years) {
    const value = map instanceof Y.Map ? map.get(String(year)) : undefined
    cells[year] = typeof value === 'number' && Number.isFinite(value) ? value : null
  }
  return cells
}

function withCells(doc: Y.Doc, row: Item<FinanceRowFields>, years: number[]): FinanceRow {
  const item = getItem(doc, 'financeRows', row.id)
  return { ...row, need: readCells(item, 'need', years), provided: readCells(item, 'provided', years) }
}

/** Rows in display order with their cells for the current year columns. */
export function listFinanceRows(doc: Y.Doc): FinanceRow[] {
  const years = financeYears(doc)
  return rows.list(doc).map((row) => withCells(doc, row, years))
}

export const getFinanceRow = (doc: Y.Doc, id: string): FinanceRow => withCells(doc, rows.get(doc, id), financeYears(doc))

function checkCell(years: number[], column: FinanceColumn, year: number, value: unknown): number | null {
  if (!years.includes(year)) throw new ProposalValidationError([issue(`${column}.${year}`, 'year_not_listed')])
  return validate(financeCellSchema, value, `${column}.${year}`)
}

function writeCell(item: Y.Map<unknown>, column: FinanceColumn, year: number, value: number | null): void {
  let map = item.get(column)
  if (!(map instanceof Y.Map)) {
    // Only reached for a row a peer stored without cell maps; a fresh map is better than none.
    map = new Y.Map<number>()
    item.set(column, map)
  }
  const cells = map as Y.Map<number>
  if (value === null) cells.delete(String(year))
  else if (cells.get(String(year)) !== value) cells.set(String(year), value)
}

/** Adds a row, optionally with cells for listed years; returns its id. */
export function addFinanceRow(doc: Y.Doc, input: FinanceRowInput = {}, index?: number): string {
  const years = financeYears(doc)
  const cells = financeColumns.flatMap((column) =>
    Object.entries(input[column] ?? {}).map(([year, value]) => ({ column, year: Number(year), value: checkCell(years, column, Number(year), value) })),
  )
  const { need: _need, provided: _provided, ...fields } = input
  return write(doc, () => {
    const id = rows.add(doc, fields, index)
    const item = getItem(doc, 'financeRows', id)
    for (const cell of cells) writeCell(item, cell.column, cell.year, cell.value)
    return id
  })
}

/** Sets one cell in TEUR; null empties it. */
export function setFinanceCell(doc: Y.Doc, rowId: string, column: FinanceColumn, year: number, value: number | null): void {
  const item = getItem(doc, 'financeRows', rowId)
  const checked = checkCell(financeYears(doc), column, year, value)
  write(doc, () => writeCell(item, column, year, checked))
}

export const validateFinanceRow = rows.validate
export const updateFinanceRow = rows.update
export const removeFinanceRow = rows.remove
export const moveFinanceRow = rows.move
export const financeRowText = rows.text
export const financeRowTextFields = rows.textFields
