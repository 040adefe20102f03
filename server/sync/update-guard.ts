// Checks a client's update to a content doc against the model (shared/model/shape.ts) BEFORE it is
// applied: roots and keys clients may write, value types, text lengths, rich-text nodes, marks,
// attributes, link targets and nesting depth. Nothing of a refused update reaches the doc.
import * as Y from 'yjs'
import { blockTextShape, contentShape, isAllowedMark, mayContain, nodeAttributeRule, richTextShape, typeFitsShape, type Shape } from '../../shared/model/shape'
import { maxRichTextDepth } from '../../shared/rich-text-rules'
import { suggestionsRoot } from '../../shared/model/suggestions'
import { TextLengths } from './text-lengths'
import { judgeDeletions, namesSender, type UpdateWriter } from './update-suggestions'

export type { UpdateWriter } from './update-suggestions'
import { CloseCode, type DecodedUpdate } from './protocol'
import { MalformedUpdate, UnresolvableUpdate, UpdateIndex, resolveAll, type Where } from './update-structs'

export type Refusal = {
  code: number
  reason: string
  metric: string
  /** The update builds on changes the server does not have (yet): it may be checked again later. */
  waitsForEarlierChanges?: true
  /** The sender may not write this at all: treated like a viewer's update (dropped, the sender told once). */
  readOnly?: true
}

/**
 * Checks one client update against the doc it would be applied to; undefined means apply it. With
 * `mayWriteAs`, new items of a client id the sender may not write with refuse the update (4403).
 */
export type UpdateGuard = (
  doc: Y.Doc,
  update: Uint8Array,
  mayWriteAs?: (clientId: number) => boolean,
  writer?: UpdateWriter,
  /** The codec's decode of these very bytes, if it has one: checked instead of decoding them again. */
  decoded?: DecodedUpdate,
) => Refusal | undefined

/** A type's position in the model: its shape and, inside rich text, its element depth. */
type Place = { shape: Shape; depth: number }

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason)
  }
}

const forbidden = (reason: string) => new Refused({ code: CloseCode.forbidden, reason, metric: 'forbidden-write' })
const invalid = (reason: string) => new Refused({ code: CloseCode.malformedMessage, reason, metric: 'invalid-content' })
const clip = (text: string) => text.slice(0, 40)
const onlySuggestions = () =>
  new Refused({ code: CloseCode.forbidden, reason: 'your department may only suggest changes', metric: 'suggest-only', readOnly: true })
const foreignClient = (clientId: number) =>
  new Refused({ code: CloseCode.forbidden, reason: `client id ${clientId} belongs to another user`, metric: 'foreign-client-id' })


/** A guard for content docs; its cache of where the doc's types sit lives as long as the room. */
export function createContentGuard(roots: ReadonlyMap<string, Shape> = contentShape): UpdateGuard {
  const placeOfDocType = new WeakMap<Y.AbstractType<unknown>, Place | Refused>()

  return (doc, update, mayWriteAs, writer, decoded) => {
    try {
      new UpdateCheck(doc, roots, placeOfDocType, mayWriteAs, writer).run(decoded ?? Y.decodeUpdate(update))
      return undefined
    } catch (error) {
      if (error instanceof Refused) return error.refusal
      if (error instanceof UnresolvableUpdate) {
        return { code: CloseCode.malformedMessage, reason: error.message, metric: 'unknown-dependency', waitsForEarlierChanges: true }
      }
      if (error instanceof MalformedUpdate) return { code: CloseCode.malformedMessage, reason: error.message, metric: 'malformed' }
      // Whatever else goes wrong while checking must refuse the update, never let it through.
      return { code: CloseCode.malformedMessage, reason: 'the update could not be checked', metric: 'malformed' }
    }
  }
}

class UpdateCheck {
  private readonly where = new Map<Y.Item, Where<Place>>()
  /** The place of each type an item of this update creates. */
  private readonly created = new Map<Y.Item, Place | 'gone'>()
  private readonly lengths: TextLengths
  private index!: UpdateIndex

  constructor(
    private readonly doc: Y.Doc,
    private readonly roots: ReadonlyMap<string, Shape>,
    private readonly placeOfDocType: WeakMap<Y.AbstractType<unknown>, Place | Refused>,
    private readonly mayWriteAs: ((clientId: number) => boolean) | undefined,
    private readonly writer: UpdateWriter | undefined,
  ) {
    this.lengths = new TextLengths(doc)
  }

