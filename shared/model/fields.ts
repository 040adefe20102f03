// Field-level zod schemas shared by the parts of a proposal (dates, years, bounded text).
import { z } from 'zod/mini'

export const minYear = 2000
export const maxYear = 2100

/** True for a real calendar date written as `YYYY-MM-DD` (rejects 2021-02-30). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

export const isoDateSchema = z.string({ error: 'date_invalid' }).check(z.refine(isIsoDate, { error: 'date_invalid' }))
/** A date that may still be open: `''` means "not yet fixed". */
export const optionalIsoDateSchema = z.string({ error: 'date_invalid' }).check(z.refine((v) => v === '' || isIsoDate(v), { error: 'date_invalid' }))

export const yearSchema = z
  .number({ error: 'not_a_number' })
  .check(z.int({ error: 'year_out_of_range' }), z.minimum(minYear, { error: 'year_out_of_range' }), z.maximum(maxYear, { error: 'year_out_of_range' }))

export const textSchema = (max: number) => z.string({ error: 'not_text' }).check(z.maxLength(max, { error: 'text_too_long' }))
export const booleanSchema = z.boolean({ error: 'not_a_boolean' })
export const finiteNumberSchema = z.number({ error: 'not_a_number' }).check(z.refine(Number.isFinite, { error: 'not_a_number' }))
export const enumSchema = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'choice_invalid' })
