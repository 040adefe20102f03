// The leading lead chooses the departments that co-sign and the sections each signs for, and starts the round.
import { createEffect, createSignal, For, on, Show } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import { departments } from '../../../shared/departments'
import { sectionNames } from '../../../shared/model'
import type { InvolvedDepartment } from '../../../shared/record'
import { api, type InvolvementInput } from '../api'
import { departmentLabel } from '../departments'
import { t } from '../i18n'
import { sectionLabel } from './labels'
import './deadline.css'

type Choice = { involved: boolean; sections: string[]; due: string; suggestOnly: boolean }

export function InvolvementForm(props: {
  proposalId: string
  leadDepartmentId: string
  involved: InvolvedDepartment[]
  /** In a draft the round can start; later only the involvement changes. */
  canStart: boolean
}) {
  const candidates = () => departments.filter((d) => d.id !== props.leadDepartmentId)
  const fromRecord = () =>
    Object.fromEntries(
      candidates().map((d) => {
        const involvement = props.involved.find((i) => i.departmentId === d.id)
        const suggestOnly = involvement?.editMode === 'suggest'
        return [d.id, { involved: !!involvement, sections: involvement ? [...involvement.sections] : [...sectionNames], due: '', suggestOnly }]
      }),
    )
  const [choices, setChoices] = createStore<Record<string, Choice>>(fromRecord())
  const [dirty, setDirty] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  const [message, setMessage] = createSignal<{ kind: 'error' | 'ok'; text: string }>()
  // Someone else (another lead) changed the involvement: follow, unless we are in the middle of choosing.
  createEffect(
    on(
      () => JSON.stringify(props.involved),
      () => {
        if (!dirty()) setChoices(reconcile(fromRecord()))
      },
      { defer: true },
    ),
  )

  const toggleDepartment = (id: string, involved: boolean) => {
    setDirty(true)
    setMessage(undefined)
    setChoices(id, 'involved', involved)
  }
  const toggleSection = (id: string, section: string, on: boolean) => {
    setDirty(true)
    setMessage(undefined)
    setChoices(id, 'sections', (list) => (on ? sectionNames.filter((s) => s === section || list.includes(s)) : list.filter((s) => s !== section)))
  }

  const input = (): InvolvementInput | string => {
    const chosen = candidates().filter((d) => choices[d.id]?.involved)
    for (const d of chosen) if (choices[d.id]!.sections.length === 0) return t('steer.noSections', { department: departmentLabel(d.id) })
    // An empty deadline leaves it to the server: the configured working days from today.
    return chosen.map((d) => ({
      departmentId: d.id,
      sections: [...choices[d.id]!.sections],
      editMode: choices[d.id]!.suggestOnly ? ('suggest' as const) : ('edit' as const),
      ...(choices[d.id]!.due ? { due: choices[d.id]!.due } : {}),
    }))
  }

  const submit = async (start: boolean) => {
    const body = input()
    if (typeof body === 'string') return setMessage({ kind: 'error', text: body })
    if (start && body.length === 0) return setMessage({ kind: 'error', text: t('steer.noneChosen') })
    setBusy(true)
    setMessage(undefined)
    try {
      await (start ? api.startCosigning(props.proposalId, body) : api.setDepartments(props.proposalId, body))
      setDirty(false)
      if (!start) setMessage({ kind: 'ok', text: t('steer.saved') })
    } catch (e) {
      setMessage({ kind: 'error', text: t('steer.error', { message: (e as Error).message }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      class="involvement"
      data-testid="involvement-form"
      onSubmit={(event) => {
        event.preventDefault()
        void submit(props.canStart)
      }}
    >
      <p class="hint-line">{t('steer.hint')}</p>
      <Show when={props.canStart}>
        <p class="hint-line" id="due-hint">
          {t('due.fieldHint')}
        </p>
      </Show>
      <ul class="involvement-list">
        <For each={candidates()}>
          {(department) => (
            <li class="involvement-row" data-testid={`involve-${department.id}`} classList={{ chosen: choices[department.id]?.involved }}>
              <label class="check-label department-check">
                <input
                  type="checkbox"
                  checked={choices[department.id]?.involved}
                  onChange={(event) => toggleDepartment(department.id, event.currentTarget.checked)}
                />
                {departmentLabel(department.id)}
              </label>
              <Show when={choices[department.id]?.involved}>
                <fieldset class="section-choices">
                  <legend class="visually-hidden">{t('steer.sectionsOf', { department: departmentLabel(department.id) })}</legend>
                  <For each={sectionNames}>
                    {(section) => (
                      <label class="check-label section-check">
                        <input
                          type="checkbox"
                          name={`${department.id}-${section}`}
                          checked={choices[department.id]?.sections.includes(section)}
                          onChange={(event) => toggleSection(department.id, section, event.currentTarget.checked)}
                        />
                        {sectionLabel(section)}
                      </label>
                    )}
                  </For>
                </fieldset>
                <label class="check-label" title={t('suggest.editModeHint')}>
                  <input
                    type="checkbox"
                    checked={choices[department.id]?.suggestOnly}
                    onChange={(event) => {
                      setDirty(true)
                      setMessage(undefined)
                      setChoices(department.id, 'suggestOnly', event.currentTarget.checked)
                    }}
                    data-testid={`suggest-only-${department.id}`}
                  />
                  {t('suggest.editMode')}
                </label>
                <Show when={props.canStart}>
                  <div class="due-choice">
                    <label for={`due-${department.id}`}>{t('due.field')}</label>
                    <input
                      id={`due-${department.id}`}
                      type="date"
                      value={choices[department.id]?.due ?? ''}
                      aria-describedby="due-hint"
                      onInput={(event) => {
                        setDirty(true)
                        setChoices(department.id, 'due', event.currentTarget.value)
                      }}
                      data-testid={`due-${department.id}`}
                    />
                  </div>
                </Show>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={message()}>
        {(m) => (
          <p class={m().kind === 'error' ? 'inline-error' : 'inline-ok'} role={m().kind === 'error' ? 'alert' : 'status'}>
            {m().text}
          </p>
        )}
      </Show>
      <div class="form-actions">
        <Show when={props.canStart}>
          <button type="submit" disabled={busy()} data-testid="start-cosigning">
            {busy() ? t('steer.busy') : t('steer.start')}
          </button>
        </Show>
        <button type="button" class="secondary" disabled={busy()} onClick={() => void submit(false)} data-testid="save-involvement">
          {t('steer.save')}
        </button>
      </div>
    </form>
  )
}
