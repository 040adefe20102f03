// The comments beside the board: threads on positions, Begründung ranges or the whole proposal, filtered
// by open/resolved and "für meine Abteilung"; new comments, replies, resolve and reopen. Authors,
// departments and times come from the server through the record doc, live.
import { createMemo, For, onMount, Show } from 'solid-js'
import type * as Y from 'yjs'
import type { SessionUser } from '../../../shared/identity'
import { formatFte } from '../../../shared/format'
import { listPositions, type Position } from '../../../shared/model'
import type { CommentAnchor, RecordThread } from '../../../shared/record'
import { api } from '../api'
import { useDocValue } from '../use-doc-value'
import { t } from '../i18n'
import type { CommentsState, ThreadFilter } from './comments-state'
import './record-common.css'
import './comments.css'
import { Composer, ThreadCard } from './ThreadCard'

export function CommentsPanel(props: { proposalId: string; doc: Y.Doc; user: SessionUser; state: CommentsState }) {
  const state = props.state
  const positions = useDocValue(props.doc, listPositions, { roots: ['positions'] })
  let heading!: HTMLHeadingElement
  let panel!: HTMLElement

  const inScope = (thread: RecordThread) => {
    const scope = state.scope()
    if (scope.kind === 'position') return thread.anchor.kind === 'position' && thread.anchor.positionId === scope.positionId
    if (scope.kind === 'thread') return thread.id === scope.threadId
    return true
  }
  const forMe = (thread: RecordThread) =>
    !state.mineOnly() || thread.mentions.includes(props.user.departmentId) || !!thread.mentionedPeople?.some((p) => p.id === props.user.id)
  const scoped = createMemo(() => state.threads().filter((thread) => inScope(thread) && forMe(thread)))
  const counts = createMemo(() => ({
    open: scoped().filter((thread) => !thread.resolved).length,
    resolved: scoped().filter((thread) => thread.resolved).length,
    all: scoped().length,
  }))
  const lastActivity = (thread: RecordThread) => thread.comments.at(-1)?.createdAt ?? ''
  const visible = createMemo(() =>
    scoped()
      .filter((thread) => state.scope().kind === 'thread' || state.filter() === 'all' || (state.filter() === 'open') !== thread.resolved)
      .sort((a, b) => lastActivity(b).localeCompare(lastActivity(a))),
  )

  const target = (anchor: CommentAnchor): string => anchorLabel(anchor, positions())
  const newAnchor = (): CommentAnchor | undefined => {
    const scope = state.scope()
    if (scope.kind === 'position') return { kind: 'position', positionId: scope.positionId }
    if (scope.kind === 'thread') return undefined
    return state.bodyDraft() ?? { kind: 'proposal' }
  }

  // Keyboard: the panel takes the focus when opened, Escape closes it, the focus goes back where it was.
  let returnFocus: HTMLElement | null = null
  onMount(() => {
    returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!panel.contains(document.activeElement)) heading.focus({ preventScroll: true })
  })
  const close = () => {
    state.close()
    returnFocus?.focus({ preventScroll: true })
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault()
      close()
    }
  }

  const filters: { value: ThreadFilter; label: () => string; count: () => number }[] = [
    { value: 'open', label: () => t('cm.filterOpen'), count: () => counts().open },
    { value: 'resolved', label: () => t('cm.filterResolved'), count: () => counts().resolved },
    { value: 'all', label: () => t('cm.filterAll'), count: () => counts().all },
  ]
  const scopeLabel = () => {
    const scope = state.scope()
    if (scope.kind === 'position') return target({ kind: 'position', positionId: scope.positionId })
    if (scope.kind === 'thread') return t('cm.scopeThread')
    return undefined
  }

  return (
    <aside class="comments-panel" aria-labelledby="comments-heading" data-testid="comments-panel" ref={panel} onKeyDown={onKeyDown}>
      <header class="comments-head">
        <h2 id="comments-heading" tabindex="-1" ref={heading}>
          {t('cm.title')}
        </h2>
        <button type="button" class="icon-button" aria-label={t('cm.close')} title={t('cm.close')} onClick={close} data-testid="comments-close">
          ×
        </button>
      </header>

      <div class="comments-filters">
        <div class="segmented" role="radiogroup" aria-label={t('cm.filter')}>
          <For each={filters}>
            {(filter) => (
              <label class="segment" classList={{ active: state.filter() === filter.value }}>
                <input
                  type="radio"
                  name="comment-filter"
                  value={filter.value}
                  checked={state.filter() === filter.value}
                  onChange={() => state.setFilter(filter.value)}
                  data-testid={`comment-filter-${filter.value}`}
                />
                {filter.label()} <span class="count">{filter.count()}</span>
              </label>
            )}
          </For>
        </div>
        <label class="check-label">
          <input type="checkbox" checked={state.mineOnly()} onChange={(event) => state.setMineOnly(event.currentTarget.checked)} data-testid="comment-mine" />
          {t('cm.mine')}
        </label>
      </div>

      <Show when={scopeLabel()}>
        {(label) => (
          <p class="comments-scope" data-testid="comments-scope">
            <span>{t('cm.scope', { target: label() })}</span>
            <button type="button" class="link-button" onClick={() => state.setScope({ kind: 'all' })}>
              {t('cm.scopeClear')}
            </button>
          </p>
        )}
      </Show>

      <Show when={state.canComment()} fallback={<p class="muted small-note">{t('cm.viewer')}</p>}>
        <Show when={newAnchor()} keyed>
          {(anchor) => (
            <Composer
              state={state}
              label={t('cm.newOn', { target: target(anchor) })}
              quote={anchor.kind === 'body' ? anchor.quote : undefined}
              submitLabel={t('cm.send')}
              testId="new-comment"
              send={async (text) => {
                await api.startThread(props.proposalId, anchor, text)
                if (anchor.kind === 'body') state.clearBodyDraft()
                state.setFilter('open')
              }}
              onCancel={anchor.kind === 'body' ? () => state.clearBodyDraft() : undefined}
              takesFocus
            />
          )}
        </Show>
      </Show>

      <Show
        when={visible().length > 0}
        fallback={<p class="muted small-note">{state.threads().length === 0 ? t('cm.empty') : t('cm.emptyFiltered')}</p>}
      >
        <ol class="thread-list" aria-label={t('cm.list')}>
          <For each={visible()}>
            {(thread) => <ThreadCard thread={thread} proposalId={props.proposalId} target={target(thread.anchor)} state={state} />}
          </For>
        </ol>
      </Show>
    </aside>
  )
}

/** "Stelle 2 · 1,0 VZK EG 13 TVöD", "Begründung", "Vorlage allgemein". */
function anchorLabel(anchor: CommentAnchor, positions: Position[]): string {
  switch (anchor.kind) {
    case 'position': {
      const index = positions.findIndex((p) => p.id === anchor.positionId)
      if (index < 0) return t('cm.anchorPositionGone')
      const p = positions[index]!
      const detail = [`${formatFte(p.fte)} VZK`, p.payGrade].filter(Boolean).join(' ')
      return `${t('cm.anchorPosition', { n: index + 1 })} · ${detail}`
    }
    case 'body':
      return t('cm.anchorBody')
    case 'proposal':
      return t('cm.anchorProposal')
  }
}

