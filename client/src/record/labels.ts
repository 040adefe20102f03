// Names people read for record things: sections, stances, positions, and the paths of a change.
import type * as Y from 'yjs'
import { formatDate, formatNumber } from '../../../shared/format'
import {
  listAttachments,
  listConsultations,
  listFinanceRows,
  listPositions,
  listResolutionItems,
  sectionNames,
  type SectionName,
} from '../../../shared/model'
import { richTextToPlain, type RichTextNode } from '../../../shared/rich-text'
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
  signatory: 'header.signatory',
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
  content: 'changes.wording',
  name: 'changes.name',
  before: 'changes.before',
  after: 'changes.after',
}

/** A model field as the board labels it ("fte" → "VZK"); an unknown name stays as it is. */
export const fieldLabel = (key: string): string => (fieldLabels[key] ? t(fieldLabels[key]) : key)

/** Fields whose numbers are years: printed as 2024, never 2.024. */
const yearFields = new Set(['years'])

/** Per section: the list an id in a path belongs to, and the word for its n-th entry. */
const itemLists: Partial<Record<SectionName, { ids: (doc: Y.Doc) => string[]; row: MessageKey }>> = {
  consultations: { ids: (doc) => listConsultations(doc).map((c) => c.id), row: 'cons.row' },
  resolution: { ids: (doc) => listResolutionItems(doc).map((r) => r.id), row: 'res.item' },
  positions: { ids: (doc) => listPositions(doc).map((p) => p.id), row: 'pos.row' },
  attachments: { ids: (doc) => listAttachments(doc).map((a) => a.id), row: 'att.item' },
}

/** The name of a listed item: a finance row by its measure, others by their place ("Stelle 2"). */
function itemName(section: string, id: string, doc: Y.Doc | undefined, value: unknown): string {
  if (section === 'finance') {
    const row = doc ? listFinanceRows(doc).find((r) => r.id === id) : undefined
    const measure = row?.measure.trim() || measureOf(value)
    if (measure) return measure
    const index = doc ? listFinanceRows(doc).findIndex((r) => r.id === id) : -1
    return index < 0 ? t('changes.rowGone') : t('fin.row', { n: index + 1 })
  }
  const list = isSectionName(section) ? itemLists[section] : undefined
  if (list && doc) {
    const index = list.ids(doc).indexOf(id)
    return index < 0 ? t('changes.itemGone', { item: t(list.row, { n: '' }).trim() }) : t(list.row, { n: index + 1 })
  }
  return id.length > 12 ? `${id.slice(0, 8)}…` : id
}

const measureOf = (value: unknown): string =>
  typeof value === 'object' && value !== null && typeof (value as { measure?: unknown }).measure === 'string'
    ? (value as { measure: string }).measure.trim()
    : ''

/**
 * `positions[<id>].fte` → "Stellen und Ermächtigungen › Stelle 2 › VZK"; `finance.rows[<id>].need.2023`
 * → "Finanzielle Auswirkungen › Ausbildungscampus › Finanzbedarf › 2023". `value` (the item before or
 * after) names an item that is no longer in the document. An unknown path stays readable as it is.
 */
export function readablePath(path: string, doc: Y.Doc | undefined, value?: unknown): string {
  const parts = path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? [path]
  let section = ''
  return parts
    .flatMap((part, i) => {
      if (i === 0 && isSectionName(part)) {
        section = part
        return [sectionLabel(part)]
      }
      // The rows of the finance table are named by their measure; the word "rows" says nothing more.
      if (section === 'finance' && part === 'rows') return []
      const bracket = /^\[(.*)\]$/.exec(part)
      if (bracket) {
        const key = bracket[1]!
        if (/^\d+$/.test(key)) return [`#${Number(key) + 1}`]
        return [itemName(section, key, doc, value)]
      }
      if (/^\d{4}$/.test(part)) return [part]
      return [fieldLabel(part)]
    })
    .join(' › ')
}

/** The value of a change at `path`, in a few words: years plain, other numbers German. */
export function readableChangeValue(path: string, value: unknown): string {
  const field = /([^.[\]]+)$/.exec(path)?.[1] ?? ''
  if (yearFields.has(field) && typeof value === 'number') return String(value)
  if (yearFields.has(field) && Array.isArray(value)) return value.map(String).join(', ')
  if (field === 'department' || field === 'leadDepartment') return typeof value === 'string' && value ? departmentLabel(value) : readableValue(value)
  return readableValue(value)
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
  if (isRichTextDoc(value)) return richTextToPlain(value)
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    return Object.entries(record)
      .filter(([key, v]) => key !== 'id' && v !== undefined && v !== '' && v !== null && !isEmptyObject(v))
      .map(([key, v]) => {
        const shown = key === 'department' && typeof v === 'string' ? departmentLabel(v) : readableValue(v)
        // Nested values (a row's cells per year) in parentheses, so their separators do not run together.
        return `${fieldLabel(key)}: ${typeof v === 'object' && !Array.isArray(v) ? `(${shown})` : shown}`
      })
      .join(' · ')
  }
  return String(value)
}

const isEmptyObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => v === null || v === undefined)

const isRichTextDoc = (value: unknown): value is RichTextNode =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc'
