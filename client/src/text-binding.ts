// Binds an <input> or <textarea> to a Y.Text both ways: a local edit becomes one minimal Yjs change,
// a remote change updates the field and keeps the caret and selection where the user had them.
import * as Y from 'yjs'

type TextField = HTMLInputElement | HTMLTextAreaElement

export type TextChange = { index: number; remove: number; insert: string }

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/**
 * The single replacement (common prefix and suffix kept) that turns `before` into `after`.
 * `caret` is the caret after the edit: in a run of equal letters it tells where the user typed.
 */
export function diffText(before: string, after: string, caret = after.length): TextChange {
  const maxPrefix = Math.min(before.length, after.length, caret)
  let prefix = 0
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  // Never cut a surrogate pair: Yjs would store each half as U+FFFD.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--
  const maxSuffix = Math.min(before.length, after.length) - prefix
  let suffix = 0
  while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix++
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--
  return { index: prefix, remove: before.length - prefix - suffix, insert: after.slice(prefix, after.length - suffix) }
}

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

/** Starts the binding; returns the function that ends it. The field's value is replaced by the text. */
export function bindText(field: TextField, text: Y.Text): () => void {
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
