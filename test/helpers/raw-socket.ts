// A bare WebSocket for sending frames the stock client never would.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import WebSocket from 'ws'

export type RawSocket = {
  ws: WebSocket
  /** Resolves with the close code and reason the server sent. */
  closed: Promise<{ code: number; reason: string }>
}

export async function openRawSocket(wsUrl: string, proposalId: string, cookie: string): Promise<RawSocket> {
  const ws = new WebSocket(`${wsUrl}/${proposalId}`, { headers: { cookie } })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return { ws, closed }
}

/** Attempts an upgrade and resolves with the HTTP status of a refusal (or 101). */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0)
      ws.terminate()
    })
    ws.once('open', () => {
      resolve(101)
      ws.close()
    })
    ws.once('error', (error) => {
      if (!String(error).includes('Unexpected server response')) reject(error)
    })
  })
}

export type UpgradeAnswer = { status: number; contentType: string | undefined; body: string }

/** Sends an upgrade request by hand (a well-formed handshake unless `headers` say otherwise) and resolves with the answer; 101 is closed at once. */
export function upgradeAnswer(url: string, headers: Record<string, string> = {}): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(url.replace(/^ws/, 'http'), {
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...headers,
      },
    })
    request.once('upgrade', (response, socket) => {
      socket.destroy()
      resolve({ status: response.statusCode ?? 0, contentType: undefined, body: '' })
    })
    request.once('response', (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.once('end', () => resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], body }))
      response.once('error', reject)
    })
    request.once('error', reject)
    request.end()
  })
}
