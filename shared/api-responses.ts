// What the REST API answers, once for both sides: the server's routes check each answer against
// these types (`satisfies`), and the client's `send<T>()` reads them with the same types.
import type { ProposalDiff } from './diff/types'
import type { Change } from './json-diff'
import type { SectionName } from './model'
import type { VersionRecord, VersionSummary } from './versions'

export type { ProposalRights } from './rights'

/** A command that changed server-owned state; the record document shows the outcome live. */
export type Ok = { ok: true }

/** Something was created: a comment thread, a reply. */
export type Created = { id: string }

/** POST /api/me/password. */
export type PasswordChanged = { ok: true; endedSessions: number }

/** POST /api/users/:id/password. */
export type PasswordReset = { id: string; endedSessions: number }

/** POST /api/users/:id/disable and /enable. */
export type AccountState = { id: string; disabled: boolean }

/** A member of the lead's department (GET /api/departments/:id/users). */
export type DepartmentMember = { id: string; username: string; displayName: string; role: string; disabled: boolean }

/**
 * Who made a change, as the server stamped it from their session: name and department at the time,
 * and when (to the minute; null for the server's own writes). A null name is the server itself.
 */
export type ChangeAuthor = { userName: string | null; departmentId: string | null; at: string | null }

/** What changed in a department's sections since it signed (GET …/signatures/:departmentId/changes). */
export type SignatureChanges = {
  departmentId: string
  signedAt: string
  sections: SectionName[]
  /** Each change with the people who made it, earliest first (empty when nobody is known). */
  changes: (Change & { authors: ChangeAuthor[] })[]
}

/** Who owns a Yjs client id of the content (GET …/authors): to colour text by its author. null: the server. */
export type ClientAuthor = { clientId: number; userId: string | null; userName: string | null; departmentId: string | null }

/** One person's content edits in one burst of activity (GET …/edits), for the Verlauf. */
export type EditBurst = {
  userName: string | null
  departmentId: string
  from: string
  to: string
  /** Stored updates (roughly keystrokes and steps) in the burst. */
  updates: number
  sections: SectionName[]
}

/** One line of a proposal's audit log (GET /api/proposals/:id/audit). */
export type AuditEntry = {
  id: number
  at: string
  userName: string | null
  departmentId: string | null
  action: string
  detail: Record<string, unknown> | null
  contentHash: string
}

/** A version or the draft, opened (GET …/versions/:ref). */
export type OpenedVersion = {
  version: VersionSummary | null
  draft: boolean
  contentHash: string
  /** The canonical content, as hashed. */
  content: unknown
  /** The full Yjs state, base64: the client renders it with the board's own read-only views. */
  state: string
  record: VersionRecord | null
}

/** POST …/versions/:id/restore. */
export type RestoreResult = {
  restored: VersionSummary
  /** The live state from just before, kept as a version; null when nothing had to change. */
  kept: VersionSummary | null
  contentHash: string
}

/** GET …/diff?from=…&to=…. */
export type DiffAnswer = { from: { ref: string; label: string }; to: { ref: string; label: string }; diff: ProposalDiff }

/** GET /api/proposals/:id/oparl: the paper's stable URL on the OParl endpoint, once a release published it. */
export type OparlLink =
  | { enabled: false }
  | { enabled: true; paperUrl: null }
  | { enabled: true; paperUrl: string; /** false while the paper is reopened: its OParl object says `deleted`. */ published: boolean }
