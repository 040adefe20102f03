// Brings a content room to the current layout as it loads, before anyone joins: the server is the one
// writer of the migration, so two clients never convert the same plain-string field twice. The layout a
// stored document was found in is recorded, so a document known to be current is not even decoded.
import { checkSchema, migrateContent, schemaVersion } from '../../shared/model'
import type { Logger } from '../log'
import type { DocStore } from '../storage/doc-store'
import { parseRoomName } from './access'
import type { Room } from './room'

type Outcome = 'current' | 'migrated' | 'newer'

/**
 * Migrates the room's doc if it is a content room on an older layout (the change is stored like any
 * update), then records the current layout; `recordedLayout` is what the store had recorded at load.
 */
export function migrateLoadedContent(
  room: Room,
  recordedLayout: number | undefined,
  deps: { store: Pick<DocStore, 'recordContentLayout'>; log: Logger },
): void {
  if (parseRoomName(room.name).kind !== 'content') return
  // Recorded only after a check's result was stored, and clients cannot write an old layout back (update-guard.ts).
  if (recordedLayout === schemaVersion) return
  const { store, log } = deps
  let dropped = false
  room.onDestroy(() => (dropped = true))
  // A server write, stored and broadcast like any update; an up-to-date doc gets no update at all.
  // A doc from a newer app version is served as it is: this code must not rewrite what it cannot read.
  room
    .transact((doc): Outcome => (!checkSchema(doc).ok ? 'newer' : migrateContent(doc) ? 'migrated' : 'current'))
    .then(
      async (outcome) => {
        if (outcome === 'newer') return
        // A room dropped before its migration was surely stored (a failed load) records nothing: the next load checks again.
        if (outcome === 'migrated' && dropped) return
        if (outcome === 'migrated') log.info('content migrated to the current layout', { room: room.name })
        // transact resolved once the migration was stored: the record never runs ahead of the document.
        await store.recordContentLayout(room.name, schemaVersion).catch((error) => log.error('recording the content layout failed', { room: room.name, error }))
      },
      (error) => log.error('migrating the content failed', { room: room.name, error }),
    )
}
