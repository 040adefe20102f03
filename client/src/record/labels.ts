// Names people read for record things: sections and stances (how a change reads: change-labels.ts).
import { sectionNames, type SectionName } from '../../../shared/model'
import { stances, type Stance } from '../../../shared/record'
import { t, type MessageKey } from '../i18n'

const sectionTitles: Record<SectionName, MessageKey> = {
  header: 'header.title',
  consultations: 'cons.title',
  resolution: 'res.title',
  body: 'body.title',
  positions: 'pos.title',
  finance: 'fin.title',
  attachments: 'att.title',
}

export const isSectionName = (name: string): name is SectionName => (sectionNames as readonly string[]).includes(name)

export const sectionLabel = (name: string): string => (isSectionName(name) ? t(sectionTitles[name]) : name)

/** "alle Abschnitte" for all seven, else the titles in paper order. */
export function sectionsLabel(names: readonly string[]): string {
  if (sectionNames.every((name) => names.includes(name))) return t('cosign.allSections')
  const ordered = [...names].sort((a, b) => sectionOrder(a) - sectionOrder(b))
  return ordered.map(sectionLabel).join(', ')
}

const sectionOrder = (name: string) => {
  const index = (sectionNames as readonly string[]).indexOf(name)
  return index < 0 ? sectionNames.length : index
}

export const isStance = (value: unknown): value is Stance => typeof value === 'string' && (stances as readonly string[]).includes(value)

export const stanceLabel = (stance: Stance): string => t(`stance.${stance}`)
