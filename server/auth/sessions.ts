// Login sessions: a random token in an HttpOnly cookie, stored only as its SHA-256.
import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { departments, sessions, users } from '../../db/schema'
import type { SessionUser } from '../../shared/identity'

export const sessionCookie = 'mz_session'
const sessionLifetimeMs = 12 * 60 * 60 * 1000

const sessionUserColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  departmentId: users.departmentId,
  departmentName: departments.name,
}

/** What the database and open sockets know a session by: the token's hash, never the token. */
export const sessionKeyOf = (token: string) => createHash('sha256').update(token).digest('hex')

export function createSession(db: Db, userId: string): { token: string; expiresAt: Date } {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + sessionLifetimeMs)
  db.insert(sessions).values({ tokenHash: sessionKeyOf(token), userId, expiresAt }).run()
  return { token, expiresAt }
}

export function deleteSession(db: Db, token: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, sessionKeyOf(token))).run()
}

export function sessionExists(db: Db, sessionKey: string): boolean {
  return Boolean(
    db.select({ key: sessions.tokenHash }).from(sessions).where(and(eq(sessions.tokenHash, sessionKey), gt(sessions.expiresAt, new Date()))).get(),
  )
}

/** The user behind a session token, as the database says now (role and department included). */
export function userForSession(db: Db, token: string | undefined): SessionUser | undefined {
  if (!token) return undefined
  const row = db
    .select(sessionUserColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(sessions.tokenHash, sessionKeyOf(token)), gt(sessions.expiresAt, new Date())))
    .get()
  return row
}

export function userById(db: Db, userId: string): SessionUser | undefined {
  return db
    .select(sessionUserColumns)
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(eq(users.id, userId))
    .get()
}
