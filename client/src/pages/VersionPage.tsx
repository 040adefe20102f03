// One stored version, shown read-only with the board's own views, exactly as it was saved.
import { createResource, onCleanup, Show } from 'solid-js'
import { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { lastLoaded } from '../api'
import { Board } from '../board/Board'
import { formatDateTime, t } from '../i18n'
import { Link } from '../router'
import { currentUser } from '../session'
import { exportUrl, versionsApi } from '../versions/versions-api'

function docOf(base64: string): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0)))
  return doc
}

export default function VersionPage(props: { id: string; version: string }) {
  const [opened] = createResource(
    () => [props.id, props.version] as const,
    async ([id, ref]) => {
      const answer = await versionsApi.open(id, ref)
      const doc = docOf(answer.state)
      return { answer, doc, awareness: new Awareness(doc) }
    },
  )
  onCleanup(() => {
    lastLoaded(opened)?.awareness.destroy()
    lastLoaded(opened)?.doc.destroy()
  })
  return (
    <article class="versions-page">
      <div class="board-bar">
        <Link href={`/p/${props.id}/versions`} class="back-link">
          {t('v.back')}
        </Link>
        <Show when={lastLoaded(opened)}>
          {(shown) => (
            <h1 data-testid="version-title">
              {shown().answer.version ? `${shown().answer.version!.number}. ${shown().answer.version!.name}` : t('v.draft')}
              <span class="muted"> · {shown().answer.version ? formatDateTime(shown().answer.version!.createdAt) : ''}</span>
            </h1>
          )}
        </Show>
      </div>
      <Show when={opened.error}>
        <p class="error">{t('v.loadError', { message: String(opened.error) })}</p>
      </Show>
      <Show when={lastLoaded(opened)}>
        {(shown) => (
          <>
            <p class="notice-bar" role="note" data-testid="read-only-notice">
              {t('v.readOnlyVersion')}{' '}
              <a href={exportUrl(props.id, props.version, 'docx')} download="">
                {t('v.exportDocx')}
              </a>{' '}
              <a href={exportUrl(props.id, props.version, 'pdf')} download="">
                {t('v.exportPdf')}
              </a>
            </p>
            <Board doc={shown().doc} awareness={shown().awareness} canEdit={false} defaultDepartment={currentUser()?.departmentId ?? ''} proposalId={props.id} />
          </>
        )}
      </Show>
    </article>
  )
}
