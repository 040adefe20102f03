// The co-signing round: involve departments, sign, release, reopen. Each command reads the stored
// content once, writes everything it changes (status and audit included) in one transaction, and
// publishes the record once, after the commit.
import { and, eq } from 'drizzle-orm'
import * as Y from 'yjs'
import type { Db } from '../../db/client'
import { transaction } from '../../db/transaction'
import { departments, proposalDepartments, proposals, signatures } from '../../db/schema'
import type { SessionUser } from '../../shared/identity'
import { canonicalSections, type CanonicalSections, type SectionName } from '../../shared/model'
import { hashSections } from '../../shared/model/content-hash'
import type { ProposalStatus } from '../../shared/proposal'
import { stancesNeedingRemark, type Stance } from '../../shared/record'
import type { InvolvedDepartmentsInput, ReleaseInput } from '../../shared/record-api'
import { releaseChecklist } from '../../shared/release-checks'
import type { ProposalAccess } from '../auth/rights'
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, NotFoundError } from '../domain-errors'
import { appendAudit } from '../record/audit'
import { projectRecord } from '../record/projection'
import type { ProposalRooms } from '../sync/proposal-rooms'
import { releasedVersionName, writeVersion } from '../versions/versions'
import type { RoundEvents } from '../notifications/events'
import type { RoundCalendar } from './calendar'
import type { RecordSync } from './record-sync'
import { contentHashOf, reconcileStatus } from './status'

export type ProposalDeps = {
  db: Db
  rooms: ProposalRooms
  record: RecordSync
  /** Open sockets of the proposal are re-checked: a status or involvement change changes who may write. */
  onRightsChanged: (proposalId: string) => Promise<void>
  /** Today and the default deadline, from the server's clock. */
  calendar: RoundCalendar
  /** Who is told of what happened, after the commit. */
  events: RoundEvents
}

/** Tells the departments whose signature a reconcile found outdated. */
function reportOutdated(deps: ProposalDeps, proposalId: string, departmentIds: string[]): void {
  if (departmentIds.length > 0) deps.events.emit({ kind: 'signature-outdated', proposalId, departmentIds })
}

/** The stored content, read once: its canonical sections, and its full state for a signature or version. */
async function readContent(deps: ProposalDeps, proposalId: string): Promise<{ doc: Y.Doc; sections: CanonicalSections }> {
  const doc = await deps.rooms.storedContent(proposalId)
  try {
    return { doc, sections: canonicalSections(doc) }
  } catch (error) {
    doc.destroy()
    throw error
  }
}

/** The status as committed now: the proposal may have changed while the content was read. */
async function statusIn(tx: Db, proposalId: string): Promise<ProposalStatus> {
  const row = (await tx.select({ status: proposals.status }).from(proposals).where(eq(proposals.id, proposalId)))[0]
  if (!row) throw new NotFoundError('no such proposal')
  return row.status
}

/** Sets the involved departments and the sections each signs for; starts the round from a draft. */
export async function setInvolvedDepartments(
  deps: ProposalDeps,
  user: SessionUser,
  { proposal, rights }: ProposalAccess,
  input: InvolvedDepartmentsInput,
  options: { startRound: boolean },
): Promise<void> {
  const { db } = deps
  const proposalId = proposal.id
  if (!rights.canSteer) throw new ForbiddenError('only a lead of the leading department may choose the involved departments')
  const known = new Set((await db.select({ id: departments.id }).from(departments)).map((d) => d.id))
  const today = deps.calendar.today()
  for (const { departmentId, due } of input.departments) {
    if (!known.has(departmentId)) throw new InvalidInputError(`departments: unknown department ${departmentId}`)
    if (departmentId === proposal.leadDepartmentId) {
      throw new InvalidInputError('departments: the leading department does not co-sign its own proposal')
    }
    if (due !== undefined && due < today) throw new InvalidInputError(`departments: the deadline of ${departmentId} lies in the past`)
  }
  checkRoundState(proposal.status, options.startRound)
  if (options.startRound && input.departments.length === 0) {
    throw new InvalidInputError('departments: choose at least one department to co-sign')
  }
  const { doc, sections } = await readContent(deps, proposalId)
  doc.destroy()
  const { added, newlyOutdated } = await transaction(db, async (tx) => {
    const status = await statusIn(tx, proposalId)
    checkRoundState(status, options.startRound)
    const previous = new Map((await tx.select().from(proposalDepartments).where(eq(proposalDepartments.proposalId, proposalId))).map((row) => [row.departmentId, row]))
    const running = status !== 'draft'
    await tx.delete(proposalDepartments).where(eq(proposalDepartments.proposalId, proposalId))
    for (const { departmentId, sections: signed, due, editMode } of input.departments) {
      const before = previous.get(departmentId)
      // A running round keeps each deadline as it stands (the lead extends it on its own); a new department gets one.
      const deadline =
        running && before?.due
          ? { due: before.due, dueExtendedAt: before.dueExtendedAt }
          : { due: due ?? before?.due ?? (running || options.startRound ? deps.calendar.defaultDue() : null), dueExtendedAt: null }
      await tx.insert(proposalDepartments).values({ proposalId, departmentId, sections: signed, editMode, ...deadline })
    }
    await tx.update(proposals)
      .set({ status: options.startRound ? 'cosigning' : status, updatedAt: new Date() })
      .where(eq(proposals.id, proposalId))
    await appendAudit(tx, {
      proposalId,
      user,
      action: options.startRound ? 'co-signing started' : 'involved departments changed',
      detail: { departments: await involvementIn(tx, proposalId) },
      contentHash: contentHashOf(sections),
    })
    const { newlyOutdated } = await reconcileStatus(tx, proposalId, sections, deps.calendar.now())
    const asked = input.departments.map((d) => d.departmentId)
    return { added: options.startRound ? asked : running ? asked.filter((id) => !previous.has(id)) : [], newlyOutdated }
  })
  await deps.onRightsChanged(proposalId)
  await deps.record.publish(proposalId)
  if (added.length > 0) deps.events.emit({ kind: 'round-started', proposalId, departmentIds: added, actor: user })
  reportOutdated(deps, proposalId, newlyOutdated)
}

