// The sign-in form: username and password; the server answers the same for every failure.
import { createSignal, Show } from 'solid-js'
import { ApiError } from '../api'
import { t } from '../i18n'
import { signIn } from '../session'

export default function Login() {
  const [username, setUsername] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [error, setError] = createSignal<string>()
  const [busy, setBusy] = createSignal(false)

  const submit = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await signIn(username().trim(), password())
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401
          ? t('login.wrong')
          : failure instanceof ApiError && failure.status === 429
            ? t('login.throttled', { seconds: /(\d+) seconds/.exec(failure.message)?.[1] ?? '60' })
            : failure instanceof ApiError && failure.status === 403
              ? t('login.disabled')
              : failure instanceof Error
                ? failure.message
                : String(failure),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="card login">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit}>
        <label class="field">
          <span>{t('login.username')}</span>
          <input name="username" autocomplete="username" required value={username()} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <p class="error" role="alert" data-testid="login-error">
            {error()}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={busy()}>
          {t('login.submit')}
        </button>
      </form>
    </section>
  )
}
