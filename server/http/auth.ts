// Login, logout and "who am I".
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { HTTPException } from 'hono/http-exception'
import type { Db } from '../../db/client'
import { users } from '../../db/schema'
import { loginSchema } from '../../shared/identity'
import { decoyHash, verifyPassword } from '../auth/passwords'
import { createSession, deleteSession, sessionCookie, userById } from '../auth/sessions'
import { requireSession, type SessionEnv } from './session'
import { readJson } from './validate'

export function authRoutes(deps: { db: Db; onLogout: (sessionToken: string) => void }) {
  const { db, onLogout } = deps
  return new Hono<SessionEnv>()
    .post('/login', async (c) => {
      const { username, password } = await readJson(c, loginSchema)
      const row = db.select().from(users).where(eq(users.username, username.toLowerCase())).get()
      // The same work and the same answer whether the user exists or not: no enumeration.
      const ok = await verifyPassword(password, row?.passwordHash ?? (await decoyHash))
      if (!row || !ok) throw new HTTPException(401, { message: 'wrong username or password' })
      const { token, expiresAt } = createSession(db, row.id)
      const secure = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https'
      setCookie(c, sessionCookie, token, { httpOnly: true, sameSite: 'Lax', secure, path: '/', expires: expiresAt })
      return c.json(userById(db, row.id))
    })
    .post('/logout', requireSession(db), (c) => {
      const token = c.get('sessionToken')
      deleteSession(db, token)
      deleteCookie(c, sessionCookie, { path: '/' })
      onLogout(token)
      return c.json({ ok: true })
    })
    .get('/me', requireSession(db), (c) => c.json(c.get('user')))
}
