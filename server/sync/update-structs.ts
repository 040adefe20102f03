// Finds, for every new item of a decoded Yjs update, the type it lands in — as Yjs itself will when
// it integrates the item — without applying anything. Cost: O(items of the update), plus one walk
// up the tree per type of the doc that was never seen before (cached per room).
import * as Y from 'yjs'

/** Where an update's item or a type of the doc sits: its place in the model, or why not. */
export type Located<P> = { ok: true; place: P } | { ok: false; refusal: 'unknown' | 'forbidden' | 'invalid'; reason: string }

/** An item's landing spot: the parent type's place and the map key, plus what identifies the parent. */
export type Where<P> = { place: P; sub: string | null; parentKey: object } | 'gone'

type UpdateStruct = Y.Item | Y.GC | Y.Skip

/** The update builds on changes the server does not have (yet). */
export class UnresolvableUpdate extends Error {}
/** The update can never integrate (it refers to itself): Yjs would throw on it. */
export class MalformedUpdate extends Error {}

/** The structs of a decoded update, per client in clock order, and the ones the doc lacks. */
export class UpdateIndex {
  private readonly byClient = new Map<number, UpdateStruct[]>()

  constructor(
    private readonly doc: Y.Doc,
    structs: UpdateStruct[],
  ) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client)
      if (list) list.push(struct)
      else this.byClient.set(struct.id.client, [struct])
    }
  }

  /** The structs the doc does not have yet, each with how much of its start the doc already has. */
  *newStructs(): Generator<{ struct: UpdateStruct; offset: number }> {
    for (const [client, list] of this.byClient) {
      let next = Y.getState(this.doc.store, client)
      for (const struct of list) {
        const { clock } = struct.id
        // A gap (or a Skip) means the update builds on changes the server never received.
        if (clock > next || struct instanceof Y.Skip) throw new UnresolvableUpdate('the update depends on changes the server does not have')
        const end = clock + struct.length
        if (end <= next) continue
        yield { struct, offset: next - clock }
        next = end
      }
    }
  }

  /** The struct holding `id`: the doc's if it has it, else the update's; throws when neither does. */
  find(id: Y.ID): { inDoc: boolean; struct: UpdateStruct | Y.AbstractStruct } {
    if (id.clock < Y.getState(this.doc.store, id.client)) return { inDoc: true, struct: Y.getItem(this.doc.store, id) }
    const list = this.byClient.get(id.client)
    if (list) {
      let low = 0
      let high = list.length - 1
      while (low <= high) {
        const mid = (low + high) >> 1
        const struct = list[mid]!
        if (id.clock < struct.id.clock) high = mid - 1
        else if (id.clock >= struct.id.clock + struct.length) low = mid + 1
        else if (!(struct instanceof Y.Skip)) return { inDoc: false, struct }
        else break
      }
    }
    throw new UnresolvableUpdate('the update refers to content the server does not have')
  }

  /** The update's structs this item needs resolved first (its parent, left and right neighbours). */
  dependencies(item: Y.Item): Y.Item[] {
    const ids = [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]
    const deps: Y.Item[] = []
    for (const id of ids) {
      if (!id) continue
      // A client's item builds only on that client's earlier items.
      if (id.client === item.id.client && id.clock >= item.id.clock) throw new MalformedUpdate('an item refers to itself or to a later one')
      const found = this.find(id)
      if (!found.inDoc && found.struct instanceof Y.Item) deps.push(found.struct)
    }
    return deps
  }
}

/**
 * Resolves items in dependency order without recursion: `compute` is called for an item only after
 * every update item it depends on was computed. A cycle can never integrate: refused as unknown.
 */
export function resolveAll(index: UpdateIndex, items: Iterable<Y.Item>, compute: (item: Y.Item) => void, done: (item: Y.Item) => boolean): void {
  const started = new Set<Y.Item>()
  for (const first of items) {
    if (done(first)) continue
    const stack = [first]
    started.add(first)
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!
      const pending = index.dependencies(top).find((dep) => !done(dep))
      if (!pending) {
        compute(top)
        stack.pop()
        continue
      }
      if (started.has(pending)) throw new MalformedUpdate('the update refers to itself in a cycle')
      started.add(pending)
      stack.push(pending)
    }
  }
}

/** The index of the first string (sorted by clock) that ends after `clock`. */
export function firstEndingAfter(strings: { item: Y.Item }[], clock: number): number {
  let low = 0
  let high = strings.length
  while (low < high) {
    const mid = (low + high) >> 1
    const { item } = strings[mid]!
    if (item.id.clock + item.length <= clock) low = mid + 1
    else high = mid
  }
  return low
}
