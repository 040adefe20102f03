// The Begründung: one long rich text edited live, with everyone's cursor and selection in their colour;
// on demand ("Autoren zeigen") read-only with each person's words in their colour.
import { createSignal, onCleanup, Show } from 'solid-js'
import type { EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { bodyFragment } from '../../../shared/model'
import { t } from '../i18n'
import { AuthoredText, AuthorsToggle } from '../record/AuthoredText'
import { BodyCommentButton, highlightBodyComments } from '../record/BodyComments'
import { useComments } from '../record/comments-state'
import { RichText } from './RichText'
import { Section } from './Section'
import { Toolbar } from './Toolbar'

export function BodySection(props: { doc: Y.Doc; awareness: Awareness; canEdit: boolean; proposalId?: string }) {
  const [authorsShown, setAuthorsShown] = createSignal(false)
  const [view, setView] = createSignal<EditorView>()
  // A fresh state object per transaction: the toolbar's pressed and enabled states follow it.
  const [state, setState] = createSignal<EditorState>()
  const comments = useComments()
  onCleanup(() => comments?.setBodyView(undefined))
  highlightBodyComments(view, bodyFragment(props.doc))
  return (
    <Section
      id="body"
      title={t('body.title')}
      aside={
        <>
          <Show when={props.proposalId}>
            <AuthorsToggle shown={authorsShown()} onChange={setAuthorsShown} />
          </Show>
          {comments && <BodyCommentButton view={view()} state={state()} />}
        </>
      }
    >
      <Show when={authorsShown() && props.proposalId}>{(id) => <AuthoredText proposalId={id()} fragment={bodyFragment(props.doc)} />}</Show>
      {/* Hidden, not unmounted, while the authors show: the editor keeps its state and cursor. */}
      <div class="body-editor" id="body-editor" hidden={authorsShown()}>
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
