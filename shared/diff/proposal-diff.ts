// The readable diff of two states of a proposal, section by section. Pure, so the board can run it too.
import { departmentName } from '../departments'
import { formatFte } from '../format'
import { sectionNames, type CanonicalSections, type SectionName } from '../model/canonical'
import { richTextToPlain } from '../rich-text'
import { diffFinance } from './finance'
import { countItemChanges, diffFields, diffItems, movedIds } from './items'
import { diffRichText } from './text'
import { asContent, type ProposalContent, type ProposalDiff, type ResolutionDiff, type TextDiff } from './types'

function diffResolution(before: ProposalContent['resolution'], after: ProposalContent['resolution']): ResolutionDiff {
  const beforeIndex = new Map(before.map((item, i) => [item.id, i]))
  const afterIds = new Set(after.map((item) => item.id))
  const result: ResolutionDiff = { added: [], removed: [], changed: [], moved: [] }
  before.forEach((item, i) => {
    if (!afterIds.has(item.id)) result.removed.push({ id: item.id, number: i + 1, text: richTextToPlain(item.content) })
  })
  after.forEach((item, i) => {
    const old = beforeIndex.get(item.id)
    if (old === undefined) return void result.added.push({ id: item.id, number: i + 1, text: richTextToPlain(item.content) })
    const text = diffRichText(before[old]!.content, item.content)
    if (text.changed) result.changed.push({ id: item.id, numberBefore: old + 1, numberAfter: i + 1, text })
  })
  const afterIndex = new Map(after.map((item, i) => [item.id, i]))
  for (const id of movedIds(before.map((i) => i.id), after.map((i) => i.id))) {
    result.moved.push({ id, from: beforeIndex.get(id)! + 1, to: afterIndex.get(id)! + 1 })
  }
  return result
}

const textChanges = (text: TextDiff): number => (text.formattingOnly ? 1 : text.hunks)

export type DiffOptions = {
  /** Compare only these sections (e.g. those a signature covers); the others read as unchanged. */
  sections?: readonly SectionName[]
}

/** Everything that differs between two canonical states, `before` → `after`. */
export function diffProposal(
  beforeSections: CanonicalSections | ProposalContent,
  afterSections: CanonicalSections | ProposalContent,
  options: DiffOptions = {},
): ProposalDiff {
  const chosen = new Set(options.sections ?? sectionNames)
  // An unchosen section is compared with itself, so it reads as unchanged.
  const pick = <K extends SectionName>(name: K, content: ProposalContent, other: ProposalContent): ProposalContent[K] =>
    chosen.has(name) ? content[name] : other[name]
  const before = asContent(beforeSections)
  const after = asContent(afterSections)
  const b = Object.fromEntries(sectionNames.map((n) => [n, pick(n, before, after)])) as ProposalContent
  const a = after

  const diff: Omit<ProposalDiff, 'changedSections' | 'changeCount'> = {
    header: diffFields(b.header, a.header),
    consultations: diffItems(b.consultations, a.consultations, { label: (c) => c.committee }),
    resolution: diffResolution(b.resolution, a.resolution),
    body: diffRichText(b.body, a.body),
    positions: diffItems(b.positions, a.positions, {
      label: (p) => [departmentName(p.department), `${formatFte(p.fte)} VZK`, p.payGrade, p.function].filter(Boolean).join(', '),
    }),
    finance: diffFinance(b.finance, a.finance),
    attachments: diffItems(b.attachments, a.attachments, { label: (attachment) => attachment.title }),
  }

  const counts: Record<SectionName, number> = {
    header: diff.header.length,
    consultations: countItemChanges(diff.consultations),
    resolution:
      diff.resolution.added.length +
      diff.resolution.removed.length +
      diff.resolution.moved.length +
      diff.resolution.changed.reduce((n, item) => n + textChanges(item.text), 0),
    body: textChanges(diff.body),
    positions: countItemChanges(diff.positions),
    finance: diff.finance.years.added.length + diff.finance.years.removed.length + countItemChanges(diff.finance.rows) + diff.finance.cells.length,
    attachments: countItemChanges(diff.attachments),
  }
  const changedSections = sectionNames.filter((name) => counts[name] > 0)
  return { ...diff, changedSections, changeCount: changedSections.reduce((n, name) => n + counts[name], 0) }
}
