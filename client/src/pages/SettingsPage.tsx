// Which notifications a person wants, per event kind: in the app, by e-mail (as a digest).
import { createResource, createSignal, For, Show } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type { NotificationSetting } from '../../../shared/notifications'
import { api, lastLoaded } from '../api'
import { t } from '../i18n'
import './account.css'
import '../record/record-common.css'

export default function SettingsPage() {
  document.title = `${t('settings.title')} – Mitzeichnung`
  const [loaded] = createResource(async () => {
    const answer = await api.notificationSettings()
    setChoices(reconcile(answer.settings))
    return answer
  })
  const [choices, setChoices] = createStore<NotificationSetting[]>([])
  const [message, setMessage] = createSignal<{ ok: boolean; text: string }>()
  const [busy, setBusy] = createSignal(false)

  const save = async (event: SubmitEvent) => {
    event.preventDefault()
    setBusy(true)
    setMessage(undefined)
    try {
      await api.saveNotificationSettings(choices.map((c) => ({ ...c })))
      setMessage({ ok: true, text: t('settings.saved') })
    } catch (error) {
      setMessage({ ok: false, text: t('settings.error', { message: (error as Error).message }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="card" aria-labelledby="settings-heading">
      <h1 id="settings-heading">{t('settings.title')}</h1>
      <p>{t('settings.intro')}</p>
      <Show when={loaded.error}>
        <p class="error" role="alert">
          {t('app.loadError', { message: (loaded.error as Error).message })}
        </p>
      </Show>
      <Show when={lastLoaded(loaded)} fallback={!loaded.error && <p class="muted">{t('app.loading')}</p>}>
        {(answer) => (
          <>
            <p class="muted" data-testid="settings-address">
              {!answer().emailEnabled ? t('settings.emailOff') : answer().email ? t('settings.address', { email: answer().email! }) : t('settings.noAddress')}
            </p>
            <form onSubmit={save} data-testid="notification-settings">
              <table class="members">
                <thead>
                  <tr>
                    <th scope="col">{t('settings.event')}</th>
                    <th scope="col">{t('settings.inApp')}</th>
                    <th scope="col">{t('settings.email')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={choices}>
                    {(choice, index) => (
                      <tr data-kind={choice.kind}>
                        <th scope="row" id={`kind-${choice.kind}`}>
                          {t(`settings.kind.${choice.kind}`)}
                        </th>
                        <td>
                          <input
                            type="checkbox"
                            aria-labelledby={`kind-${choice.kind} in-app-${choice.kind}`}
                            checked={choice.inApp}
                            onChange={(event) => setChoices(index(), 'inApp', event.currentTarget.checked)}
                          />
                          <span id={`in-app-${choice.kind}`} class="visually-hidden">
                            {t('settings.inApp')}
                          </span>
                        </td>
                        <td>
                          <input
                            type="checkbox"
                            aria-labelledby={`kind-${choice.kind} email-${choice.kind}`}
                            checked={choice.email}
                            onChange={(event) => setChoices(index(), 'email', event.currentTarget.checked)}
                          />
                          <span id={`email-${choice.kind}`} class="visually-hidden">
                            {t('settings.email')}
                          </span>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
              <div class="form-actions">
                <button type="submit" disabled={busy()}>
                  {t('settings.save')}
                </button>
              </div>
              <Show when={message()}>
                {(m) => (
                  <p class={m().ok ? 'inline-ok' : 'inline-error'} role={m().ok ? 'status' : 'alert'}>
                    {m().text}
                  </p>
                )}
              </Show>
            </form>
          </>
        )}
      </Show>
    </section>
  )
}
