// Shows whether edits reach the server: offline (kept in memory), connecting, syncing, saved, or closed.
import { t } from './i18n'
import type { ProposalConnection } from './sync'

export function ConnectionBadge(props: { connection: ProposalConnection }) {
  const state = () => props.connection.saveState()
  return (
    <p
      class={`connection connection-${state()}`}
      role="status"
      data-testid="connection-status"
      data-state={state()}
      data-status={props.connection.status()}
      data-synced={String(props.connection.synced())}
      data-pending={String(props.connection.pending())}
    >
      <span class="dot" aria-hidden="true" />
      <span data-testid="connection-text">{t(`conn.${state()}`)}</span>
    </p>
  )
}
