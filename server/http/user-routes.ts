// People of a department: its lead sees them and changes their role; open sockets follow at once.
import { and, asc, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import type { Db } from '../../db/client'
import { users } from '../../db/schema'
import { roles } from '../../shared/identity'
import type { SessionEnv } from './session'
import { readJson } from './validate'

const roleChangeSchema = z.object({ role: z.enum(roles, 'role must be lead, editor or viewer') })

export function userRoutes(deps: { db: Db; onRightsChanged: (userId: string) => void }) {
  const { db, onRightsChanged } = deps
  const requireLead = (departmentId: string, user: { role: string; departmentId: string }) => {
    if (user.role !== 'lead' || user.departmentId !== departmentId) {
      throw new HTTPException(403, { message: 'only a lead of the department manages its people' })
    }
  }
  return new Hono<SessionEnv>()
    .get('/departments/:departmentId/users', (c) => {
      requireLead(c.req.param('departmentId'), c.get('user'))
      return c.json(
        db
          .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role })
          .from(users)
          .where(eq(users.departmentId, c.req.param('departmentId')))
          .orderBy(asc(users.displayName))
          .all(),
      )
    })
    .patch('/users/:userId', async (c) => {
      const { role } = await readJson(c, roleChangeSchema)
      const lead = c.get('user')
      const target = db.select().from(users).where(eq(users.id, c.req.param('userId'))).get()
      if (!target) throw new HTTPException(404, { message: 'no such user' })
      requireLead(target.departmentId, lead)
      db.update(users).set({ role }).where(and(eq(users.id, target.id), eq(users.departmentId, lead.departmentId))).run()
      onRightsChanged(target.id)
      return c.json({ id: target.id, role })
    })
}
