// A signal of a value read from a Y.Doc, read again after every transaction that may have changed it.
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type * as Y from 'yjs'

export type DocValueOptions = {
  /** Only transactions that touch one of these top-level types can change the value (default: any). */
  roots?: readonly string[]
}

const rootNameOf = (doc: Y.Doc, type: Y.AbstractType<unknown>): string | undefined => {
  let top: Y.AbstractType<unknown> = type
  while (top._item?.parent) top = top._item.parent as Y.AbstractType<unknown>
  for (const [name, shared] of doc.share) if (shared === top) return name
  return undefined
}

const touchesRoots = (doc: Y.Doc, transaction: Y.Transaction, roots: readonly string[]): boolean => {
  for (const type of transaction.changed.keys()) {
    const name = rootNameOf(doc, type as Y.AbstractType<unknown>)
    if (name === undefined || roots.includes(name)) return true
  }
  return false
}

/**
 * `read(doc)` as a signal. A new value replaces the old only when it differs as JSON, so a list of
 * ids keeps its identity (and <For> its rows and their focus) while other parts change.
 * A read that throws (an item a peer just removed, whose row is about to go) keeps the last value.
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, options: DocValueOptions = {}): Accessor<T> {
  const first = read(doc)
  let last = JSON.stringify(first)
  const [value, setValue] = createSignal<T>(first, { equals: false })
  const onTransaction = (transaction: Y.Transaction) => {
    if (options.roots && !touchesRoots(doc, transaction, options.roots)) return
    let next: T
    try {
      next = read(doc)
    } catch {
      return
    }
    const json = JSON.stringify(next)
    if (json === last) return
    last = json
    setValue(() => next)
  }
  doc.on('afterTransaction', onTransaction)
  onCleanup(() => doc.off('afterTransaction', onTransaction))
  return value
}
