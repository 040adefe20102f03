// Where each part of a proposal lives in its Y.Doc. Client and server both go through these.
import * as Y from 'yjs'

export const titleText = (doc: Y.Doc): Y.Text => doc.getText('title')
export const notesText = (doc: Y.Doc): Y.Text => doc.getText('notes')

/** The first state of a new proposal's document, as one Yjs update. */
export function initialProposalUpdate(title: string): Uint8Array {
  const doc = new Y.Doc()
  titleText(doc).insert(0, title)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
