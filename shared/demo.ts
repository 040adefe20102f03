// Templates a new proposal can start from: blank, and the demo papers built from the seeds.
import * as Y from 'yjs'
import { buildIntegration2022, integrationTitle } from './demo/integration-2022-2023'
import { buildPakt949, paktTitle } from './demo/pakt-949-2019'
import { migrateContent, setHeader, setTitle, type HeaderFields } from './model'

export type ProposalTemplate = {
  id: string
  /** German label for the "create from template" menu. */
  label: string
  title: string
  /** Fills an empty doc. */
  build(doc: Y.Doc): void
}

/** An empty Beschlussvorlage with only a Betreff (and any header fields given). */
export function blankProposal(doc: Y.Doc, title: string, header: Partial<HeaderFields> = {}): void {
  doc.transact(() => {
    migrateContent(doc)
    setTitle(doc, title)
    setHeader(doc, { kind: 'Beschlussvorlage', ...header })
  })
}

export const demoTemplates: readonly ProposalTemplate[] = [
  { id: 'pakt-949-2019', label: 'GRDrs 949/2019 – Pakt für Integration (Beschlussvorlage)', title: paktTitle, build: buildPakt949 },
  {
    id: 'integration-2022-2023',
    label: 'Integrationsmanagement 2022/2023 (Mitteilungsvorlage)',
    title: integrationTitle,
    build: buildIntegration2022,
  },
]

export const findTemplate = (id: string): ProposalTemplate | undefined => demoTemplates.find((t) => t.id === id)

/** Builds a doc with `fill` and returns it as one Yjs update: the first state of a new proposal. */
export function buildUpdate(fill: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc()
  try {
    fill(doc)
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/** The initial Yjs update of a template. */
export function templateUpdate(template: ProposalTemplate | string): Uint8Array {
  const found = typeof template === 'string' ? findTemplate(template) : template
  if (!found) throw new Error(`unknown proposal template ${String(template)}`)
  return buildUpdate((doc) => found.build(doc))
}
