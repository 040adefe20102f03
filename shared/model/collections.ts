// Ordered collections as Y.Map<id, Y.Map>: fractional `order` per item, reads sorted by (order, id).
import * as Y from 'yjs'
import { ProposalItemNotFoundError } from './errors'
import { collectionMap, type CollectionName } from './doc'

export type Entry = { id: string; order: number; item: Y.Map<unknown> }

const idAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A random 12-character id; random, not sequential, so two offline peers never pick the same one. */
export function newItemId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12))
  return Array.from(bytes, (b) => idAlphabet[b % idAlphabet.length]).join('')
}

const orderOf = (item: Y.Map<unknown>): number => {
  const order = item.get('order')
  // An item without a usable order still shows, last, so nothing a peer wrote gets lost from view.
  return typeof order === 'number' && Number.isFinite(order) ? order : Number.MAX_VALUE
}

/** The items of a collection in display order; values that are not item maps are skipped. */
export function entries(doc: Y.Doc, name: CollectionName): Entry[] {
  const list: Entry[] = []
  collectionMap(doc, name).forEach((item, id) => {
    if (item instanceof Y.Map) list.push({ id, order: orderOf(item as Y.Map<unknown>), item: item as Y.Map<unknown> })
  })
  return list.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export function getItem(doc: Y.Doc, name: CollectionName, id: string): Y.Map<unknown> {
  const item = collectionMap(doc, name).get(id)
  if (!(item instanceof Y.Map)) throw new ProposalItemNotFoundError(name, id)
  return item as Y.Map<unknown>
}

/** An order value that sorts between the neighbours at `index` of `list` (which excludes the item placed). */
function orderAt(list: Entry[], index: number): number | undefined {
  const before = list[index - 1]?.order ?? -Infinity
  const after = list[index]?.order ?? Infinity
  const order =
    before === -Infinity ? (after === Infinity ? 1 : after - 1) : after === Infinity ? before + 1 : before + (after - before) / 2
  // Doubles run out after ~50 halvings at one spot (or at items without an order); then the caller renumbers.
  return order > before && order < after && order < Number.MAX_VALUE ? order : undefined
}

function clampIndex(index: number | undefined, length: number): number {
  if (index === undefined || !Number.isFinite(index)) return length
  return Math.max(0, Math.min(length, Math.trunc(index)))
}

/** Gives every item the order 1..n (keeping the current sequence) when no gap is left. Run in a transaction. */
function renumber(list: Entry[]): void {
  list.forEach((entry, i) => {
    entry.order = i + 1
    entry.item.set('order', i + 1)
  })
}

function placeAt(list: Entry[], index: number): number {
  const order = orderAt(list, index)
  if (order !== undefined) return order
  renumber(list)
  return orderAt(list, index)!
}

/** Inserts a new item at `index` (default: the end), fills it, and returns its id. Run in a transaction. */
export function insertItem(doc: Y.Doc, name: CollectionName, fill: (item: Y.Map<unknown>) => void, index?: number): string {
  const list = entries(doc, name)
  const order = placeAt(list, clampIndex(index, list.length))
  const id = newItemId()
  const item = new Y.Map<unknown>()
  collectionMap(doc, name).set(id, item)
  // Fill after integration: nested types (rich text) need the item to be part of the doc.
  item.set('order', order)
  fill(item)
  return id
}

/**
 * Moves an item so that it ends up at `toIndex` of the display order. Only its `order` changes, so a
 * peer's concurrent edit of the moved item's fields survives. Run in a transaction.
 */
export function moveItem(doc: Y.Doc, name: CollectionName, id: string, toIndex: number): void {
  const item = getItem(doc, name, id)
  const all = entries(doc, name)
  const from = all.findIndex((e) => e.id === id)
  const others = all.filter((e) => e.id !== id)
  const index = clampIndex(toIndex, others.length)
  if (from === index) return
  item.set('order', placeAt(others, index))
}

export function removeItem(doc: Y.Doc, name: CollectionName, id: string): void {
  getItem(doc, name, id)
  collectionMap(doc, name).delete(id)
}

/** Sets only the keys present in `patch`, leaving the others (perhaps edited by a peer) untouched. */
export function setFields(item: Y.Map<unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined && item.get(key) !== value) item.set(key, value)
  }
}
