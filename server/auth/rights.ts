// Loads what the rights rule (shared/rights.ts) needs from the database: the proposal and who takes part.
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { proposalDepartments, proposals } from '../../db/schema'
import type { RecordStatus } from '../../shared/record'
import { rightsOf, type ProposalRights, type RightsHolder } from '../../shared/rights'

export type ProposalRow = typeof proposals.$inferSelect

/** A proposal with the signed-in user's rights on it. */
export type ProposalAccess = { proposal: ProposalRow; rights: ProposalRights }

/** The status part of the record, straight from SQL (the record room shows the same). */
export async function loadRecordStatus(db: Db, proposalId: string): Promise<{ proposal: ProposalRow; status: RecordStatus } | undefined> {
  const proposal = (await db.select().from(proposals).where(eq(proposals.id, proposalId)))[0]
  if (!proposal) return undefined
  const involved = await db
    .select({ departmentId: proposalDepartments.departmentId, sections: proposalDepartments.sections })
    .from(proposalDepartments)
    .where(eq(proposalDepartments.proposalId, proposalId))
    .orderBy(asc(proposalDepartments.createdAt), asc(proposalDepartments.departmentId))
  return { proposal, status: { status: proposal.status, leadDepartmentId: proposal.leadDepartmentId, involved } }
}

/** The user's access to the proposal; undefined when it does not exist. */
export async function accessOf(db: Db, user: RightsHolder, proposalId: string): Promise<ProposalAccess | undefined> {
  const loaded = await loadRecordStatus(db, proposalId)
  return loaded && { proposal: loaded.proposal, rights: rightsOf(user, loaded.status) }
}
