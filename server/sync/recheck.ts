// Re-checks the rights of open sockets the moment they change, instead of at the next connect.
import type { Db } from '../../db/client'
import { accessOf } from '../auth/rights'
import { sessionExists, userById } from '../auth/sessions'
import { parseRoomName } from './access'
import type { Peer } from './peer'
import { CloseCode } from './protocol'
import type { RoomRegistry } from './rooms'

/** Closes every matching peer whose rights no longer match its connection, with a code saying why. */
export async function recheckPeers(db: Db, rooms: RoomRegistry, matches: (peer: Peer, proposalId: string) => boolean): Promise<void> {
  for (const room of rooms.loadedRooms()) {
    const { proposalId, kind } = parseRoomName(room.name)
    for (const peer of room.connectedPeers()) {
      if (!matches(peer, proposalId)) continue
      const user = await sessionExists(db, peer.sessionKey) ? await userById(db, peer.userId) : undefined
      if (!user) {
        peer.close(CloseCode.sessionEnded, 'signed out')
        continue
      }
      const access = await accessOf(db, user, proposalId)
      if (!access) {
        peer.close(CloseCode.notFound, 'the proposal is gone')
        continue
      }
      // Reconnecting gives the socket its new rights: read-only, or writable again.
      const canWrite = kind === 'content' && access.rights.canEdit
      if (canWrite !== peer.canWrite) peer.close(CloseCode.rightsChanged, canWrite ? 'you may edit now' : 'read-only now')
    }
  }
}
