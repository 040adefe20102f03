// What an applied update added and deleted, by Yjs ids, and which sections it touched: read from the
// transaction Yjs hands over with it, so the hot path decodes nothing a second time.
import * as Y from 'yjs'
import { sectionOfRoot } from '../../shared/model'
import type { UpdateFacts } from '../storage/doc-store'

/** The facts of one applied transaction (the `update` event's fourth argument). */
export function factsOfTransaction(transaction: Y.Transaction): UpdateFacts {
  const inserted: UpdateFacts['inserted'] = []
  transaction.afterState.forEach((to, client) => {
    const from = transaction.beforeState.get(client) ?? 0
    if (to > from) inserted.push([client, from, to])
  })
  const deleted: UpdateFacts['deleted'] = []
  transaction.deleteSet.clients.forEach((ranges, client) => {
    for (const { clock, len } of ranges) deleted.push([client, clock, len])
  })
  const sections = new Set<string>()
  for (const type of transaction.changed.keys()) {
    const section = sectionOfRoot(rootNameOf(type as Y.AbstractType<unknown>))
    if (section) sections.add(section)
  }
  return { inserted, deleted, sections: [...sections] }
}

/** The facts of an update that builds on nothing (a new document's first state). */
export function factsOfUpdate(update: Uint8Array): UpdateFacts {
  const doc = new Y.Doc()
  let facts: UpdateFacts = { inserted: [], deleted: [], sections: [] }
  doc.on('update', (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => (facts = factsOfTransaction(transaction)))
  try {
    Y.applyUpdate(doc, update)
  } finally {
    doc.destroy()
  }
  return facts
}

function rootNameOf(type: Y.AbstractType<unknown>): string {
  let top = type
  // A changed type of the doc hangs off its root through integrated items.
  while (top._item && top._item.parent instanceof Y.AbstractType) top = top._item.parent as Y.AbstractType<unknown>
  return top._item ? '' : Y.findRootTypeKey(top)
}
