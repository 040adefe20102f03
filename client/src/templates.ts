// The templates a new proposal can start from, as the server knows them (shared/demo.ts). Only ids and
// labels are listed here, so the list page does not load the templates' content; a browser test
// checks that this list matches shared/demo.ts.
export type TemplateChoice = { id: string; label: string }

export const templateChoices: readonly TemplateChoice[] = [
  { id: 'pakt-949-2019', label: 'GRDrs 949/2019 – Pakt für Integration (Beschlussvorlage)' },
  { id: 'integration-2022-2023', label: 'Integrationsmanagement 2022/2023 (Mitteilungsvorlage)' },
]
