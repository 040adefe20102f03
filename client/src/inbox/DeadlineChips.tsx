// A deadline as chips, in the inbox and on the board: its own module, so the board does not load the inbox.
import { Show } from 'solid-js'
import type { InboxDeadline } from '../../../shared/inbox'
import { formatDate } from '../../../shared/format'
import { t } from '../i18n'
import './deadline-chips.css'

/** "Frist: 12.11.2025" with "überfällig" or "bald fällig" beside it. */
export function DeadlineChips(props: { deadline: InboxDeadline; current?: boolean }) {
  return (
    <span class="deadline-chips" data-testid="deadline" data-due={props.deadline.due ?? ''}>
      <span class="due">{props.deadline.due ? t('due.label', { date: formatDate(props.deadline.due) }) : t('due.none')}</span>
      <Show when={!props.current && props.deadline.passed}>
        <span class="due-flag overdue" data-testid="overdue">
          {t('due.overdue')}
        </span>
      </Show>
      <Show when={!props.current && !props.deadline.passed && props.deadline.soon}>
        <span class="due-flag soon">{t('due.soon')}</span>
      </Show>
    </span>
  )
}
