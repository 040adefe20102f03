// Suggestion mode in a rich-text editor: a local edit becomes a suggestion instead of a change, and
// every pending suggestion of this editor is drawn inline (insertions underlined, deletions struck
// through, in the author's colour, with name and time) as ProseMirror decorations.
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from 'y-prosemirror'
import * as Y from 'yjs'
import { decodePosition, encodePosition, suggestionsMap, type Suggestion, type SuggestionEntry } from '../../../shared/model'
import { colorForUser } from '../user-colors'
import { departmentLabel } from '../departments'
import { formatDateTime, t } from '../i18n'
import { sectionOfField, type SuggestState } from './suggest-state'

export type RichSuggestOptions = { state: SuggestState; field: string }

type Binding = { mapping: Map<Y.AbstractType<unknown>, unknown>; type: Y.XmlFragment; doc: Y.Doc }
const suggestKey = new PluginKey('suggest')

const bindingOf = (state: EditorState): Binding | undefined =>
  (ySyncPluginKey.getState(state) as { binding: Binding | null } | undefined)?.binding ?? undefined

/** A position in the editor as a position in its block's Yjs text; undefined outside text. */
function textPosition(binding: Binding, pos: number, assoc: number): string | undefined {
  const relative = absolutePositionToRelativePosition(pos, binding.type, binding.mapping as never)
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc)
  if (!absolute || !(absolute.type instanceof Y.XmlText)) return undefined
  return encodePosition(absolute.type, absolute.index, assoc)
}

/** Where a suggestion sits in the editor now; undefined when its words are gone. */
export function suggestionRange(state: EditorState, suggestion: Pick<Suggestion, 'from' | 'to'>): { from: number; to: number } | undefined {
  const binding = bindingOf(state)
  if (!binding) return undefined
  try {
    const from = relativePositionToAbsolutePosition(binding.doc, binding.type, decodePosition(suggestion.from), binding.mapping as never)
    const to = relativePositionToAbsolutePosition(binding.doc, binding.type, decodePosition(suggestion.to), binding.mapping as never)
    if (from === null || to === null || to < from || to > state.doc.content.size) return undefined
    return { from, to }
  } catch {
    return undefined
  }
}

const signature = (s: SuggestionEntry) => `${s.authorName} (${departmentLabel(s.departmentId)}), ${formatDateTime(s.at)}`

function decorations(state: EditorState, options: RichSuggestOptions): DecorationSet {
  const found: Decoration[] = []
  for (const s of options.state.list()) {
    if (s.field !== options.field) continue
    const range = suggestionRange(state, s)
    if (!range) continue
    const style = `--suggest-color: ${colorForUser(s.authorId)}`
    const title = t('suggest.by', { who: signature(s) })
    if (range.to > range.from) {
      found.push(Decoration.inline(range.from, range.to, { class: 'suggest-del', style, title, 'data-testid': 'suggestion-deletion', 'data-suggestion': s.id }))
    }
    if (s.insert) {
      const insert = s.insert
      found.push(
        Decoration.widget(
          range.to,
          () => {
            const span = document.createElement('ins')
            span.className = 'suggest-ins'
            // Through the CSSOM: the content security policy refuses style attributes set as text.
            span.style.setProperty('--suggest-color', colorForUser(s.authorId))
            span.title = title
            span.dataset.testid = 'suggestion-insertion'
            span.dataset.suggestion = s.id
            span.textContent = insert
            return span
          },
          { side: -1, key: `${s.id}:${insert}`, marks: [] },
        ),
      )
    }
  }
  return DecorationSet.create(state.doc, found)
}

/** Draws the pending suggestions of this editor and redraws when they change. */
export function richSuggestPlugin(options: RichSuggestOptions): Plugin {
  return new Plugin({
    key: suggestKey,
    props: { decorations: (state) => decorations(state, options) },
    view(view) {
      const map = suggestionsMap(bindingOf(view.state)?.doc ?? new Y.Doc())
      // Deferred: the change may come from this editor's own dispatch.
      const redraw = () => queueMicrotask(() => !view.isDestroyed && view.dispatch(view.state.tr.setMeta(suggestKey, 'redraw')))
      map.observe(redraw)
      return { destroy: () => map.unobserve(redraw) }
    },
  })
}

/**
 * Turns a local edit into a suggestion (typing on extends the user's last one) and returns the
 * editor state to show: the document unchanged, the caret where the user expects it. Undefined: not a
 * text edit within one block (structure is not suggested), so nothing happens.
 */
export function suggestInstead(view: EditorView, tr: Transaction, options: RichSuggestOptions, last: { id?: string }): EditorState | undefined {
  const binding = bindingOf(view.state)
  const step = tr.steps[0]
  // A plain replace step (typing, deleting, pasting text); read by its JSON type, not its class.
  if (!binding || tr.steps.length !== 1 || !step || step.toJSON().stepType !== 'replace') return undefined
  const { from, to, slice } = step as unknown as { from: number; to: number; slice: import('prosemirror-model').Slice }
  const doc = view.state.doc
  const $from = doc.resolve(from)
  if (!$from.parent.isTextblock || !$from.sameParent(doc.resolve(to)) || slice.openStart !== slice.openEnd) return undefined
  let inlineOnly = true
  slice.content.forEach((node) => (inlineOnly &&= node.isText))
  if (!inlineOnly) return undefined
  const insert = slice.content.textBetween(0, slice.content.size, '', '')
  const suggest = options.state
  const mine = last.id ? suggest.list().find((s) => s.id === last.id && s.authorId === suggest.who.authorId) : undefined
  const at = mine && suggestionRange(view.state, mine)
  const caret = (pos: number) => view.state.apply(view.state.tr.setSelection(TextSelection.create(doc, pos)))
  const encode = (pos: number, assoc: number) => textPosition(binding, pos, assoc)

  if (mine && at) {
    const { id, ...record } = mine
    if (from === to && insert && from === at.to) return (suggest.put({ ...record, insert: record.insert + insert }, id), caret(at.to))
    if (!insert && to === at.to && record.insert) {
      const kept = record.insert.slice(0, Math.max(0, record.insert.length - (to - from)))
      if (kept || at.to > at.from) suggest.put({ ...record, insert: kept }, id)
      else (suggest.withdraw(id), (last.id = undefined))
      return caret(at.to)
    }
    if (!insert && !record.insert && to === at.from) {
      const start = encode(from, 0)
      if (start) return (suggest.put({ ...record, from: start, deleted: doc.textBetween(from, at.to, ' ', ' ') }, id), caret(from))
    }
    if (!insert && !record.insert && from === at.to) {
      const end = encode(to, 0)
      if (end) return (suggest.put({ ...record, to: end, deleted: doc.textBetween(at.from, to, ' ', ' ') }, id), caret(from))
    }
  }
  const start = encode(from, 0)
  const end = from === to ? start : encode(to, 0)
  if (!start || !end || (from === to && !insert)) return undefined
  last.id = suggest.put({
    ...suggest.who,
    at: new Date().toISOString(),
    section: sectionOfField(options.field),
    field: options.field,
    from: start,
    to: end,
    insert,
    deleted: doc.textBetween(from, to, ' ', ' '),
  })
  return caret(insert ? to : from)
}
