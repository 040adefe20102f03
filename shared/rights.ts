// The one rights rule: what a user may do with a proposal, from the proposal's record status alone.
// The REST middleware, the WebSocket upgrade, the socket re-check and the client all call this.
import type { Role } from './identity'
import type { ProposalStatus } from './proposal'
import type { RecordStatus } from './record'

export type RightsHolder = { departmentId: string; role: Role }

export type ProposalRights = {
  status: ProposalStatus
  /** Departments that take part: the lead department and the involved ones. */
  memberDepartmentIds: string[]
  /** May change the content (not viewers, only member departments, never while released). */
  canEdit: boolean
  /** May choose who co-signs, release and reopen: a lead of the lead department. */
  canSteer: boolean
  /** May sign for their department: a lead of an involved department. */
  canSign: boolean
  /** May start, answer and resolve comment threads: everyone who may read, but viewers. */
  canComment: boolean
  /** May edit, but only by suggestion: an involved department the lead set to suggest. */
  mustSuggest: boolean
  /** May accept or reject suggestions: an editor or lead of the lead department. */
  canDecideSuggestions: boolean
}

export function rightsOf(user: RightsHolder, record: RecordStatus): ProposalRights {
  const involved = record.involved.map((d) => d.departmentId)
  const memberDepartmentIds = [record.leadDepartmentId, ...involved.filter((id) => id !== record.leadDepartmentId)]
  const canEdit = memberDepartmentIds.includes(user.departmentId) && user.role !== 'viewer' && record.status !== 'released'
  return {
    status: record.status,
    memberDepartmentIds,
    canEdit,
    canSteer: user.role === 'lead' && user.departmentId === record.leadDepartmentId,
    canSign: user.role === 'lead' && involved.includes(user.departmentId),
    canComment: user.role !== 'viewer',
    mustSuggest: canEdit && record.involved.some((d) => d.departmentId === user.departmentId && d.editMode === 'suggest'),
    canDecideSuggestions: canEdit && user.departmentId === record.leadDepartmentId,
  }
}
