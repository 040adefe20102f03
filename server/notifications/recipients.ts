// Who is concerned by what happens on a proposal: the people of departments, of a thread, of its lead.
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { comments, proposalDepartments, proposals, users } from '../../db/schema'

export type Recipient = { id: string; email: string | null }

const active = isNull(users.disabledAt)

export function usersOfDepartments(db: Db, departmentIds: string[]): Recipient[] {
  if (departmentIds.length === 0) return []
  return db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.departmentId, departmentIds), active)).all()
}

export function usersById(db: Db, userIds: string[]): Recipient[] {
  if (userIds.length === 0) return []
  return db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.id, userIds), active)).all()
}

/** The leads of the proposal's leading department: they chase a department that missed its deadline. */
export function leadsOfProposal(db: Db, proposalId: string): Recipient[] {
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(proposals, eq(proposals.leadDepartmentId, users.departmentId))
    .where(and(eq(proposals.id, proposalId), eq(users.role, 'lead'), active))
    .all()
}

/** Everyone who wrote in the thread. */
export function threadParticipants(db: Db, proposalId: string, threadId: string): string[] {
  const rows = db
    .selectDistinct({ id: comments.authorId })
    .from(comments)
    .where(and(eq(comments.proposalId, proposalId), eq(comments.threadId, threadId)))
    .all()
  return rows.map((row) => row.id)
}

/** The leading and the involved departments. */
export function memberDepartments(db: Db, proposalId: string): string[] {
  const lead = db.select({ id: proposals.leadDepartmentId }).from(proposals).where(eq(proposals.id, proposalId)).get()
  const involved = db.select({ id: proposalDepartments.departmentId }).from(proposalDepartments).where(eq(proposalDepartments.proposalId, proposalId)).all()
  return [...new Set([...(lead ? [lead.id] : []), ...involved.map((row) => row.id)])]
}

/**
 * Whose inbox may show something of this proposal: its departments, the departments and people
 * mentioned in its threads, and everyone who wrote in them.
 */
export function inboxAudience(db: Db, proposalId: string): { departmentIds: string[]; userIds: string[] } {
  const departmentIds = new Set(memberDepartments(db, proposalId))
  const userIds = new Set<string>()
  const rows = db
    .select({ authorId: comments.authorId, mentions: comments.mentions, mentionedUserIds: comments.mentionedUserIds })
    .from(comments)
    .where(eq(comments.proposalId, proposalId))
    .all()
  for (const row of rows) {
    userIds.add(row.authorId)
    for (const id of row.mentions) departmentIds.add(id)
    for (const id of row.mentionedUserIds) userIds.add(id)
  }
  return { departmentIds: [...departmentIds], userIds: [...userIds] }
}

/** A department's deadline on a proposal, if it has one. */
export function deadlineOf(db: Db, proposalId: string, departmentId: string): string | undefined {
  const row = db
    .select({ due: proposalDepartments.due })
    .from(proposalDepartments)
    .where(and(eq(proposalDepartments.proposalId, proposalId), eq(proposalDepartments.departmentId, departmentId)))
    .get()
  return row?.due ?? undefined
}
