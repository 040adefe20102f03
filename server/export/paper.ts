// The committee paper as plain data, laid out like the GRDrs: one model that DOCX and PDF both render,
// so the two files always say the same thing.
import type * as Y from 'yjs'
import { departmentName } from '../../shared/departments'
import { formatDate, formatEuro, formatFte, formatOptionalNumber } from '../../shared/format'
import {
  financeTotals,
  financeYears,
  listAttachments,
  listConsultations,
  listFinanceRows,
  listPositions,
  listResolutionItems,
  positionTotals,
  readBody,
  readHeader,
  type FinanceColumn,
  type FinanceRow,
  type ProposalKind,
  type RichTextDoc,
} from '../../shared/model'
import type { VersionRecord, VersionSummary } from '../../shared/versions'
import { bodyHeading, cosignatureProse, germanDate, germanDateTime, placeOf, publicityLabel, purposeLabels } from './phrases'

/** A row of text cells; a group row (an account line) spans the whole table. */
export type TextRow = { cells: string[]; group?: boolean }

/** A table as text: head, body and sum rows, relative column widths, numbers aligned right. */
export type TextTable = { head: string[]; rows: TextRow[]; foot: string[][]; widths: number[]; align: ('left' | 'right')[] }

export type FinanceTable = { caption: string; table: TextTable }

export type Paper = {
  organisation: string
  referat: string
  gz: string
  /** `GRDrs 949/2019`, or '' while the paper has no number. */
  reference: string
  /** `Stuttgart, 13.11.2019` (no date: the place only). */
  placeAndDate: string
  title: string
  kind: ProposalKind
  consultations: TextTable
  /** The numbered items; null when the kind has none (a Mitteilungsvorlage reports only). */
  resolution: RichTextDoc[] | null
  bodyHeading: string
  body: RichTextDoc
  positions: { table: TextTable; summary: string } | null
  finance: FinanceTable[]
  cosignatures: string[]
  /** Vorliegende and Erledigte Anträge/Anfragen: not yet in the model, so "keine". */
  motions: { pending: string[]; settled: string[] }
  attachments: string[]
  /** The signatory block at the end, one line each ("In Vertretung", "Isabel Fezer", "Bürgermeisterin"); empty: a blank line to sign on. */
  signatory: string[]
  /** Under the signature line when no signatory is set. */
  signatureCaption: string
  /** "Entwurf" on every page when set. */
  draft: boolean
  /** Which state this is (document properties only: real papers print no such footer). */
  stateLabel: string
}

export type PaperInput = {
  organisationName: string
  doc: Y.Doc
  record: VersionRecord
  version: VersionSummary | null
  draft: boolean
  stamp: Date
}

function consultationTable(doc: Y.Doc): TextTable {
  const rows = listConsultations(doc).map((c) => ({
    cells: [c.committee, purposeLabels[c.purpose], publicityLabel(c.public), formatDate(c.sessionDate)],
  }))
  return { head: ['Vorlage an', 'zur', 'Sitzungsart', 'Sitzungstermin'], rows, foot: [], widths: [40, 20, 20, 20], align: ['left', 'left', 'left', 'left'] }
}

function positionsPart(doc: Y.Doc): Paper['positions'] {
  const positions = listPositions(doc)
  if (positions.length === 0) return null
  const costed = positions.some((p) => p.annualCost !== null)
  const rows = positions.map((p, i) => {
    const kind = p.kind === 'authorization' ? `Ermächtigung bis ${formatDate(p.until)}` : 'Stelle'
    const notes = [p.advertiseUnlimited ? 'kann unbefristet ausgeschrieben werden' : '', p.note].filter(Boolean).join('; ')
    const cells = [`${i + 1}.`, departmentName(p.department), p.function, formatFte(p.fte), p.payGrade, kind, notes]
    return { cells: costed ? [...cells, p.annualCost === null ? '–' : formatEuro(p.annualCost)] : cells }
  })
  const totals = positionTotals(positions)
  const head = ['Nr.', 'Dienststelle', 'Funktion', 'VZK', 'Bewertung', 'Art', 'Bemerkung']
  const foot = ['', 'Summe', '', formatFte(totals.fte), '', '', '']
  const byDepartment = Object.entries(totals.byDepartment).map(([id, fte]) => `${departmentName(id)} ${formatFte(fte)} VZK`)
  const widths = [4, 12, 30, 6, 12, 16, 20]
  const align = ['left', 'left', 'left', 'right', 'left', 'left', 'left'] as const
  return {
    table: costed
      ? { head: [...head, 'Kosten p. a.'], rows, foot: [[...foot, formatEuro(totals.annualCost)]], widths: [...widths, 12], align: [...align, 'right'] }
      : { head, rows, foot: [foot], widths, align: [...align] },
    summary: `Insgesamt ${formatFte(totals.fte)} VZK, davon ${byDepartment.join(', ')}.`,
  }
}

