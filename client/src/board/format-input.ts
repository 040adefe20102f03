// Parsers and formatters for German input fields (dates, FTE, TEUR, EUR), in the shape ParsedField wants.
import { formatDate, formatFte, formatNumber, parseGermanDate, parseGermanNumber } from '../../../shared/format'

/** `''` (no date yet) or a real date typed as `31.12.2021`; undefined for anything else. */
export const parseDateInput = (text: string): string | undefined => (text.trim() === '' ? '' : (parseGermanDate(text) ?? undefined))
export const formatDateInput = (iso: string): string => formatDate(iso)

/** A required number (FTE): empty or unreadable text is not a value. */
export const parseNumberInput = (text: string): number | undefined => parseGermanNumber(text) ?? undefined
export const formatFteInput = (fte: number): string => formatFte(fte)

/** An optional number (cost, finance cell): empty text clears it. */
export const parseOptionalNumberInput = (text: string): number | null | undefined => {
  if (text.trim() === '' || text.trim() === '–') return null
  return parseGermanNumber(text) ?? undefined
}
export const formatOptionalInput = (value: number | null, decimals = 0): string =>
  value === null ? '' : formatNumber(value, { maxDecimals: Math.max(decimals, 3), minDecimals: decimals })
export const formatEuroInput = (value: number | null): string => formatOptionalInput(value, 2)
