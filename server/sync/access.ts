// The one place that decides, before the WebSocket upgrade, whether and how a request may join a room.
import { parse as parseCookies } from 'hono/utils/cookie'
import type { Db } from '../../db/client'
import { proposalIdSchema } from '../../shared/proposal'
import { accessOf } from '../auth/rights'
import { sessionKeyOf, userForSession, type SessionPolicy } from '../auth/sessions'
import type { DocKind } from '../../shared/sync-protocol'
import type { SyncAccess } from './socket'

export { parseRoomName, roomNameOf, type DocKind } from '../../shared/sync-protocol'

export type AccessDecision = { ok: true; access: SyncAccess } | { ok: false; status: 401 | 404; error: string }

/** `cookieHeader` is the request's Cookie header as sent (undefined: none). */
export async function decideSyncAccess(
  db: Db,
  sessionPolicy: SessionPolicy,
  cookieHeader: string | undefined,
  proposalId: string,
  kind: DocKind,
): Promise<AccessDecision> {
  const name = sessionPolicy.cookieName
  // The parser Hono's getCookie uses, asked for the one name.
  const token = cookieHeader ? parseCookies(cookieHeader, name)[name] : undefined
  const user = await userForSession(db, token, sessionPolicy)
  if (!user || !token) return { ok: false, status: 401, error: 'not signed in' }
  if (!proposalIdSchema.safeParse(proposalId).success) return { ok: false, status: 404, error: 'no such proposal' }
  const proposal = await accessOf(db, user, proposalId)
  if (!proposal) return { ok: false, status: 404, error: 'no such proposal' }
  return {
    ok: true,
    access: {
      canWrite: kind === 'content' && proposal.rights.canEdit,
      suggestOnly: kind === 'content' && proposal.rights.mustSuggest,
      userId: user.id,
      sessionKey: sessionKeyOf(token),
      identity: { id: user.id, name: user.displayName, department: user.departmentId },
    },
  }
}
