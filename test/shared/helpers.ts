// Helpers for the model tests: fresh docs, copies, and two-way merges.
import * as Y from 'yjs'
import { ensureSchema } from '../../shared/model'

export function newDoc(): Y.Doc {
  const doc = new Y.Doc()
  ensureSchema(doc)
  return doc
}

/** An independent replica of `doc` (another peer that has seen everything so far). */
export function replica(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

/** Exchanges what each side is missing, like a reconnect. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB)
  Y.applyUpdate(a, toA)
}

/** A new doc that received the given docs' states in the given order. */
export function mergedInOrder(...docs: Y.Doc[]): Y.Doc {
  const merged = new Y.Doc()
  for (const d of docs) Y.applyUpdate(merged, Y.encodeStateAsUpdate(d))
  return merged
}
