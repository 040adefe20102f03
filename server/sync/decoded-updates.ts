// One Yjs decode per received update: the protocol codec decodes it to name its roots, and the update
// guard checks the very same structs instead of decoding the bytes a second time.
import * as Y from 'yjs'

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/** Keyed by the update's bytes (the same array travels from the codec to the guard); gone with them. */
const decodedUpdates = new WeakMap<Uint8Array, DecodedUpdate>()

/** The update's structs and deletions, decoded on first use; callers only read them, never change them. */
export function decodeUpdateOnce(update: Uint8Array): DecodedUpdate {
  let decoded = decodedUpdates.get(update)
  if (!decoded) {
    decoded = Y.decodeUpdate(update)
    decodedUpdates.set(update, decoded)
  }
  return decoded
}
