// Who made a change since a signature: the change's path (shared/json-diff) leads to the Yjs map entry
// or type that holds it; the items there added since the signed state name their writer by client id,
// and the items deleted since name their deleter through the kept delete ranges (./authorship.ts).
import * as Y from 'yjs'
import type { Change } from '../../shared/json-diff'
import { bodyFragment, collectionMap, financeMap, headerMap, titleText, type CollectionName } from '../../shared/model'
import { distinctAuthors, type Authorship, type Stamp } from './authorship'
import type { ChangeAuthor } from '../../shared/api-responses'

/** A map entry (its history chain holds every value it had) or a whole type. */
type Target = { map: Y.Map<unknown>; key: string } | { type: Y.AbstractType<unknown> }

/** The signed state: which ids existed then and which of them were deleted already. */
type Then = { state: (client: number) => number; deleted: ReturnType<typeof Y.createDeleteSetFromStructStore> }

/** Canonical field names that differ from the key in the item's map. */
const keyAliases: Record<string, string> = { content: 'text' }
const collections: Record<string, CollectionName> = {
  consultations: 'consultations',
  resolution: 'resolution',
  positions: 'positions',
  attachments: 'attachments',
}

/** `positions[ab12].fte` → ['positions', 'ab12', 'fte']. */
const segmentsOf = (path: string): string[] => path.split(/[.[\]]+/).filter(Boolean)

function locate(doc: Y.Doc, change: Change): Target | undefined {
  const [section, ...rest] = segmentsOf(change.path)
  let target: Target
  let path = rest
  switch (section) {
    case 'header':
      if (rest[0] === 'title') return { type: titleText(doc) as Y.AbstractType<unknown> }
      target = { type: headerMap(doc) as Y.AbstractType<unknown> }
      break
    case 'body':
      return { type: bodyFragment(doc) as Y.AbstractType<unknown> }
    case 'finance': {
      if (rest[0] === 'years') {
        // A year added or removed: the entry of that year in the years map.
        const years = financeMap(doc).get('years')
        const year = change.before ?? change.after
        return years instanceof Y.Map && year !== undefined ? { map: years as Y.Map<unknown>, key: String(year) } : { map: financeMap(doc), key: 'years' }
      }
      target = { type: collectionMap(doc, 'financeRows') as Y.AbstractType<unknown> }
      path = rest.slice(1)
      break
    }
    default: {
      const name = section ? collections[section] : undefined
      if (!name) return undefined
      target = { type: collectionMap(doc, name) as Y.AbstractType<unknown> }
    }
  }
  for (const segment of path) {
    const holder: unknown = 'type' in target ? target.type : target.map.get(target.key)
    // Deeper than the doc goes (a cell of a removed row): the change is about what we found.
    if (!(holder instanceof Y.Map)) break
    const key = holder._map.has(segment) ? segment : (keyAliases[segment] ?? segment)
    if (!holder._map.has(key)) break
    target = { map: holder as Y.Map<unknown>, key }
  }
  return target
}

/** Collects who added and who deleted the items under a target since the signed state. */
class Collector {
  readonly stamps: Stamp[] = []

  constructor(
    private readonly then: Then,
    private readonly authorship: Authorship,
  ) {}

  private existedThen = (item: Y.Item) => item.id.clock < this.then.state(item.id.client)

  private added(item: Y.Item): void {
    const stamp = this.authorship.addedBy(item.id.client, item.id.clock, item.length)
    if (stamp) this.stamps.push(stamp)
  }

  private removed(item: Y.Item): void {
    this.stamps.push(...this.authorship.deletedBy(item.id.client, item.id.clock, item.length))
  }

  /** A map entry, newest value first: new values name their writer, the value at signing its remover. */
  entry(latest: Y.Item | null | undefined): void {
    for (let item = latest; item; item = item.left) {
      if (!this.existedThen(item)) {
        // A value set since and replaced since again was never seen by the signer: only the last counts.
        if (!item.deleted) this.listed(item)
        continue
      }
      if (Y.isDeleted(this.then.deleted, item.id)) return
      if (item.deleted) this.removed(item)
      else if (item.content instanceof Y.ContentType) this.type(item.content.type)
      return
    }
  }

  /** Every item of a type: list content and map entries (element attributes included). */
  type(type: Y.AbstractType<unknown>): void {
    for (let item = type._start; item; item = item.right) this.listed(item)
    for (const latest of type._map.values()) this.entry(latest)
  }

  private listed(item: Y.Item): void {
    if (!this.existedThen(item)) {
      if (item.deleted) return
      this.added(item)
      // A new paragraph may hold words others typed into it later.
      if (item.content instanceof Y.ContentType) this.type(item.content.type)
      return
    }
    if (Y.isDeleted(this.then.deleted, item.id)) return
    if (item.deleted) this.removed(item)
    else if (item.content instanceof Y.ContentType) this.type(item.content.type)
  }
}

/** Each change with the people who made it since `signed`, as far as the server recorded them. */
export function authorsOfChanges(changes: Change[], signed: Y.Doc, now: Y.Doc, authorship: Authorship): (Change & { authors: ChangeAuthor[] })[] {
  const then: Then = { state: (client) => Y.getState(signed.store, client), deleted: Y.createDeleteSetFromStructStore(signed.store) }
  return changes.map((change) => {
    const target = locate(now, change)
    const collector = new Collector(then, authorship)
    if (target && 'type' in target) collector.type(target.type)
    else if (target) collector.entry(target.map._map.get(target.key))
    return { ...change, authors: distinctAuthors(collector.stamps) }
  })
}
