// Above the board: the mode switch (Bearbeiten / Vorschlagen) and every pending suggestion, grouped
// by author, with "accept all" and "reject all" of one author for the leading department.
import { createMemo, createSignal, For, Show } from 'solid-js'
import { departmentLabel } from '../departments'
import { t } from '../i18n'
import { SuggestionCard } from './SuggestionCard'
import type { SuggestState } from './suggest-state'
import './suggest.css'

export function SuggestModeSwitch(props: { state: SuggestState }) {
  return (
    <Show when={props.state.canChoose() || props.state.forced()}>
      <div class="suggest-mode" role="group" aria-label={t('suggest.mode')} data-testid="suggest-mode">
        <Show when={props.state.canChoose()} fallback={<p class="notice-bar" role="note" data-testid="suggest-forced">{t('suggest.forced')}</p>}>
          <button type="button" class="toggle" aria-pressed={!props.state.active()} onClick={() => props.state.setChosen(false)} data-testid="mode-edit">
            {t('suggest.edit')}
          </button>
          <button type="button" class="toggle" aria-pressed={props.state.active()} onClick={() => props.state.setChosen(true)} data-testid="mode-suggest">
            {t('suggest.suggest')}
          </button>
          <Show when={props.state.active()}>
            <span class="muted">{t('suggest.activeNote')}</span>
          </Show>
        </Show>
      </div>
    </Show>
  )
}

export function SuggestionsPanel(props: { state: SuggestState }) {
  const [error, setError] = createSignal<string>()
  const byAuthor = createMemo(() => {
    const groups = new Map<string, { name: string; departmentId: string; ids: string[] }>()
    for (const s of props.state.list()) {
      const group = groups.get(s.authorId) ?? { name: s.authorName, departmentId: s.departmentId, ids: [] }
      group.ids.push(s.id)
      groups.set(s.authorId, group)
    }
    return [...groups.entries()].map(([authorId, group]) => ({ authorId, ...group }))
  })
  const decideAll = async (authorId: string, decision: 'accept' | 'reject') => {
    setError(undefined)
    try {
      await props.state.decide({ decision, authorId })
    } catch (e) {
      setError(t('suggest.failed', { message: (e as Error).message }))
    }
  }
  return (
    <Show when={props.state.list().length > 0}>
      <section class="card suggestions-panel" aria-labelledby="suggestions-heading" data-testid="suggestions-panel">
        <h2 id="suggestions-heading">
          {t('suggest.title')} <span class="muted">{t('suggest.count', { n: String(props.state.list().length) })}</span>
        </h2>
        <For each={byAuthor()}>
          {(group) => (
            <div class="suggestion-group" data-testid="suggestion-group">
              <Show when={props.state.canDecide()}>
                <div class="suggestion-group-actions">
                  <button type="button" class="small" onClick={() => void decideAll(group.authorId, 'accept')} data-testid="suggestion-accept-all">
                    {t('suggest.acceptAll', { name: `${group.name} (${departmentLabel(group.departmentId)})` })}
                  </button>
                  <button type="button" class="small secondary" onClick={() => void decideAll(group.authorId, 'reject')} data-testid="suggestion-reject-all">
                    {t('suggest.rejectAll', { name: group.name })}
                  </button>
                </div>
              </Show>
              <For each={props.state.list().filter((s) => s.authorId === group.authorId)}>
                {(s) => <SuggestionCard suggestion={s} state={props.state} />}
              </For>
            </div>
          )}
        </For>
        <Show when={error()}>
          <p class="error" role="alert">
            {error()}
          </p>
        </Show>
      </section>
    </Show>
  )
}
