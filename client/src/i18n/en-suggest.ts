// English texts of the suggestion mode and the list of suggestions (keys suggest.*).
import type { deSuggest } from './de-suggest'

export const enSuggest: Record<keyof typeof deSuggest, string> = {
  'suggest.mode': 'Mode',
  'suggest.edit': 'Editing',
  'suggest.suggest': 'Suggesting',
  'suggest.forced': 'Your department can only suggest changes to this proposal; the lead department accepts or rejects them.',
  'suggest.activeNote': 'Suggesting: your changes show as suggestions until the lead department accepts them.',
  'suggest.by': 'Suggested by {who}',
  'suggest.title': 'Suggested changes',
  'suggest.count': '{n} open',
  'suggest.none': 'No open suggestions.',
  'suggest.accept': 'Accept',
  'suggest.reject': 'Reject',
  'suggest.withdraw': 'Withdraw',
  'suggest.acceptAll': 'Accept all by {name}',
  'suggest.rejectAll': 'Reject all by {name}',
  'suggest.failed': 'The decision could not be saved: {message}',
  'suggest.gone': 'The text this suggestion changes is gone; please reject it.',
  'suggest.inserts': 'inserts',
  'suggest.deletes': 'deletes',
  'suggest.field': 'Suggestion for this field',
  'suggest.pending': 'Suggestion (not applied yet)',
  'suggest.editMode': 'suggestions only',
  'suggest.editModeHint': 'The department does not edit itself, it suggests; the lead department decides.',
  'audit.suggestionAccepted': 'Suggestion by {name} accepted',
  'audit.suggestionRejected': 'Suggestion by {name} rejected',
}
