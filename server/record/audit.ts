// The audit log: every signing and status change, with who, when, what and on which content.
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { auditLog, users } from '../../db/schema'
import type { SessionUser } from '../../shared/identity'

export type AuditEntry = {
  proposalId: string
  user: SessionUser | undefined
  action: string
  detail: Record<string, unknown>
  contentHash: string
}

export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog)
    .values({
      proposalId: entry.proposalId,
      at: new Date(),
      userId: entry.user?.id ?? null,
      departmentId: entry.user?.departmentId ?? null,
      action: entry.action,
      detail: entry.detail,
      contentHash: entry.contentHash,
    })
}

export async function readAudit(db: Db, proposalId: string) {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      userName: users.displayName,
      departmentId: auditLog.departmentId,
      action: auditLog.action,
      detail: auditLog.detail,
      contentHash: auditLog.contentHash,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(eq(auditLog.proposalId, proposalId))
    .orderBy(asc(auditLog.id))
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }))
}
