// Rights that change while sockets are open: a sign-out, a changed account, a proposal whose involvement
// or status changed. Each change is applied to this instance's sockets and live channels at once, and
// announced to the listeners (the other instances, which apply it to theirs).
import type { Db } from '../../db/client'
import type { LiveHub } from '../notifications/live-hub'
import { recheckPeers } from './recheck'
import type { RoomRegistry } from './rooms'

export type RightsChange =
  | { kind: 'session-ended'; sessionKey: string }
  | { kind: 'user-changed'; userId: string }
  | { kind: 'proposal-rights-changed'; proposalId: string }

export class RightsChanges {
  private readonly listeners: ((change: RightsChange) => void)[] = []

  constructor(private readonly deps: { db: Db; rooms: RoomRegistry; hub: LiveHub }) {}

  /** A change made on this instance: applied here, then announced (also when applying here failed). */
  async changed(change: RightsChange): Promise<void> {
    try {
      await this.apply(change)
    } finally {
      for (const listener of this.listeners) listener(change)
    }
  }

  /** Calls `listener` with every change made on this instance. */
  onChanged(listener: (change: RightsChange) => void): void {
    this.listeners.push(listener)
  }

  /** Closes or downgrades the affected sockets and channels here, as the recheck decides. */
  async apply(change: RightsChange): Promise<void> {
    const { db, rooms, hub } = this.deps
    switch (change.kind) {
      case 'session-ended':
        // Sockets of ended sessions close with 4401.
        await recheckPeers(db, rooms, (peer) => peer.sessionKey === change.sessionKey)
        hub.closeWhere((channel) => channel.sessionKey === change.sessionKey)
        return
      case 'user-changed':
        // The others reconnect with their new rights; the app opens its channel again, or gets 401.
        await recheckPeers(db, rooms, (peer) => peer.userId === change.userId)
        hub.closeWhere((channel) => channel.userId === change.userId)
        return
      case 'proposal-rights-changed':
        await recheckPeers(db, rooms, (_peer, id) => id === change.proposalId)
        return
      default:
        assertNever(change)
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled rights change ${JSON.stringify(value)}`)
}
