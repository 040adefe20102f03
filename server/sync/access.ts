// The one place that decides, before the WebSocket upgrade, whether and how a request may join a room.
import { eq } from 'drizzle-orm'
import type { Context } from 'hono'
import type { Db } from '../../db/client'
import { proposals } from '../../db/schema'
import { proposalIdSchema } from '../../shared/proposal'
import type { SyncAccess } from './socket'

export type AccessDecision = { ok: true; access: SyncAccess } | { ok: false; status: 401 | 403 | 404; error: string }

export function decideSyncAccess(db: Db, _c: Context, proposalId: string): AccessDecision {
  if (!proposalIdSchema.safeParse(proposalId).success) return { ok: false, status: 404, error: 'no such proposal' }
  const row = db.select({ id: proposals.id }).from(proposals).where(eq(proposals.id, proposalId)).get()
  if (!row) return { ok: false, status: 404, error: 'no such proposal' }
  return { ok: true, access: { canWrite: true, userLabel: 'anonymous' } }
}
