// Who owns each Yjs client id of one open document. A client id belongs to the user whose session first
// stored items with it (or to the server); another user's update carrying new items of it is refused,
// so nobody can write in someone else's name. The server writes with a client id per acting user.
import type * as Y from 'yjs'
import type { ClientOwners, UpdateAuthor, UpdateFacts } from '../storage/doc-store'
import type { Peer } from './peer'

/** The origin of a write of the server's own (restore, record projection, layout migration). */
export class ServerWrite {
  constructor(readonly author: UpdateAuthor) {}
}

const isPeer = (origin: unknown): origin is Peer =>
  typeof origin === 'object' && origin !== null && typeof (origin as Peer).userId === 'string' && typeof (origin as Peer).identity === 'object'

export class ClientOwnership {
  /** The client id the server writes with, per acting user ('' for the server itself). */
  private readonly serverClients = new Map<string, number>()

  constructor(private readonly owners: ClientOwners) {}

  /** Whether `userId` may add items with `clientId`: it is theirs, or nobody's yet. */
  mayWrite(userId: string, clientId: number): boolean {
    const owner = this.owners.get(clientId)
    return owner === undefined || owner === userId
  }

  /** Who an applied update is stamped with, from its origin: the peer's session, or the server's write. */
  authorOf(origin: unknown): UpdateAuthor {
    if (origin instanceof ServerWrite) return origin.author
    if (isPeer(origin)) return { userId: origin.userId, departmentId: origin.identity.department }
    return null
  }

  /** Notes the owner of each client id the update brought first (stored with the update). */
  claim(facts: UpdateFacts, author: UpdateAuthor): void {
    for (const [clientId] of facts.inserted) if (!this.owners.has(clientId)) this.owners.set(clientId, author?.userId ?? null)
  }

  /** The client id for a write of the server's own on behalf of `author`: its own, never a client's. */
  serverClientFor(author: UpdateAuthor, doc: Y.Doc): number {
    const key = author?.userId ?? ''
    let clientId = this.serverClients.get(key)
    if (clientId === undefined) {
      do clientId = randomClientId()
      while (this.owners.has(clientId) || doc.store.clients.has(clientId))
      this.owners.set(clientId, author?.userId ?? null)
      this.serverClients.set(key, clientId)
    }
    return clientId
  }
}

/** A random 32-bit id, as Yjs makes its own. */
const randomClientId = () => globalThis.crypto.getRandomValues(new Uint32Array(1))[0]!
