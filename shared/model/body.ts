// The Begründung / Bericht: one rich-text fragment edited through y-prosemirror.
import type * as Y from 'yjs'
import { readRichText, richTextToPlain, writeRichText, type RichTextDoc } from '../rich-text'
import { bodyFragment, write } from './doc'

export const readBody = (doc: Y.Doc): RichTextDoc => readRichText(bodyFragment(doc))
export const readBodyText = (doc: Y.Doc): string => richTextToPlain(readBody(doc))

/** Replaces the whole Begründung (templates, tests, restore); editors edit the fragment in place. */
export function setBody(doc: Y.Doc, content: string[] | RichTextDoc): void {
  write(doc, () => writeRichText(bodyFragment(doc), content, 'body'))
}
