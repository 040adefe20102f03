// Connects a proposal's Y.Doc to the server with y-websocket and exposes the connection as signals.
import { createSignal, type Accessor } from 'solid-js'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected'

/** The server ended the connection for good (close code 4400–4499); y-websocket does not retry. */
export type FinalClose = { code: number; reason: string }

export type ProposalConnection = {
  doc: Y.Doc
  status: Accessor<ConnectionStatus>
  /** Whether the document matches the server's right now. */
  synced: Accessor<boolean>
  /** Whether the document was synced at least once, i.e. holds the server's content. */
  loaded: Accessor<boolean>
  closed: Accessor<FinalClose | undefined>
  destroy(): void
}

export const syncUrl = (loc: Location = location) => `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/sync`

export function connectProposal(proposalId: string): ProposalConnection {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl(), proposalId, doc, {
    // Attach the listeners before the first status event.
    connect: false,
    // Edits go through the server only: it stores each one before any other client sees it.
    disableBc: true,
  })
  const [status, setStatus] = createSignal<ConnectionStatus>('connecting')
  const [synced, setSynced] = createSignal(false)
  const [loaded, setLoaded] = createSignal(false)
  const [closed, setClosed] = createSignal<FinalClose>()

  provider.on('status', (event) => setStatus(event.status))
  provider.on('sync', (isSynced) => {
    setSynced(isSynced)
    if (isSynced) setLoaded(true)
  })
  provider.on('closed', (event) => {
    setClosed({ code: event.code, reason: event.reason })
    setStatus('disconnected')
  })
  provider.connect()

  return {
    doc,
    status,
    synced,
    loaded,
    closed,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}
