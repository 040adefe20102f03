// Who may do what with a proposal — decided here and nowhere else, always from the database.
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { proposalDepartments, proposals } from '../../db/schema'
import type { SessionUser } from '../../shared/identity'

export type ProposalRights = {
  proposal: typeof proposals.$inferSelect
  /** Departments that take part: the lead department and the involved ones. */
  memberDepartmentIds: string[]
  /** May change the content (not viewers, only member departments, never while released). */
  canEdit: boolean
  /** May start the co-signing round, release and reopen: a lead of the lead department. */
  canSteer: boolean
  /** May sign for their department: a lead of an involved department. */
  canSign: boolean
}

export function rightsFor(db: Db, user: SessionUser, proposalId: string): ProposalRights | undefined {
  const proposal = db.select().from(proposals).where(eq(proposals.id, proposalId)).get()
  if (!proposal) return undefined
  const involved = db
    .select({ departmentId: proposalDepartments.departmentId })
    .from(proposalDepartments)
    .where(eq(proposalDepartments.proposalId, proposalId))
    .all()
    .map((row) => row.departmentId)
  const memberDepartmentIds = [proposal.leadDepartmentId, ...involved.filter((id) => id !== proposal.leadDepartmentId)]
  const isMember = memberDepartmentIds.includes(user.departmentId)
  return {
    proposal,
    memberDepartmentIds,
    canEdit: isMember && user.role !== 'viewer' && proposal.status !== 'released',
    canSteer: user.role === 'lead' && user.departmentId === proposal.leadDepartmentId,
    canSign: user.role === 'lead' && involved.includes(user.departmentId),
  }
}
