// Creating users and changing their role; shared by the CLI, the demo seed and the REST API.
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../../db/client'
import { departments, users } from '../../db/schema'
import { roles } from '../../shared/identity'
import { hashPassword } from './passwords'

export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{2,64}$/, 'username must be 2–64 characters a–z, 0–9, . _ -'),
  displayName: z.string().trim().min(1, 'name must not be empty').max(200),
  departmentId: z.string(),
  role: z.enum(roles),
  password: z.string().min(4, 'password must have at least 4 characters').max(1000),
})
export type NewUser = z.infer<typeof newUserSchema>

export class UserInputError extends Error {}

export async function addUser(db: Db, input: NewUser): Promise<string> {
  const user = newUserSchema.parse(input)
  if (!db.select().from(departments).where(eq(departments.id, user.departmentId)).get()) {
    throw new UserInputError(`unknown department ${user.departmentId}`)
  }
  if (db.select().from(users).where(eq(users.username, user.username)).get()) {
    throw new UserInputError(`user ${user.username} exists already`)
  }
  const id = randomUUID()
  const passwordHash = await hashPassword(user.password)
  db.insert(users)
    .values({ id, username: user.username, displayName: user.displayName, departmentId: user.departmentId, role: user.role, passwordHash })
    .run()
  return id
}
