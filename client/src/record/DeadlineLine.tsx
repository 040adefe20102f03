// A department's deadline on the board: the date, "überfällig" once passed while its signature is not
// current, "bald fällig" shortly before; the lead of the leading department extends it to a later day.
import { createSignal, Show } from 'solid-js'
import type { RecordDeadline } from '../../../shared/record'
import { api } from '../api'
import { departmentLabel } from '../departments'
import { t } from '../i18n'
import { DeadlineChips } from '../inbox/DeadlineChips'
import '../inbox/inbox.css'
import './deadline.css'

export function DeadlineLine(props: { proposalId: string; deadline: RecordDeadline; current: boolean; canExtend: boolean }) {
  const [editing, setEditing] = createSignal(false)
  const [date, setDate] = createSignal('')
  const [error, setError] = createSignal<string>()
  const [busy, setBusy] = createSignal(false)
  const fieldId = () => `extend-${props.deadline.departmentId}`
  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await api.extendDeadline(props.proposalId, props.deadline.departmentId, date())
      setEditing(false)
    } catch (e) {
      setError(t('due.extendError', { message: (e as Error).message }))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div class="deadline-line" data-testid="deadline-line" data-passed={props.deadline.passed} data-overdue={props.deadline.passed && !props.current}>
      <DeadlineChips deadline={props.deadline} current={props.current} />
      <Show when={props.deadline.extended}>
        <span class="muted small">({t('due.extended')})</span>
      </Show>
      <Show when={props.canExtend && !props.current && !editing()}>
        <button
          type="button"
          class="link-button small"
          onClick={() => {
            // Offer a week later: an extension only moves the deadline later.
            const next = new Date(`${props.deadline.due}T00:00:00Z`)
            next.setUTCDate(next.getUTCDate() + 7)
            setDate(next.toISOString().slice(0, 10))
            setEditing(true)
          }}
          data-testid="extend-deadline"
        >
          {t('due.extend')}
        </button>
      </Show>
      <Show when={editing()}>
        <form class="extend-form" onSubmit={submit}>
          <label for={fieldId()}>{t('due.extendTo', { department: departmentLabel(props.deadline.departmentId) })}</label>
          <input id={fieldId()} type="date" required min={props.deadline.due} value={date()} onInput={(e) => setDate(e.currentTarget.value)} />
          <button type="submit" class="small" disabled={busy()}>
            {t('due.extendSubmit')}
          </button>
          <button type="button" class="secondary small" onClick={() => setEditing(false)}>
            {t('sign.cancel')}
          </button>
        </form>
      </Show>
      <Show when={error()}>
        <p class="inline-error" role="alert">
          {error()}
        </p>
      </Show>
    </div>
  )
}
