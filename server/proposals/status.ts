// The status rule `in Mitzeichnung` ⇄ `mitgezeichnet`, applied inside the caller's transaction and
// judged on canonical sections computed once by the caller (not once per department).
import { and, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { proposalDepartments, proposals, signatures } from '../../db/schema'
import { sectionNames, type CanonicalSections, type SectionName } from '../../shared/model'
import { hashSections } from '../../shared/model/content-hash'
import type { ProposalStatus } from '../../shared/proposal'
import { appendAudit } from '../record/audit'

/** The content's hash from its canonical sections: equals `contentHash(doc)`. */
export const contentHashOf = (sections: CanonicalSections): string => hashSections(sections, sectionNames)

/**
 * Whether each involved department has a signature that still matches its sections. Content this
 * server cannot read (`undefined`) matches no signature: the status fails closed.
 */
export async function signatureStates(
  tx: Db,
  proposalId: string,
  sections: CanonicalSections | undefined,
): Promise<{ departmentId: string; current: boolean; signature: typeof signatures.$inferSelect | undefined }[]> {
  const involved = await tx.select().from(proposalDepartments).where(eq(proposalDepartments.proposalId, proposalId))
  const signed = new Map((await tx.select().from(signatures).where(eq(signatures.proposalId, proposalId))).map((s) => [s.departmentId, s]))
  return involved.map(({ departmentId }) => {
    const signature = signed.get(departmentId)
    const current =
      signature !== undefined &&
      signature.voidedAt === null &&
      sections !== undefined &&
      hashSections(sections, signature.sections as SectionName[]) === signature.sectionsHash
    return { departmentId, current, signature }
  })
}

/**
 * Keeps each signature's `outdatedAt` in step with what it was judged: set when first seen outdated,
 * cleared when current again. Returns the departments whose signature has just gone outdated.
 */
async function markOutdated(tx: Db, proposalId: string, states: Awaited<ReturnType<typeof signatureStates>>, now: Date): Promise<string[]> {
  const newlyOutdated: string[] = []
  for (const { departmentId, current, signature } of states) {
    if (!signature || current === (signature.outdatedAt === null)) continue
    await tx.update(signatures)
      .set({ outdatedAt: current ? null : now })
      .where(and(eq(signatures.proposalId, proposalId), eq(signatures.departmentId, departmentId)))
    if (!current) newlyOutdated.push(departmentId)
  }
  return newlyOutdated
}

/**
 * Moves the status between `cosigning` and `cosigned` as signatures become current or outdated, with an
 * audit entry; call inside a transaction. Returns the status after, whether it changed, and the departments
 * whose signature has just gone outdated (to be told after the commit).
 */
export async function reconcileStatus(
  tx: Db,
  proposalId: string,
  sections: CanonicalSections | undefined,
  now = new Date(),
): Promise<{ status: ProposalStatus | undefined; changed: boolean; newlyOutdated: string[] }> {
  const proposal = (await tx.select().from(proposals).where(eq(proposals.id, proposalId)))[0]
  if (!proposal || (proposal.status !== 'cosigning' && proposal.status !== 'cosigned')) return { status: proposal?.status, changed: false, newlyOutdated: [] }
  const states = await signatureStates(tx, proposalId, sections)
  const newlyOutdated = await markOutdated(tx, proposalId, states, now)
  const next: ProposalStatus = states.length > 0 && states.every((s) => s.current) ? 'cosigned' : 'cosigning'
  if (next === proposal.status) return { status: next, changed: false, newlyOutdated }
  await tx.update(proposals).set({ status: next, updatedAt: new Date() }).where(eq(proposals.id, proposalId))
  await appendAudit(tx, {
    proposalId,
    user: undefined,
    action: next === 'cosigned' ? 'status: all signatures current' : 'status: a signature is outdated',
    detail: { from: proposal.status, to: next, outdated: states.filter((s) => !s.current).map((s) => s.departmentId) },
    contentHash: sections ? contentHashOf(sections) : 'unreadable',
  })
  return { status: next, changed: true, newlyOutdated }
}
