// The live connections of one open proposal: its content doc (read-write for members) and its
// server-owned record doc (read-only), with presence, reconnects and the save state as signals.
import { createSignal, type Accessor } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MessageType, roomNameOf } from '../../shared/sync-protocol'
import { openLocalCopy } from './local-copy'
import { manageReconnects, type FinalClose, type Reconnector } from './reconnect'
import { trackSaves } from './save-tracker'

export type { FinalClose } from './reconnect'

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected'

/** What the user is told: offline (edits kept in this browser), connecting, syncing, saved, or closed for good. */
export type SaveState = 'offline' | 'connecting' | 'syncing' | 'saved' | 'closed'

/** The awareness `user` field; y-prosemirror's cursor plugin reads `name` and `color`. */
export type PresenceUser = { id: string; name: string; department: string; color: string }

export type ProposalConnection = {
  doc: Y.Doc
  recordDoc: Y.Doc
  awareness: Awareness
  status: Accessor<ConnectionStatus>
  /** Whether the document matches the server's right now. */
  synced: Accessor<boolean>
  /** Whether the document was synced at least once, i.e. holds the server's content. */
  loaded: Accessor<boolean>
  /** Whether the record doc was synced at least once. */
  recordLoaded: Accessor<boolean>
  /** Local edits the server has not confirmed storing yet. */
  pending: Accessor<boolean>
  browserOnline: Accessor<boolean>
  saveState: Accessor<SaveState>
  closed: Accessor<FinalClose | undefined>
  setUser(user: PresenceUser): void
  destroy(): void
}

export const syncUrl = (loc: Location = location) => `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/sync`

export type ConnectOptions = {
  /** The signed-in user: the content doc's local copy is kept per user, never shared with the next one. */
  userId: string
  /** The server closed with 4001, or refused our updates: the page should ask for its rights again. */
  onRightsChanged?(): void
}

function openProvider(room: string, doc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(syncUrl(), room, doc, {
    // Attach the listeners before the first status event.
    connect: false,
    // Edits go through the server only: it stores each one before any other client sees it.
    disableBc: true,
  })
}

export function connectProposal(proposalId: string, options: ConnectOptions): ProposalConnection {
  const doc = new Y.Doc()
  // Only the content doc is kept locally: the record is the server's, and read-only here.
  const localCopy = openLocalCopy(options.userId, proposalId, doc)
  const recordDoc = new Y.Doc()
  const provider = openProvider(proposalId, doc)
  const recordProvider = openProvider(roomNameOf(proposalId, 'record'), recordDoc)
  // Nobody needs to know who reads the record; presence lives on the content doc.
  recordProvider.awareness.setLocalState(null)

  const [status, setStatus] = createSignal<ConnectionStatus>('connecting')
  const [synced, setSynced] = createSignal(false)
  const [loaded, setLoaded] = createSignal(false)
  const [recordLoaded, setRecordLoaded] = createSignal(false)
  const [closed, setClosed] = createSignal<FinalClose>()
  const [retrying, setRetrying] = createSignal(false)
  const [browserOnline, setBrowserOnline] = createSignal(navigator.onLine)

  provider.on('status', (event) => {
    setStatus(event.status)
    if (event.status === 'connected') setRetrying(false)
  })
  provider.on('connection-close', () => setStatus('disconnected'))
  provider.on('sync', (isSynced) => {
    setSynced(isSynced)
    if (isSynced) setLoaded(true)
  })
  recordProvider.on('sync', (isSynced) => isSynced && setRecordLoaded(true))

  const saves = trackSaves(provider, { ignoreOrigins: [localCopy.origin], onPendingChange: (p) => localCopy.setUnsent(p) })
  const reconnectors: Reconnector[] = [
    manageReconnects(provider, {
      onFinal: (close) => {
        setClosed(close)
        setStatus('disconnected')
      },
      onRightsChanged: () => options.onRightsChanged?.(),
      onRetry: () => setRetrying(true),
    }),
    // A record that closes for good (e.g. the proposal is gone) leaves the content connection to report it.
    manageReconnects(recordProvider, { onFinal: () => undefined }),
  ]

  // The server tells a read-only socket that its updates were dropped: our idea of the rights is stale.
  provider.messageHandlers[MessageType.auth] = () => options.onRightsChanged?.()

  // A browser that knows it is offline gets no say from a half-open socket: close, keep edits, wait.
  const onOffline = () => {
    setBrowserOnline(false)
    for (const r of reconnectors) r.pause()
  }
  // The content socket waits for the local copy: its offline edits must be in the doc when it syncs.
  let localLoaded = false
  const onOnline = () => {
    setBrowserOnline(true)
    reconnectors[1]!.resume()
    if (localLoaded) reconnectors[0]!.resume()
  }
  // Edits only this browser holds are lost with a cleared profile or a sign-out: say so before leaving.
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!saves.pending()) return
    event.preventDefault()
    event.returnValue = ''
  }
  window.addEventListener('offline', onOffline)
  window.addEventListener('online', onOnline)
  window.addEventListener('beforeunload', onBeforeUnload)

  let destroyed = false
  void localCopy.loaded.then((hadUnsent) => {
    if (destroyed) return
    localLoaded = true
    if (hadUnsent) saves.markUnsent()
    provider.connect()
  })
  recordProvider.connect()

  const saveState = (): SaveState => {
    if (closed()) return 'closed'
    if (!browserOnline()) return 'offline'
    if (status() !== 'connected') return retrying() || loaded() ? 'offline' : 'connecting'
    return synced() && !saves.pending() ? 'saved' : 'syncing'
  }

  return {
    doc,
    recordDoc,
    awareness: provider.awareness,
    status,
    synced,
    loaded,
    recordLoaded,
    pending: saves.pending,
    browserOnline,
    saveState,
    closed,
    setUser(user) {
      provider.awareness.setLocalStateField('user', user)
    },
    destroy() {
      destroyed = true
      window.removeEventListener('offline', onOffline)
      window.removeEventListener('online', onOnline)
      window.removeEventListener('beforeunload', onBeforeUnload)
      localCopy.destroy()
      for (const r of reconnectors) r.destroy()
      saves.destroy()
      provider.destroy()
      recordProvider.destroy()
      doc.destroy()
      recordDoc.destroy()
    },
  }
}
