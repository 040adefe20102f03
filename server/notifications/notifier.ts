// Turns what happened in a round into notifications for the people concerned — each person's settings
// decide in the app and by e-mail — and tells their open apps to refresh.
import type { Db } from '../../db/client'
import type { NotificationDetail, NotificationKind } from '../../shared/notifications'
import type { Clock } from '../clock'
import type { Logger } from '../log'
import type { Actor, RoundEvent, RoundEvents } from './events'
import type { LiveHub } from './live-hub'
import { deadlineOf, inboxAudience, leadsOfProposal, memberDepartments, threadParticipants, usersById, usersOfDepartments, type Recipient } from './recipients'
import { insertNotifications, settingsFor, type NewNotification } from './store'

/** One kind of notification for a set of people. */
type Batch = { kind: NotificationKind; recipients: Recipient[]; detail: NotificationDetail; dedupeKey?: string; actor?: Actor }

const excerptLength = 160

export class Notifier implements RoundEvents {
  constructor(
    private readonly deps: { db: Db; clock: Clock; hub: LiveHub; log: Logger; mailEnabled: boolean },
  ) {}

  async recordChanged(proposalId: string): Promise<void> {
    try {
      this.deps.hub.signal(await inboxAudience(this.deps.db, proposalId))
    } catch (error) {
      this.deps.log.warn('telling the inboxes failed', { proposal: proposalId, error })
    }
  }

  async emit(event: RoundEvent): Promise<void> {
    // A notification that cannot be written must not fail the command that already committed.
    try {
      const reached: string[] = []
      for (const batch of await this.batchesOf(event)) reached.push(...(await this.write(event.proposalId, batch)))
      // A deadline is found again on every sweep: only the first finding changes anything.
      if ((event.kind === 'deadline-soon' || event.kind === 'deadline-passed') && reached.length === 0) return
      const audience = await inboxAudience(this.deps.db, event.proposalId)
      this.deps.hub.signal({ userIds: [...audience.userIds, ...reached], departmentIds: audience.departmentIds })
    } catch (error) {
      this.deps.log.error('notifying failed', { proposal: event.proposalId, kind: event.kind, error })
    }
  }

  private async batchesOf(event: RoundEvent): Promise<Batch[]> {
    const { db } = this.deps
    switch (event.kind) {
      case 'round-started':
        return Promise.all(event.departmentIds.map(async (departmentId): Promise<Batch> => ({
          kind: 'round-started',
          recipients: await usersOfDepartments(db, [departmentId]),
          detail: { departmentId, actorName: event.actor.displayName, due: await deadlineOf(db, event.proposalId, departmentId) },
          actor: event.actor,
        })))
      case 'signature-outdated':
        return Promise.all(event.departmentIds.map(async (departmentId): Promise<Batch> => ({ kind: 'signature-outdated', recipients: await usersOfDepartments(db, [departmentId]), detail: { departmentId } })))
      case 'deadline-soon':
      case 'deadline-passed': {
        const recipients = await usersOfDepartments(db, [event.departmentId])
        // A passed deadline is also the leading department's leads' to chase.
        if (event.kind === 'deadline-passed') recipients.push(...(await leadsOfProposal(db, event.proposalId)))
        const detail = { departmentId: event.departmentId, due: event.due }
        return [{ kind: event.kind, recipients, detail, dedupeKey: `${event.kind}:${event.proposalId}:${event.departmentId}:${event.due}` }]
      }
      case 'comment': {
        const detail = { threadId: event.threadId, actorName: event.actor.displayName, excerpt: excerptOf(event.text) }
        const mentioned = [...(await usersOfDepartments(db, event.mentionedDepartmentIds)), ...(await usersById(db, event.mentionedUserIds))]
        const mentionedIds = new Set(mentioned.map((r) => r.id))
        // Who is mentioned hears of it once, as a mention; the others who wrote in the thread, as a reply.
        const participants = event.isReply ? await usersById(db, (await threadParticipants(db, event.proposalId, event.threadId)).filter((id) => !mentionedIds.has(id))) : []
        return [
          { kind: 'mention', recipients: mentioned, detail, actor: event.actor },
          { kind: 'reply', recipients: participants, detail, actor: event.actor },
        ]
      }
      case 'released':
        return [{ kind: 'released', recipients: await usersOfDepartments(db, (await memberDepartments(db, event.proposalId))), detail: { actorName: event.actor.displayName }, actor: event.actor }]
    }
  }

  /** Writes one notification per person (not to the one who caused it); returns the people reached. */
  private async write(proposalId: string, batch: Batch): Promise<string[]> {
    const unique = new Map(batch.recipients.filter((r) => r.id !== batch.actor?.id).map((r) => [r.id, r]))
    if (unique.size === 0) return []
    const settings = await settingsFor(this.deps.db, [...unique.keys()], batch.kind)
    const createdAt = this.deps.clock.now()
    const rows: NewNotification[] = []
    for (const recipient of unique.values()) {
      const choice = settings.get(recipient.id) ?? { inApp: true, email: true }
      const email = this.deps.mailEnabled && choice.email && !!recipient.email
      if (!choice.inApp && !email) continue
      rows.push({
        userId: recipient.id,
        kind: batch.kind,
        proposalId,
        detail: batch.detail,
        dedupeKey: batch.dedupeKey ?? null,
        createdAt,
        inApp: choice.inApp,
        emailState: email ? 'pending' : 'off',
      })
    }
    return await insertNotifications(this.deps.db, rows)
  }
}

function excerptOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > excerptLength ? `${line.slice(0, excerptLength - 1)}…` : line
}
