// Comment threads: author, department and time come from the session, never from the client.
import { randomUUID } from 'node:crypto'
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { z } from 'zod'
import type { Db } from '../../db/client'
import { transaction } from '../../db/transaction'
import { comments, departments, users } from '../../db/schema'
import type { SessionUser } from '../../shared/identity'
import { mentionedTags, type newThreadSchema } from '../../shared/record-api'
import type { ProposalAccess } from '../auth/rights'
import { ForbiddenError, NotFoundError } from '../domain-errors'
import type { RoundEvents } from '../notifications/events'
import type { RecordSync } from './record-sync'

export type CommentDeps = { db: Db; record: RecordSync; events: RoundEvents }

function mayComment({ rights }: ProposalAccess): void {
  if (!rights.canComment) throw new ForbiddenError('viewers cannot comment')
}

/** Department ids whose tag (`@WFB`) or id (`@wfb`) appears in the text, and user ids whose name (`@akr.lead`) does. */
async function mentionsIn(db: Db, text: string): Promise<{ mentions: string[]; mentionedUserIds: string[] }> {
  const tags = new Set(mentionedTags(text))
  if (tags.size === 0) return { mentions: [], mentionedUserIds: [] }
  const mentions = (await db
    .select({ id: departments.id, tag: departments.tag })
    .from(departments))
    .filter((d) => tags.has(d.tag.toLowerCase()) || tags.has(d.id))
    .map((d) => d.id)
  const names = [...tags].filter((tag) => /^[a-z0-9._-]{2,64}$/.test(tag))
  const mentionedUserIds = names.length === 0 ? [] : (await db.select({ id: users.id }).from(users).where(inArray(users.username, names))).map((u) => u.id)
  return { mentions, mentionedUserIds }
}

function tell(deps: CommentDeps, user: SessionUser, proposalId: string, threadId: string, isReply: boolean, text: string, found: Awaited<ReturnType<typeof mentionsIn>>): void {
  deps.events.emit({
    kind: 'comment',
    proposalId,
    threadId,
    isReply,
    mentionedDepartmentIds: found.mentions,
    mentionedUserIds: found.mentionedUserIds,
    actor: user,
    text,
  })
}

export async function startThread(
  deps: CommentDeps,
  user: SessionUser,
  access: ProposalAccess,
  input: z.infer<typeof newThreadSchema>,
): Promise<string> {
  mayComment(access)
  const proposalId = access.proposal.id
  const id = randomUUID()
  const found = await mentionsIn(deps.db, input.text)
  await deps.db
    .insert(comments)
    .values({ id, proposalId, threadId: id, anchor: input.anchor, text: input.text, ...found, authorId: user.id, departmentId: user.departmentId })
  await deps.record.publish(proposalId)
  tell(deps, user, proposalId, id, false, input.text, found)
  return id
}

async function threadOf(db: Db, proposalId: string, threadId: string) {
  const first = (await db
    .select()
    .from(comments)
    .where(and(eq(comments.proposalId, proposalId), eq(comments.id, threadId), eq(comments.threadId, threadId))))[0]
  if (!first) throw new NotFoundError('no such thread')
  return first
}

export async function reply(deps: CommentDeps, user: SessionUser, access: ProposalAccess, threadId: string, text: string): Promise<string> {
  mayComment(access)
  const proposalId = access.proposal.id
  await threadOf(deps.db, proposalId, threadId)
  const id = randomUUID()
  const found = await mentionsIn(deps.db, text)
  await transaction(deps.db, async (tx) => {
    await tx.insert(comments).values({ id, proposalId, threadId, anchor: null, text, ...found, authorId: user.id, departmentId: user.departmentId })
    // A reply reopens a resolved thread: somebody still has something to say.
    await tx.update(comments).set({ resolvedAt: null, resolvedById: null }).where(eq(comments.id, threadId))
  })
  await deps.record.publish(proposalId)
  tell(deps, user, proposalId, threadId, true, text, found)
  return id
}

export async function setResolved(deps: CommentDeps, user: SessionUser, access: ProposalAccess, threadId: string, resolved: boolean): Promise<void> {
  mayComment(access)
  const proposalId = access.proposal.id
  await threadOf(deps.db, proposalId, threadId)
  await deps.db
    .update(comments)
    .set(resolved ? { resolvedAt: new Date(), resolvedById: user.id } : { resolvedAt: null, resolvedById: null })
    .where(and(eq(comments.id, threadId), resolved ? isNull(comments.resolvedAt) : eq(comments.id, threadId)))
  await deps.record.publish(proposalId)
}
