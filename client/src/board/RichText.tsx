// A ProseMirror editor as a Solid component: mounted on a ref, destroyed with the component.
import { createEffect, onCleanup, onMount } from 'solid-js'
import type { EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import 'prosemirror-view/style/prosemirror.css'
import { mountRichEditor } from './rich-editor'
import './editor.css'

export type RichTextProps = {
  fragment: Y.XmlFragment
  awareness?: Awareness
  canEdit: boolean
  label: string
  testId?: string
  class?: string
  onView?: (view: EditorView) => void
  onState?: (state: EditorState) => void
}

export function RichText(props: RichTextProps) {
  let place!: HTMLDivElement
  let view: EditorView | undefined
  onMount(() => {
    view = mountRichEditor(place, {
      fragment: props.fragment,
      awareness: props.awareness,
      editable: () => props.canEdit,
      label: () => props.label,
      testId: props.testId,
      onState: (state) => props.onState?.(state),
    })
    props.onView?.(view)
  })
  // ProseMirror reads `editable` and `attributes` only when its props are set again.
  createEffect(() => {
    void props.canEdit
    void props.label
    view?.setProps({})
  })
  onCleanup(() => view?.destroy())
  return <div class={`rich-editor ${props.class ?? ''}`} ref={place} />
}
