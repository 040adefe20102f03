// Errors the domain services throw; app.ts maps each kind to its HTTP status once.
export class DomainError extends Error {
  /** Extra fields for the JSON error body, e.g. the unresolved points that refused a release. */
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
  }
}
/** The thing named does not exist, or the user may not know it does (404). */
export class NotFoundError extends DomainError {}
/** The user may read but not do this (403). */
export class ForbiddenError extends DomainError {}
/** Not in the proposal's current state (409). */
export class ConflictError extends DomainError {}
/** The input is well-formed but names something invalid (400). */
export class InvalidInputError extends DomainError {}

export function statusOfDomainError(error: DomainError): 400 | 403 | 404 | 409 {
  if (error instanceof NotFoundError) return 404
  if (error instanceof ForbiddenError) return 403
  if (error instanceof ConflictError) return 409
  return 400
}
