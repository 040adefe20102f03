// Brings old content into a live doc as new Yjs operations: only what differs is written, ids are kept,
// so collaborators see a normal change, comments on positions find their rows again, history stays.
import { diffArrays } from 'diff'
import * as Y from 'yjs'
import { bodyFragment, collectionMap, collectionNames, financeMap, headerMap, migrateContent, titleText, write } from '../../shared/model'

const sameValue = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b)

/** Edits a Y.Text into `value` by replacing only the middle that differs (cursors around it stay). */
function syncText(text: Y.Text, value: string): void {
  const current = text.toString()
  if (current === value) return
  let start = 0
  while (start < current.length && start < value.length && current[start] === value[start]) start++
  let end = 0
  while (end < current.length - start && end < value.length - start && current[current.length - 1 - end] === value[value.length - 1 - end]) end++
  text.delete(start, current.length - start - end)
  text.insert(start, value.slice(start, value.length - end))
}

/** Makes a map of plain values equal to the old one; nested types are left to `nested`. */
function syncMap(live: Y.Map<unknown>, old: Y.Map<unknown>, nested?: (key: string, oldValue: unknown) => void): void {
  for (const key of [...live.keys()]) if (!old.has(key)) live.delete(key)
  old.forEach((value, key) => {
    if (value instanceof Y.AbstractType) return nested?.(key, value)
    // Plain values are JSON in Yjs; a copy keeps the old doc's objects out of the live one.
    if (!sameValue(live.get(key), value)) live.set(key, structuredClone(value))
  })
}

/** A child of the live map of the same Yjs type as the old one, created if missing. */
// `any`: the Yjs types differ in their event type, which is all `AbstractType<unknown>` would reject.
function childLike<T extends Y.AbstractType<any>>(live: Y.Map<unknown>, key: string, make: () => T, type: new () => T): T {
  const current = live.get(key)
  if (current instanceof type) return current
  const created = make()
  live.set(key, created)
  return created
}

/**
 * Replaces only the top-level blocks that differ (aligned by their XML), cloning the old blocks,
 * so an edit to one paragraph leaves every other paragraph — and anchors in it — alone.
 */
function syncFragment(live: Y.XmlFragment, old: Y.XmlFragment): void {
  const liveItems = live.toArray()
  const oldItems = old.toArray()
  const key = (item: unknown) => String(item)
  let index = 0
  let oldIndex = 0
  for (const change of diffArrays(liveItems.map(key), oldItems.map(key))) {
    const count = change.value.length
    if (change.removed) {
      live.delete(index, count)
    } else if (change.added) {
      const blocks = oldItems.slice(oldIndex, oldIndex + count).map((item) => (item as Y.XmlElement | Y.XmlText).clone())
      live.insert(index, blocks)
      index += count
      oldIndex += count
    } else {
      index += count
      oldIndex += count
    }
  }
}

/** A map with nested types: free text (Y.Text), finance cells or years (Y.Map), rich text. */
function syncItem(live: Y.Map<unknown>, old: Y.Map<unknown>): void {
  syncMap(live, old, (key, oldValue) => {
    if (oldValue instanceof Y.Map) syncMap(childLike(live, key, () => new Y.Map(), Y.Map), oldValue)
    else if (oldValue instanceof Y.XmlFragment) syncFragment(childLike(live, key, () => new Y.XmlFragment(), Y.XmlFragment), oldValue)
    else if (oldValue instanceof Y.Text) syncText(childLike(live, key, () => new Y.Text(), Y.Text), oldValue.toString())
  })
}

function syncCollection(live: Y.Map<unknown>, old: Y.Map<unknown>): void {
  for (const id of [...live.keys()]) if (!(old.get(id) instanceof Y.Map)) live.delete(id)
  old.forEach((oldItem, id) => {
    if (!(oldItem instanceof Y.Map)) return
    // The same id as before: comments anchored to a position find it again.
    syncItem(childLike(live, id, () => new Y.Map(), Y.Map), oldItem as Y.Map<unknown>)
  })
}

/** Writes the content of `old` into `live` in one transaction (one update, one undo step). */
export function applyContent(live: Y.Doc, stored: Y.Doc): void {
  // A version from before layout 2 holds plain strings; compare like with like (a copy: `stored` stays as it was).
  const old = new Y.Doc()
  Y.applyUpdate(old, Y.encodeStateAsUpdate(stored))
  migrateContent(old)
  try {
    write(live, () => {
      syncText(titleText(live), titleText(old).toString())
      syncItem(headerMap(live), headerMap(old))
      syncItem(financeMap(live), financeMap(old))
      for (const name of collectionNames) syncCollection(collectionMap(live, name), collectionMap(old, name))
      syncFragment(bodyFragment(live), bodyFragment(old))
    })
  } finally {
    old.destroy()
  }
}
