// The typed REST client: every call goes through send(), which turns a failed answer into an ApiError.
import type { SessionUser } from '../../shared/identity'
import type { CreateProposal, ProposalStatus, ProposalSummary } from '../../shared/proposal'

/** What the signed-in user may do with one proposal (GET /api/proposals/:id/rights). */
export type ProposalRights = {
  canEdit: boolean
  canSteer: boolean
  canSign: boolean
  memberDepartmentIds: string[]
  status: ProposalStatus
}

export class ApiError extends Error {
  constructor(
    /** The HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export async function send<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(`/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  } catch {
    throw new ApiError(0, 'Der Server ist nicht erreichbar.')
  }
  const data: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const error = (data as { error?: unknown } | undefined)?.error
    throw new ApiError(response.status, typeof error === 'string' ? error : `HTTP ${response.status}`)
  }
  return data as T
}

export const api = {
  me: () => send<SessionUser>('GET', '/me'),
  login: (username: string, password: string) => send<SessionUser>('POST', '/login', { username, password }),
  logout: () => send<{ ok: true }>('POST', '/logout'),
  listProposals: (query = '') =>
    send<ProposalSummary[]>('GET', query ? `/proposals?q=${encodeURIComponent(query)}` : '/proposals'),
  getProposal: (id: string) => send<ProposalSummary>('GET', `/proposals/${encodeURIComponent(id)}`),
  createProposal: (input: CreateProposal) => send<ProposalSummary>('POST', '/proposals', input),
  rights: (id: string) => send<ProposalRights>('GET', `/proposals/${encodeURIComponent(id)}/rights`),
}
