// People of a department: its lead sees them, changes their role, resets their password, disables them;
// open sockets follow at once.
import { and, asc, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import type { Db } from '../../db/client'
import { users } from '../../db/schema'
import { roles } from '../../shared/identity'
import { setDisabled, setPassword, UserInputError } from '../auth/users'
import type { Logger } from '../log'
import type { SessionEnv } from './session'
import { readJson } from './validate'
import type { AccountState, DepartmentMember, PasswordReset } from '../../shared/api-responses'

const roleChangeSchema = z.object({ role: z.enum(roles, 'role must be lead, editor or viewer') })
const passwordResetSchema = z.object({ newPassword: z.string().max(1000, 'password must have at most 1000 characters') })

export function userRoutes(deps: { db: Db; log: Logger; passwordCost: number; onRightsChanged: (userId: string) => Promise<void> }) {
  const { db, log, passwordCost, onRightsChanged } = deps
  const requireLead = (departmentId: string, user: { role: string; departmentId: string }) => {
    if (user.role !== 'lead' || user.departmentId !== departmentId) {
      throw new HTTPException(403, { message: 'only a lead of the department manages its people' })
    }
  }
  /** The user named in the path, if the signed-in lead manages their department. */
  const managedTarget = async (userId: string, lead: { role: string; departmentId: string }) => {
    const target = (await db.select().from(users).where(eq(users.id, userId)))[0]
    if (!target) throw new HTTPException(404, { message: 'no such user' })
    requireLead(target.departmentId, lead)
    return target
  }
  return new Hono<SessionEnv>()
    .get('/departments/:departmentId/users', async (c) => {
      requireLead(c.req.param('departmentId'), c.get('user'))
      return c.json(
        (await db
          .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, disabledAt: users.disabledAt })
          .from(users)
          .where(eq(users.departmentId, c.req.param('departmentId')))
          .orderBy(asc(users.displayName)))
          .map(({ disabledAt, ...user }) => ({ ...user, disabled: disabledAt !== null }) satisfies DepartmentMember),
      )
    })
    .patch('/users/:userId', async (c) => {
      const { role } = await readJson(c, roleChangeSchema)
      const lead = c.get('user')
      const target = await managedTarget(c.req.param('userId'), lead)
      await db.update(users).set({ role }).where(and(eq(users.id, target.id), eq(users.departmentId, lead.departmentId)))
      await onRightsChanged(target.id)
      return c.json({ id: target.id, role })
    })
    .post('/users/:userId/password', async (c) => {
      const { newPassword } = await readJson(c, passwordResetSchema)
      const lead = c.get('user')
      const target = await managedTarget(c.req.param('userId'), lead)
      let ended: number
      try {
        ended = await setPassword(db, target.id, newPassword, undefined, passwordCost)
      } catch (error) {
        if (error instanceof UserInputError) throw new HTTPException(400, { message: error.message })
        throw error
      }
      log.info('password reset by lead', { userId: target.id, by: lead.id, endedSessions: ended })
      await onRightsChanged(target.id)
      return c.json({ id: target.id, endedSessions: ended } satisfies PasswordReset)
    })
    .post('/users/:userId/:action{disable|enable}', async (c) => {
      const lead = c.get('user')
      const target = await managedTarget(c.req.param('userId'), lead)
      const disable = c.req.param('action') === 'disable'
      // A department must not lose its last way in by its lead's slip.
      if (disable && target.id === lead.id) throw new HTTPException(400, { message: 'you cannot disable your own account' })
      await setDisabled(db, target.id, disable)
      log.info(disable ? 'user disabled by lead' : 'user enabled by lead', { userId: target.id, by: lead.id })
      await onRightsChanged(target.id)
      return c.json({ id: target.id, disabled: disable } satisfies AccountState)
    })
}
