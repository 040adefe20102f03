// A readable structural diff of canonical content: which field changed from what to what.
import { richTextToPlain, type RichTextNode } from './rich-text'

export type Change = { path: string; before: unknown; after: unknown }

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isRichText = (value: unknown): value is RichTextNode => isObject(value) && value.type === 'doc'

const isPrimitive = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value)

const hasIds = (items: unknown[]) => items.every((item) => isObject(item) && typeof item.id === 'string')

/** Lists every difference; items with an `id` are matched by it, rich text is compared as text. */
export function diffJson(before: unknown, after: unknown, path = ''): Change[] {
  if (isRichText(before) || isRichText(after)) {
    const b = isRichText(before) ? richTextToPlain(before) : before
    const a = isRichText(after) ? richTextToPlain(after) : after
    return b === a ? [] : [{ path, before: b, after: a }]
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (hasIds(before) && hasIds(after)) {
      const byId = (items: unknown[]) => new Map(items.map((item) => [(item as { id: string }).id, item]))
      const b = byId(before)
      const a = byId(after)
      const changes: Change[] = []
      for (const [id, item] of b) if (!a.has(id)) changes.push({ path: `${path}[${id}]`, before: item, after: undefined })
      for (const [id, item] of a) {
        if (!b.has(id)) changes.push({ path: `${path}[${id}]`, before: undefined, after: item })
        else changes.push(...diffJson(b.get(id), item, `${path}[${id}]`))
      }
      return changes
    }
    if (before.every(isPrimitive) && after.every(isPrimitive)) {
      // A set of plain values (the budget years): what was added or removed, not which index shifted.
      const b = new Set(before)
      const a = new Set(after)
      return [
        ...before.filter((value) => !a.has(value)).map((value) => ({ path, before: value, after: undefined })),
        ...after.filter((value) => !b.has(value)).map((value) => ({ path, before: undefined, after: value })),
      ]
    }
    const changes: Change[] = []
    for (let i = 0; i < Math.max(before.length, after.length); i++) changes.push(...diffJson(before[i], after[i], `${path}[${i}]`))
    return changes
  }
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)])
    return [...keys].flatMap((key) => diffJson(before[key], after[key], path ? `${path}.${key}` : key))
  }
  // Missing and null both mean an empty cell: a new year's empty cells are no change.
  return JSON.stringify(before ?? null) === JSON.stringify(after ?? null) ? [] : [{ path, before, after }]
}
