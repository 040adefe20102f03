// Mounts a ProseMirror editor on a Y.XmlFragment through y-prosemirror: live sync, own-edit undo,
// and (with an awareness) the collaborators' cursors and selections.
import { keymap } from 'prosemirror-keymap'
import { EditorState, type Plugin } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import { initProseMirrorDoc, yCursorPlugin, ySyncPlugin, ySyncPluginKey, yUndoPlugin, yUndoPluginKey } from 'y-prosemirror'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { richTextSchema } from '../../../shared/rich-text'
import { richSuggestPlugin, suggestInstead, type RichSuggestOptions } from '../suggest/rich-suggest'
import { baseKeymap, richKeymap } from './rich-commands'

export type RichEditorOptions = {
  fragment: Y.XmlFragment
  /** Shows peers' cursors (and publishes ours) through this awareness. */
  awareness?: Awareness
  editable: () => boolean
  /** The accessible name of the editing area. */
  label: () => string
  testId?: string
  /** The editing area's aria-describedby (e.g. who else is in this field). */
  describedBy?: () => string | undefined
  /** Called with every new editor state (the toolbar follows the selection). */
  onState?: (state: EditorState) => void
  /** Draws the pending suggestions; while suggestion mode is on, local edits become suggestions. */
  suggest?: RichSuggestOptions
}

/** The remote caret: a coloured bar with the name above it, as y-prosemirror draws it, plus a test hook. */
function cursorBuilder(user: { name: string; color: string }): HTMLElement {
  const cursor = document.createElement('span')
  cursor.className = 'ProseMirror-yjs-cursor'
  cursor.style.borderColor = user.color
  cursor.dataset.testid = 'remote-cursor'
  const name = document.createElement('span')
  name.className = 'ProseMirror-yjs-cursor-name'
  name.style.backgroundColor = user.color
  name.textContent = user.name
  cursor.append('\u2060', name, '\u2060')
  return cursor
}

/** Typing after a click elsewhere is a new undo step, not part of the burst before it (as in word processors). */
function newUndoStep(view: EditorView): boolean {
  yUndoPluginKey.getState(view.state)?.undoManager.stopCapturing()
  return false
}

export function mountRichEditor(place: HTMLElement, options: RichEditorOptions): EditorView {
  // Start from the fragment's content with its mapping, so the first render writes nothing back.
  const init = initProseMirrorDoc(options.fragment, richTextSchema)
  // An empty fragment gives a doc without a block, whose only selection is "select all"; y-prosemirror
  // would then restore "all" after every remote change, and the next keystroke would replace the whole
  // text. One empty paragraph (not written to Yjs until typed in) gives a caret instead.
  const doc = init.doc.childCount > 0 ? init.doc : richTextSchema.topNodeType.createAndFill()!
  const mapping = init.doc.childCount > 0 ? init.mapping : new Map()
  const plugins: Plugin[] = [ySyncPlugin(options.fragment, { mapping })]
  if (options.awareness) plugins.push(yCursorPlugin(options.awareness, { cursorBuilder }))
  plugins.push(yUndoPlugin(), keymap(richKeymap), keymap(baseKeymap))
  const { suggest } = options
  if (suggest) plugins.push(richSuggestPlugin(suggest))
  const suggesting = () => suggest?.state.active() === true
  // The user's suggestion that typing on extends.
  const lastSuggestion: { id?: string } = {}
  const view: EditorView = new EditorView(place, {
    state: EditorState.create({ schema: richTextSchema, doc, plugins }),
    editable: () => options.editable() || suggesting(),
    handleDOMEvents: { mousedown: newUndoStep, focus: newUndoStep },
    attributes: () => ({
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': options.label(),
      'aria-readonly': String(!options.editable() && !suggesting()),
      class: 'rich-text',
      ...(options.testId ? { 'data-testid': options.testId } : {}),
      ...(options.describedBy?.() ? { 'aria-describedby': options.describedBy()! } : {}),
    }),
    dispatchTransaction(transaction) {
      // A local edit in suggestion mode changes nothing but the suggestions; merged-in changes pass.
      const local = transaction.docChanged && !transaction.getMeta(ySyncPluginKey)
      const state = local && suggest && suggesting() ? (suggestInstead(view, transaction, suggest, lastSuggestion) ?? view.state) : view.state.apply(transaction)
      view.updateState(state)
      options.onState?.(state)
    },
  })
  options.onState?.(view.state)
  return view
}
