// Restore: a version's content comes back into the live draft as a new change, through the room, so
// everyone connected sees it at once; the state it replaces is kept as a version first.
import * as Y from 'yjs'
import type { SessionUser } from '../../shared/identity'
import { contentHash } from '../../shared/model/content-hash'
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
  const version = await getVersion(db, proposalId, versionId)
  const restored = await getVersionSummary(db, proposalId, versionId)
  const old = versionDoc(version.state)
  try {
    // One synchronous step on the room's stored state: the state replaced is captured exactly, then
    // replaced; the room stores the change and sends it to every connected client.
    const outcome = await deps.rooms.changeContent(proposalId, (live) => {
      if (contentHash(live) === version.contentHash) return { replaced: null, hash: version.contentHash }
      const replaced = Y.encodeStateAsUpdate(live)
      applyContent(live, old)
      return { replaced, hash: contentHash(live) }
      // The restored words are the restoring user's change: the change list and the Verlauf name them.
    }, { userId: user.id, departmentId: user.departmentId })
    if (!outcome.replaced) return { restored, kept: null, contentHash: outcome.hash }
    // The replaced state is kept as a version, and the restore audited, once the change is stored.
    const replacedDoc = versionDoc(outcome.replaced)
    try {
      const kept = await insertVersion(db, user, proposalId, replacedDoc, { name: `Stand vor Wiederherstellung von „${version.name}“`, origin: 'restore' })
      await appendAudit(db, { proposalId, user, action: 'version restored', detail: { versionId, number: version.number, name: version.name, keptVersionId: kept.id }, contentHash: outcome.hash })
      return { restored, kept, contentHash: outcome.hash }
    } finally {
      replacedDoc.destroy()
    }
  } finally {
    old.destroy()
  }
}
