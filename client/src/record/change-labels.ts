// How a change reads wherever one is shown (the change list since a signature, the versions
// comparison): fields by the board's own labels in their section, values as the board shows them
// (German numbers and dates, years plain, choices in words), items by their names, never by their ids.
import type * as Y from 'yjs'
import { emptyCell, formatDate, formatEuro, formatFte, formatNumber } from '../../../shared/format'
import {
  listAttachments,
  listConsultations,
  listFinanceRows,
  listPositions,
  listResolutionItems,
  richTextToPlain,
  type RichTextNode,
} from '../../../shared/model'
import { departmentLabel } from '../departments'
import { kindLabel, t, type MessageKey } from '../i18n'
import { isSectionName, sectionLabel } from './labels'

/** Field names per section, as the board labels the field; a name not listed here stays as it is. */
const fieldNames: Record<string, Record<string, MessageKey>> = {
  header: {
    title: 'header.betreff',
    number: 'header.number',
    kind: 'header.kind',
    referat: 'header.referat',
    gz: 'header.gz',
    date: 'header.date',
    leadDepartment: 'header.lead',
    signatory: 'changes.signatory',
  },
  consultations: { committee: 'cons.committee', purpose: 'cons.purpose', public: 'changes.publicity', sessionDate: 'cons.date' },
  resolution: { content: 'changes.wording' },
  positions: {
    department: 'pos.department',
    fte: 'pos.fte',
    payGrade: 'pos.payGrade',
    function: 'pos.function',
    kind: 'pos.kind',
    until: 'pos.until',
    advertiseUnlimited: 'pos.unlimited',
    annualCost: 'pos.cost',
    note: 'pos.note',
  },
  finance: { account: 'fin.account', measure: 'fin.measure', need: 'fin.need', provided: 'fin.provided', years: 'fin.year' },
  attachments: { title: 'changes.name' },
}

/** A field as the board labels it in its section: `kind` is "Art der Vorlage" in the header, "Art" of a position. */
export function fieldName(section: string, field: string): string {
  const key = fieldNames[section]?.[field]
  return key ? t(key) : field
}

const dateFields = new Set(['header.date', 'consultations.sessionDate', 'positions.until'])

/** A field's value as the board shows it; '–' for nothing. */
export function fieldValue(section: string, field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return emptyCell
  const where = `${section}.${field}`
  if (typeof value === 'string') {
    if (dateFields.has(where)) return formatDate(value)
    if (where === 'header.kind') return kindLabel(value)
    if (where === 'consultations.purpose') return t(`purpose.${value}` as MessageKey) ?? value
    if (where === 'positions.kind') return t(`positionKind.${value}` as MessageKey) ?? value
    if (field === 'department' || field === 'leadDepartment') return departmentLabel(value) || value
    return value
  }
  if (typeof value === 'boolean') {
    if (where === 'consultations.public') return value ? t('cons.publicYes') : t('cons.publicNo')
    return value ? t('changes.yes') : t('changes.no')
  }
  if (typeof value === 'number') {
    // Years are names, not amounts: 2025, never 2.025.
    if (field === 'years') return String(value)
    if (where === 'positions.fte') return formatFte(value)
    if (where === 'positions.annualCost') return formatEuro(value)
    return formatNumber(value, { maxDecimals: 3 })
  }
  if (Array.isArray(value)) return value.map((v) => fieldValue(section, field, v)).join(', ')
  if (isRichText(value)) return richTextToPlain(value)
  // The cells of a finance row: "2022: 150 · 2023: 150", years plain, empty years left out.
  const cells = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined)
  return cells.length ? cells.map(([year, v]) => `${year}: ${fieldValue(section, field, v)}`).join(' · ') : emptyCell
}

/** Fields that say nothing about a new or removed item while they have their default. */
const quietDefaults: Record<string, unknown> = { advertiseUnlimited: false }

/** The field an item is named by (itemName): said once, in the path, not again in the item's summary. */
const nameFields: Record<string, string> = { finance: 'measure', positions: 'function', consultations: 'committee', attachments: 'title' }

/** A whole item in a line: "Amt: Referat AKR · VZK: 1,0 · Entgeltgruppe: A 13"; its name, empty and default fields left out. */
export function itemSummary(section: string, item: unknown): string {
  if (typeof item !== 'object' || item === null || Array.isArray(item) || isRichText(item)) return fieldValue(section, '', item)
  return Object.entries(item as Record<string, unknown>)
    .filter(([key, v]) => key !== 'id' && key !== nameFields[section] && !isEmpty(v) && quietDefaults[key] !== v)
    .map(([key, v]) => `${fieldName(section, key)}: ${fieldValue(section, key, v)}`)
    .join(' · ')
}

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (typeof value === 'object' && !Array.isArray(value) && !isRichText(value) && Object.values(value).every((v) => v === null || v === undefined))

