// Request bodies of the notification endpoints, decoded the same way on both sides.
import { z } from 'zod'
import { notificationKinds } from './notifications'

export const notificationSettingsSchema = z.object({
  settings: z
    .array(z.object({ kind: z.enum(notificationKinds), inApp: z.boolean(), email: z.boolean() }))
    .max(notificationKinds.length),
})

export const markReadSchema = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(500) }),
])
