// German texts of "who changed what" (keys `authors.*`, `edits.*`), part of the one German dictionary.
export const deAttribution = {
  'authors.system': 'System',
  'authors.by': 'von {people}',
  'authors.show': 'Autoren zeigen',
  'authors.hide': 'Autoren ausblenden',
  'authors.legend': 'Geschrieben von',
  'authors.unknown': 'unbekannt (vor der Zuordnung geschrieben)',
  'authors.loading': 'Autoren werden geladen …',
  'authors.error': 'Die Autoren konnten nicht geladen werden: {message}',
  'authors.empty': 'Kein Text.',
  'authors.compareTitle': 'Begründung in „{label}“, nach Autoren gefärbt',
  'edits.entry': 'Inhalt bearbeitet: {sections}',
  'edits.one': '1 Änderung',
  'edits.many': '{n} Änderungen',
} as const
