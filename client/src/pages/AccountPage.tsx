// The user's own account: change the password; for a lead also the people of the department (reset, disable).
import { createResource, createSignal, For, Show } from 'solid-js'
import { api, ApiError, lastLoaded, type DepartmentMember } from '../api'
import { t } from '../i18n'
import { currentUser } from '../session'
import './account.css'

const messageOf = (failure: unknown) => (failure instanceof ApiError || failure instanceof Error ? failure.message : String(failure))

export default function AccountPage() {
  return (
    <>
      <PasswordForm />
      <Show when={currentUser()?.role === 'lead' && currentUser()}>{(lead) => <Members departmentId={lead().departmentId} />}</Show>
    </>
  )
}

function PasswordForm() {
  const [current, setCurrent] = createSignal('')
  const [next, setNext] = createSignal('')
  const [repeat, setRepeat] = createSignal('')
  const [outcome, setOutcome] = createSignal<{ ok: boolean; text: string }>()
  const [busy, setBusy] = createSignal(false)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    if (next() !== repeat()) return setOutcome({ ok: false, text: t('account.mismatch') })
    setBusy(true)
    setOutcome(undefined)
    try {
      const { endedSessions } = await api.changePassword(current(), next())
      setOutcome({ ok: true, text: t('account.changed', { n: endedSessions }) })
      setCurrent('')
      setNext('')
      setRepeat('')
    } catch (failure) {
      setOutcome({ ok: false, text: t('account.error', { message: messageOf(failure) }) })
    } finally {
      setBusy(false)
    }
  }

  const passwordField = (label: string, name: string, value: () => string, set: (v: string) => void, autocomplete: string) => (
    <label class="field">
      <span>{label}</span>
      <input name={name} type="password" autocomplete={autocomplete} required value={value()} onInput={(e) => set(e.currentTarget.value)} />
    </label>
  )

  return (
    <section class="card" aria-labelledby="password-heading">
      <h1 id="password-heading">{t('account.passwordTitle')}</h1>
      <form onSubmit={submit} data-testid="password-form">
        {passwordField(t('account.current'), 'current-password', current, setCurrent, 'current-password')}
        {passwordField(t('account.new'), 'new-password', next, setNext, 'new-password')}
        {passwordField(t('account.repeat'), 'repeat-password', repeat, setRepeat, 'new-password')}
        <p class="muted">{t('account.hint')}</p>
        <Show when={outcome()}>
          {(shown) => (
            <p class={shown().ok ? 'muted' : 'error'} role={shown().ok ? 'status' : 'alert'} data-testid="password-outcome">
              {shown().text}
            </p>
          )}
        </Show>
        <button type="submit" class="primary" disabled={busy()}>
          {t('account.submit')}
        </button>
      </form>
    </section>
  )
}

function Members(props: { departmentId: string }) {
  const [members, { refetch }] = createResource(() => props.departmentId, (id) => api.departmentMembers(id))
  const [notice, setNotice] = createSignal<{ ok: boolean; text: string }>()

  const act = async (action: () => Promise<unknown>, done?: string) => {
    setNotice(undefined)
    try {
      await action()
      if (done) setNotice({ ok: true, text: done })
      await refetch()
    } catch (failure) {
      setNotice({ ok: false, text: t('account.actionError', { message: messageOf(failure) }) })
    }
  }

  const Row = (member: DepartmentMember) => {
    const [password, setPassword] = createSignal('')
    const isSelf = member.id === currentUser()?.id
    return (
      <tr data-testid={`member-${member.username}`}>
        <td>
          {member.displayName} <span class="muted">({member.username})</span>
        </td>
        <td>{member.role}</td>
        <td>{member.disabled ? t('account.disabledState') : t('account.active')}</td>
        <td>
          <Show when={!isSelf}>
            <button type="button" class="link-button" onClick={() => void act(() => api.setDisabled(member.id, !member.disabled))}>
              {member.disabled ? t('account.enable') : t('account.disable')}
            </button>{' '}
            <form
              class="inline-form"
              onSubmit={(event) => {
                event.preventDefault()
                void act(() => api.resetPassword(member.id, password()), t('account.resetDone', { name: member.displayName })).then(() => setPassword(''))
              }}
            >
              <input
                type="password"
                autocomplete="new-password"
                aria-label={t('account.resetPrompt', { name: member.displayName })}
                placeholder={t('account.reset')}
                value={password()}
                onInput={(e) => setPassword(e.currentTarget.value)}
                required
              />
              <button type="submit">{t('account.reset')}</button>
            </form>
          </Show>
        </td>
      </tr>
    )
  }

  return (
    <section class="card" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('account.membersTitle')}</h2>
      <Show when={notice()}>
        {(shown) => (
          <p class={shown().ok ? 'muted' : 'error'} role={shown().ok ? 'status' : 'alert'} data-testid="members-notice">
            {shown().text}
          </p>
        )}
      </Show>
      <table class="members">
        <thead>
          <tr>
            <th>{t('account.member')}</th>
            <th>{t('account.role')}</th>
            <th>{t('account.state')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={lastLoaded(members)}>{Row}</For>
        </tbody>
      </table>
    </section>
  )
}
