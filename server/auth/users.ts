// Creating users, changing their password, disabling them; shared by the CLI, the demo seed and the REST API.
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { Db } from '../../db/client'
import { transaction } from '../../db/transaction'
import { departments, users } from '../../db/schema'
import { roles } from '../../shared/identity'
import { passwordProblem } from './password-policy'
import { hashPassword } from './passwords'
import { deleteSessionsOf } from './sessions'

export const newUserSchema = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{2,64}$/, 'username must be 2–64 characters a–z, 0–9, . _ -'),
  displayName: z.string().trim().min(1, 'name must not be empty').max(200),
  departmentId: z.string(),
  role: z.enum(roles),
  password: z.string().max(1000),
  /** Where notification digests go; optional. */
  email: z.email('email must be an e-mail address').max(254).optional(),
})
export type NewUser = z.infer<typeof newUserSchema>

export class UserInputError extends Error {}

/** Throws a UserInputError saying why, when the password does not meet the policy. */
export function checkPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username)
  if (problem) throw new UserInputError(problem)
}

/**
 * Adds a user. The password policy applies unless `checkPolicy` is false, which only the demo seed
 * passes: its accounts share the documented password `demo` and are refused off loopback by the config.
 */
/** Adds a user; `passwordHash` is for seeding many users with one known password (hashed once). */
export async function addUser(db: Db, input: NewUser, options: { checkPolicy?: boolean; passwordHash?: string; passwordCost?: number } = {}): Promise<string> {
  const user = newUserSchema.parse(input)
  if (options.checkPolicy !== false) checkPassword(user.password, user.username)
  if (!(await db.select().from(departments).where(eq(departments.id, user.departmentId)))[0]) {
    throw new UserInputError(`unknown department ${user.departmentId}`)
  }
  if ((await db.select().from(users).where(eq(users.username, user.username)))[0]) {
    throw new UserInputError(`user ${user.username} exists already`)
  }
  const id = randomUUID()
  const passwordHash = options.passwordHash ?? (await hashPassword(user.password, options.passwordCost))
  await db.insert(users)
    .values({ id, username: user.username, displayName: user.displayName, departmentId: user.departmentId, role: user.role, passwordHash, email: user.email ?? null })
  return id
}

export async function findUserByName(db: Db, username: string) {
  return (await db.select().from(users).where(eq(users.username, username.trim().toLowerCase())))[0]
}

/**
 * Sets a new password (policy checked) and ends the user's sessions, except `keepSessionKey`
 * (the session that changed its own password). Returns how many sessions ended.
 */
export async function setPassword(db: Db, userId: string, password: string, keepSessionKey?: string, passwordCost?: number): Promise<number> {
  const user = (await db.select().from(users).where(eq(users.id, userId)))[0]
  if (!user) throw new UserInputError('no such user')
  checkPassword(password, user.username)
  const passwordHash = await hashPassword(password, passwordCost)
  // One transaction: the new password and the ended sessions together.
  return transaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId))
    return await deleteSessionsOf(tx, userId, keepSessionKey)
  })
}

/** Disables (no sign-in, every session ended) or enables an account. */
export async function setDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
  await transaction(db, async (tx) => {
    await tx.update(users).set({ disabledAt: disabled ? new Date() : null }).where(eq(users.id, userId))
    if (disabled) await deleteSessionsOf(tx, userId)
  })
}

/** Sets where a user's notification digests go (administrators only: the CLI). */
export async function setEmail(db: Db, userId: string, email: string): Promise<void> {
  const parsed = z.email().max(254).safeParse(email)
  if (!parsed.success) throw new UserInputError('email must be an e-mail address')
  await db.update(users).set({ email: parsed.data }).where(eq(users.id, userId))
}
