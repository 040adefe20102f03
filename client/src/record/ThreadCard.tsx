// One comment thread: its comments with server-stamped author, department and time, replies,
// resolve and reopen; and the composer for new comments and replies.
import { createEffect, createSignal, createUniqueId, onMount, Show, For } from 'solid-js'
import { departments } from '../../../shared/departments'
import type { RecordComment, RecordThread } from '../../../shared/record'
import { api } from '../api'
import { departmentLabel } from '../departments'
import { formatDateTime, t } from '../i18n'
import { showAnchor } from './body-anchors'
import type { BodyAnchor, CommentsState } from './comments-state'
import './thread.css'

export function ThreadCard(props: { thread: RecordThread; proposalId: string; target: string; state: CommentsState }) {
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
      <Show when={props.thread.mentions.length > 0 || (props.thread.mentionedPeople?.length ?? 0) > 0}>
        <p class="mentions">
          <span class="muted">{t('cm.mentions')}</span>
          <For each={props.thread.mentions}>
            {(department) => (
              <span class="chip" data-testid="mention-chip" data-department={department}>
                {departmentLabel(department)}
              </span>
            )}
          </For>
          <For each={props.thread.mentionedPeople ?? []}>
            {(person) => (
              <span class="chip" data-testid="mention-person" data-user={person.id}>
                {person.name}
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
export function Composer(props: {
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