const isRichText = (value: unknown): value is RichTextNode =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc'

/** At most `max` characters, cut at a word: names in a path stay short. */
function short(text: string, max = 60): string {
  const trimmed = text.trim()
  if (trimmed.length <= max) return trimmed
  const cut = trimmed.slice(0, max)
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()} …`
}

const textOf = (value: unknown, key: string): string =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[key] === 'string' ? ((value as Record<string, string>)[key] ?? '').trim() : ''

/**
 * The name of an item of a list, as people know it: a finance row by its Maßnahme (else its
 * Kontengruppe), a consultation by its committee, an attachment by its title, a position by its place
 * and function, a Beschlussantrag item by its number. `value` (the item before or after) names an item
 * that is no longer in the document.
 */
export function itemName(section: string, id: string, doc: Y.Doc | undefined, value: unknown): string {
  switch (section) {
    case 'finance': {
      const rows = doc ? listFinanceRows(doc) : []
      const row = rows.find((r) => r.id === id)
      const name = row ? row.measure.trim() || row.account.trim() : textOf(value, 'measure') || textOf(value, 'account')
      if (name) return short(name)
      const index = rows.findIndex((r) => r.id === id)
      return index < 0 ? t('changes.rowGone') : t('fin.row', { n: index + 1 })
    }
    case 'positions': {
      const positions = doc ? listPositions(doc) : []
      const index = positions.findIndex((p) => p.id === id)
      const role = index < 0 ? textOf(value, 'function') : positions[index]!.function.trim()
      if (index < 0) return role ? short(role) : t('cm.anchorPositionGone')
      return role ? `${t('cm.anchorPosition', { n: index + 1 })} (${short(role)})` : t('cm.anchorPosition', { n: index + 1 })
    }
    case 'consultations':
      return named(doc ? listConsultations(doc) : [], id, value, 'committee', 'cons.row')
    case 'attachments':
      return named(doc ? listAttachments(doc) : [], id, value, 'title', 'att.item')
    case 'resolution': {
      const index = doc ? listResolutionItems(doc).findIndex((item) => item.id === id) : -1
      return index < 0 ? t('changes.itemGone', { item: t('changes.resolutionItem', { n: '' }).trim() }) : t('changes.resolutionItem', { n: index + 1 })
    }
    default:
      return id.length > 12 ? `${id.slice(0, 8)}…` : id
  }
}

function named(items: { id: string }[], id: string, value: unknown, key: string, row: MessageKey): string {
  const index = items.findIndex((item) => item.id === id)
  const name = index < 0 ? textOf(value, key) : textOf(items[index], key)
  if (name) return short(name)
  return index < 0 ? t('changes.itemGone', { item: t(row, { n: '' }).trim() }) : t(row, { n: index + 1 })
}

/** A path of the change list, taken apart: `finance.rows[<id>].need.2023` → section, item, field, year. */
export type ChangePlace = { section: string; itemId?: string; field?: string; year?: string }

export function changePlace(path: string): ChangePlace {
  const parts = path.match(/[^.[\]]+|\[[^\]]*\]/g) ?? [path]
  const place: ChangePlace = { section: parts[0] ?? '' }
  for (const part of parts.slice(1)) {
    const bracket = /^\[(.*)\]$/.exec(part)
    if (bracket) place.itemId ??= bracket[1]
    else if (place.section === 'finance' && part === 'rows') continue
    else if (/^\d{4}$/.test(part) && place.field) place.year = part
    else place.field ??= part
  }
  return place
}

/**
 * Where a change is, in words: "Finanzielle Auswirkungen › OMID › Finanzbedarf 2023",
 * "Stellen und Ermächtigungen › Stelle 1 (Sachbearbeitung) › VZK", "Finanzielle Auswirkungen › Haushaltsjahr 2025".
 */
export function placeLabel(place: ChangePlace, doc: Y.Doc | undefined, value: unknown): string {
  const parts = [isSectionName(place.section) ? sectionLabel(place.section) : place.section]
  if (place.itemId !== undefined) parts.push(itemName(place.section, place.itemId, doc, value))
  // The text of a Beschlussantrag item is the item: its number says where.
  const field = place.section === 'resolution' && place.field === 'content' ? undefined : place.field
  if (field === 'years' && typeof value === 'number') parts.push(`${fieldName(place.section, field)} ${value}`)
  else if (field) parts.push(place.year ? `${fieldName(place.section, field)} ${place.year}` : fieldName(place.section, field))
  return parts.join(' › ')
}
