// Reads the session cookie on every API request; without a valid session the answer is 401.
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { HTTPException } from 'hono/http-exception'
import type { Db } from '../../db/client'
import type { SessionUser } from '../../shared/identity'
import { userForSession, type SessionPolicy } from '../auth/sessions'

export type SessionEnv = { Variables: { user: SessionUser; sessionToken: string } }

export function requireSession(db: Db, policy: SessionPolicy): MiddlewareHandler<SessionEnv> {
  return async (c, next) => {
    const token = getCookie(c, policy.cookieName)
    const user = await userForSession(db, token, policy)
    if (!user || !token) throw new HTTPException(401, { message: 'not signed in' })
    c.set('user', user)
    c.set('sessionToken', token)
    await next()
  }
}
