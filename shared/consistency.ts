// Consistency hints (non-blocking): where the Beschlussantrag's text says something about a position —
// share, pay grade, end date — that the positions table no longer says, and where a text names a
// finance sum that the finance table does not add up to. Pure: the board computes them live.
import type * as Y from 'yjs'
import { departments } from './departments'
import { financeTotals, financeYears, listFinanceRows, listPositions, listResolutionItems, readBodyText, type FinanceTotals, type Position, type ResolutionItem } from './model'

export type ConsistencyHint =
  /** Item `item` names `share` (0.5 for "50 %") for a position that has another VZK share. */
  | { kind: 'share'; item: number; position: number; textShare: number; positionFte: number }
  /** Item `item` names a pay grade that the position it refers to (or any of the department's) does not have. */
  | { kind: 'pay-grade'; item: number; position: number | null; textGrade: string; positionGrade: string | null; department: string | null }
  /** Item `item` names dates, none of which is the authorization's end. */
  | { kind: 'date'; item: number; position: number; textDate: string; positionUntil: string }
  /** A sum in TEUR named in the text differs from the finance table. */
  | { kind: 'finance'; source: 'resolution' | 'body'; item: number | null; textAmount: number; tableAmount: number; years: number[] }

type Mention = { share: number; grade: string; department: string | null }

const departmentWords: [RegExp, string][] = departments.flatMap((d) => [
  [new RegExp(`\\b${d.name.replace(' ', '\\s+')}\\b`, 'u'), d.id] as [RegExp, string],
  [new RegExp(`\\b${d.tag}\\b`, 'u'), d.id] as [RegExp, string],
])

/** `EG 10 TVöD`, `EG10`, `E 10` → `EG10`; `A 13` → `A13`. */
export const normalizeGrade = (grade: string): string =>
  grade
    .replace(/TV[öo]D|TV-L|BBesO|LBesO/giu, '')
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/^E(?=\d)/, 'EG')

const mentionPattern = /(\d{1,3}(?:,\d+)?)\s*%\s*(?:in|nach|der)?\s*((?:EG|E|A|S)\s?\d{1,2}[a-c]?)(?:\s*TVöD)?([^.;%]{0,60})/gu
const datePattern = /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g

function mentionsIn(text: string): Mention[] {
  return [...text.matchAll(mentionPattern)].map((m) => {
    const rest = m[3] ?? ''
    const department = departmentWords.find(([word]) => word.test(rest))?.[1] ?? null
    return { share: Number(m[1]!.replace(',', '.')) / 100, grade: normalizeGrade(m[2]!), department }
  })
}

const datesIn = (text: string): string[] =>
  [...text.matchAll(datePattern)].map((m) => `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`)

/** A position's note may name its item: "Beschlussantrag Ziff. 3". */
const itemOfNote = (note: string): number | undefined => {
  const match = /Ziff(?:er)?\.?\s*(\d{1,2})/u.exec(note)
  return match ? Number(match[1]) : undefined
}

export function positionHints(items: readonly ResolutionItem[], positions: readonly Position[]): ConsistencyHint[] {
  const hints: ConsistencyHint[] = []
  for (const item of items) {
    const mentions = mentionsIn(item.text)
    if (mentions.length === 0) continue
    const dates = datesIn(item.text)
    const linked = positions.map((p, i) => ({ p, number: i + 1 })).filter(({ p }) => itemOfNote(p.note) === item.number)
    for (const [index, mention] of mentions.entries()) {
      const byGrade = positions
        .map((p, i) => ({ p, number: i + 1 }))
        .filter(({ p }) => normalizeGrade(p.payGrade) === mention.grade && (mention.department === null || p.department === mention.department))
      // A position that names this item is its own; else the department's position in that grade.
      const own = linked.length === mentions.length ? linked[index] : linked.length === 1 && mentions.length === 1 ? linked[0] : undefined
      const match = own ?? byGrade.find(({ p }) => p.fte === mention.share) ?? byGrade[0]
      if (!match) {
        hints.push({ kind: 'pay-grade', item: item.number, position: null, textGrade: mention.grade, positionGrade: null, department: mention.department })
        continue
      }
      if (normalizeGrade(match.p.payGrade) !== mention.grade) {
        hints.push({ kind: 'pay-grade', item: item.number, position: match.number, textGrade: mention.grade, positionGrade: match.p.payGrade, department: match.p.department })
      }
      if (Math.abs(match.p.fte - mention.share) > 1e-6) {
        hints.push({ kind: 'share', item: item.number, position: match.number, textShare: mention.share, positionFte: match.p.fte })
      }
      if (match.p.kind === 'authorization' && match.p.until && dates.length > 0 && !dates.includes(match.p.until)) {
        hints.push({ kind: 'date', item: item.number, position: match.number, textDate: [...dates].sort().at(-1)!, positionUntil: match.p.until })
      }
    }
  }
  return hints
}

