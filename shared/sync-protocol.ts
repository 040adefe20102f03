// The sync wire protocol as both sides know it: message types, close codes, room names, and what
// the server's answer to a sync step 1 promises. The server's codec (server/sync/protocol.ts)
// encodes and decodes frames with these numbers; the client reads close codes with them.

/** The y-websocket message types (y-protocols): sync, awareness, auth, and the awareness query. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const
/**
 * The sub-types of a sync message. Our server answers a step 1 only once everything it received
 * before it on that socket is stored: a step 2 back after one's own edits is the save
 * acknowledgement (client/src/save-tracker.ts shows it as "gespeichert").
 */
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const

/**
 * Why the server closed a socket. y-websocket treats 4400–4499 as final (no reconnect); every other
 * code makes it reconnect.
 */
export const CloseCode = {
  /** Not final: the client reconnects and gets its new rights (read-only or writable). */
  rightsChanged: 4001,
  malformedMessage: 4400,
  sessionEnded: 4401,
  forbidden: 4403,
  notFound: 4404,
  messageTooBig: 1009,
  rateLimited: 4429,
  /** The document is over its size limit: the update is refused, nothing of it stored. */
  documentTooLarge: 4413,
  /** The user holds more open documents than allowed. */
  tooManyDocuments: 4430,
  /** Transient: the client reconnects and resends what the server lacks. */
  storageUnavailable: 4503,
  /** Transient: the client did not read its messages fast enough. */
  tooSlow: 4508,
  /** Transient: too many documents are open; the client retries later. */
  tryAgainLater: 1013,
  serverShutdown: 1001,
} as const

/** The server closed for good (y-websocket's convention); retrying cannot help. */
export const isFinalClose = (code: number): boolean => code >= 4400 && code <= 4499

/** The two documents of a proposal: its content, and the server-owned record that clients only read. */
export type DocKind = 'content' | 'record'

const recordSuffix = '/record'

/** The room (and URL path below /sync/) of a proposal's document. */
export const roomNameOf = (proposalId: string, kind: DocKind): string => (kind === 'content' ? proposalId : `${proposalId}${recordSuffix}`)

export function parseRoomName(name: string): { proposalId: string; kind: DocKind } {
  return name.endsWith(recordSuffix)
    ? { proposalId: name.slice(0, -recordSuffix.length), kind: 'record' }
    : { proposalId: name, kind: 'content' }
}
