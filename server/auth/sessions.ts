// Login sessions: a random token in an HttpOnly cookie, stored only as its SHA-256; idle and absolute timeouts.
import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, isNull, ne } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { departments, sessions, users } from '../../db/schema'
import type { SessionUser } from '../../shared/identity'
import type { Config } from '../config'

/** How sessions are named and how long they live; built once from the configuration. */
export type SessionPolicy = {
  /** `__Host-mz_session` over HTTPS (bound to this host, Secure, Path=/), `mz_session` otherwise. */
  cookieName: string
  secureCookie: boolean
  idleMs: number
  maxAgeMs: number
}

export function sessionPolicyFor(config: Pick<Config, 'publicBaseUrl' | 'session'>): SessionPolicy {
  const secureCookie = new URL(config.publicBaseUrl).protocol === 'https:'
  return { cookieName: secureCookie ? '__Host-mz_session' : 'mz_session', secureCookie, ...config.session }
}

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

export async function createSession(db: Db, userId: string, policy: SessionPolicy): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + policy.maxAgeMs)
  await db.insert(sessions).values({ tokenHash: sessionKeyOf(token), userId, expiresAt, lastSeenAt: new Date() })
  return { token, expiresAt }
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sessionKeyOf(token)))
}

/** Ends every session of a user but the one given (password change) or all (reset, disable). */
export async function deleteSessionsOf(db: Db, userId: string, keepSessionKey?: string): Promise<number> {
  const others = keepSessionKey ? ne(sessions.tokenHash, keepSessionKey) : undefined
  return (await db.delete(sessions).where(and(eq(sessions.userId, userId), others)).returning({ key: sessions.tokenHash })).length
}

export async function sessionExists(db: Db, sessionKey: string): Promise<boolean> {
  return Boolean(
    (await db.select({ key: sessions.tokenHash }).from(sessions).where(and(eq(sessions.tokenHash, sessionKey), gt(sessions.expiresAt, new Date()))))[0],
  )
}

/** The user behind a session token, as the database says now; an idle, expired or disabled one is none. */
export async function userForSession(db: Db, token: string | undefined, policy: SessionPolicy): Promise<SessionUser | undefined> {
  if (!token) return undefined
  const key = sessionKeyOf(token)
  const now = Date.now()
  const row = (await db
    .select({ ...sessionUserColumns, lastSeenAt: sessions.lastSeenAt, createdAt: sessions.createdAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(sessions.tokenHash, key), gt(sessions.expiresAt, new Date(now)), isNull(users.disabledAt))))[0]
  if (!row) return undefined
  const { lastSeenAt, createdAt, ...user } = row
  const seenAt = (lastSeenAt ?? createdAt).getTime()
  if (now - seenAt > policy.idleMs) {
    await db.delete(sessions).where(eq(sessions.tokenHash, key))
    return undefined
  }
  // One write a minute at most (or a tenth of the idle time, when that is shorter), not one per request.
  if (now - seenAt > Math.min(60_000, policy.idleMs / 10)) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.tokenHash, key))
  }
  return user
}

export async function userById(db: Db, userId: string): Promise<SessionUser | undefined> {
  return (await db
    .select(sessionUserColumns)
    .from(users)
    .innerJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(users.id, userId), isNull(users.disabledAt))))[0]
}
