// Login (throttled), logout, "who am I" and the user's own password change.
import { Hono, type Context } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import type { Db } from '../../db/client'
import { loginSchema } from '../../shared/identity'
import type { LoginThrottle, ThrottleVerdict } from '../auth/login-throttle'
import { hashPassword, verifyPassword } from '../auth/passwords'
import { createSession, deleteSession, sessionKeyOf, userById, type SessionPolicy } from '../auth/sessions'
import { findUserByName, setPassword, UserInputError } from '../auth/users'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import { clientAddress } from './client-address'
import { requireSession, type SessionEnv } from './session'
import { readJson } from './validate'
import type { Ok, PasswordChanged } from '../../shared/api-responses'

const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1, 'current password must not be empty').max(1000),
  newPassword: z.string().max(1000, 'password must have at most 1000 characters'),
})

export type AuthDeps = {
  db: Db
  sessions: SessionPolicy
  throttle: LoginThrottle
  trustProxy: boolean
  /** scrypt cost of new hashes (log2 N); the decoy for unknown users costs the same. */
  passwordCost: number
  metrics: Pick<Metrics, 'loginFailed' | 'loginThrottled'>
  log: Logger
  onLogout: (sessionToken: string) => Promise<void>
  /** Sessions of this user were ended: close the sockets that belonged to them. */
  onSessionsEnded: (userId: string) => Promise<void>
}

export function authRoutes(deps: AuthDeps) {
  const { db, sessions, throttle, metrics, log } = deps
  /** Verified when the user does not exist, so both paths take the same time. */
  const decoyHash = hashPassword('decoy password that matches nothing', deps.passwordCost)

  const tooMany = (c: Context, verdict: ThrottleVerdict) => {
    const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))
    metrics.loginThrottled(verdict.scope)
    c.header('retry-after', String(seconds))
    return c.json({ error: `too many failed sign-ins; try again in ${seconds} seconds` }, 429)
  }

  /** Checks a password under the throttle; undefined when it was right, else the answer to send. */
  const checkThrottled = async (c: Context, username: string, password: string, hash: string | undefined) => {
    const address = clientAddress(c, deps.trustProxy)
    const verdict = throttle.check(username, address)
    if (verdict) return { refused: tooMany(c, verdict) }
    // The same work whether the user exists or not: no enumeration by timing.
    if (await verifyPassword(password, hash ?? (await decoyHash))) {
      if (hash) throttle.succeeded(username)
      return { refused: undefined, ok: Boolean(hash) }
    }
    metrics.loginFailed()
    const locked = throttle.failed(username, address)
    if (locked.length) log.warn('sign-in back-off', { username: username.toLowerCase(), address, locked })
    return { refused: undefined, ok: false }
  }

  return new Hono<SessionEnv>()
    .post('/login', async (c) => {
      const { username, password } = await readJson(c, loginSchema)
      const row = await findUserByName(db, username)
      const { refused, ok } = await checkThrottled(c, username, password, row?.passwordHash)
      if (refused) return refused
      if (!row || !ok) throw new HTTPException(401, { message: 'wrong username or password' })
      // Said only to whoever knows the password, so it tells an attacker nothing new.
      if (row.disabledAt) throw new HTTPException(403, { message: 'this account is disabled' })
      const { token, expiresAt } = await createSession(db, row.id, sessions)
      setCookie(c, sessions.cookieName, token, { httpOnly: true, sameSite: 'Lax', secure: sessions.secureCookie, path: '/', expires: expiresAt })
      return c.json(await userById(db, row.id))
    })
    .post('/logout', requireSession(db, sessions), async (c) => {
      const token = c.get('sessionToken')
      await deleteSession(db, token)
      deleteCookie(c, sessions.cookieName, { path: '/', secure: sessions.secureCookie })
      await deps.onLogout(token)
      return c.json({ ok: true } satisfies Ok)
    })
    .get('/me', requireSession(db, sessions), (c) => c.json(c.get('user')))
    .post('/me/password', requireSession(db, sessions), async (c) => {
      const { currentPassword, newPassword } = await readJson(c, passwordChangeSchema)
      const user = c.get('user')
      const row = await findUserByName(db, user.username)
      // A stolen session must not become a way to guess the password: same throttle as the login.
      const { refused, ok } = await checkThrottled(c, user.username, currentPassword, row?.passwordHash)
      if (refused) return refused
      if (!ok) throw new HTTPException(403, { message: 'the current password is wrong' })
      let ended: number
      try {
        ended = await setPassword(db, user.id, newPassword, sessionKeyOf(c.get('sessionToken')), deps.passwordCost)
      } catch (error) {
        if (error instanceof UserInputError) throw new HTTPException(400, { message: error.message })
        throw error
      }
      log.info('password changed', { userId: user.id, endedSessions: ended })
      await deps.onSessionsEnded(user.id)
      return c.json({ ok: true, endedSessions: ended } satisfies PasswordChanged)
    })
}
