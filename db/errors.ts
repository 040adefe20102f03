// When the database, not the request, is the problem: the answers of both dialects that mean "storage
// unavailable" (HTTP 503, WebSocket 4503, retried), told apart from bugs and bad input.
import { DrizzleError } from 'drizzle-orm'
import { DrizzleQueryError } from 'drizzle-orm/errors'

/** The driver's own error behind Drizzle's wrapper (the one with the SQLite or PostgreSQL code). */
export function driverErrorOf(error: unknown): unknown {
  let current = error
  while ((current instanceof DrizzleQueryError || current instanceof DrizzleError) && current.cause) current = current.cause
  return current
}

/** SQLite: locked, full, read-only, I/O. */
const sqliteUnavailable = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN)/
/** PostgreSQL: connection exceptions (08…), insufficient resources (53…: disk full, out of memory, too many connections), shutdown (57P01–57P03). */
const postgresUnavailable = /^(08...|53...|57P0[1-3])$/
/** The network under node-postgres: refused, reset, timed out, unreachable. */
const networkUnavailable = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/
/** node-postgres's messages for a connection that went away (they carry no code). */
const lostConnection = /Connection terminated|connection error|timeout exceeded when trying to connect|Connection closed/i

export function isStorageUnavailable(error: unknown): error is Error {
  const cause = driverErrorOf(error)
  if (!(cause instanceof Error)) return false
  const code = (cause as { code?: unknown }).code
  if (typeof code === 'string' && (sqliteUnavailable.test(code) || postgresUnavailable.test(code) || networkUnavailable.test(code))) return true
  return lostConnection.test(cause.message)
}

/** The message to show for a storage failure: the driver's, not Drizzle's query dump. */
export function storageErrorMessage(error: unknown): string {
  const cause = driverErrorOf(error)
  return cause instanceof Error ? cause.message : String(cause)
}
