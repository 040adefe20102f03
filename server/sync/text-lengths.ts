// The update guard's length check: what an update adds to and deletes from each text it writes to,
// so a text never grows past its shape's maximum (a paste over a selection counts what it replaces).
import * as Y from 'yjs'
import type { Shape } from '../../shared/model/shape'
import { firstEndingAfter } from './update-structs'

type LimitedShape = Extract<Shape, { maxLength: number }>
/** Length bookkeeping for one text type this update writes to. */
type TextTally = { shape: LimitedShape; current: number; added: number; deleted: number }
type NewString = { item: Y.Item; start: number; parentKey: object }

export class TextLengths {
  private readonly tallies = new Map<object, TextTally>()
  /** The new strings of this update per client, in clock order: what its own deletions may cover. */
  private readonly newStrings = new Map<number, NewString[]>()

  constructor(private readonly doc: Y.Doc) {}

  /** Counts `count` new characters in the text `parentKey` (a type of the doc, or the item creating one). */
  add(parentKey: object, shape: LimitedShape, count: number, string?: { item: Y.Item; start: number }): void {
    let tally = this.tallies.get(parentKey)
    if (!tally) {
      // A type of the doc starts at its length; one created by this update (keyed by its item) starts empty.
      const current = parentKey instanceof Y.AbstractType ? parentKey._length : 0
      tally = { shape, current, added: 0, deleted: 0 }
      this.tallies.set(parentKey, tally)
    }
    tally.added += count
    if (!string) return
    const list = this.newStrings.get(string.item.id.client)
    if (list) list.push({ ...string, parentKey })
    else this.newStrings.set(string.item.id.client, [{ ...string, parentKey }])
  }

  /** The shape of the first text the update would make too long, after its deletions; undefined: none. */
  overLimit(ds: ReturnType<typeof Y.decodeUpdate>['ds']): LimitedShape | undefined {
    if (this.tallies.size === 0) return undefined
    this.countDeletions(ds)
    for (const tally of this.tallies.values()) {
      if (tally.current - tally.deleted + tally.added > tally.shape.maxLength) return tally.shape
    }
    return undefined
  }

  /** Subtracts what the update deletes from the texts it also writes to. */
  private countDeletions(ds: ReturnType<typeof Y.decodeUpdate>['ds']): void {
    // Items were checked in dependency order; the search below needs clock order.
    for (const list of this.newStrings.values()) list.sort((a, b) => a.item.id.clock - b.item.id.clock)
    for (const [client, ranges] of ds.clients) {
      const docStructs = this.doc.store.clients.get(client)
      const state = Y.getState(this.doc.store, client)
      for (const { clock, len } of ranges) {
        const end = clock + len
        if (docStructs && clock < state) {
          for (let i = Y.findIndexSS(docStructs, clock); i < docStructs.length && docStructs[i]!.id.clock < end; i++) {
            const struct = docStructs[i]!
            if (struct instanceof Y.Item && !struct.deleted) this.countDeleted(struct.parent as object, struct, clock, end)
          }
        }
        const strings = this.newStrings.get(client) ?? []
        for (let i = firstEndingAfter(strings, clock); i < strings.length && strings[i]!.item.id.clock < end; i++) {
          const { item, start, parentKey } = strings[i]!
          this.countDeleted(parentKey, item, Math.max(clock, start), end)
        }
      }
    }
  }

  private countDeleted(parentKey: object, item: Y.Item, from: number, to: number): void {
    const tally = this.tallies.get(parentKey)
    if (!tally || !(item.content instanceof Y.ContentString)) return
    const overlap = Math.min(to, item.id.clock + item.length) - Math.max(from, item.id.clock)
    if (overlap > 0) tally.deleted += overlap
  }
}
