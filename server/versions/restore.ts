// Restore: a version's content comes back into the live draft as a new change, through the room, so
// everyone connected sees it at once; the state it replaces is kept as a version first.
import { HTTPException } from 'hono/http-exception'
import type { SessionUser } from '../../shared/identity'
import { contentHash } from '../../shared/model'
import type { VersionSummary } from '../../shared/versions'
import { appendAudit } from '../record/audit'
import { applyContent } from './apply-content'
import { getVersion, getVersionSummary, insertVersion, requireRights, versionDoc, type VersionDeps } from './versions'

export type RestoreResult = {
  restored: VersionSummary
  /** The live state from just before, kept as a version; null when nothing had to change. */
  kept: VersionSummary | null
  contentHash: string
}

export async function restoreVersion(deps: VersionDeps, user: SessionUser, proposalId: string, versionId: string): Promise<RestoreResult> {
  const { db, records } = deps
  const rights = requireRights(db, user, proposalId)
  if (rights.proposal.status === 'released') throw new HTTPException(409, { message: 'the proposal is released; reopen it before restoring a version' })
  if (!rights.canEdit) throw new HTTPException(403, { message: 'only members who may edit the proposal can restore a version' })
  const version = getVersion(db, proposalId, versionId)
  const restored = getVersionSummary(db, proposalId, versionId)

  // The room's own doc: what is written here is stored, then sent to every connected client.
  const live = await records.storedContent(proposalId)
  if (contentHash(live) === version.contentHash) return { restored, kept: null, contentHash: version.contentHash }
  const old = versionDoc(version.state)
  let kept: VersionSummary
  try {
    // No await from here to the write: the kept state is exactly the state replaced.
    kept = insertVersion(db, user, proposalId, live, { name: `Stand vor Wiederherstellung von „${version.name}“`, origin: 'restore' })
    applyContent(live, old)
  } finally {
    old.destroy()
  }
  const hash = contentHash(live)
  appendAudit(db, { proposalId, user, action: 'version restored', detail: { versionId, number: version.number, name: version.name, keptVersionId: kept.id }, contentHash: hash })
  // Answer only once the change is stored (and so sent to the others).
  await records.storedContent(proposalId)
  return { restored, kept, contentHash: hash }
}
