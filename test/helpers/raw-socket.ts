// A bare WebSocket for sending frames the stock client never would.
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
