// At the top of the board: the own department's co-signature no longer matches the content — with a
// link that opens the change list in the department's entry further down.
import { Show } from 'solid-js'
import type { SessionUser } from '../../../shared/identity'
import { departmentLabel } from '../departments'
import { formatDateTime, t } from '../i18n'
import type { ProposalRecord } from './record-state'

/** The id of a department's change list (a <details>), so a link can open it. */
export const changesAnchor = (departmentId: string) => `signature-changes-${departmentId}`

/** Opens the change list of the department and brings it into view. */
export function openChanges(departmentId: string): void {
  const details = document.getElementById(changesAnchor(departmentId))
  if (!(details instanceof HTMLDetailsElement)) return
  details.open = true
  details.scrollIntoView({ block: 'center' })
  details.querySelector('summary')?.focus()
}

export function OutdatedBanner(props: { record: ProposalRecord; user: SessionUser }) {
  const own = () => props.record.signatures().find((s) => s.departmentId === props.user.departmentId)
  const outdated = () => {
    const signature = own()
    const involved = props.record.involved().some((d) => d.departmentId === props.user.departmentId)
    return involved && signature && props.record.currentByDepartment()?.get(signature.departmentId) === false ? signature : undefined
  }
  return (
    <Show when={outdated()}>
      {(signature) => (
        <p class="notice-bar outdated-banner" role="status" data-testid="outdated-banner">
          <strong>
            <span aria-hidden="true">⚠ </span>
            {signature().voided
              ? t('banner.voided', { department: departmentLabel(signature().departmentId) })
              : t('banner.outdated', { department: departmentLabel(signature().departmentId), time: formatDateTime(signature().signedAt) })}
          </strong>{' '}
          <a
            href={`#${changesAnchor(signature().departmentId)}`}
            data-testid="outdated-banner-link"
            onClick={(event) => {
              event.preventDefault()
              openChanges(signature().departmentId)
            }}
          >
            {t('banner.showChanges')}
          </a>
        </p>
      )}
    </Show>
  )
}
