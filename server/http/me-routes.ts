// The signed-in person's own things: the inbox, the notifications and their settings, and the live
// channel (server-sent events) that tells an open app to refresh them.
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { Db } from '../../db/client'
import { users } from '../../db/schema'
import type { Ok } from '../../shared/api-responses'
import type { Inbox } from '../../shared/inbox'
import { markReadSchema, notificationSettingsSchema } from '../../shared/notifications-api'
import type { NotificationList, NotificationSettings } from '../../shared/notifications'
import { sessionExists, sessionKeyOf } from '../auth/sessions'
import { buildInbox } from '../inbox/inbox'
import type { LiveHub } from '../notifications/live-hub'
import { listNotifications, markRead, readSettings, writeSettings } from '../notifications/store'
import type { RoundCalendar } from '../proposals/calendar'
import type { SessionEnv } from './session'
import { readJson } from './validate'

export type MeDeps = { db: Db; calendar: RoundCalendar; hub: LiveHub; mailEnabled: boolean; heartbeatMs: number }

export function meRoutes(deps: MeDeps) {
  const { db, calendar, hub } = deps
  return new Hono<SessionEnv>()
    .get('/me/inbox', async (c) => c.json(await buildInbox(db, calendar, c.get('user')) satisfies Inbox))
    .get('/me/notifications', async (c) => c.json(await listNotifications(db, c.get('user').id) satisfies NotificationList))
    .post('/me/notifications/read', async (c) => {
      const input = await readJson(c, markReadSchema)
      await markRead(db, c.get('user').id, 'all' in input ? 'all' : input.ids, calendar.now())
      // The person's other tabs show the new unread count too.
      hub.signal({ userIds: [c.get('user').id] })
      return c.json({ ok: true } satisfies Ok)
    })
    .get('/me/notification-settings', async (c) => {
      const user = c.get('user')
      const email = (await db.select({ email: users.email }).from(users).where(eq(users.id, user.id)))[0]?.email ?? null
      return c.json({ settings: await readSettings(db, user.id), email, emailEnabled: deps.mailEnabled } satisfies NotificationSettings)
    })
    .put('/me/notification-settings', async (c) => {
      const { settings } = await readJson(c, notificationSettingsSchema)
      await writeSettings(db, c.get('user').id, settings)
      return c.json({ ok: true } satisfies Ok)
    })
    .get('/me/events', (c) => {
      const user = c.get('user')
      const sessionKey = sessionKeyOf(c.get('sessionToken'))
      return streamSSE(c, async (stream) => {
        let wake: (() => void) | undefined
        let changed = false
        let closed = false
        const remove = hub.add({
          userId: user.id,
          departmentId: user.departmentId,
          sessionKey,
          changed: () => ((changed = true), wake?.()),
          close: () => ((closed = true), wake?.()),
        })
        stream.onAbort(() => ((closed = true), wake?.()))
        try {
          await stream.writeSSE({ event: 'ready', data: '{}' })
          while (!closed && !stream.aborted) {
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, deps.heartbeatMs)
              wake = () => (clearTimeout(timer), resolve())
            })
            wake = undefined
            if (closed) break
            if (changed) {
              changed = false
              await stream.writeSSE({ event: 'changed', data: '{}' })
            } else if (!(await sessionExists(db, sessionKey))) {
              break
            } else {
              // Keeps proxies from closing an idle stream.
              await stream.write(': ping\n\n')
            }
          }
        } finally {
          remove()
        }
      })
    })
}
