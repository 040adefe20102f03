// External object lists as the spec has them: `data`, `pagination`, `links`; a stable order; the
// filters created_since/_until and modified_since/_until kept in every link; deleted objects only
// when modified_since asks for them (the update mechanism of OParl 1.1); `limit` and `omit_internal`.
import { z } from 'zod'
import type { Listed } from './catalog'
import { toSecond } from './urls'

/** A full date-time with offset; a `+` that arrived unencoded (read as a space) is taken as meant. */
const dateTime = z
  .string()
  .transform((value) => value.replace(' ', '+'))
  .pipe(z.iso.datetime({ offset: true, error: 'must be a date-time with offset, e.g. 2024-01-01T00:00:00+01:00' }))
  .transform((value) => new Date(value).getTime())

const filterNames = ['created_since', 'created_until', 'modified_since', 'modified_until'] as const

export const listQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
  created_since: dateTime.optional(),
  created_until: dateTime.optional(),
  modified_since: dateTime.optional(),
  modified_until: dateTime.optional(),
  omit_internal: z.enum(['true', 'false']).optional(),
})

/** The query as given (decoded) and as the links must repeat it. */
export type ListQuery = z.infer<typeof listQuerySchema> & { raw: Record<string, string> }

export type ListPage<T> = {
  items: T[]
  pagination: { totalElements: number; elementsPerPage: number; currentPage: number; totalPages: number }
  links: { first: string; prev?: string; self: string; next?: string; last: string }
}

function matches(item: Listed, query: ListQuery): boolean {
  // Deleted objects are listed only to a client that asks what changed since; otherwise never.
  if (item.deleted && query.modified_since === undefined) return false
  const created = toSecond(item.created)
  const modified = toSecond(item.modified)
  if (query.created_since !== undefined && created < query.created_since) return false
  if (query.created_until !== undefined && created > query.created_until) return false
  if (query.modified_since !== undefined && modified < query.modified_since) return false
  if (query.modified_until !== undefined && modified > query.modified_until) return false
  return true
}

/** One page of `items`, filtered and in a stable order: by creation, then by a key that never changes. */
export function listPage<T extends Listed>(items: readonly T[], query: ListQuery, listUrl: string, pageSize: number): ListPage<T> {
  const selected = items.filter((item) => matches(item, query)).sort((a, b) => a.created.getTime() - b.created.getTime() || a.sortKey.localeCompare(b.sortKey))
  const elementsPerPage = Math.min(query.limit ?? pageSize, pageSize)
  const totalPages = Math.max(1, Math.ceil(selected.length / elementsPerPage))
  const currentPage = query.page
  const kept = [...filterNames, 'limit', 'omit_internal'].flatMap((name) => (query.raw[name] !== undefined ? [[name, query.raw[name]!] as const] : []))
  const urlOf = (page: number) => {
    const params = page > 1 ? [...kept, ['page', String(page)] as const] : kept
    return params.length ? `${listUrl}?${params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')}` : listUrl
  }
  return {
    items: selected.slice((currentPage - 1) * elementsPerPage, currentPage * elementsPerPage),
    pagination: { totalElements: selected.length, elementsPerPage, currentPage, totalPages },
    links: {
      first: urlOf(1),
      ...(currentPage > 1 && { prev: urlOf(Math.min(currentPage - 1, totalPages)) }),
      self: urlOf(currentPage),
      ...(currentPage < totalPages && { next: urlOf(currentPage + 1) }),
      last: urlOf(totalPages),
    },
  }
}
