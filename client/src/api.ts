// The typed REST client: every call goes through send(), which turns a failed answer into an ApiError.
import type { Resource } from 'solid-js'
import type { SessionUser } from '../../shared/identity'
import type {
  AccountState,
  AuditEntry,
  ClientAuthor,
  Created,
  DepartmentMember,
  EditBurst,
  Ok,
  PasswordChanged,
  PasswordReset,
  ProposalRights,
  SignatureChanges,
} from '../../shared/api-responses'
import type { CreateProposal, ProposalSummary } from '../../shared/proposal'
import type { CommentAnchor, Stance } from '../../shared/record'
import type { ReleaseInput } from '../../shared/record-api'
import type { Inbox } from '../../shared/inbox'
import type { NotificationList, NotificationSetting, NotificationSettings } from '../../shared/notifications'

export type InvolvementInput = { departmentId: string; sections: string[]; due?: string; editMode?: 'edit' | 'suggest' }[]

export type { AuditEntry, ChangeAuthor, ClientAuthor, DepartmentMember, EditBurst, SignatureChanges } from '../../shared/api-responses'

export class ApiError extends Error {
  constructor(
    /** The HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The value a resource last loaded, or undefined once its load failed: Solid's `latest` of a failed resource
 * throws out of every computation that reads it (an uncaught error in the page), where the failure should be shown.
 */
export const lastLoaded = <T>(resource: Resource<T>): T | undefined => (resource.error ? undefined : resource.latest)

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
  logout: () => send<Ok>('POST', '/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    send<PasswordChanged>('POST', '/me/password', { currentPassword, newPassword }),
  departmentMembers: (departmentId: string) => send<DepartmentMember[]>('GET', `/departments/${encodeURIComponent(departmentId)}/users`),
  resetPassword: (userId: string, newPassword: string) =>
    send<PasswordReset>('POST', `/users/${encodeURIComponent(userId)}/password`, { newPassword }),
  setDisabled: (userId: string, disabled: boolean) =>
    send<AccountState>('POST', `/users/${encodeURIComponent(userId)}/${disabled ? 'disable' : 'enable'}`),
  listProposals: (query = '') =>
    send<ProposalSummary[]>('GET', query ? `/proposals?q=${encodeURIComponent(query)}` : '/proposals'),
  getProposal: (id: string) => send<ProposalSummary>('GET', `/proposals/${encodeURIComponent(id)}`),
  createProposal: (input: CreateProposal) => send<ProposalSummary>('POST', '/proposals', input),
  rights: (id: string) => send<Omit<ProposalRights, 'canComment'>>('GET', `/proposals/${encodeURIComponent(id)}/rights`),

  // The co-signing round (server-owned: the record doc shows the outcome live).
  setDepartments: (id: string, departments: InvolvementInput) => send<Ok>('PUT', `${proposalPath(id)}/departments`, { departments }),
  startCosigning: (id: string, departments: InvolvementInput) => send<Ok>('POST', `${proposalPath(id)}/cosigning`, { departments }),
  sign: (id: string, stance: Stance, remark: string) => send<Ok>('POST', `${proposalPath(id)}/signatures`, { stance, remark }),
  signatureChanges: (id: string, departmentId: string) =>
    send<SignatureChanges>('GET', `${proposalPath(id)}/signatures/${encodeURIComponent(departmentId)}/changes`),
  release: (id: string, input: ReleaseInput = {}) => send<Ok>('POST', `${proposalPath(id)}/release`, input),
  reopen: (id: string) => send<Ok>('POST', `${proposalPath(id)}/reopen`),
  audit: (id: string) => send<AuditEntry[]>('GET', `${proposalPath(id)}/audit`),
  // Who wrote what, as the server stamped it: owners of the content's client ids, and edits per person.
  authors: (id: string) => send<ClientAuthor[]>('GET', `${proposalPath(id)}/authors`),
  edits: (id: string) => send<EditBurst[]>('GET', `${proposalPath(id)}/edits`),
  extendDeadline: (id: string, departmentId: string, due: string) => send<Ok>('POST', `${proposalPath(id)}/deadlines`, { departmentId, due }),

  // The person's own: inbox, notifications, settings (the live channel is inbox/live-channel.ts).
  inbox: () => send<Inbox>('GET', '/me/inbox'),
  notifications: () => send<NotificationList>('GET', '/me/notifications'),
  markRead: (ids: number[] | 'all') => send<Ok>('POST', '/me/notifications/read', ids === 'all' ? { all: true } : { ids }),
  notificationSettings: () => send<NotificationSettings>('GET', '/me/notification-settings'),
  saveNotificationSettings: (settings: NotificationSetting[]) => send<Ok>('PUT', '/me/notification-settings', { settings }),

  // Comment threads: author, department and time are stamped by the server.
  startThread: (id: string, anchor: CommentAnchor, text: string) => send<Created>('POST', `${proposalPath(id)}/threads`, { anchor, text }),
  reply: (id: string, threadId: string, text: string) =>
    send<Created>('POST', `${proposalPath(id)}/threads/${encodeURIComponent(threadId)}/replies`, { text }),
  setThreadResolved: (id: string, threadId: string, resolved: boolean) =>
    send<Ok>('POST', `${proposalPath(id)}/threads/${encodeURIComponent(threadId)}/${resolved ? 'resolve' : 'reopen'}`),
}

function proposalPath(id: string): string {
  return `/proposals/${encodeURIComponent(id)}`
}
