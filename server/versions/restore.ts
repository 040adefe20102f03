// Restore: a version's content comes back into the live draft as a new change, through the room, so
// everyone connected sees it at once; the state it replaces is kept as a version first.
import type { SessionUser } from '../../shared/identity'
import { contentHash } from '../../shared/model'
import type { ProposalAccess } from '../auth/rights'
import { ConflictError, ForbiddenError } from '../domain-errors'
import { appendAudit } from '../record/audit'
import { applyContent } from './apply-content'
import type { RestoreResult } from '../../shared/api-responses'
import { getVersion, getVersionSummary, insertVersion, versionDoc, type VersionDeps } from './versions'

export async function restoreVersion(deps: VersionDeps, user: SessionUser, { proposal, rights }: ProposalAccess, versionId: string): Promise<RestoreResult> {
  const { db } = deps
  const proposalId = proposal.id
  if (proposal.status === 'released') throw new ConflictError('the proposal is released; reopen it before restoring a version')
  if (!rights.canEdit) throw new ForbiddenError('only members who may edit the proposal can restore a version')
  const version = getVersion(db, proposalId, versionId)
  const restored = getVersionSummary(db, proposalId, versionId)
  const old = versionDoc(version.state)
  try {
    // One synchronous step on the room's stored state: the kept version is exactly the state replaced.
    // The room stores the change, then sends it to every connected client; we answer after that.
    const outcome = await deps.rooms.changeContent(proposalId, (live) => {
      if (contentHash(live) === version.contentHash) return { kept: null, hash: version.contentHash }
      const kept = insertVersion(db, user, proposalId, live, { name: `Stand vor Wiederherstellung von „${version.name}“`, origin: 'restore' })
      applyContent(live, old)
      const hash = contentHash(live)
      appendAudit(db, { proposalId, user, action: 'version restored', detail: { versionId, number: version.number, name: version.name, keptVersionId: kept.id }, contentHash: hash })
      return { kept, hash }
      // The restored words are the restoring user's change: the change list and the Verlauf name them.
    }, { userId: user.id, departmentId: user.departmentId })
    return { restored, kept: outcome.kept, contentHash: outcome.hash }
  } finally {
    old.destroy()
  }
}
