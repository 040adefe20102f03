// The canonical form of a proposal's content: what a co-signature is bound to (its SHA-256: content-hash.ts).
import type * as Y from 'yjs'
import { assertSupportedSchema } from './doc'
import { listAttachments } from './attachments'
import { readBody } from './body'
import { listConsultations } from './consultations'
import { financeYears, listFinanceRows } from './finance'
import { readHeader } from './header'
import { listPositions } from './positions'
import { listResolutionItems } from './resolution'

/** The parts a signature can cover; the title belongs to `header`. */
export const sectionNames = ['header', 'consultations', 'resolution', 'body', 'positions', 'finance', 'attachments'] as const
export type SectionName = (typeof sectionNames)[number]
export type CanonicalSections = Record<SectionName, unknown>

/** The section each top-level type of the content doc belongs to; `meta` belongs to none. */
const sectionOfRootName: Record<string, SectionName> = {
  title: 'header',
  header: 'header',
  consultations: 'consultations',
  resolution: 'resolution',
  body: 'body',
  positions: 'positions',
  finance: 'finance',
  financeRows: 'finance',
  attachments: 'attachments',
}

export const sectionOfRoot = (root: string): SectionName | undefined => (Object.hasOwn(sectionOfRootName, root) ? sectionOfRootName[root] : undefined)

/**
 * The content as plain data, built from the same readers the board uses, so it holds exactly what
 * people see: no awareness, no ordering keys (the array order is the order).
 */
export function canonicalSections(doc: Y.Doc): CanonicalSections {
  // A newer layout may hold content this code cannot see; hashing it would bind a signature to less.
  assertSupportedSchema(doc)
  return {
    // The signatory joined the header later: left out while empty, so older signatures keep their hash.
    header: withoutEmptySignatory(readHeader(doc)),
    consultations: listConsultations(doc),
    resolution: listResolutionItems(doc).map(({ id, content }) => ({ id, content })),
    body: readBody(doc),
    // An end date on a permanent position is hidden and ignored, so it is not content.
    positions: listPositions(doc).map((p) => (p.kind === 'permanent' ? { ...p, until: '' } : p)),
    finance: { years: financeYears(doc), rows: listFinanceRows(doc) },
    attachments: listAttachments(doc),
  }
}

function withoutEmptySignatory(header: ReturnType<typeof readHeader>): Omit<ReturnType<typeof readHeader>, 'signatory'> & { signatory?: string } {
  const { signatory, ...rest } = header
  return signatory ? header : rest
}

/** JSON with every object's keys sorted and no whitespace: equal data gives equal bytes. */
export function canonicalJSON(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON holds finite numbers only')
    return JSON.stringify(value + 0) // -0 → 0
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJSON(v))).join(',')}]`
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(record[k])}`).join(',')}}`
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`)
}

/** The whole content as canonical JSON. */
export const canonicalContent = (doc: Y.Doc): string => canonicalJSON(canonicalSections(doc))
