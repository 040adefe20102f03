// One pending suggestion: what it strikes and inserts, in its author's colour, who and when, and the
// buttons the viewer may use (the lead accepts or rejects, the author withdraws).
import { createSignal, Show } from 'solid-js'
import type { SuggestionEntry } from '../../../shared/model'
import { ApiError } from '../api'
import { colorForUser } from '../user-colors'
import { departmentLabel } from '../departments'
import { formatDateTime, t } from '../i18n'
import { sectionLabel } from '../record/labels'
import type { SuggestState } from './suggest-state'

export function SuggestionCard(props: { suggestion: SuggestionEntry; state: SuggestState; compact?: boolean }) {
  const [error, setError] = createSignal<string>()
  const [busy, setBusy] = createSignal(false)
  const s = () => props.suggestion
  const mine = () => s().authorId === props.state.who.authorId
  const decide = async (decision: 'accept' | 'reject') => {
    setBusy(true)
    setError(undefined)
    try {
      await props.state.decide({ decision, ids: [s().id] })
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? t('suggest.gone') : t('suggest.failed', { message: (e as Error).message }))
    } finally {
      setBusy(false)
    }
  }
  return (
    <div
      class="suggestion-card"
      classList={{ compact: !!props.compact }}
      style={{ '--suggest-color': colorForUser(s().authorId) }}
      data-testid="suggestion"
      data-suggestion={s().id}
      data-author={s().authorName}
    >
      <Show when={!props.compact}>
        <span class="suggestion-where" data-testid="suggestion-section">
          {sectionLabel(s().section)}
        </span>
      </Show>
      <span class="suggestion-change">
        <Show when={s().deleted}>
          <del class="suggest-del" title={t('suggest.deletes')}>{s().deleted}</del>{' '}
        </Show>
        <Show when={s().insert}>
          <ins class="suggest-ins" title={t('suggest.inserts')}>{s().insert}</ins>
        </Show>
      </span>
      <span class="suggestion-who">
        {s().authorName} ({departmentLabel(s().departmentId)}), {formatDateTime(s().at)}
      </span>
      <span class="suggestion-actions">
        <Show when={props.state.canDecide()}>
          <button type="button" class="small" disabled={busy()} onClick={() => void decide('accept')} data-testid="suggestion-accept">
            {t('suggest.accept')}
          </button>
          <button type="button" class="small secondary" disabled={busy()} onClick={() => void decide('reject')} data-testid="suggestion-reject">
            {t('suggest.reject')}
          </button>
        </Show>
        <Show when={mine() && !props.state.canDecide()}>
          <button type="button" class="small secondary" onClick={() => props.state.withdraw(s().id)} data-testid="suggestion-withdraw">
            {t('suggest.withdraw')}
          </button>
        </Show>
      </span>
      <Show when={error()}>
        <span class="field-error" role="alert">
          {error()}
        </span>
      </Show>
    </div>
  )
}
