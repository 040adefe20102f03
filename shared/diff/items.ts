// Diff of an ordered collection of items with ids: added, removed, fields changed, moved.
import { diffArrays } from 'diff'
import { canonicalJSON } from '../model/canonical'
import type { FieldChange, ItemsDiff } from './types'

type WithId = { id: string }

/** Field-by-field changes of two plain objects (values compared as canonical JSON). */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>, ignore: readonly string[] = []): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !ignore.includes(key))
  return keys
    .filter((key) => canonicalJSON(before[key] ?? null) !== canonicalJSON(after[key] ?? null))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }))
}

const withoutId = <T extends WithId>({ id: _id, ...rest }: T): Omit<T, 'id'> => rest

/** Ids of the common items that changed place: those outside the longest run kept in order. */
export function movedIds(beforeIds: string[], afterIds: string[]): Set<string> {
  const inAfter = new Set(afterIds)
  const inBefore = new Set(beforeIds)
  const common = (ids: string[], other: Set<string>) => ids.filter((id) => other.has(id))
  const moved = new Set<string>()
  for (const change of diffArrays(common(beforeIds, inAfter), common(afterIds, inBefore))) {
    if (change.removed) for (const id of change.value) moved.add(id)
  }
  return moved
}

export function diffItems<T extends WithId>(
  before: readonly T[],
  after: readonly T[],
  options: { label: (item: T) => string; fields?: (before: T, after: T) => FieldChange[] },
): ItemsDiff<Omit<T, 'id'>> {
  const beforeById = new Map(before.map((item, index) => [item.id, { item, index }]))
  const afterById = new Map(after.map((item, index) => [item.id, { item, index }]))
  const compare = options.fields ?? ((b: T, a: T) => diffFields(b, a, ['id']))
  const result: ItemsDiff<Omit<T, 'id'>> = { added: [], removed: [], changed: [], moved: [] }
  before.forEach((item, index) => {
    if (!afterById.has(item.id)) result.removed.push({ id: item.id, label: options.label(item), index, item: withoutId(item) })
  })
  after.forEach((item, index) => {
    const old = beforeById.get(item.id)
    if (!old) {
      result.added.push({ id: item.id, label: options.label(item), index, item: withoutId(item) })
      return
    }
    const fields = compare(old.item, item)
    if (fields.length) result.changed.push({ id: item.id, label: options.label(item), before: withoutId(old.item), after: withoutId(item), fields })
  })
  const moved = movedIds(
    before.map((item) => item.id),
    after.map((item) => item.id),
  )
  for (const id of moved) {
    const to = afterById.get(id)!
    result.moved.push({ id, label: options.label(to.item), from: beforeById.get(id)!.index, to: to.index })
  }
  return result
}

/** How many changes a reader would list: each added, removed or moved item, each changed field. */
export const countItemChanges = (diff: ItemsDiff<unknown>): number =>
  diff.added.length + diff.removed.length + diff.moved.length + diff.changed.reduce((n, c) => n + c.fields.length, 0)
