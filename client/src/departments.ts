// Department names in the UI language (the list page and the board; shared/departments.ts holds the data).
import { findDepartment } from '../../shared/departments'
import { lang } from './i18n'

/** A department's display name in the current language; unknown ids show as they are. */
export function departmentLabel(id: string): string {
  const department = findDepartment(id)
  if (!department) return id
  return lang() === 'en' ? department.nameEn : department.name
}