/** Rows grouped under their account line, as the Kämmerei lays the table out, plus the sum row. */
function financeTable(caption: string, sumLabel: string, rows: FinanceRow[], years: number[], column: FinanceColumn): FinanceTable {
  const body: TextRow[] = []
  let account: string | undefined
  for (const row of rows) {
    if (row.account && row.account !== account) body.push({ cells: [row.account, ...years.map(() => '')], group: true })
    account = row.account
    body.push({ cells: [row.measure, ...years.map((year) => formatOptionalNumber(row[column][year] ?? null))] })
  }
  const totals = financeTotals(rows, years)[column]
  return {
    caption,
    table: {
      head: ['Maßnahme/Kontengr.', ...years.map((year) => `${year} TEUR`)],
      rows: body,
      // A year no row has a value in sums to '–', as on the board.
      foot: [[sumLabel, ...years.map((y) => (rows.some((row) => row[column][y] !== null && row[column][y] !== undefined) ? formatOptionalNumber(totals[y] ?? 0) : '–'))]],
      // The measure column keeps at least 40 % however many years follow.
      widths: [Math.max(40, 100 - 12 * years.length), ...years.map(() => 12)],
      align: ['left', ...years.map(() => 'right' as const)],
    },
  }
}

function financePart(doc: Y.Doc): FinanceTable[] {
  const years = financeYears(doc)
  const rows = listFinanceRows(doc)
  if (years.length === 0 || rows.length === 0) return []
  const provided = rows.filter((row) => years.some((year) => row.provided[year] !== null))
  const tables = [financeTable('Zusätzlicher Finanzbedarf (Aufwendungen und Erträge):', 'Finanzbedarf', rows, years, 'need')]
  if (provided.length) {
    tables.push(financeTable('Für diesen Zweck im Haushalt/Finanzplan bisher bereitgestellte Mittel:', 'Summe bereitgestellte Mittel', provided, years, 'provided'))
  }
  return tables
}

function cosignaturesPart(record: VersionRecord): string[] {
  if (record.involved.length === 0) return ['Es sind keine weiteren Stellen beteiligt.']
  const signed = new Map(record.signatures.map((s) => [s.departmentId, s]))
  return record.involved.map(({ departmentId }) => cosignatureProse({ departmentId, signature: signed.get(departmentId) }))
}

export function buildPaper(input: PaperInput): Paper {
  const { doc, record, version } = input
  const header = readHeader(doc)
  const place = placeOf(input.organisationName)
  const resolution = listResolutionItems(doc).map((item) => item.content)
  return {
    organisation: input.organisationName,
    referat: header.referat,
    gz: header.gz,
    reference: header.number ? `GRDrs ${header.number}` : '',
    placeAndDate: header.date ? `${place}, ${formatDate(header.date)}` : `${place},`,
    title: header.title,
    kind: header.kind,
    consultations: consultationTable(doc),
    resolution: resolution.length || header.kind === 'Beschlussvorlage' ? resolution : null,
    bodyHeading: bodyHeading(header.kind),
    body: readBody(doc),
    positions: positionsPart(doc),
    finance: financePart(doc),
    cosignatures: cosignaturesPart(record),
    motions: { pending: [], settled: [] },
    attachments: listAttachments(doc).map((a) => a.title),
    signatory: header.signatory.split('\n').map((line) => line.trim()).filter(Boolean),
    signatureCaption: header.referat || input.organisationName,
    draft: input.draft,
    stateLabel: version
      ? `Fassung ${version.number} „${version.name}“ vom ${germanDate(input.stamp)}`
      : `${input.draft ? 'Entwurf' : 'Freigegebene Fassung'}, Stand ${germanDateTime(input.stamp)}`,
  }
}
