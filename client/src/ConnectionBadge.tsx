// Shows whether edits reach the server: offline (kept in memory), connecting, syncing, saved, or closed.
import { t } from './i18n'
import type { ProposalConnection } from './sync'

export function ConnectionBadge(props: { connection: ProposalConnection }) {
  const state = () => props.connection.saveState()
  // Saving and saved alternate with every keystroke: a screen reader hears only when the connection changes.
  const announced = () => (state() === 'syncing' || state() === 'saved' ? t('conn.online') : t(`conn.${state()}`))
  return (
    <p
      class={`connection connection-${state()}`}
      data-testid="connection-status"
      data-state={state()}
      data-status={props.connection.status()}
      data-synced={String(props.connection.synced())}
      data-pending={String(props.connection.pending())}
    >
      <span class="dot" aria-hidden="true" />
      <span data-testid="connection-text">{t(`conn.${state()}`)}</span>
      <span class="visually-hidden" role="status" data-testid="connection-announcement">
        {announced()}
      </span>
    </p>
  )
}
