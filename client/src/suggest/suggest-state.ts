// The board's suggestion mode ("Vorschlagen") and the pending suggestions, for the editors, the fields
// and the list: who suggests, whether edits become suggestions, and the lead's decisions (through REST).
import { createContext, createSignal, useContext, type Accessor } from 'solid-js'
import type * as Y from 'yjs'
import { listSuggestions, newItemId, suggestionsMap, type Suggester, type Suggestion, type SuggestionEntry } from '../../../shared/model'
import type { SectionName } from '../../../shared/model'
import type { SuggestionDecision, SuggestionDecisionResult } from '../../../shared/suggestion-api'
import { send } from '../api'
import { useDocValue } from '../use-doc-value'

export type SuggestState = {
  /** Edits become suggestions: chosen, or forced for a department that may only suggest. */
  active: Accessor<boolean>
  /** The department may only suggest (set by the lead per proposal and department). */
  forced: Accessor<boolean>
  /** May switch between editing and suggesting: an editor of an involved department. */
  canChoose: Accessor<boolean>
  setChosen(on: boolean): void
  /** May accept and reject: the leading department's editors. */
  canDecide: Accessor<boolean>
  who: Suggester
  list: Accessor<SuggestionEntry[]>
  /** Adds or replaces one of the user's own suggestions; returns its id. */
  put(suggestion: Suggestion, id?: string): string
  /** Withdraws one of the user's own suggestions. */
  withdraw(id: string): void
  decide(input: SuggestionDecision): Promise<SuggestionDecisionResult>
}

export function createSuggestState(options: {
  proposalId: string
  doc: Y.Doc
  who: Suggester
  canEdit: Accessor<boolean>
  mustSuggest: Accessor<boolean>
  canDecide: Accessor<boolean>
}): SuggestState {
  const [chosen, setChosen] = createSignal(false)
  const list = useDocValue(options.doc, listSuggestions, { roots: ['suggestions'] })
  const canChoose = () => options.canEdit() && !options.canDecide() && !options.mustSuggest()
  return {
    active: () => options.canEdit() && (options.mustSuggest() || (canChoose() && chosen())),
    forced: () => options.canEdit() && options.mustSuggest(),
    canChoose,
    setChosen,
    canDecide: options.canDecide,
    who: options.who,
    list,
    put(suggestion, id = newItemId()) {
      options.doc.transact(() => suggestionsMap(options.doc).set(id, suggestion))
      return id
    },
    withdraw(id) {
      options.doc.transact(() => suggestionsMap(options.doc).delete(id))
    },
    decide: (input) => send<SuggestionDecisionResult>('POST', `/proposals/${options.proposalId}/suggestions/decide`, input),
  }
}

const SuggestContext = createContext<SuggestState>()
export const SuggestProvider = SuggestContext.Provider
/** The board's suggestion state; undefined outside a live board (a version's page). */
export const useSuggest = (): SuggestState | undefined => useContext(SuggestContext)

/** The section a board field belongs to (`positions/<id>/function` → positions), for the suggestion record. */
export function sectionOfField(field: string): SectionName {
  const root = field.split('/')[0] ?? ''
  if (root === 'financeRows') return 'finance'
  if (root === 'title') return 'header'
  const known: SectionName[] = ['header', 'consultations', 'resolution', 'body', 'positions', 'finance', 'attachments']
  return (known as string[]).includes(root) ? (root as SectionName) : 'header'
}
