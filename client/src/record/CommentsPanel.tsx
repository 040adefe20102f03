// The comments beside the board: threads on positions, Begründung ranges or the whole proposal, filtered
// by open/resolved and "für meine Abteilung"; new comments, replies, resolve and reopen. Authors,
// departments and times come from the server through the record doc, live.
import { createEffect, createMemo, createSignal, createUniqueId, For, onMount, Show } from 'solid-js'
import type * as Y from 'yjs'
import { departments } from '../../../shared/departments'
import type { SessionUser } from '../../../shared/identity'
import { formatFte } from '../../../shared/format'
import { listPositions, type Position } from '../../../shared/model'
import type { CommentAnchor, RecordComment, RecordThread } from '../../../shared/record'
import { api } from '../api'
import { useDocValue } from '../board/use-doc-value'
import { departmentLabel } from '../departments'
import { formatDateTime, t } from '../i18n'
import { showAnchor } from './body-anchors'
import type { BodyAnchor, CommentsState, ThreadFilter } from './comments-state'
import './record.css'

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
  const forMe = (thread: RecordThread) => !state.mineOnly() || thread.mentions.includes(props.user.departmentId)
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

function ThreadCard(props: { thread: RecordThread; proposalId: string; target: string; state: CommentsState }) {
  const [replying, setReplying] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const first = () => props.thread.comments[0]
  const setResolved = async (resolved: boolean) => {
    setBusy(true)
    setError(undefined)
    try {
      await api.setThreadResolved(props.proposalId, props.thread.id, resolved)
    } catch (e) {
      setError(t('cm.error', { message: (e as Error).message }))
    } finally {
      setBusy(false)
    }
  }
  const bodyAnchor = () => (props.thread.anchor.kind === 'body' ? (props.thread.anchor as BodyAnchor) : undefined)
  const [gone, setGone] = createSignal(false)
  return (
    <li
      class="thread"
      classList={{ resolved: props.thread.resolved }}
      data-testid="thread"
      data-thread-id={props.thread.id}
      data-resolved={String(props.thread.resolved)}
      data-anchor={props.thread.anchor.kind}
    >
      <div class="thread-head">
        <span class="thread-target" data-testid="thread-target">
          {props.target}
        </span>
        <Show when={props.thread.resolved}>
          <span class="resolved-tag" data-testid="thread-resolved">
            {props.thread.resolvedByName ? t('cm.resolvedBy', { name: props.thread.resolvedByName }) : t('cm.resolved')}
          </span>
        </Show>
      </div>
      <Show when={bodyAnchor()}>
        {(anchor) => (
          <div class="thread-quote">
            <blockquote data-testid="thread-quote">{anchor().quote}</blockquote>
            <Show when={props.state.bodyView()}>
              {(view) => (
                <button type="button" class="link-button" onClick={() => setGone(!showAnchor(view(), anchor()))}>
                  {t('cm.showInText')}
                </button>
              )}
            </Show>
            <Show when={gone()}>
              <span class="muted"> {t('cm.quoteGone')}</span>
            </Show>
          </div>
        )}
      </Show>
      <Show when={props.thread.mentions.length > 0}>
        <p class="mentions">
          <span class="muted">{t('cm.mentions')}</span>
          <For each={props.thread.mentions}>
            {(department) => (
              <span class="chip" data-testid="mention-chip" data-department={department}>
                {departmentLabel(department)}
              </span>
            )}
          </For>
        </p>
      </Show>
      <ol class="comments">
        <For each={props.thread.comments}>{(comment) => <CommentView comment={comment} />}</For>
      </ol>
      <Show when={error()}>
        <p class="inline-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={props.state.canComment()}>
        <Show
          when={replying()}
          fallback={
            <div class="thread-actions">
              <button type="button" class="secondary small" onClick={() => setReplying(true)}>
                {t('cm.reply')}
              </button>
              <button
                type="button"
                class="secondary small"
                disabled={busy()}
                onClick={() => void setResolved(!props.thread.resolved)}
                data-testid={props.thread.resolved ? 'thread-reopen' : 'thread-resolve'}
              >
                {props.thread.resolved ? t('cm.reopen') : t('cm.resolve')}
              </button>
            </div>
          }
        >
          <Composer
            state={props.state}
            label={t('cm.replyLabel', { name: first()?.authorName ?? '' })}
            submitLabel={t('cm.sendReply')}
            testId="reply"
            send={async (text) => {
              await api.reply(props.proposalId, props.thread.id, text)
              setReplying(false)
            }}
            onCancel={() => setReplying(false)}
            focusOnMount
          />
        </Show>
      </Show>
    </li>
  )
}

