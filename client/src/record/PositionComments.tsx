// On a position's row: how many comment threads on it are open (a badge that opens them), and "Kommentieren".
import { Show } from 'solid-js'
import { t } from '../i18n'
import { useComments } from './comments-state'
import './comments.css'

export function PositionComments(props: { positionId: string; name: string }) {
  const comments = useComments()
  if (!comments) return null
  const open = () => comments.openByPosition().get(props.positionId) ?? 0
  return (
    <div class="position-comments" data-record>
      <Show when={open() > 0}>
        <button
          type="button"
          class="comment-badge"
          aria-label={t('cm.badge', { target: props.name, n: open() })}
          title={t('cm.badge', { target: props.name, n: open() })}
          onClick={() => comments.showPosition(props.positionId)}
          data-testid="comment-badge"
        >
          <BubbleIcon />
          <span data-testid="comment-count">{open()}</span>
        </button>
      </Show>
      <Show when={comments.canComment()}>
        <button
          type="button"
          class="icon-button comment-add"
          aria-label={t('cm.commentOn', { target: props.name })}
          title={t('cm.comment')}
          onClick={() => comments.showPosition(props.positionId, { compose: true })}
          data-testid="comment-position"
        >
          <BubbleIcon plus />
        </button>
      </Show>
    </div>
  )
}

export function BubbleIcon(props: { plus?: boolean }) {
  return (
    <svg class="bubble-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d="M2.5 2.5h11a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1H7l-3.2 2.6V11H2.5a1 1 0 0 1-1-1V3.5a1 1 0 0 1 1-1z" fill="none" stroke="currentColor" stroke-width="1.3" stroke-linejoin="round" />
      {props.plus && <path d="M8 4.6v4.2M5.9 6.7h4.2" stroke="currentColor" stroke-width="1.3" stroke-linecap="round" />}
    </svg>
  )
}
