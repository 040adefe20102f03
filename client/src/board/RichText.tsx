// A ProseMirror editor as a Solid component: mounted on a ref, destroyed with the component.
import { createEffect, createUniqueId, onCleanup, onMount } from 'solid-js'
import type { EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import 'prosemirror-view/style/prosemirror.css'
import { useFieldPresence } from './field-presence'
import { useSuggest } from '../suggest/suggest-state'
import { mountRichEditor } from './rich-editor'
import './editor.css'

export type RichTextProps = {
  fragment: Y.XmlFragment
  awareness?: Awareness
  canEdit: boolean
  label: string
  testId?: string
  class?: string
  /** Stable id for presence (`resolution/<id>`): colleagues see who is in this editor. */
  field?: string
  onView?: (view: EditorView) => void
  onState?: (state: EditorState) => void
}

export function RichText(props: RichTextProps) {
  let place!: HTMLDivElement
  let view: EditorView | undefined
  const presence = useFieldPresence(() => props.field, createUniqueId())
  const suggest = useSuggest()
  onMount(() => {
    view = mountRichEditor(place, {
      fragment: props.fragment,
      awareness: props.awareness,
      editable: () => props.canEdit,
      label: () => props.label,
      testId: props.testId,
      describedBy: () => presence.describedBy(),
      onState: (state) => props.onState?.(state),
      suggest: suggest && props.field ? { state: suggest, field: props.field } : undefined,
    })
    props.onView?.(view)
  })
  // ProseMirror reads `editable` and `attributes` only when its props are set again.
  createEffect(() => {
    void props.canEdit
    void suggest?.active()
    void props.label
    void presence.describedBy()
    view?.setProps({})
  })
  onCleanup(() => view?.destroy())
  return (
    <div class="rich-field" {...presence.box()}>
      <div class="peer-anchor">
        <presence.Tags />
      </div>
      <div class={`rich-editor ${props.class ?? ''}`} ref={place} />
    </div>
  )
}
