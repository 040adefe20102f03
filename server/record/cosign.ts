// The co-signing round: involve departments, sign, release, reopen. Every rule is checked here,
// against the session's user and the server's own copy of the content.
import { and, eq } from 'drizzle-orm'
import { HTTPException } from 'hono/http-exception'
import * as Y from 'yjs'
import type { Db } from '../../db/client'
import { departments, proposalDepartments, proposals, signatures } from '../../db/schema'
import type { SessionUser } from '../../shared/identity'
import { contentHash, sectionsHash, type SectionName } from '../../shared/model'
import type { ProposalStatus } from '../../shared/proposal'
import { stancesNeedingRemark, type Stance } from '../../shared/record'
import type { InvolvedDepartmentsInput } from '../../shared/record-api'
import { rightsFor, type ProposalRights } from '../auth/rights'
import { storeReleasedVersion } from '../versions/versions'
import { appendAudit } from './audit'
import type { ProposalRecords } from './records'

export type CosignDeps = { db: Db; records: ProposalRecords; onRightsChanged: (proposalId: string) => void }

const forbidden = (message: string) => new HTTPException(403, { message })
const conflict = (message: string) => new HTTPException(409, { message })

export function requireRights(db: Db, user: SessionUser, proposalId: string): ProposalRights {
  const rights = rightsFor(db, user, proposalId)
  if (!rights) throw new HTTPException(404, { message: 'no such proposal' })
  return rights
}

/** Sets the involved departments and the sections each signs for; starts the round from a draft. */
export async function setInvolvedDepartments(
  deps: CosignDeps,
  user: SessionUser,
  proposalId: string,
  input: InvolvedDepartmentsInput,
  options: { startRound: boolean },
): Promise<void> {
  const { db, records } = deps
  const rights = requireRights(db, user, proposalId)
  if (!rights.canSteer) throw forbidden('only a lead of the leading department may choose the involved departments')
  const status = rights.proposal.status
  if (status === 'released') throw conflict('the proposal is released; reopen it first')
  if (options.startRound && status !== 'draft') throw conflict('the co-signing round has started already')
  const known = new Set(db.select({ id: departments.id }).from(departments).all().map((d) => d.id))
  for (const { departmentId } of input.departments) {
    if (!known.has(departmentId)) throw new HTTPException(400, { message: `departments: unknown department ${departmentId}` })
    if (departmentId === rights.proposal.leadDepartmentId) {
      throw new HTTPException(400, { message: 'departments: the leading department does not co-sign its own proposal' })
    }
  }
  if (options.startRound && input.departments.length === 0) {
    throw new HTTPException(400, { message: 'departments: choose at least one department to co-sign' })
  }
  const doc = await records.storedContent(proposalId)
  const nextStatus: ProposalStatus = options.startRound ? 'cosigning' : status
  db.transaction((tx) => {
    tx.delete(proposalDepartments).where(eq(proposalDepartments.proposalId, proposalId)).run()
    for (const { departmentId, sections } of input.departments) {
      tx.insert(proposalDepartments).values({ proposalId, departmentId, sections }).run()
    }
    tx.update(proposals).set({ status: nextStatus, updatedAt: new Date() }).where(eq(proposals.id, proposalId)).run()
    appendAudit(tx, {
      proposalId,
      user,
      action: options.startRound ? 'co-signing started' : 'involved departments changed',
      detail: { departments: input.departments },
      contentHash: contentHash(doc),
    })
  })
  deps.onRightsChanged(proposalId)
  records.reconcileStatus(proposalId, doc)
  records.publish(proposalId)
}

/** Records the signer's department's stance, bound to the hash of its sections as stored now. */
export async function sign(
  deps: CosignDeps,
  user: SessionUser,
  proposalId: string,
  input: { stance: Stance; remark: string },
): Promise<void> {
  const { db, records } = deps
  const rights = requireRights(db, user, proposalId)
  if (!rights.canSign) throw forbidden('only a lead of an involved department may sign for it')
  if (rights.proposal.status !== 'cosigning' && rights.proposal.status !== 'cosigned') {
    throw conflict(rights.proposal.status === 'draft' ? 'the co-signing round has not started' : 'the proposal is released')
  }
  if (stancesNeedingRemark.includes(input.stance) && input.remark === '') {
    throw new HTTPException(400, { message: 'remark: a remark is required for this stance' })
  }
  const involvement = db
    .select()
    .from(proposalDepartments)
    .where(and(eq(proposalDepartments.proposalId, proposalId), eq(proposalDepartments.departmentId, user.departmentId)))
    .get()!
  const sections = involvement.sections as SectionName[]
  const doc = await records.storedContent(proposalId)
  const hash = sectionsHash(doc, sections)
  const values = {
    stance: input.stance,
    remark: input.remark,
    signerId: user.id,
    sections,
    sectionsHash: hash,
    signedState: Buffer.from(Y.encodeStateAsUpdate(doc)),
    signedAt: new Date(),
    voidedAt: null,
  }
  db.transaction((tx) => {
    tx.insert(signatures)
      .values({ proposalId, departmentId: user.departmentId, ...values })
      .onConflictDoUpdate({ target: [signatures.proposalId, signatures.departmentId], set: values })
      .run()
    appendAudit(tx, {
      proposalId,
      user,
      action: 'signed',
      detail: { stance: input.stance, remark: input.remark, sections, sectionsHash: hash },
      contentHash: contentHash(doc),
    })
  })
  records.reconcileStatus(proposalId, doc)
  records.publish(proposalId)
}

/** Freezes a fully co-signed proposal: its content becomes read-only for everyone. */
export async function release(deps: CosignDeps, user: SessionUser, proposalId: string): Promise<void> {
  const { db, records } = deps
  const rights = requireRights(db, user, proposalId)
  if (!rights.canSteer) throw forbidden('only a lead of the leading department may release')
  const doc = await records.storedContent(proposalId)
  // Judge the signatures on the content as it is now, not as the last debounced check saw it.
  if (records.reconcileStatus(proposalId, doc) !== 'cosigned') {
    throw conflict('every involved department needs a current signature before release')
  }
  setStatus(deps, user, proposalId, doc, 'released', 'released')
  await storeReleasedVersion(deps, user, proposalId)
}

/** Reopens a released proposal for editing; every signature becomes outdated. */
export async function reopen(deps: CosignDeps, user: SessionUser, proposalId: string): Promise<void> {
  const { db, records } = deps
  const rights = requireRights(db, user, proposalId)
  if (!rights.canSteer) throw forbidden('only a lead of the leading department may reopen')
  if (rights.proposal.status !== 'released') throw conflict('only a released proposal can be reopened')
  const doc = await records.storedContent(proposalId)
  db.update(signatures).set({ voidedAt: new Date() }).where(eq(signatures.proposalId, proposalId)).run()
  setStatus(deps, user, proposalId, doc, 'cosigning', 'reopened')
}

function setStatus(deps: CosignDeps, user: SessionUser, proposalId: string, doc: Y.Doc, status: ProposalStatus, action: string) {
  const { db, records } = deps
  db.transaction((tx) => {
    tx.update(proposals).set({ status, updatedAt: new Date() }).where(eq(proposals.id, proposalId)).run()
    appendAudit(tx, { proposalId, user, action, detail: { status }, contentHash: contentHash(doc) })
  })
  deps.onRightsChanged(proposalId)
  records.publish(proposalId)
}
