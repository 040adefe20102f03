// The header block: Betreff (title), GRDrs number, kind, Referat, GZ, date, lead department, signatory.
import { z } from 'zod/mini'
import type * as Y from 'yjs'
import { departmentIdSchema } from '../departments'
import { validate } from './errors'
import { enumSchema, optionalIsoDateSchema, textSchema } from './fields'
import { headerMap, readChoice, readString, readText, replaceText, textOf, titleText, write, writeText } from './doc'

export const proposalKinds = ['Beschlussvorlage', 'Mitteilungsvorlage', 'Informationsvorlage'] as const
export type ProposalKind = (typeof proposalKinds)[number]

export const headerSchema = z.object({
  /** `949/2019`, or empty while the paper has no number yet. */
  number: z.string({ error: 'not_text' }).check(z.regex(/^(\d{1,4}\/\d{4})?$/, { error: 'number_invalid' })),
  kind: enumSchema(proposalKinds),
  referat: textSchema(200),
  /** Geschäftszeichen, e.g. `SI`; empty until known. */
  gz: textSchema(40).check(z.regex(/^[\p{L}\p{N} ./-]*$/u, { error: 'gz_invalid' })),
  date: optionalIsoDateSchema,
  leadDepartment: z.union([z.literal(''), departmentIdSchema]),
  /** Who signs the paper at its end, one line each: "In Vertretung", "Isabel Fezer", "Bürgermeisterin". */
  signatory: textSchema(300),
})
export type HeaderFields = z.infer<typeof headerSchema>
export type HeaderKey = keyof HeaderFields
export const headerKeys = Object.keys(headerSchema.shape) as HeaderKey[]

/** Header fields typed as free text: Y.Text in the header map, merged letter by letter. */
export const headerTextKeys = ['referat', 'gz', 'signatory'] as const satisfies readonly HeaderKey[]
export type HeaderTextKey = (typeof headerTextKeys)[number]
const isHeaderText = (key: string): key is HeaderTextKey => (headerTextKeys as readonly string[]).includes(key)

/** The Y.Text an editor binds to; undefined while the doc still holds a plain string there. */
export const headerText = (doc: Y.Doc, key: HeaderTextKey): Y.Text | undefined => textOf(headerMap(doc), key)

function writeHeaderValue(doc: Y.Doc, key: string, value: unknown): void {
  const map = headerMap(doc)
  if (isHeaderText(key) && typeof value === 'string') writeText(map, key, value)
  else if (map.get(key) !== value) map.set(key, value)
}

/** What the header shows: the fields plus the Betreff from the title text. */
export type Header = HeaderFields & { title: string }

export const titleMaxLength = 300

export function readHeader(doc: Y.Doc): Header {
  const map = headerMap(doc)
  return {
    title: titleText(doc).toString(),
    number: readString(map, 'number'),
    kind: readChoice(map, 'kind', proposalKinds, 'Beschlussvorlage'),
    referat: readText(map, 'referat'),
    gz: readText(map, 'gz'),
    date: readString(map, 'date'),
    leadDepartment: readString(map, 'leadDepartment'),
    signatory: readText(map, 'signatory'),
  }
}

/** Checks one header value without writing; throws ProposalValidationError. */
export function validateHeaderField<K extends HeaderKey>(key: K, value: unknown): HeaderFields[K] {
  return validate(headerSchema.shape[key] as z.ZodMiniType<HeaderFields[K]>, value, key)
}

/** Sets one header field: free text as a minimal edit, other fields last writer wins. */
export function setHeaderField<K extends HeaderKey>(doc: Y.Doc, key: K, value: HeaderFields[K]): void {
  const checked = validateHeaderField(key, value)
  write(doc, () => writeHeaderValue(doc, key, checked))
}

/** Any subset of the header fields, nothing else. */
const strictPartialHeaderSchema = z.catchall(z.partial(headerSchema), z.never())

/** Sets several header fields at once, all or none. */
export function setHeader(doc: Y.Doc, patch: Partial<HeaderFields>): void {
  const checked = validate(strictPartialHeaderSchema, patch)
  write(doc, () => {
    for (const [key, value] of Object.entries(checked)) if (value !== undefined) writeHeaderValue(doc, key, value)
  })
}

/** Replaces the Betreff (templates, tests; editors edit the Y.Text itself). */
export function setTitle(doc: Y.Doc, title: string): void {
  const checked = validate(textSchema(titleMaxLength), title, 'title')
  write(doc, () => replaceText(titleText(doc), checked))
}
