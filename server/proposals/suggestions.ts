// The lead's decision on suggestions: accepting applies one as an ordinary edit in the suggester's
// name (so the change list and the Verlauf name them, and signatures on it go outdated); rejecting
// removes it. Both are the server's own writes of the content doc, and both are audited.
import * as Y from 'yjs'
import { canonicalSections } from '../../shared/model'
import { applySuggestion, readSuggestion, listSuggestions, suggestionsMap, type Suggestion } from '../../shared/model/suggestions'
import type { SessionUser } from '../../shared/identity'
import type { SuggestionDecision } from '../../shared/suggestion-api'
import type { ProposalAccess } from '../auth/rights'
import { ConflictError, ForbiddenError, NotFoundError } from '../domain-errors'
import { appendAudit } from '../record/audit'
import { createContentGuard } from '../sync/update-guard'
import type { ProposalDeps } from './cosign'
import { contentHashOf } from './status'

export type DecisionResult = { accepted: string[]; rejected: string[]; gone: string[] }

/** Accepts or rejects the named suggestions, or every one of an author; each on its own, in order. */
export async function decideSuggestions(
  deps: ProposalDeps,
  user: SessionUser,
  { proposal, rights }: ProposalAccess,
  input: SuggestionDecision,
): Promise<DecisionResult> {
  if (!rights.canDecideSuggestions) throw new ForbiddenError('only the leading department decides on suggestions')
  const proposalId = proposal.id
  const current = await deps.rooms.storedContent(proposalId)
  const pending = listSuggestions(current)
  current.destroy()
  const chosen = 'ids' in input ? pending.filter((s) => input.ids.includes(s.id)) : pending.filter((s) => s.authorId === input.authorId)
  if ('ids' in input && chosen.length === 0) throw new NotFoundError('no such suggestion')
  const result: DecisionResult = { accepted: [], rejected: [], gone: [] }
  let why: string | undefined
  for (const { id } of chosen) {
    const outcome = await decideOne(deps, user, proposalId, id, input.decision)
    if (typeof outcome === 'object') {
      why = outcome.misfit
      result.gone.push(id)
    } else result[outcome].push(id)
  }
  // One suggestion that could not be applied is the caller's error to see; of several, the list says which.
  if (chosen.length === 1 && result.gone.length === 1 && input.decision === 'accept') {
    throw new ConflictError(why ? `the suggestion does not fit its field: ${why}` : 'the text this suggestion changes is gone; reject it instead')
  }
  return result
}

async function decideOne(
  deps: ProposalDeps,
  user: SessionUser,
  proposalId: string,
  id: string,
  decision: 'accept' | 'reject',
): Promise<'accepted' | 'rejected' | 'gone' | { misfit: string }> {
  // Read again at the moment of writing: the suggester may have extended or withdrawn it meanwhile.
  let suggestion: Suggestion | undefined
  let applied = false
  if (decision === 'accept') {
    const snapshot = await deps.rooms.storedContent(proposalId)
    suggestion = readSuggestion(snapshot, id)
    const misfit = suggestion && misfitOf(snapshot, suggestion)
    snapshot.destroy()
    if (!suggestion) return 'gone'
    if (misfit) return { misfit }
    const suggester = { userId: suggestion.authorId, departmentId: suggestion.departmentId }
    const accepted = suggestion
    applied = await deps.rooms.changeContent(proposalId, (doc) => {
      // Exactly the suggestion that was checked: one its author changed meanwhile waits for the next decision.
      const now = readSuggestion(doc, id)
      return now !== undefined && JSON.stringify(now) === JSON.stringify(accepted) && applySuggestion(doc, now)
    }, suggester)
    if (!applied) return 'gone'
  }
  const removed = await deps.rooms.changeContent(
    proposalId,
    (doc) => {
      const now = readSuggestion(doc, id)
      suggestionsMap(doc).delete(id)
      return now
    },
    { userId: user.id, departmentId: user.departmentId },
  )
  suggestion ??= removed
  if (!suggestion) return 'gone'
  const after = await deps.rooms.storedContent(proposalId)
  const contentHash = contentHashOf(canonicalSections(after))
  after.destroy()
  await appendAudit(deps.db, {
    proposalId,
    user,
    action: applied ? 'suggestion accepted' : 'suggestion rejected',
    detail: {
      suggestionId: id,
      authorId: suggestion.authorId,
      authorName: suggestion.authorName,
      departmentId: suggestion.departmentId,
      section: suggestion.section,
      field: suggestion.field,
      deleted: suggestion.deleted,
      insert: suggestion.insert,
      suggestedAt: suggestion.at,
    },
    contentHash,
  })
  deps.record.publish(proposalId)
  return applied ? 'accepted' : 'rejected'
}

/**
 * Why the accepted suggestion would be content a client could not write (too long for its field,
 * characters the field refuses), judged by the same guard as every client update; undefined: it fits.
 */
function misfitOf(stored: Y.Doc, suggestion: Suggestion): string | undefined {
  const trial = new Y.Doc()
  try {
    Y.applyUpdate(trial, Y.encodeStateAsUpdate(stored))
    const before = Y.encodeStateVector(trial)
    trial.transact(() => applySuggestion(trial, suggestion))
    return createContentGuard()(stored, Y.encodeStateAsUpdate(trial, before))?.reason
  } finally {
    trial.destroy()
  }
}
