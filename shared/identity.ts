// Who is signed in, as the server tells the client; and the login body.
import { z } from 'zod/mini'

export const roles = ['lead', 'editor', 'viewer'] as const
export type Role = (typeof roles)[number]

export type SessionUser = {
  id: string
  username: string
  displayName: string
  role: Role
  departmentId: string
  departmentName: string
}

export const loginSchema = z.object({
  username: z.string().check(z.trim(), z.minLength(1, 'username must not be empty'), z.maxLength(100)),
  password: z.string().check(z.minLength(1, 'password must not be empty'), z.maxLength(1000)),
})
