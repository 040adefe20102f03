// One polite live region for the board: "Jonas Weber (Sozialamt) bearbeitet Begründung" when a colleague
// edits, throttled per person and field — a screen reader hears who works where, not every keystroke.
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { departmentLabel } from '../departments'
import { t } from '../i18n'
import { authorsOf, createAnnouncementThrottle, fieldLabel } from './edit-announcements'
import { isPresenceUser } from './PresenceBar'

export function EditAnnouncer(props: { doc: Y.Doc; awareness: Awareness; ready: Accessor<boolean> }) {
  const [message, setMessage] = createSignal('')
  const mayAnnounce = createAnnouncementThrottle()

  const onTransaction = (transaction: Y.Transaction) => {
    // Our own typing, and the document's arrival (the whole history at once), are nothing to announce.
    if (transaction.local || !props.ready()) return
    const lines: string[] = []
    for (const clientId of authorsOf(transaction)) {
      if (clientId === props.awareness.clientID) continue
      const state = props.awareness.getStates().get(clientId) as { user?: unknown; focus?: { field?: unknown } | null } | undefined
      if (!isPresenceUser(state?.user)) continue
      const field = typeof state.focus?.field === 'string' ? state.focus.field : undefined
      if (!mayAnnounce(`${state.user.id} ${field ?? ''}`)) continue
      const who = { name: state.user.name, department: departmentLabel(state.user.department) }
      const label = field === undefined ? undefined : fieldLabel(document, field)
      lines.push(label ? t('announce.editsField', { ...who, field: label }) : t('announce.edits', who))
    }
    if (lines.length === 0) return
    const text = lines.join(' ')
    // The same words again would change nothing in the region, and a screen reader would stay silent.
    setMessage((previous) => (previous === text ? `${text}\u00a0` : text))
  }
  props.doc.on('afterTransaction', onTransaction)
  onCleanup(() => props.doc.off('afterTransaction', onTransaction))

  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="edit-announcements">
      {message()}
    </div>
  )
}