  run({ structs, ds }: DecodedUpdate): void {
    this.index = new UpdateIndex(this.doc, structs)
    const offsets = new Map<Y.Item, number>()
    for (const { struct, offset } of this.index.newStructs()) {
      // Items name their writer by client id: another user's id would put words in their mouth.
      if (this.mayWriteAs && !this.mayWriteAs(struct.id.client)) throw foreignClient(struct.id.client)
      if (struct instanceof Y.Item) offsets.set(struct, offset)
    }
    resolveAll(
      this.index,
      offsets.keys(),
      (item) => this.check(item, offsets.get(item) ?? 0),
      (item) => this.where.has(item),
    )
    const deletion = judgeDeletions(this.doc, ds, this.writer, this.mayWriteAs)
    if (deletion === 'suggest-only') throw onlySuggestions()
    if (deletion === 'foreign-suggestion') throw forbidden('only its author withdraws a suggestion')
    const tooLong = this.lengths.overLimit(ds)
    if (tooLong) throw invalid(`${tooLong.name} would exceed ${tooLong.maxLength} characters`)
  }

  /** Finds where the item lands, checks its content there, and records the place of a type it creates. */
  private check(item: Y.Item, offset: number): void {
    const where = this.locate(item)
    this.where.set(item, where)
    if (where === 'gone') {
      // Yjs drops an item whose neighbours or parent were garbage-collected: nothing of it is kept.
      if (item.content instanceof Y.ContentType) this.created.set(item, 'gone')
      return
    }
    const { place } = where
    const inSuggestions = place.shape.kind === 'map' && place.shape.name === suggestionsRoot && place.depth === 0
    if (this.writer?.suggestOnly && !inSuggestions) throw onlySuggestions()
    const typePlace = this.checkContent(where, item.content, offset, item)
    if (typePlace) this.created.set(item, typePlace)
    if (inSuggestions && item.content instanceof Y.ContentAny && !namesSender(item.content.arr[0], this.writer)) {
      throw forbidden('a suggestion must name its sender')
    }
  }

  /** Mirrors Item.getMissing in Yjs: the left neighbour's parent, else the right's, else the named parent. */
  private locate(item: Y.Item): Where<Place> {
    const left = item.origin ? this.index.find(item.origin) : undefined
    const right = item.rightOrigin ? this.index.find(item.rightOrigin) : undefined
    if (left && this.isGone(left)) return 'gone'
    if (right && this.isGone(right)) return 'gone'
    const neighbour = left ?? right
    if (neighbour) {
      if (neighbour.inDoc) {
        const docItem = neighbour.struct as Y.Item
        return { place: this.placeOfType(docItem.parent as Y.AbstractType<unknown>), sub: docItem.parentSub, parentKey: docItem.parent as object }
      }
      // An update's item with a neighbour carries no parent of its own: it shares the neighbour's, key included.
      return this.where.get(neighbour.struct as Y.Item)!
    }
    const { parent } = item
    if (typeof parent === 'string') {
      const shape = this.roots.get(parent)
      if (!shape) throw forbidden(`clients may not write "${clip(parent)}"`)
      return { place: { shape, depth: 0 }, sub: item.parentSub, parentKey: this.doc.get(parent) }
    }
    if (!(parent instanceof Y.ID)) throw invalid('an item without a parent')
    const found = this.index.find(parent)
    if (found.inDoc) {
      const parentItem = found.struct
      if (!(parentItem instanceof Y.Item) || !(parentItem.content instanceof Y.ContentType)) return 'gone'
      const type = parentItem.content.type
      return { place: this.placeOfType(type), sub: item.parentSub, parentKey: type }
    }
    const place = this.created.get(found.struct as Y.Item)
    if (place === undefined || place === 'gone') return 'gone'
    return { place, sub: item.parentSub, parentKey: found.struct }
  }

  private isGone(found: ReturnType<UpdateIndex['find']>): boolean {
    if (found.struct instanceof Y.GC) return true
    return !found.inDoc && this.where.get(found.struct as Y.Item) === 'gone'
  }

