// Binds an <input> or <textarea> to a Y.Text both ways: a local edit becomes one minimal Yjs change,
// a remote change updates the field and keeps the caret and selection where the user had them.
import * as Y from 'yjs'
import { diffText } from '../../shared/text-diff'

type TextField = HTMLInputElement | HTMLTextAreaElement

export { diffText, type TextChange } from '../../shared/text-diff'

/**
 * Where a position in the old text is after the change `delta`. An insertion exactly at the
 * position moves it only when `stickRight` (the start of a selection, so the selection does not grow).
 */
export function mapPosition(position: number, delta: Y.YTextEvent['delta'], stickRight = false): number {
  let oldIndex = 0
  let moved = position
  for (const op of delta) {
    if (oldIndex > position) break
    if (op.retain !== undefined) {
      oldIndex += op.retain
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1
      if (oldIndex < position || stickRight) moved += length
    } else if (op.delete !== undefined) {
      if (oldIndex < position) moved -= Math.min(op.delete, position - oldIndex)
      oldIndex += op.delete
    }
  }
  return moved
}

export type BindOptions = {
  /** Judges the typed value before it is written; false leaves the text as it was and the field shows it again. */
  accept?: (value: string) => boolean
}

/** Starts the binding; returns the function that ends it. The field's value is replaced by the text. */
export function bindText(field: TextField, text: Y.Text, options: BindOptions = {}): () => void {
  const doc = text.doc
  if (!doc) throw new Error('bindText needs a Y.Text that belongs to a Y.Doc')
  // Marks our own transactions, so the observer does not write them back into the field.
  const localOrigin = {}
  field.value = text.toString()

  const onInput = () => {
    const before = text.toString()
    const after = field.value
    if (before === after) return
    const change = diffText(before, after, field.selectionEnd ?? after.length)
    if (options.accept && !options.accept(after)) {
      field.value = before
      field.setSelectionRange(change.index, change.index)
      return
    }
    doc.transact(() => {
      if (change.remove > 0) text.delete(change.index, change.remove)
      if (change.insert) text.insert(change.index, change.insert)
    }, localOrigin)
  }

  const onRemoteChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === localOrigin) return
    const value = text.toString()
    if (field.value === value) return
    // The field showed the text as it was before this change, so the delta maps its positions.
    const { selectionStart, selectionEnd, selectionDirection, scrollTop } = field
    const focused = document.activeElement === field
    field.value = value
    if (focused && selectionStart !== null && selectionEnd !== null) {
      const collapsed = selectionStart === selectionEnd
      const start = mapPosition(selectionStart, event.delta, !collapsed)
      const end = collapsed ? start : mapPosition(selectionEnd, event.delta)
      field.setSelectionRange(start, end, selectionDirection ?? undefined)
    }
    field.scrollTop = scrollTop
  }

  field.addEventListener('input', onInput)
  text.observe(onRemoteChange)
  return () => {
    field.removeEventListener('input', onInput)
    text.unobserve(onRemoteChange)
  }
}
