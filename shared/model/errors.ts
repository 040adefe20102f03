// Typed errors of the proposal model: invalid values, missing items, too-new documents.
import type { z } from 'zod/mini'
import { isValidationCode, validationMessages, type ValidationCode } from './messages'

export type ValidationIssue = {
  /** Dotted path of the offending field, e.g. `fte` or `need.2023`. */
  field: string
  code: ValidationCode
  de: string
  en: string
}

export function issue(field: string, code: ValidationCode): ValidationIssue {
  return { field, code, ...validationMessages[code] }
}

/** A write was refused because a value is impossible; `issues` holds every problem found. */
export class ProposalValidationError extends Error {
  override readonly name = 'ProposalValidationError'
  readonly issues: ValidationIssue[]
  readonly field: string
  readonly code: ValidationCode
  /** The first issue's German text (`message` holds the English one, for logs). */
  readonly messageDe: string

  constructor(issues: ValidationIssue[]) {
    const first = issues[0] ?? issue('', 'invalid_value')
    super(issues.map((i) => (i.field ? `${i.field}: ${i.en}` : i.en)).join('; ') || first.en)
    this.issues = issues.length ? issues : [first]
    this.field = first.field
    this.code = first.code
    this.messageDe = first.de
  }
}

/** An id named an item that is not (or no longer) in the collection, e.g. removed by a peer. */
export class ProposalItemNotFoundError extends Error {
  override readonly name = 'ProposalItemNotFoundError'
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`${collection}: no item ${id}`)
  }
}

/** The document was written by a newer version of the app; this one must not read or write it. */
export class ProposalSchemaError extends Error {
  override readonly name = 'ProposalSchemaError'
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`proposal document has schema version ${found}; this app understands up to ${supported} — please reload`)
  }
}

/** Turns zod issues (whose messages are our codes) into validation issues. */
export function issuesFromZod(error: z.core.$ZodError, prefix = ''): ValidationIssue[] {
  return error.issues.map((i) => {
    const field = [prefix, ...i.path.map(String)].filter(Boolean).join('.')
    return issue(field, isValidationCode(i.message) ? i.message : fallbackCode(i))
  })
}

function fallbackCode(i: z.core.$ZodIssue): ValidationCode {
  if (i.code === 'invalid_type') return i.expected === 'number' ? 'not_a_number' : i.expected === 'boolean' ? 'not_a_boolean' : 'invalid_value'
  if (i.code === 'invalid_value') return 'choice_invalid'
  return 'invalid_value'
}

/** Parses with a zod schema or throws a ProposalValidationError naming each bad field. */
export function validate<T>(schema: z.ZodMiniType<T>, value: unknown, prefix = ''): T {
  const result = schema.safeParse(value)
  if (!result.success) throw new ProposalValidationError(issuesFromZod(result.error, prefix))
  return result.data
}
