// A typed, validated collection of plain-field items (positions, consultations, attachments, finance rows).
import type { z } from 'zod/mini'
import type * as Y from 'yjs'
import { issuesFromZod, ProposalValidationError } from './errors'
import { entries, getItem, insertItem, moveItem, removeItem, setFields } from './collections'
import { textOf, write, writeText, type CollectionName } from './doc'

export type PartOptions<F extends Record<string, unknown>> = {
  name: CollectionName
  /** Full validation, cross-field rules included. */
  schema: z.ZodMiniType<F>
  defaults: () => F
  /** Reads an item map, falling back to defaults for missing or mistyped values. */
  read: (item: Y.Map<unknown>) => F
  /** Cross-field rules: an issue on key K also matters when a patch touches one of related[K]. */
  related?: Partial<Record<keyof F & string, (keyof F & string)[]>>
  /** Free-text fields: stored as Y.Text, so concurrent typing merges letter by letter. */
  textFields?: readonly (keyof F & string)[]
  /** Adds nested types to a new item (after it is in the doc). */
  create?: (item: Y.Map<unknown>) => void
}

export type Item<F> = F & { id: string }

export type Part<F extends Record<string, unknown>> = {
  list(doc: Y.Doc): Item<F>[]
  get(doc: Y.Doc, id: string): Item<F>
  /** Validates complete values without writing; throws ProposalValidationError. */
  validate(values: unknown): F
  /** Adds an item (defaults for what is missing) at `index` (default: end); returns its id. */
  add(doc: Y.Doc, input: Partial<F>, index?: number): string
  /** Changes only the given fields, so a peer's concurrent edits of other fields survive. */
  update(doc: Y.Doc, id: string, patch: Partial<F>): void
  remove(doc: Y.Doc, id: string): void
  /** Moves an item to `toIndex` of the display order (0-based, after the move). */
  move(doc: Y.Doc, id: string, toIndex: number): void
  /** The Y.Text of a free-text field that editors bind to; undefined for an older plain string. */
  text(doc: Y.Doc, id: string, key: keyof F & string): Y.Text | undefined
  /** The free-text fields of this part. */
  textFields: readonly (keyof F & string)[]
}

export function definePart<F extends Record<string, unknown>>(options: PartOptions<F>): Part<F> {
  const { name, schema, defaults, read } = options
  const textFields = options.textFields ?? []
  const isText = new Set<string>(textFields)
  // Text fields as minimal Y.Text edits, everything else as plain values (last writer wins per field).
  const writeFields = (item: Y.Map<unknown>, values: Partial<F>) => {
    const plain: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(values)) {
      if (isText.has(key) && typeof value === 'string') writeText(item, key, value)
      else plain[key] = value
    }
    setFields(item, plain)
  }

  const validateAll = (values: unknown): F => {
    const result = schema.safeParse(values)
    if (!result.success) throw new ProposalValidationError(issuesFromZod(result.error))
    return result.data
  }

  // Judges a patch against the item it lands on, but blames it only for fields it touches:
  // a bad value merged in from a peer must not block an unrelated edit.
  const validatePatch = (current: F, patch: Partial<F>): Partial<F> => {
    const fields = Object.keys(defaults())
    patch = pick(withoutUndefined(patch) as F, fields)
    const result = schema.safeParse({ ...current, ...withoutUndefined(patch) })
    if (result.success) return pick(result.data, Object.keys(patch))
    const touched = new Set(Object.keys(patch))
    const relevant = issuesFromZod(result.error).filter((i) => {
      const key = i.field.split('.')[0] ?? ''
      return touched.has(key) || (options.related?.[key as keyof F & string] ?? []).some((k) => touched.has(k))
    })
    if (relevant.length) throw new ProposalValidationError(relevant)
    return pick({ ...current, ...withoutUndefined(patch) } as F, Object.keys(patch))
  }

  return {
    list: (doc) => entries(doc, name).map((e) => ({ id: e.id, ...read(e.item) })),
    get: (doc, id) => ({ id, ...read(getItem(doc, name, id)) }),
    validate: validateAll,
    add(doc, input, index) {
      const values = validateAll({ ...defaults(), ...withoutUndefined(input) })
      return write(doc, () =>
        insertItem(
          doc,
          name,
          (item) => {
            writeFields(item, values)
            options.create?.(item)
          },
          index,
        ),
      )
    },
    update(doc, id, patch) {
      const item = getItem(doc, name, id)
      const checked = validatePatch(read(item), patch)
      write(doc, () => writeFields(item, checked))
    },
    remove: (doc, id) => write(doc, () => removeItem(doc, name, id)),
    move: (doc, id, toIndex) => write(doc, () => moveItem(doc, name, id, toIndex)),
    text: (doc, id, key) => textOf(getItem(doc, name, id), key),
    textFields,
  }
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

function pick<F extends Record<string, unknown>>(value: F, keys: string[]): Partial<F> {
  return Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, value[k]])) as Partial<F>
}
