// The shape of a proposal diff: per section, what was added, removed or changed, from what to what.
import type { CanonicalSections, SectionName } from '../model/canonical'
import type { Attachment } from '../model/attachments'
import type { Consultation } from '../model/consultations'
import type { FinanceColumn, FinanceRow } from '../model/finance'
import type { Header } from '../model/header'
import type { Position } from '../model/positions'
import type { RichTextDoc } from '../rich-text'

/** The canonical sections with their types: what `canonicalSections(doc)` builds. */
export type ProposalContent = {
  header: Header
  consultations: Consultation[]
  resolution: { id: string; content: RichTextDoc }[]
  body: RichTextDoc
  positions: Position[]
  finance: { years: number[]; rows: FinanceRow[] }
  attachments: Attachment[]
}

/** The canonical sections are built by the model's readers, so they have exactly this shape. */
export const asContent = (sections: CanonicalSections | ProposalContent): ProposalContent => sections as ProposalContent

export type FieldChange = { field: string; before: unknown; after: unknown }

/** A run of text: common to both sides, or only before (`removed`), or only after (`added`). */
export type TextPart = { value: string; added?: true; removed?: true }

export type TextDiff = {
  changed: boolean
  /** The words are the same but marks, headings, lists or tables differ. */
  formattingOnly: boolean
  /** The whole text, common runs included, so a client can show the changes in context. */
  parts: TextPart[]
  /** Places where text was replaced, inserted or deleted (a replaced word counts once). */
  hunks: number
}

export type ListedItem<T> = { id: string; label: string; index: number; item: T }
export type ChangedItem<T> = { id: string; label: string; before: T; after: T; fields: FieldChange[] }

export type ItemsDiff<T> = {
  added: ListedItem<T>[]
  removed: ListedItem<T>[]
  changed: ChangedItem<T>[]
  /** Items that changed place relative to the others (not those only shifted by an insertion). */
  moved: { id: string; label: string; from: number; to: number }[]
}

export type ResolutionItemDiff = { id: string; numberBefore: number; numberAfter: number; text: TextDiff }
export type ResolutionDiff = {
  added: { id: string; number: number; text: string }[]
  removed: { id: string; number: number; text: string }[]
  changed: ResolutionItemDiff[]
  moved: { id: string; from: number; to: number }[]
}

/** One finance cell, old → new; `label` names the row as people do: its measure, else its account. */
export type CellChange = { rowId: string; measure: string; label: string; column: FinanceColumn; year: number; before: number | null; after: number | null }
/** A sum that moved; null: no row has a value in that year (the board shows '–'). */
export type SumChange = { column: FinanceColumn; year: number | 'total'; before: number | null; after: number | null }

export type FinanceDiff = {
  years: { added: number[]; removed: number[] }
  rows: ItemsDiff<Pick<FinanceRow, 'account' | 'measure'>>
  cells: CellChange[]
  /** Derived: the sums per year (and over all years) that moved because of the changes above. */
  sums: SumChange[]
}

export type ProposalDiff = {
  header: FieldChange[]
  consultations: ItemsDiff<Omit<Consultation, 'id'>>
  resolution: ResolutionDiff
  body: TextDiff
  positions: ItemsDiff<Omit<Position, 'id'>>
  finance: FinanceDiff
  attachments: ItemsDiff<Omit<Attachment, 'id'>>
  /** The sections that differ, in paper order. */
  changedSections: SectionName[]
  /** Every change a reader would list; derived sums are not counted. */
  changeCount: number
}
