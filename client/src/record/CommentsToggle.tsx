// In the board's bar: opens and closes the comments, with the number of open threads.
import { Show } from 'solid-js'
import { t } from '../i18n'
import type { CommentsState } from './comments-state'
import { BubbleIcon } from './PositionComments'
import './comments.css'

export function CommentsToggle(props: { state: CommentsState }) {
  const open = () => props.state.threads().filter((thread) => !thread.resolved).length
  return (
    <button
      type="button"
      class="comments-toggle"
      aria-expanded={props.state.isOpen()}
      title={open() > 0 ? t('cm.openCount', { n: open() }) : undefined}
      onClick={() => {
        if (props.state.isOpen()) props.state.close()
        else {
          props.state.setScope({ kind: 'all' })
          props.state.open()
        }
      }}
      data-testid="comments-toggle"
    >
      <BubbleIcon />
      {t('cm.toggle')}
      <Show when={open() > 0}>
        <span class="toggle-count" data-testid="comments-open-count">
          {open()}
          <span class="visually-hidden"> {t('cm.filterOpen')}</span>
        </span>
      </Show>
    </button>
  )
}
