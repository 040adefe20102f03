// Suggestion mode in a free-text field: the typed value is kept in the field until the user leaves it
// or presses Enter, then it becomes one suggestion (the smallest replacement), and the field shows the text again.
import type * as Y from 'yjs'
import { suggestionFor } from '../../../shared/model'
import { diffText } from '../../../shared/text-diff'
import { sectionOfField, type SuggestState } from './suggest-state'

type TextField = HTMLInputElement | HTMLTextAreaElement

/** Starts suggestion mode on the field; returns the function that ends it. */
export function bindSuggesting(field: TextField, text: Y.Text, suggest: SuggestState, fieldId: string): () => void {
  const show = () => (field.value = text.toString())
  show()
  const commit = () => {
    const before = text.toString()
    const after = field.value
    if (before !== after) {
      const change = diffText(before, after)
      const range = { from: change.index, to: change.index + change.remove, insert: change.insert }
      suggest.put(suggestionFor(text, range, suggest.who, { section: sectionOfField(fieldId), field: fieldId }))
    }
    show()
  }
  const onKeyDown = (event: Event) => {
    const key = event as KeyboardEvent
    if (key.key === 'Enter' && !(field instanceof HTMLTextAreaElement && key.shiftKey)) {
      key.preventDefault()
      commit()
    } else if (key.key === 'Escape') show()
  }
  // Someone else's edit shows at once unless the user is typing a suggestion here.
  const onRemote = () => {
    if (document.activeElement !== field) show()
  }
  field.addEventListener('change', commit)
  field.addEventListener('keydown', onKeyDown)
  text.observe(onRemote)
  return () => {
    field.removeEventListener('change', commit)
    field.removeEventListener('keydown', onKeyDown)
    text.unobserve(onRemote)
  }
}
