// Shows whether the live connection stands and the document is in step with the server.
import type { ConnectionStatus, ProposalConnection } from './sync'

const statusText: Record<ConnectionStatus, string> = {
  connecting: 'Verbindung wird hergestellt …',
  connected: 'Verbunden',
  disconnected: 'Getrennt',
}

export function ConnectionBadge(props: { connection: ProposalConnection }) {
  const status = () => props.connection.status()
  const synced = () => props.connection.synced()
  return (
    <p
      class={`connection connection-${status()}`}
      role="status"
      data-testid="connection-status"
      data-status={status()}
      data-synced={String(synced())}
    >
      <span class="dot" aria-hidden="true" />
      <span data-testid="connection-text">
        {statusText[status()]}
        {synced() ? ' · synchronisiert' : ''}
      </span>
    </p>
  )
}