/** `@WFB` in a comment's text stands out as the mention it is. */
function CommentText(props: { text: string }) {
  const parts = () => props.text.split(/(@[\p{L}\p{N}_-]+)/u)
  return (
    <p class="comment-text" data-testid="comment-text">
      <For each={parts()}>{(part) => (part.startsWith('@') ? <span class="mention">{part}</span> : part)}</For>
    </p>
  )
}

function CommentView(props: { comment: RecordComment }) {
  return (
    <li class="comment" data-testid="comment">
      <div class="comment-meta">
        <span class="comment-author" data-testid="comment-author">
          {props.comment.authorName}
        </span>
        <span class="comment-department" data-testid="comment-department">
          {departmentLabel(props.comment.departmentId)}
        </span>
        <time datetime={props.comment.createdAt} data-testid="comment-time">
          {formatDateTime(props.comment.createdAt)}
        </time>
      </div>
      <CommentText text={props.comment.text} />
    </li>
  )
}

/** A text field with a send button; Ctrl+Enter sends, Escape cancels (when there is something to cancel). */
function Composer(props: {
  state: CommentsState
  label: string
  quote?: string
  submitLabel: string
  testId: string
  send: (text: string) => Promise<void>
  onCancel?: () => void
  /** Takes the caret when the board asks for a new comment (Kommentieren on a position). */
  takesFocus?: boolean
  focusOnMount?: boolean
}) {
  const id = createUniqueId()
  const [text, setText] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string>()
  let field!: HTMLTextAreaElement
  const focus = () => requestAnimationFrame(() => field.focus())
  onMount(() => props.focusOnMount && focus())
  createEffect(() => {
    const request = props.state.composeRequest()
    if (props.takesFocus && props.state.takeCompose(request)) focus()
  })
  const mentioned = () => {
    const tags = [...text().matchAll(/@([\p{L}\p{N}_-]+)/gu)].map((m) => m[1]!.toLowerCase())
    // The same rule as the server's: a department's tag or id after the @.
    return departments.filter((d) => tags.includes(d.tag.toLowerCase()) || tags.includes(d.id)).map((d) => d.id)
  }
  const submit = async (event?: Event) => {
    event?.preventDefault()
    const value = text().trim()
    if (!value || busy()) return
    setBusy(true)
    setError(undefined)
    try {
      await props.send(value)
      setText('')
      field.value = ''
    } catch (e) {
      setError(t('cm.error', { message: (e as Error).message }))
    } finally {
      setBusy(false)
    }
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event)
    else if (event.key === 'Escape' && props.onCancel) {
      event.preventDefault()
      props.onCancel()
    }
  }
  return (
    <form class="composer" data-testid={props.testId} onSubmit={(event) => void submit(event)}>
      <label for={id}>{props.label}</label>
      <Show when={props.quote}>
        <blockquote class="composer-quote">{props.quote}</blockquote>
      </Show>
      <textarea
        id={id}
        ref={field}
        rows={2}
        maxLength={5000}
        value={text()}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-describedby={`${id}-hint`}
        data-testid={`${props.testId}-text`}
      />
      <span class="hint small-note" id={`${id}-hint`}>
        {t('cm.textHint')}
      </span>
      <Show when={mentioned().length > 0}>
        <p class="mentions">
          <span class="muted">{t('cm.mentions')}</span>
          <For each={mentioned()}>{(department) => <span class="chip">{departmentLabel(department)}</span>}</For>
        </p>
      </Show>
      <Show when={error()}>
        <p class="inline-error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="form-actions">
        <button type="submit" class="small" disabled={busy() || text().trim() === ''} data-testid={`${props.testId}-send`}>
          {props.submitLabel}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="secondary small" onClick={() => props.onCancel?.()}>
            {t('sign.cancel')}
          </button>
        </Show>
      </div>
    </form>
  )
}
