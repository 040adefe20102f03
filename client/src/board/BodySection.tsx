// The Begründung: one long rich text edited live, with everyone's cursor and selection in their colour.
import { createSignal, onCleanup, Show } from 'solid-js'
import type { EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { bodyFragment } from '../../../shared/model'
import { t } from '../i18n'
import { BodyCommentButton, highlightBodyComments } from '../record/BodyComments'
import { useComments } from '../record/comments-state'
import { RichText } from './RichText'
import { Section } from './Section'
import { Toolbar } from './Toolbar'

export function BodySection(props: { doc: Y.Doc; awareness: Awareness; canEdit: boolean }) {
  const [view, setView] = createSignal<EditorView>()
  // A fresh state object per transaction: the toolbar's pressed and enabled states follow it.
  const [state, setState] = createSignal<EditorState>()
  const comments = useComments()
  onCleanup(() => comments?.setBodyView(undefined))
  highlightBodyComments(view, bodyFragment(props.doc))
  return (
    <Section id="body" title={t('body.title')} aside={comments && <BodyCommentButton view={view()} state={state()} />}>
      <div class="body-editor" id="body-editor">
        <Show when={props.canEdit}>
          <Toolbar view={view()} state={state()} canEdit={props.canEdit} />
        </Show>
        <RichText
          fragment={bodyFragment(props.doc)}
          awareness={props.awareness}
          canEdit={props.canEdit}
          label={t('body.editor')}
          field="body"
          testId="body-editor"
          class="document"
          onView={(v) => {
            setView(() => v)
            comments?.setBodyView(v)
          }}
          onState={(s) => setState(() => s)}
        />
      </div>
    </Section>
  )
}
