// Comment anchors in the Begründung: a ProseMirror selection as two Yjs relative positions (base64),
// which keep pointing at the same words while others edit, and back to a range in the editor.
import { TextSelection } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from 'y-prosemirror'
import * as Y from 'yjs'
import type { BodyAnchor } from './comments-state'

const quoteMax = 500

type SyncState = { binding: { mapping: Map<Y.AbstractType<unknown>, unknown>; type: Y.XmlFragment; doc: Y.Doc } | null }

const bindingOf = (view: EditorView) => (ySyncPluginKey.getState(view.state) as SyncState | undefined)?.binding ?? undefined

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0))

/** The selected words as an anchor, or undefined when nothing (or nothing but space) is selected. */
export function selectionAnchor(view: EditorView): BodyAnchor | undefined {
  const { from, to, empty } = view.state.selection
  const binding = bindingOf(view)
  if (empty || !binding) return undefined
  const quote = view.state.doc.textBetween(from, to, ' ', ' ').replace(/\s+/g, ' ').trim()
  if (!quote) return undefined
  const encode = (pos: number) =>
    toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, binding.type, binding.mapping as never)))
  return {
    kind: 'body',
    from: encode(from),
    to: encode(to),
    quote: quote.length > quoteMax ? `${quote.slice(0, quoteMax - 1)}…` : quote,
  }
}

/** Where the anchored words are now; undefined when they were deleted. */
export function anchorRange(view: EditorView, anchor: BodyAnchor, state = view.state): { from: number; to: number } | undefined {
  const binding = (ySyncPluginKey.getState(state) as SyncState | undefined)?.binding
  if (!binding) return undefined
  try {
    const resolve = (encoded: string) =>
      relativePositionToAbsolutePosition(binding.doc, binding.type, Y.decodeRelativePosition(fromBase64(encoded)), binding.mapping as never)
    const from = resolve(anchor.from)
    const to = resolve(anchor.to)
    const size = state.doc.content.size
    if (from === null || to === null || to <= from || to > size) return undefined
    return { from, to }
  } catch {
    // An anchor this editor cannot read (another layout): nothing to show.
    return undefined
  }
}

/** Selects the anchored words in the editor and scrolls them into view; false when they are gone. */
export function showAnchor(view: EditorView, anchor: BodyAnchor): boolean {
  const range = anchorRange(view, anchor)
  if (!range) return false
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).scrollIntoView())
  view.focus()
  return true
}
