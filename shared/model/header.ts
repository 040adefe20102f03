// The header block: Betreff (title), GRDrs number, kind, Referat, GZ, date, lead department, signatory.
import { z } from 'zod'
import type * as Y from 'yjs'
import { departmentIdSchema } from '../departments'
import { validate } from './errors'
import { enumSchema, optionalIsoDateSchema, textSchema } from './fields'
import { headerMap, readChoice, readString, replaceText, titleText, write } from './doc'

export const proposalKinds = ['Beschlussvorlage', 'Mitteilungsvorlage', 'Informationsvorlage'] as const
export type ProposalKind = (typeof proposalKinds)[number]

export const headerSchema = z.object({
  /** `949/2019`, or empty while the paper has no number yet. */
  number: z.string({ error: 'not_text' }).regex(/^(\d{1,4}\/\d{4})?$/, { error: 'number_invalid' }),
  kind: enumSchema(proposalKinds),
  referat: textSchema(200),
  /** Geschäftszeichen, e.g. `SI`; empty until known. */
  gz: textSchema(40).regex(/^[\p{L}\p{N} ./-]*$/u, { error: 'gz_invalid' }),
  date: optionalIsoDateSchema,
  leadDepartment: z.literal('').or(departmentIdSchema),
  /** Who signs the paper at its end, one line each: "In Vertretung", "Isabel Fezer", "Bürgermeisterin". */
  signatory: textSchema(300),
})
export type HeaderFields = z.infer<typeof headerSchema>
export type HeaderKey = keyof HeaderFields
export const headerKeys = Object.keys(headerSchema.shape) as HeaderKey[]

/** What the header shows: the fields plus the Betreff from the title text. */
export type Header = HeaderFields & { title: string }

export const titleMaxLength = 300

export function readHeader(doc: Y.Doc): Header {
  const map = headerMap(doc)
  return {
    title: titleText(doc).toString(),
    number: readString(map, 'number'),
    kind: readChoice(map, 'kind', proposalKinds, 'Beschlussvorlage'),
    referat: readString(map, 'referat'),
    gz: readString(map, 'gz'),
    date: readString(map, 'date'),
    leadDepartment: readString(map, 'leadDepartment'),
    signatory: readString(map, 'signatory'),
  }
}

/** Checks one header value without writing; throws ProposalValidationError. */
export function validateHeaderField<K extends HeaderKey>(key: K, value: unknown): HeaderFields[K] {
  return validate(headerSchema.shape[key] as z.ZodType<HeaderFields[K]>, value, key)
}

/** Sets one header field (last writer wins per field). */
export function setHeaderField<K extends HeaderKey>(doc: Y.Doc, key: K, value: HeaderFields[K]): void {
  const checked = validateHeaderField(key, value)
  write(doc, () => {
    if (headerMap(doc).get(key) !== checked) headerMap(doc).set(key, checked)
  })
}

/** Sets several header fields at once, all or none. */
export function setHeader(doc: Y.Doc, patch: Partial<HeaderFields>): void {
  const checked = validate(headerSchema.partial().strict(), patch)
  write(doc, () => {
    for (const [key, value] of Object.entries(checked)) if (value !== undefined && headerMap(doc).get(key) !== value) headerMap(doc).set(key, value)
  })
}

/** Replaces the Betreff (templates, tests; editors edit the Y.Text itself). */
export function setTitle(doc: Y.Doc, title: string): void {
  const checked = validate(textSchema(titleMaxLength), title, 'title')
  write(doc, () => replaceText(titleText(doc), checked))
}
