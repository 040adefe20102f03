// A lead of an involved department signs for it: a stance, and a remark that Hinweis and Einwand need.
import { createEffect, createSignal, createUniqueId, For, on, Show } from 'solid-js'
import { stances, stancesNeedingRemark, type RecordSignature, type Stance } from '../../../shared/record'
import { api } from '../api'
import { departmentLabel } from '../departments'
import { t } from '../i18n'
import { stanceLabel } from './labels'

export function SignForm(props: {
  proposalId: string
  departmentId: string
  signature: RecordSignature | undefined
  outdated: boolean
  onDone?: () => void
  onCancel?: () => void
}) {
  const id = createUniqueId()
  const [stance, setStance] = createSignal<Stance>(props.signature?.stance ?? 'acknowledged')
  const [remark, setRemark] = createSignal(props.signature?.remark ?? '')
  const [missingRemark, setMissingRemark] = createSignal(false)
  const [touched, setTouched] = createSignal(false)
  // The form may open before the record has brought the department's last signature (after a reload):
  // take its vote and remark as soon as they arrive, unless the lead already chose something.
  createEffect(
    on(
      () => props.signature,
      (signature) => {
        if (!signature || touched()) return
        setStance(signature.stance)
        setRemark(signature.remark)
      },
    ),
  )
  const [error, setError] = createSignal<string>()
  const [busy, setBusy] = createSignal(false)
  let remarkField!: HTMLTextAreaElement
  const needsRemark = () => stancesNeedingRemark.includes(stance())

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setError(undefined)
    if (needsRemark() && remark().trim() === '') {
      setMissingRemark(true)
      remarkField.focus()
      return
    }
    setBusy(true)
    try {
      await api.sign(props.proposalId, stance(), remark().trim())
      props.onDone?.()
    } catch (e) {
      const message = (e as Error).message
      // The server's "remark: …" is the same rule as ours; say it in the user's words.
      if (message.startsWith('remark:')) setMissingRemark(true)
      else setError(t('sign.error', { message }))
    } finally {
      setBusy(false)
    }
  }

  const label = () => (props.signature ? t('sign.resubmit') : t('sign.submit'))
  return (
    <form class="sign-form" data-testid="sign-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} class="form-heading">
        {t('sign.heading', { department: departmentLabel(props.departmentId) })}
      </h3>
      <Show when={props.outdated}>
        <p class="hint-line">{t('sign.outdatedHint')}</p>
      </Show>
      <div class="sign-grid">
        <div class="field">
          <label for={`${id}-stance`}>{t('sign.stance')}</label>
          <select
            id={`${id}-stance`}
            data-testid="sign-stance"
            value={stance()}
            onChange={(event) => {
              setTouched(true)
              setStance(event.currentTarget.value as Stance)
              if (!needsRemark()) setMissingRemark(false)
            }}
          >
            <For each={stances}>{(s) => <option value={s}>{stanceLabel(s)}</option>}</For>
          </select>
        </div>
        <div class="field" classList={{ invalid: missingRemark() }}>
          <label for={`${id}-remark`}>
            {needsRemark() ? t('sign.remark') : t('sign.remarkOptional')}
            <Show when={needsRemark()}>
              <span class="required" aria-hidden="true">
                {' '}*
              </span>
            </Show>
          </label>
          <textarea
            ref={remarkField}
            id={`${id}-remark`}
            data-testid="sign-remark"
            rows={3}
            maxLength={5000}
            aria-required={needsRemark() ? true : undefined}
            aria-invalid={missingRemark() ? true : undefined}
            aria-describedby={missingRemark() ? `${id}-remark-error` : undefined}
            value={remark()}
            onInput={(event) => {
              setTouched(true)
              setRemark(event.currentTarget.value)
              if (event.currentTarget.value.trim() !== '') setMissingRemark(false)
            }}
          />
          <Show when={missingRemark()}>
            <span class="field-error" id={`${id}-remark-error`} role="alert" data-testid="sign-remark-error">
              {t('sign.remarkRequired')}
            </span>
          </Show>
        </div>
      </div>
      <Show when={error()}>
        <p class="inline-error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="form-actions">
        <button type="submit" disabled={busy()} data-testid="sign-submit">
          {busy() ? t('sign.busy') : label()}
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="secondary" onClick={() => props.onCancel?.()}>
            {t('sign.cancel')}
          </button>
        </Show>
      </div>
    </form>
  )
}