/** The involved departments as now written, with their sections and deadlines: what the audit entry keeps. */
async function involvementIn(tx: Db, proposalId: string) {
  const { departmentId, sections, due, editMode } = proposalDepartments
  return await tx.select({ departmentId, sections, due, editMode }).from(proposalDepartments).where(eq(proposalDepartments.proposalId, proposalId))
}

function checkRoundState(status: ProposalStatus, startRound: boolean): void {
  if (status === 'released') throw new ConflictError('the proposal is released; reopen it first')
  if (startRound && status !== 'draft') throw new ConflictError('the co-signing round has started already')
}

function checkSignable(status: ProposalStatus): void {
  if (status !== 'cosigning' && status !== 'cosigned') {
    throw new ConflictError(status === 'draft' ? 'the co-signing round has not started' : 'the proposal is released')
  }
}

/** Records the signer's department's stance, bound to the hash of its sections as stored now. */
export async function sign(
  deps: ProposalDeps,
  user: SessionUser,
  { proposal, rights }: ProposalAccess,
  input: { stance: Stance; remark: string },
): Promise<void> {
  const { db } = deps
  const proposalId = proposal.id
  if (!rights.canSign) throw new ForbiddenError('only a lead of an involved department may sign for it')
  checkSignable(proposal.status)
  if (stancesNeedingRemark.includes(input.stance) && input.remark === '') {
    throw new InvalidInputError('remark: a remark is required for this stance')
  }
  const { doc, sections: content } = await readContent(deps, proposalId)
  const signedState = Buffer.from(Y.encodeStateAsUpdate(doc))
  doc.destroy()
  // The signature, its audit entry and the status change it causes commit together or not at all.
  const { newlyOutdated } = await transaction(db, async (tx) => {
    checkSignable(await statusIn(tx, proposalId))
    const involvement = (await tx
      .select()
      .from(proposalDepartments)
      .where(and(eq(proposalDepartments.proposalId, proposalId), eq(proposalDepartments.departmentId, user.departmentId))))[0]
    if (!involvement) throw new ForbiddenError('only a lead of an involved department may sign for it')
    const sections = involvement.sections as SectionName[]
    const hash = hashSections(content, sections)
    const values = { stance: input.stance, remark: input.remark, signerId: user.id, sections, sectionsHash: hash, signedState, signedAt: new Date(), voidedAt: null, outdatedAt: null }
    await tx.insert(signatures)
      .values({ proposalId, departmentId: user.departmentId, ...values })
      .onConflictDoUpdate({ target: [signatures.proposalId, signatures.departmentId], set: values })
    await appendAudit(tx, {
      proposalId,
      user,
      action: 'signed',
      detail: { stance: input.stance, remark: input.remark, sections, sectionsHash: hash },
      contentHash: contentHashOf(content),
    })
    return await reconcileStatus(tx, proposalId, content, deps.calendar.now())
  })
  await deps.record.publish(proposalId)
  reportOutdated(deps, proposalId, newlyOutdated)
}

