// Brings a content room to the current layout as it loads, before anyone joins: the server is the one
// writer of the migration, so two clients never convert the same plain-string field twice.
import { checkSchema, migrateContent } from '../../shared/model'
import type { Logger } from '../log'
import { parseRoomName } from './access'
import type { Room } from './room'

/** Migrates the room's doc if it is a content room on an older layout; the change is stored like any update. */
export function migrateLoadedContent(room: Room, log: Logger): void {
  if (parseRoomName(room.name).kind !== 'content') return
  // A server write, stored and broadcast like any update; an up-to-date doc gets no update at all.
  // A doc from a newer app version is served as it is: this code must not rewrite what it cannot read.
  room.transact((doc) => checkSchema(doc).ok && migrateContent(doc)).then(
    (migrated) => migrated && log.info('content migrated to the current layout', { room: room.name }),
    (error) => log.error('migrating the content failed', { room: room.name, error }),
  )
}
