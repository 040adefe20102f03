// Named versions of a proposal: made from the server's stored content and record, listed, opened.
import { and, asc, eq, max } from 'drizzle-orm'
import * as Y from 'yjs'
import type { Db } from '../../db/client'
import { transaction } from '../../db/transaction'
import { users, versions } from '../../db/schema'
import type { SessionUser } from '../../shared/identity'
import { canonicalSections, newItemId, sectionNames, type CanonicalSections } from '../../shared/model'
import { hashSections } from '../../shared/model/content-hash'
import type { VersionOrigin, VersionSummary } from '../../shared/versions'
import type { ProposalAccess } from '../auth/rights'
import { ConflictError, ForbiddenError, NotFoundError } from '../domain-errors'
import { appendAudit } from '../record/audit'
import type { ProposalRooms } from '../sync/proposal-rooms'
import { snapshotRecord } from './record-snapshot'

export type VersionDeps = { db: Db; rooms: ProposalRooms }

export type VersionRow = typeof versions.$inferSelect

const summaryColumns = {
  id: versions.id,
  proposalId: versions.proposalId,
  number: versions.number,
  name: versions.name,
  origin: versions.origin,
  contentHash: versions.contentHash,
  createdAt: versions.createdAt,
  createdById: versions.createdById,
  createdByName: users.displayName,
  createdByDepartmentId: users.departmentId,
}

type SummaryRow = Pick<VersionRow, 'id' | 'proposalId' | 'number' | 'name' | 'origin' | 'contentHash' | 'createdAt' | 'createdById'> & {
  createdByName: string
  createdByDepartmentId: string
}

const toSummary = (row: SummaryRow): VersionSummary => ({
  id: row.id,
  proposalId: row.proposalId,
  number: row.number,
  name: row.name,
  origin: row.origin,
  contentHash: row.contentHash,
  createdAt: row.createdAt.toISOString(),
  createdBy: { id: row.createdById, name: row.createdByName, departmentId: row.createdByDepartmentId },
})

/**
 * Writes `doc` as a version with the record as it stands, the next number and an audit entry, inside
 * the caller's transaction (a release writes its status in the same one). No rights check.
 */
export async function writeVersion(
  tx: Db,
  user: SessionUser,
  proposalId: string,
  doc: Y.Doc,
  sections: CanonicalSections,
  input: { name: string; origin: VersionOrigin },
): Promise<string> {
  const state = Buffer.from(Y.encodeStateAsUpdate(doc))
  const hash = hashSections(sections, sectionNames)
  const record = await snapshotRecord(tx, proposalId, sections)
  if (!record) throw new NotFoundError('no such proposal')
  const id = newItemId()
  const last = (await tx.select({ number: max(versions.number) }).from(versions).where(eq(versions.proposalId, proposalId)))[0]
  const number = (last?.number ?? 0) + 1
  await tx.insert(versions)
    .values({ id, proposalId, number, name: input.name, origin: input.origin, state, contentHash: hash, record, createdById: user.id })
  await appendAudit(tx, { proposalId, user, action: 'version created', detail: { versionId: id, number, name: input.name, origin: input.origin }, contentHash: hash })
  return id
}

/** Stores `doc` as a version in a transaction of its own. Synchronous: no update slips in between. No rights check. */
export async function insertVersion(db: Db, user: SessionUser, proposalId: string, doc: Y.Doc, input: { name: string; origin: VersionOrigin }): Promise<VersionSummary> {
  const sections = canonicalSections(doc)
  const id = await transaction(db, async (tx) => writeVersion(tx, user, proposalId, doc, sections, input))
  return await getVersionSummary(db, proposalId, id)
}

/** A member who may edit names the current state, as stored. */
export async function createVersion(deps: VersionDeps, user: SessionUser, { proposal, rights }: ProposalAccess, name: string): Promise<VersionSummary> {
  if (proposal.status === 'released') {
    throw new ConflictError('the proposal is released; its released version was stored at release')
  }
  if (!rights.canEdit) throw new ForbiddenError('only members who may edit the proposal can make versions')
  const doc = await deps.rooms.storedContent(proposal.id)
  try {
    return await insertVersion(deps.db, user, proposal.id, doc, { name, origin: 'manual' })
  } finally {
    doc.destroy()
  }
}

export async function listVersions(db: Db, proposalId: string): Promise<VersionSummary[]> {
  return (await db
    .select(summaryColumns)
    .from(versions)
    .innerJoin(users, eq(users.id, versions.createdById))
    .where(eq(versions.proposalId, proposalId))
    .orderBy(asc(versions.number)))
    .map(toSummary)
}

export async function getVersionSummary(db: Db, proposalId: string, versionId: string): Promise<VersionSummary> {
  const row = (await db
    .select(summaryColumns)
    .from(versions)
    .innerJoin(users, eq(users.id, versions.createdById))
    .where(and(eq(versions.proposalId, proposalId), eq(versions.id, versionId))))[0]
  if (!row) throw new NotFoundError('no such version')
  return toSummary(row)
}

/** The stored version with its state; 404 when it does not belong to this proposal. */
export async function getVersion(db: Db, proposalId: string, versionId: string): Promise<VersionRow> {
  const row = (await db
    .select()
    .from(versions)
    .where(and(eq(versions.proposalId, proposalId), eq(versions.id, versionId))))[0]
  if (!row) throw new NotFoundError('no such version')
  return row
}

/** A fresh, detached Y.Doc holding a version's content; the caller destroys it. */
export function versionDoc(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state)
  return doc
}

/** `12.07.2021`: the day in Stuttgart's time zone, for names of versions. */
export const berlinDay = (date: Date): string =>
  new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date)

/** The name of the version a release makes: "Freigegebene Fassung vom 12.07.2021". */
export const releasedVersionName = (at: Date): string => `Freigegebene Fassung vom ${berlinDay(at)}`
