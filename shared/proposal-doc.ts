// Entry points the server and the first client use; the full model lives in ./model.
import { blankProposal, buildUpdate, findTemplate } from './demo'
import { setHeader, setTitle, type HeaderFields } from './model'

export { titleText } from './model/doc'

/** The first state of a new, blank proposal's document, as one Yjs update. */
export function initialProposalUpdate(title: string, header: Partial<HeaderFields> = {}, templateId?: string): Uint8Array {
  const template = templateId === undefined ? undefined : findTemplate(templateId)
  if (templateId !== undefined && !template) throw new Error(`unknown template ${templateId}`)
  return buildUpdate((doc) => {
    if (!template) return blankProposal(doc, title, header)
    template.build(doc)
    setTitle(doc, title)
    // A template's own number belongs to the old paper; the new one keeps only what was given.
    setHeader(doc, { number: '', ...header })
  })
}
