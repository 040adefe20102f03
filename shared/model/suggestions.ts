// Änderungsvorschläge: a proposed replacement of a range of one text (a Begründung or Beschlussantrag
// block, or a free-text field), kept in the content doc's `suggestions` map until the lead decides.
// They merge and survive offline like any content, and are not content: canonical.ts never reads them.
import { fromBase64, toBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import { z } from 'zod/mini'
import { departmentIdSchema } from '../departments'
import { sectionNames } from './canonical'

export const suggestionsRoot = 'suggestions'
export const suggestionsMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(suggestionsRoot)

/** Longest text a suggestion may insert or quote. */
export const suggestionTextMax = 5000

const encodedPosition = z.string().check(z.minLength(4), z.maxLength(400), z.regex(/^[A-Za-z0-9+/=]+$/))

export const suggestionSchema = z.strictObject({
  /** Stamped by the suggester's client, checked by the server against the session: never anyone else. */
  authorId: z.string().check(z.minLength(1), z.maxLength(64)),
  authorName: z.string().check(z.minLength(1), z.maxLength(200)),
  departmentId: departmentIdSchema,
  /** When it was made (ISO time, the suggester's clock; made offline it may be old). */
  at: z.iso.datetime(),
  section: z.enum(sectionNames),
  /** The board field it belongs to (`body`, `resolution/<id>`, `positions/<id>/function`): where it is shown. */
  field: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Start and end of the replaced range: Yjs relative positions (base64) into the same text. */
  from: encodedPosition,
  to: encodedPosition,
  insert: z.string().check(z.maxLength(suggestionTextMax)),
  /** The replaced words when it was made, to show what it strikes out. */
  deleted: z.string().check(z.maxLength(suggestionTextMax)),
})
export type Suggestion = z.infer<typeof suggestionSchema>
export type SuggestionEntry = Suggestion & { id: string }

export const isSuggestionId = (key: string): boolean => /^[A-Za-z0-9_-]{1,64}$/.test(key)

/** Every pending suggestion that reads well, oldest first; a malformed entry (never from our server) is skipped. */
export function listSuggestions(doc: Y.Doc): SuggestionEntry[] {
  const list: SuggestionEntry[] = []
  suggestionsMap(doc).forEach((value, id) => {
    const parsed = suggestionSchema.safeParse(value)
    if (parsed.success) list.push({ id, ...parsed.data })
  })
  return list.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
}

export function readSuggestion(doc: Y.Doc, id: string): Suggestion | undefined {
  const parsed = suggestionSchema.safeParse(suggestionsMap(doc).get(id))
  return parsed.success ? parsed.data : undefined
}

/** A position in a text as stored in a suggestion; `assoc` -1 keeps the end before text typed right after it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Yjs type, as Yjs declares it
export const encodePosition = (type: Y.AbstractType<any>, index: number, assoc = 0): string =>
  toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(type, index, assoc)))

export const decodePosition = (encoded: string): Y.RelativePosition => Y.decodeRelativePosition(fromBase64(encoded))

/** The text a suggestion changes and its range there now; undefined when it cannot be found any more. */
export function resolveSuggestion(doc: Y.Doc, suggestion: Pick<Suggestion, 'from' | 'to'>): { text: Y.Text; from: number; to: number } | undefined {
  try {
    const from = Y.createAbsolutePositionFromRelativePosition(decodePosition(suggestion.from), doc)
    const to = Y.createAbsolutePositionFromRelativePosition(decodePosition(suggestion.to), doc)
    if (!from || !to || from.type !== to.type || !(from.type instanceof Y.Text)) return undefined
    // A text whose parent was removed (a deleted position or paragraph) is no place to write.
    if (from.type._item?.deleted) return undefined
    return { text: from.type, from: Math.min(from.index, to.index), to: Math.max(from.index, to.index) }
  } catch {
    return undefined
  }
}

/** Applies the suggestion as an ordinary edit of its text; false when its text is gone. Run in a transaction. */
export function applySuggestion(doc: Y.Doc, suggestion: Suggestion): boolean {
  const place = resolveSuggestion(doc, suggestion)
  if (!place) return false
  if (place.to > place.from) place.text.delete(place.from, place.to - place.from)
  // Without attributes, Yjs gives the new words the formatting of the words before them.
  if (suggestion.insert) place.text.insert(place.from, suggestion.insert)
  return true
}

export type Suggester = Pick<Suggestion, 'authorId' | 'authorName' | 'departmentId'>

/** A suggestion to replace `[from, to)` of `text` with `insert`, made now by `who`. */
export function suggestionFor(
  text: Y.Text,
  range: { from: number; to: number; insert: string },
  who: Suggester,
  where: Pick<Suggestion, 'section' | 'field'>,
  at = new Date(),
): Suggestion {
  return {
    ...who,
    ...where,
    at: at.toISOString(),
    from: encodePosition(text, range.from),
    to: encodePosition(text, range.to, -1),
    insert: range.insert.slice(0, suggestionTextMax),
    deleted: text.toString().slice(range.from, range.to).slice(0, suggestionTextMax),
  }
}
