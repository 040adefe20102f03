// REST calls for versions, diffs and export links.
import type { DiffAnswer, OparlLink, OpenedVersion, RestoreResult } from '../../../shared/api-responses'
import type { VersionSummary } from '../../../shared/versions'
import { send } from '../api'

const base = (proposalId: string) => `/proposals/${encodeURIComponent(proposalId)}`

export type { DiffAnswer, OpenedVersion } from '../../../shared/api-responses'

export const versionsApi = {
  list: (proposalId: string) => send<VersionSummary[]>('GET', `${base(proposalId)}/versions`),
  create: (proposalId: string, name: string) => send<VersionSummary>('POST', `${base(proposalId)}/versions`, { name }),
  open: (proposalId: string, ref: string) => send<OpenedVersion>('GET', `${base(proposalId)}/versions/${encodeURIComponent(ref)}`),
  restore: (proposalId: string, versionId: string) =>
    send<RestoreResult>('POST', `${base(proposalId)}/versions/${encodeURIComponent(versionId)}/restore`),
  /** Where the released paper is on the OParl endpoint (null before its first release). */
  oparl: (proposalId: string) => send<OparlLink>('GET', `${base(proposalId)}/oparl`),
  diff: (proposalId: string, from: string, to: string) =>
    send<DiffAnswer>('GET', `${base(proposalId)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`),
}

/** The download address of an export of a version (or `draft`). */
export const exportUrl = (proposalId: string, ref: string, format: 'docx' | 'pdf' | 'json') =>
  `/api${base(proposalId)}/versions/${encodeURIComponent(ref)}/export.${format}`
