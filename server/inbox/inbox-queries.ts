// The SQL behind a person's inbox: involvement and signatures of open rounds, and comments of threads.
import { and, eq, inArray, ne, or } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { comments, proposalDepartments, proposals, signatures, users } from '../../db/schema'

const running = ['cosigning', 'cosigned'] as const

export type InvolvementRow = {
  proposalId: string
  number: string
  title: string
  leadDepartmentId: string
  departmentId: string
  due: string | null
  signed: boolean
  /** Signed, but voided by a reopen or outdated by a change. */
  outdated: boolean
}

/** Every involvement in an open round, of my department or of a proposal my department leads. */
export async function involvementsFor(db: Db, departmentId: string): Promise<InvolvementRow[]> {
  const rows = await db
    .select({
      proposalId: proposals.id,
      number: proposals.number,
      title: proposals.title,
      leadDepartmentId: proposals.leadDepartmentId,
      departmentId: proposalDepartments.departmentId,
      due: proposalDepartments.due,
      signedAt: signatures.signedAt,
      voidedAt: signatures.voidedAt,
      outdatedAt: signatures.outdatedAt,
    })
    .from(proposalDepartments)
    .innerJoin(proposals, eq(proposals.id, proposalDepartments.proposalId))
    .leftJoin(signatures, and(eq(signatures.proposalId, proposalDepartments.proposalId), eq(signatures.departmentId, proposalDepartments.departmentId)))
    .where(and(inArray(proposals.status, [...running]), or(eq(proposalDepartments.departmentId, departmentId), eq(proposals.leadDepartmentId, departmentId))))
  return rows.map(({ signedAt, voidedAt, outdatedAt, ...row }) => ({ ...row, signed: signedAt !== null, outdated: signedAt !== null && (voidedAt !== null || outdatedAt !== null) }))
}

export type CommentRow = {
  id: string
  proposalId: string
  number: string
  title: string
  threadId: string
  text: string
  authorId: string
  authorName: string
  mentions: string[]
  mentionedUserIds: string[]
  createdAt: Date
}

const commentColumns = {
  id: comments.id,
  proposalId: comments.proposalId,
  number: proposals.number,
  title: proposals.title,
  threadId: comments.threadId,
  text: comments.text,
  authorId: comments.authorId,
  authorName: users.displayName,
  mentions: comments.mentions,
  mentionedUserIds: comments.mentionedUserIds,
  createdAt: comments.createdAt,
}

/** Comments that mention anyone, by others than me (filtered for my department and me by the caller). */
export async function mentioningComments(db: Db, userId: string): Promise<CommentRow[]> {
  return await db
    .select(commentColumns)
    .from(comments)
    .innerJoin(proposals, eq(proposals.id, comments.proposalId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(and(ne(comments.authorId, userId), or(ne(comments.mentions, []), ne(comments.mentionedUserIds, []))))
}

/** Every comment of the threads I wrote in. */
export async function commentsOfMyThreads(db: Db, userId: string): Promise<CommentRow[]> {
  const mine = db.selectDistinct({ threadId: comments.threadId }).from(comments).where(eq(comments.authorId, userId))
  return await db
    .select(commentColumns)
    .from(comments)
    .innerJoin(proposals, eq(proposals.id, comments.proposalId))
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(inArray(comments.threadId, mine))
}

/** The threads among these that are resolved (the resolution sits on a thread's first comment). */
export async function resolvedThreads(db: Db, threadIds: string[]): Promise<Set<string>> {
  if (threadIds.length === 0) return new Set()
  const rows = await db.select({ id: comments.id, resolvedAt: comments.resolvedAt }).from(comments).where(inArray(comments.id, threadIds))
  return new Set(rows.filter((row) => row.resolvedAt !== null).map((row) => row.id))
}
