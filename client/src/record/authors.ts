// How the board names the people behind a change: "Jonas Weber, Sozialamt, 30.11. 18:04", and the
// colour a person's text takes when authors are shown (the same colour as their presence).
import type { ChangeAuthor, ClientAuthor } from '../api'
import { colorForUser } from '../user-colors'
import { departmentLabel } from '../departments'
import { t } from '../i18n'

const two = (n: number) => String(n).padStart(2, '0')

/** "30.11. 18:04": day and time, as a change list reads best. */
export function shortDateTime(iso: string): string {
  const date = new Date(iso)
  return `${two(date.getDate())}.${two(date.getMonth() + 1)}. ${two(date.getHours())}:${two(date.getMinutes())}`
}

/** "Jonas Weber, Sozialamt, 30.11. 18:04"; the server's own writes read "System". */
export function authorLine(author: ChangeAuthor): string {
  if (!author.userName) return t('authors.system')
  const parts = [author.userName]
  if (author.departmentId) parts.push(departmentLabel(author.departmentId))
  if (author.at) parts.push(shortDateTime(author.at))
  return parts.join(', ')
}

/** "Jonas Weber, Sozialamt" for a client id's owner. */
export const ownerLabel = (owner: ClientAuthor | undefined): string =>
  !owner ? t('authors.unknown') : !owner.userName ? t('authors.system') : [owner.userName, owner.departmentId && departmentLabel(owner.departmentId)].filter(Boolean).join(', ')

/** The person's colour, light enough to read black text on; grey for the server and unknown writers. */
export function authorTint(owner: ClientAuthor | undefined): string {
  if (!owner?.userId) return 'rgba(128, 128, 128, 0.18)'
  return `color-mix(in srgb, ${colorForUser(owner.userId)} 32%, white)`
}
