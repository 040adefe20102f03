// The browser's own copy of a content document (IndexedDB via y-indexeddb): edits made offline survive a
// closed tab or a browser restart and go to the server on the next visit. Keyed by user and proposal,
// cleared on sign-out, since office computers are shared.
import { IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'

const prefix = 'mitzeichnung-content:'
/** The `custom` store key that says the copy holds edits the server has not confirmed. */
const unsentKey = 'unsent'
/** A broken or stuck IndexedDB must not keep the board from connecting at all. */
const loadDeadlineMs = 3_000
const clearDeadlineMs = 5_000

export const localCopyName = (userId: string, proposalId: string) => `${prefix}${encodeURIComponent(userId)}:${proposalId}`

const ownerOf = (name: string) => decodeURIComponent(name.slice(prefix.length).split(':')[0] ?? '')

export type LocalCopy = {
  /** The origin of updates applied from the stored copy: they are not new local edits. */
  origin: unknown
  /** Resolves once the stored copy is in the doc (or could not be read); true if it held unsent edits. */
  loaded: Promise<boolean>
  /** Records whether the copy holds edits the server has not confirmed, for the next visit. */
  setUnsent(unsent: boolean): void
  destroy(): void
}

export function openLocalCopy(userId: string, proposalId: string, doc: Y.Doc): LocalCopy {
  const persistence = new IndexeddbPersistence(localCopyName(userId, proposalId), doc)
  let timer: ReturnType<typeof setTimeout> | undefined
  const failed = persistence._db.then(
    () => new Promise<never>(() => undefined),
    () => false,
  )
  const stored = persistence.whenSynced.then(async () => (await persistence.get(unsentKey).catch(() => 0)) === 1)
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), loadDeadlineMs)
  })
  const loaded = Promise.race([stored, failed, deadline]).finally(() => clearTimeout(timer))
  let lastWritten: boolean | undefined
  return {
    origin: persistence,
    loaded,
    setUnsent(unsent) {
      if (unsent === lastWritten || persistence._destroyed) return
      lastWritten = unsent
      void persistence.set(unsentKey, unsent ? 1 : 0).catch(() => undefined)
    },
    destroy() {
      clearTimeout(timer)
      void persistence.destroy().catch(() => undefined)
    },
  }
}

/** Deletes the stored copies of every user but `keepUserId` (all when undefined); waits until they are gone. */
export async function clearLocalCopies(keepUserId?: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return
  const databases = await indexedDB.databases().catch(() => [])
  const doomed = databases
    .map((d) => d.name ?? '')
    .filter((name) => name.startsWith(prefix) && (keepUserId === undefined || ownerOf(name) !== keepUserId))
  let timer: ReturnType<typeof setTimeout> | undefined
  // An open board closes its copy as it unmounts; a delete waits for that (it stays pending while blocked).
  const deletions = Promise.all(
    doomed.map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name)
          request.onsuccess = () => resolve()
          request.onerror = () => resolve()
        }),
    ),
  )
  await Promise.race([deletions, new Promise<void>((resolve) => (timer = setTimeout(resolve, clearDeadlineMs)))])
  clearTimeout(timer)
}
