// Real Yjs clients: the stock y-websocket WebsocketProvider over the `ws` package.
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { ProposalSummary } from '../../shared/proposal'
import { bodyFragment, canonicalContent } from '../../shared/model'
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

// Each y-websocket provider listens for the process's exit (to close its socket); stories hold a dozen at once.
const maxExitListeners = 64
if (process.getMaxListeners() < maxExitListeners) process.setMaxListeners(maxExitListeners)

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

export async function connectSynced(wsUrl: string, proposalId: string, cookie: string, options: { timeoutMs?: number } = {}): Promise<Client> {
  const client = connectClient(wsUrl, proposalId, { cookie })
  try {
    await waitFor(() => client.provider.synced, { timeoutMs: options.timeoutMs, what: 'client sync' })
  } catch (error) {
    client.destroy()
    throw error
  }
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

/** The proposal's content as everyone sees it, comparable across clients. */
export const contentOf = (doc: Y.Doc): string => canonicalContent(doc)

/**
 * Appends `chars` characters to the Begründung in one transaction, `marker` first, as paragraphs
 * within the model's limit: how tests build large documents the server accepts.
 */
export function appendLargeBody(doc: Y.Doc, marker: string, chars: number): void {
  const text = `${marker} `.padEnd(chars, 'abcdefghij')
  doc.transact(() => {
    for (let at = 0; at < text.length; at += largeParagraphChars) newBodyParagraph(doc).insert(0, text.slice(at, at + largeParagraphChars))
  })
}
const largeParagraphChars = 9_000

/** Appends a paragraph to the Begründung and returns its text: a place of one's own to type into. */
export function newBodyParagraph(doc: Y.Doc): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText()])
  bodyFragment(doc).push([paragraph])
  return paragraph.get(0) as Y.XmlText
}

/**
 * The text of the Begründung's first paragraph, made if missing: where tests and the bench type
 * long text, as a person would, into a real part of the proposal.
 */
export function bodyText(doc: Y.Doc): Y.XmlText {
  const body = bodyFragment(doc)
  let paragraph = body.get(0)
  if (!(paragraph instanceof Y.XmlElement) || paragraph.nodeName !== 'paragraph') {
    paragraph = new Y.XmlElement('paragraph')
    body.insert(0, [paragraph])
  }
  const first = paragraph.get(0)
  if (first instanceof Y.XmlText) return first
  paragraph.insert(0, [new Y.XmlText()])
  return paragraph.get(0) as Y.XmlText
}