const sumWords = /\b(insgesamt|Summe|gesamt|zusammen)\b/iu
const amountPattern = /(\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?)\s*(Mio\.?\s*(?:EUR|€|Euro)|TEUR|T€|Tsd\.?\s*(?:EUR|€)|EUR|€|Euro)/giu
const yearPattern = /\b(20\d{2})\b/g

function amountsInTeur(sentence: string): { value: number; approximate: boolean }[] {
  const approximate = /\b(rd|rund|ca|etwa)\b\.?/iu.test(sentence)
  return [...sentence.matchAll(amountPattern)].map((m) => {
    const number = Number(m[1]!.replace(/\./g, '').replace(',', '.'))
    const unit = m[2]!.toLowerCase()
    const value = unit.startsWith('mio') ? number * 1000 : unit.startsWith('t') ? number : number / 1000
    return { value, approximate }
  })
}

/** Sentences that name a sum ("insgesamt", "Summe") with an amount, compared with the finance table's totals. */
export function financeHints(texts: { source: 'resolution' | 'body'; item: number | null; text: string }[], totals: FinanceTotals, years: readonly number[]): ConsistencyHint[] {
  if (years.length === 0) return []
  const hints: ConsistencyHint[] = []
  for (const { source, item, text } of texts) {
    for (const sentence of text.split(/(?<=[.!?])\s+|\n+/u)) {
      if (!sumWords.test(sentence)) continue
      const named = [...sentence.matchAll(yearPattern)].map((m) => Number(m[1]))
      const inTable = named.filter((y) => years.includes(y))
      // A sum of other years (an earlier budget) is not this table's.
      if (named.length > 0 && inTable.length === 0) continue
      const sum = (pick: Record<number, number>) => inTable.reduce((acc, y) => acc + (pick[y] ?? 0), 0)
      const candidates = inTable.length > 0 ? [sum(totals.need), sum(totals.provided), ...inTable.flatMap((y) => [totals.need[y] ?? 0, totals.provided[y] ?? 0])] : [totals.needTotal, totals.providedTotal]
      for (const amount of amountsInTeur(sentence)) {
        const tolerance = amount.approximate ? Math.max(1, amount.value * 0.05) : 0.5
        if (candidates.some((c) => Math.abs(c - amount.value) <= tolerance)) continue
        hints.push({ kind: 'finance', source, item, textAmount: amount.value, tableAmount: candidates[0]!, years: inTable })
      }
    }
  }
  return hints
}

/** Every hint for a proposal's content as it is now. */
export function consistencyHintsOf(doc: Y.Doc): ConsistencyHint[] {
  const items = listResolutionItems(doc)
  const years = financeYears(doc)
  const texts = [
    ...items.map((item) => ({ source: 'resolution' as const, item: item.number, text: item.text })),
    { source: 'body' as const, item: null, text: readBodyText(doc) },
  ]
  return [...positionHints(items, listPositions(doc)), ...financeHints(texts, financeTotals(listFinanceRows(doc), years), years)]
}
