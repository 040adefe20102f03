// The departments that take part in proposals: ids, German display names, @-mention tags.
import { z } from 'zod/mini'

/** Any department id; the seeded four are listed below, more can be added without a code change. */
export const departmentIdSchema = z.string({ error: 'department_invalid' }).check(z.regex(/^[a-z0-9-]{2,32}$/, { error: 'department_invalid' }))
export type DepartmentId = string

export type Department = {
  id: DepartmentId
  /** Display name (German), as written in the papers. */
  name: string
  nameEn: string
  /** Short tag used after `@` in comment mentions. */
  tag: string
}

export const departments: readonly Department[] = [
  { id: 'sozialamt', name: 'Sozialamt', nameEn: 'Social Welfare Office', tag: 'Sozialamt' },
  { id: 'jobcenter', name: 'Jobcenter', nameEn: 'Job Centre', tag: 'Jobcenter' },
  { id: 'akr', name: 'Referat AKR', nameEn: 'General Administration and Personnel (AKR)', tag: 'AKR' },
  { id: 'wfb', name: 'Referat WFB', nameEn: 'Finance (WFB)', tag: 'WFB' },
]

export const findDepartment = (id: string): Department | undefined => departments.find((d) => d.id === id)

/** The German name of a department, or its id when it is not one of the known ones. */
export const departmentName = (id: string): string => findDepartment(id)?.name ?? id

/** `@WFB`: how a department is mentioned in a comment. */
export const departmentMention = (id: string): string => `@${findDepartment(id)?.tag ?? id}`
