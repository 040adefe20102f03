// Real Yjs clients: the stock y-websocket WebsocketProvider over the `ws` package.
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { ProposalSummary } from '../../shared/proposal'
import { notesText, titleText } from '../../shared/proposal-doc'
import { waitFor } from './wait'

export type Client = { doc: Y.Doc; provider: WebsocketProvider; destroy(): void }

/** Signs in through the REST API and returns the session cookie. */
export async function signIn(baseUrl: string, username: string, password = 'demo'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status}`)
  const cookie = response.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error('no session cookie')
  return cookie
}

/** A `ws` WebSocket class that sends the session cookie, as a browser would. */
export function webSocketWithCookie(cookie: string) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } })
    }
  }
}

export function connectClient(wsUrl: string, proposalId: string, options: { cookie: string; doc?: Y.Doc }): Client {
  const doc = options.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(wsUrl, proposalId, doc, {
    WebSocketPolyfill: webSocketWithCookie(options.cookie) as unknown as typeof globalThis.WebSocket,
    // In one process, BroadcastChannel would sync clients past the server.
    disableBc: true,
    maxBackoffTime: 300,
  })
  return {
    doc,
    provider,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export async function connectSynced(wsUrl: string, proposalId: string, cookie: string): Promise<Client> {
  const client = connectClient(wsUrl, proposalId, { cookie })
  await waitFor(() => client.provider.synced, { what: 'client sync' })
  return client
}

export async function createProposal(
  baseUrl: string,
  cookie: string,
  title = 'Testvorlage',
  number = '',
): Promise<ProposalSummary> {
  const response = await fetch(`${baseUrl}/api/proposals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ title, number }),
  })
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as ProposalSummary
}

export const stateOf = (doc: Y.Doc) => Y.encodeStateAsUpdate(doc)

/** The document content, comparable across clients. */
export function contentOf(doc: Y.Doc): { title: string; notes: string } {
  return { title: titleText(doc).toString(), notes: notesText(doc).toString() }
}
