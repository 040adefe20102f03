// Names people read for record things: sections, stances, positions, and the paths of a change.
import type * as Y from 'yjs'
import { formatDate, formatNumber } from '../../../shared/format'
import { listPositions, sectionNames, type SectionName } from '../../../shared/model'
import { stances, type Stance } from '../../../shared/record'
import { departmentLabel } from '../departments'
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

/** "Stelle 2" by the position's place in the table now; "Stelle (entfernt)" once it is gone. */
export function positionLabel(doc: Y.Doc, positionId: string): string {
  const index = listPositions(doc).findIndex((p) => p.id === positionId)
  return index < 0 ? t('cm.anchorPositionGone') : t('cm.anchorPosition', { n: index + 1 })
}

/** Field names of the model, as the board labels them. */
const fieldLabels: Record<string, MessageKey> = {
  title: 'header.betreff',
  number: 'header.number',
  kind: 'header.kind',
  referat: 'header.referat',
  gz: 'header.gz',
  date: 'header.date',
  leadDepartment: 'header.lead',
  committee: 'cons.committee',
  purpose: 'cons.purpose',
  public: 'cons.public',
  department: 'pos.department',
  fte: 'pos.fte',
  payGrade: 'pos.payGrade',
  function: 'pos.function',
  until: 'pos.until',
  advertiseUnlimited: 'pos.unlimited',
  annualCost: 'pos.cost',
  note: 'pos.note',
  account: 'fin.account',
  measure: 'fin.measure',
  need: 'fin.need',
  provided: 'fin.provided',
  years: 'fin.year',
  before: 'changes.before',
  after: 'changes.after',
}

/**
 * `positions[<id>].fte` → "Stellen und Ermächtigungen › Stelle 2 › VZK". Ids of positions still in the
 * table become their row; other parts stay as they are, so an unknown path is still readable.
 */
export function readablePath(path: string, doc: Y.Doc | undefined): string {
  const parts = path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? [path]
  let section = ''
  return parts
    .map((part, i) => {
      if (i === 0 && isSectionName(part)) {
        section = part
        return sectionLabel(part)
      }
      const bracket = /^\[(.*)\]$/.exec(part)
      if (bracket) {
        const key = bracket[1]!
        if (/^\d+$/.test(key)) return `#${Number(key) + 1}`
        if (section === 'positions' && doc) return positionLabel(doc, key)
        return key.length > 12 ? `${key.slice(0, 8)}…` : key
      }
      if (/^\d{4}$/.test(part)) return part
      return fieldLabels[part] ? t(fieldLabels[part]) : part
    })
    .join(' › ')
}

/** A value of the content in a few words: German numbers and dates, department names, "(leer)". */
export function readableValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return t('changes.empty')
  if (typeof value === 'number') return formatNumber(value, { maxDecimals: 3 })
  if (typeof value === 'boolean') return value ? '✓' : '–'
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value)
    return value
  }
  if (Array.isArray(value)) return value.map(readableValue).join(', ')
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    return Object.entries(record)
      .filter(([key, v]) => key !== 'id' && v !== undefined && v !== '' && v !== null)
      .map(([key, v]) => `${fieldLabels[key] ? t(fieldLabels[key]) : key}: ${key === 'department' && typeof v === 'string' ? departmentLabel(v) : readableValue(v)}`)
      .join(' · ')
  }
  return String(value)
}
