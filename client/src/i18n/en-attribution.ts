// English texts of "who changed what", checked against the German keys.
import type { deAttribution } from './de-attribution'

export const enAttribution: Record<keyof typeof deAttribution, string> = {
  'authors.system': 'System',
  'authors.by': 'by {people}',
  'authors.show': 'Show authors',
  'authors.hide': 'Hide authors',
  'authors.legend': 'Written by',
  'authors.unknown': 'unknown (written before attribution)',
  'authors.loading': 'Loading the authors …',
  'authors.error': 'The authors could not be loaded: {message}',
  'authors.empty': 'No text.',
  'authors.compareTitle': 'Begründung in “{label}”, coloured by author',
  'edits.entry': 'Content edited: {sections}',
  'edits.one': '1 change',
  'edits.many': '{n} changes',
}
