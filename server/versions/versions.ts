// Named versions of a proposal: made from the server's stored content and record, listed, opened.
import { and, asc, eq, max } from 'drizzle-orm'
import { HTTPException } from 'hono/http-exception'
import * as Y from 'yjs'
import type { Db } from '../../db/client'
import { users, versions } from '../../db/schema'
import type { SessionUser } from '../../shared/identity'
import { contentHash, newItemId } from '../../shared/model'
import type { VersionOrigin, VersionSummary } from '../../shared/versions'
import { appendAudit } from '../record/audit'
import { rightsFor, type ProposalRights } from '../auth/rights'
import type { ProposalRecords } from '../record/records'
import { snapshotRecord } from './record-snapshot'

export type VersionDeps = { db: Db; records: ProposalRecords }

export type VersionRow = typeof versions.$inferSelect

/** The user's rights on the proposal; 404 when it does not exist. (Not cosign's: release imports this module.) */
export function requireRights(db: Db, user: SessionUser, proposalId: string): ProposalRights {
  const rights = rightsFor(db, user, proposalId)
  if (!rights) throw new HTTPException(404, { message: 'no such proposal' })
  return rights
}

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
 * Stores `doc` as a version with the record as it stands: the next number and an audit entry in one
 * transaction. Synchronous, so no update slips in between state, hash and record. No rights check.
 */
export function insertVersion(db: Db, user: SessionUser, proposalId: string, doc: Y.Doc, input: { name: string; origin: VersionOrigin }): VersionSummary {
  const state = Buffer.from(Y.encodeStateAsUpdate(doc))
  const hash = contentHash(doc)
  const record = snapshotRecord(db, proposalId, doc)
  if (!record) throw new HTTPException(404, { message: 'no such proposal' })
  const id = newItemId()
  db.transaction((tx) => {
    const last = tx.select({ number: max(versions.number) }).from(versions).where(eq(versions.proposalId, proposalId)).get()
    const number = (last?.number ?? 0) + 1
    tx.insert(versions)
      .values({ id, proposalId, number, name: input.name, origin: input.origin, state, contentHash: hash, record, createdById: user.id })
      .run()
    appendAudit(tx, { proposalId, user, action: 'version created', detail: { versionId: id, number, name: input.name, origin: input.origin }, contentHash: hash })
  })
  return getVersionSummary(db, proposalId, id)
}

/** Stores the content as the server holds it now (a release calls this too). No rights check. */
export async function storeVersion(deps: VersionDeps, user: SessionUser, proposalId: string, input: { name: string; origin: VersionOrigin }): Promise<VersionSummary> {
  const doc = await deps.records.storedContent(proposalId)
  return insertVersion(deps.db, user, proposalId, doc, input)
}

/** A member who may edit names the current state. */
export async function createVersion(deps: VersionDeps, user: SessionUser, proposalId: string, name: string): Promise<VersionSummary> {
  const rights = requireRights(deps.db, user, proposalId)
  if (rights.proposal.status === 'released') {
    throw new HTTPException(409, { message: 'the proposal is released; its released version was stored at release' })
  }
  if (!rights.canEdit) throw new HTTPException(403, { message: 'only members who may edit the proposal can make versions' })
  return storeVersion(deps, user, proposalId, { name, origin: 'manual' })
}

export function listVersions(db: Db, proposalId: string): VersionSummary[] {
  return db
    .select(summaryColumns)
    .from(versions)
    .innerJoin(users, eq(users.id, versions.createdById))
    .where(eq(versions.proposalId, proposalId))
    .orderBy(asc(versions.number))
    .all()
    .map(toSummary)
}

export function getVersionSummary(db: Db, proposalId: string, versionId: string): VersionSummary {
  const row = db
    .select(summaryColumns)
    .from(versions)
    .innerJoin(users, eq(users.id, versions.createdById))
    .where(and(eq(versions.proposalId, proposalId), eq(versions.id, versionId)))
    .get()
  if (!row) throw new HTTPException(404, { message: 'no such version' })
  return toSummary(row)
}

/** The stored version with its state; 404 when it does not belong to this proposal. */
export function getVersion(db: Db, proposalId: string, versionId: string): VersionRow {
  const row = db
    .select()
    .from(versions)
    .where(and(eq(versions.proposalId, proposalId), eq(versions.id, versionId)))
    .get()
  if (!row) throw new HTTPException(404, { message: 'no such version' })
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

/** The version a release makes: "Freigegebene Fassung vom 12.07.2021". No rights check (release has its own). */
export function storeReleasedVersion(deps: VersionDeps, user: SessionUser, proposalId: string): Promise<VersionSummary> {
  return storeVersion(deps, user, proposalId, { name: `Freigegebene Fassung vom ${berlinDay(new Date())}`, origin: 'release' })
}
