// Who is concerned by what happens on a proposal: the people of departments, of a thread, of its lead.
import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { comments, proposalDepartments, proposals, users } from '../../db/schema'

export type Recipient = { id: string; email: string | null }

const active = isNull(users.disabledAt)

export async function usersOfDepartments(db: Db, departmentIds: string[]): Promise<Recipient[]> {
  if (departmentIds.length === 0) return []
  return await db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.departmentId, departmentIds), active))
}

export async function usersById(db: Db, userIds: string[]): Promise<Recipient[]> {
  if (userIds.length === 0) return []
  return await db.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.id, userIds), active))
}

/** The leads of the proposal's leading department: they chase a department that missed its deadline. */
export async function leadsOfProposal(db: Db, proposalId: string): Promise<Recipient[]> {
  return await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .innerJoin(proposals, eq(proposals.leadDepartmentId, users.departmentId))
    .where(and(eq(proposals.id, proposalId), eq(users.role, 'lead'), active))
}

/** Everyone who wrote in the thread. */
export async function threadParticipants(db: Db, proposalId: string, threadId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: comments.authorId })
    .from(comments)
    .where(and(eq(comments.proposalId, proposalId), eq(comments.threadId, threadId)))
  return rows.map((row) => row.id)
}

/** The leading and the involved departments. */
export async function memberDepartments(db: Db, proposalId: string): Promise<string[]> {
  const lead = (await db.select({ id: proposals.leadDepartmentId }).from(proposals).where(eq(proposals.id, proposalId)))[0]
  const involved = await db.select({ id: proposalDepartments.departmentId }).from(proposalDepartments).where(eq(proposalDepartments.proposalId, proposalId))
  return [...new Set([...(lead ? [lead.id] : []), ...involved.map((row) => row.id)])]
}

/**
 * Whose inbox may show something of this proposal: its departments, the departments and people
 * mentioned in its threads, and everyone who wrote in them.
 */
export async function inboxAudience(db: Db, proposalId: string): Promise<{ departmentIds: string[]; userIds: string[] }> {
  const departmentIds = new Set(await memberDepartments(db, proposalId))
  const userIds = new Set<string>()
  const rows = await db
    .select({ authorId: comments.authorId, mentions: comments.mentions, mentionedUserIds: comments.mentionedUserIds })
    .from(comments)
    .where(eq(comments.proposalId, proposalId))
  for (const row of rows) {
    userIds.add(row.authorId)
    for (const id of row.mentions) departmentIds.add(id)
    for (const id of row.mentionedUserIds) userIds.add(id)
  }
  return { departmentIds: [...departmentIds], userIds: [...userIds] }
}

/** A department's deadline on a proposal, if it has one. */
export async function deadlineOf(db: Db, proposalId: string, departmentId: string): Promise<string | undefined> {
  const row = (await db
    .select({ due: proposalDepartments.due })
    .from(proposalDepartments)
    .where(and(eq(proposalDepartments.proposalId, proposalId), eq(proposalDepartments.departmentId, departmentId))))[0]
  return row?.due ?? undefined
}
