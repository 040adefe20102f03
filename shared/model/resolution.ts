// The Beschlussantrag: numbered resolution items, each a rich-text fragment of its own.
import * as Y from 'yjs'
import { readRichText, richTextToPlain, validateRichText, writeRichText, type RichTextDoc } from '../rich-text'
import { ProposalItemNotFoundError } from './errors'
import { entries, getItem, insertItem, moveItem, removeItem } from './collections'
import { write } from './doc'

export type ResolutionItem = {
  id: string
  /** 1..n in display order: the Beschlussziffer. */
  number: number
  content: RichTextDoc
  text: string
}

export function listResolutionItems(doc: Y.Doc): ResolutionItem[] {
  return entries(doc, 'resolution').map((e, i) => {
    const fragment = e.item.get('text')
    const content = fragment instanceof Y.XmlFragment ? readRichText(fragment) : { type: 'doc' as const, content: [] }
    return { id: e.id, number: i + 1, content, text: richTextToPlain(content) }
  })
}

/** Adds an item (paragraphs or a ProseMirror JSON doc) at `index` (default: last); returns its id. */
export function addResolutionItem(doc: Y.Doc, content: string[] | RichTextDoc, index?: number): string {
  // Check before inserting, so a refused text leaves no empty item behind.
  validateRichText(content)
  return write(doc, () =>
    insertItem(
      doc,
      'resolution',
      (item) => {
        const fragment = new Y.XmlFragment()
        item.set('text', fragment)
        writeRichText(fragment, content)
      },
      index,
    ),
  )
}

/** The fragment an editor binds to (y-prosemirror's ySyncPlugin). */
export function resolutionItemFragment(doc: Y.Doc, id: string): Y.XmlFragment {
  const fragment = getItem(doc, 'resolution', id).get('text')
  if (!(fragment instanceof Y.XmlFragment)) throw new ProposalItemNotFoundError('resolution', id)
  return fragment
}

/** Replaces an item's whole text (templates, tests, restore); editors edit the fragment in place. */
export function setResolutionItemText(doc: Y.Doc, id: string, content: string[] | RichTextDoc): void {
  const fragment = resolutionItemFragment(doc, id)
  write(doc, () => writeRichText(fragment, content))
}

export const removeResolutionItem = (doc: Y.Doc, id: string): void => write(doc, () => removeItem(doc, 'resolution', id))

/** Moves an item to `toIndex`; numbering follows the new order. */
export const moveResolutionItem = (doc: Y.Doc, id: string, toIndex: number): void =>
  write(doc, () => moveItem(doc, 'resolution', id, toIndex))
