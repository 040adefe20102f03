// The server-owned record of a proposal — status, involved departments, signatures, comment threads —
// kept in a second Y.Doc that only the server writes and every client reads live.
import type * as Y from 'yjs'
import type { ProposalStatus } from './proposal'

export const stances = ['acknowledged', 'approved', 'remarks', 'objection'] as const
export type Stance = (typeof stances)[number]
/** Stances that need a remark: a dissent or a note must say what it is about. */
export const stancesNeedingRemark: readonly Stance[] = ['remarks', 'objection']

/** Whether a department writes the content directly or only suggests changes the lead accepts. */
export const editModes = ['edit', 'suggest'] as const
export type EditMode = (typeof editModes)[number]

export type InvolvedDepartment = { departmentId: string; sections: string[]; editMode?: EditMode }

export type RecordStatus = {
  status: ProposalStatus
  leadDepartmentId: string
  involved: InvolvedDepartment[]
}

export type RecordSignature = {
  departmentId: string
  stance: Stance
  remark: string
  signerId: string
  signerName: string
  signedAt: string
  sections: string[]
  /** Hash of the signed sections when the signature was given; current while it still matches. */
  sectionsHash: string
  /** Set when the lead reopened a released proposal: outdated whatever the content. */
  voided: boolean
}

export type CommentAnchor =
  | { kind: 'position'; positionId: string }
  | { kind: 'body'; from: string; to: string; quote: string }
  | { kind: 'proposal' }

export type RecordComment = {
  id: string
  text: string
  authorId: string
  authorName: string
  departmentId: string
  createdAt: string
}

export type RecordThread = {
  id: string
  anchor: CommentAnchor
  mentions: string[]
  /** People mentioned by name (`@akr.lead`), with their display names. */
  mentionedPeople?: { id: string; name: string }[]
  resolved: boolean
  resolvedByName: string | null
  comments: RecordComment[]
}

/** A department's co-signing deadline, as the server's clock judges it. */
export type RecordDeadline = {
  departmentId: string
  /** The last day to sign, `YYYY-MM-DD`. */
  due: string
  /** Today is after the due day (the board shows "überfällig" while the signature is not current). */
  passed: boolean
  /** At most the warning's working days left. */
  soon: boolean
  /** The lead has moved it since the round started. */
  extended: boolean
}

export const recordStatusMap = (doc: Y.Doc) => doc.getMap<RecordStatus>('status')
export const recordSignaturesMap = (doc: Y.Doc) => doc.getMap<RecordSignature>('signatures')
export const recordThreadsMap = (doc: Y.Doc) => doc.getMap<RecordThread>('threads')

export const recordDeadlinesMap = (doc: Y.Doc) => doc.getMap<RecordDeadline>('deadlines')

export function readDeadlines(doc: Y.Doc): RecordDeadline[] {
  return [...recordDeadlinesMap(doc).values()].sort((a, b) => a.departmentId.localeCompare(b.departmentId))
}

export function readRecordStatus(doc: Y.Doc): RecordStatus | undefined {
  return recordStatusMap(doc).get('current')
}

export function readSignatures(doc: Y.Doc): RecordSignature[] {
  return [...recordSignaturesMap(doc).values()].sort((a, b) => a.departmentId.localeCompare(b.departmentId))
}

export function readThreads(doc: Y.Doc): RecordThread[] {
  return [...recordThreadsMap(doc).values()].sort((a, b) =>
    (a.comments[0]?.createdAt ?? '').localeCompare(b.comments[0]?.createdAt ?? ''),
  )
}

/** Open threads per position id, for the badges on the positions table. */
export function openThreadsByPosition(threads: RecordThread[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const thread of threads) {
    if (thread.resolved || thread.anchor.kind !== 'position') continue
    counts.set(thread.anchor.positionId, (counts.get(thread.anchor.positionId) ?? 0) + 1)
  }
  return counts
}
