// A person's inbox (GET /api/me/inbox): what awaits them or their department across all proposals,
// each entry linked to its place on the board (shared/board-links.ts).

export const inboxKinds = ['awaiting', 'outdated', 'mention', 'reply', 'waiting'] as const
export type InboxKind = (typeof inboxKinds)[number]

type OfProposal = { proposalId: string; number: string; title: string; href: string }

export type InboxDeadline = { due: string | null; passed: boolean; soon: boolean }

export type InboxEntry =
  /** My department is asked to sign (no signature yet), or its signature went outdated. */
  | (OfProposal & InboxDeadline & { kind: 'awaiting' | 'outdated'; departmentId: string })
  /** A thread that mentions my department or me and is not resolved; or one I wrote in that has a newer answer. */
  | (OfProposal & { kind: 'mention' | 'reply'; threadId: string; authorName: string; excerpt: string; at: string })
  /** My department leads it, and other departments have not signed (or their signature is outdated). */
  | (OfProposal & { kind: 'waiting'; departments: (InboxDeadline & { departmentId: string; state: 'pending' | 'outdated' })[] })

export type Inbox = { today: string; entries: InboxEntry[] }
