// Comments on words of the Begründung: a button that anchors a new thread to the current selection,
// and the words of open threads highlighted in the editor, following every edit.
import { createEffect, onCleanup, Show, type Accessor } from 'solid-js'
import type { EditorState } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import type * as Y from 'yjs'
import { t } from '../i18n'
import { anchorRange, selectionAnchor } from './body-anchors'
import { useComments, type BodyAnchor } from './comments-state'
import { BubbleIcon } from './PositionComments'

export function BodyCommentButton(props: { view: EditorView | undefined; state: EditorState | undefined }) {
  const comments = useComments()
  const hasSelection = () => !!props.state && !props.state.selection.empty
  const comment = () => {
    const anchor = props.view && selectionAnchor(props.view)
    if (anchor) comments?.commentOnBody(anchor)
  }
  return (
    <Show when={comments?.canComment()}>
      <button
        type="button"
        class="secondary small body-comment"
        data-record
        disabled={!hasSelection()}
        title={hasSelection() ? t('cm.bodySelection') : t('cm.bodySelectionHint')}
        // Keep the editor's selection: a mouse press on the button would otherwise blur it first.
        onMouseDown={(event) => event.preventDefault()}
        onClick={comment}
        data-testid="comment-body"
      >
        <BubbleIcon plus /> {t('cm.bodySelection')}
      </button>
    </Show>
  )
}

/**
 * Marks the words of open Begründung threads in the editor. The ranges are found again from their
 * relative positions whenever the text changes (a local edit reaches Yjs after ProseMirror, so the
 * marks are refreshed once more when the fragment has changed).
 */
export function highlightBodyComments(view: Accessor<EditorView | undefined>, fragment: Y.XmlFragment): void {
  const comments = useComments()
  if (!comments) return
  const anchors = () =>
    comments
      .threads()
      .filter((thread) => !thread.resolved && thread.anchor.kind === 'body')
      .map((thread) => ({ id: thread.id, anchor: thread.anchor as BodyAnchor }))
  createEffect(() => {
    const editor = view()
    if (!editor) return
    const list = anchors()
    if (list.length === 0) return
    let cached: { state: EditorState; version: number; set: DecorationSet } | undefined
    let version = 0
    const decorations = (state: EditorState) => {
      if (cached?.state === state && cached.version === version) return cached.set
      const found = list.flatMap(({ id, anchor }) => {
        const range = anchorRange(editor, anchor, state)
        return range ? [Decoration.inline(range.from, range.to, { class: 'comment-range', 'data-thread-id': id })] : []
      })
      cached = { state, version, set: DecorationSet.create(state.doc, found) }
      return cached.set
    }
    let frame = 0
    const refresh = () => {
      version++
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => editor.isDestroyed || editor.setProps({}))
    }
    fragment.observeDeep(refresh)
    editor.setProps({ decorations })
    onCleanup(() => {
      fragment.unobserveDeep(refresh)
      cancelAnimationFrame(frame)
      if (!editor.isDestroyed) editor.setProps({ decorations: () => DecorationSet.empty })
    })
  })
}
