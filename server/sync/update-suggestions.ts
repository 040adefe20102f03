// The update guard's rules for suggestions: who a suggestion may name, and what a department that
// may only suggest may delete. Kept apart from the model check, which knows nothing of sessions.
import * as Y from 'yjs'
import { suggestionsRoot } from '../../shared/model/suggestions'

/** Who sends the update, from the session: what a suggestion must name, and whether they may only suggest. */
export type UpdateWriter = { userId: string; departmentId: string; name: string; suggestOnly: boolean }

/** Whether a suggestion record names exactly the session's user, department and name. */
export function namesSender(value: unknown, writer: UpdateWriter | undefined): boolean {
  if (!writer || typeof value !== 'object' || value === null) return false
  const record = value as { authorId?: unknown; departmentId?: unknown; authorName?: unknown }
  return record.authorId === writer.userId && record.departmentId === writer.departmentId && record.authorName === writer.name
}

/**
 * Judges what an update deletes of the doc: a suggestion is withdrawn only by its author (the lead
 * decides through the server), and a department that may only suggest deletes nothing else.
 */
export function judgeDeletions(
  doc: Y.Doc,
  ds: ReturnType<typeof Y.decodeUpdate>['ds'],
  writer: UpdateWriter | undefined,
  mayWriteAs: ((clientId: number) => boolean) | undefined,
): 'ok' | 'suggest-only' | 'foreign-suggestion' {
  const suggestions = doc.share.get(suggestionsRoot)
  const suggestOnly = writer?.suggestOnly === true
  if (!suggestOnly && !suggestions) return 'ok'
  for (const [client, ranges] of ds.clients) {
    const docStructs = doc.store.clients.get(client)
    if (!docStructs) continue
    const state = Y.getState(doc.store, client)
    for (const { clock, len } of ranges) {
      if (clock >= state) continue
      const end = clock + len
      for (let i = Y.findIndexSS(docStructs, clock); i < docStructs.length && docStructs[i]!.id.clock < end; i++) {
        const struct = docStructs[i]!
        if (!(struct instanceof Y.Item) || struct.deleted) continue
        const inSuggestions = suggestions !== undefined && struct.parent === suggestions
        if (suggestOnly && !inSuggestions) return 'suggest-only'
        if (inSuggestions && mayWriteAs && !mayWriteAs(struct.id.client)) return 'foreign-suggestion'
      }
    }
  }
  return 'ok'
}
