// Request bodies of the notification endpoints, decoded the same way on both sides.
import { z } from 'zod/mini'
import { notificationKinds } from './notifications'

export const notificationSettingsSchema = z.object({
  settings: z
    .array(z.object({ kind: z.enum(notificationKinds), inApp: z.boolean(), email: z.boolean() }))
    .check(z.maxLength(notificationKinds.length)),
})

export const markReadSchema = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ ids: z.array(z.number().check(z.int(), z.positive())).check(z.minLength(1), z.maxLength(500)) }),
])
