// In the versions compare view, on demand: the Begründung of the newer side coloured by author, so the
// changes above can be read together with who wrote them.
import { createResource, createSignal, onCleanup, Show } from 'solid-js'
import * as Y from 'yjs'
import { bodyFragment } from '../../../shared/model'
import { lastLoaded } from '../api'
import { t } from '../i18n'
import { AuthoredText, AuthorsToggle } from '../record/AuthoredText'
import { versionsApi } from './versions-api'

const docOf = (base64: string): Y.Doc => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0)))
  return doc
}

export function CompareAuthors(props: { proposalId: string; toRef: string; label: string }) {
  const [shown, setShown] = createSignal(false)
  const [opened] = createResource(
    () => (shown() ? props.toRef : undefined),
    async (ref) => docOf((await versionsApi.open(props.proposalId, ref)).state),
  )
  onCleanup(() => lastLoaded(opened)?.destroy())
  return (
    <div class="compare-authors" data-testid="compare-authors">
      <AuthorsToggle shown={shown()} onChange={setShown} />
      <Show when={shown() && lastLoaded(opened)}>
        {(doc) => (
          <>
            <h3>{t('authors.compareTitle', { label: props.label })}</h3>
            <AuthoredText proposalId={props.proposalId} fragment={bodyFragment(doc())} />
          </>
        )}
      </Show>
    </div>
  )
}
