// Notifications and the settings that choose them, in SQL: written per person, read for the app, the
// settings page and the e-mail digests.
import { and, asc, count, desc, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { transaction } from '../../db/transaction'
import { notifications, notificationSettings, proposals, users } from '../../db/schema'
import { boardPath } from '../../shared/board-links'
import { notificationKinds, type NotificationDetail, type NotificationEntry, type NotificationKind, type NotificationSetting } from '../../shared/notifications'

export type NewNotification = {
  userId: string
  kind: NotificationKind
  proposalId: string
  detail: NotificationDetail
  dedupeKey: string | null
  createdAt: Date
  inApp: boolean
  emailState: 'pending' | 'off'
}

/** Inserts them; one whose person already has its dedupe key is left out. Returns the people who got one. */
export async function insertNotifications(db: Db, rows: NewNotification[]): Promise<string[]> {
  const reached: string[] = []
  await transaction(db, async (tx) => {
    for (const row of rows) {
      const { changes } = await tx.insert(notifications).values(row).onConflictDoNothing()
      if (changes > 0) reached.push(row.userId)
    }
  })
  return reached
}

/** Each person's choice for one kind; a person without a row gets both on. */
export async function settingsFor(db: Db, userIds: string[], kind: NotificationKind): Promise<Map<string, { inApp: boolean; email: boolean }>> {
  if (userIds.length === 0) return new Map()
  const rows = await db
    .select()
    .from(notificationSettings)
    .where(and(eq(notificationSettings.kind, kind), inArray(notificationSettings.userId, userIds)))
  return new Map(rows.map((row) => [row.userId, { inApp: row.inApp, email: row.email }]))
}

export async function readSettings(db: Db, userId: string): Promise<NotificationSetting[]> {
  const stored = new Map((await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId))).map((row) => [row.kind, row]))
  return notificationKinds.map((kind) => ({ kind, inApp: stored.get(kind)?.inApp ?? true, email: stored.get(kind)?.email ?? true }))
}

export async function writeSettings(db: Db, userId: string, settings: NotificationSetting[]): Promise<void> {
  await transaction(db, async (tx) => {
    for (const { kind, inApp, email } of settings) {
      await tx.insert(notificationSettings)
        .values({ userId, kind, inApp, email })
        .onConflictDoUpdate({ target: [notificationSettings.userId, notificationSettings.kind], set: { inApp, email } })
    }
    // Mail already waiting for a kind now switched off is not sent.
    const off = settings.filter((s) => !s.email).map((s) => s.kind)
    if (off.length > 0) {
      await tx.update(notifications)
        .set({ emailState: 'off' })
        .where(and(eq(notifications.userId, userId), eq(notifications.emailState, 'pending'), inArray(notifications.kind, off)))
    }
  })
}

/** The latest notifications shown in the app, newest first, with the proposal's number and title as they are now. */
export async function listNotifications(db: Db, userId: string, limit = 50): Promise<{ unread: number; entries: NotificationEntry[] }> {
  const mine = and(eq(notifications.userId, userId), eq(notifications.inApp, true))
  const rows = await db
    .select({ n: notifications, number: proposals.number, title: proposals.title })
    .from(notifications)
    .innerJoin(proposals, eq(proposals.id, notifications.proposalId))
    .where(mine)
    .orderBy(desc(notifications.id))
    .limit(limit)
  const unread = (await db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt))))[0]?.n ?? 0
  return { unread, entries: rows.map(({ n, number, title }) => toEntry(n, number, title)) }
}

type NotificationRow = typeof notifications.$inferSelect

function toEntry(n: NotificationRow, number: string, title: string): NotificationEntry {
  return {
    id: n.id,
    kind: n.kind,
    proposalId: n.proposalId,
    number,
    title,
    detail: n.detail,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
    href: hrefOf(n.kind, n.proposalId, n.detail),
  }
}

/** The place on the board a notification points to. */
export function hrefOf(kind: NotificationKind, proposalId: string, detail: NotificationDetail): string {
  if (detail.threadId) return boardPath(proposalId, { kind: 'thread', threadId: detail.threadId })
  if (kind === 'released') return boardPath(proposalId, { kind: 'proposal' })
  if (detail.departmentId) return boardPath(proposalId, { kind: 'signature', departmentId: detail.departmentId })
  return boardPath(proposalId, { kind: 'cosign' })
}

export async function markRead(db: Db, userId: string, ids: number[] | 'all', at: Date): Promise<void> {
  const which = ids === 'all' ? undefined : inArray(notifications.id, ids)
  await db.update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), which))
}

export type PendingMail = { id: number; kind: NotificationKind; proposalId: string; number: string; title: string; detail: NotificationDetail; createdAt: Date }

/** People with e-mail waiting, each with their address and the time the oldest waits since. */
export async function peopleWithPendingMail(db: Db): Promise<{ userId: string; email: string | null; displayName: string; oldest: Date }[]> {
  const rows = await db
    .select({ userId: notifications.userId, email: users.email, displayName: users.displayName, createdAt: notifications.createdAt })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.emailState, 'pending'))
    .orderBy(asc(notifications.id))
  const people = new Map<string, { userId: string; email: string | null; displayName: string; oldest: Date }>()
  for (const row of rows) if (!people.has(row.userId)) people.set(row.userId, { userId: row.userId, email: row.email, displayName: row.displayName, oldest: row.createdAt })
  return [...people.values()]
}

export async function pendingMailOf(db: Db, userId: string): Promise<PendingMail[]> {
  return (await db
    .select({ n: notifications, number: proposals.number, title: proposals.title })
    .from(notifications)
    .innerJoin(proposals, eq(proposals.id, notifications.proposalId))
    .where(and(eq(notifications.userId, userId), eq(notifications.emailState, 'pending')))
    .orderBy(asc(notifications.id)))
    .map(({ n, number, title }) => ({ id: n.id, kind: n.kind, proposalId: n.proposalId, number, title, detail: n.detail, createdAt: n.createdAt }))
}

export async function setMailState(db: Db, ids: number[], state: 'sent' | 'off'): Promise<void> {
  if (ids.length > 0) await db.update(notifications).set({ emailState: state }).where(inArray(notifications.id, ids))
}
