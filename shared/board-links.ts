// Where on the board something is: the one way the inbox, the notifications and the e-mails link into a proposal.
// The fragment names an element of the board (`cosign-<department>`, `section-cosign`) or a comment thread.

export type BoardPlace =
  | { kind: 'proposal' }
  | { kind: 'cosign' }
  | { kind: 'signature'; departmentId: string }
  | { kind: 'thread'; threadId: string }

export function boardPath(proposalId: string, place: BoardPlace): string {
  const base = `/p/${encodeURIComponent(proposalId)}`
  switch (place.kind) {
    case 'proposal':
      return base
    case 'cosign':
      return `${base}#section-cosign`
    case 'signature':
      return `${base}#cosign-${encodeURIComponent(place.departmentId)}`
    case 'thread':
      return `${base}#thread-${encodeURIComponent(place.threadId)}`
  }
}

/** The place a board URL's fragment names; undefined for none or one this code does not know. */
export function placeOfFragment(fragment: string): BoardPlace | undefined {
  const hash = decodeURIComponent(fragment.replace(/^#/, ''))
  if (hash === 'section-cosign') return { kind: 'cosign' }
  if (hash.startsWith('cosign-')) return { kind: 'signature', departmentId: hash.slice('cosign-'.length) }
  if (hash.startsWith('thread-')) return { kind: 'thread', threadId: hash.slice('thread-'.length) }
  return undefined
}
