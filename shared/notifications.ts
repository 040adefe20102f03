// Notifications as both sides know them: the event kinds, what each carries, the answers (no zod: the first page reads it).
/** Every kind of event a person can be told of, in the order the settings page lists them. */
export const notificationKinds = ['round-started', 'signature-outdated', 'deadline-soon', 'deadline-passed', 'mention', 'reply', 'released'] as const
export type NotificationKind = (typeof notificationKinds)[number]

/** What a notification needs to be told and linked; which fields are set depends on the kind. */
export type NotificationDetail = {
  departmentId?: string
  threadId?: string
  /** Who caused it (a comment's author, the lead who started the round). */
  actorName?: string
  /** The first words of the comment. */
  excerpt?: string
  /** The deadline, `YYYY-MM-DD`. */
  due?: string
}

/** One notification as the app shows it (GET /api/me/notifications). */
export type NotificationEntry = {
  id: number
  kind: NotificationKind
  proposalId: string
  number: string
  title: string
  detail: NotificationDetail
  createdAt: string
  read: boolean
  /** Where on the board it happened (see shared/board-links.ts). */
  href: string
}

export type NotificationList = { unread: number; entries: NotificationEntry[] }

export type NotificationSetting = { kind: NotificationKind; inApp: boolean; email: boolean }

/** GET /api/me/notification-settings: the choices, and whether e-mail can reach the person at all. */
export type NotificationSettings = { settings: NotificationSetting[]; email: string | null; emailEnabled: boolean }
