// Projects the SQL truth of a proposal (status, involvement, deadlines, signatures, comments) into its record Y.Doc.
import { asc, eq } from 'drizzle-orm'
import type * as Y from 'yjs'
import type { Db } from '../../db/client'
import { comments, proposalDepartments, signatures, users } from '../../db/schema'
import { loadRecordStatus } from '../auth/rights'
import {
  recordDeadlinesMap,
  recordSignaturesMap,
  recordStatusMap,
  recordThreadsMap,
  type CommentAnchor,
  type RecordDeadline,
  type RecordSignature,
  type RecordStatus,
  type RecordThread,
} from '../../shared/record'

export type RecordProjection = {
  status: RecordStatus
  signatures: RecordSignature[]
  threads: RecordThread[]
  deadlines: RecordDeadline[]
}

/** How the server's clock judges a deadline; without one (a release check) deadlines are left out. */
export type DeadlineJudge = { isPassed(due: string): boolean; isSoon(due: string): boolean }

export async function projectRecord(db: Db, proposalId: string, judge?: DeadlineJudge): Promise<RecordProjection | undefined> {
  // The status part is read where the rights rule reads it: both see the same involvement, in the same order.
  const loaded = await loadRecordStatus(db, proposalId)
  if (!loaded) return undefined
  const signatureRows = await db
    .select({ signature: signatures, signerName: users.displayName })
    .from(signatures)
    .innerJoin(users, eq(users.id, signatures.signerId))
    .where(eq(signatures.proposalId, proposalId))
  const commentRows = await db
    .select({ comment: comments, authorName: users.displayName })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.proposalId, proposalId))
    .orderBy(asc(comments.createdAt), asc(comments.id))
  const names = new Map((await db.select({ id: users.id, name: users.displayName }).from(users)).map((u) => [u.id, u.name]))

  const threads = new Map<string, RecordThread>()
  for (const { comment, authorName } of commentRows) {
    let thread = threads.get(comment.threadId)
    if (!thread) {
      thread = {
        id: comment.threadId,
        anchor: (comment.anchor ?? { kind: 'proposal' }) as CommentAnchor,
        mentions: comment.mentions,
        mentionedPeople: [],
        resolved: comment.resolvedAt !== null,
        resolvedByName: comment.resolvedById ? (names.get(comment.resolvedById) ?? null) : null,
        comments: [],
      }
      threads.set(comment.threadId, thread)
    } else {
      thread.mentions = [...new Set([...thread.mentions, ...comment.mentions])]
    }
    for (const id of comment.mentionedUserIds) {
      if (!thread.mentionedPeople!.some((p) => p.id === id)) thread.mentionedPeople!.push({ id, name: names.get(id) ?? id })
    }
    thread.comments.push({
      id: comment.id,
      text: comment.text,
      authorId: comment.authorId,
      authorName,
      departmentId: comment.departmentId,
      createdAt: comment.createdAt.toISOString(),
    })
  }

  return {
    status: loaded.status,
    signatures: signatureRows.map(({ signature, signerName }) => ({
      departmentId: signature.departmentId,
      stance: signature.stance,
      remark: signature.remark,
      signerId: signature.signerId,
      signerName,
      signedAt: signature.signedAt.toISOString(),
      sections: signature.sections,
      sectionsHash: signature.sectionsHash,
      voided: signature.voidedAt !== null,
    })),
    threads: [...threads.values()],
    deadlines: judge ? await projectDeadlines(db, proposalId, judge) : [],
  }
}

async function projectDeadlines(db: Db, proposalId: string, judge: DeadlineJudge): Promise<RecordDeadline[]> {
  const rows = await db
    .select({ departmentId: proposalDepartments.departmentId, due: proposalDepartments.due, extendedAt: proposalDepartments.dueExtendedAt })
    .from(proposalDepartments)
    .where(eq(proposalDepartments.proposalId, proposalId))
  return rows.flatMap(({ departmentId, due, extendedAt }) =>
    due === null ? [] : [{ departmentId, due, passed: judge.isPassed(due), soon: judge.isSoon(due), extended: extendedAt !== null }],
  )
}

/** Writes only the entries that differ, so each change is a small update for the clients. */
export function writeRecord(doc: Y.Doc, projection: RecordProjection): void {
  doc.transact(() => {
    setIfChanged(recordStatusMap(doc), 'current', projection.status)
    syncMap(recordSignaturesMap(doc), new Map(projection.signatures.map((s) => [s.departmentId, s])))
    syncMap(recordThreadsMap(doc), new Map(projection.threads.map((t) => [t.id, t])))
    // A release check projects no deadlines (it judges none); only the record sync writes them.
    syncMap(recordDeadlinesMap(doc), new Map(projection.deadlines.map((d) => [d.departmentId, d])))
  })
}

function syncMap<T>(map: Y.Map<T>, wanted: Map<string, T>): void {
  for (const key of [...map.keys()]) if (!wanted.has(key)) map.delete(key)
  for (const [key, value] of wanted) setIfChanged(map, key, value)
}

function setIfChanged<T>(map: Y.Map<T>, key: string, value: T): void {
  if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value)
}
