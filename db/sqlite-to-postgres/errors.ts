// A refusal or failure of the move that the person running it can act on: printed without a stack.
export class MigrationError extends Error {}

type DriverError = { message?: string; code?: string; cause?: unknown; errors?: unknown[] }

/** The driver's own error under Drizzle's wrapper ("Failed query: …" would repeat every parameter, blobs included). */
export function driverError(error: unknown): DriverError {
  const outer = error as DriverError
  return outer?.cause && typeof outer.cause === 'object' ? driverError(outer.cause) : outer
}

/** A short reason; Node reports a refused dual-stack connect as an AggregateError without a message. */
export function reasonOf(error: unknown): string {
  const inner = driverError(error)
  if (Array.isArray(inner?.errors) && inner.errors.length) return [...new Set(inner.errors.map(reasonOf))].join('; ')
  return inner?.message || inner?.code || String(error)
}
