// One proposal as a live planning board: the bar (number, status, presence, connection), why it may be
// read-only, and the board itself once the document has arrived.
import { createEffect, createResource, lazy, Match, onCleanup, Show, Suspense, Switch } from 'solid-js'
import { readHeader } from '../../../shared/model'
import type { ProposalSummary } from '../../../shared/proposal'
import { api, ApiError } from '../api'
import { Board } from '../board/Board'
import { EditAnnouncer } from '../board/EditAnnouncer'
import { PresenceBar } from '../board/PresenceBar'
import { colorForUser } from '../user-colors'
import { useDocValue } from '../use-doc-value'
import { ConnectionBadge } from '../ConnectionBadge'
import { kindLabel, t } from '../i18n'
import { departmentLabel } from '../departments'
import { Link } from '../router'
import { currentUser, refreshCurrentUser } from '../session'
import { connectProposal } from '../sync'
import { CommentsToggle } from '../record/CommentsToggle'
import { CommentsProvider, createCommentsState } from '../record/comments-state'
import { CosignSection } from '../record/CosignSection'
import { OutdatedBanner } from '../record/OutdatedBanner'
import { createProposalRecord } from '../record/record-state'
import { followBoardPlace } from '../record/follow-place'
import { createSuggestState, SuggestProvider } from '../suggest/suggest-state'
import { SuggestionsPanel, SuggestModeSwitch } from '../suggest/SuggestionsPanel'

// Opened on demand: loaded then, in its own Suspense so the board stays while it loads.
const CommentsPanel = lazy(() => import('../record/CommentsPanel').then((m) => ({ default: m.CommentsPanel })))

export default function ProposalPage(props: { id: string }) {
  const [proposal] = createResource(() => props.id, api.getProposal)
  return (
    <Switch fallback={<p class="muted">{t('app.loading')}</p>}>
      <Match when={proposal.error instanceof ApiError && (proposal.error as ApiError).status === 404}>
        <p class="back">
          <Link href="/">{t('board.back')}</Link>
        </p>
        <section class="card notice" data-testid="not-found">
          <h1>{t('board.notFound')}</h1>
          <p>{t('board.notFoundText')}</p>
        </section>
      </Match>
      <Match when={proposal.error}>
        <p class="error" role="alert">
          {t('board.loadError', { message: (proposal.error as Error).message })}
        </p>
      </Match>
      <Match when={proposal.state === 'ready' && proposal()}>{(summary) => <ProposalBoard proposal={summary()} />}</Match>
    </Switch>
  )
}

function ProposalBoard(props: { proposal: ProposalSummary }) {
  const signedIn = currentUser()!
  // The last known user: a refresh after a role change replaces it, a sign-out elsewhere does not blank the page.
  const user = () => currentUser() ?? signedIn
  // Rights follow the record doc; only our own role lives outside it, so a rights change asks for it again.
  const connection = connectProposal(props.proposal.id, { userId: signedIn.id, onRightsChanged: () => void refreshCurrentUser() })
  connection.setUser({ id: signedIn.id, name: signedIn.displayName, department: signedIn.departmentId, color: colorForUser(signedIn.id) })
  onCleanup(() => connection.destroy())

  const header = useDocValue(connection.doc, readHeader, { roots: ['title', 'header'] })
  const record = createProposalRecord({ content: connection.doc, record: connection.recordDoc, contentLoaded: connection.loaded, user })
  const comments = createCommentsState({ threads: record.threads, canComment: record.canComment })
  const status = () => record.status() ?? props.proposal.status

  const canEdit = () => !!record.rights()?.canEdit && connection.loaded() && !connection.closed()
  const suggest = createSuggestState({
    proposalId: props.proposal.id,
    doc: connection.doc,
    who: { authorId: signedIn.id, authorName: signedIn.displayName, departmentId: signedIn.departmentId },
    canEdit,
    mustSuggest: () => !!record.rights()?.mustSuggest,
    canDecide: () => !!record.rights()?.canDecideSuggestions && canEdit(),
  })
  const readOnlyReason = () => {
    const r = record.rights()
    if (connection.closed()) return t('readonly.closed')
    if (!r || r.canEdit) return undefined
    if (r.status === 'released') return t('readonly.released')
    if (user().role === 'viewer') return t('readonly.viewer')
    if (!r.memberDepartmentIds.includes(user().departmentId)) return t('readonly.notMember', { department: departmentLabel(user().departmentId) })
    return t('readonly.other')
  }

  createEffect(() => {
    document.title = `${header().title.trim() || t('board.untitled')} – Mitzeichnung`
  })
  // A link from the inbox, a notification or an e-mail names a place on the board.
  followBoardPlace({ ready: () => connection.loaded() && connection.recordLoaded(), threads: record.threads, showThread: comments.showThread })

  return (
    <CommentsProvider value={comments}>
      <SuggestProvider value={suggest}>
      <article class="board-page" classList={{ 'with-comments': comments.isOpen() }} aria-labelledby="board-heading">
        <div class="board-bar">
          <Link href="/" class="back-link">
            {t('board.back')}
          </Link>
          <h1 id="board-heading" class="board-title">
            <span class="board-number" data-testid="board-number">
              {header().number ? `GRDrs ${header().number}` : t('list.noNumber')}
            </span>
            <span class="board-kind">{kindLabel(header().kind)}</span>
            <span class="visually-hidden">: {header().title}</span>
          </h1>
          <span class={`status status-${status()}`} data-testid="proposal-status" data-status={status()}>
            {t(`status.${status()}`)}
          </span>
          <Link href={`/p/${props.proposal.id}/versions`} class="versions-link" data-testid="versions-link">
            {t('v.title')}
          </Link>
          <CommentsToggle state={comments} />
          <PresenceBar awareness={connection.awareness} />
          <EditAnnouncer doc={connection.doc} awareness={connection.awareness} ready={connection.loaded} />
          <ConnectionBadge connection={connection} />
        </div>

        <Show when={connection.closed()}>
          {(closed) => (
            <p class="error" role="alert" data-testid="connection-closed" data-code={closed().code}>
              {t('board.closed', { reason: closed().reason || t('board.closedNoReason'), code: closed().code })}
            </p>
          )}
        </Show>
        <Show when={readOnlyReason()}>
          {(reason) => (
            <p class="notice-bar" role="note" data-testid="read-only-notice">
              <strong>{t('readonly.title')}</strong> {reason()}
            </p>
          )}
        </Show>

        <OutdatedBanner record={record} user={user()} />
        <SuggestModeSwitch state={suggest} />
        <SuggestionsPanel state={suggest} />

        <Show when={connection.loaded()} fallback={<p class="muted board-loading">{t('board.loading')}</p>}>
          <div class="board-layout">
            <Board
              doc={connection.doc}
              awareness={connection.awareness}
              // In suggestion mode only the text editors and free-text fields take input, as suggestions.
              canEdit={canEdit() && !suggest.active()}
              defaultDepartment={user().departmentId}
              leadDepartmentId={record.leadDepartmentId() ?? props.proposal.leadDepartmentId}
              proposalId={props.proposal.id}
              // For measuring: navigation start → the whole board on screen and synced.
              onReady={() => performance.mark('board-ready')}
              cosign={<CosignSection proposalId={props.proposal.id} doc={connection.doc} record={record} user={user()} />}
            />
            <Show when={comments.isOpen()}>
              <Suspense>
                <CommentsPanel proposalId={props.proposal.id} doc={connection.doc} user={user()} state={comments} />
              </Suspense>
            </Show>
          </div>
        </Show>
      </article>
      </SuggestProvider>
    </CommentsProvider>
  )
}
