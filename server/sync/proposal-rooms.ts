// A proposal's two rooms as the domain services use them: the content read as stored, written through
// the room (stored, then broadcast), and the record room when someone has it open.
import type * as Y from 'yjs'
import type { UpdateAuthor } from '../storage/doc-store'
import { roomNameOf } from './access'
import type { Room } from './room'
import type { RoomRegistry } from './rooms'

export class ProposalRooms {
  constructor(private readonly rooms: RoomRegistry) {}

  /** A detached copy of the content with every accepted update stored (here and by the other instances): what the server signs and hashes. */
  async storedContent(proposalId: string): Promise<Y.Doc> {
    const room = await this.rooms.open(roomNameOf(proposalId, 'content'))
    await room.flush()
    // Another instance may have stored edits this one has not heard of yet.
    await room.catchUp('read')
    return room.snapshot()
  }

  /**
   * Writes the content in one synchronous step on the stored state, in the name of `author` (null: the
   * server itself); resolves once the change is stored.
   */
  async changeContent<T>(proposalId: string, fn: (live: Y.Doc) => T, author: UpdateAuthor): Promise<T> {
    const room = await this.rooms.open(roomNameOf(proposalId, 'content'))
    await room.flush()
    await room.catchUp('read')
    return room.transact(fn, author)
  }

  /** The record room if it is in memory (nobody reads it otherwise: it is rebuilt from SQL on load). */
  openRecordRoom(proposalId: string): Room | undefined {
    return this.rooms.get(roomNameOf(proposalId, 'record'))
  }
}
