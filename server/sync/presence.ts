// What a connection may say about presence: only its own entries, only the fields the app uses,
// with the name and department taken from the session.
import type { PeerIdentity } from './peer'
import type { AwarenessEntry } from './protocol'

/** Client ids one connection may own; the stock client uses one (its doc's clientID). */
export const maxPresenceIdsPerConnection = 4
/** y-prosemirror's cursor (two relative positions) is far below this. */
const maxCursorJsonBytes = 1024
/** A board field's id, e.g. `positions/<itemId>/note`, `header/gz`, `resolution/<itemId>`. */
export const focusFieldPattern = /^[A-Za-z0-9_./:-]{1,120}$/

/**
 * Keeps the entries of ids this connection owns (or may now claim: not owned by another, under the
 * cap) and drops the rest silently — the stock client echoes everyone's entries back. Unknown
 * fields are dropped; `user` is stamped from the session.
 */
export function admitPresence(
  entries: AwarenessEntry[],
  owned: ReadonlySet<number>,
  ownedByAnother: (clientId: number) => boolean,
  identity: PeerIdentity,
): AwarenessEntry[] {
  const admitted: AwarenessEntry[] = []
  const claimed = new Set(owned)
  for (const entry of entries) {
    if (!claimed.has(entry.clientId)) {
      if (entry.state === null || ownedByAnother(entry.clientId) || claimed.size >= maxPresenceIdsPerConnection) continue
      claimed.add(entry.clientId)
    }
    admitted.push(entry.state === null ? entry : { ...entry, state: presenceState(entry.state, identity) })
  }
  return admitted
}

function presenceState(claimed: Record<string, unknown>, identity: PeerIdentity): Record<string, unknown> {
  const { cursor, focus } = claimed
  return {
    user: stampUser(claimed.user, identity),
    ...(isCursor(cursor) || cursor === null ? { cursor } : {}),
    ...(focus === null ? { focus } : isFocus(focus) ? { focus: { field: focus.field } } : {}),
  }
}

/** Which board field the user is in: `{ field }`, a short id of a safe alphabet (rebuilt, extra keys dropped). */
function isFocus(value: unknown): value is { field: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const field = (value as Record<string, unknown>).field
  return typeof field === 'string' && focusFieldPattern.test(field)
}

/** Keeps what the client may choose (its colour), replaces who it is. */
function stampUser(claimed: unknown, identity: PeerIdentity): Record<string, unknown> {
  const color = (claimed as { color?: unknown } | null)?.color
  return { ...(typeof color === 'string' && /^#[0-9a-f]{3,8}$/i.test(color) ? { color } : {}), ...identity }
}

/** y-prosemirror's cursor: `{ anchor, head }`, each a relative position as JSON. */
function isCursor(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const { anchor, head } = value as Record<string, unknown>
  const isPosition = (p: unknown) => typeof p === 'object' && p !== null && !Array.isArray(p)
  return isPosition(anchor) && isPosition(head) && JSON.stringify(value).length <= maxCursorJsonBytes
}