  /** Where a type of the doc sits in the model; walks up once per type, then answers from the cache. */
  private placeOfType(type: Y.AbstractType<unknown>): Place {
    const chain: Y.AbstractType<unknown>[] = []
    let top = type
    while (!this.placeOfDocType.has(top) && top._item) {
      chain.push(top)
      top = top._item.parent as Y.AbstractType<unknown>
    }
    let place = this.placeOfDocType.get(top)
    if (!place) {
      const name = Y.findRootTypeKey(top)
      const shape = this.roots.get(name)
      place = shape ? { shape, depth: 0 } : forbidden(`clients may not write "${clip(name)}"`)
      this.placeOfDocType.set(top, place)
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const child = chain[i]!
      if (!(place instanceof Refused)) {
        try {
          place = this.checkContent({ place, sub: child._item!.parentSub, parentKey: top }, new Y.ContentType(child), 0)!
        } catch (error) {
          if (!(error instanceof Refused)) throw error
          place = error
        }
      }
      this.placeOfDocType.set(child, place)
    }
    if (place instanceof Refused) throw place
    return place
  }

  /** Checks one piece of content at its place; returns the place of a type it creates. */
  private checkContent(where: Exclude<Where<Place>, 'gone'>, content: Y.Item['content'], offset: number, item?: Y.Item): Place | undefined {
    // Content deleted before it was sent takes up its ids and nothing else.
    if (content instanceof Y.ContentDeleted) return undefined
    const { place, sub } = where
    const { shape } = place
    switch (shape.kind) {
      case 'map': {
        if (sub === null) throw invalid(`${shape.name} holds named fields only`)
        const rule = shape.entry(sub)
        if (!rule) throw forbidden(`clients may not write ${shape.name}.${clip(sub)}`)
        if ('value' in rule) {
          if (!(content instanceof Y.ContentAny) || content.arr.length !== 1 || !rule.value(content.arr[0])) {
            throw invalid(`not a valid value for ${shape.name}.${clip(sub)}`)
          }
          return undefined
        }
        // A free-text key takes only a Y.Text, finance years only a Y.Map, `meta` nothing: no client writes an older layout back, so a recorded content layout stays true.
        if (!(content instanceof Y.ContentType) || !typeFitsShape(rule.shape, content.type)) throw invalid(`${shape.name}.${clip(sub)} has the wrong type`)
        return { shape: rule.shape, depth: place.depth }
      }
      case 'text':
      case 'xmlText':
        if (sub !== null) throw invalid(`${shape.name} has no attributes`)
        if (content instanceof Y.ContentString) {
          if (shape.kind === 'text' && shape.chars && !shape.chars.test(content.str)) throw invalid(`${shape.name} holds characters it may not`)
          this.lengths.add(where.parentKey, shape, content.str.length - offset, item && { item, start: item.id.clock + offset })
          return undefined
        }
        if (shape.kind === 'xmlText' && content instanceof Y.ContentFormat) {
          if (!isAllowedMark(content.key, content.value)) throw invalid(`formatting "${clip(content.key)}" is not allowed in ${shape.name}`)
          return undefined
        }
        throw invalid(`${shape.name} holds text only`)
      case 'xml':
        if (sub !== null) {
          const rule = nodeAttributeRule(shape.node, sub)
          if (!rule) throw forbidden(`${shape.name}: ${shape.node} has no attribute "${clip(sub)}"`)
          if (!(content instanceof Y.ContentAny) || content.arr.length !== 1 || !rule(content.arr[0])) throw invalid(`${shape.name}: invalid ${shape.node}.${clip(sub)}`)
          return undefined
        }
        if (content instanceof Y.ContentType && content.type instanceof Y.XmlText) {
          if (!mayContain(shape.node, 'text')) throw invalid(`${shape.name}: ${shape.node} holds no text`)
          return { shape: blockTextShape(shape.name), depth: place.depth }
        }
        if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement) {
          const node = content.type.nodeName
          if (!mayContain(shape.node, node)) throw invalid(`${shape.name}: ${clip(node)} is not allowed in ${shape.node}`)
          if (place.depth + 1 > maxRichTextDepth) throw invalid(`${shape.name} is nested deeper than ${maxRichTextDepth} levels`)
          return { shape: richTextShape(shape.name, node), depth: place.depth + 1 }
        }
        throw invalid(`${shape.name} holds rich-text elements only`)
    }
  }
}
