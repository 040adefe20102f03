// Deadlines of the co-signing round: the lead extends one (audited), and a sweep finds those that come
// near or pass, tells the departments once, and brings the boards' "überfällig" up to date.
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { transaction } from '../../db/transaction'
import { proposalDepartments, proposals, signatures } from '../../db/schema'
import type { SessionUser } from '../../shared/identity'
import { canonicalSections } from '../../shared/model'
import type { ExtendDeadlineInput } from '../../shared/record-api'
import type { ProposalAccess } from '../auth/rights'
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../domain-errors'
import { appendAudit } from '../record/audit'
import type { ProposalDeps } from './cosign'
import { contentHashOf } from './status'

const running = ['cosigning', 'cosigned'] as const

/** Moves a department's deadline to a later day; the audit log keeps the old and the new one. */
export async function extendDeadline(deps: ProposalDeps, user: SessionUser, { proposal, rights }: ProposalAccess, input: ExtendDeadlineInput): Promise<void> {
  const { db } = deps
  const proposalId = proposal.id
  if (!rights.canSteer) throw new ForbiddenError('only a lead of the leading department may extend a deadline')
  const notRunning = () => new ConflictError('deadlines run only while the co-signing round is open')
  if (!(running as readonly string[]).includes(proposal.status)) throw notRunning()
  const doc = await deps.rooms.storedContent(proposalId)
  const contentHash = (() => {
    try {
      return contentHashOf(canonicalSections(doc))
    } finally {
      doc.destroy()
    }
  })()
  await transaction(db, async (tx) => {
    const status = (await tx.select({ status: proposals.status }).from(proposals).where(eq(proposals.id, proposalId)))[0]?.status
    if (!status || !(running as readonly string[]).includes(status)) throw notRunning()
    const which = and(eq(proposalDepartments.proposalId, proposalId), eq(proposalDepartments.departmentId, input.departmentId))
    const row = (await tx.select().from(proposalDepartments).where(which))[0]
    if (!row) throw new NotFoundError('the department is not involved in this proposal')
    if (row.due !== null && input.due <= row.due) throw new InvalidInputError(`due: a deadline can only be moved later than ${row.due}`)
    if (input.due < deps.calendar.today()) throw new InvalidInputError('due: the new deadline lies in the past')
    await tx.update(proposalDepartments).set({ due: input.due, dueExtendedAt: deps.calendar.now() }).where(which)
    await appendAudit(tx, { proposalId, user, action: 'deadline extended', detail: { departmentId: input.departmentId, from: row.due, to: input.due }, contentHash })
  })
  await deps.record.publish(proposalId)
}

type OpenDeadline = { proposalId: string; departmentId: string; due: string; signed: boolean }

/** Deadlines of open rounds, with whether the department's signature was current when last judged. */
async function openDeadlines(db: Db): Promise<OpenDeadline[]> {
  const rows = await db
    .select({
      proposalId: proposalDepartments.proposalId,
      departmentId: proposalDepartments.departmentId,
      due: proposalDepartments.due,
      signedAt: signatures.signedAt,
      voidedAt: signatures.voidedAt,
      outdatedAt: signatures.outdatedAt,
    })
    .from(proposalDepartments)
    .innerJoin(proposals, eq(proposals.id, proposalDepartments.proposalId))
    .leftJoin(signatures, and(eq(signatures.proposalId, proposalDepartments.proposalId), eq(signatures.departmentId, proposalDepartments.departmentId)))
    .where(inArray(proposals.status, [...running]))
  return rows.flatMap((row) =>
    row.due === null ? [] : [{ proposalId: row.proposalId, departmentId: row.departmentId, due: row.due, signed: row.signedAt !== null && row.voidedAt === null && row.outdatedAt === null }],
  )
}

/** Runs on the scheduler's tick; remembers what it judged, so a board is written to only when a flag turns. */
export class DeadlineSweep {
  private readonly judged = new Map<string, string>()

  constructor(private readonly deps: Pick<ProposalDeps, 'db' | 'calendar' | 'record' | 'events'>) {}

  async run(): Promise<void> {
    const { calendar, events } = this.deps
    const byProposal = new Map<string, string[]>()
    for (const deadline of await openDeadlines(this.deps.db)) {
      const passed = calendar.isPassed(deadline.due)
      const soon = calendar.isSoon(deadline.due)
      const flags = byProposal.get(deadline.proposalId) ?? []
      flags.push(`${deadline.departmentId}:${deadline.due}:${passed}:${soon}`)
      byProposal.set(deadline.proposalId, flags)
      // Each is told once per deadline (the notifications' dedupe key); a signed department not at all.
      if (deadline.signed) continue
      if (passed) events.emit({ kind: 'deadline-passed', proposalId: deadline.proposalId, departmentId: deadline.departmentId, due: deadline.due })
      else if (soon) events.emit({ kind: 'deadline-soon', proposalId: deadline.proposalId, departmentId: deadline.departmentId, due: deadline.due })
    }
    for (const [proposalId, flags] of byProposal) {
      const key = flags.sort().join('|')
      if (this.judged.get(proposalId) === key) continue
      this.judged.set(proposalId, key)
      await this.deps.record.publish(proposalId)
    }
    for (const proposalId of this.judged.keys()) if (!byProposal.has(proposalId)) this.judged.delete(proposalId)
  }
}
