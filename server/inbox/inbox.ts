// Builds a person's inbox from SQL: signatures my department owes (deadline order, overdue first), its
// outdated ones, unresolved mentions of my department or me, my threads with newer answers, and what
// my department's proposals wait for.
import type { Db } from '../../db/client'
import { boardPath } from '../../shared/board-links'
import type { SessionUser } from '../../shared/identity'
import type { Inbox, InboxDeadline, InboxEntry } from '../../shared/inbox'
import type { RoundCalendar } from '../proposals/calendar'
import { commentsOfMyThreads, involvementsFor, mentioningComments, resolvedThreads, type CommentRow, type InvolvementRow } from './inbox-queries'

const excerptLength = 140

export async function buildInbox(db: Db, calendar: RoundCalendar, user: SessionUser): Promise<Inbox> {
  const judge = (due: string | null): InboxDeadline => ({ due, passed: due !== null && calendar.isPassed(due), soon: due !== null && calendar.isSoon(due) })
  const involvements = await involvementsFor(db, user.departmentId)
  const threads = await threadEntries(db, user)
  return {
    today: calendar.today(),
    entries: [...owedSignatures(involvements, user, judge), ...threads, ...waitingForOthers(involvements, user, judge)],
  }
}

/** Overdue first, then the nearest deadline; none last. */
const byDeadline = (a: InboxDeadline, b: InboxDeadline) => Number(b.passed) - Number(a.passed) || (a.due ?? '9999').localeCompare(b.due ?? '9999')

function owedSignatures(rows: InvolvementRow[], user: SessionUser, judge: (due: string | null) => InboxDeadline): InboxEntry[] {
  return rows
    .filter((row) => row.departmentId === user.departmentId && (!row.signed || row.outdated))
    .map((row) => ({
      kind: row.signed ? ('outdated' as const) : ('awaiting' as const),
      proposalId: row.proposalId,
      number: row.number,
      title: row.title,
      href: boardPath(row.proposalId, { kind: 'signature', departmentId: row.departmentId }),
      departmentId: row.departmentId,
      ...judge(row.due),
    }))
    .sort(byDeadline)
}

function waitingForOthers(rows: InvolvementRow[], user: SessionUser, judge: (due: string | null) => InboxDeadline): InboxEntry[] {
  const byProposal = new Map<string, Extract<InboxEntry, { kind: 'waiting' }>>()
  for (const row of rows) {
    if (row.leadDepartmentId !== user.departmentId || (row.signed && !row.outdated)) continue
    const entry = byProposal.get(row.proposalId) ?? {
      kind: 'waiting' as const,
      proposalId: row.proposalId,
      number: row.number,
      title: row.title,
      href: boardPath(row.proposalId, { kind: 'cosign' }),
      departments: [],
    }
    entry.departments.push({ departmentId: row.departmentId, state: row.signed ? 'outdated' : 'pending', ...judge(row.due) })
    byProposal.set(row.proposalId, entry)
  }
  for (const entry of byProposal.values()) entry.departments.sort(byDeadline)
  return [...byProposal.values()].sort((a, b) => byDeadline(a.departments[0]!, b.departments[0]!))
}

/** Unresolved threads that mention my department or me; and threads I wrote in whose last word is someone else's. */
async function threadEntries(db: Db, user: SessionUser): Promise<InboxEntry[]> {
  const mentions = (await mentioningComments(db, user.id)).filter((c) => c.mentions.includes(user.departmentId) || c.mentionedUserIds.includes(user.id))
  const mine = await commentsOfMyThreads(db, user.id)
  const resolved = await resolvedThreads(db, [...new Set([...mentions, ...mine].map((c) => c.threadId))])
  const latestMention = latestPerThread(mentions.filter((c) => !resolved.has(c.threadId)))
  const entries: InboxEntry[] = [...latestMention.values()].map((c) => threadEntry('mention', c))
  const byThread = new Map<string, CommentRow[]>()
  for (const comment of mine) byThread.set(comment.threadId, [...(byThread.get(comment.threadId) ?? []), comment])
  for (const [threadId, list] of byThread) {
    if (resolved.has(threadId) || latestMention.has(threadId)) continue
    const sorted = list.sort(byTime)
    const last = sorted.at(-1)!
    if (last.authorId !== user.id) entries.push(threadEntry('reply', last))
  }
  return entries.sort((a, b) => ('at' in b ? b.at : '').localeCompare('at' in a ? a.at : ''))
}

const byTime = (a: CommentRow, b: CommentRow) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)

function latestPerThread(list: CommentRow[]): Map<string, CommentRow> {
  const latest = new Map<string, CommentRow>()
  for (const comment of list.sort(byTime)) latest.set(comment.threadId, comment)
  return latest
}

function threadEntry(kind: 'mention' | 'reply', c: CommentRow): InboxEntry {
  const line = c.text.replace(/\s+/g, ' ').trim()
  return {
    kind,
    proposalId: c.proposalId,
    number: c.number,
    title: c.title,
    href: boardPath(c.proposalId, { kind: 'thread', threadId: c.threadId }),
    threadId: c.threadId,
    authorName: c.authorName,
    excerpt: line.length > excerptLength ? `${line.slice(0, excerptLength - 1)}…` : line,
    at: c.createdAt.toISOString(),
  }
}