/**
 * Freezes the proposal and stores its released version, in one transaction. Missing or outdated
 * signatures refuse the release (409 with the checklist) unless the lead overrides them with a
 * reason, which the audit entry keeps; soft points (session dates, threads, objections, signatory)
 * never block, but the audit entry lists them too.
 */
export async function release(deps: ProposalDeps, user: SessionUser, { proposal, rights }: ProposalAccess, input: ReleaseInput = {}): Promise<void> {
  const { db } = deps
  const proposalId = proposal.id
  if (!rights.canSteer) throw new ForbiddenError('only a lead of the leading department may release')
  const { doc, sections } = await readContent(deps, proposalId)
  try {
    // Judge the signatures on the content as it is now, not as the last debounced check saw it; that
    // judgement is kept even when it refuses the release.
    const outcome = await transaction(db, async (tx) => {
      const { status, changed } = await reconcileStatus(tx, proposalId, sections)
      if (status !== 'cosigning' && status !== 'cosigned') return { refusal: releaseStateError(status), changed }
      const record = await projectRecord(tx, proposalId)
      if (!record) throw new NotFoundError('no such proposal')
      const checklist = releaseChecklist({ involved: record.status.involved, signatures: record.signatures, threads: record.threads, sections })
      if (checklist.hard.length > 0 && !input.override) {
        const refusal = new ConflictError('every involved department needs a current signature before release, or an override with a reason', { checklist })
        return { refusal, changed }
      }
      await tx.update(proposals).set({ status: 'released', updatedAt: new Date() }).where(eq(proposals.id, proposalId))
      const override = checklist.hard.length > 0 && input.override ? { reason: input.override.reason, problems: checklist.hard } : undefined
      await appendAudit(tx, {
        proposalId,
        user,
        action: 'released',
        detail: { status: 'released', ...(override && { override }), ...(checklist.soft.length > 0 && { unresolved: checklist.soft }) },
        contentHash: contentHashOf(sections),
      })
      await writeVersion(tx, user, proposalId, doc, sections, { name: releasedVersionName(new Date()), origin: 'release' })
      return { refusal: undefined, changed: true }
    })
    if (!outcome.refusal) await deps.onRightsChanged(proposalId)
    if (outcome.changed) await deps.record.publish(proposalId)
    if (outcome.refusal) throw outcome.refusal
    deps.events.emit({ kind: 'released', proposalId, actor: user })
  } finally {
    doc.destroy()
  }
}

function releaseStateError(status: ProposalStatus | undefined): DomainError {
  if (status === undefined) return new NotFoundError('no such proposal')
  return new ConflictError(status === 'released' ? 'the proposal is released already' : 'the co-signing round has not started')
}

/** Reopens a released proposal for editing: the round restarts, every signature becomes outdated, every department gets a new deadline. */
export async function reopen(deps: ProposalDeps, user: SessionUser, { proposal, rights }: ProposalAccess): Promise<void> {
  const { db } = deps
  const proposalId = proposal.id
  if (!rights.canSteer) throw new ForbiddenError('only a lead of the leading department may reopen')
  const notReleased = () => new ConflictError('only a released proposal can be reopened')
  if (proposal.status !== 'released') throw notReleased()
  const { doc, sections } = await readContent(deps, proposalId)
  doc.destroy()
  const due = deps.calendar.defaultDue()
  const involved = await transaction(db, async (tx) => {
    if ((await statusIn(tx, proposalId)) !== 'released') throw notReleased()
    // Voided is outdated already: the restart tells the departments once, as a new round.
    await tx.update(signatures).set({ voidedAt: new Date(), outdatedAt: deps.calendar.now() }).where(eq(signatures.proposalId, proposalId))
    await tx.update(proposals).set({ status: 'cosigning', updatedAt: new Date() }).where(eq(proposals.id, proposalId))
    await tx.update(proposalDepartments).set({ due, dueExtendedAt: null }).where(eq(proposalDepartments.proposalId, proposalId))
    await appendAudit(tx, { proposalId, user, action: 'reopened', detail: { status: 'cosigning', due }, contentHash: contentHashOf(sections) })
    return await tx.select({ id: proposalDepartments.departmentId }).from(proposalDepartments).where(eq(proposalDepartments.proposalId, proposalId))
  })
  await deps.onRightsChanged(proposalId)
  await deps.record.publish(proposalId)
  if (involved.length > 0) deps.events.emit({ kind: 'round-started', proposalId, departmentIds: involved.map((d) => d.id), actor: user })
}
