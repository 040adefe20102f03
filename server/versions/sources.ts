// Resolves what a request names — a stored version, the live draft, or the state a department signed —
// into a detached content doc plus the record and dates that go with it.
import { and, eq } from 'drizzle-orm'
import type * as Y from 'yjs'
import { proposals, signatures } from '../../db/schema'
import { departmentName } from '../../shared/departments'
import { canonicalSections } from '../../shared/model'
import { draftRef, type DiffRef, type VersionRecord, type VersionSummary } from '../../shared/versions'
import { NotFoundError } from '../domain-errors'
import { snapshotRecord } from './record-snapshot'
import { berlinDay, getVersion, getVersionSummary, versionDoc, type VersionDeps } from './versions'

export type ContentSource = {
  proposal: typeof proposals.$inferSelect
  /** A copy: it does not change under the caller, who destroys it. */
  doc: Y.Doc
  record: VersionRecord
  /** The stored version, or null for the live state. */
  version: VersionSummary | null
  /** The live state of a proposal not yet released: exported with "Entwurf" on every page. */
  draft: boolean
  /** When this state was fixed: the version's creation, or the live state's last change. */
  stamp: Date
}

async function requireProposal(deps: VersionDeps, proposalId: string) {
  const proposal = (await deps.db.select().from(proposals).where(eq(proposals.id, proposalId)))[0]
  if (!proposal) throw new NotFoundError('no such proposal')
  return proposal
}

/** A stored version (by id) or the live state (`draft`). */
export async function loadSource(deps: VersionDeps, proposalId: string, ref: string): Promise<ContentSource> {
  const proposal = await requireProposal(deps, proposalId)
  if (ref !== draftRef) {
    const row = await getVersion(deps.db, proposalId, ref)
    const version = await getVersionSummary(deps.db, proposalId, ref)
    return { proposal, doc: versionDoc(row.state), record: row.record, version, draft: false, stamp: row.createdAt }
  }
  // A detached copy: the room's doc may change (or unload) while the export is rendered.
  const doc = await deps.rooms.storedContent(proposalId)
  const record = (await snapshotRecord(deps.db, proposalId, canonicalSections(doc)))!
  return { proposal, doc, record, version: null, draft: proposal.status !== 'released', stamp: proposal.updatedAt }
}

/** Like loadSource, and also `signature:<department>`: the state that department's signature was given on. */
export async function loadDiffSource(deps: VersionDeps, proposalId: string, ref: DiffRef): Promise<{ doc: Y.Doc; label: string }> {
  if (!ref.startsWith('signature:')) {
    const source = await loadSource(deps, proposalId, ref)
    return { doc: source.doc, label: source.version ? `Fassung ${source.version.number}: ${source.version.name}` : 'Aktueller Stand' }
  }
  await requireProposal(deps, proposalId)
  const departmentId = ref.slice('signature:'.length)
  const signature = (await deps.db
    .select()
    .from(signatures)
    .where(and(eq(signatures.proposalId, proposalId), eq(signatures.departmentId, departmentId))))[0]
  if (!signature) throw new NotFoundError('no signature of this department')
  return { doc: versionDoc(signature.signedState), label: `Mitzeichnung ${departmentName(departmentId)} vom ${berlinDay(signature.signedAt)}` }
}
